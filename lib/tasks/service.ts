import "server-only";
import { CLOSE_OUT, PENDING_CLOSE_OUT } from "@/lib/attachments/scopes";
import type { Actor } from "@/lib/auth/actor";
import { visibleCommitteeIds } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/db/prisma";
import { defineServiceAction, diff, type Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { notify, officeIdsOf, reporterIdsOf } from "@/lib/notifications/service";
import { created, isUniqueViolation } from "@/lib/users/service";
import { closeOutCheckOf } from "./closeout-facts";
import { confirmationProblem, explanationProblem, type CloseOutWarning } from "./closeout-rules";
import { changedFields, isControlled, type ControlledValues } from "@/lib/changes/rules";
import { CONTROLLED_MESSAGE } from "@/lib/changes/schemas";
import { nextTaskCode } from "./rules";
import {
  applyCloseOutSchema,
  approveCloseOutSchema,
  completeMilestoneSchema,
  createTaskSchema,
  DUPLICATE_TITLE,
  duplicateTitleIds,
  reopenTaskSchema,
  returnCloseOutSchema,
  updateTaskSchema,
  type CreateTaskInput,
  type MilestoneInput,
} from "./schemas";

const TASK = "ReformTask";

const isoDay = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : null);

// ───────────── Loading, within what the actor may see ─────────────

const taskSelect = {
  id: true,
  committeeId: true,
  year: true,
  code: true,
  title: true,
  goal: true,
  outcome: true,
  isKey: true,
  source: true,
  pilotLevel: true,
  startDate: true,
  dueDate: true,
  status: true,
  closedAt: true,
  actualPercent: true,
  version: true,
  planId: true,
  workPointId: true,
  groupId: true,
  leadUnitId: true,
  leaderId: true,
  plan: { select: { title: true, status: true } },
  workPoint: { select: { number: true, title: true } },
  group: { select: { name: true } },
  leadUnit: { select: { name: true } },
  leader: { select: { name: true } },
  cooperatingUnits: { orderBy: { sortOrder: "asc" }, select: { unitId: true, unit: { select: { name: true } } } },
  milestones: {
    orderBy: { sortOrder: "asc" },
    select: { id: true, title: true, plannedDate: true, plannedPercent: true, completedOn: true },
  },
} satisfies Prisma.ReformTaskSelect;

export type TaskRow = Prisma.ReformTaskGetPayload<{ select: typeof taskSelect }>;

/**
 * A task the actor may read about, wherever their grants reach (a parent committee's office sees
 * its counties' tasks: 403 on writes there, not 404). The matrix then decides per record.
 */
export async function findTask(tx: Tx, actor: Actor, id: string): Promise<TaskRow> {
  const task = await tx.reformTask.findFirst({
    where: { id, committeeId: { in: visibleCommitteeIds(actor, "task:read") }, deletedAt: null },
    select: taskSelect,
  });
  if (!task) throw new NotFoundError();
  return task;
}

/** The task as the matrix sees it for reading and office writes: its committee, group, lead and cooperating units. */
export function taskTarget(task: TaskRow) {
  return {
    committeeId: task.committeeId,
    groupId: task.groupId,
    unitIds: [task.leadUnitId, ...task.cooperatingUnits.map((unit) => unit.unitId)],
  };
}

/** The records an edit refers to, each within the task's committee (elsewhere: 404). */
async function resolveReferences(tx: Tx, committeeId: string, input: CreateTaskInput) {
  const plan = await tx.workPlan.findFirst({ where: { id: input.planId, committeeId, deletedAt: null }, select: { id: true, year: true } });
  const group = await tx.specialGroup.findFirst({
    where: { id: input.groupId, committeeId, deletedAt: null },
    select: { id: true, shortName: true },
  });
  const workPoint = input.workPointId
    ? await tx.workPoint.findFirst({
        where: { id: input.workPointId, deletedAt: null, plan: { committeeId } },
        select: { id: true, planId: true, groupId: true },
      })
    : null;
  const unitIds = [...new Set([input.leadUnitId, ...input.cooperatingUnitIds])];
  const units = await tx.unit.findMany({
    where: { id: { in: unitIds }, committeeId, deletedAt: null },
    select: { id: true, active: true },
  });
  const leader = input.leaderId
    ? await tx.user.findFirst({
        where: { id: input.leaderId, deletedAt: null, roleAssignments: { some: { committeeId } } },
        select: { id: true, isLeader: true },
      })
    : null;
  if (!plan || !group || (input.workPointId && !workPoint) || units.length !== unitIds.length || (input.leaderId && !leader))
    throw new NotFoundError();
  return { plan, group, workPoint, units, leader };
}
type References = Awaited<ReturnType<typeof resolveReferences>>;

