// 改革信息月报 (the "1" of "1+2") on a real database: the unit's reporter saves and submits its own
// unit's report, the office returns (with a comment, notifying the unit's reporters) or approves it,
// every step in the thread and the audit trail; the year's totals count approved reports only.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { infoItemTotals, infoReportDetail, infoReportList, myInfoReport } from "@/lib/reports/info-queries";
import { approveInfoReport, returnInfoReport, saveInfoReport, submitInfoReport } from "@/lib/reports/info-service";
import { addMonths, monthKey, monthOf } from "@/lib/reports/rules";
import { now } from "@/lib/server/clock";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

/** Last month: always open for reporting, whatever day the tests run. */
const PERIOD = addMonths(monthOf(now()), -1);
const KEY = monthKey(PERIOD);
const MONTH_LABEL = `${PERIOD.getUTCFullYear()}年${PERIOD.getUTCMonth() + 1}月`;

async function setup() {
  const committee = await createCommittee();
  const [unitA, unitB, unitC] = [
    await createUnit(committee.id, { name: "县自然资源和规划局" }),
    await createUnit(committee.id, { name: "县农业农村局" }),
    await createUnit(committee.id, { name: "县发展和改革局" }),
  ];
  const reporterUser = await createUser(committee.id, { role: "UNIT_REPORTER", unitId: unitA.id, name: "填报员甲" });
  const reporter2User = await createUser(committee.id, { role: "UNIT_REPORTER", unitId: unitA.id, name: "填报员乙" });
  const otherReporterUser = await createUser(committee.id, { role: "UNIT_REPORTER", unitId: unitB.id });
  const officeUser = await createUser(committee.id, { role: "OFFICE", name: "改革办陈" });
  const other = await createCommittee();
  return {
    committee,
    unitA,
    unitB,
    unitC,
    reporterUser,
    reporter2User,
    otherReporterUser,
    reporter: await actorFor(reporterUser.id),
    reporter2: await actorFor(reporter2User.id),
    otherReporter: await actorFor(otherReporterUser.id),
    office: await actorFor(officeUser.id),
    leader: await actorFor((await createUser(committee.id, { role: "LEADER" })).id),
    foreignOffice: await actorFor((await createUser(other.id, { role: "OFFICE" })).id),
  };
}

const ITEMS = [
  { kind: "PILOT", title: "全域土地综合整治试点", level: "PROVINCIAL", pilotStage: "APPROVED", eventDate: `${KEY}-12` },
  { kind: "INNOVATION", title: "“标准地”出让改革", description: "工业用地按标准出让，拿地即开工", eventDate: `${KEY}-20` },
  { kind: "PUBLICATION", title: "青湖县探索自然资源资产组合供应", outlet: "浙江日报", level: "PROVINCIAL", eventDate: `${KEY}-25` },
];

