// The pending / overdue / completed views and the timeline on the demo county: each view holds
// exactly the tasks its definition selects (checked against the ledger and direct reads), the
// group subtotals add up, the Excel export opens with its rows, and a reporter sees only its unit.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { timelineData, parseTimelineParams } from "@/lib/dashboard/timeline";
import { listView, type ViewGrouping, type ViewKind, type ViewResult } from "@/lib/dashboard/views";
import { viewExportResponse, viewWorkbook } from "@/lib/dashboard/views-export";
import { db } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { createTranslator, messagesFor } from "@/lib/i18n/translate";
import { listLedger, type LedgerRow } from "@/lib/ledger/queries";
import { DEFAULT_LEDGER_PARAMS, parseDay } from "@/lib/ledger/schemas";
import { dayOf } from "@/lib/tasks/rules";
import { actorFor } from "@/tests/support/actor";

process.env.APP_NOW = "2026-11-22T02:00:00.000Z";
const TODAY = new Date(process.env.APP_NOW);
const TODAY_DAY = parseDay("2026-11-22")!;
const DAY = 86_400_000;
const t = createTranslator(messagesFor("zh-CN"));

async function actorOf(username: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
  return actorFor(user.id);
}

const view = (kind: ViewKind, by: ViewGrouping = "group") => ({ view: kind, by, year: 2026, asOf: null });
const codes = (result: ViewResult) => result.groups.flatMap((group) => group.rows.map((row) => row.code)).sort();
const ledgerAll = async (actor: Actor) => (await listLedger(actor, { ...DEFAULT_LEDGER_PARAMS, year: 2026 }, { all: true })).rows;

/** Overdue by the written definition, from the ledger row and the task's own milestones. */
async function expectedOverdue(rows: LedgerRow[]): Promise<string[]> {
  const settings = await db.committeeSettings.findFirstOrThrow();
  const tasks = await db.reformTask.findMany({
    where: { id: { in: rows.map((row) => row.id) } },
    include: { milestones: true },
  });
  const byId = new Map(tasks.map((task) => [task.id, task]));
  return rows
    .filter((row) => {
      const task = byId.get(row.id)!;
      if (row.light !== "RED" || task.status === "CANCELLED") return false;
      const pastDue = TODAY_DAY.getTime() > task.dueDate.getTime();
      const lateMilestone = task.milestones.some(
        (milestone) =>
          (milestone.completedOn === null || milestone.completedOn.getTime() > TODAY_DAY.getTime()) &&
          milestone.plannedPercent > row.actual &&
          (TODAY_DAY.getTime() - milestone.plannedDate.getTime()) / DAY > settings.milestoneRedDays,
      );
      return pastDue || lateMilestone;
    })
    .map((row) => row.code)
    .sort();
}

