import { env } from "./env";

/** "Now" for the app; tests and demos may pin it with APP_NOW. */
export function now(): Date {
  const pinned = env().APP_NOW;
  return pinned ? new Date(pinned) : new Date();
}
