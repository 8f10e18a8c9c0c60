import "server-only";
// The facts a close-out is checked against, read from the database for one task (service and
// queries share it, so the form, the 核验 panel and the server refuse on the same warnings).
import type { Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { closeOutWarnings, type CloseOutFacts, type CloseOutWarning } from "./closeout-rules";
import { DEFAULT_THRESHOLDS, taskLight, type LightResult } from "./rules";

export interface CloseOutCheck {
  facts: CloseOutFacts;
  /** the light as if no close-out were pending: what the task's own data say */
  light: LightResult;
  warnings: CloseOutWarning[];
}

/** The task's close-out facts and warnings as of now. The caller has authorized the actor on the task. */
export async function closeOutCheckOf(tx: Tx, taskId: string): Promise<CloseOutCheck> {
  const task = await tx.reformTask.findUniqueOrThrow({
    where: { id: taskId },
    select: {
      startDate: true,
      dueDate: true,
      leadUnitId: true,
      committee: {
        select: { settings: { select: { yellowLagPoints: true, redLagPoints: true, milestoneRedDays: true, monthlyReportDueDay: true } } },
      },
      milestones: {
        orderBy: [{ plannedDate: "asc" }, { sortOrder: "asc" }],
        select: { id: true, title: true, plannedDate: true, plannedPercent: true, completedOn: true },
      },
    },
  });
  const lead = await tx.progressReport.findMany({
    where: { taskId, unitId: task.leadUnitId, kind: "LEAD", deletedAt: null, status: { not: "DRAFT" } },
    orderBy: { period: "desc" },
    select: { period: true, status: true, percent: true },
  });
  // the latest approved lead report, as reopenTask and the ledger read "actual"
  const approved = lead.find((report) => report.status === "APPROVED" && report.percent !== null);
  const lastApprovedPercent = approved?.percent ?? null;
  const asOf = now();
  const light = taskLight(
    {
      status: "ACTIVE",
      startDate: task.startDate,
      dueDate: task.dueDate,
      actualPercent: lastApprovedPercent ?? 0,
      milestones: task.milestones,
      reportedPeriods: lead.map((report) => report.period),
    },
    asOf,
    task.committee.settings ?? DEFAULT_THRESHOLDS,
  );
  const facts: CloseOutFacts = { milestones: task.milestones, lastApprovedPercent, light: light.light, reasons: light.reasons };
  return { facts, light, warnings: closeOutWarnings(facts, asOf) };
}
