// 报送情况 and 催报: the figures computed in SQL (lib/reports/compliance.ts) against the pure rules
// of lib/reports/rules.ts applied by hand to the raw rows of the demo county, a small fixture with
// literal expected numbers around the deadline, and the 催报 action.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { complianceFor, type ComplianceView } from "@/lib/reports/compliance";
import { remindReports } from "@/lib/reports/remind-service";
import { ForbiddenError, NotFoundError } from "@/lib/server/errors";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";
import { byHand, expectSame } from "@/tests/support/compliance";

// Pin the clock to the seed's "today"; e-mail copies are enqueued when SMTP is configured.
process.env.APP_NOW = "2026-11-22T02:00:00.000Z";
process.env.SMTP_URL = "smtp://mailer:secret@127.0.0.1:2525";
process.env.MAIL_FROM = "县委改革办 <gaige@example.gov.cn>";
const TODAY = new Date(process.env.APP_NOW);

async function actorOf(username: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
  return actorFor(user.id);
}

describe("compliance on the demo county", () => {
  it("SQL figures equal the pure rules applied by hand, for a past and the current period, in every role's scope", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");
    const committeeId = office.committeeId;

    // October 2026 is fully past (due 5 November); November 2026 is the current reporting period.
    const october = await complianceFor(office, { period: "2026-10" });
    const octoberHand = await byHand(committeeId, "2026-10", TODAY, () => true);
    expectSame(october, octoberHand);
    expect(october.dueOn).toBe("2026-11-05");
    expect(october.currentPeriod).toBe("2026-11");
    expect(octoberHand.totals.expected).toBeGreaterThan(100);
    expect(octoberHand.totals.onTime).toBeGreaterThan(0);
    expect(octoberHand.totals.missing).toBeGreaterThan(0);
    expect(octoberHand.totals.notDue).toBe(0);

    // the page opens on the latest month whose deadline has passed
    expect((await complianceFor(office, {})).period).toBe("2026-10");
    const current = await complianceFor(office, { period: "2026-11" });
    expect(current.currentPeriod).toBe("2026-11");
    const currentHand = await byHand(committeeId, "2026-11", TODAY, () => true);
    expectSame(current, currentHand);
    expect(currentHand.totals.missing).toBe(0);
    expect(currentHand.totals.notDue).toBeGreaterThan(0);

    // the same month seen before its deadline: submitted reports count, the rest is not yet due
    const early = new Date("2026-11-03T04:00:00Z");
    const before = await complianceFor(office, { period: "2026-10" }, { asOf: early });
    const beforeHand = await byHand(committeeId, "2026-10", early, () => true);
    expectSame(before, beforeHand);
    expect(beforeHand.totals.notDue).toBeGreaterThan(0);
    expect(beforeHand.totals.missing).toBe(0);

    // a month of the previous year's plan and an earlier one of this year
    for (const key of ["2025-12", "2026-06"])
      expectSame(await complianceFor(office, { period: key }), await byHand(committeeId, key, TODAY, () => true));

    // the reporter sees its own unit, the liaison its group's tasks
    const reporter = await actorOf("reporter");
    const reporterUnit = reporter.roles.find((grant) => grant.unitId)!.unitId!;
    const mine = await complianceFor(reporter, { period: "2026-10" });
    expect(mine.scope).toBe("unit");
    expectSame(mine, await byHand(committeeId, "2026-10", TODAY, (task) => task.leadUnitId === reporterUnit));
    expect(mine.byUnit.map((row) => row.id)).toEqual([reporterUnit]);

    const liaison = await actorOf("liaison");
    const liaisonGroup = liaison.roles.find((grant) => grant.groupId)!.groupId!;
    const group = await complianceFor(liaison, { period: "2026-10" });
    expect(group.scope).toBe("group");
    expectSame(group, await byHand(committeeId, "2026-10", TODAY, (task) => task.groupId === liaisonGroup));
    expect(group.byGroup.map((row) => row.id)).toEqual([liaisonGroup]);

    // sorted by missing reports, most first
    const missing = october.byUnit.map((row) => row.missing);
    expect(missing).toEqual([...missing].sort((a, b) => b - a));
    const ascending = await complianceFor(office, { period: "2026-10", sort: "missing", dir: "asc" });
    expect(ascending.byUnit.map((row) => row.missing)).toEqual([...missing].sort((a, b) => a - b));
  });
});

