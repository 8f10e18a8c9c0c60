import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { PASSWORD_HISTORY_DEPTH, passwordProblems } from "@/lib/auth/password-policy";
import { verifyTotp } from "@/lib/auth/totp";
import { defineServiceAction } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { encryptSecret } from "@/lib/server/crypto";
import { ForbiddenError, ValidationError } from "@/lib/server/errors";
import { changePasswordSchema, disableTotpSchema, enableTotpSchema } from "./schemas";

/**
 * The user changes their own password: the current one must match, the new one must meet the
 * policy and differ from the last five. Ends every other session (sessionVersion + 1).
 */
export const changePassword = defineServiceAction({
  name: "account.changePassword",
  permission: "account:write",
  input: changePasswordSchema,
  allowDuringPasswordChange: true,
  allowDuringTotpSetup: true,
  async run({ tx, actor, input }) {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: actor.userId },
      select: { passwordHash: true, username: true, passwordHistory: { orderBy: { createdAt: "desc" }, take: PASSWORD_HISTORY_DEPTH } },
    });
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new ValidationError({ currentPassword: ["validation.currentPasswordWrong"] });
    }
    const settings = await tx.committeeSettings.findUnique({ where: { committeeId: actor.committee.id } });
    const problems = passwordProblems(input.newPassword, {
      username: user.username,
      rules: { minLength: settings?.passwordMinLength ?? 8 },
    });
    if (problems.length) throw new ValidationError({ newPassword: problems });
    const previous = [user.passwordHash, ...user.passwordHistory.map((entry) => entry.hash)].slice(0, PASSWORD_HISTORY_DEPTH);
    for (const hash of previous) {
      if (await verifyPassword(hash, input.newPassword)) throw new ValidationError({ newPassword: ["validation.passwordReused"] });
    }
    const hash = await hashPassword(input.newPassword);
    await tx.user.update({
      where: { id: actor.userId },
      data: {
        passwordHash: hash,
        passwordChangedAt: now(),
        mustChangePassword: false,
        sessionVersion: { increment: 1 },
        version: { increment: 1 },
      },
    });
    await tx.passwordHistory.create({ data: { userId: actor.userId, hash } });
    return { result: { signOutRequired: true }, audit: { targetType: "User", targetId: actor.userId, detail: "password changed" } };
  },
});

/** Turns on the second factor after the user proves their authenticator shows the right code. */
export const enableTotp = defineServiceAction({
  name: "account.enableTotp",
  permission: "account:write",
  input: enableTotpSchema,
  allowDuringTotpSetup: true,
  async run({ tx, actor, input }) {
    const check = verifyTotp(input.secret, input.code, null, now());
    if (!check.ok) throw new ValidationError({ code: ["validation.invalid"] });
    await tx.user.update({
      where: { id: actor.userId },
      data: { totpSecret: encryptSecret(input.secret), totpEnabledAt: now(), totpLastStep: BigInt(check.step), version: { increment: 1 } },
    });
    return { result: { enabled: true }, audit: { targetType: "User", targetId: actor.userId, changes: { totpEnabled: [false, true] } } };
  },
});

export const disableTotp = defineServiceAction({
  name: "account.disableTotp",
  permission: "account:write",
  input: disableTotpSchema,
  async run({ tx, actor, input }) {
    // Where the committee requires a second factor for administrators, they cannot turn it off.
    const settings = await tx.committeeSettings.findUnique({
      where: { committeeId: actor.committee.id },
      select: { requireTotpForAdmins: true },
    });
    const isAdmin = actor.roles.some((grant) => grant.role === "ADMIN" || grant.role === "SECURITY_ADMIN" || grant.role === "AUDITOR");
    if (settings?.requireTotpForAdmins && isAdmin) throw new ForbiddenError();
    const user = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new ValidationError({ currentPassword: ["validation.currentPasswordWrong"] });
    }
    await tx.user.update({
      where: { id: actor.userId },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, version: { increment: 1 } },
    });
    return { result: { enabled: false }, audit: { targetType: "User", targetId: actor.userId, changes: { totpEnabled: [true, false] } } };
  },
});
