// The rules of the "1+2" reporting system (DESIGN §3 "Report windows"), pure and unit-tested:
// months and quarters, their deadlines, which reports are expected, how a report is classified
// (on time / late / missing / not yet due), and the draft of a quarterly report compiled from the
// quarter's approved monthly reports. Periods are the first day of a month at UTC midnight
// (Prisma's @db.Date); instants are judged by their Beijing calendar day (dayOf).
import type { Target } from "@/lib/auth/permissions";
import { dayOf } from "@/lib/tasks/rules";

const DAY = 86_400_000;

// ───────────── months and quarters ─────────────

/** The month an instant falls in (Beijing calendar), as its first day. */
export function monthOf(instant: Date): Date {
  const day = dayOf(instant);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
}

export function addMonths(period: Date, months: number): Date {
  return new Date(Date.UTC(period.getUTCFullYear(), period.getUTCMonth() + months, 1));
}

/** The last day of a period's month. */
export function monthEnd(period: Date): Date {
  return new Date(Date.UTC(period.getUTCFullYear(), period.getUTCMonth() + 1, 0));
}

/** "2026-11" */
export function monthKey(period: Date): string {
  return `${period.getUTCFullYear()}-${String(period.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** "2026-11" → its first day; anything else → null. */
export function parseMonthKey(key: string | null | undefined): Date | null {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key ?? "");
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return null;
  return new Date(Date.UTC(year, Number(match[2]) - 1, 1));
}

export interface Quarter {
  year: number;
  /** 1–4 */
  quarter: number;
}

export function quarterOf(period: Date): Quarter {
  return { year: period.getUTCFullYear(), quarter: Math.floor(period.getUTCMonth() / 3) + 1 };
}

/** The three months of a quarter, as first days. */
export function quarterMonths({ year, quarter }: Quarter): [Date, Date, Date] {
  const first = new Date(Date.UTC(year, (quarter - 1) * 3, 1));
  return [first, addMonths(first, 1), addMonths(first, 2)];
}

export function previousQuarter({ year, quarter }: Quarter): Quarter {
  return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
}

/** "2026-Q4" */
export function quarterKey({ year, quarter }: Quarter): string {
  return `${year}-Q${quarter}`;
}

export function parseQuarterKey(key: string | null | undefined): Quarter | null {
  const match = /^(\d{4})-Q([1-4])$/.exec(key ?? "");
  if (!match) return null;
  const year = Number(match[1]);
  return year < 2000 || year > 2100 ? null : { year, quarter: Number(match[2]) };
}

// ───────────── deadlines ─────────────

/** A day-of-month setting applied to a month: day 31 of February is its last day. */
function dayInMonth(year: number, monthIndex: number, day: number): Date {
  const last = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, monthIndex, Math.min(Math.max(1, day), last)));
}

/** The monthly report for `period` is due on `dueDay` of the next month (default 5). */
export function monthlyDueOn(period: Date, dueDay: number): Date {
  return dayInMonth(period.getUTCFullYear(), period.getUTCMonth() + 1, dueDay);
}

/** The quarterly report is due on day `dueDay` after the quarter (default 10: Q4 2026 → 2027-01-10). */
export function quarterlyDueOn({ year, quarter }: Quarter, dueDay: number): Date {
  return dayInMonth(year, quarter * 3, dueDay);
}

/**
 * The month whose report a unit is working on at `asOf` (本月待报): the month before until its
 * deadline has passed, then the current month. On 2026-11-05 that is October; on 11-06, November.
 */
export function currentReportingPeriod(asOf: Date, dueDay: number): Date {
  const previous = addMonths(monthOf(asOf), -1);
  return dayOf(asOf).getTime() <= monthlyDueOn(previous, dueDay).getTime() ? previous : monthOf(asOf);
}

/** Likewise for quarters: the last quarter until its deadline has passed, then the current one. */
export function currentReportingQuarter(asOf: Date, dueDay: number): Quarter {
  const current = quarterOf(monthOf(asOf));
  const previous = previousQuarter(current);
  return dayOf(asOf).getTime() <= quarterlyDueOn(previous, dueDay).getTime() ? previous : current;
}

/** Whole days from `asOf`'s day to `dueOn` (0 on the day, negative once past). */
export function daysUntil(dueOn: Date, asOf: Date): number {
  return Math.round((dueOn.getTime() - dayOf(asOf).getTime()) / DAY);
}

// ───────────── expected reports ─────────────

export interface ReportableTask {
  id: string;
  /** the plan year: tasks report in the months of their own year */
  year: number;
  status: "ACTIVE" | "PENDING_CLOSE" | "DONE" | "CANCELLED";
  startDate: Date;
  /** when it was closed out (销号), if it was */
  closedAt: Date | null;
  deleted?: boolean;
}

/**
 * Does the lead unit owe a monthly report on this task for `period`? A task reports for each month
 * of its plan year from the month it starts, until the month in which it is closed out (a task
 * closed during a month owes nothing for that month). Cancelled or deleted tasks owe nothing.
 */
export function isReportExpected(task: ReportableTask, period: Date): boolean {
  if (task.deleted || task.status === "CANCELLED") return false;
  if (period.getUTCFullYear() !== task.year) return false;
  if (task.startDate.getTime() > monthEnd(period).getTime()) return false;
  if (task.closedAt && dayOf(task.closedAt).getTime() <= monthEnd(period).getTime()) return false;
  return true;
}

/** The subset of tasks that owe a report for `period`. */
export function expectedTasks<T extends ReportableTask>(tasks: readonly T[], period: Date): T[] {
  return tasks.filter((task) => isReportExpected(task, period));
}

// ───────────── classification ─────────────

export type Timeliness = "ON_TIME" | "LATE" | "MISSING" | "NOT_DUE";

export interface FiledReport {
  status: "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED";
  /** the first submission; later resubmissions do not change timeliness */
  firstSubmittedAt: Date | null;
}

/**
 * An expected report on `asOf`: ON_TIME when first submitted by the end of its due day (Beijing),
 * LATE when first submitted after it, MISSING when not submitted and the due day has passed, and
 * NOT_DUE when not submitted yet but still in time. A draft is not a submission.
 */
export function classifyReport(report: FiledReport | null, dueOn: Date, asOf: Date): Timeliness {
  const submitted = report && report.status !== "DRAFT" && report.firstSubmittedAt ? report.firstSubmittedAt : null;
  if (submitted && submitted.getTime() <= asOf.getTime()) {
    return dayOf(submitted).getTime() <= dueOn.getTime() ? "ON_TIME" : "LATE";
  }
  return dayOf(asOf).getTime() > dueOn.getTime() ? "MISSING" : "NOT_DUE";
}

/**
 * An expected report's standing in 报送情况: its timeliness, except that a submitted report the office
 * has returned and the unit has not yet resubmitted is RETURNED (退回待重报) — a figure of its own, not
 * on time and not late. Once resubmitted it counts again by its first submission (classifyReport): the
 * unit met or missed the deadline with that submission, and the office's review time is not charged to it.
 */
export type ComplianceStatus = Timeliness | "RETURNED";

export function complianceStatus(report: FiledReport | null, dueOn: Date, asOf: Date): ComplianceStatus {
  const timeliness = classifyReport(report, dueOn, asOf);
  const submitted = timeliness === "ON_TIME" || timeliness === "LATE";
  return submitted && report?.status === "RETURNED" ? "RETURNED" : timeliness;
}

/** The five figures of 报送情况 are disjoint: expected = onTime + late + returned + missing + notDue. */
export interface ComplianceCounts {
  expected: number;
  onTime: number;
  late: number;
  missing: number;
  notDue: number;
  /** submitted, returned by the office, not resubmitted yet (退回待重报): neither on time nor late */
  returned: number;
}

export const EMPTY_COUNTS: ComplianceCounts = { expected: 0, onTime: 0, late: 0, missing: 0, notDue: 0, returned: 0 };

const COUNT_KEYS = { ON_TIME: "onTime", LATE: "late", MISSING: "missing", NOT_DUE: "notDue", RETURNED: "returned" } as const;

/** Adds one expected report to a tally. */
export function tally(counts: ComplianceCounts, status: ComplianceStatus): ComplianceCounts {
  const key = COUNT_KEYS[status];
  return { ...counts, expected: counts.expected + 1, [key]: counts[key] + 1 };
}

/**
 * 按时报送率: the share of the reports due by now (expected − not yet due) that stand on time, 0–100,
 * null when nothing is due yet. A returned report awaiting resubmission is in the base but not on
 * time, so returning reports lowers the rate until the unit resubmits.
 */
export function onTimeRate(counts: ComplianceCounts): number | null {
  const judged = counts.expected - counts.notDue;
  return judged > 0 ? Math.round((counts.onTime / judged) * 100) : null;
}

// ───────────── cumulative percent ─────────────

/**
 * A lead report's cumulative percent may not go below the last approved one unless the unit says
 * why (e.g. the target was raised). Returns a catalogue key for the field, or null.
 */
export function percentProblem(percent: number, previousPercent: number | null, reason: string | null | undefined): string | null {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) return "reports.validation.percentRange";
  if (previousPercent !== null && percent < previousPercent && !reason?.trim()) return "reports.validation.percentDropReason";
  return null;
}

// ───────────── quarterly draft ─────────────

export interface MonthlyFact {
  period: Date;
  taskCode: string;
  taskTitle: string;
  leadUnitName: string;
  progress: string;
  percent: number | null;
  problems: string | null;
  nextSteps: string | null;
}

export interface QuarterlyDraft {
  body: string;
  problems: string;
  nextSteps: string;
}

const monthLabel = (period: Date) => `${period.getUTCMonth() + 1}月`;
const clean = (text: string | null | undefined) => (text ?? "").trim().replace(/[。；;，,\s]+$/u, "");
const distinct = (texts: (string | null | undefined)[]) => [...new Set(texts.map(clean).filter(Boolean))];

/**
 * The first draft of a quarterly report from the quarter's approved monthly reports, for the author
 * to edit: per task the months' progress in order and the latest cumulative percent; problems and
 * next steps from the quarter's last report of each task (older ones are usually resolved).
 * `heading` introduces the body (e.g. the group's name and the quarter).
 */
export function compileQuarterlyDraft(heading: string, facts: readonly MonthlyFact[]): QuarterlyDraft {
  const byTask = new Map<string, MonthlyFact[]>();
  for (const fact of [...facts].sort((a, b) => a.period.getTime() - b.period.getTime())) {
    byTask.set(fact.taskCode, [...(byTask.get(fact.taskCode) ?? []), fact]);
  }
  const codes = [...byTask.keys()].sort((a, b) => a.localeCompare(b, "zh-CN"));
  const single = codes.length === 1;
  const sections = codes.map((code, index) => {
    const months = byTask.get(code)!;
    const last = months.at(-1)!;
    const lines = months.map((fact) => `${monthLabel(fact.period)}：${clean(fact.progress)}。`).join("");
    const percent = last.percent === null ? "" : `截至${monthLabel(last.period)}累计完成${last.percent}%。`;
    return single
      ? `${lines}${percent}`
      : `${index + 1}. ${last.taskTitle}（${code}，牵头单位：${last.leadUnitName}）。${lines}${percent}`;
  });
  const lastOf = codes.map((code) => byTask.get(code)!.at(-1)!);
  const numbered = (texts: string[]) => (texts.length <= 1 ? (texts[0] ? `${texts[0]}。` : "") : texts.map((text, i) => `${i + 1}. ${text}。`).join("\n"));
  return {
    body: [heading, ...(sections.length ? sections : ["本季度暂无已审核的月度进展。"])].filter(Boolean).join("\n"),
    problems: numbered(distinct(lastOf.map((fact) => fact.problems))),
    nextSteps: numbered(distinct(lastOf.map((fact) => fact.nextSteps))),
  };
}

// ───────────── who writes a quarterly report ─────────────

/** Who may write a quarterly report, as the matrix sees it: the group (its liaisons), or the key task's lead unit. */
export function quarterlyTarget(
  committeeId: string,
  subject: { kind: "GROUP" | "KEY_TASK"; groupId?: string | null; leadUnitId?: string | null },
): Target {
  return subject.kind === "GROUP" ? { committeeId, groupId: subject.groupId ?? null } : { committeeId, unitIds: subject.leadUnitId ? [subject.leadUnitId] : [] };
}
