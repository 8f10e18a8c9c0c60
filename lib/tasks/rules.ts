// The rules at the product's heart (DESIGN §3), pure and unit-tested: planned progress at a date,
// the schedule light, task codes and milestone validation. Dates are calendar days at UTC
// midnight (Prisma's @db.Date); `asOf` is any instant, compared by its calendar day.

export type Light = "DONE" | "PENDING_CLOSE" | "NOT_STARTED" | "RED" | "YELLOW" | "GREEN";
export const LIGHTS: readonly Light[] = ["RED", "YELLOW", "GREEN", "NOT_STARTED", "PENDING_CLOSE", "DONE"];

export type TaskStatusValue = "ACTIVE" | "PENDING_CLOSE" | "DONE" | "CANCELLED";

export interface LightThresholds {
  /** actual ≥ this many points behind planned → YELLOW */
  yellowLagPoints: number;
  /** actual ≥ this many points behind planned → RED */
  redLagPoints: number;
  /** a milestone more than this many days late → RED */
  milestoneRedDays: number;
  /** the monthly report for month M is due on this day of M+1 */
  monthlyReportDueDay: number;
}

export const DEFAULT_THRESHOLDS: LightThresholds = { yellowLagPoints: 10, redLagPoints: 30, milestoneRedDays: 30, monthlyReportDueDay: 5 };

export interface MilestoneFacts {
  plannedDate: Date;
  plannedPercent: number;
  completedOn?: Date | null;
  /** named in the light's reason when it is the late milestone */
  title?: string;
}

export interface TaskFacts {
  status: TaskStatusValue;
  startDate: Date;
  dueDate: Date;
  /** cumulative percent of the latest approved lead report (100 when closed out) */
  actualPercent: number;
  milestones: readonly MilestoneFacts[];
  /** periods (first day of month) of the lead reports submitted so far, any status but draft */
  reportedPeriods?: readonly Date[];
}

export type LightReason = "overdue" | "milestoneLateLong" | "milestoneLate" | "lagRed" | "lagYellow" | "reportMissing";
export const LIGHT_REASONS: readonly LightReason[] = [
  "overdue",
  "milestoneLateLong",
  "lagRed",
  "milestoneLate",
  "lagYellow",
  "reportMissing",
];

/**
 * A reason of the light with the facts a reader needs (lib/tasks/reason-text.ts words it). Days are
 * YYYY-MM-DD, a month YYYY-MM; the ledger's SQL builds the very same objects (light-sql.ts).
 */
export type LightReasonDetail =
  /** past the due date by `days` and not closed out */
  | { code: "overdue"; dueDate: string; days: number }
  /**
   * `milestone` (planned on `plannedDate`) is the oldest open milestone the actual percent has not
   * reached, `days` past its date; `lateMilestones` counts every such milestone past its date
   */
  | { code: "milestoneLateLong" | "milestoneLate"; milestone: string; plannedDate: string; days: number; lateMilestones: number }
  | { code: "lagRed" | "lagYellow"; planned: number; actual: number; lag: number }
  /** no lead report of `period` submitted, and it fell due on `dueOn` */
  | { code: "reportMissing"; period: string; dueOn: string };

export interface LightResult {
  light: Light;
  planned: number;
  actual: number;
  /** planned − actual, never negative */
  lag: number;
  /** RED: only its red reasons; YELLOW: only its yellow reasons; none for the other lights */
  reasons: LightReason[];
  /** the same reasons, in the same order, with their facts */
  details: LightReasonDetail[];
}

const DAY = 86_400_000;

/** The calendar day of an instant, as UTC midnight (Beijing days are what users mean; see dayOf). */
export function dayOf(instant: Date): Date {
  // Calendar days follow Beijing time (UTC+8): 2026-11-30T20:00Z is already 1 December there.
  const beijing = new Date(instant.getTime() + 8 * 3600_000);
  return new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate()));
}

function days(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY);
}

const isoDate = (day: Date) => day.toISOString().slice(0, 10);

/**
 * Planned cumulative percent on `asOf`: with milestones, that of the latest milestone planned on or
 * before the day (0 before the first); without, linear from the start (0) to the due date (100).
 */
export function plannedPercent(task: Pick<TaskFacts, "startDate" | "dueDate" | "milestones">, asOf: Date): number {
  const today = dayOf(asOf);
  if (task.milestones.length > 0) {
    let planned = 0;
    for (const milestone of task.milestones) {
      if (milestone.plannedDate.getTime() <= today.getTime()) planned = Math.max(planned, milestone.plannedPercent);
    }
    return planned;
  }
  if (today.getTime() <= task.startDate.getTime()) return 0;
  if (today.getTime() >= task.dueDate.getTime()) return 100;
  const span = days(task.startDate, task.dueDate);
  return span <= 0 ? 100 : Math.floor((days(task.startDate, today) / span) * 100);
}

/** The first day of the month before `asOf`'s month, and the day its report fell due. */
export function lastMonthReportWindow(asOf: Date, dueDay: number): { period: Date; dueOn: Date } {
  const today = dayOf(asOf);
  const period = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  const dueOn = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), dueDay));
  return { period, dueOn };
}

