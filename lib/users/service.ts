import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { rolesCompatible } from "@/lib/auth/permissions";
import { passwordProblems } from "@/lib/auth/password-policy";
import type { Prisma, Role } from "@/lib/db/prisma";
import { defineServiceAction, diff, type Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { createUserSchema, grantRoleSchema, resetPasswordSchema, revokeRoleSchema, updateUserSchema, userStateSchema } from "./schemas";

/** A user belongs to the committee through their home unit or a role they hold in it. */
export function userInCommittee(committeeId: string): Prisma.UserWhereInput {
  return { deletedAt: null, OR: [{ unit: { committeeId } }, { roleAssignments: { some: { committeeId } } }] };
}

/** Roles an ADMIN may not take over by resetting or disabling the account (三员分立). */
const PROTECTED_ROLES: Role[] = ["SECURITY_ADMIN", "AUDITOR"];

async function loadUser(tx: Tx, committeeId: string, id: string) {
  const user = await tx.user.findFirst({
    where: { id, ...userInCommittee(committeeId) },
    select: {
      id: true,
      username: true,
      name: true,
      unitId: true,
      email: true,
      phone: true,
      disabledAt: true,
      version: true,
      roleAssignments: { where: { committeeId }, select: { role: true } },
    },
  });
  if (!user) throw new NotFoundError();
  return user;
}

async function loadUnit(tx: Tx, committeeId: string, unitId: string) {
  const unit = await tx.unit.findFirst({ where: { id: unitId, committeeId, deletedAt: null }, select: { id: true, active: true } });
  if (!unit) throw new NotFoundError();
  if (!unit.active) throw new ValidationError({ unitId: ["admin.validation.unitInactive"] });
  return unit;
}

async function checkPassword(tx: Tx, committeeId: string, password: string, username: string) {
  const settings = await tx.committeeSettings.findUnique({ where: { committeeId }, select: { passwordMinLength: true } });
  const problems = passwordProblems(password, { username, rules: { minLength: settings?.passwordMinLength ?? 8 } });
  if (problems.length) throw new ValidationError({ password: problems });
}

function guardAccountOf(actorId: string, user: { id: string; roleAssignments: { role: Role }[] }) {
  if (user.id === actorId) throw new ForbiddenError();
  if (user.roleAssignments.some((grant) => PROTECTED_ROLES.includes(grant.role))) throw new ForbiddenError();
}

/** Audit changes of a new record: null → value for every field set. */
export function created(fields: Record<string, unknown>): Record<string, [unknown, unknown]> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([key, value]) => [key, [null, value]]),
  );
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

export const createUser = defineServiceAction({
  name: "user.create",
  permission: "user:write",
  input: createUserSchema,
  async load(tx, actor, input) {
    await loadUnit(tx, actor.committee.id, input.unitId);
    return { committeeId: actor.committee.id };
  },
  async run({ tx, actor, input }) {
    await checkPassword(tx, actor.committee.id, input.password, input.username);
    if (await tx.user.findUnique({ where: { username: input.username }, select: { id: true } }))
      throw new ValidationError({ username: ["validation.duplicateUsername"] });
    const passwordHash = await hashPassword(input.password);
    // No role here: roles are granted by the security administrator (三员分立).
    const user = await tx.user
      .create({
        data: {
          username: input.username,
          name: input.name,
          unitId: input.unitId,
          email: input.email,
          phone: input.phone,
          passwordHash,
          passwordChangedAt: now(),
          mustChangePassword: true,
          passwordHistory: { create: { hash: passwordHash } },
        },
        select: { id: true },
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new ValidationError({ username: ["validation.duplicateUsername"] });
        throw error;
      });
    const fields = { username: input.username, name: input.name, unitId: input.unitId, email: input.email, phone: input.phone };
    return { result: { id: user.id }, audit: { targetType: "User", targetId: user.id, changes: created(fields) } };
  },
});

