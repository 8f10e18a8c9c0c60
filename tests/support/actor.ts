// The Actor a signed-in user gets, built the way the server builds it (loadActor), for calling
// services directly in integration tests.
import { loadActor, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { now } from "@/lib/server/clock";

export const TEST_CONTEXT = {
  ip: "10.0.0.1",
  userAgent: "vitest",
  requestId: "test-request",
  origin: "http://localhost",
  host: "localhost",
};

export async function actorFor(userId: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  const seconds = Math.floor(now().getTime() / 1000); // the app's clock, which a test may pin
  const actor = await loadActor({ userId, sessionVersion: user.sessionVersion, authTime: seconds, lastSeen: seconds }, TEST_CONTEXT);
  if (!actor) throw new Error(`user ${userId} has no usable session (disabled, or no role)`);
  return actor;
}