/** The schedule light of a task on `asOf` (DESIGN §3), with its reasons. */
export function taskLight(task: TaskFacts, asOf: Date, thresholds: LightThresholds = DEFAULT_THRESHOLDS): LightResult {
  const today = dayOf(asOf);
  const actual = task.status === "DONE" ? 100 : task.actualPercent;
  const planned = plannedPercent(task, asOf);
  const lag = Math.max(0, planned - actual);
  const result = (light: Light, details: LightReasonDetail[] = []): LightResult => ({
    light,
    planned,
    actual,
    lag,
    reasons: details.map((detail) => detail.code),
    details,
  });

  if (task.status === "DONE") return result("DONE");
  if (task.status === "PENDING_CLOSE") return result("PENDING_CLOSE");
  if (task.startDate.getTime() > today.getTime()) return result("NOT_STARTED");

  const red: LightReasonDetail[] = [];
  const yellow: LightReasonDetail[] = [];
  if (today.getTime() > task.dueDate.getTime())
    red.push({ code: "overdue", dueDate: isoDate(task.dueDate), days: days(task.dueDate, today) });

  // the milestones the light looks at: open on the day and not reached by the actual percent; the
  // oldest of them (then the lowest percent, then the first given) is the one a reason names
  let worst: { milestone: MilestoneFacts; late: number } | null = null;
  let lateMilestones = 0;
  for (const milestone of task.milestones) {
    if (milestone.completedOn || milestone.plannedPercent <= actual) continue;
    const late = days(milestone.plannedDate, today);
    if (late > 0) lateMilestones++;
    if (!worst || late > worst.late || (late === worst.late && milestone.plannedPercent < worst.milestone.plannedPercent))
      worst = { milestone, late };
  }
  if (worst && worst.late > 0) {
    const detail = {
      milestone: worst.milestone.title ?? "",
      plannedDate: isoDate(worst.milestone.plannedDate),
      days: worst.late,
      lateMilestones,
    };
    if (worst.late > thresholds.milestoneRedDays) red.push({ code: "milestoneLateLong", ...detail });
    else yellow.push({ code: "milestoneLate", ...detail });
  }
  if (lag >= thresholds.redLagPoints) red.push({ code: "lagRed", planned, actual, lag });
  else if (lag >= thresholds.yellowLagPoints) yellow.push({ code: "lagYellow", planned, actual, lag });

  if (task.reportedPeriods) {
    const { period, dueOn } = lastMonthReportWindow(asOf, thresholds.monthlyReportDueDay);
    const activeLastMonth = task.startDate.getTime() < new Date(Date.UTC(period.getUTCFullYear(), period.getUTCMonth() + 1, 1)).getTime();
    const filed = task.reportedPeriods.some((reported) => reported.getTime() === period.getTime());
    if (activeLastMonth && !filed && today.getTime() > dueOn.getTime())
      yellow.push({ code: "reportMissing", period: isoDate(period).slice(0, 7), dueOn: isoDate(dueOn) });
  }

  if (red.length) return result("RED", red);
  if (yellow.length) return result("YELLOW", yellow);
  return result("GREEN");
}

/** The next free code of a group in a year: `2026-经济-012` (three digits, more when needed). */
export function nextTaskCode(year: number, groupShortName: string, existingCodes: readonly string[]): string {
  const prefix = `${year}-${groupShortName}-`;
  const highest = existingCodes
    .filter((code) => code.startsWith(prefix))
    .map((code) => Number.parseInt(code.slice(prefix.length), 10))
    .filter(Number.isFinite)
    .reduce((max, value) => Math.max(max, value), 0);
  return `${prefix}${String(highest + 1).padStart(3, "0")}`;
}

export interface MilestoneProblem {
  index: number;
  field: "plannedDate" | "plannedPercent";
  /** a catalogue key */
  message: string;
}

/**
 * Milestones must be dated within the task, in date order, with planned percents from 1 to 100 that
 * increase strictly from one milestone to the next.
 */
export function milestoneProblems(milestones: readonly MilestoneFacts[], task: { startDate: Date; dueDate: Date }): MilestoneProblem[] {
  const problems: MilestoneProblem[] = [];
  milestones.forEach((milestone, index) => {
    const previous = milestones[index - 1];
    if (milestone.plannedPercent < 1 || milestone.plannedPercent > 100 || !Number.isInteger(milestone.plannedPercent)) {
      problems.push({ index, field: "plannedPercent", message: "validation.milestonePercentRange" });
    } else if (previous && milestone.plannedPercent <= previous.plannedPercent) {
      problems.push({ index, field: "plannedPercent", message: "validation.milestonePercentIncreasing" });
    }
    if (milestone.plannedDate.getTime() < task.startDate.getTime() || milestone.plannedDate.getTime() > task.dueDate.getTime()) {
      problems.push({ index, field: "plannedDate", message: "validation.milestoneDateOutside" });
    } else if (previous && milestone.plannedDate.getTime() < previous.plannedDate.getTime()) {
      problems.push({ index, field: "plannedDate", message: "validation.milestoneDateOrder" });
    }
  });
  return problems;
}