export const updateUser = defineServiceAction({
  name: "user.update",
  permission: "user:write",
  input: updateUserSchema,
  async load(tx, actor, input) {
    const user = await loadUser(tx, actor.committee.id, input.id);
    if (input.unitId !== user.unitId) await loadUnit(tx, actor.committee.id, input.unitId);
    return { committeeId: actor.committee.id, user };
  },
  async run({ tx, input, target }) {
    const data = { name: input.name, unitId: input.unitId, email: input.email, phone: input.phone };
    const updated = await tx.user.updateMany({
      where: { id: input.id, version: input.version },
      data: { ...data, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError();
    return { result: { id: input.id }, audit: { targetType: "User", targetId: input.id, changes: diff(target.user, data) } };
  },
});

function defineUserState(name: string, disable: boolean) {
  return defineServiceAction({
    name,
    permission: "user:write",
    input: userStateSchema,
    async load(tx, actor, input) {
      return { committeeId: actor.committee.id, user: await loadUser(tx, actor.committee.id, input.id) };
    },
    async run({ tx, actor, input, target }) {
      guardAccountOf(actor.userId, target.user);
      const disabledAt = disable ? (target.user.disabledAt ?? now()) : null;
      // Disabling ends every session at once: the actor lookup compares sessionVersion.
      const updated = await tx.user.updateMany({
        where: { id: input.id, version: input.version },
        data: {
          disabledAt,
          version: { increment: 1 },
          ...(disable ? { sessionVersion: { increment: 1 } } : { failedLoginCount: 0, lockedUntil: null }),
        },
      });
      if (updated.count === 0) throw new ConflictError();
      return {
        result: { id: input.id },
        audit: {
          targetType: "User",
          targetId: input.id,
          changes: { disabled: [Boolean(target.user.disabledAt), disable] as [unknown, unknown] },
        },
      };
    },
  });
}

export const disableUser = defineUserState("user.disable", true);
export const enableUser = defineUserState("user.enable", false);

export const resetUserPassword = defineServiceAction({
  name: "user.resetPassword",
  permission: "user:write",
  input: resetPasswordSchema,
  async load(tx, actor, input) {
    return { committeeId: actor.committee.id, user: await loadUser(tx, actor.committee.id, input.id) };
  },
  async run({ tx, actor, input, target }) {
    guardAccountOf(actor.userId, target.user);
    await checkPassword(tx, actor.committee.id, input.password, target.user.username);
    const passwordHash = await hashPassword(input.password);
    const updated = await tx.user.updateMany({
      where: { id: input.id, version: input.version },
      data: {
        passwordHash,
        passwordChangedAt: now(),
        mustChangePassword: true,
        failedLoginCount: 0,
        lockedUntil: null,
        sessionVersion: { increment: 1 },
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) throw new ConflictError();
    await tx.passwordHistory.create({ data: { userId: input.id, hash: passwordHash } });
    // The password itself is never audited.
    return { result: { id: input.id }, audit: { targetType: "User", targetId: input.id, detail: "temporary password set" } };
  },
});

export const grantRole = defineServiceAction({
  name: "role.grant",
  permission: "role:grant",
  input: grantRoleSchema,
  async load(tx, actor, input) {
    const committeeId = actor.committee.id;
    const user = await loadUser(tx, committeeId, input.userId);
    if (input.unitId && !(await tx.unit.findFirst({ where: { id: input.unitId, committeeId, deletedAt: null }, select: { id: true } })))
      throw new NotFoundError();
    if (
      input.groupId &&
      !(await tx.specialGroup.findFirst({ where: { id: input.groupId, committeeId, deletedAt: null }, select: { id: true } }))
    )
      throw new NotFoundError();
    return { committeeId, user };
  },
  async run({ tx, actor, input }) {
    // Nobody grants themselves anything, not even the security administrator (三员分立).
    if (input.userId === actor.userId) throw new ForbiddenError();
    const scope = { userId: input.userId, committeeId: actor.committee.id, role: input.role, unitId: input.unitId, groupId: input.groupId };
    if (await tx.roleAssignment.findFirst({ where: scope, select: { id: true } }))
      throw new ValidationError({ role: ["admin.validation.duplicateGrant"] });
    // 三员分立: the person's roles in every committee, serialized on the user's row so two grants
    // made at once cannot together break the rule
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${input.userId} FOR UPDATE`;
    const held = await tx.roleAssignment.findMany({ where: { userId: input.userId }, select: { role: true } });
    if (held.some((grant) => !rolesCompatible(grant.role, input.role)))
      throw new ValidationError({ role: ["admin.validation.separationOfDuties"] });
    const grant = await tx.roleAssignment.create({ data: { ...scope, grantedById: actor.userId }, select: { id: true } });
    await tx.user.update({ where: { id: input.userId }, data: { sessionVersion: { increment: 1 } } });
    return {
      result: { id: grant.id },
      audit: {
        targetType: "User",
        targetId: input.userId,
        changes: { role: [null, input.role], unitId: [null, input.unitId], groupId: [null, input.groupId] },
        detail: `grant ${grant.id}`,
      },
    };
  },
});

export const revokeRole = defineServiceAction({
  name: "role.revoke",
  permission: "role:grant",
  input: revokeRoleSchema,
  async load(tx, actor, input) {
    const grant = await tx.roleAssignment.findFirst({
      where: { id: input.id, committeeId: actor.committee.id },
      select: { id: true, userId: true, role: true, unitId: true, groupId: true, committeeId: true },
    });
    if (!grant) throw new NotFoundError();
    return { committeeId: grant.committeeId, grant };
  },
  async run({ tx, actor, target: { grant } }) {
    if (grant.userId === actor.userId) throw new ForbiddenError();
    await tx.roleAssignment.delete({ where: { id: grant.id } });
    await tx.user.update({ where: { id: grant.userId }, data: { sessionVersion: { increment: 1 } } });
    return {
      result: { id: grant.id },
      audit: {
        targetType: "User",
        targetId: grant.userId,
        changes: { role: [grant.role, null], unitId: [grant.unitId, null], groupId: [grant.groupId, null] },
        detail: `revoke ${grant.id}`,
      },
    };
  },
});
