import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { defineServiceAction, diff, type Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { lastChange, recordChange } from "./history";
import { createWorkPointSchema, deleteWorkPointSchema, moveWorkPointSchema, updateWorkPointSchema } from "./schemas";

// 工作要点条目: the numbered points of a year's plan, each under a special group. The office keeps
// them in the plan's order; tasks are decomposed from them (ReformTask.workPointId).

const POINT = "WorkPoint";

const pointSelect = {
  id: true,
  planId: true,
  groupId: true,
  number: true,
  title: true,
  sortOrder: true,
  updatedAt: true,
  plan: { select: { committeeId: true } },
} as const;

/** A live point of a live plan in the actor's committee; anything else is NotFound. */
async function findPoint(tx: Tx, actor: Actor, id: string) {
  const point = await tx.workPoint.findFirst({
    where: { id, deletedAt: null, plan: { committeeId: actor.committee.id, deletedAt: null } },
    select: pointSelect,
  });
  if (!point) throw new NotFoundError();
  return { committeeId: point.plan.committeeId, point };
}

/** Writes to one plan's points queue on the plan row, so "last" and renumbering see every point. */
async function lockPlan(tx: Tx, planId: string) {
  await tx.$queryRaw`SELECT id FROM "WorkPlan" WHERE id = ${planId} FOR UPDATE`;
}

/** The group must be a live group of the committee (else NotFound, as for tasks); the number unique in the plan. */
async function checkPoint(tx: Tx, committeeId: string, planId: string, input: { groupId: string; number: string }, pointId?: string) {
  if (!(await tx.specialGroup.findFirst({ where: { id: input.groupId, committeeId, deletedAt: null }, select: { id: true } })))
    throw new NotFoundError();
  const taken = await tx.workPoint.findFirst({
    where: { planId, number: input.number, deletedAt: null, ...(pointId ? { id: { not: pointId } } : {}) },
    select: { id: true },
  });
  if (taken) throw new ValidationError({ number: ["plans.errors.duplicateNumber"] });
}

const liveTasks = (tx: Tx, pointId: string) => tx.reformTask.count({ where: { workPointId: pointId, deletedAt: null } });

/** The point as it now is and who changed it last: what a stale editor is shown (as for tasks). */
async function conflictWith(tx: Tx, pointId: string): Promise<ConflictError> {
  const point = await tx.workPoint.findFirst({ where: { id: pointId, deletedAt: null }, select: pointSelect });
  return new ConflictError({
    workPoint: point
      ? {
          id: point.id,
          groupId: point.groupId,
          number: point.number,
          title: point.title,
          updatedAt: point.updatedAt.toISOString(),
        }
      : null,
    lastChange: await lastChange(tx, POINT, pointId),
  });
}

export const createWorkPoint = defineServiceAction({
  name: "workPoint.create",
  permission: "plan:write",
  input: createWorkPointSchema,
  async load(tx, actor, input) {
    const plan = await tx.workPlan.findFirst({
      where: { id: input.planId, committeeId: actor.committee.id, deletedAt: null },
      select: { id: true, committeeId: true },
    });
    if (!plan) throw new NotFoundError();
    return { committeeId: plan.committeeId, plan };
  },
  async run({ tx, actor, input, target: { committeeId, plan } }) {
    await lockPlan(tx, plan.id);
    await checkPoint(tx, committeeId, plan.id, input);
    const last = await tx.workPoint.aggregate({ where: { planId: plan.id, deletedAt: null }, _max: { sortOrder: true } });
    const point = await tx.workPoint.create({
      data: {
        planId: plan.id,
        groupId: input.groupId,
        number: input.number,
        title: input.title,
        sortOrder: (last._max.sortOrder ?? -1) + 1,
      },
    });
    const changes: Record<string, [unknown, unknown]> = {
      planId: [null, plan.id],
      groupId: [null, point.groupId],
      number: [null, point.number],
      title: [null, point.title],
    };
    await recordChange(tx, actor, POINT, point.id, changes);
    return { result: { id: point.id }, audit: { targetType: POINT, targetId: point.id, changes } };
  },
});

export const updateWorkPoint = defineServiceAction({
  name: "workPoint.update",
  permission: "plan:write",
  input: updateWorkPointSchema,
  load: (tx, actor, input) => findPoint(tx, actor, input.id),
  async run({ tx, actor, input, target: { committeeId, point } }) {
    await lockPlan(tx, point.planId);
    if (point.updatedAt.getTime() !== input.expectedUpdatedAt.getTime()) throw await conflictWith(tx, point.id);
    await checkPoint(tx, committeeId, point.planId, input, point.id);
    // the point's tasks carry its group (and a code made from it): they would no longer match
    if (input.groupId !== point.groupId && (await liveTasks(tx, point.id)))
      throw new ValidationError({ groupId: ["plans.errors.pointGroupHasTasks"] });
    const data = { groupId: input.groupId, number: input.number, title: input.title };
    // compare-and-set on the stamp: a save that committed since our read makes this match nothing
    const updated = await tx.workPoint.updateMany({ where: { id: point.id, updatedAt: input.expectedUpdatedAt, deletedAt: null }, data });
    if (updated.count === 0) throw await conflictWith(tx, point.id);
    const changes = diff(point, data);
    await recordChange(tx, actor, POINT, point.id, changes);
    const after = await tx.workPoint.findUniqueOrThrow({ where: { id: point.id }, select: { updatedAt: true } });
    return {
      result: { id: point.id, updatedAt: after.updatedAt.toISOString() },
      audit: { targetType: POINT, targetId: point.id, changes },
    };
  },
});

/**
 * Moves a point one place up or down among the points of its special group, as the plan page
 * lists them. The whole plan is renumbered 0..n-1 in the same transaction, so gaps and ties left
 * by imports or deletions never matter. A point already first (or last) stays where it is.
 */
export const moveWorkPoint = defineServiceAction({
  name: "workPoint.move",
  permission: "plan:write",
  input: moveWorkPointSchema,
  load: (tx, actor, input) => findPoint(tx, actor, input.id),
  async run({ tx, input, target: { point } }) {
    await lockPlan(tx, point.planId);
    const order = await tx.workPoint.findMany({
      where: { planId: point.planId, deletedAt: null },
      orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: { id: true, groupId: true, sortOrder: true, updatedAt: true },
    });
    const from = order.findIndex((row) => row.id === point.id);
    if (from < 0) throw new NotFoundError(); // deleted while we waited for the lock
    const { groupId } = order[from]!;
    const step = input.direction === "up" ? -1 : 1;
    let to = from + step;
    while (to >= 0 && to < order.length && order[to]!.groupId !== groupId) to += step;
    const moved = to >= 0 && to < order.length;
    if (moved) [order[from], order[to]] = [order[to]!, order[from]!];
    for (const [sortOrder, row] of order.entries()) {
      // The order is the plan's, not the point's content: the stamp stays, so an edit of the point
      // opened before the move still saves.
      if (row.sortOrder !== sortOrder) await tx.workPoint.update({ where: { id: row.id }, data: { sortOrder, updatedAt: row.updatedAt } });
    }
    const position = order.findIndex((row) => row.id === point.id);
    return {
      result: { moved },
      audit: {
        targetType: POINT,
        targetId: point.id,
        changes: moved ? { sortOrder: [point.sortOrder, position] } : undefined,
        detail: moved ? `moved ${input.direction}` : `already ${input.direction === "up" ? "first" : "last"} in its group`,
      },
    };
  },
});

/** Soft delete; refused while live tasks still belong to the point (move or delete them first). */
export const deleteWorkPoint = defineServiceAction({
  name: "workPoint.delete",
  permission: "plan:write",
  input: deleteWorkPointSchema,
  load: (tx, actor, input) => findPoint(tx, actor, input.id),
  async run({ tx, actor, target: { point } }) {
    const tasks = await liveTasks(tx, point.id);
    if (tasks) throw new ValidationError({ _form: ["plans.errors.pointHasTasks"] });
    await tx.workPoint.update({ where: { id: point.id }, data: { deletedAt: now(), deletedById: actor.userId } });
    return {
      result: { id: point.id },
      audit: { targetType: POINT, targetId: point.id, detail: `deleted ${point.number} ${point.title}`.slice(0, 300) },
    };
  },
});