describe("task views", () => {
  it("selects exactly the pending, overdue and completed tasks, with reasons and closing days", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");
    const ledger = await ledgerAll(office);
    expect(ledger.length).toBeGreaterThan(100);
    const statuses = new Map(
      (await db.reformTask.findMany({ select: { id: true, status: true, closedAt: true } })).map((task) => [task.id, task]),
    );

    const pending = await listView(office, view("pending"));
    expect(pending.asOf).toBe("2026-11-22");
    expect(codes(pending)).toEqual(
      ledger
        .filter((row) => row.light !== "DONE" && statuses.get(row.id)!.status !== "CANCELLED")
        .map((row) => row.code)
        .sort(),
    );
    expect(pending.total).toBeGreaterThan(0);

    const completed = await listView(office, view("completed"));
    const done = ledger.filter((row) => row.light === "DONE");
    expect(done.length).toBeGreaterThan(0);
    expect(codes(completed)).toEqual(done.map((row) => row.code).sort());
    for (const row of completed.groups.flatMap((group) => group.rows)) {
      const closedAt = statuses.get(row.id)!.closedAt!;
      expect(row.closedOn).toBe(dayOf(closedAt).toISOString().slice(0, 10));
    }

    const overdue = await listView(office, view("overdue"));
    const expected = await expectedOverdue(ledger);
    expect(expected.length).toBeGreaterThan(0);
    expect(codes(overdue)).toEqual(expected);
    for (const row of overdue.groups.flatMap((group) => group.rows)) {
      expect(row.light).toBe("RED");
      expect(row.overdueReasons.length).toBeGreaterThan(0);
      if (row.overdueReasons.includes("DUE")) {
        const due = parseDay(row.dueDate.slice(0, 10))!;
        expect(row.daysOverdue).toBe(Math.round((TODAY_DAY.getTime() - due.getTime()) / DAY));
      } else expect(row.daysOverdue).toBeNull();
      if (row.overdueReasons.includes("MILESTONE")) expect(row.lateMilestone!.days).toBeGreaterThan(overdue.milestoneRedDays);
      else expect(row.lateMilestone).toBeNull();
    }
    // red by lag alone is not overdue
    const redByLag = ledger.filter((row) => row.light === "RED" && !expected.includes(row.code));
    for (const row of redByLag) expect(codes(overdue)).not.toContain(row.code);

    // as of a past day, the office sees the views as they stood then: fewer tasks closed out
    const june = await listView(office, { ...view("completed"), asOf: parseDay("2026-06-30") });
    expect(june.asOf).toBe("2026-06-30");
    expect(june.total).toBeLessThanOrEqual(completed.total);
  });

  it("groups by special group, lead unit and leader with subtotals that add up", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");
    const ledger = new Map((await ledgerAll(office)).map((row) => [row.id, row]));
    for (const by of ["group", "unit", "leader"] as const) {
      const result = await listView(office, view("pending", by));
      const reference = await listView(office, view("pending", "group"));
      expect(result.total).toBe(reference.total);
      expect(result.groups.reduce((sum, group) => sum + group.count, 0)).toBe(result.total);
      expect(new Set(result.groups.map((group) => group.key)).size).toBe(result.groups.length);
      for (const group of result.groups) {
        expect(group.rows.length).toBe(group.count);
        expect(Object.values(group.lights).reduce((sum, n) => sum + n, 0)).toBe(group.count);
        const names = new Set(
          group.rows.map((row) => {
            const ledgerRow = ledger.get(row.id)!;
            return by === "group" ? ledgerRow.groupName : by === "unit" ? ledgerRow.leadUnitName : ledgerRow.leaderName;
          }),
        );
        expect(names.size).toBe(1);
        expect([...names][0]).toBe(group.name);
      }
    }
    const byLeader = await listView(office, view("pending", "leader"));
    expect(byLeader.groups.length).toBeGreaterThan(1);
  });

  it("exports a view as a workbook with a title, a frozen header, the rows, subtotals and coloured lights; audited", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");
    const params = view("overdue", "unit");
    const result = await listView(office, params);
    const { buffer, rows } = await viewWorkbook(office, params, t, TODAY);
    expect(rows).toBe(result.total);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("逾期任务")!;
    expect(String(sheet.getCell("A1").value)).toContain("青湖县");
    expect(String(sheet.getCell("A1").value)).toContain("逾期任务");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(sheet.getRow(3).getCell(3).value).toBe("任务编号");
    // title, subtitle, header; then each group's rows and its subtotal; then the total
    expect(sheet.rowCount).toBe(3 + result.total + result.groups.length + 1);
    const firstGroup = result.groups[0]!;
    const first = sheet.getRow(4);
    expect(first.getCell(3).value).toBe(firstGroup.rows[0]!.code);
    expect(first.getCell(2).value).toBe("严重滞后/逾期");
    expect((first.getCell(2).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
    expect(String(sheet.getRow(4 + firstGroup.count).getCell(1).value)).toBe(`${firstGroup.name} 小计：${firstGroup.count}项`);
    const exportedCodes: string[] = [];
    sheet.eachRow((line, number) => {
      if (number > 3 && typeof line.getCell(3).value === "string" && line.getCell(1).value !== line.getCell(3).value)
        exportedCodes.push(String(line.getCell(3).value));
    });
    expect(exportedCodes.sort()).toEqual(codes(result));

    const response = await viewExportResponse(office, params, t, TODAY);
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    expect(response.headers.get("content-disposition")).toContain("attachment;");
    expect(await db.auditEvent.count({ where: { event: "views.export", actorId: office.userId } })).toBe(1);
  });

  it("shows a reporter only its own unit's tasks, the same as its ledger", async () => {
    await seedDemo(db, { today: TODAY });
    const reporter = await actorOf("reporter");
    const unitId = reporter.roles.find((grant) => grant.role === "UNIT_REPORTER")!.unitId!;
    const ledger = await ledgerAll(reporter);
    expect(ledger.length).toBeGreaterThan(0);
    const pending = await listView(reporter, view("pending", "unit"));
    expect(pending.total).toBeGreaterThan(0);
    expect(pending.asOfEditable).toBe(false);
    const ids = pending.groups.flatMap((group) => group.rows.map((row) => row.id));
    const tasks = await db.reformTask.findMany({ where: { id: { in: ids } }, include: { cooperatingUnits: true } });
    expect(tasks).toHaveLength(ids.length);
    for (const task of tasks) expect(task.leadUnitId === unitId || task.cooperatingUnits.some((row) => row.unitId === unitId)).toBe(true);
    const visible = new Set(ledger.map((row) => row.code));
    for (const kind of ["pending", "overdue", "completed"] as const) {
      for (const code of codes(await listView(reporter, view(kind)))) expect(visible.has(code)).toBe(true);
    }
    // a past "as of" is not for reporters: the view stays at today
    const past = await listView(reporter, { ...view("pending"), asOf: parseDay("2026-06-30") });
    expect(past.asOf).toBe("2026-11-22");
  });
});

