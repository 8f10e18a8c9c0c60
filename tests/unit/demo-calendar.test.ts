// The demo county on any day of the year (issue 13): the seed is built for a calendar of days — every
// day of December and January, a leap February, month ends, at several hours of the Beijing day —
// and on each the reporter's 本月待报, the compliance figures and the lights must make sense by the
// same pure rules the portal applies. No database: the rows buildDemo would insert are read directly.
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/demo/accounts";
import { buildDemo } from "@/lib/demo/seed";
import {
  addMonths,
  complianceStatus,
  currentReportingPeriod,
  EMPTY_COUNTS,
  isReportExpected,
  monthlyDueOn,
  tally,
  type ComplianceCounts,
} from "@/lib/reports/rules";
import { dayOf, taskLight, type Light, type TaskStatusValue } from "@/lib/tasks/rules";

type Rows = ReturnType<typeof buildDemo>;
const DUE_DAY = 5;
const HOUR = 3600_000;

/** `count` instants from `from` (a Beijing day, "2026-12-01"), one a day, cycling through the hours of a Beijing day. */
function days(from: string, count: number): Date[] {
  const hours = [0.3, 7.1, 10, 16.5, 23.8]; // Beijing hours: just after midnight, before work, mid-morning, afternoon, late night
  const start = Date.parse(`${from}T00:00:00+08:00`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * 24 * HOUR + (hours[i % hours.length] ?? 0) * HOUR));
}

const CALENDAR: Date[] = [
  ...days("2026-11-28", 40), // the end of November, all of December, the year end and the first days of January
  ...days("2027-01-08", 24), // the rest of January
  ...days("2028-02-25", 10), // a leap February into March
  ...["2026-02-28T09:00:00+08:00", "2026-06-30T23:59:00+08:00", "2026-07-01T00:01:00+08:00", "2026-07-05T18:00:00+08:00"].map(
    (iso) => new Date(iso),
  ),
  ...["2026-07-06T08:00:00+08:00", "2026-10-10T12:00:00+08:00", "2026-10-11T09:00:00+08:00", "2027-12-31T20:00:00+08:00"].map(
    (iso) => new Date(iso),
  ),
];

