import "server-only";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/server/audit";
import { now } from "@/lib/server/clock";
import { hashPassword, verifyPassword } from "./password";
import { signInSchema } from "./schemas";

export interface SignedInUser {
  id: string;
  name: string;
  sessionVersion: number;
}

// Verifying against a throwaway hash when the account does not exist keeps the response time
// of "unknown user" and "wrong password" alike.
let decoyHash: Promise<string> | undefined;

/**
 * Checks a username and password. Returns null for every kind of failure: the caller shows one
 * message whether the account exists or not (SECURITY.md 3). Every attempt is audited.
 */
export async function signInWithPassword(
  input: unknown,
  context: { ip: string | null; userAgent: string | null },
): Promise<SignedInUser | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { username, password } = parsed.data;

  const user = await db.user.findFirst({
    where: { username, deletedAt: null },
    select: {
      id: true,
      name: true,
      passwordHash: true,
      disabledAt: true,
      sessionVersion: true,
      unitId: true,
      roleAssignments: { select: { committeeId: true }, take: 1 },
    },
  });
  const audit = { actorName: username, ip: context.ip, userAgent: context.userAgent, targetType: "User" } as const;

  if (!user?.passwordHash || user.disabledAt) {
    decoyHash ??= hashPassword("decoy-password-never-used");
    await verifyPassword(await decoyHash, password);
    await recordAudit(db, {
      ...audit,
      event: "auth.signin",
      result: "FAILURE",
      actorId: user?.id,
      targetId: user?.id,
      detail: user ? "disabled or no password" : "unknown user",
    });
    return null;
  }

  const committeeId = user.roleAssignments[0]?.committeeId ?? null;
  if (!(await verifyPassword(user.passwordHash, password))) {
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: { increment: 1 } } });
      await recordAudit(tx, {
        ...audit,
        event: "auth.signin",
        result: "FAILURE",
        actorId: user.id,
        targetId: user.id,
        unitId: user.unitId,
        committeeId,
        detail: "wrong password",
      });
    });
    return null;
  }

  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lastLoginAt: now(), lastLoginIp: context.ip } });
    await recordAudit(tx, {
      ...audit,
      event: "auth.signin",
      actorId: user.id,
      actorName: user.name,
      targetId: user.id,
      unitId: user.unitId,
      committeeId,
    });
  });
  return { id: user.id, name: user.name, sessionVersion: user.sessionVersion };
}

export async function recordSignOut(userId: string | undefined): Promise<void> {
  if (!userId) return;
  const user = await db.user.findUnique({ where: { id: userId }, select: { name: true, unitId: true } });
  await recordAudit(db, {
    event: "auth.signout",
    actorId: userId,
    actorName: user?.name,
    unitId: user?.unitId,
    targetType: "User",
    targetId: userId,
  });
}
