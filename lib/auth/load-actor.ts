import "server-only";
// Building the Actor from the database, with no Next.js request machinery: the session (actor.ts),
// the API's bearer tokens and scripts all load it the same way.
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/prisma";
import { now } from "@/lib/server/clock";
import type { RequestContext } from "@/lib/server/context";
import { passwordExpired } from "./password-policy";
import { ADMIN_ROLES, type Grantee } from "./permissions";
import { sessionState } from "./session-policy";

export interface RoleGrant {
  role: Role;
  unitId: string | null;
  groupId: string | null;
}

/** The signed-in user as every server query and service sees them: identity, scope, request. */
export interface Actor extends Grantee {
  userId: string;
  username: string;
  name: string;
  committee: { id: string; name: string; regionName: string; officeName: string };
  unit: { id: string; name: string } | null;
  roles: RoleGrant[];
  isLeader: boolean;
  leaderTitle: string | null;
  /** must change the password before anything else (first sign-in, admin reset, expiry) */
  passwordChangeRequired: boolean;
  totpEnabled: boolean;
  /** an administrator of a committee that requires a second factor, not yet enrolled */
  totpSetupRequired?: boolean;
  context: RequestContext;
}

/** What the session cookie says about the user (next-auth's decoded JWT). */
export interface SessionClaims {
  userId: string;
  sessionVersion: number;
  authTime: number;
  lastSeen: number;
}

/**
 * The actor behind a session, or null when the session no longer counts: its version differs
 * from the user's (disabled, roles or password changed), it has been idle too long, or it is
 * older than the absolute lifetime — whatever the cookie's own expiry says.
 */
export async function loadActor(session: SessionClaims, context: RequestContext): Promise<Actor | null> {
  // Session limits are deployment-wide (proxy.ts applies the same ones when refreshing the cookie).
  const nowSeconds = Math.floor(now().getTime() / 1000);
  if (sessionState({ authTime: session.authTime, lastSeen: session.lastSeen }, nowSeconds) !== "active") return null;
  return actorOfUser(session.userId, context, { sessionVersion: session.sessionVersion });
}

/**
 * The actor of an enabled user with a role, as of now (roles and scope are read afresh on every
 * request). A session or session token also names the sessionVersion it was issued under.
 */
export async function actorOfUser(userId: string, context: RequestContext, bound: { sessionVersion?: number } = {}): Promise<Actor | null> {
  const user = await db.user.findFirst({
    where: {
      id: userId,
      deletedAt: null,
      disabledAt: null,
      ...(bound.sessionVersion === undefined ? {} : { sessionVersion: bound.sessionVersion }),
    },
    select: {
      id: true,
      username: true,
      name: true,
      isLeader: true,
      leaderTitle: true,
      mustChangePassword: true,
      passwordChangedAt: true,
      totpEnabledAt: true,
      unit: { select: { id: true, name: true } },
      roleAssignments: {
        select: {
          role: true,
          unitId: true,
          groupId: true,
          committee: {
            select: {
              id: true,
              name: true,
              regionName: true,
              officeName: true,
              settings: true,
              children: { select: { id: true } },
            },
          },
        },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  const committee = user?.roleAssignments[0]?.committee;
  if (!user || !committee) return null;

  const settings = committee.settings;

  const roles = user.roleAssignments
    .filter((grant) => grant.committee.id === committee.id)
    .map(({ role, unitId, groupId }) => ({ role, unitId, groupId }));
  const isAdmin = roles.some((grant) => ADMIN_ROLES.includes(grant.role));

  return {
    userId: user.id,
    username: user.username,
    name: user.name,
    committeeId: committee.id,
    childCommitteeIds: committee.children.map((child) => child.id),
    committee: { id: committee.id, name: committee.name, regionName: committee.regionName, officeName: committee.officeName },
    unit: user.unit,
    roles,
    isLeader: user.isLeader,
    leaderTitle: user.leaderTitle,
    passwordChangeRequired:
      user.mustChangePassword || (isAdmin && passwordExpired(user.passwordChangedAt, settings?.passwordMaxAgeDaysAdmin ?? null, now())),
    totpEnabled: Boolean(user.totpEnabledAt),
    totpSetupRequired: isAdmin && Boolean(settings?.requireTotpForAdmins) && !user.totpEnabledAt,
    context,
  };
}
