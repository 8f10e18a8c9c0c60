import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { authorizeRead } from "@/lib/server/action";

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
