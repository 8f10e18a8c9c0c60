import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, type Action } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { quarterlyTarget } from "@/lib/reports/rules";
import { INFO_ENTITY, INFO_ITEM_ENTITY } from "@/lib/reports/info-schemas";
import type { ReadScope } from "./owners";

// Who may fetch an evidence file, by the record it hangs on (its entityType). Files of a record
// the actor may not see answer 404, as the record itself would; files not yet submitted with their
// record (a draft's, a close-out or an answer still being prepared) are the unit's work in
// progress: only who may still change the record sees them.

export const PROGRESS_REPORT = "ProgressReport";
/** Close-out evidence uploaded before the application exists: entityId is the task's id until `closeout.apply`. */
export const PENDING_CLOSE_OUT = "CloseOutRequest.pending";
export const CLOSE_OUT = "CloseOutRequest";
/** Evidence for an answer to a supervision notice not yet given: entityId is the notice's id until `notice.answer`. */
export const PENDING_ANSWER = "SupervisionResponse.pending";
export const ANSWER = "SupervisionResponse";
export const QUARTERLY_REPORT = "QuarterlyReport";
/** Files for a plan change request not yet filed: entityId is the task's id until `change.request`. */
export const PENDING_CHANGE_REQUEST = "ChangeRequest.pending";
export const CHANGE_REQUEST = "ChangeRequest";
/** Evidence for an answer to a leader's instruction not yet given: entityId is the instruction's id until `instruction.answer`. */
export const PENDING_INSTRUCTION_ANSWER = "InstructionAnswer.pending";
export const INSTRUCTION_ANSWER = "InstructionAnswer";

/** The task's matrix target: its committee, group, lead and cooperating units (null: not visible). */
export async function taskTargetOf(taskId: string) {
  const task = await db.reformTask.findFirst({
    where: { id: taskId, deletedAt: null },
    select: { committeeId: true, groupId: true, leadUnitId: true, cooperatingUnits: { select: { unitId: true } } },
  });
  if (!task) return null;
  return {
    committeeId: task.committeeId,
    groupId: task.groupId,
    leadUnitId: task.leadUnitId,
    unitIds: [task.leadUnitId, ...task.cooperatingUnits.map((unit) => unit.unitId)],
  };
}

/**
 * A notice as the matrix sees it: to read it, its committee, the task's group and the unit it is
 * addressed to (as lib/supervision/queries.ts noticeScope); to answer it, the task's lead unit.
 */
export async function noticeTargetOf(noticeId: string) {
  const notice = await db.supervisionNotice.findFirst({
    where: { id: noticeId, deletedAt: null, task: { deletedAt: null } },
    select: { committeeId: true, unitId: true, task: { select: { groupId: true, leadUnitId: true } } },
  });
  if (!notice) return null;
  const base = { committeeId: notice.committeeId, groupId: notice.task.groupId };
  return { read: { ...base, unitIds: [notice.unitId] }, answer: { ...base, unitIds: [notice.task.leadUnitId] } };
}

/**
 * A leader's instruction as the matrix sees it: to read it, who sees its subject (the task's lead and
 * cooperating units; for a notice, the unit addressed); to answer it, the unit addressed.
 */
export async function instructionTargetOf(instructionId: string) {
  const row = await db.instruction.findFirst({
    where: { id: instructionId, deletedAt: null, task: { deletedAt: null } },
    select: {
      committeeId: true,
      subjectType: true,
      unitId: true,
      task: { select: { groupId: true, leadUnitId: true, cooperatingUnits: { select: { unitId: true } } } },
    },
  });
  if (!row) return null;
  const base = { committeeId: row.committeeId, groupId: row.task.groupId };
  const readers =
    row.subjectType === "NOTICE" ? [row.unitId] : [row.task.leadUnitId, ...row.task.cooperatingUnits.map((unit) => unit.unitId)];
  return { read: { ...base, unitIds: readers }, answer: { ...base, unitIds: [row.unitId] } };
}

/** How many times a record with rounds has been submitted (SUBMIT and RESUBMIT events). */
export async function submissionsOf(entityType: string, entityId: string, client: Pick<typeof db, "workflowEvent"> = db): Promise<number> {
  return client.workflowEvent.count({ where: { entityType, entityId, action: { in: ["SUBMIT", "RESUBMIT"] } } });
}

/**
 * A file of a record with rounds: every reader sees the rounds already submitted; the round being
 * prepared only who may write (`write` on `writeTarget`).
 */
export async function roundReadable(
  actor: Actor,
  attachment: { round: number | null },
  submitted: number,
  write: Action,
  writeTarget: Parameters<typeof can>[2],
): Promise<boolean> {
  if ((attachment.round ?? 1) <= submitted) return true;
  return can(actor, write, writeTarget);
}

const progressReport: ReadScope = async (actor, attachment) => {
  const report = await db.progressReport.findFirst({
    where: { id: attachment.entityId, deletedAt: null },
    select: { taskId: true, unitId: true },
  });
  const task = report ? await taskTargetOf(report.taskId) : null;
  if (!report || !task || !can(actor, "task:read", task)) return false;
  return roundReadable(actor, attachment, await submissionsOf(PROGRESS_REPORT, attachment.entityId), "report:write", {
    committeeId: task.committeeId,
    groupId: task.groupId,
    unitIds: [report.unitId],
  });
};