async function auditMark() {
  return (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
}
async function auditSince(mark: bigint) {
  return db.auditEvent.findMany({ where: { id: { gt: mark } }, orderBy: { id: "asc" } });
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await caught(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

describe("infoReport workflow", () => {
  it("save with items → submit → return with a comment → resubmit keeps the thread → approve", async () => {
    const w = await setup();
    const mark = await auditMark();

    const saved = await saveInfoReport(w.reporter, { period: KEY, summary: "本月新增省级试点1项", items: ITEMS });
    expect(saved).toMatchObject({ version: 1, status: "DRAFT" });
    const stored = await db.unitMonthlyReport.findUniqueOrThrow({
      where: { id: saved.id },
      include: { items: { orderBy: { sortOrder: "asc" } } },
    });
    expect(stored).toMatchObject({ committeeId: w.committee.id, unitId: w.unitA.id, status: "DRAFT", firstSubmittedAt: null });
    expect(monthKey(stored.period)).toBe(KEY);
    expect(stored.items.map((item) => [item.kind, item.title, item.level, item.pilotStage, item.outlet])).toEqual([
      ["PILOT", "全域土地综合整治试点", "PROVINCIAL", "APPROVED", null],
      ["INNOVATION", "“标准地”出让改革", null, null, null],
      ["PUBLICATION", "青湖县探索自然资源资产组合供应", "PROVINCIAL", null, "浙江日报"],
    ]);
    expect(stored.items[0]!.eventDate!.toISOString().slice(0, 10)).toBe(`${KEY}-12`);

    // the same month again replaces its items, from the version the reporter saw
    const edited = await saveInfoReport(w.reporter, { period: KEY, summary: "本月新增省级试点1项", items: ITEMS.slice(0, 2), version: 1 });
    expect(edited).toEqual({ id: saved.id, version: 2, status: "DRAFT", itemIds: [expect.any(String), expect.any(String)] });
    expect(await db.unitMonthlyReportItem.count({ where: { reportId: saved.id } })).toBe(2);
    expect(await db.unitMonthlyReport.count({ where: { unitId: w.unitA.id } })).toBe(1);

    const submitted = await submitInfoReport(w.reporter, { id: saved.id, version: 2 });
    expect(submitted).toMatchObject({ version: 3, status: "SUBMITTED" });
    const first = await db.unitMonthlyReport.findUniqueOrThrow({ where: { id: saved.id } });
    expect(first.firstSubmittedAt).not.toBeNull();
    expect(first.submittedById).toBe(w.reporter.userId);

    // submitted: no more edits until the office returns it
    expect(await fieldErrorsOf(saveInfoReport(w.reporter, { period: KEY, items: [], summary: "改", version: 3 }))).toEqual({
      _form: ["infoReports.validation.notEditable"],
    });

    // a return needs a comment
    expect(await fieldErrorsOf(returnInfoReport(w.office, { id: saved.id, version: 3, comment: "  " }))).toEqual({
      comment: ["validation.required"],
    });
    const comment = "创新举措请补充取得的成效";
    await returnInfoReport(w.office, { id: saved.id, version: 3, comment });
    const returned = await db.unitMonthlyReport.findUniqueOrThrow({ where: { id: saved.id } });
    expect(returned).toMatchObject({ status: "RETURNED", reviewComment: comment, reviewedById: w.office.userId, version: 4 });

    // one notification per reporter of the unit, none elsewhere
    const notifications = await db.notification.findMany({ orderBy: { userId: "asc" } });
    expect(notifications.map((row) => row.userId).sort()).toEqual([w.reporter.userId, w.reporter2.userId].sort());
    for (const row of notifications)
      expect(row).toMatchObject({
        committeeId: w.committee.id,
        kind: "REPORT_RETURNED",
        title: "notifications.titles.infoReturned",
        params: { month: MONTH_LABEL },
        body: comment,
        link: `/reports/info?period=${KEY}`,
      });

    // the returned report is editable again and is resubmitted: its first submission stays
    await saveInfoReport(w.reporter, {
      period: KEY,
      summary: "本月新增省级试点1项",
      items: [...ITEMS.slice(0, 1), { ...ITEMS[1], description: "工业用地按标准出让，平均拿地开工时间缩短至3个月" }],
      version: 4,
    });
    await submitInfoReport(w.reporter2, { id: saved.id, version: 5 });
    const resubmitted = await db.unitMonthlyReport.findUniqueOrThrow({ where: { id: saved.id } });
    expect(resubmitted.status).toBe("SUBMITTED");
    expect(resubmitted.firstSubmittedAt).toEqual(first.firstSubmittedAt);
    expect(resubmitted.submittedById).toBe(w.reporter2.userId);

    await approveInfoReport(w.office, { id: saved.id, version: 6, comment: "同意" });
    expect(await db.unitMonthlyReport.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({ status: "APPROVED", version: 7 });

    const view = await myInfoReport(w.reporter, PERIOD);
    expect(view).toMatchObject({ id: saved.id, status: "APPROVED", version: 7, canEdit: false, canReview: false });
    expect(view.thread.map((entry) => [entry.action, entry.comment, entry.actorName])).toEqual([
      ["CREATE", null, "填报员甲"],
      ["SUBMIT", null, "填报员甲"],
      ["RETURN", comment, "改革办陈"],
      ["RESUBMIT", null, "填报员乙"],
      ["APPROVE", "同意", "改革办陈"],
    ]);
    expect(view.items[1]!.description).toBe("工业用地按标准出让，平均拿地开工时间缩短至3个月");

    // exactly one audit row per action, the refused ones included
    const audit = await auditSince(mark);
    expect(audit.map((row) => [row.event, row.result])).toEqual([
      ["infoReport.save", "SUCCESS"],
      ["infoReport.save", "SUCCESS"],
      ["infoReport.submit", "SUCCESS"],
      ["infoReport.return", "SUCCESS"],
      ["infoReport.save", "SUCCESS"],
      ["infoReport.submit", "SUCCESS"],
      ["infoReport.approve", "SUCCESS"],
    ]);
    const returnAudit = audit.find((row) => row.event === "infoReport.return")!;
    expect(returnAudit).toMatchObject({ targetType: "UnitMonthlyReport", targetId: saved.id, actorId: w.office.userId });
    expect(returnAudit.changes).toEqual({ status: ["SUBMITTED", "RETURNED"] });
    expect(returnAudit.detail).toContain(comment);
  });

  it("shows a blank report for a month not yet reported, open to the unit's reporters only", async () => {
    const w = await setup();
    const blank = await myInfoReport(w.reporter, PERIOD);
    expect(blank).toMatchObject({ id: null, version: null, status: null, items: [], thread: [], canEdit: true, period: KEY });
    expect(blank.unit).toEqual({ id: w.unitA.id, name: "县自然资源和规划局" });
    // the office has no unit report of its own
    await expect(myInfoReport(w.office, PERIOD)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("infoReport validation", () => {
  it("a pilot without stage and a publication without outlet are refused field by field, and nothing is saved", async () => {
    const w = await setup();
    const nextMonth = monthKey(addMonths(PERIOD, 1));
    const errors = await fieldErrorsOf(
      saveInfoReport(w.reporter, {
        period: KEY,
        items: [
          { kind: "INNOVATION", title: "“一件事”集成改革", eventDate: `${nextMonth}-02` },
          { kind: "PILOT", title: "农村宅基地制度改革试点", level: "NATIONAL" },
          { kind: "PUBLICATION", title: "青湖经验获推介", level: "CITY", outlet: "  " },
          { kind: "PILOT", title: "", pilotStage: "ACCEPTED", level: "COUNTY" },
        ],
      }),
    );
    // the shape is checked first (an empty title), then the rules across fields
    expect(errors).toEqual({ "items.3.title": ["validation.required"] });

    const ruleErrors = await fieldErrorsOf(
      saveInfoReport(w.reporter, {
        period: KEY,
        items: [
          { kind: "INNOVATION", title: "“一件事”集成改革", eventDate: `${nextMonth}-02` },
          { kind: "PILOT", title: "农村宅基地制度改革试点", level: "NATIONAL" },
          { kind: "PUBLICATION", title: "青湖经验获推介", level: "CITY", outlet: "  " },
          { kind: "PILOT", title: "数字乡村试点", pilotStage: "ACCEPTED" },
        ],
      }),
    );
    expect(ruleErrors).toEqual({
      "items.0.eventDate": ["infoReports.validation.eventDateAfterPeriod"],
      "items.1.pilotStage": ["infoReports.validation.stageRequired"],
      "items.2.outlet": ["infoReports.validation.outletRequired"],
      "items.3.level": ["infoReports.validation.levelRequired"],
    });
    expect(await db.unitMonthlyReport.count()).toBe(0);
    expect(await db.unitMonthlyReportItem.count()).toBe(0);
    expect(await db.workflowEvent.count()).toBe(0);

    // an invalid edit of an existing report leaves it as it was
    const saved = await saveInfoReport(w.reporter, { period: KEY, items: ITEMS });
    await fieldErrorsOf(saveInfoReport(w.reporter, { period: KEY, items: [{ kind: "PILOT", title: "无进展" }], version: saved.version }));
    expect(await db.unitMonthlyReport.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({ version: 1 });
    expect(await db.unitMonthlyReportItem.count({ where: { reportId: saved.id } })).toBe(3);
  });

  it("refuses a month not yet begun, and an empty report on submission", async () => {
    const w = await setup();
    const future = monthKey(addMonths(monthOf(now()), 1));
    expect(await fieldErrorsOf(saveInfoReport(w.reporter, { period: future, summary: "提前填报", items: [] }))).toEqual({
      period: ["infoReports.validation.futurePeriod"],
    });
    expect(await fieldErrorsOf(saveInfoReport(w.reporter, { period: "2026-13", items: [] }))).toEqual({ period: ["validation.invalid"] });
    const empty = await saveInfoReport(w.reporter, { period: KEY, items: [] });
    expect(await fieldErrorsOf(submitInfoReport(w.reporter, { id: empty.id, version: empty.version }))).toEqual({
      summary: ["infoReports.validation.emptyReport"],
    });
    expect((await db.unitMonthlyReport.findUniqueOrThrow({ where: { id: empty.id } })).status).toBe("DRAFT");
  });
});

describe("infoReport scope", () => {
  it("a reporter can neither save nor read another unit's report; the office and leaders cannot write the unit's report", async () => {
    const w = await setup();
    const theirs = await saveInfoReport(w.otherReporter, { period: KEY, summary: "农业农村局本月无新增", items: [] });
    const before = await db.unitMonthlyReport.findUniqueOrThrow({ where: { id: theirs.id } });

    // the unit is never the client's to choose
    expect(
      await fieldErrorsOf(saveInfoReport(w.reporter, { period: KEY, summary: "冒名", items: [], unitId: w.unitB.id, version: 1 })),
    ).toEqual({ _form: ["validation.unknownField"] });
    // another unit's report is not there for them (404), whatever they try
    await expect(submitInfoReport(w.reporter, { id: theirs.id, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(infoReportDetail(w.reporter, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(infoReportDetail(w.foreignOffice, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(approveInfoReport(w.foreignOffice, { id: theirs.id, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    // those who may read it but not change it get 403
    await expect(submitInfoReport(w.office, { id: theirs.id, version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveInfoReport(w.office, { period: KEY, summary: "改革办代填", items: [] })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(returnInfoReport(w.leader, { id: theirs.id, version: 1, comment: "退回" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(returnInfoReport(w.otherReporter, { id: theirs.id, version: 1, comment: "退回" })).rejects.toBeInstanceOf(ForbiddenError);

    expect(await db.unitMonthlyReport.findUniqueOrThrow({ where: { id: theirs.id } })).toEqual(before);
    // the reporter's own save made its own unit's report, not theirs
    expect(await db.unitMonthlyReport.count({ where: { unitId: w.unitA.id } })).toBe(0);
    const denied = await db.auditEvent.findMany({ where: { result: "DENIED" }, select: { event: true }, orderBy: { id: "asc" } });
    // six refused writes and the two refused reads of the report's page
    expect(denied.map((row) => row.event)).toEqual([
      "infoReport.submit",
      "infoReport.read",
      "infoReport.read",
      "infoReport.approve",
      "infoReport.submit",
      "infoReport.save",
      "infoReport.return",
      "infoReport.return",
    ]);

    // the office and leaders read it
    expect((await infoReportDetail(w.office, theirs.id)).unit.id).toBe(w.unitB.id);
    expect(await infoReportDetail(w.leader, theirs.id)).toMatchObject({ id: theirs.id, canReview: false, canEdit: false });
  });
});

describe("infoReport optimistic locking", () => {
  it("a stale version is a conflict and overwrites nothing", async () => {
    const w = await setup();
    const saved = await saveInfoReport(w.reporter, { period: KEY, summary: "甲的版本", items: ITEMS });
    await saveInfoReport(w.reporter2, { period: KEY, summary: "乙的版本", items: [], version: 1 });

    const stale = await caught(saveInfoReport(w.reporter, { period: KEY, summary: "甲再次保存", items: ITEMS, version: 1 }));
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).current).toMatchObject({ id: saved.id, version: 2, status: "DRAFT" });
    // started from a blank page while someone else created the month's report
    await expect(saveInfoReport(w.reporter, { period: KEY, summary: "空白页保存", items: [] })).rejects.toBeInstanceOf(ConflictError);
    await expect(submitInfoReport(w.reporter, { id: saved.id, version: 1 })).rejects.toBeInstanceOf(ConflictError);
    expect(await db.unitMonthlyReport.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({ summary: "乙的版本", version: 2 });

    await submitInfoReport(w.reporter, { id: saved.id, version: 2 });
    await approveInfoReport(w.office, { id: saved.id, version: 3 });
    // a second reviewer working from the submitted version
    await expect(returnInfoReport(w.office, { id: saved.id, version: 3, comment: "退回" })).rejects.toBeInstanceOf(ConflictError);
    expect((await db.unitMonthlyReport.findUniqueOrThrow({ where: { id: saved.id } })).status).toBe("APPROVED");
    expect(await db.notification.count()).toBe(0);
  });
});

describe("infoReport list and totals", () => {
  async function approved(w: Awaited<ReturnType<typeof setup>>, period: string, items: unknown[]) {
    const saved = await saveInfoReport(w.reporter, { period, summary: "本月情况", items });
    await submitInfoReport(w.reporter, { id: saved.id, version: saved.version });
    await approveInfoReport(w.office, { id: saved.id, version: saved.version + 1 });
    return saved.id;
  }

  it("the totals count the items of approved reports only, per unit, by stage and level", async () => {
    const w = await setup();
    const lastYear = addMonths(PERIOD, -12);
    await approved(w, KEY, [
      ...ITEMS,
      { kind: "PILOT", title: "自然资源资产产权制度改革试点", level: "NATIONAL", pilotStage: "ACCEPTED" },
      { kind: "INNOVATION", title: "“多测合一”改革" },
    ]);
    // last year's approved report, and this year's submitted and returned ones, do not count
    await approved(w, monthKey(lastYear), [{ kind: "INNOVATION", title: "去年的举措" }]);
    const submitted = await saveInfoReport(w.otherReporter, { period: KEY, items: [{ kind: "INNOVATION", title: "待审核的举措" }] });
    await submitInfoReport(w.otherReporter, { id: submitted.id, version: 1 });
    const earlier = monthKey(addMonths(PERIOD, -1));
    if (earlier.slice(0, 4) === KEY.slice(0, 4)) {
      const returned = await saveInfoReport(w.reporter, { period: earlier, items: [{ kind: "INNOVATION", title: "被退回的举措" }] });
      await submitInfoReport(w.reporter, { id: returned.id, version: 1 });
      await returnInfoReport(w.office, { id: returned.id, version: 2, comment: "请补充" });
    }

    const totals = await infoItemTotals(w.office, PERIOD.getUTCFullYear());
    expect(totals).toEqual([
      {
        unitId: w.unitA.id,
        unitName: "县自然资源和规划局",
        pilotsApproved: 1,
        pilotsAccepted: 1,
        pilotsByLevel: { NATIONAL: 1, PROVINCIAL: 1, CITY: 0, COUNTY: 0 },
        innovations: 2,
        publications: 1,
        publicationsByLevel: { NATIONAL: 0, PROVINCIAL: 1, CITY: 0, COUNTY: 0 },
      },
    ]);
    expect((await infoItemTotals(w.office, lastYear.getUTCFullYear()))[0]).toMatchObject({ unitId: w.unitA.id, innovations: 1 });
    // a reporter sees its own unit's totals only
    expect(await infoItemTotals(w.otherReporter, PERIOD.getUTCFullYear())).toEqual([]);
    expect(await infoItemTotals(w.reporter, PERIOD.getUTCFullYear())).toHaveLength(1);
  });

  it("lists the month's reports by unit with status and counts per kind, missing units included, filtered and paged on the server", async () => {
    const w = await setup();
    await approved(w, KEY, ITEMS);
    const submitted = await saveInfoReport(w.otherReporter, { period: KEY, items: [{ kind: "INNOVATION", title: "举措" }] });
    await submitInfoReport(w.otherReporter, { id: submitted.id, version: 1 });
    // unitC leads a task this year and has not reported: missing
    const group = await createGroup(w.committee.id);
    const plan = await db.workPlan.create({ data: { committeeId: w.committee.id, year: PERIOD.getUTCFullYear(), title: "工作要点" } });
    await db.reformTask.create({
      data: {
        committeeId: w.committee.id,
        year: PERIOD.getUTCFullYear(),
        planId: plan.id,
        groupId: group.id,
        code: "T-001",
        title: "任务",
        goal: "目标",
        leadUnitId: w.unitC.id,
        source: "SELF",
        startDate: new Date(Date.UTC(PERIOD.getUTCFullYear(), 0, 1)),
        dueDate: new Date(Date.UTC(PERIOD.getUTCFullYear(), 11, 31)),
      },
    });
    // a unit that neither leads a task nor reported is not expected
    await createUnit(w.committee.id, { name: "县档案馆" });

    const list = await infoReportList(w.office, { period: PERIOD, unitId: null, status: null, page: 1, size: 20 });
    expect(list.total).toBe(3);
    expect(list.counts).toEqual({ SUBMITTED: 1, RETURNED: 0, APPROVED: 1, DRAFT: 0, MISSING: 1 });
    const byUnit = Object.fromEntries(list.rows.map((row) => [row.unitName, [row.status, row.pilots, row.innovations, row.publications]]));
    expect(byUnit).toEqual({
      县自然资源和规划局: ["APPROVED", 1, 1, 1],
      县农业农村局: ["SUBMITTED", 0, 1, 0],
      县发展和改革局: ["MISSING", 0, 0, 0],
    });
    expect(list.rows.find((row) => row.status === "MISSING")!.reportId).toBeNull();

    const missing = await infoReportList(w.office, { period: PERIOD, unitId: null, status: "MISSING", page: 1, size: 20 });
    expect(missing.rows.map((row) => row.unitId)).toEqual([w.unitC.id]);
    expect(missing.total).toBe(1);
    expect(missing.counts.APPROVED).toBe(1);
    const oneUnit = await infoReportList(w.leader, { period: PERIOD, unitId: w.unitB.id, status: null, page: 1, size: 20 });
    expect(oneUnit.rows.map((row) => row.status)).toEqual(["SUBMITTED"]);
    const secondPage = await infoReportList(w.office, { period: PERIOD, unitId: null, status: null, page: 2, size: 20 });
    expect(secondPage).toMatchObject({ total: 3, rows: [] });
    // a reporter's list is its own unit's row; another committee's office sees none of these units
    expect((await infoReportList(w.reporter, { period: PERIOD, unitId: null, status: null, page: 1, size: 20 })).rows).toHaveLength(1);
    expect((await infoReportList(w.foreignOffice, { period: PERIOD, unitId: null, status: null, page: 1, size: 20 })).total).toBe(0);
  });
});
