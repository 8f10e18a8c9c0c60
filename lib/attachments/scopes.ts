import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, type Action } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
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

/** How many times a record with rounds has been submitted (SUBMIT and RESUBMIT events). */
export async function submissionsOf(entityType: string, entityId: string): Promise<number> {
  return db.workflowEvent.count({ where: { entityType, entityId, action: { in: ["SUBMIT", "RESUBMIT"] } } });
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
  const report = await db.progressReport.findFirst({ where: { id: attachment.entityId, deletedAt: null }, select: { taskId: true, unitId: true } });
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
  return task !== null && can(actor, "closeout:apply", { committeeId: task.committeeId, groupId: task.groupId, unitIds: [task.leadUnitId] });
};

const closeOut: ReadScope = async (actor, attachment) => {
  const request = await db.closeOutRequest.findUnique({ where: { id: attachment.entityId }, select: { taskId: true } });
  const task = request ? await taskTargetOf(request.taskId) : null;
  return task !== null && can(actor, "task:read", task);
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

export const READ_SCOPES: Record<string, ReadScope> = {
  [PROGRESS_REPORT]: progressReport,
  [PENDING_CLOSE_OUT]: pendingCloseOut,
  [CLOSE_OUT]: closeOut,
  [INFO_ITEM_ENTITY]: infoItem,
};