describe("timeline", () => {
  it("lays out the tasks of the window, grouped, with milestones, scoped and paged", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");
    const ledger = await ledgerAll(office);
    const year = await timelineData(office, parseTimelineParams({ year: "2026", all: "1" }));
    const inYear = ledger.filter((row) => row.startDate.slice(0, 10) <= "2026-12-31" && row.dueDate.slice(0, 10) >= "2026-01-01");
    expect(year.total).toBe(inYear.length);
    expect(year.groups.reduce((sum, group) => sum + group.tasks.length, 0)).toBe(year.total);
    expect(year.groups.reduce((sum, group) => sum + group.count, 0)).toBe(year.total);
    expect(year.groups.some((group) => group.tasks.some((task) => task.milestones.length > 0))).toBe(true);
    const lights = new Map(ledger.map((row) => [row.id, row.light]));
    for (const task of year.groups.flatMap((group) => group.tasks)) expect(task.light).toBe(lights.get(task.id));

    const q4 = await timelineData(office, parseTimelineParams({ year: "2026", zoom: "q4", by: "unit", all: "1" }));
    const inQ4 = ledger.filter((row) => row.startDate.slice(0, 10) <= "2026-12-31" && row.dueDate.slice(0, 10) >= "2026-10-01");
    expect(q4.total).toBe(inQ4.length);

    const red = await timelineData(office, parseTimelineParams({ year: "2026", light: "RED", all: "1" }));
    expect(red.total).toBe(inYear.filter((row) => row.light === "RED").length);

    const paged = await timelineData(office, parseTimelineParams({ year: "2026" }));
    expect(paged.pages).toBe(Math.ceil(year.total / 300));

    const reporter = await actorOf("reporter");
    const mine = new Set((await ledgerAll(reporter)).map((row) => row.id));
    const theirs = await timelineData(reporter, parseTimelineParams({ year: "2026", all: "1" }));
    expect(theirs.total).toBeGreaterThan(0);
    for (const task of theirs.groups.flatMap((group) => group.tasks)) expect(mine.has(task.id)).toBe(true);
  });
});
