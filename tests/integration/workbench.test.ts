// 工作台: the office's and a reporter's workbench on the demo county, every figure checked against
// an independent count (direct Prisma reads filtered here, the ledger, 报送情况, 本月待报).
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { getOfficeWorkbench, getOverview, getUnitWorkbench, workbenchesOf } from "@/lib/dashboard/workbench";
import { seedDemo } from "@/lib/demo/seed";
import { listLedger } from "@/lib/ledger/queries";
import { DEFAULT_LEDGER_PARAMS, type LedgerParams } from "@/lib/ledger/schemas";
import { complianceFor } from "@/lib/reports/compliance";
import { owedReports, reporterUnitId } from "@/lib/reports/progress-queries";
import { ForbiddenError, NotFoundError } from "@/lib/server/errors";
import type { Light } from "@/lib/tasks/rules";
import { createCommittee, createGroup, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

// Pin the clock to the seed's "today" (10:00 in Beijing on 22 November 2026).
process.env.APP_NOW = "2026-11-22T02:00:00.000Z";
const TODAY = new Date(process.env.APP_NOW);
const TODAY_ISO = "2026-11-22";
const WEEK_AGO_ISO = "2026-11-15";
const IN_14_DAYS = "2026-12-06";
const IN_30_DAYS = "2026-12-22";

async function actorOf(username: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
  return actorFor(user.id);
}

const iso = (day: Date) => day.toISOString().slice(0, 10);
const params = (overrides: Partial<LedgerParams> = {}): LedgerParams => ({ ...DEFAULT_LEDGER_PARAMS, ...overrides });

async function lightsOn(actor: Actor, day: string): Promise<Map<string, Light>> {
  const page = await listLedger(actor, params({ asOf: new Date(`${day}T00:00:00Z`) }), { all: true });
  expect(page.asOf).toBe(day);
  return new Map(page.rows.map((row) => [row.id, row.light]));
}

describe("the office's workbench", () => {
  it("counts what waits for the office exactly as independent reads of the demo county do", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");
    const committeeId = office.committee.id;
    // two green tasks with milestones fall behind this week: a milestone missed three days ago
    // (yellow), and one missed 33 days ago, 26 days late a week ago (yellow then, red now)
    const green = (await listLedger(office, params({ lights: ["GREEN"] }), { all: true })).rows;
    const withMilestones = await db.milestone.groupBy({ by: ["taskId"], where: { taskId: { in: green.map((row) => row.id) } } });
    const [toYellow, toRed] = withMilestones.map((row) => row.taskId);
    expect(toRed).toBeDefined();
    // just above the actual percent: late, but hardly behind in points
    const actualOf = (id: string) => green.find((row) => row.id === id)!.actual;
    await db.milestone.createMany({
      data: [
        {
          taskId: toYellow!,
          title: "新增节点（三天前到期）",
          plannedDate: new Date("2026-11-19T00:00:00Z"),
          plannedPercent: actualOf(toYellow!) + 1,
        },
        { taskId: toRed!, title: "新增节点（逾期）", plannedDate: new Date("2026-10-20T00:00:00Z"), plannedPercent: actualOf(toRed!) + 1 },
      ],
    });
    const wb = await getOfficeWorkbench(office);
    expect(wb.today).toBe(TODAY_ISO);
    expect(wb.weekAgo).toBe(WEEK_AGO_ISO);

    // 待审核报告: submitted reports of the three kinds
    const [progress, info, quarterly] = await Promise.all([
      db.progressReport.count({ where: { status: "SUBMITTED", deletedAt: null, task: { committeeId, deletedAt: null } } }),
      db.unitMonthlyReport.count({ where: { status: "SUBMITTED", deletedAt: null, committeeId } }),
      db.quarterlyReport.count({ where: { status: "SUBMITTED", deletedAt: null, committeeId } }),
    ]);
    expect(progress + info + quarterly).toBeGreaterThan(0);
    expect(wb.awaitingReview.byKind).toEqual({ PROGRESS: progress, INFO: info, QUARTERLY: quarterly });
    expect(wb.awaitingReview.total).toBe(progress + info + quarterly);
    expect(wb.awaitingReview.rows).toHaveLength(Math.min(5, wb.awaitingReview.total));
    const submitted = wb.awaitingReview.rows.map((row) => row.submittedAt ?? "");
    expect(submitted).toEqual([...submitted].sort());
    // the oldest are listed: nothing left out was submitted earlier than the last one shown
    const lastShown = new Date(submitted.at(-1)!);
    const earlier = await db.progressReport.count({
      where: { status: "SUBMITTED", deletedAt: null, task: { committeeId, deletedAt: null }, submittedAt: { lt: lastShown } },
    });
    expect(earlier).toBeLessThanOrEqual(wb.awaitingReview.rows.length);
    expect(wb.awaitingReview.href).toBe("/reports/review");

    // 待核验销号: pending close-out requests
    const pending = await db.closeOutRequest.findMany({
      where: { status: "PENDING", task: { committeeId, deletedAt: null } },
      select: { id: true },
    });
    expect(pending.length).toBeGreaterThan(0);
    expect(wb.closeOutsPending.total).toBe(pending.length);
    expect(wb.closeOutsPending.rows.every((row) => pending.some((request) => request.id === row.id))).toBe(true);
    expect(wb.closeOutsPending.href).toBe("/tasks?status=PENDING_CLOSE");

    // 14天内到期节点: open milestones of active tasks planned from today to today + 14 days
    const milestones = await db.milestone.findMany({
      include: { task: { select: { committeeId: true, deletedAt: true, status: true } } },
    });
    const due = milestones.filter(
      (row) =>
        row.task.committeeId === committeeId &&
        row.task.deletedAt === null &&
        row.task.status === "ACTIVE" &&
        row.completedOn === null &&
        iso(row.plannedDate) >= TODAY_ISO &&
        iso(row.plannedDate) <= IN_14_DAYS,
    );
    expect(due.length).toBeGreaterThan(0);
    expect(wb.milestonesDue.total).toBe(due.length);
    expect(wb.milestonesDue.rows.map((row) => row.plannedDate)).toEqual(
      due
        .map((row) => iso(row.plannedDate))
        .sort()
        .slice(0, 5),
    );

    // 待反馈督办单: notices issued (or whose answer was sent back) still waiting for an answer
    const notices = (await db.supervisionNotice.findMany({ where: { committeeId }, include: { task: true } })).filter(
      (row) => (row.status === "ISSUED" || row.status === "RETURNED") && row.deletedAt === null && row.task.deletedAt === null,
    );
    expect(notices.length).toBeGreaterThan(0);
    expect(wb.noticesAwaiting.total).toBe(notices.length);
    expect(wb.noticesAwaiting.overdue).toBe(notices.filter((row) => iso(row.responseDueDate) < TODAY_ISO).length);
    expect(wb.noticesAwaiting.rows.map((row) => row.number).sort()).toEqual(
      notices
        .sort((a, b) => a.responseDueDate.getTime() - b.responseDueDate.getTime() || a.number.localeCompare(b.number))
        .slice(0, 5)
        .map((row) => row.number)
        .sort(),
    );

    // 新增黄红灯: the ledger as of today against the ledger as of a week ago
    const [now, before] = await Promise.all([lightsOn(office, TODAY_ISO), lightsOn(office, WEEK_AGO_ISO)]);
    const turned = [...now].filter(([id, light]) => {
      const previous = before.get(id);
      return (light === "RED" && previous !== "RED") || (light === "YELLOW" && previous !== "YELLOW" && previous !== "RED");
    });
    expect(turned.map(([id]) => id)).toEqual(expect.arrayContaining([toYellow, toRed]));
    expect([now.get(toYellow!), before.get(toYellow!), now.get(toRed!), before.get(toRed!)]).toEqual(["YELLOW", "GREEN", "RED", "YELLOW"]);
    expect(wb.turnedLights.total).toBe(turned.length);
    expect(wb.turnedLights.red).toBe(turned.filter(([, light]) => light === "RED").length);
    expect(wb.turnedLights.yellow).toBe(turned.filter(([, light]) => light === "YELLOW").length);
    for (const row of wb.turnedLights.rows) {
      expect(now.get(row.taskId)).toBe(row.light);
      expect(before.get(row.taskId)).toBe(row.previousLight);
    }
    expect(wb.turnedLights.rows).toHaveLength(Math.min(5, turned.length));

    // 本期未报 is 报送情况's figure of the latest due period; the lights are the ledger's
    const compliance = await complianceFor(office);
    expect(wb.missing.total).toBe(compliance.totals.missing);
    expect(wb.missing.period).toBe(compliance.period);
    expect(wb.missing.units).toBe(compliance.byUnit.filter((unit) => unit.missing > 0).length);
    expect(wb.missing.href).toBe(`/reports/compliance?period=${compliance.period}`);
    const ledger = await listLedger(office, params());
    expect(wb.lights.counts).toEqual(ledger.counts);
    expect(wb.lights.hrefs.RED).toBe("/tasks?light=RED");

    expect(wb.thresholds).toMatchObject({ yellowLagPoints: 10, redLagPoints: 30, milestoneRedDays: 30, editable: true });
    expect(workbenchesOf(office)).toEqual({ office: true, unit: false, overview: false });
  });
});

