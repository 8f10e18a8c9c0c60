import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { evidenceOf } from "@/lib/attachments/service";
import { PENDING_CLOSE_OUT } from "@/lib/attachments/scopes";
import { env } from "@/lib/server/env";
import { can, visibleCommitteeIds } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { authorizeRead } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { NotFoundError } from "@/lib/server/errors";
import { closeOutCheckOf } from "./closeout-facts";
import { openMilestones } from "./closeout-rules";
import type { CloseOutReview, CloseOutRequestView, TaskActionState, TaskFormOptions, TaskFormValues } from "./types";

export type { CloseOutReview, CloseOutRequestView, TaskActionState, TaskFormOptions, TaskFormValues };

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
  const canApply = task.status === "ACTIVE" && can(actor, "closeout:apply", { ...scope, unitIds: [task.leadUnitId] });
  return {
    taskId: task.id,
    version: task.version,
    status: task.status,
    pendingCloseOut: task.closeOutRequests[0] ?? null,
    canApply,
    canDecide: can(actor, "task:close", everyUnit),
    canEdit: task.status !== "DONE" && can(actor, "task:write", everyUnit),
    pendingFiles: canApply ? ((await evidenceOf(PENDING_CLOSE_OUT, [task.id])).get(task.id) ?? []) : [],
    maxMb: env().ATTACHMENT_MAX_MB,
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

// ───────────── Close-out (对账销号): the facts, the applications and their evidence ─────────────

/**
 * The close-out view of a task for whoever may read it (the lead and cooperating units, its group,
 * the office): today's warnings, milestones, last approved percent and light, and every application
 * with its evidence files. NotFound for anyone else, like the files themselves.
 */
export async function closeOutReview(actor: Actor, taskId: string): Promise<CloseOutReview> {
  authorizeRead(actor, "task:read");
  if (typeof taskId !== "string" || taskId.length > 40) throw new NotFoundError();
  const task = await db.reformTask.findFirst({
    where: { id: taskId, committeeId: { in: visibleCommitteeIds(actor, "task:read") }, deletedAt: null },
    select: {
      id: true,
      committeeId: true,
      groupId: true,
      leadUnitId: true,
      cooperatingUnits: { select: { unitId: true } },
      closeOutRequests: {
        orderBy: { appliedAt: "desc" },
        select: {
          id: true,
          version: true,
          status: true,
          summary: true,
          explanation: true,
          appliedAt: true,
          appliedById: true,
          decidedAt: true,
          decidedById: true,
          decisionComment: true,
          unit: { select: { name: true } },
        },
      },
    },
  });
  if (!task) throw new NotFoundError();
  authorizeRead(actor, "task:read", {
    committeeId: task.committeeId,
    groupId: task.groupId,
    unitIds: [task.leadUnitId, ...task.cooperatingUnits.map((unit) => unit.unitId)],
  });

  const evidence = await evidenceOf(
    "CloseOutRequest",
    task.closeOutRequests.map((request) => request.id),
  );
  const userIds = [
    ...new Set(
      task.closeOutRequests.flatMap((request) => [request.appliedById, request.decidedById]).filter((id): id is string => id !== null),
    ),
  ];
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const nameOf = (id: string | null) => (id ? (users.find((user) => user.id === id)?.name ?? null) : null);

  const requests: CloseOutRequestView[] = task.closeOutRequests.map((request) => ({
    id: request.id,
    version: request.version,
    status: request.status,
    unit: request.unit.name,
    appliedBy: nameOf(request.appliedById),
    appliedAt: request.appliedAt.toISOString(),
    summary: request.summary,
    explanation: request.explanation,
    decidedAt: request.decidedAt?.toISOString() ?? null,
    decidedBy: nameOf(request.decidedById),
    decisionComment: request.decisionComment,
    evidence: evidence.get(request.id) ?? [],
  }));

  const check = await closeOutCheckOf(db, task.id);
  const open = new Map(openMilestones(check.facts.milestones, now()).map((milestone) => [milestone.id, milestone]));
  return {
    taskId: task.id,
    warnings: check.warnings,
    lastApprovedPercent: check.facts.lastApprovedPercent,
    light: check.light.light,
    reasons: check.light.reasons,
    details: check.light.details,
    milestones: check.facts.milestones.map((milestone) => ({
      id: milestone.id,
      title: milestone.title,
      plannedDate: isoDay(milestone.plannedDate),
      plannedPercent: milestone.plannedPercent,
      completedOn: open.has(milestone.id) || !milestone.completedOn ? null : isoDay(milestone.completedOn),
      overdue: open.get(milestone.id)?.overdue ?? false,
      daysLate: open.get(milestone.id)?.daysLate ?? 0,
    })),
    requests,
  };
}