/** The demo's rows as of `now`, built once per instant and shared by the tests below. */
const built = new Map<number, Rows>();
function demoAt(now: Date): Rows {
  let rows = built.get(now.getTime());
  if (!rows) built.set(now.getTime(), (rows = buildDemo(now, "hash")));
  return rows;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const label = (now: Date) => new Date(now.getTime() + 8 * HOUR).toISOString().slice(0, 16).replace("T", " ");
const time = (value: unknown) => (value instanceof Date ? value.getTime() : null);

interface LeadReport {
  taskId: string;
  unitId: string;
  period: Date;
  percent: number | null;
  status: "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED";
  submittedAt: Date | null;
  firstSubmittedAt: Date | null;
  reviewedAt: Date | null;
  kind: string;
}

function leadReports(rows: Rows): LeadReport[] {
  return rows.progressReport.map((row) => row as unknown as LeadReport).filter((row) => row.kind === "LEAD");
}

/** Every recorded instant happened before `now`, and in order: filed, then reviewed. */
function expectNothingInTheFuture(rows: Rows, now: Date) {
  const instantColumns = ["submittedAt", "firstSubmittedAt", "reviewedAt", "appliedAt", "decidedAt", "closedAt", "readAt", "issuedAt"];
  const late: string[] = [];
  for (const [table, list] of Object.entries(rows)) {
    for (const row of list as Record<string, unknown>[]) {
      for (const column of [...instantColumns, "createdAt"]) {
        const at = time(row[column]);
        if (at !== null && at > now.getTime()) late.push(`${table}.${column} ${(row[column] as Date).toISOString()}`);
      }
      const submitted = time(row.submittedAt);
      const first = time(row.firstSubmittedAt);
      const reviewed = time(row.reviewedAt);
      if (first !== null && submitted !== null && first > submitted) late.push(`${table} resubmitted before first submission`);
      if (reviewed !== null && submitted !== null && reviewed < submitted) late.push(`${table} reviewed before submission`);
    }
  }
  expect(late.slice(0, 5), `${label(now)}: instants after now or out of order`).toEqual([]);
}

function tasksOf(rows: Rows) {
  return rows.reformTask.map((row) => ({
    id: row.id!,
    code: row.code,
    year: row.year,
    leadUnitId: row.leadUnitId,
    status: (row.status ?? "ACTIVE") as TaskStatusValue,
    startDate: row.startDate as Date,
    dueDate: row.dueDate as Date,
    closedAt: (row.closedAt as Date | null | undefined) ?? null,
    actualPercent: row.actualPercent ?? 0,
  }));
}

describe("the demo county on every day of the calendar", () => {
  it("gives each demo reporter reports still owed in the window being reported, and never a report before it could exist", () => {
    for (const now of CALENDAR) {
      const rows = demoAt(now);
      expectNothingInTheFuture(rows, now);
      const period = currentReportingPeriod(now, DUE_DAY);
      const reports = leadReports(rows);
      const tasks = tasksOf(rows);

      for (const account of DEMO_ACCOUNTS.filter((a) => a.role === "UNIT_REPORTER")) {
        const unit = rows.unit.find((u) => u.name === account.unitName)!;
        const owed = tasks.filter((task) => task.leadUnitId === unit.id && isReportExpected(task, period));
        const unfiled = owed.filter(
          (task) => !reports.some((r) => r.taskId === task.id && r.unitId === unit.id && r.period.getTime() === period.getTime()),
        );
        // 本月待报 lists the tasks owed; at least two can still be filled in from scratch
        expect(
          unfiled.length,
          `${label(now)} ${account.username}: unfiled reports for ${period.toISOString().slice(0, 7)}`,
        ).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it("reports the month just closed with on-time, late and missing reports, and the open month with nothing missing yet", () => {
    for (const now of CALENDAR) {
      const rows = demoAt(now);
      const reports = leadReports(rows);
      const tasks = tasksOf(rows);
      const open = currentReportingPeriod(now, DUE_DAY);
      const closed = addMonths(open, -1);
      const figures = (period: Date): ComplianceCounts => {
        let counts = EMPTY_COUNTS;
        for (const task of tasks.filter((t) => isReportExpected(t, period))) {
          const report = reports.find(
            (r) => r.taskId === task.id && r.unitId === task.leadUnitId && r.period.getTime() === period.getTime(),
          );
          counts = tally(counts, complianceStatus(report ?? null, monthlyDueOn(period, DUE_DAY), now));
        }
        return counts;
      };
      const past = figures(closed);
      const current = figures(open);
      const when = `${label(now)} closed ${closed.toISOString().slice(0, 7)}, open ${open.toISOString().slice(0, 7)}`;
      expect(past.expected, when).toBe(past.onTime + past.late + past.returned + past.missing);
      expect(past.notDue, when).toBe(0);
      expect(past.expected, when).toBeGreaterThan(0);
      expect(past.onTime, when).toBeGreaterThan(0);
      expect(current.missing, when).toBe(0);
      expect(current.late, when).toBe(0); // nothing can be late before the deadline
      expect(current.notDue, when).toBeGreaterThan(0); // the window is open: some reports are still to come
      // in the open window everything counted was filed no later than now
      for (const report of reports.filter((r) => r.period.getTime() === open.getTime()))
        expect((report.firstSubmittedAt ?? report.submittedAt ?? now).getTime(), when).toBeLessThanOrEqual(now.getTime());
    }
  });

  it("keeps each task's actual percent, status and light consistent with its reports, milestones and dates", () => {
    const seenByDay = new Map<string, Set<Light>>();
    for (const now of CALENDAR) {
      const rows = demoAt(now);
      const reports = leadReports(rows);
      const today = dayOf(now);
      const seen = new Set<Light>();
      const reportsOf = groupBy(reports, (r) => r.taskId);
      const milestonesOf = groupBy(rows.milestone, (m) => m.taskId);
      for (const task of tasksOf(rows)) {
        const own = (reportsOf.get(task.id) ?? []).filter((r) => r.unitId === task.leadUnitId);
        const approved = own
          .filter((r) => r.status === "APPROVED" && r.percent !== null)
          .sort((a, b) => a.period.getTime() - b.period.getTime())
          .at(-1);
        if (task.status !== "DONE") expect(task.actualPercent, `${label(now)} ${task.code} actual`).toBe(approved?.percent ?? 0);
        if (task.status === "DONE") expect(task.closedAt, `${label(now)} ${task.code} closed`).not.toBeNull();
        const milestones = (milestonesOf.get(task.id) ?? []).map((m) => ({
          plannedDate: m.plannedDate as Date,
          plannedPercent: m.plannedPercent,
          completedOn: (m.completedOn as Date | null | undefined) ?? null,
        }));
        for (const m of milestones)
          if (m.completedOn)
            expect(m.completedOn.getTime(), `${label(now)} ${task.code} milestone done in the future`).toBeLessThanOrEqual(today.getTime());
        const light = taskLight(
          { ...task, milestones, reportedPeriods: own.filter((r) => r.status !== "DRAFT").map((r) => r.period) },
          now,
        );
        if (task.startDate.getTime() > today.getTime() && task.status === "ACTIVE") expect(light.light).toBe("NOT_STARTED");
        if (task.year === today.getUTCFullYear()) seen.add(light.light);
      }
      seenByDay.set(label(now), seen);
    }
    // A leader opening the cockpit sees a county at work from the second quarter on: red, yellow and green this year.
    for (const [day, seen] of seenByDay) {
      if (Number(day.slice(5, 7)) <= 3) continue; // in the first quarter the plan has just started: little can lag yet
      for (const light of ["RED", "YELLOW", "GREEN"] as const) expect(seen.has(light), `${day} has ${light}`).toBe(true);
    }
  });
});