describe("a reporter's workbench", () => {
  it("lists only its unit's lead tasks, its owed and returned reports and its notices", async () => {
    await seedDemo(db, { today: TODAY });
    const reporter = await actorOf("reporter");
    const unitId = reporterUnitId(reporter)!;
    const committeeId = reporter.committee.id;
    const wb = await getUnitWorkbench(reporter);
    expect(wb.unit.id).toBe(unitId);

    // the unit's lead tasks of the year, red and yellow first, as the ledger counts them
    const led = await db.reformTask.findMany({
      where: { committeeId, leadUnitId: unitId, deletedAt: null, year: 2026 },
      select: { id: true },
    });
    expect(led.length).toBeGreaterThan(0);
    expect(wb.lights.total).toBe(led.length);
    const ledger = await listLedger(reporter, params({ leadUnitId: unitId }), { all: true });
    expect(wb.lights.counts).toEqual(ledger.counts);
    const ids = new Set(led.map((task) => task.id));
    for (const row of wb.tasks.rows) expect(ids.has(row.id), row.code).toBe(true);
    // the headline is the red and yellow lead tasks, and the card lists only them
    const attention = ledger.rows.filter((row) => row.light === "RED" || row.light === "YELLOW").length;
    expect(wb.tasks.total).toBe(attention);
    expect(wb.tasks.led).toBe(led.length);
    expect(wb.tasks.rows.every((row) => row.light === "RED" || row.light === "YELLOW")).toBe(true);
    expect(wb.tasks.rows.map((row) => row.light)).toEqual(
      [...wb.tasks.rows.map((row) => row.light)].sort((a, b) => (a === b ? 0 : a === "RED" ? -1 : b === "RED" ? 1 : 0)),
    );
    expect(wb.tasks.href).toBe(`/tasks?lead=${unitId}&light=RED%2CYELLOW`);

    // what it owes this period: 本月待报's tasks not yet submitted
    const owed = await owedReports(reporter);
    const owing = owed.tasks.filter((task) => task.state === "NONE" || task.state === "DRAFT" || task.state === "RETURNED");
    expect(wb.owed.total).toBe(owing.length);
    expect(wb.owed.expected).toBe(owed.counts.owed);
    expect(wb.owed.submitted).toBe(owed.counts.submitted + owed.counts.approved);
    expect(wb.owed.period).toBe(owed.period);
    for (const row of wb.owed.rows) expect(ids.has(row.taskId), row.code).toBe(true);

    // returned reports and notices are the unit's own
    const [returnedProgress, returnedInfo, returnedQuarterly, notices] = await Promise.all([
      db.progressReport.count({ where: { unitId, status: "RETURNED", deletedAt: null, task: { deletedAt: null, committeeId } } }),
      db.unitMonthlyReport.count({ where: { unitId, status: "RETURNED", deletedAt: null } }),
      db.quarterlyReport.count({ where: { unitId, status: "RETURNED", deletedAt: null } }),
      db.supervisionNotice.count({ where: { unitId, status: { in: ["ISSUED", "RETURNED"] }, deletedAt: null, task: { deletedAt: null } } }),
    ]);
    expect(wb.returned.total).toBe(returnedProgress + returnedInfo + returnedQuarterly);
    expect(wb.notices.total).toBe(notices);
    const noticeUnits = await db.supervisionNotice.findMany({
      where: { id: { in: wb.notices.rows.map((row) => row.id) } },
      select: { unitId: true },
    });
    expect(noticeUnits.every((row) => row.unitId === unitId)).toBe(true);

    // deadlines: its open milestones of the next 30 days (and the report deadline while reports are owed)
    const milestones = await db.milestone.count({
      where: {
        completedOn: null,
        plannedDate: { gte: new Date(`${TODAY_ISO}T00:00:00Z`), lte: new Date(`${IN_30_DAYS}T00:00:00Z`) },
        task: { committeeId, leadUnitId: unitId, deletedAt: null, status: "ACTIVE" },
      },
    });
    const reportDeadline = owing.length && owed.daysLeft >= 0 ? 1 : 0;
    expect(wb.deadlines.total).toBe(milestones + reportDeadline);
    const dates = wb.deadlines.rows.map((row) => row.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates.every((date) => date >= TODAY_ISO && date <= IN_30_DAYS)).toBe(true);

    // another unit's reporter sees another set of tasks
    const other = await getUnitWorkbench(await actorOf("reporter2"));
    expect(other.unit.id).not.toBe(unitId);
    expect(other.tasks.rows.some((row) => ids.has(row.id))).toBe(false);

    // the office's desk is not a reporter's
    await expect(getOfficeWorkbench(reporter)).rejects.toSatisfy(
      (error) => error instanceof ForbiddenError || error instanceof NotFoundError,
    );
    expect(workbenchesOf(reporter)).toEqual({ office: false, unit: true, overview: false });
  });
});

