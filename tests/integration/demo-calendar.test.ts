// The demo county seeded on days that used to break it (issue 13) — the first days of a month while
// last month's window is open, the day after the deadline, the year end, New Year, a leap day — and
// read through the portal's own services with the clock pinned to that day: each demo reporter's
// 本月待报 still owes reports and agrees with the rows; 报送情况 in SQL equals the pure rules by hand
// for the month just closed and the open one; the ledger's SQL lights equal taskLight in JavaScript.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/prisma";
import { DEMO_ACCOUNTS } from "@/lib/demo/accounts";
import { seedDemo } from "@/lib/demo/seed";
import { lightsSql } from "@/lib/ledger/light-sql";
import { complianceFor } from "@/lib/reports/compliance";
import { owedReports } from "@/lib/reports/progress-queries";
import { addMonths, currentReportingPeriod, monthKey, parseMonthKey } from "@/lib/reports/rules";
import { dayOf, taskLight, type Light } from "@/lib/tasks/rules";
import { actorFor } from "@/tests/support/actor";
import { byHand, expectSame } from "@/tests/support/compliance";
import { jsFacts, loadTasks } from "@/tests/support/lights";

const DAYS = [
  "2026-12-02T07:06:00+08:00", // the morning this issue was found: November's window is open
  "2026-12-01T00:20:00+08:00", // just after midnight on the first: nothing of November filed yet
  "2026-12-05T23:30:00+08:00", // the deadline's last hour
  "2026-12-06T09:00:00+08:00", // the morning after: November closed, December open
  "2026-12-31T18:00:00+08:00", // the year end
  "2027-01-01T10:00:00+08:00", // New Year's Day: December of last year's plan is being reported
  "2027-01-06T09:00:00+08:00", // the new year's first own window
  "2028-02-29T10:00:00+08:00", // a leap day
  "2026-06-30T16:00:00+08:00", // mid-year
];

async function actorOf(username: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
  return actorFor(user.id);
}

const iso = (date: Date) => date.toISOString().slice(0, 10);

describe("the demo county, seeded and read on a calendar of days", () => {
  it.each(DAYS)("on %s: 本月待报, 报送情况 and the lights agree with the rows and the rules", async (when) => {
    const now = new Date(when);
    process.env.APP_NOW = now.toISOString();
    await seedDemo(db, { today: now });
    const settings = await db.committeeSettings.findFirstOrThrow();
    const open = currentReportingPeriod(now, settings.monthlyReportDueDay);

    // 本月待报 of every demo reporter: the open period, reports still owed, states as in the rows
    for (const account of DEMO_ACCOUNTS.filter((a) => a.role === "UNIT_REPORTER")) {
      const owed = await owedReports(await actorOf(account.username));
      expect(owed.period, account.username).toBe(monthKey(open));
      expect(owed.counts.none, `${account.username} has reports still to file`).toBeGreaterThanOrEqual(2);
      expect(owed.daysLeft, account.username).toBeGreaterThanOrEqual(0);
      const counts = owed.counts;
      expect(counts.none + counts.draft + counts.submitted + counts.approved + counts.returned).toBe(counts.owed);
      const rows = await db.progressReport.findMany({
        where: { period: open, kind: "LEAD", taskId: { in: owed.tasks.map((t) => t.taskId) }, deletedAt: null },
        select: { taskId: true, status: true },
      });
      for (const task of owed.tasks) expect(task.state, task.code).toBe(rows.find((row) => row.taskId === task.taskId)?.status ?? "NONE");
    }

    // 报送情况: the page's default (the month just closed) and the open month, SQL against the rules
    const office = await actorOf("office");
    const closedView = await complianceFor(office, {});
    expect(closedView.period).toBe(monthKey(addMonths(open, -1)));
    expectSame(closedView, await byHand(office.committeeId, closedView.period, now, () => true));
    expect(closedView.totals.notDue).toBe(0);
    const openView = await complianceFor(office, { period: monthKey(open) });
    const openHand = await byHand(office.committeeId, monthKey(open), now, () => true);
    expectSame(openView, openHand);
    expect(openHand.totals.missing).toBe(0);
    expect(openHand.totals.late).toBe(0);
    expect(openHand.totals.notDue).toBeGreaterThan(0);
    expect(parseMonthKey(openView.currentPeriod)?.getTime()).toBe(open.getTime());

    // the lights of both plan years, SQL against taskLight
    const day = dayOf(now);
    const tasks = await loadTasks();
    const sqlRows = (
      await Promise.all(
        [day.getUTCFullYear() - 1, day.getUTCFullYear()].map((year) =>
          db.$queryRaw<{ id: string; planned: number; actual: number; light: Light }[]>(
            lightsSql({ scope: Prisma.sql`TRUE`, year, asOf: iso(day) }),
          ),
        ),
      )
    ).flat();
    const byId = new Map(sqlRows.map((row) => [row.id, row]));
    expect(byId.size).toBe(tasks.length);
    for (const task of tasks) {
      const js = taskLight(jsFacts(task, day), day, task.committee.settings!);
      const sql = byId.get(task.id)!;
      expect({ code: task.code, light: sql.light, planned: sql.planned, actual: sql.actual }).toEqual({
        code: task.code,
        light: js.light,
        planned: js.planned,
        actual: js.actual,
      });
    }
  });
});
