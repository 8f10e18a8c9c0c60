import { pinnedNow } from "./env";

/** "Now" for the app; tests and demos may pin it with APP_NOW (read on every call). */
export function now(): Date {
  return pinnedNow() ?? new Date();
}
