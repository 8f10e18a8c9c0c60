import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/prisma";
import { authOptions, SESSION_MAX_AGE_SECONDS } from "./options";

export interface RoleGrant {
  role: Role;
  unitId: string | null;
  groupId: string | null;
}

/** The signed-in user as every server query and service sees them: identity plus scope. */
export interface Actor {
  userId: string;
  username: string;
  name: string;
  committee: { id: string; name: string; regionName: string; officeName: string };
  unit: { id: string; name: string } | null;
  roles: RoleGrant[];
  isLeader: boolean;
  leaderTitle: string | null;
}

/**
 * Loads the actor once per request. A session whose version no longer matches the user's
 * (disabled, roles or password changed), or older than the absolute lifetime, counts as none.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.userId) return null;
  if (Date.now() / 1000 - session.authTime > SESSION_MAX_AGE_SECONDS) return null;

  const user = await db.user.findFirst({
    where: { id: session.userId, deletedAt: null, disabledAt: null, sessionVersion: session.sessionVersion },
    select: {
      id: true,
      username: true,
      name: true,
      isLeader: true,
      leaderTitle: true,
      unit: { select: { id: true, name: true } },
      roleAssignments: {
        select: {
          role: true,
          unitId: true,
          groupId: true,
          committee: { select: { id: true, name: true, regionName: true, officeName: true } },
        },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  const committee = user?.roleAssignments[0]?.committee;
  if (!user || !committee) return null;

  return {
    userId: user.id,
    username: user.username,
    name: user.name,
    committee,
    unit: user.unit,
    roles: user.roleAssignments
      .filter((grant) => grant.committee.id === committee.id)
      .map(({ role, unitId, groupId }) => ({ role, unitId, groupId })),
    isLeader: user.isLeader,
    leaderTitle: user.leaderTitle,
  };
});

/** For pages: the actor, or a redirect to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}