describe("a leader's overview", () => {
  it("counts the scope's tasks by light as the ledger does, and no workbench of another role", async () => {
    await seedDemo(db, { today: TODAY });
    const leader = await actorOf("leader");
    const liaison = await actorOf("liaison");
    for (const actor of [leader, liaison]) {
      const overview = await getOverview(actor);
      const ledger = await listLedger(actor, params());
      expect(overview.lights.counts).toEqual(ledger.counts);
      expect(overview.lights.total).toBeGreaterThan(0);
      expect(overview.dashboardHref).toBe("/dashboard");
      expect(workbenchesOf(actor)).toEqual({ office: false, unit: false, overview: true });
    }
    await expect(getUnitWorkbench(leader)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getOfficeWorkbench(leader)).rejects.toSatisfy(
      (error) => error instanceof ForbiddenError || error instanceof NotFoundError,
    );
  });
});

// ───────────── a small fixture: every headline of a unit's workbench from its definition ─────────────

async function unitFixture() {
  const committee = await createCommittee();
  const group = await createGroup(committee.id);
  const mine = await db.unit.create({ data: { committeeId: committee.id, name: "县甲局", kind: "GOV_DEPT", sortOrder: 1 } });
  const other = await db.unit.create({ data: { committeeId: committee.id, name: "县乙局", kind: "GOV_DEPT", sortOrder: 2 } });
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年改革工作要点" } });
  const task = (code: string, unitId: string, extra: Record<string, unknown> = {}) =>
    db.reformTask.create({
      data: {
        committeeId: committee.id,
        year: 2026,
        planId: plan.id,
        groupId: group.id,
        code,
        title: `任务${code}`,
        goal: "改革目标",
        leadUnitId: unitId,
        source: "SELF",
        startDate: new Date("2026-01-01"),
        dueDate: new Date("2026-12-31"),
        ...extra,
      },
    });
  const report = (taskId: string, period: string, extra: Record<string, unknown>) =>
    db.progressReport.create({ data: { taskId, unitId: mine.id, period: new Date(period), progress: "本月进展", ...extra } });
  const approved = (at: string, percent: number) => ({
    status: "APPROVED",
    percent,
    firstSubmittedAt: new Date(at),
    submittedAt: new Date(at),
    reviewedAt: new Date(at),
  });

  // W-01 overdue since 31 October: red. W-02 at 75 % where about 89 % is planned on 22 November: yellow.
  // W-03 at 90 %: green. W-04 closed out in September: done (and owes no November report).
  const w1 = await task("W-01", mine.id, { dueDate: new Date("2026-10-31") });
  const w2 = await task("W-02", mine.id);
  const w3 = await task("W-03", mine.id);
  await task("W-04", mine.id, { status: "DONE", closedAt: new Date("2026-09-30T02:00:00Z"), actualPercent: 100 });
  await report(w1.id, "2026-10-01", approved("2026-11-03T02:00:00Z", 60));
  await report(w2.id, "2026-10-01", approved("2026-11-03T02:00:00Z", 75));
  await report(w3.id, "2026-10-01", approved("2026-11-03T02:00:00Z", 90));
  // November (due 5 December): W-02 returned, W-03 submitted, W-01 nothing yet
  await report(w2.id, "2026-11-01", {
    status: "RETURNED",
    percent: 80,
    firstSubmittedAt: new Date("2026-11-15T02:00:00Z"),
    submittedAt: new Date("2026-11-15T02:00:00Z"),
    reviewedAt: new Date("2026-11-18T02:00:00Z"),
    reviewComment: "请补充佐证材料",
  });
  await report(w3.id, "2026-11-01", {
    status: "SUBMITTED",
    percent: 92,
    firstSubmittedAt: new Date("2026-11-20T02:00:00Z"),
    submittedAt: new Date("2026-11-20T02:00:00Z"),
  });
  // W-03's milestones: one open in 23 days (counted), one open in 36 days and one done (not counted)
  await db.milestone.createMany({
    data: [
      { taskId: w3.id, title: "完成试点评估", plannedDate: new Date("2026-12-15"), plannedPercent: 95 },
      { taskId: w3.id, title: "形成制度文件", plannedDate: new Date("2026-12-28"), plannedPercent: 100, sortOrder: 1 },
      {
        taskId: w3.id,
        title: "召开推进会",
        plannedDate: new Date("2026-12-01"),
        plannedPercent: 91,
        completedOn: new Date("2026-11-20"),
        sortOrder: -1,
      },
    ],
  });
  // notices: one awaiting the answer (overdue since 20 November), one answered (not counted)
  const notice = (serial: number, taskId: string, status: "ISSUED" | "ANSWERED") =>
    db.supervisionNotice.create({
      data: {
        committeeId: committee.id,
        taskId,
        unitId: mine.id,
        year: 2026,
        serial,
        number: `测改督〔2026〕${serial}号`,
        reason: "进度滞后",
        issuedAt: new Date("2026-11-10T02:00:00Z"),
        responseDueDate: new Date("2026-11-20"),
        status,
      },
    });
  await notice(1, w1.id, "ISSUED");
  await notice(2, w2.id, "ANSWERED");
  // another unit's red task and returned report are not ours
  const theirs = await task("Y-01", other.id, { dueDate: new Date("2026-10-31") });
  await db.progressReport.create({
    data: {
      taskId: theirs.id,
      unitId: other.id,
      period: new Date("2026-11-01"),
      progress: "x",
      status: "RETURNED",
      firstSubmittedAt: new Date("2026-11-15T02:00:00Z"),
    },
  });
  const reporter = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: mine.id })).id);
  return { reporter, mine, w1, w2, w3 };
}

