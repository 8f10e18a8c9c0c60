import "server-only";
// Reads of the plan pages, scoped like the ledger: office and leaders read a plan whole; a liaison
// the points of its groups; a reporter the points holding tasks its unit leads or cooperates on.
// Every task figure counts the tasks of the ledger's scope (scopeWhere), never the whole plan's.
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/prisma";
import { scopeParts, scopeWhere } from "@/lib/ledger/queries";
import { authorizeRead, readAudited } from "@/lib/server/action";
import { NotFoundError } from "@/lib/server/errors";
import { readsWholePlan, type PlanReach } from "./rules";
import type { PlanDetail } from "./types";

interface PlanScope {
  reach: PlanReach;
  /** the plan's tasks the actor reads: the ledger's scope */
  tasks: Prisma.ReformTaskWhereInput;
  /** the plan's work points the actor reads */
  points: Prisma.WorkPointWhereInput;
  /** the units whose lead tasks are told apart (a reporter's), else empty */
  leadUnits: string[];
}

/** The part of the committee's plans the actor reads (see the top of this file). */
function planScope(actor: Actor): PlanScope {
  // no task:read at all (no such role today): no task counts
  const tasks = scopeWhere(actor) ?? { id: { in: [] } };
  if (readsWholePlan(actor, actor.committee.id)) return { reach: "whole", tasks, points: {}, leadUnits: [] };
  const { groups, units } = scopeParts(actor, "plan:read");
  const points: Prisma.WorkPointWhereInput = {
    OR: [...(groups.length ? [{ groupId: { in: groups } }] : []), { tasks: { some: { deletedAt: null, ...tasks } } }],
  };
  if (groups.length && units.length) return { reach: "own", tasks, points, leadUnits: [] };
  if (groups.length) return { reach: "groups", tasks, points, leadUnits: [] };
  return { reach: "unit", tasks, points, leadUnits: scopeParts(actor).units };
}

export interface PlanRow {
  id: string;
  year: number;
  title: string;
  docNumber: string | null;
  issuedOn: Date | null;
  /** DRAFT: edited freely; ISSUED (下达): controlled task fields change through change requests */
  status: "DRAFT" | "ISSUED";
  /** what the three figures count: the whole plan, or the actor's part of it */
  reach: PlanReach;
  /** may the actor take the plan's workbook */
  workbook: boolean;
  points: number;
  tasks: number;
  done: number;
}

/** The committee's plans, newest year first, with the counts of the actor's part (one grouped query each). */
export async function listPlans(actor: Actor): Promise<PlanRow[]> {
  authorizeRead(actor, "plan:read");
  const scope = planScope(actor);
  const workbook = readsWholePlan(actor, actor.committee.id);
  const plans = await db.workPlan.findMany({
    where: { committeeId: actor.committee.id, deletedAt: null },
    orderBy: [{ year: "desc" }, { createdAt: "asc" }],
    select: {
      id: true,
      year: true,
      title: true,
      docNumber: true,
      issuedOn: true,
      status: true,
      _count: { select: { workPoints: { where: { deletedAt: null, ...scope.points } } } },
    },
  });
  const counts = await db.reformTask.groupBy({
    by: ["planId", "status"],
    where: { committeeId: actor.committee.id, deletedAt: null, ...scope.tasks },
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
    status: plan.status,
    reach: scope.reach,
    workbook,
    points: plan._count.workPoints,
    tasks: tally(plan.id),
    done: tally(plan.id, true),
  }));
}

/**
 * One plan of the actor's committee with the work points the actor reads and the counts of its
 * tasks under them; NotFound for another committee's plan.
 */
export function getPlanDetail(actor: Actor, id: string): Promise<PlanDetail> {
  return readAudited(actor, { event: "plan.read", targetType: "WorkPlan", id: String(id) }, () => readPlanDetail(actor, id));
}

async function readPlanDetail(actor: Actor, id: string): Promise<PlanDetail> {
  authorizeRead(actor, "plan:read");
  const committeeId = actor.committee.id;
  const scope = planScope(actor);
  const plan = await db.workPlan.findFirst({
    where: { id, committeeId, deletedAt: null },
    select: {
      id: true,
      committeeId: true,
      year: true,
      title: true,
      docNumber: true,
      issuedOn: true,
      status: true,
      updatedAt: true,
      workPoints: {
        where: { deletedAt: null, ...scope.points },
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
  const inScope: Prisma.ReformTaskWhereInput = { committeeId, planId: plan.id, deletedAt: null, ...scope.tasks };
  const [counts, leads, groups] = await Promise.all([
    db.reformTask.groupBy({ by: ["workPointId"], where: inScope, _count: true }),
    scope.leadUnits.length
      ? db.reformTask.groupBy({ by: ["workPointId"], where: { ...inScope, leadUnitId: { in: scope.leadUnits } }, _count: true })
      : Promise.resolve(null),
    db.specialGroup.findMany({
      where: { committeeId, deletedAt: null },
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      select: { id: true, name: true },
    }),
  ]);
  const tasksOf = new Map(counts.map((row) => [row.workPointId, row._count]));
  const leadsOf = leads && new Map(leads.map((row) => [row.workPointId, row._count]));

  const sections = new Map<string, PlanDetail["sections"][number] & { sortOrder: number }>();
  for (const point of plan.workPoints) {
    const section = sections.get(point.groupId) ?? {
      groupId: point.groupId,
      groupName: point.group.name,
      sortOrder: point.group.sortOrder,
      tasks: 0,
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
      leadTasks: leadsOf ? (leadsOf.get(point.id) ?? 0) : null,
      first: section.points.length === 0,
      last: false,
    });
  }
  for (const section of sections.values()) {
    section.points.at(-1)!.last = true;
    section.tasks = section.points.reduce((sum, point) => sum + point.tasks, 0);
  }

  return {
    id: plan.id,
    committeeId: plan.committeeId,
    year: plan.year,
    title: plan.title,
    docNumber: plan.docNumber,
    issuedOn: plan.issuedOn,
    status: plan.status,
    updatedAt: plan.updatedAt.toISOString(),
    reach: scope.reach,
    workbook: readsWholePlan(actor, plan.committeeId),
    sections: [...sections.values()]
      .sort((a, b) => a.sortOrder - b.sortOrder || a.groupName.localeCompare(b.groupName, "zh-CN"))
      .map(({ sortOrder: _sortOrder, ...section }) => section),
    points: plan.workPoints.length,
    tasks: counts.reduce((sum, row) => sum + row._count, 0),
    unassigned: tasksOf.get(null) ?? 0,
    groups,
  };
}