// ───────────── a small fixture with literal numbers ─────────────

async function fixture() {
  const committee = await createCommittee();
  const [g1, g2] = [await createGroup(committee.id), await createGroup(committee.id)];
  const x = await db.unit.create({ data: { committeeId: committee.id, name: "县甲局", kind: "GOV_DEPT", sortOrder: 1 } });
  const y = await db.unit.create({ data: { committeeId: committee.id, name: "县乙局", kind: "GOV_DEPT", sortOrder: 2 } });
  const z = await db.unit.create({ data: { committeeId: committee.id, name: "县丙镇", kind: "TOWN", sortOrder: 3 } });
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年改革工作要点" } });
  const task = (code: string, unitId: string, groupId: string, extra: Record<string, unknown> = {}) =>
    db.reformTask.create({
      data: {
        committeeId: committee.id,
        year: 2026,
        planId: plan.id,
        groupId,
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
  const period = new Date("2026-10-01");
  const report = (taskId: string, unitId: string, extra: Record<string, unknown>) =>
    db.progressReport.create({ data: { taskId, unitId, period, progress: "本月进展", percent: 50, ...extra } });

  // unit X: on time at 23:30 Beijing on the due day, late 30 minutes after midnight, returned (first filed on time),
  // and one closed out just after the month ended (still owes October)
  const t1 = await task("T-01", x.id, g1.id);
  await report(t1.id, x.id, {
    status: "APPROVED",
    firstSubmittedAt: new Date("2026-11-05T15:30:00Z"),
    submittedAt: new Date("2026-11-05T15:30:00Z"),
  });
  const t2 = await task("T-02", x.id, g1.id);
  await report(t2.id, x.id, {
    status: "SUBMITTED",
    firstSubmittedAt: new Date("2026-11-05T16:30:00Z"),
    submittedAt: new Date("2026-11-05T16:30:00Z"),
  });
  const t3 = await task("T-03", x.id, g2.id);
  await report(t3.id, x.id, {
    status: "RETURNED",
    firstSubmittedAt: new Date("2026-11-04T02:00:00Z"),
    submittedAt: new Date("2026-11-04T02:00:00Z"),
  });
  await task("T-09", x.id, g1.id, { status: "DONE", closedAt: new Date("2026-10-31T16:30:00Z") });
  // unit Y: a draft, nothing, a deleted submission; a contribution to T-01 does not count
  const t4 = await task("T-04", y.id, g2.id);
  await report(t4.id, y.id, { status: "DRAFT" });
  await task("T-05", y.id, g2.id);
  const t10 = await task("T-10", y.id, g2.id);
  await report(t10.id, y.id, {
    status: "SUBMITTED",
    firstSubmittedAt: new Date("2026-11-02T02:00:00Z"),
    submittedAt: new Date("2026-11-02T02:00:00Z"),
    deletedAt: new Date("2026-11-03T02:00:00Z"),
  });
  await report(t1.id, y.id, { kind: "CONTRIBUTION", status: "SUBMITTED", firstSubmittedAt: new Date("2026-11-01T02:00:00Z") });
  // owe nothing for October: closed out on 31 October (Beijing), cancelled, deleted, starting in November, last year's plan
  await task("T-06", y.id, g2.id, { status: "DONE", closedAt: new Date("2026-10-31T15:00:00Z") });
  await task("T-07", x.id, g1.id, { status: "CANCELLED" });
  await task("T-08", y.id, g1.id, { startDate: new Date("2026-11-01") });
  await task("T-11", x.id, g1.id, { deletedAt: new Date("2026-09-01T00:00:00Z") });
  await task("T-12", y.id, g1.id, { year: 2025, startDate: new Date("2025-01-01"), dueDate: new Date("2025-12-31") });

  const office = await actorFor((await createUser(committee.id, { role: "OFFICE" })).id);
  const reporterX = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: x.id })).id);
  const liaison1 = await actorFor((await createUser(committee.id, { role: "GROUP_LIAISON", groupId: g1.id })).id);
  return { committee, g1, g2, x, y, z, office, reporterX, liaison1 };
}

