import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getRequestContext } from "@/lib/server/context";
import { UnauthorizedError } from "@/lib/server/errors";
import { loadActor, type Actor } from "./load-actor";
import { authOptions } from "./options";

export { actorOfUser, loadActor, type Actor, type RoleGrant, type SessionClaims } from "./load-actor";

/** Loads the actor once per request from the session cookie. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.userId) return null;
  return loadActor(session, await getRequestContext());
});

/** For pages: the actor, or a redirect to the sign-in page (or to the set-up step it owes). */
export async function requireActor(options: { allowSetup?: boolean } = {}): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  if (!options.allowSetup) {
    if (actor.passwordChangeRequired) redirect("/account/password");
    if (actor.totpSetupRequired) redirect("/account/security");
  }
  return actor;
}

/** For server actions and API routes: the actor, or 401. */
export async function requireSignedIn(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new UnauthorizedError();
  return actor;
}
