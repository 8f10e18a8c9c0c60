import "server-only";
// Writes of the library: a unit's reporter proposes micro-reforms (微改革) of its own unit and
// edits them until accepted; the office (改革办) accepts them into the library or returns them
// with a reason, and marks them promoted (推广); the office records typical cases (典型案例) and
// honours (表彰/宣传推介) credited to units. Every step writes one audit row (the framework) and,
// for micro-reforms, one WorkflowEvent so the detail page can show the thread.
import type { Actor } from "@/lib/auth/actor";
import { visibleCommitteeIds } from "@/lib/auth/permissions";
import { defineServiceAction, diff, type Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { reportingUnitId } from "@/lib/reports/info-schemas";
import { dayOf } from "@/lib/tasks/rules";
import {
  createCaseSchema,
  createHonorSchema,
  curateMicroSchema,
  deleteRecordSchema,
  MICRO_ENTITY,
  proposeMicroSchema,
  returnMicroSchema,
  updateCaseSchema,
  updateHonorSchema,
  updateMicroSchema,
} from "./schemas";

type WorkflowStep = "CREATE" | "RESUBMIT" | "ACCEPT" | "RETURN" | "APPROVE";

async function workflow(tx: Tx, actor: Actor, id: string, action: WorkflowStep, comment?: string | null) {
  await tx.workflowEvent.create({
    data: { entityType: MICRO_ENTITY, entityId: id, action, comment: comment ?? null, actorId: actor.userId },
  });
}

async function unitInCommittee(tx: Tx, committeeId: string, unitId: string) {
  const unit = await tx.unit.findFirst({ where: { id: unitId, committeeId, deletedAt: null }, select: { id: true } });
  if (!unit) throw new ValidationError({ unitId: ["validation.invalid"] });
}

/** A record is credited to a unit of the actor's committee; another committee's unit is not found. */
async function creditedUnit(tx: Tx, actor: Actor, unitId: string) {
  const unit = await tx.unit.findFirst({
    where: { id: unitId, committeeId: actor.committee.id, deletedAt: null },
    select: { committeeId: true },
  });
  if (!unit) throw new NotFoundError();
  return { committeeId: unit.committeeId };
}

/** A linked task must belong to the credited unit (lead or cooperating) in the same committee. */
async function checkTask(tx: Tx, committeeId: string, unitId: string, taskId: string | null) {
  if (!taskId) return;
  const task = await tx.reformTask.findFirst({
    where: {
      id: taskId,
      committeeId,
      deletedAt: null,
      OR: [{ leadUnitId: unitId }, { cooperatingUnits: { some: { unitId } } }],
    },
    select: { id: true },
  });
  if (!task) throw new ValidationError({ taskId: ["library.validation.taskOfUnit"] });
}

async function findMicro(tx: Tx, actor: Actor, id: string) {
  const micro = await tx.microReform.findFirst({
    where: { id, committeeId: { in: visibleCommitteeIds(actor, "library:read") }, deletedAt: null },
  });
  if (!micro) throw new NotFoundError();
  return micro;
}

async function microConflict(tx: Tx, id: string) {
  const current = await tx.microReform.findUnique({ where: { id }, select: { id: true, status: true, version: true } });
  return new ConflictError(current ?? undefined);
}

type MicroData = Parameters<Tx["microReform"]["updateMany"]>[0]["data"];

/** Optimistic update: the version the user saw, or a conflict. */
async function updateMicro(tx: Tx, id: string, version: number, data: MicroData) {
  const { count } = await tx.microReform.updateMany({
    where: { id, version, deletedAt: null },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw await microConflict(tx, id);
}

// ───────────── micro-reforms: the unit ─────────────

export const proposeMicroReform = defineServiceAction({
  name: "micro.propose",
  permission: "library:propose",
  input: proposeMicroSchema,
  async load(tx, actor, input) {
    const committeeId = actor.committee.id;
    const unitId = input.unitId ?? reportingUnitId(actor);
    // No unit (not a reporter): the matrix refuses.
    if (!unitId) return { committeeId, unitIds: [] as string[], unitId: null };
    const unit = await tx.unit.findFirst({ where: { id: unitId, committeeId, deletedAt: null }, select: { id: true } });
    if (!unit) throw new NotFoundError();
    return { committeeId, unitIds: [unitId], unitId };
  },
  async run({ tx, actor, input, target }) {
    const unitId = target.unitId!;
    await checkTask(tx, target.committeeId, unitId, input.taskId);
    const micro = await tx.microReform.create({
      data: {
        committeeId: target.committeeId,
        unitId,
        taskId: input.taskId,
        year: input.year ?? dayOf(now()).getUTCFullYear(),
        title: input.title,
        problem: input.problem,
        measures: input.measures,
        effect: input.effect,
        citizensServed: input.citizensServed,
        createdById: actor.userId,
      },
    });
    await workflow(tx, actor, micro.id, "CREATE");
    return {
      result: { id: micro.id },
      audit: { targetType: MICRO_ENTITY, targetId: micro.id, changes: { title: [null, micro.title], status: [null, micro.status] } },
    };
  },
});

/** The proposing unit edits its proposal until accepted; a returned one goes back to the office. */
export const updateMicroReform = defineServiceAction({
  name: "micro.update",
  permission: "library:propose",
  input: updateMicroSchema,
  async load(tx, actor, input) {
    const micro = await findMicro(tx, actor, input.id);
    return { committeeId: micro.committeeId, unitIds: [micro.unitId], micro };
  },
  async run({ tx, actor, input, target: { micro } }) {
    if (micro.status !== "PROPOSED" && micro.status !== "REJECTED") throw new ValidationError({ id: ["library.validation.notEditable"] });
    await checkTask(tx, micro.committeeId, micro.unitId, input.taskId);
    const data = {
      title: input.title,
      problem: input.problem,
      measures: input.measures,
      effect: input.effect,
      citizensServed: input.citizensServed,
      taskId: input.taskId,
      status: "PROPOSED" as const,
    };
    await updateMicro(tx, micro.id, input.version, data);
    if (micro.status === "REJECTED") await workflow(tx, actor, micro.id, "RESUBMIT");
    return { result: { id: micro.id }, audit: { targetType: MICRO_ENTITY, targetId: micro.id, changes: diff(micro, data) } };
  },
});

// ───────────── micro-reforms: the office ─────────────

const curateTarget = async (tx: Tx, actor: Actor, id: string) => {
  const micro = await findMicro(tx, actor, id);
  return { committeeId: micro.committeeId, unitIds: [micro.unitId], micro };
};

export const acceptMicroReform = defineServiceAction({
  name: "micro.accept",
  permission: "library:curate",
  input: curateMicroSchema,
  load: (tx, actor, input) => curateTarget(tx, actor, input.id),
  async run({ tx, actor, input, target: { micro } }) {
    if (micro.status !== "PROPOSED") throw new ValidationError({ id: ["library.validation.notProposed"] });
    await updateMicro(tx, micro.id, input.version, { status: "ACCEPTED", acceptedAt: now() });
    await workflow(tx, actor, micro.id, "ACCEPT");
    return {
      result: { id: micro.id },
      audit: { targetType: MICRO_ENTITY, targetId: micro.id, changes: { status: [micro.status, "ACCEPTED"] } },
    };
  },
});

export const returnMicroReform = defineServiceAction({
  name: "micro.return",
  permission: "library:curate",
  input: returnMicroSchema,
  load: (tx, actor, input) => curateTarget(tx, actor, input.id),
  async run({ tx, actor, input, target: { micro } }) {
    if (micro.status !== "PROPOSED") throw new ValidationError({ id: ["library.validation.notProposed"] });
    await updateMicro(tx, micro.id, input.version, { status: "REJECTED" });
    await workflow(tx, actor, micro.id, "RETURN", input.reason);
    return {
      result: { id: micro.id },
      audit: { targetType: MICRO_ENTITY, targetId: micro.id, changes: { status: [micro.status, "REJECTED"] }, detail: input.reason },
    };
  },
});

export const promoteMicroReform = defineServiceAction({
  name: "micro.promote",
  permission: "library:curate",
  input: curateMicroSchema,
  load: (tx, actor, input) => curateTarget(tx, actor, input.id),
  async run({ tx, actor, input, target: { micro } }) {
    if (micro.status !== "ACCEPTED") throw new ValidationError({ id: ["library.validation.notAccepted"] });
    await updateMicro(tx, micro.id, input.version, { status: "PROMOTED", promotedAt: now() });
    await workflow(tx, actor, micro.id, "APPROVE");
    return {
      result: { id: micro.id },
      audit: { targetType: MICRO_ENTITY, targetId: micro.id, changes: { status: [micro.status, "PROMOTED"] } },
    };
  },
});

// ───────────── typical cases and honours: the office ─────────────

async function checkMicro(tx: Tx, committeeId: string, microReformId: string | null) {
  if (!microReformId) return;
  const micro = await tx.microReform.findFirst({ where: { id: microReformId, committeeId, deletedAt: null }, select: { id: true } });
  if (!micro) throw new ValidationError({ microReformId: ["validation.invalid"] });
}

const isoDay = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

export const createCase = defineServiceAction({
  name: "case.create",
  permission: "library:curate",
  input: createCaseSchema,
  load: (tx, actor, input) => creditedUnit(tx, actor, input.unitId),
  async run({ tx, input, target: { committeeId } }) {
    await checkTask(tx, committeeId, input.unitId, input.taskId);
    await checkMicro(tx, committeeId, input.microReformId);
    const row = await tx.typicalCase.create({ data: { ...input, committeeId } });
    return {
      result: { id: row.id },
      audit: { targetType: "TypicalCase", targetId: row.id, changes: { title: [null, row.title], level: [null, row.level] } },
    };
  },
});

async function findCase(tx: Tx, actor: Actor, id: string) {
  const row = await tx.typicalCase.findFirst({
    where: { id, committeeId: { in: visibleCommitteeIds(actor, "library:read") }, deletedAt: null },
  });
  if (!row) throw new NotFoundError();
  return { committeeId: row.committeeId, row };
}

export const updateCase = defineServiceAction({
  name: "case.update",
  permission: "library:curate",
  input: updateCaseSchema,
  load: (tx, actor, input) => findCase(tx, actor, input.id),
  async run({ tx, input, target: { row } }) {
    const { id, version, ...data } = input;
    await unitInCommittee(tx, row.committeeId, data.unitId);
    await checkTask(tx, row.committeeId, data.unitId, data.taskId);
    await checkMicro(tx, row.committeeId, data.microReformId);
    const { count } = await tx.typicalCase.updateMany({
      where: { id, version, deletedAt: null },
      data: { ...data, version: { increment: 1 } },
    });
    if (count === 0)
      throw new ConflictError((await tx.typicalCase.findUnique({ where: { id }, select: { id: true, version: true } })) ?? undefined);
    const changes = diff({ ...row, publishedOn: isoDay(row.publishedOn) }, { ...data, publishedOn: isoDay(data.publishedOn) });
    return { result: { id }, audit: { targetType: "TypicalCase", targetId: id, changes } };
  },
});

export const deleteCase = defineServiceAction({
  name: "case.delete",
  permission: "library:curate",
  input: deleteRecordSchema,
  load: (tx, actor, input) => findCase(tx, actor, input.id),
  async run({ tx, actor, input, target: { row } }) {
    const { count } = await tx.typicalCase.updateMany({
      where: { id: row.id, version: input.version, deletedAt: null },
      data: { deletedAt: now(), deletedById: actor.userId, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError();
    return { result: { id: row.id }, audit: { targetType: "TypicalCase", targetId: row.id, detail: row.title } };
  },
});

export const createHonor = defineServiceAction({
  name: "honor.create",
  permission: "library:curate",
  input: createHonorSchema,
  load: (tx, actor, input) => creditedUnit(tx, actor, input.unitId),
  async run({ tx, input, target: { committeeId } }) {
    await checkTask(tx, committeeId, input.unitId, input.taskId);
    const row = await tx.honor.create({ data: { ...input, committeeId } });
    return {
      result: { id: row.id },
      audit: {
        targetType: "Honor",
        targetId: row.id,
        changes: { title: [null, row.title], kind: [null, row.kind], level: [null, row.level] },
      },
    };
  },
});

async function findHonor(tx: Tx, actor: Actor, id: string) {
  const row = await tx.honor.findFirst({ where: { id, committeeId: { in: visibleCommitteeIds(actor, "library:read") }, deletedAt: null } });
  if (!row) throw new NotFoundError();
  return { committeeId: row.committeeId, row };
}

export const updateHonor = defineServiceAction({
  name: "honor.update",
  permission: "library:curate",
  input: updateHonorSchema,
  load: (tx, actor, input) => findHonor(tx, actor, input.id),
  async run({ tx, input, target: { row } }) {
    const { id, version, ...data } = input;
    await unitInCommittee(tx, row.committeeId, data.unitId);
    await checkTask(tx, row.committeeId, data.unitId, data.taskId);
    const { count } = await tx.honor.updateMany({ where: { id, version, deletedAt: null }, data: { ...data, version: { increment: 1 } } });
    if (count === 0)
      throw new ConflictError((await tx.honor.findUnique({ where: { id }, select: { id: true, version: true } })) ?? undefined);
    const changes = diff({ ...row, awardedOn: isoDay(row.awardedOn) }, { ...data, awardedOn: isoDay(data.awardedOn) });
    return { result: { id }, audit: { targetType: "Honor", targetId: id, changes } };
  },
});

export const deleteHonor = defineServiceAction({
  name: "honor.delete",
  permission: "library:curate",
  input: deleteRecordSchema,
  load: (tx, actor, input) => findHonor(tx, actor, input.id),
  async run({ tx, actor, input, target: { row } }) {
    const { count } = await tx.honor.updateMany({
      where: { id: row.id, version: input.version, deletedAt: null },
      data: { deletedAt: now(), deletedById: actor.userId, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError();
    return { result: { id: row.id }, audit: { targetType: "Honor", targetId: row.id, detail: row.title } };
  },
});