const counts = (
  expected: number,
  onTime: number,
  late: number,
  missing: number,
  notDue: number,
  returned: number,
  rate: number | null,
) => ({
  expected,
  onTime,
  late,
  missing,
  notDue,
  returned,
  onTimeRate: rate,
});
const pick = ({ expected, onTime, late, missing, notDue, returned, onTimeRate: rate }: ComplianceView["totals"]) =>
  counts(expected, onTime, late, missing, notDue, returned, rate);

describe("compliance of a fixture around the deadline (due 2026-11-05, Beijing)", () => {
  it("counts on time up to 23:59 Beijing on the due day, late after, returned awaiting resubmission apart, missing", async () => {
    const w = await fixture();
    const asOf = new Date("2026-11-10T02:00:00Z");
    const view = await complianceFor(w.office, { period: "2026-10" }, { asOf });
    expect(view.dueOn).toBe("2026-11-05");
    // T-01 on time, T-02 late, T-03 returned (first filed on time: not on time while it waits), four missing
    expect(pick(view.totals)).toEqual(counts(7, 1, 1, 4, 0, 1, 14));
    expect(view.byUnit.map((row) => [row.name, pick(row), row.unsubmitted])).toEqual([
      ["县乙局", counts(3, 0, 0, 3, 0, 0, 0), 3],
      ["县甲局", counts(4, 1, 1, 1, 0, 1, 25), 1],
    ]);
    expect(Object.fromEntries(view.byGroup.map((row) => [row.id, pick(row)]))).toEqual({
      [w.g1.id]: counts(3, 1, 1, 1, 0, 0, 33),
      [w.g2.id]: counts(4, 0, 0, 3, 0, 1, 0),
    });
    expect(view.unsubmitted.map((row) => [row.unitName, row.code, row.timeliness, row.reportStatus])).toEqual([
      ["县甲局", "T-09", "MISSING", null],
      ["县乙局", "T-04", "MISSING", "DRAFT"],
      ["县乙局", "T-05", "MISSING", null],
      ["县乙局", "T-10", "MISSING", null],
    ]);
    // SQL and the pure rules agree on the fixture too
    expectSame(view, await byHand(w.committee.id, "2026-10", asOf, () => true));

    // resubmitted (after the deadline): T-03 counts by its first submission again, on time
    const t3 = await db.reformTask.findFirstOrThrow({ where: { committeeId: w.committee.id, code: "T-03" } });
    await db.progressReport.updateMany({
      where: { taskId: t3.id },
      data: { status: "SUBMITTED", submittedAt: new Date("2026-11-09T02:00:00Z") },
    });
    const resubmitted = await complianceFor(w.office, { period: "2026-10" }, { asOf });
    expect(pick(resubmitted.totals)).toEqual(counts(7, 2, 1, 4, 0, 0, 29));
    expectSame(resubmitted, await byHand(w.committee.id, "2026-10", asOf, () => true));
  });

  it("judges instants on the Beijing calendar: before and just after midnight of the due day", async () => {
    const w = await fixture();
    // 23:00 Beijing on the due day: T-01 (23:30) is not in yet, so nothing is missing
    const dueDay = await complianceFor(w.office, { period: "2026-10" }, { asOf: new Date("2026-11-05T15:00:00Z") });
    expect(pick(dueDay.totals)).toEqual(counts(7, 0, 0, 0, 6, 1, 0));
    // midnight: the due day is over; T-02 (00:30) is not in yet and is missing at this instant
    const midnight = await complianceFor(w.office, { period: "2026-10" }, { asOf: new Date("2026-11-05T16:00:00Z") });
    expect(pick(midnight.totals)).toEqual(counts(7, 1, 0, 5, 0, 1, 14));
  });

  it("scopes the figures: a reporter its own unit, a liaison its group", async () => {
    const w = await fixture();
    const asOf = new Date("2026-11-10T02:00:00Z");
    const unit = await complianceFor(w.reporterX, { period: "2026-10" }, { asOf });
    expect(unit.scope).toBe("unit");
    expect(pick(unit.totals)).toEqual(counts(4, 1, 1, 1, 0, 1, 25));
    expect(unit.byUnit.map((row) => row.id)).toEqual([w.x.id]);
    const group = await complianceFor(w.liaison1, { period: "2026-10" }, { asOf });
    expect(group.scope).toBe("group");
    expect(pick(group.totals)).toEqual(counts(3, 1, 1, 1, 0, 0, 33));
    expect(group.unsubmitted.map((row) => row.code)).toEqual(["T-09"]);
  });

  it("answers nothing to the administrators (三员分立)", async () => {
    const w = await fixture();
    const admin = await actorFor((await createUser(w.committee.id, { role: "ADMIN" })).id);
    await expect(complianceFor(admin, { period: "2026-10" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("sorts units by missing reports or by name, on the server", async () => {
    const w = await fixture();
    const asOf = new Date("2026-11-10T02:00:00Z");
    const byName = await complianceFor(w.office, { period: "2026-10", sort: "unit" }, { asOf });
    expect(byName.byUnit.map((row) => row.name)).toEqual(["县甲局", "县乙局"]);
    const leastMissing = await complianceFor(w.office, { period: "2026-10", sort: "missing", dir: "asc" }, { asOf });
    expect(leastMissing.byUnit.map((row) => row.name)).toEqual(["县甲局", "县乙局"]);
    const byRate = await complianceFor(w.office, { period: "2026-10", sort: "rate", dir: "desc" }, { asOf });
    expect(byRate.byUnit.map((row) => row.name)).toEqual(["县甲局", "县乙局"]);
  });
});

// ───────────── 催报 ─────────────

describe("report.remind (催报)", () => {
  it("writes per unit one ReportReminder and one notification per reporter, and one audit row; units without reporters come back", async () => {
    const w = await fixture();
    const reporters = [
      await createUser(w.committee.id, { role: "UNIT_REPORTER", unitId: w.y.id }),
      await createUser(w.committee.id, { role: "UNIT_REPORTER", unitId: w.y.id }),
      await createUser(w.committee.id, { role: "UNIT_REPORTER", unitId: w.y.id }),
    ];
    // a disabled reporter is not reminded; only reporters with an address get an e-mail
    await createUser(w.committee.id, { role: "UNIT_REPORTER", unitId: w.y.id, disabled: true });
    await db.user.update({ where: { id: reporters[0]!.id }, data: { email: "yi@example.gov.cn", locale: "en" } });
    const auditBefore = (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);

    const result = await remindReports(w.office, { period: "2026-10", unitIds: [w.y.id, w.z.id], reportType: "MONTHLY_TASK" });

    expect(result.reminded).toEqual([{ unitId: w.y.id, unitName: "县乙局", reporters: 3 }]);
    expect(result.withoutReporters).toEqual([{ unitId: w.z.id, unitName: "县丙镇" }]);
    expect(result.notifications).toBe(3);
    expect(result.mails).toBe(1);

    const notifications = await db.notification.findMany({ where: { kind: "REMINDER" } });
    expect(notifications.map((row) => row.userId).sort()).toEqual(reporters.map((user) => user.id).sort());
    for (const row of notifications) {
      expect(row).toMatchObject({
        committeeId: w.committee.id,
        title: "notifications.titles.reminder",
        params: { month: "2026-10", report: "compliance.reminderSubjects.MONTHLY_TASK", due: "2026-11-05" },
        link: "/reports?period=2026-10",
        readAt: null,
      });
      // the default text lists the unit's unsubmitted tasks (as of the pinned clock, 22 November)
      expect(row.body).toBe("你单位2026年10月改革任务进展尚有3项未报送（T-04、T-05、T-10），报送截止日为2026年11月5日，请尽快报送。");
    }
    const reminders = await db.reportReminder.findMany({ orderBy: { unitId: "asc" } });
    expect(reminders.map((row) => [row.unitId, row.period.toISOString().slice(0, 10), row.reportType, row.sentById])).toEqual(
      [
        [w.y.id, "2026-10-01", "MONTHLY_TASK", w.office.userId],
        [w.z.id, "2026-10-01", "MONTHLY_TASK", w.office.userId],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
    const events = await db.workflowEvent.findMany({ where: { action: "REMIND" } });
    expect(events.map((event) => event.entityId).sort()).toEqual(reminders.map((row) => row.id).sort());
    expect(events.every((event) => event.entityType === "ReportReminder" && event.actorId === w.office.userId)).toBe(true);

    const audit = await db.auditEvent.findMany({ where: { id: { gt: auditBefore } } });
    expect(audit.map((row) => [row.event, row.result, row.committeeId])).toEqual([["report.remind", "SUCCESS", w.committee.id]]);

    // the e-mail waits in the queue (sent by the job runner, never inside the transaction), in the reader's language
    const jobs = await db.job.findMany();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: "mail", status: "PENDING", attempts: 0 });
    expect(jobs[0]!.payload).toMatchObject({
      to: "yi@example.gov.cn",
      subject: "Reminder from the reform office: progress reports on reform tasks for October 2026 not yet filed (due November 5, 2026)",
    });
  });

  it("uses the office's message when given, and records quarterly reminders against the quarter", async () => {
    const w = await fixture();
    const reporter = await createUser(w.committee.id, { role: "UNIT_REPORTER", unitId: w.x.id });
    await remindReports(w.office, {
      period: "2026-08",
      unitIds: [w.x.id],
      reportType: "QUARTERLY",
      message: "  请于10日前报送三季度报告  ",
    });
    const notification = await db.notification.findFirstOrThrow({ where: { userId: reporter.id } });
    expect(notification.body).toBe("请于10日前报送三季度报告");
    expect(notification.params).toEqual({ month: "2026-Q3", report: "compliance.reminderSubjects.QUARTERLY", due: "2026-10-10" });
    expect(notification.link).toBe("/reports/quarterly?quarter=2026-Q3");
    const reminder = await db.reportReminder.findFirstOrThrow();
    expect([reminder.period.toISOString().slice(0, 10), reminder.message]).toEqual(["2026-07-01", "请于10日前报送三季度报告"]);
  });

  it("refuses units of another committee (404) and bad input field by field, writing nothing", async () => {
    const w = await fixture();
    const other = await createCommittee();
    const foreign = await createUnit(other.id);
    await expect(
      remindReports(w.office, { period: "2026-10", unitIds: [w.x.id, foreign.id], reportType: "MONTHLY_TASK" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(remindReports(w.office, { period: "2026-13", unitIds: [], reportType: "WEEKLY" })).rejects.toMatchObject({
      fieldErrors: { period: ["validation.invalid"], unitIds: ["validation.required"], reportType: ["validation.invalid"] },
    });
    expect(await db.reportReminder.count()).toBe(0);
    expect(await db.notification.count()).toBe(0);
    // a reporter may not 催报 anywhere: 403 before anything is looked up
    await expect(remindReports(w.reporterX, { period: "2026-10", unitIds: [w.y.id], reportType: "MONTHLY_TASK" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});
