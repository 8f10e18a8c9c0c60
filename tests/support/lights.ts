// The facts behind a task's light, recomputed in JavaScript from its raw rows — independently of
// lib/ledger — for tests that compare them with the light the portal computes in SQL.
import { db } from "@/lib/db/client";
import type { TaskFacts } from "@/lib/tasks/rules";

/**
 * The facts of one task as of a day, written here independently of lib/ledger (same documented
 * meaning: status, approved actual, completed milestones and filed reports by the end of the day).
 */
export function jsFacts(task: Awaited<ReturnType<typeof loadTasks>>[number], asOf: Date): TaskFacts {
  const endOfDay = asOf.getTime() + 16 * 3600_000;
  const by = (instant: Date | null) => instant !== null && instant.getTime() < endOfDay;
  // the schedule of the day: an approved change decided after the day's end had not yet replaced it
  const later = task.changeRequests
    .filter((change) => change.status === "APPROVED" && change.decidedAt !== null && !by(change.decidedAt) && change.baselineBefore)
    .sort((a, b) => a.decidedAt!.getTime() - b.decidedAt!.getTime())[0];
  const stored = later?.baselineBefore as
    | {
        startDate: string;
        dueDate: string;
        leadUnitId: string;
        milestones: { title: string; plannedDate: string; plannedPercent: number; completedOn: string | null }[];
      }
    | undefined;
  const utc = (day: string) => new Date(`${day}T00:00:00Z`);
  const schedule = stored
    ? {
        startDate: utc(stored.startDate),
        dueDate: utc(stored.dueDate),
        leadUnitId: stored.leadUnitId,
        // as stored: in plan order
        milestones: stored.milestones.map((m) => ({
          title: m.title,
          plannedDate: utc(m.plannedDate),
          plannedPercent: m.plannedPercent,
          completedOn: m.completedOn ? utc(m.completedOn) : null,
        })),
      }
    : {
        startDate: task.startDate,
        dueDate: task.dueDate,
        leadUnitId: task.leadUnitId,
        // in plan order, as the task page gives them: the order breaks ties between equally late milestones
        milestones: [...task.milestones].sort((a, b) => a.plannedDate.getTime() - b.plannedDate.getTime() || a.sortOrder - b.sortOrder),
      };
  let status: TaskFacts["status"] = task.status;
  if (task.status === "DONE" && !by(task.closedAt)) status = "ACTIVE";
  if (task.status === "PENDING_CLOSE" && !task.closeOutRequests.some((r) => r.status === "PENDING" && by(r.appliedAt))) status = "ACTIVE";
  const lead = task.progressReports.filter((r) => r.kind === "LEAD" && r.unitId === schedule.leadUnitId && r.deletedAt === null);
  let actual = 0;
  let latest: Date | null = null;
  let latestReview = 0;
  for (const report of lead) {
    if (report.status !== "APPROVED" || report.percent === null || !by(report.reviewedAt)) continue;
    const newer =
      latest === null ||
      report.period.getTime() > latest.getTime() ||
      (report.period.getTime() === latest.getTime() && report.reviewedAt!.getTime() > latestReview);
    if (newer) {
      latest = report.period;
      latestReview = report.reviewedAt!.getTime();
      actual = report.percent;
    }
  }
  return {
    status,
    startDate: schedule.startDate,
    dueDate: schedule.dueDate,
    actualPercent: actual,
    milestones: schedule.milestones.map((m) => ({
      title: m.title,
      plannedDate: m.plannedDate,
      plannedPercent: m.plannedPercent,
      completedOn: m.completedOn && m.completedOn.getTime() <= asOf.getTime() ? m.completedOn : null,
    })),
    reportedPeriods: lead.filter((r) => r.status !== "DRAFT" && by(r.firstSubmittedAt ?? r.submittedAt)).map((r) => r.period),
  };
}

export function loadTasks() {
  return db.reformTask.findMany({
    where: { deletedAt: null },
    include: {
      milestones: true,
      progressReports: true,
      closeOutRequests: true,
      changeRequests: true,
      committee: { select: { settings: true } },
    },
    orderBy: { code: "asc" },
  });
}
