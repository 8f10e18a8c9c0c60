import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";

/** What the actor may do on a task page, and the versions those actions are based on. */
export interface TaskActionState {
  taskId: string;
  version: number;
  status: "ACTIVE" | "PENDING_CLOSE" | "DONE" | "CANCELLED";
  pendingCloseOut: { id: string; version: number } | null;
  /** the lead unit's reporter may apply for close-out (对账销号) */
  canApply: boolean;
  /** the office may approve/return a close-out and reopen a done task */
  canDecide: boolean;
  /** the office may mark milestones complete */
  canEdit: boolean;
}

/** Null when the task is not visible to the actor (the page answers 404 before this is asked). */
export async function taskActionState(actor: Actor, taskId: string): Promise<TaskActionState | null> {
  const task = await db.reformTask.findFirst({
    where: { id: taskId, committeeId: actor.committee.id, deletedAt: null },
    select: {
      id: true,
      version: true,
      status: true,
      groupId: true,
      committeeId: true,
      leadUnitId: true,
      cooperatingUnits: { select: { unitId: true } },
      closeOutRequests: { where: { status: "PENDING" }, select: { id: true, version: true }, take: 1 },
    },
  });
  if (!task) return null;
  const scope = { committeeId: task.committeeId, groupId: task.groupId };
  const everyUnit = { ...scope, unitIds: [task.leadUnitId, ...task.cooperatingUnits.map((row) => row.unitId)] };
  return {
    taskId: task.id,
    version: task.version,
    status: task.status,
    pendingCloseOut: task.closeOutRequests[0] ?? null,
    canApply: task.status === "ACTIVE" && can(actor, "closeout:apply", { ...scope, unitIds: [task.leadUnitId] }),
    canDecide: can(actor, "task:close", everyUnit),
    canEdit: task.status !== "DONE" && can(actor, "task:write", everyUnit),
  };
}
