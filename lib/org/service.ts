import "server-only";
import { defineServiceAction, diff, type Tx } from "@/lib/server/action";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { created, isUniqueViolation, userInCommittee } from "@/lib/users/service";
import {
  addGroupMemberSchema,
  createGroupSchema,
  createUnitSchema,
  mergeUnitSchema,
  removeGroupMemberSchema,
  renameGroupSchema,
  renameUnitSchema,
  setLiaisonUnitSchema,
  unitStateSchema,
  updateSecurityPolicySchema,
  updateSettingsSchema,
} from "./schemas";

const duplicateName = () => new ValidationError({ name: ["validation.duplicateName"] });

/** Prisma's unique violation as the form's "name exists" message; anything else as it is. */
function rethrowDuplicate(error: unknown): never {
  throw isUniqueViolation(error) ? duplicateName() : error;
}

async function findUnit(tx: Tx, committeeId: string, id: string) {
  const unit = await tx.unit.findFirst({
    where: { id, committeeId, deletedAt: null },
    select: { id: true, committeeId: true, name: true, shortName: true, active: true, mergedIntoId: true, version: true },
  });
  if (!unit) throw new NotFoundError();
  return unit;
}

async function findGroup(tx: Tx, committeeId: string, id: string) {
  const group = await tx.specialGroup.findFirst({
    where: { id, committeeId, deletedAt: null },
    select: { id: true, committeeId: true, name: true, shortName: true, liaisonUnitId: true, version: true },
  });
  if (!group) throw new NotFoundError();
  return group;
}

// ───────────── Units ─────────────

export const createUnit = defineServiceAction({
  name: "unit.create",
  permission: "unit:write",
  input: createUnitSchema,
  async run({ tx, actor, input }) {
    const committeeId = actor.committee.id;
    if (await tx.unit.findFirst({ where: { committeeId, name: input.name }, select: { id: true } })) throw duplicateName();
    const unit = await tx.unit
      .create({
        data: { committeeId, name: input.name, shortName: input.shortName, kind: input.kind, sortOrder: input.sortOrder ?? 0 },
        select: { id: true },
      })
      .catch(rethrowDuplicate);
    return { result: { id: unit.id }, audit: { targetType: "Unit", targetId: unit.id, changes: created(input) } };
  },
});

export const renameUnit = defineServiceAction({
  name: "unit.rename",
  permission: "unit:write",
  input: renameUnitSchema,
  async load(tx, actor, input) {
    const unit = await findUnit(tx, actor.committee.id, input.id);
    return { committeeId: unit.committeeId, unit };
  },
  async run({ tx, input, target }) {
    if (
      await tx.unit.findFirst({ where: { committeeId: target.committeeId, name: input.name, NOT: { id: input.id } }, select: { id: true } })
    )
      throw duplicateName();
    const data = { name: input.name, shortName: input.shortName };
    const updated = await tx.unit
      .updateMany({ where: { id: input.id, version: input.version }, data: { ...data, version: { increment: 1 } } })
      .catch(rethrowDuplicate);
    if (updated.count === 0) throw new ConflictError();
    return { result: { id: input.id }, audit: { targetType: "Unit", targetId: input.id, changes: diff(target.unit, data) } };
  },
});

function defineUnitState(name: string, active: boolean) {
  return defineServiceAction({
    name,
    permission: "unit:write",
    input: unitStateSchema,
    async load(tx, actor, input) {
      const unit = await findUnit(tx, actor.committee.id, input.id);
      return { committeeId: unit.committeeId, unit };
    },
    async run({ tx, input, target }) {
      // A merged unit stays retired: reactivating it would split its history again.
      if (active && target.unit.mergedIntoId) throw new ValidationError({ _form: ["admin.validation.unitMerged"] });
      const updated = await tx.unit.updateMany({
        where: { id: input.id, version: input.version },
        data: { active, version: { increment: 1 } },
      });
      if (updated.count === 0) throw new ConflictError();
      return { result: { id: input.id }, audit: { targetType: "Unit", targetId: input.id, changes: diff(target.unit, { active }) } };
    },
  });
}

export const deactivateUnit = defineUnitState("unit.deactivate", false);
export const reactivateUnit = defineUnitState("unit.reactivate", true);

