import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { authorizeRead } from "@/lib/server/action";
import { NotFoundError } from "@/lib/server/errors";
import type { PlanDetail } from "./types";

export interface PlanRow {
  id: string;
  year: number;
  title: string;
  docNumber: string | null;
  issuedOn: Date | null;
  points: number;
  tasks: number;
  done: number;
}

/** The committee's plans, newest year first, with their counts (one grouped query each). */
export async function listPlans(actor: Actor): Promise<PlanRow[]> {
  authorizeRead(actor, "plan:read");
  const plans = await db.workPlan.findMany({
    where: { committeeId: actor.committee.id, deletedAt: null },
    orderBy: [{ year: "desc" }, { createdAt: "asc" }],
    select: {
      id: true,
      year: true,
      title: true,
      docNumber: true,
      issuedOn: true,
      _count: { select: { workPoints: { where: { deletedAt: null } } } },
    },
  });
  const counts = await db.reformTask.groupBy({
    by: ["planId", "status"],
    where: { committeeId: actor.committee.id, deletedAt: null },
    _count: true,
  });
  const tally = (planId: string, done?: boolean) =>
    counts
      .filter((row) => row.planId === planId && (done === undefined || (row.status === "DONE") === done))
      .reduce((sum, row) => sum + row._count, 0);
  return plans.map((plan) => ({
    id: plan.id,
    year: plan.year,
    title: plan.title,
    docNumber: plan.docNumber,
    issuedOn: plan.issuedOn,
    points: plan._count.workPoints,
    tasks: tally(plan.id),
    done: tally(plan.id, true),
  }));
}

/** One plan of the actor's committee with its work points and their task counts; NotFound otherwise. */
export async function getPlanDetail(actor: Actor, id: string): Promise<PlanDetail> {
  authorizeRead(actor, "plan:read");
  const committeeId = actor.committee.id;
  const plan = await db.workPlan.findFirst({
    where: { id, committeeId, deletedAt: null },
    select: {
      id: true,
      committeeId: true,
      year: true,
      title: true,
      docNumber: true,
      issuedOn: true,
      updatedAt: true,
      workPoints: {
        where: { deletedAt: null },
        orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          groupId: true,
          number: true,
          title: true,
          updatedAt: true,
          group: { select: { name: true, sortOrder: true } },
        },
      },
    },
  });
  if (!plan) throw new NotFoundError();
  const [counts, groups] = await Promise.all([
    db.reformTask.groupBy({ by: ["workPointId"], where: { committeeId, planId: plan.id, deletedAt: null }, _count: true }),
    db.specialGroup.findMany({
      where: { committeeId, deletedAt: null },
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      select: { id: true, name: true },
    }),
  ]);
  const tasksOf = new Map(counts.map((row) => [row.workPointId, row._count]));

  const sections = new Map<string, PlanDetail["sections"][number] & { sortOrder: number }>();
  for (const point of plan.workPoints) {
    const section = sections.get(point.groupId) ?? {
      groupId: point.groupId,
      groupName: point.group.name,
      sortOrder: point.group.sortOrder,
      points: [],
    };
    sections.set(point.groupId, section);
    section.points.push({
      id: point.id,
      groupId: point.groupId,
      number: point.number,
      title: point.title,
      updatedAt: point.updatedAt.toISOString(),
      tasks: tasksOf.get(point.id) ?? 0,
      first: section.points.length === 0,
      last: false,
    });
  }
  for (const section of sections.values()) section.points.at(-1)!.last = true;

  return {
    id: plan.id,
    committeeId: plan.committeeId,
    year: plan.year,
    title: plan.title,
    docNumber: plan.docNumber,
    issuedOn: plan.issuedOn,
    updatedAt: plan.updatedAt.toISOString(),
    sections: [...sections.values()]
      .sort((a, b) => a.sortOrder - b.sortOrder || a.groupName.localeCompare(b.groupName, "zh-CN"))
      .map(({ sortOrder: _sortOrder, ...section }) => section),
    points: plan.workPoints.length,
    tasks: counts.reduce((sum, row) => sum + row._count, 0),
    unassigned: tasksOf.get(null) ?? 0,
    groups,
  };
}