/** Files chosen for a close-out not yet applied for: the lead unit's (who may apply) alone. */
const pendingCloseOut: ReadScope = async (actor, attachment) => {
  const task = await taskTargetOf(attachment.entityId);
  return (
    task !== null && can(actor, "closeout:apply", { committeeId: task.committeeId, groupId: task.groupId, unitIds: [task.leadUnitId] })
  );
};

const closeOut: ReadScope = async (actor, attachment) => {
  const request = await db.closeOutRequest.findUnique({ where: { id: attachment.entityId }, select: { taskId: true } });
  const task = request ? await taskTargetOf(request.taskId) : null;
  return task !== null && can(actor, "task:read", task);
};

/** Files chosen for an answer not yet given: the lead unit's (who must answer) alone. */
const pendingAnswer: ReadScope = async (actor, attachment) => {
  const notice = await noticeTargetOf(attachment.entityId);
  return notice !== null && can(actor, "notice:answer", notice.answer);
};

/** An answer's files: whoever may read the notice. */
const answer: ReadScope = async (actor, attachment) => {
  const response = await db.supervisionResponse.findUnique({ where: { id: attachment.entityId }, select: { noticeId: true } });
  const notice = response ? await noticeTargetOf(response.noticeId) : null;
  return notice !== null && can(actor, "notice:read", notice.read);
};

/** Files chosen for an answer to an instruction not yet given: the unit addressed (who must answer) alone. */
const pendingInstructionAnswer: ReadScope = async (actor, attachment) => {
  const instruction = await instructionTargetOf(attachment.entityId);
  return instruction !== null && can(actor, "instruction:answer", instruction.answer);
};

/** An instruction's answer's files: whoever may read the instruction. */
const instructionAnswer: ReadScope = async (actor, attachment) => {
  const answer = await db.instructionAnswer.findUnique({ where: { id: attachment.entityId }, select: { instructionId: true } });
  const instruction = answer ? await instructionTargetOf(answer.instructionId) : null;
  return instruction !== null && can(actor, "instruction:read", instruction.read);
};

/** A quarterly report's files: its readers see the submitted rounds, its writers also the one being prepared. */
const quarterlyReport: ReadScope = async (actor, attachment) => {
  const report = await db.quarterlyReport.findFirst({
    where: { id: attachment.entityId, deletedAt: null },
    select: { committeeId: true, kind: true, groupId: true, task: { select: { leadUnitId: true } } },
  });
  if (!report) return false;
  const target = quarterlyTarget(report.committeeId, {
    kind: report.kind,
    groupId: report.groupId,
    leadUnitId: report.task?.leadUnitId,
  });
  if (!can(actor, "report:read", target)) return false;
  return roundReadable(actor, attachment, await submissionsOf(QUARTERLY_REPORT, attachment.entityId), "quarterly:write", target);
};

/**
 * An item of a unit's reform information report (改革信息月报): whoever may read the unit's reports
 * sees the submitted rounds; the round being prepared, the unit's reporters alone.
 */
const infoItem: ReadScope = async (actor, attachment) => {
  const item = await db.unitMonthlyReportItem.findFirst({
    where: { id: attachment.entityId, report: { deletedAt: null } },
    select: { report: { select: { id: true, committeeId: true, unitId: true } } },
  });
  if (!item) return false;
  const target = { committeeId: item.report.committeeId, unitIds: [item.report.unitId] };
  if (!can(actor, "report:read", target)) return false;
  return roundReadable(actor, attachment, await submissionsOf(INFO_ENTITY, item.report.id), "report:write", target);
};

/** Files chosen for a change request not yet filed: who may file one on the task (the office, the lead unit). */
const pendingChange: ReadScope = async (actor, attachment) => {
  const task = await taskTargetOf(attachment.entityId);
  return (
    task !== null && can(actor, "change:request", { committeeId: task.committeeId, groupId: task.groupId, unitIds: [task.leadUnitId] })
  );
};

/** A change request's files: whoever may read the task. */
const changeRequest: ReadScope = async (actor, attachment) => {
  const request = await db.changeRequest.findUnique({ where: { id: attachment.entityId }, select: { taskId: true } });
  const task = request ? await taskTargetOf(request.taskId) : null;
  return task !== null && can(actor, "task:read", task);
};

export const READ_SCOPES: Record<string, ReadScope> = {
  [PROGRESS_REPORT]: progressReport,
  [PENDING_CLOSE_OUT]: pendingCloseOut,
  [CLOSE_OUT]: closeOut,
  [PENDING_ANSWER]: pendingAnswer,
  [ANSWER]: answer,
  [QUARTERLY_REPORT]: quarterlyReport,
  [INFO_ITEM_ENTITY]: infoItem,
  [PENDING_CHANGE_REQUEST]: pendingChange,
  [CHANGE_REQUEST]: changeRequest,
  [PENDING_INSTRUCTION_ANSWER]: pendingInstructionAnswer,
  [INSTRUCTION_ANSWER]: instructionAnswer,
};