describe("a unit's workbench headlines on a small fixture", () => {
  it("counts exactly what each card's title says, from its definition by hand", async () => {
    const w = await unitFixture();
    const wb = await getUnitWorkbench(w.reporter);

    // 本单位黄红灯任务: the lead tasks whose light today is red or yellow — W-01 (red) and W-02 (yellow) of 4
    expect({ total: wb.tasks.total, red: wb.tasks.red, yellow: wb.tasks.yellow, led: wb.tasks.led }).toEqual({
      total: 2,
      red: 1,
      yellow: 1,
      led: 4,
    });
    expect(wb.tasks.rows.map((row) => [row.code, row.light])).toEqual([
      ["W-01", "RED"],
      ["W-02", "YELLOW"],
    ]);
    expect(wb.lights.counts).toMatchObject({ RED: 1, YELLOW: 1, GREEN: 1, DONE: 1 });

    // 本期待报: November's expected reports (W-01, W-02, W-03) not submitted: W-01 (none) and W-02 (returned)
    expect({ total: wb.owed.total, expected: wb.owed.expected, submitted: wb.owed.submitted, period: wb.owed.period }).toEqual({
      total: 2,
      expected: 3,
      submitted: 1,
      period: "2026-11",
    });
    expect(wb.owed.rows.map((row) => [row.code, row.state])).toEqual([
      ["W-01", "NONE"],
      ["W-02", "RETURNED"],
    ]);

    // 退回待改: the unit's reports currently returned — W-02's November report
    expect(wb.returned.total).toBe(1);
    expect(wb.returned.rows.map((row) => row.title)).toEqual(["W-02 任务W-02"]);

    // 待答复督办单: notices issued (or sent back) and not answered — notice 1, overdue
    expect({ total: wb.notices.total, overdue: wb.notices.overdue }).toEqual({ total: 1, overdue: 1 });

    // 近期截止（30天内）: open milestones of active tasks planned 22 Nov – 22 Dec (one), plus the report deadline (5 Dec)
    expect(wb.deadlines.total).toBe(2);
    expect(wb.deadlines.rows.map((row) => [row.kind, row.date])).toEqual([
      ["REPORT", "2026-12-05"],
      ["MILESTONE", "2026-12-15"],
    ]);
  });
});
