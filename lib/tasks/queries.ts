import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { TaskActionState, TaskFormOptions, TaskFormValues } from "./types";

export type { TaskActionState, TaskFormOptions, TaskFormValues };

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

const isoDay = (value: Date) => value.toISOString().slice(0, 10);

/** The choices of the task form: this committee's plans, work points, groups, active units and leaders. */
export async function taskFormOptions(actor: Actor): Promise<TaskFormOptions> {
  const committeeId = actor.committee.id;
  const [plans, points, groups, units, leaders] = await Promise.all([
    db.workPlan.findMany({
      where: { committeeId, deletedAt: null },
      orderBy: { year: "desc" },
      select: { id: true, title: true, year: true },
    }),
    db.workPoint.findMany({
      where: { plan: { committeeId }, deletedAt: null },
      orderBy: { sortOrder: "asc" },
      select: { id: true, planId: true, number: true, title: true },
    }),
    db.specialGroup.findMany({ where: { committeeId, deletedAt: null }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }),
    db.unit.findMany({
      where: { committeeId, deletedAt: null, active: true },
      orderBy: { sortOrder: "asc" },
      select: { id: true, name: true },
    }),
    db.user.findMany({
      where: { isLeader: true, deletedAt: null, roleAssignments: { some: { committeeId } } },
      orderBy: { username: "asc" },
      select: { id: true, name: true, leaderTitle: true },
    }),
  ]);
  return {
    plans: plans.map((plan) => ({ id: plan.id, label: plan.title, year: plan.year })),
    workPoints: points.map((point) => ({ id: point.id, planId: point.planId, label: `${point.number} ${point.title}` })),
    groups: groups.map((group) => ({ id: group.id, label: group.name })),
    units: units.map((unit) => ({ id: unit.id, label: unit.name })),
    leaders: leaders.map((leader) => ({
      id: leader.id,
      label: leader.leaderTitle ? `${leader.name}（${leader.leaderTitle}）` : leader.name,
    })),
  };
}

/** The task's current values in the form's terms; null outside the committee. */
export async function taskFormValues(actor: Actor, taskId: string): Promise<TaskFormValues | null> {
  const task = await db.reformTask.findFirst({
    where: { id: taskId, committeeId: actor.committee.id, deletedAt: null },
    include: {
      cooperatingUnits: { orderBy: { sortOrder: "asc" } },
      milestones: { orderBy: [{ plannedDate: "asc" }, { sortOrder: "asc" }] },
    },
  });
  if (!task) return null;
  return {
    id: task.id,
    version: task.version,
    planId: task.planId,
    workPointId: task.workPointId ?? "",
    groupId: task.groupId,
    code: task.code,
    title: task.title,
    goal: task.goal,
    outcome: task.outcome ?? "",
    leadUnitId: task.leadUnitId,
    cooperatingUnitIds: task.cooperatingUnits.map((row) => row.unitId),
    leaderId: task.leaderId ?? "",
    isKey: task.isKey,
    source: task.source,
    pilotLevel: task.pilotLevel ?? "",
    startDate: isoDay(task.startDate),
    dueDate: isoDay(task.dueDate),
    milestones: task.milestones.map((milestone) => ({
      id: milestone.id,
      title: milestone.title,
      plannedDate: isoDay(milestone.plannedDate),
      plannedPercent: milestone.plannedPercent,
    })),
  };
}
