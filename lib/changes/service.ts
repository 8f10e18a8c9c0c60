import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { visibleCommitteeIds } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/db/prisma";
import { notify, officeIdsOf, reporterIdsOf } from "@/lib/notifications/service";
import { defineServiceAction, type Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { PLAN_CHANGE } from "@/lib/audit/readable";
import { taskShapeIssues } from "@/lib/tasks/schemas";
import { controlledOf, editOf, findTask, readableEdit, saveTaskEdit, taskTarget, type TaskRow } from "@/lib/tasks/service";
import { CHANGE_REQUEST, PENDING_CHANGE_REQUEST } from "@/lib/attachments/scopes";
import { changedFields, fieldDiffers, isControlled, needsLeaderConsent, storeBaseline, type ControlledValues } from "./rules";
import { decideChangeSchema, requestChangeSchema, withdrawChangeSchema, type RequestChangeInput } from "./schemas";

// 计划调整: once a plan is issued, a task's controlled fields change only here. A request records
// the fields as they were and as asked, the reason and its files; the office decides (and, for a
// key task when the committee asks it, the linked leader too); an approval applies the change
// through the task service and keeps the replaced schedule, so a light of an earlier day is still
// computed from the baseline of that day (lib/changes/rules.ts baselineAt).

const CHANGE = "ChangeRequest";
const OPEN = ["PENDING", "LEADER_PENDING"] as const;

const FIELDS_SENT = [
  "startDate",
  "dueDate",
  "goal",
  "outcome",
  "leadUnitId",
  "cooperatingUnitIds",
  "leaderId",
  "isKey",
  "milestones",
] as const satisfies readonly (keyof RequestChangeInput)[];

/** The task's edit with the request's fields on top (fields left out keep their values). */
function proposedEdit(task: TaskRow, input: RequestChangeInput) {
  const edit = editOf(task);
  for (const field of FIELDS_SENT) {
    if (input[field] !== undefined) (edit as Record<string, unknown>)[field] = input[field];
  }
  return edit;
}

function controlledOfEdit(edit: ReturnType<typeof editOf>): ControlledValues {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return {
    startDate: day(edit.startDate),
    dueDate: day(edit.dueDate),
    goal: edit.goal,
    outcome: edit.outcome,
    leadUnitId: edit.leadUnitId,
    cooperatingUnitIds: edit.cooperatingUnitIds,
    leaderId: edit.leaderId,
    isKey: edit.isKey,
    milestones: edit.milestones.map((m) => ({ title: m.title, plannedDate: day(m.plannedDate), plannedPercent: m.plannedPercent })),
  };
}

/** The stored request's values as an edit, with ids of milestones kept when the request was filed. */
interface StoredProposal {
  fields: ControlledValues;
  /** the milestones as sent (ids of kept ones) */
  milestones: { id?: string; title: string; plannedDate: string; plannedPercent: number }[];
}

async function loadRequest(tx: Tx, actor: Actor, id: string) {
  const request = await tx.changeRequest.findFirst({
    where: { id, committeeId: { in: visibleCommitteeIds(actor, "task:read") }, task: { deletedAt: null } },
  });
  if (!request) throw new NotFoundError();
  const task = await findTask(tx, actor, request.taskId);
  return { request, task };
}

async function settingsOf(tx: Tx, committeeId: string) {
  const settings = await tx.committeeSettings.findUnique({ where: { committeeId }, select: { keyChangesNeedLeader: true } });
  return { keyChangesNeedLeader: settings?.keyChangesNeedLeader ?? false };
}

// ───────────── Filing ─────────────

export const requestChange = defineServiceAction({
  name: "change.request",
  permission: "change:request",
  input: requestChangeSchema,
  async load(tx, actor, input) {
    const task = await findTask(tx, actor, input.taskId);
    // the office for any task of its committee; a unit for the tasks it leads
    return { committeeId: task.committeeId, groupId: task.groupId, unitIds: [task.leadUnitId], task };
  },
  async run({ tx, actor, input, target: { task } }) {
    // one request at a time per task, whoever files it: serialized on the task's row
    await tx.$queryRaw`SELECT id FROM "ReformTask" WHERE id = ${task.id} FOR UPDATE`;
    if (!isControlled(task.plan)) throw new ValidationError({ _form: ["changes.validation.planDraft"] });
    if (task.status !== "ACTIVE") throw new ValidationError({ _form: ["changes.validation.notActive"] });
    if (await tx.changeRequest.count({ where: { taskId: task.id, status: { in: [...OPEN] } } }))
      throw new ValidationError({ _form: ["changes.validation.alreadyOpen"] });

    const edit = proposedEdit(task, input);
    const before = controlledOf(task);
    const after = controlledOfEdit(edit);
    const fields = changedFields(before, after);
    const errors: Record<string, string[]> = {};
    for (const issue of taskShapeIssues(edit)) (errors[issue.path.join(".")] ??= []).push(issue.message);
    if (!fields.length) errors._form = ["changes.validation.nothingChanged"];
    const attachmentIds = [...new Set(input.attachmentIds)];
    const files = await tx.attachment.count({
      where: { id: { in: attachmentIds }, entityType: PENDING_CHANGE_REQUEST, entityId: task.id, deletedAt: null },
    });
    if (files !== attachmentIds.length) errors.attachmentIds = ["changes.validation.evidenceInvalid"];
    if (Object.keys(errors).length) throw new ValidationError(errors);

    // the references (units, leader) are checked as the task form checks them, on approval too
    const changes = await readableEdit(tx, task, edit);
    const proposal: StoredProposal = {
      fields: Object.fromEntries(fields.map((field) => [field, after[field]])) as unknown as ControlledValues,
      milestones: edit.milestones.map((m) => ({
        ...(m.id ? { id: m.id } : {}),
        title: m.title,
        plannedDate: m.plannedDate.toISOString().slice(0, 10),
        plannedPercent: m.plannedPercent,
      })),
    };
    const fromUnit = actor.unit?.id === task.leadUnitId && !actor.roles.some((grant) => grant.role === "OFFICE");
    const request = await tx.changeRequest.create({
      data: {
        committeeId: task.committeeId,
        taskId: task.id,
        requestedById: actor.userId,
        requestedByName: actor.name,
        unitId: fromUnit ? task.leadUnitId : null,
        reason: input.reason,
        proposed: proposal as unknown as Prisma.InputJsonValue,
        current: Object.fromEntries(fields.map((field) => [field, before[field]])) as Prisma.InputJsonValue,
        changes: changes as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    if (attachmentIds.length)
      await tx.attachment.updateMany({ where: { id: { in: attachmentIds } }, data: { entityType: CHANGE_REQUEST, entityId: request.id } });
    await notify(
      tx,
      task.committeeId,
      (await officeIdsOf(tx, task.committeeId)).filter((id) => id !== actor.userId),
      {
        kind: "CHANGE_REQUESTED",
        title: "notifications.titles.changeRequested",
        params: { task: task.title, who: actor.name },
        body: input.reason,
        link: `/tasks/${task.id}#changes`,
      },
    );
    return {
      result: { id: request.id },
      audit: { targetType: CHANGE, targetId: request.id, changes, detail: `task ${task.code}: ${input.reason}` },
    };
  },
});

export const withdrawChange = defineServiceAction({
  name: "change.withdraw",
  permission: "change:request",
  input: withdrawChangeSchema,
  async load(tx, actor, input) {
    const { request, task } = await loadRequest(tx, actor, input.id);
    return { committeeId: task.committeeId, groupId: task.groupId, unitIds: [task.leadUnitId], request, task };
  },
  async run({ tx, actor, input, target: { request, task } }) {
    if (request.requestedById !== actor.userId) throw new ValidationError({ _form: ["changes.validation.notYours"] });
    await moveRequest(tx, request.id, input.version, ["PENDING"], { status: "WITHDRAWN", decidedAt: now() });
    return {
      result: { id: request.id },
      audit: { targetType: CHANGE, targetId: request.id, changes: { status: [request.status, "WITHDRAWN"] }, detail: `task ${task.code}` },
    };
  },
});

// ───────────── Deciding ─────────────

/** Moves a request on from one of `from` at `version`; anything else is a conflict (someone decided first). */
async function moveRequest(
  tx: Tx,
  id: string,
  version: number,
  from: readonly string[],
  data: Prisma.ChangeRequestUpdateManyMutationInput,
) {
  const moved = await tx.changeRequest.updateMany({
    where: { id, version, status: { in: from as Prisma.EnumChangeRequestStatusFilter["in"] } },
    data: { ...data, version: { increment: 1 } },
  });
  if (moved.count === 0) {
    const current = await tx.changeRequest.findUniqueOrThrow({
      where: { id },
      select: { status: true, version: true, decidedByName: true },
    });
    throw new ConflictError({ request: current });
  }
}

/**
 * Applies an approved request to the task: the fields asked for, unless someone changed them since
 * the request was filed (then 409: the request must be filed again on the task as it now is).
 */
async function applyRequest(
  tx: Tx,
  actor: Actor,
  request: { id: string; reason: string; proposed: unknown; current: unknown },
  task: TaskRow,
) {
  await tx.$queryRaw`SELECT id FROM "ReformTask" WHERE id = ${task.id} FOR UPDATE`;
  const fresh = await findTask(tx, actor, task.id);
  const proposal = request.proposed as StoredProposal;
  const asked = request.current as Partial<ControlledValues>;
  const now_ = controlledOf(fresh);
  const fields = Object.keys(proposal.fields) as (keyof ControlledValues)[];
  const stale = fields.filter((field) => fieldDiffers(field, { ...now_, [field]: asked[field] } as ControlledValues, now_));
  if (stale.length) throw new ConflictError({ staleFields: stale });
  if (fresh.status !== "ACTIVE") throw new ValidationError({ _form: ["changes.validation.notActive"] });

  const edit = editOf(fresh);
  const values = proposal.fields;
  const day = (value: string) => new Date(`${value}T00:00:00Z`);
  if (values.startDate !== undefined) edit.startDate = day(values.startDate);
  if (values.dueDate !== undefined) edit.dueDate = day(values.dueDate);
  if (values.goal !== undefined) edit.goal = values.goal;
  if (values.outcome !== undefined) edit.outcome = values.outcome;
  if (values.leadUnitId !== undefined) edit.leadUnitId = values.leadUnitId;
  if (values.cooperatingUnitIds !== undefined) edit.cooperatingUnitIds = values.cooperatingUnitIds;
  if (values.leaderId !== undefined) edit.leaderId = values.leaderId;
  if (values.isKey !== undefined) edit.isKey = values.isKey;
  if (values.milestones !== undefined) {
    const kept = new Set(fresh.milestones.map((m) => m.id));
    edit.milestones = proposal.milestones.map((m) => ({
      ...(m.id && kept.has(m.id) ? { id: m.id } : {}),
      title: m.title,
      plannedDate: day(m.plannedDate),
      plannedPercent: m.plannedPercent,
    }));
  }
  const baselineBefore = storeBaseline({
    startDate: fresh.startDate,
    dueDate: fresh.dueDate,
    leadUnitId: fresh.leadUnitId,
    milestones: fresh.milestones,
  });
  const { changes } = await saveTaskEdit(tx, actor, fresh, edit, `${PLAN_CHANGE}${request.reason}`);
  return { baselineBefore, changes };
}

async function notifyDecision(tx: Tx, task: TaskRow, request: { requestedById: string; unitId: string | null }, approved: boolean) {
  const users = new Set([request.requestedById, ...(await reporterIdsOf(tx, task.committeeId, task.leadUnitId))]);
  await notify(tx, task.committeeId, [...users], {
    kind: "CHANGE_DECIDED",
    title: approved ? "notifications.titles.changeApproved" : "notifications.titles.changeRejected",
    params: { task: task.title },
    link: `/tasks/${task.id}#changes`,
  });
}

/** The office's decision: approve (applied now, or passed on to the linked leader) or reject. */
export const decideChange = defineServiceAction({
  name: "change.decide",
  permission: "change:decide",
  input: decideChangeSchema,
  async load(tx, actor, input) {
    const { request, task } = await loadRequest(tx, actor, input.id);
    return { ...taskTarget(task), request, task };
  },
  async run({ tx, actor, input, target: { request, task } }) {
    if (request.status !== "PENDING") throw await staleDecision(tx, request.id);
    const decided = { decidedById: actor.userId, decidedByName: actor.name, decisionComment: input.comment };
    if (input.decision === "reject") {
      await moveRequest(tx, request.id, input.version, ["PENDING"], { status: "REJECTED", decidedAt: now(), ...decided });
      await notifyDecision(tx, task, request, false);
      return { result: { id: request.id, status: "REJECTED" }, audit: auditOf(request.id, task, "REJECTED", input.comment) };
    }
    if (needsLeaderConsent(task, (await settingsOf(tx, task.committeeId)).keyChangesNeedLeader)) {
      await moveRequest(tx, request.id, input.version, ["PENDING"], {
        status: "LEADER_PENDING",
        officeDecidedAt: now(),
        officeDecidedById: actor.userId,
        decisionComment: input.comment,
      });
      await notify(tx, task.committeeId, [task.leaderId!], {
        kind: "CHANGE_REQUESTED",
        title: "notifications.titles.changeNeedsLeader",
        params: { task: task.title },
        body: request.reason,
        link: `/tasks/${task.id}#changes`,
      });
      return { result: { id: request.id, status: "LEADER_PENDING" }, audit: auditOf(request.id, task, "LEADER_PENDING", input.comment) };
    }
    return approve(tx, actor, request, task, input, ["PENDING"], decided);
  },
});

/** A key task's linked leader consents (or not) after the office, when the committee asks it. */
export const endorseChange = defineServiceAction({
  name: "change.endorse",
  permission: "change:endorse",
  input: decideChangeSchema,
  async load(tx, actor, input) {
    const { request, task } = await loadRequest(tx, actor, input.id);
    return { committeeId: task.committeeId, request, task };
  },
  async run({ tx, actor, input, target: { request, task } }) {
    if (task.leaderId !== actor.userId) throw new ValidationError({ _form: ["changes.validation.notTheLeader"] });
    if (request.status !== "LEADER_PENDING") throw await staleDecision(tx, request.id);
    const decided = { decidedById: actor.userId, decidedByName: actor.name, decisionComment: input.comment ?? request.decisionComment };
    if (input.decision === "reject") {
      await moveRequest(tx, request.id, input.version, ["LEADER_PENDING"], { status: "REJECTED", decidedAt: now(), ...decided });
      await notifyDecision(tx, task, request, false);
      return { result: { id: request.id, status: "REJECTED" }, audit: auditOf(request.id, task, "REJECTED", input.comment) };
    }
    return approve(tx, actor, request, task, input, ["LEADER_PENDING"], decided);
  },
});

async function approve(
  tx: Tx,
  actor: Actor,
  request: {
    id: string;
    status: string;
    reason: string;
    proposed: unknown;
    current: unknown;
    requestedById: string;
    unitId: string | null;
  },
  task: TaskRow,
  input: { version: number; comment: string | null },
  from: readonly string[],
  decided: Prisma.ChangeRequestUpdateManyMutationInput,
) {
  const decidedAt = now();
  await moveRequest(tx, request.id, input.version, from, { status: "APPROVED", decidedAt, ...decided });
  const { baselineBefore, changes } = await applyRequest(tx, actor, request, task);
  await tx.changeRequest.update({
    where: { id: request.id },
    data: { baselineBefore: baselineBefore as unknown as Prisma.InputJsonValue },
  });
  await notifyDecision(tx, task, request, true);
  return {
    result: { id: request.id, status: "APPROVED" },
    audit: {
      ...auditOf(request.id, task, "APPROVED", input.comment),
      changes: { status: [request.status, "APPROVED"] as [unknown, unknown], ...changes },
    },
  };
}

async function staleDecision(tx: Tx, id: string): Promise<ConflictError> {
  const current = await tx.changeRequest.findUniqueOrThrow({ where: { id }, select: { status: true, version: true, decidedByName: true } });
  return new ConflictError({ request: current });
}

function auditOf(id: string, task: TaskRow, status: string, comment: string | null | undefined) {
  return {
    targetType: CHANGE,
    targetId: id,
    changes: { status: ["PENDING", status] as [unknown, unknown] },
    detail: `task ${task.code}${comment ? `: ${comment}` : ""}`,
  };
}
