import "server-only";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/server/audit";
import { now } from "@/lib/server/clock";
import { decryptSecret } from "@/lib/server/crypto";
import { consume, peek } from "@/lib/server/rate-limit";
import { IP_ATTEMPTS, IP_WINDOW_SECONDS } from "./limits";
import { hashPassword, verifyPassword } from "./password";
import { signInSchema } from "./schemas";
import { verifyTotp } from "./totp";

export interface SignedInUser {
  id: string;
  name: string;
  sessionVersion: number;
}

export type SignInResult =
  | { ok: true; user: SignedInUser }
  /** one answer for unknown user, wrong password, disabled or locked account (SECURITY.md 3) */
  | { ok: false; reason: "invalid" | "rate_limited" | "totp_required" | "totp_invalid" | "no_role" };

export { IP_ATTEMPTS, IP_WINDOW_SECONDS };

// Verifying against a throwaway hash when the account does not exist keeps the response time
// of "unknown user" and "wrong password" alike.
let decoyHash: Promise<string> | undefined;

/**
 * Checks a username, password and (when the user has enrolled) a TOTP code. Locks the account
 * for `lockoutMinutes` after `lockoutThreshold` consecutive failures; a locked account fails
 * even with the right password. Every attempt is audited.
 */
export async function signInWithPassword(input: unknown, context: { ip: string | null; userAgent: string | null }): Promise<SignInResult> {
  const at = now();
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { username, password, totp } = parsed.data;
  const audit = { actorName: username, ip: context.ip, userAgent: context.userAgent, targetType: "User" } as const;

  // Per client address, only failed attempts count (a whole county signs in through one NAT
  // address at 9:00 on reporting day); the per-account lockout below stops guessing one account.
  const ipKey = context.ip ? `signin:ip:${context.ip}` : null;
  const failed = async () => {
    if (ipKey) await consume(ipKey, IP_ATTEMPTS, IP_WINDOW_SECONDS, at);
  };
  if (ipKey) {
    const limit = await peek(ipKey, IP_ATTEMPTS, IP_WINDOW_SECONDS, at);
    if (!limit.allowed) {
      await recordAudit(db, { ...audit, event: "auth.signin", result: "DENIED", detail: "throttled (per-IP limit)" });
      return { ok: false, reason: "rate_limited" };
    }
  }

  const user = await db.user.findFirst({
    where: { username, deletedAt: null },
    select: {
      id: true,
      name: true,
      passwordHash: true,
      disabledAt: true,
      lockedUntil: true,
      failedLoginCount: true,
      sessionVersion: true,
      unitId: true,
      totpSecret: true,
      totpEnabledAt: true,
      totpLastStep: true,
      roleAssignments: { select: { committeeId: true, committee: { select: { settings: true } } }, take: 1, orderBy: { createdAt: "asc" } },
    },
  });

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
    await failed();
    return { ok: false, reason: "invalid" };
  }

  const grant = user.roleAssignments[0];
  const committeeId = grant?.committeeId ?? null;
  const settings = grant?.committee.settings;
  const threshold = settings?.lockoutThreshold ?? 5;
  const lockMinutes = settings?.lockoutMinutes ?? 30;
  const who = { ...audit, actorId: user.id, targetId: user.id, unitId: user.unitId, committeeId };
  const passwordOk = await verifyPassword(user.passwordHash, password);

  if (user.lockedUntil && user.lockedUntil > at) {
    await recordAudit(db, { ...who, event: "auth.signin", result: "FAILURE", detail: `locked until ${user.lockedUntil.toISOString()}` });
    await failed();
    return { ok: false, reason: "invalid" };
  }

  if (!passwordOk) {
    const failures = (user.lockedUntil ? 0 : user.failedLoginCount) + 1;
    const locks = failures >= threshold;
    await db.$transaction(async (tx) => {
      await tx.user.update({
        where: { id: user.id },
        data: locks
          ? { failedLoginCount: 0, lockedUntil: new Date(at.getTime() + lockMinutes * 60_000) }
          : { failedLoginCount: failures, lockedUntil: null },
      });
      await recordAudit(tx, { ...who, event: "auth.signin", result: "FAILURE", detail: "wrong password" });
      if (locks) await recordAudit(tx, { ...who, event: "auth.lockout", detail: `${failures} failures; locked ${lockMinutes} min` });
    });
    await failed();
    return { ok: false, reason: "invalid" };
  }

  if (user.totpEnabledAt && user.totpSecret) {
    if (!totp) return { ok: false, reason: "totp_required" };
    const lastStep = user.totpLastStep === null ? null : Number(user.totpLastStep);
    const check = verifyTotp(decryptSecret(user.totpSecret), totp, lastStep, at);
    if (!check.ok) {
      await recordAudit(db, { ...who, event: "auth.signin", result: "FAILURE", detail: `second factor ${check.reason}` });
      await failed();
      return { ok: false, reason: "totp_invalid" };
    }
    await db.user.update({ where: { id: user.id }, data: { totpLastStep: BigInt(check.step) } });
  }

  if (!grant) {
    // Right password, but nobody has granted this account a role yet: say so rather than loop back.
    await recordAudit(db, { ...who, event: "auth.signin", result: "DENIED", detail: "no role granted" });
    return { ok: false, reason: "no_role" };
  }

  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: at, lastLoginIp: context.ip },
    });
    await recordAudit(tx, { ...who, event: "auth.signin", actorName: user.name });
  });
  return { ok: true, user: { id: user.id, name: user.name, sessionVersion: user.sessionVersion } };
}

export async function recordSignOut(userId: string | undefined): Promise<void> {
  if (!userId) return;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { name: true, unitId: true, roleAssignments: { select: { committeeId: true }, take: 1, orderBy: { createdAt: "asc" } } },
  });
  // Recorded in the user's committee, so only that committee's auditor sees it.
  await recordAudit(db, {
    event: "auth.signout",
    committeeId: user?.roleAssignments[0]?.committeeId ?? null,
    actorId: userId,
    actorName: user?.name,
    unitId: user?.unitId,
    targetType: "User",
    targetId: userId,
  });
}