/** Rules on the references that only the database can answer; units already on the task may stay even if retired since. */
function checkReferences(input: CreateTaskInput, refs: References, current?: TaskRow) {
  const errors: Record<string, string[]> = {};
  if (refs.workPoint && (refs.workPoint.planId !== input.planId || refs.workPoint.groupId !== input.groupId))
    errors.workPointId = ["tasks.validation.workPointMismatch"];
  if (refs.leader && !refs.leader.isLeader) errors.leaderId = ["admin.validation.notLeader"];
  const onTask = new Set(current ? [current.leadUnitId, ...current.cooperatingUnits.map((unit) => unit.unitId)] : []);
  const inactive = new Set(refs.units.filter((unit) => !unit.active && !onTask.has(unit.id)).map((unit) => unit.id));
  if (inactive.has(input.leadUnitId)) errors.leadUnitId = ["admin.validation.unitInactive"];
  if (input.cooperatingUnitIds.some((id) => inactive.has(id))) errors.cooperatingUnitIds = ["admin.validation.unitInactive"];
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

const duplicateCode = () => new ValidationError({ code: ["tasks.validation.duplicateCode"] });

/**
 * The plan's one-title-one-task rule (planTaskTitlesSchema) for a task being saved. Saves into the
 * same plan wait for each other here, so two racing saves of one title cannot both pass.
 */
async function titleProblem(tx: Tx, planId: string, title: string, taskId?: string): Promise<string[] | null> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`task-titles:${planId}`}))`;
  const holders = await tx.reformTask.findMany({
    where: { planId, deletedAt: null, title: title.trim(), ...(taskId ? { NOT: { id: taskId } } : {}) },
    select: { id: true, title: true },
    take: 1,
  });
  const saved = { id: taskId ?? "new", title };
  return duplicateTitleIds([...holders, saved]).has(saved.id) ? [DUPLICATE_TITLE] : null;
}

/** The task's code (codeFor) once its title is known to be free; both problems are told together. */
async function titleAndCode(tx: Tx, committeeId: string, input: CreateTaskInput, refs: References, taskId?: string) {
  const title = await titleProblem(tx, input.planId, input.title, taskId);
  const code = await codeFor(tx, committeeId, input, refs, taskId).catch((error: unknown) => {
    if (title && error instanceof ValidationError) throw new ValidationError({ ...error.fieldErrors, title });
    throw error;
  });
  if (title) throw new ValidationError({ title });
  return code;
}

async function codeFor(tx: Tx, committeeId: string, input: CreateTaskInput, refs: References, taskId?: string): Promise<string | null> {
  if (!input.code) {
    if (taskId) return null; // an edit with a blank code keeps the task's code
    const prefix = `${refs.plan.year}-${refs.group.shortName}-`;
    const existing = await tx.reformTask.findMany({ where: { committeeId, code: { startsWith: prefix } }, select: { code: true } });
    return nextTaskCode(
      refs.plan.year,
      refs.group.shortName,
      existing.map((task) => task.code),
    );
  }
  const taken = await tx.reformTask.findFirst({
    where: { committeeId, code: input.code, ...(taskId ? { NOT: { id: taskId } } : {}) },
    select: { id: true },
  });
  if (taken) throw duplicateCode();
  return input.code;
}

/** Two saves racing for the same code: an explicit code is the user's to change, an automatic one a retry. */
function rethrowDuplicateCode(explicit: boolean) {
  return (error: unknown): never => {
    if (isUniqueViolation(error)) throw explicit ? duplicateCode() : new ConflictError();
    throw error;
  };
}

// ───────────── Readable history (ChangeRecord and audit `changes`) ─────────────

function milestoneLine(milestone: { title: string; plannedDate: Date; plannedPercent: number; completedOn?: Date | null }) {
  const done = milestone.completedOn ? ` ✓${isoDay(milestone.completedOn)}` : "";
  return `${milestone.title} ${isoDay(milestone.plannedDate)} ${milestone.plannedPercent}%${done}`;
}

/** The task as people read it: names instead of ids, days as YYYY-MM-DD, lists as text. */
function readable(task: TaskRow): Record<string, string | number | boolean | null> {
  return {
    code: task.code,
    title: task.title,
    goal: task.goal,
    outcome: task.outcome,
    plan: task.plan.title,
    workPoint: task.workPoint ? `${task.workPoint.number} ${task.workPoint.title}` : null,
    group: task.group.name,
    leadUnit: task.leadUnit.name,
    cooperatingUnits: task.cooperatingUnits.map((unit) => unit.unit.name).join("、") || null,
    leader: task.leader?.name ?? null,
    isKey: task.isKey,
    source: task.source,
    pilotLevel: task.pilotLevel,
    startDate: isoDay(task.startDate),
    dueDate: isoDay(task.dueDate),
    milestones: task.milestones.map(milestoneLine).join("；") || null,
  };
}

/** What a client may see of a task: a plain DTO (ConflictError carries it to show what changed). */
function taskDto(task: TaskRow) {
  return {
    id: task.id,
    version: task.version,
    status: task.status,
    year: task.year,
    code: task.code,
    title: task.title,
    goal: task.goal,
    outcome: task.outcome,
    planId: task.planId,
    workPointId: task.workPointId,
    groupId: task.groupId,
    leadUnitId: task.leadUnitId,
    leadUnitName: task.leadUnit.name,
    cooperatingUnits: task.cooperatingUnits.map((unit) => ({ id: unit.unitId, name: unit.unit.name })),
    leaderId: task.leaderId,
    leaderName: task.leader?.name ?? null,
    isKey: task.isKey,
    source: task.source,
    pilotLevel: task.pilotLevel,
    startDate: isoDay(task.startDate),
    dueDate: isoDay(task.dueDate),
    actualPercent: task.actualPercent,
    closedAt: task.closedAt?.toISOString() ?? null,
    milestones: task.milestones.map((milestone) => ({
      id: milestone.id,
      title: milestone.title,
      plannedDate: isoDay(milestone.plannedDate),
      plannedPercent: milestone.plannedPercent,
      completedOn: isoDay(milestone.completedOn),
    })),
  };
}
export type TaskDto = ReturnType<typeof taskDto>;

/** The task as it now is and who last changed what: what a stale editor is shown (SECURITY.md 19). */
async function conflictWith(tx: Tx, actor: Actor, taskId: string): Promise<ConflictError> {
  const task = await findTask(tx, actor, taskId);
  const last = await tx.changeRecord.findFirst({
    where: { entityType: TASK, entityId: taskId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { actorName: true, changes: true, reason: true, createdAt: true },
  });
  return new ConflictError({
    task: taskDto(task),
    lastChange: last ? { actorName: last.actorName, changes: last.changes, reason: last.reason, at: last.createdAt.toISOString() } : null,
  });
}

async function recordChange(tx: Tx, actor: Actor, taskId: string, changes: Record<string, [unknown, unknown]>, reason?: string | null) {
  await tx.changeRecord.create({
    data: {
      entityType: TASK,
      entityId: taskId,
      actorId: actor.userId,
      actorName: actor.name,
      changes: changes as Prisma.InputJsonValue,
      reason: reason ?? null,
    },
  });
}

/** Bumps the task's version from the one the edit was based on; a stale version is a conflict. */
async function bumpTask(tx: Tx, actor: Actor, taskId: string, version: number, data: Prisma.ReformTaskUpdateManyMutationInput = {}) {
  const updated = await tx.reformTask.updateMany({ where: { id: taskId, version }, data: { ...data, version: { increment: 1 } } });
  if (updated.count === 0) throw await conflictWith(tx, actor, taskId);
}

/** A closed-out task is read-only until the office reopens it (SECURITY.md 9): 422, shown on the form. */
function refuseDone(task: TaskRow) {
  if (task.status === "DONE") throw new ValidationError({ _form: ["tasks.validation.doneReadOnly"] });
}

function taskData(input: CreateTaskInput) {
  return {
    planId: input.planId,
    workPointId: input.workPointId,
    groupId: input.groupId,
    title: input.title,
    goal: input.goal,
    outcome: input.outcome,
    leadUnitId: input.leadUnitId,
    leaderId: input.leaderId,
    isKey: input.isKey,
    source: input.source,
    pilotLevel: input.pilotLevel,
    startDate: input.startDate,
    dueDate: input.dueDate,
  };
}

const cooperating = (ids: string[]) => [...new Set(ids)].map((unitId, sortOrder) => ({ unitId, sortOrder }));

const newMilestone = (milestone: MilestoneInput, sortOrder: number) => ({
  title: milestone.title,
  plannedDate: milestone.plannedDate,
  plannedPercent: milestone.plannedPercent,
  sortOrder,
});

// ───────────── Tasks ─────────────

export const createTask = defineServiceAction({
  name: "task.create",
  permission: "task:write",
  input: createTaskSchema,
  async load(tx, actor, input) {
    const committeeId = actor.committee.id;
    return { committeeId, refs: await resolveReferences(tx, committeeId, input) };
  },
  async run({ tx, actor, input, target: { committeeId, refs } }) {
    checkReferences(input, refs);
    const code = (await titleAndCode(tx, committeeId, input, refs))!;
    const task = await tx.reformTask
      .create({
        data: {
          ...taskData(input),
          committeeId,
          year: refs.plan.year,
          code,
          createdById: actor.userId,
          cooperatingUnits: { create: cooperating(input.cooperatingUnitIds) },
          milestones: { create: input.milestones.map(newMilestone) },
        },
        select: taskSelect,
      })
      .catch(rethrowDuplicateCode(Boolean(input.code)));
    const changes = created(readable(task));
    await recordChange(tx, actor, task.id, changes, "created");
    return { result: { id: task.id, code: task.code }, audit: { targetType: TASK, targetId: task.id, changes } };
  },
});

/** The controlled fields (lib/changes/rules.ts) of a saved task and of an edit, compared alike. */
export function controlledOf(task: TaskRow): ControlledValues {
  return {
    startDate: isoDay(task.startDate)!,
    dueDate: isoDay(task.dueDate)!,
    goal: task.goal,
    outcome: task.outcome,
    leadUnitId: task.leadUnitId,
    cooperatingUnitIds: task.cooperatingUnits.map((unit) => unit.unitId),
    leaderId: task.leaderId,
    isKey: task.isKey,
    milestones: task.milestones.map((m) => ({ title: m.title, plannedDate: isoDay(m.plannedDate)!, plannedPercent: m.plannedPercent })),
  };
}

function controlledOfInput(input: CreateTaskInput): ControlledValues {
  return {
    startDate: isoDay(input.startDate)!,
    dueDate: isoDay(input.dueDate)!,
    goal: input.goal,
    outcome: input.outcome,
    leadUnitId: input.leadUnitId,
    cooperatingUnitIds: input.cooperatingUnitIds,
    leaderId: input.leaderId,
    isKey: input.isKey,
    milestones: input.milestones.map((m) => ({ title: m.title, plannedDate: isoDay(m.plannedDate)!, plannedPercent: m.plannedPercent })),
  };
}

/** An issued plan's task keeps its controlled fields: each one changed is refused, naming the change-request route. */
function refuseControlled(task: TaskRow, input: CreateTaskInput) {
  if (!isControlled(task.plan)) return;
  const fields = changedFields(controlledOf(task), controlledOfInput(input));
  if (fields.length) throw new ValidationError(Object.fromEntries(fields.map((field) => [field, [CONTROLLED_MESSAGE]])));
}

/**
 * Saves an edit of a task whose version has been checked: references, title and code, the task
 * row (version bumped), cooperating units and milestones, and the readable history. Shared by the
 * task form (updateTask) and an approved change request (lib/changes/service.ts).
 */
export async function saveTaskEdit(
  tx: Tx,
  actor: Actor,
  task: TaskRow,
  input: CreateTaskInput & { version: number },
  reason?: string | null,
): Promise<{ version: number; changes: Record<string, [unknown, unknown]> }> {
  const refs = await resolveReferences(tx, task.committeeId, input);
  checkReferences(input, refs, task);
  const code = await titleAndCode(tx, task.committeeId, input, refs, task.id);
  const updated = await tx.reformTask
    .updateMany({
      where: { id: task.id, version: input.version },
      data: { ...taskData(input), year: refs.plan.year, ...(code ? { code } : {}), version: { increment: 1 } },
    })
    .catch(rethrowDuplicateCode(true));
  if (updated.count === 0) throw await conflictWith(tx, actor, task.id);

  await tx.taskCooperatingUnit.deleteMany({ where: { taskId: task.id } });
  await tx.taskCooperatingUnit.createMany({ data: cooperating(input.cooperatingUnitIds).map((row) => ({ ...row, taskId: task.id })) });

  // Milestones are replaced as a set; one sent back with its id keeps its row and completion date.
  const existing = new Set(task.milestones.map((milestone) => milestone.id));
  const kept = input.milestones.filter((milestone) => milestone.id && existing.has(milestone.id));
  await tx.milestone.deleteMany({ where: { taskId: task.id, id: { notIn: kept.map((milestone) => milestone.id!) } } });
  for (const [sortOrder, milestone] of input.milestones.entries()) {
    if (milestone.id && existing.has(milestone.id)) {
      await tx.milestone.update({ where: { id: milestone.id }, data: newMilestone(milestone, sortOrder) });
    } else {
      await tx.milestone.create({ data: { ...newMilestone(milestone, sortOrder), taskId: task.id } });
    }
  }

  const after = await tx.reformTask.findUniqueOrThrow({ where: { id: task.id }, select: taskSelect });
  const changes = diff(readable(task), readable(after));
  if (Object.keys(changes).length) await recordChange(tx, actor, task.id, changes, reason);
  return { version: after.version, changes };
}

/**
 * What an edit would change, readable (names, days), without saving it: a change request's
 * old → new, recorded when it is filed (lib/changes/service.ts).
 */
export async function readableEdit(tx: Tx, task: TaskRow, input: CreateTaskInput): Promise<Record<string, [unknown, unknown]>> {
  const unitIds = [...new Set([input.leadUnitId, ...input.cooperatingUnitIds])];
  const [units, leader] = await Promise.all([
    tx.unit.findMany({ where: { id: { in: unitIds }, committeeId: task.committeeId }, select: { id: true, name: true } }),
    input.leaderId ? tx.user.findUnique({ where: { id: input.leaderId }, select: { name: true } }) : null,
  ]);
  const nameOf = new Map(units.map((unit) => [unit.id, unit.name]));
  const proposed: TaskRow = {
    ...task,
    goal: input.goal,
    outcome: input.outcome,
    isKey: input.isKey,
    startDate: input.startDate,
    dueDate: input.dueDate,
    leadUnitId: input.leadUnitId,
    leadUnit: { name: nameOf.get(input.leadUnitId) ?? input.leadUnitId },
    leaderId: input.leaderId,
    leader: leader ? { name: leader.name } : null,
    cooperatingUnits: input.cooperatingUnitIds.map((unitId) => ({ unitId, unit: { name: nameOf.get(unitId) ?? unitId } })),
    milestones: input.milestones.map((milestone, index) => ({
      id: milestone.id ?? `new-${index}`,
      title: milestone.title,
      plannedDate: milestone.plannedDate,
      plannedPercent: milestone.plannedPercent,
      completedOn: task.milestones.find((kept) => kept.id === milestone.id)?.completedOn ?? null,
    })),
  };
  return diff(readable(task), readable(proposed));
}

/** A saved task as an edit of itself (the task form's values), for a change request to be merged onto. */
export function editOf(task: TaskRow): CreateTaskInput & { id: string; version: number } {
  return {
    id: task.id,
    version: task.version,
    planId: task.planId,
    workPointId: task.workPointId,
    groupId: task.groupId,
    code: task.code,
    title: task.title,
    goal: task.goal,
    outcome: task.outcome,
    leadUnitId: task.leadUnitId,
    cooperatingUnitIds: task.cooperatingUnits.map((unit) => unit.unitId),
    leaderId: task.leaderId,
    isKey: task.isKey,
    source: task.source,
    pilotLevel: task.pilotLevel,
    startDate: task.startDate,
    dueDate: task.dueDate,
    milestones: task.milestones.map((m) => ({ id: m.id, title: m.title, plannedDate: m.plannedDate, plannedPercent: m.plannedPercent })),
  };
}

export const updateTask = defineServiceAction({
  name: "task.update",
  permission: "task:write",
  input: updateTaskSchema,
  async load(tx, actor, input) {
    const task = await findTask(tx, actor, input.id);
    return { ...taskTarget(task), task };
  },
  async run({ tx, actor, input, target: { task } }) {
    if (task.version !== input.version) throw await conflictWith(tx, actor, task.id);
    refuseDone(task);
    refuseControlled(task, input);
    const { version, changes } = await saveTaskEdit(tx, actor, task, input);
    return { result: { id: task.id, version }, audit: { targetType: TASK, targetId: task.id, changes } };
  },
});

export const completeMilestone = defineServiceAction({
  name: "milestone.complete",
  permission: "task:write",
  input: completeMilestoneSchema,
  async load(tx, actor, input) {
    const milestone = await tx.milestone.findFirst({
      where: { id: input.id, task: { committeeId: { in: visibleCommitteeIds(actor, "task:read") }, deletedAt: null } },
      select: { id: true, taskId: true, title: true, completedOn: true },
    });
    if (!milestone) throw new NotFoundError();
    const task = await findTask(tx, actor, milestone.taskId);
    return { ...taskTarget(task), task, milestone };
  },
  async run({ tx, actor, input, target: { task, milestone } }) {
    refuseDone(task);
    await bumpTask(tx, actor, task.id, input.version);
    await tx.milestone.update({ where: { id: milestone.id }, data: { completedOn: input.completedOn } });
    const changes = diff(
      { [`milestone「${milestone.title}」completedOn`]: isoDay(milestone.completedOn) },
      {
        [`milestone「${milestone.title}」completedOn`]: isoDay(input.completedOn),
      },
    );
    if (Object.keys(changes).length) await recordChange(tx, actor, task.id, changes);
    return { result: { id: milestone.id, version: task.version + 1 }, audit: { targetType: "Milestone", targetId: milestone.id, changes } };
  },
});

// ───────────── Close-out (对账销号) ─────────────

async function findCloseOut(tx: Tx, actor: Actor, id: string) {
  const request = await tx.closeOutRequest.findFirst({
    where: { id, task: { committeeId: { in: visibleCommitteeIds(actor, "task:read") }, deletedAt: null } },
    select: { id: true, taskId: true, unitId: true, status: true, version: true },
  });
  if (!request) throw new NotFoundError();
  return { request, task: await findTask(tx, actor, request.taskId) };
}

async function workflow(
  tx: Tx,
  actor: Actor,
  requestId: string,
  action: "SUBMIT" | "APPROVE" | "RETURN" | "REOPEN",
  comment?: string | null,
) {
  await tx.workflowEvent.create({
    data: { entityType: CLOSE_OUT, entityId: requestId, action, comment: comment ?? null, actorId: actor.userId },
  });
}

/** Decides a pending request from the version the office saw; a request decided meanwhile is a conflict. */
async function decide(tx: Tx, actor: Actor, requestId: string, version: number, data: Prisma.CloseOutRequestUpdateManyMutationInput) {
  const updated = await tx.closeOutRequest.updateMany({
    where: { id: requestId, version, status: "PENDING" },
    data: { ...data, decidedAt: now(), decidedById: actor.userId, version: { increment: 1 } },
  });
  if (updated.count === 0) throw new ConflictError();
}

/** The warnings in an audit detail: their codes, and which milestones were open. */
function warningDetail(warnings: readonly CloseOutWarning[]): string {
  if (!warnings.length) return "";
  const parts = warnings.map((warning) =>
    warning.code === "openMilestones"
      ? `open milestones ${warning.milestones.map((milestone) => `「${milestone.title}」${milestone.overdue ? " overdue" : ""}`).join(", ")}`
      : warning.code === "percentBelow100"
        ? `last approved ${warning.percent ?? "none"}%`
        : `light ${warning.light}`,
  );
  return `; warnings: ${parts.join("; ")}`;
}

/** The unit's reporters learn the office's decision, with its comment, and find the task from the link. */
async function notifyDecision(
  tx: Tx,
  task: TaskRow,
  unitId: string,
  title: "notifications.titles.closeOutApproved" | "notifications.titles.closeOutReturned",
  comment: string | null | undefined,
) {
  await notify(tx, task.committeeId, await reporterIdsOf(tx, task.committeeId, unitId), {
    kind: "CLOSEOUT_DECIDED",
    title,
    params: { task: task.title },
    body: comment ?? null,
    link: `/tasks/${task.id}`,
  });
}

export const applyCloseOut = defineServiceAction({
  name: "closeout.apply",
  permission: "closeout:apply",
  input: applyCloseOutSchema,
  async load(tx, actor, input) {
    const task = await findTask(tx, actor, input.taskId);
    // Only the lead unit applies (DESIGN §4): the matrix sees the task as the lead unit's alone.
    return { committeeId: task.committeeId, groupId: task.groupId, unitIds: [task.leadUnitId], task };
  },
  async run({ tx, actor, input, target: { task } }) {
    const pending = await tx.closeOutRequest.count({ where: { taskId: task.id, status: "PENDING" } });
    if (pending > 0 || task.status === "PENDING_CLOSE") throw new ValidationError({ _form: ["tasks.validation.closeOutPending"] });
    if (task.status !== "ACTIVE") throw new ValidationError({ _form: ["tasks.validation.notActive"] });
    const attachmentIds = [...new Set(input.attachmentIds)];
    const evidence = await tx.attachment.count({
      where: {
        id: { in: attachmentIds },
        committeeId: task.committeeId,
        entityType: PENDING_CLOSE_OUT,
        entityId: task.id,
        deletedAt: null,
      },
    });
    // Everything wrong with the application at once, field by field, before anything is written.
    const { warnings } = await closeOutCheckOf(tx, task.id);
    const errors: Record<string, string[]> = {};
    if (evidence !== attachmentIds.length) errors.attachmentIds = ["tasks.validation.evidenceInvalid"];
    const explanation = explanationProblem(warnings, input.explanation);
    if (explanation) errors.explanation = [explanation];
    if (Object.keys(errors).length) throw new ValidationError(errors);

    // The status guard makes a double submission (two tabs, a double click) create one request.
    const moved = await tx.reformTask.updateMany({
      where: { id: task.id, status: "ACTIVE" },
      data: { status: "PENDING_CLOSE", version: { increment: 1 } },
    });
    if (moved.count === 0) throw new ValidationError({ _form: ["tasks.validation.closeOutPending"] });
    const request = await tx.closeOutRequest.create({
      data: {
        taskId: task.id,
        unitId: task.leadUnitId,
        summary: input.summary,
        explanation: input.explanation,
        appliedById: actor.userId,
      },
      select: { id: true },
    });
    await tx.attachment.updateMany({ where: { id: { in: attachmentIds } }, data: { entityType: CLOSE_OUT, entityId: request.id } });
    await workflow(tx, actor, request.id, "SUBMIT", input.summary);
    const changes = { status: ["ACTIVE", "PENDING_CLOSE"] as [unknown, unknown] };
    await recordChange(tx, actor, task.id, changes);
    await notify(tx, task.committeeId, await officeIdsOf(tx, task.committeeId), {
      kind: "CLOSEOUT_APPLIED",
      title: warnings.length ? "notifications.titles.closeOutAppliedWithWarnings" : "notifications.titles.closeOutApplied",
      params: { task: task.title, unit: task.leadUnit.name },
      body: input.explanation ?? input.summary,
      link: `/tasks/${task.id}`,
    });
    return {
      result: { id: request.id },
      audit: {
        targetType: CLOSE_OUT,
        targetId: request.id,
        changes,
        detail: `task ${task.code}, ${attachmentIds.length} attachment(s)${warningDetail(warnings)}`,
      },
    };
  },
});

export const approveCloseOut = defineServiceAction({
  name: "closeout.approve",
  permission: "task:close",
  input: approveCloseOutSchema,
  async load(tx, actor, input) {
    const { request, task } = await findCloseOut(tx, actor, input.id);
    return { ...taskTarget(task), request, task };
  },
  async run({ tx, actor, input, target: { request, task } }) {
    if (request.status !== "PENDING") throw new ValidationError({ _form: ["tasks.validation.closeOutNotPending"] });
    // The warnings as they are now (a milestone may have been completed meanwhile), as the panel shows them.
    const { warnings } = await closeOutCheckOf(tx, task.id);
    const unconfirmed = confirmationProblem(warnings, input.confirmed);
    if (unconfirmed) throw new ValidationError({ confirmed: [unconfirmed] });
    await decide(tx, actor, request.id, input.version, { status: "APPROVED", decisionComment: input.comment });
    const closedAt = now();
    await tx.reformTask.update({
      where: { id: task.id },
      data: { status: "DONE", closedAt, actualPercent: 100, version: { increment: 1 } },
    });
    await workflow(tx, actor, request.id, "APPROVE", input.comment);
    const changes = diff(
      { status: task.status, actualPercent: task.actualPercent, closedAt: task.closedAt?.toISOString() ?? null },
      { status: "DONE", actualPercent: 100, closedAt: closedAt.toISOString() },
    );
    await recordChange(tx, actor, task.id, changes, input.comment);
    await notifyDecision(tx, task, request.unitId, "notifications.titles.closeOutApproved", input.comment);
    return {
      result: { id: request.id },
      audit: {
        targetType: CLOSE_OUT,
        targetId: request.id,
        changes,
        detail: `task ${task.code}${warnings.length ? `${warningDetail(warnings)}, confirmed by the office` : ""}`,
      },
    };
  },
});

export const returnCloseOut = defineServiceAction({
  name: "closeout.return",
  permission: "task:close",
  input: returnCloseOutSchema,
  async load(tx, actor, input) {
    const { request, task } = await findCloseOut(tx, actor, input.id);
    return { ...taskTarget(task), request, task };
  },
  async run({ tx, actor, input, target: { request, task } }) {
    if (request.status !== "PENDING") throw new ValidationError({ _form: ["tasks.validation.closeOutNotPending"] });
    await decide(tx, actor, request.id, input.version, { status: "RETURNED", decisionComment: input.reason });
    await tx.reformTask.update({ where: { id: task.id }, data: { status: "ACTIVE", version: { increment: 1 } } });
    await workflow(tx, actor, request.id, "RETURN", input.reason);
    const changes = diff({ status: task.status }, { status: "ACTIVE" });
    await recordChange(tx, actor, task.id, changes, input.reason);
    await notifyDecision(tx, task, request.unitId, "notifications.titles.closeOutReturned", input.reason);
    return {
      result: { id: request.id },
      audit: { targetType: CLOSE_OUT, targetId: request.id, changes, detail: `task ${task.code}: ${input.reason}` },
    };
  },
});

export const reopenTask = defineServiceAction({
  name: "task.reopen",
  permission: "task:close",
  input: reopenTaskSchema,
  async load(tx, actor, input) {
    const task = await findTask(tx, actor, input.id);
    return { ...taskTarget(task), task };
  },
  async run({ tx, actor, input, target: { task } }) {
    if (task.status !== "DONE") throw new ValidationError({ _form: ["tasks.validation.notDone"] });
    // Back to the percent of the latest approved lead report: 100 belonged to the close-out.
    const report = await tx.progressReport.findFirst({
      where: { taskId: task.id, kind: "LEAD", status: "APPROVED", deletedAt: null, percent: { not: null } },
      orderBy: { period: "desc" },
      select: { percent: true },
    });
    const actualPercent = report?.percent ?? 0;
    await bumpTask(tx, actor, task.id, input.version, { status: "ACTIVE", closedAt: null, actualPercent });
    const approved = await tx.closeOutRequest.findFirst({
      where: { taskId: task.id, status: "APPROVED" },
      orderBy: { decidedAt: "desc" },
      select: { id: true },
    });
    if (approved) await workflow(tx, actor, approved.id, "REOPEN", input.reason);
    const before: Record<string, unknown> = {
      status: task.status,
      actualPercent: task.actualPercent,
      closedAt: task.closedAt?.toISOString() ?? null,
    };
    const changes = diff(before, { status: "ACTIVE", actualPercent, closedAt: null });
    await recordChange(tx, actor, task.id, changes, input.reason);
    return { result: { id: task.id }, audit: { targetType: TASK, targetId: task.id, changes, detail: input.reason } };
  },
});