export const mergeUnit = defineServiceAction({
  name: "unit.merge",
  permission: "unit:write",
  input: mergeUnitSchema,
  async load(tx, actor, input) {
    const unit = await findUnit(tx, actor.committee.id, input.id);
    const into = await findUnit(tx, actor.committee.id, input.intoId);
    return { committeeId: unit.committeeId, unit, into };
  },
  async run({ tx, input, target: { unit, into } }) {
    if (unit.id === into.id) throw new ValidationError({ intoId: ["admin.validation.mergeSelf"] });
    if (!into.active) throw new ValidationError({ intoId: ["admin.validation.unitInactive"] });
    if (unit.mergedIntoId) throw new ValidationError({ _form: ["admin.validation.unitMerged"] });
    // Only the unit itself is retired here. Moving its tasks, reports and users to the surviving
    // unit belongs to the task feature, which has no behaviour yet; it will read `mergedIntoId`.
    const data = { active: false, mergedIntoId: into.id };
    const updated = await tx.unit.updateMany({
      where: { id: unit.id, version: input.version },
      data: { ...data, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError();
    return {
      result: { id: unit.id },
      audit: { targetType: "Unit", targetId: unit.id, changes: diff(unit, data), detail: `merged into ${into.name}` },
    };
  },
});

// ───────────── Special groups ─────────────

async function checkUnit(tx: Tx, committeeId: string, unitId: string | null) {
  if (unitId) await findUnit(tx, committeeId, unitId);
}

export const createGroup = defineServiceAction({
  name: "group.create",
  permission: "group:write",
  input: createGroupSchema,
  async load(tx, actor, input) {
    await checkUnit(tx, actor.committee.id, input.liaisonUnitId);
    return { committeeId: actor.committee.id };
  },
  async run({ tx, actor, input }) {
    const committeeId = actor.committee.id;
    if (await tx.specialGroup.findFirst({ where: { committeeId, name: input.name }, select: { id: true } })) throw duplicateName();
    const group = await tx.specialGroup.create({ data: { committeeId, ...input }, select: { id: true } }).catch(rethrowDuplicate);
    return { result: { id: group.id }, audit: { targetType: "SpecialGroup", targetId: group.id, changes: created(input) } };
  },
});

export const renameGroup = defineServiceAction({
  name: "group.rename",
  permission: "group:write",
  input: renameGroupSchema,
  async load(tx, actor, input) {
    const group = await findGroup(tx, actor.committee.id, input.id);
    return { committeeId: group.committeeId, group };
  },
  async run({ tx, input, target }) {
    if (
      await tx.specialGroup.findFirst({
        where: { committeeId: target.committeeId, name: input.name, NOT: { id: input.id } },
        select: { id: true },
      })
    )
      throw duplicateName();
    const data = { name: input.name, shortName: input.shortName };
    const updated = await tx.specialGroup
      .updateMany({ where: { id: input.id, version: input.version }, data: { ...data, version: { increment: 1 } } })
      .catch(rethrowDuplicate);
    if (updated.count === 0) throw new ConflictError();
    return { result: { id: input.id }, audit: { targetType: "SpecialGroup", targetId: input.id, changes: diff(target.group, data) } };
  },
});

export const setGroupLiaisonUnit = defineServiceAction({
  name: "group.setLiaisonUnit",
  permission: "group:write",
  input: setLiaisonUnitSchema,
  async load(tx, actor, input) {
    const group = await findGroup(tx, actor.committee.id, input.id);
    await checkUnit(tx, actor.committee.id, input.liaisonUnitId);
    return { committeeId: group.committeeId, group };
  },
  async run({ tx, input, target }) {
    const data = { liaisonUnitId: input.liaisonUnitId };
    const updated = await tx.specialGroup.updateMany({
      where: { id: input.id, version: input.version },
      data: { ...data, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError();
    return { result: { id: input.id }, audit: { targetType: "SpecialGroup", targetId: input.id, changes: diff(target.group, data) } };
  },
});

export const addGroupMember = defineServiceAction({
  name: "group.addMember",
  permission: "group:write",
  input: addGroupMemberSchema,
  async load(tx, actor, input) {
    const committeeId = actor.committee.id;
    const group = await findGroup(tx, committeeId, input.groupId);
    await checkUnit(tx, committeeId, input.unitId);
    if (input.userId) {
      const user = await tx.user.findFirst({
        where: { id: input.userId, ...userInCommittee(committeeId) },
        select: { isLeader: true },
      });
      if (!user) throw new NotFoundError();
      // 组长 and 副组长 are county leaders.
      if ((input.role === "HEAD" || input.role === "DEPUTY") && !user.isLeader)
        throw new ValidationError({ userId: ["admin.validation.notLeader"] });
    }
    return { committeeId: group.committeeId, group };
  },
  async run({ tx, input }) {
    const member = { groupId: input.groupId, role: input.role, userId: input.userId, unitId: input.unitId };
    if (await tx.specialGroupMember.findFirst({ where: member, select: { id: true } }))
      throw new ValidationError({ role: ["admin.validation.duplicateMember"] });
    const last = await tx.specialGroupMember.aggregate({ where: { groupId: input.groupId, role: input.role }, _max: { sortOrder: true } });
    const row = await tx.specialGroupMember.create({
      data: { ...member, sortOrder: (last._max.sortOrder ?? -1) + 1 },
      select: { id: true },
    });
    return {
      result: { id: row.id },
      audit: {
        targetType: "SpecialGroup",
        targetId: input.groupId,
        changes: created({ memberRole: input.role, userId: input.userId, unitId: input.unitId }),
      },
    };
  },
});

export const removeGroupMember = defineServiceAction({
  name: "group.removeMember",
  permission: "group:write",
  input: removeGroupMemberSchema,
  async load(tx, actor, input) {
    const member = await tx.specialGroupMember.findFirst({
      where: { id: input.id, group: { committeeId: actor.committee.id, deletedAt: null } },
      select: { id: true, groupId: true, role: true, userId: true, unitId: true, group: { select: { committeeId: true } } },
    });
    if (!member) throw new NotFoundError();
    return { committeeId: member.group.committeeId, member };
  },
  async run({ tx, target: { member } }) {
    await tx.specialGroupMember.delete({ where: { id: member.id } });
    return {
      result: { id: member.id },
      audit: {
        targetType: "SpecialGroup",
        targetId: member.groupId,
        changes: { memberRole: [member.role, null], userId: [member.userId, null], unitId: [member.unitId, null] },
      },
    };
  },
});

// ───────────── Committee settings ─────────────

async function loadSettings(tx: Tx, committeeId: string) {
  // Every committee is created with its settings; an older one gets the defaults on first edit.
  return (await tx.committeeSettings.findUnique({ where: { committeeId } })) ?? tx.committeeSettings.create({ data: { committeeId } });
}

export const updateSettings = defineServiceAction({
  name: "settings.update",
  permission: "settings:write",
  input: updateSettingsSchema,
  async load(tx, actor) {
    return { committeeId: actor.committee.id, settings: await loadSettings(tx, actor.committee.id) };
  },
  async run({ tx, actor, input, target }) {
    const { version, ...data } = input;
    // A cross-field rule: checked here so its message can name the rule (zod keeps only validation.* keys).
    if (data.yellowLagPoints >= data.redLagPoints) throw new ValidationError({ redLagPoints: ["admin.validation.redAboveYellow"] });
    const updated = await tx.committeeSettings.updateMany({
      where: { committeeId: target.committeeId, version },
      data: { ...data, updatedById: actor.userId, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError();
    return {
      result: { version: version + 1 },
      audit: { targetType: "CommitteeSettings", targetId: target.committeeId, changes: diff(target.settings, data) },
    };
  },
});

/** The password, lockout and TOTP policy is the security administrator's (DESIGN §4, SECURITY.md 10). */
export const updateSecurityPolicy = defineServiceAction({
  name: "settings.updateSecurityPolicy",
  permission: "security:write",
  input: updateSecurityPolicySchema,
  async load(tx, actor) {
    return { committeeId: actor.committee.id, settings: await loadSettings(tx, actor.committee.id) };
  },
  async run({ tx, actor, input, target }) {
    const { version, ...data } = input;
    const updated = await tx.committeeSettings.updateMany({
      where: { committeeId: target.committeeId, version },
      data: { ...data, updatedById: actor.userId, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError();
    return {
      result: { version: version + 1 },
      audit: { targetType: "CommitteeSettings", targetId: target.committeeId, changes: diff(target.settings, data) },
    };
  },
});
