// 月报 on a real database: who may file what (lead report vs contribution), the percent rule, the
// draft → submit → return → resubmit → approve thread with its notifications and audit rows, the
// task's cached actual percent, optimistic locking, the all-or-nothing 全部提交, and 本月待报 on the
// demo county.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { owedReports, reportThread, reviewQueue, parseReviewFilters } from "@/lib/reports/progress-queries";
import {
  approveReport,
  returnReport,
  saveContribution,
  saveReportDraft,
  submitContribution,
  submitManyReports,
  submitReport,
} from "@/lib/reports/progress-service";
import { currentReportingPeriod, isReportExpected, monthKey } from "@/lib/reports/rules";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

// Pin the app's clock (read lazily by lib/server/clock.ts): 2026-11-22, so October is a past month.
process.env.APP_NOW = "2026-11-22T02:00:00.000Z";
const TODAY = new Date(process.env.APP_NOW);

async function setup() {
  const committee = await createCommittee();
  const group = await createGroup(committee.id);
  const [lead, helper, other] = [await createUnit(committee.id), await createUnit(committee.id), await createUnit(committee.id)];
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年全面深化改革工作要点" } });
  const makeTask = (code: string, leadUnitId: string, cooperating: string[]) =>
    db.reformTask.create({
      data: {
        committeeId: committee.id,
        year: 2026,
        planId: plan.id,
        groupId: group.id,
        code,
        title: `改革任务${code}`,
        goal: "改革目标",
        leadUnitId,
        source: "SELF",
        startDate: new Date("2026-01-01"),
        dueDate: new Date("2026-12-31"),
        cooperatingUnits: { create: cooperating.map((unitId, sortOrder) => ({ unitId, sortOrder })) },
      },
    });
  const task = await makeTask("2026-测-001", lead.id, [helper.id]);
  const second = await makeTask("2026-测-002", lead.id, []);
  const foreign = await makeTask("2026-测-003", other.id, []);
  const office = await actorFor((await createUser(committee.id, { role: "OFFICE", name: "改革办审核员" })).id);
  const reporterUsers = [
    await createUser(committee.id, { role: "UNIT_REPORTER", unitId: lead.id, name: "牵头填报员甲" }),
    await createUser(committee.id, { role: "UNIT_REPORTER", unitId: lead.id, name: "牵头填报员乙" }),
  ];
  const reporter = await actorFor(reporterUsers[0]!.id);
  const reporter2 = await actorFor(reporterUsers[1]!.id);
  const helperReporter = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: helper.id })).id);
  return { committee, group, lead, helper, other, task, second, foreign, office, reporter, reporter2, reporterUsers, helperReporter };
}

const draft = (taskId: string, overrides: Record<string, unknown> = {}) => ({
  taskId,
  period: "2026-10",
  progress: "完成实施方案起草，召开专题推进会。",
  percent: 40,
  problems: "部门协同有待加强",
  nextSteps: "报请县政府常务会议审议",
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (caught: unknown) => caught,
  );
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

async function auditMark() {
  return (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
}
async function auditSince(mark: bigint) {
  return (await db.auditEvent.findMany({ where: { id: { gt: mark } }, orderBy: { id: "asc" } })).map((row) => [row.event, row.result]);
}

/** Files an approved lead report for a month: save, submit, approve. */
async function approvedReport(w: Awaited<ReturnType<typeof setup>>, period: string, percent: number, taskId = w.task.id) {
  const saved = await saveReportDraft(w.reporter, draft(taskId, { period, percent, percentDropReason: "目标任务调整" }));
  const submitted = await submitReport(w.reporter, { id: saved.report.id, version: saved.report.version });
  await approveReport(w.office, { id: submitted.report.id, version: submitted.report.version });
  return submitted.report.id;
}

describe("who files what", () => {
  it("refuses a lead report from a unit that does not lead the task, and writes nothing", async () => {
    const w = await setup();
    const mark = await auditMark();
    const error = await failure(saveReportDraft(w.helperReporter, draft(w.task.id)));
    expect(error instanceof NotFoundError || error instanceof ForbiddenError).toBe(true);
    await expect(saveReportDraft(w.reporter, draft(w.foreign.id))).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.progressReport.count()).toBe(0);
    expect(await auditSince(mark)).toEqual([
      ["report.saveDraft", "DENIED"],
      ["report.saveDraft", "DENIED"],
    ]);
  });

  it("lets a cooperating unit add its own contribution, and not the lead unit", async () => {
    const w = await setup();
    expect(await fieldErrorsOf(saveContribution(w.helperReporter, { taskId: w.task.id, period: "2026-10", progress: "  " }))).toEqual({
      progress: ["validation.required"],
    });
    const saved = await saveContribution(w.helperReporter, { taskId: w.task.id, period: "2026-10", progress: "配合提供用地数据" });
    const submitted = await submitContribution(w.helperReporter, { id: saved.report.id, version: saved.report.version });
    const row = await db.progressReport.findUniqueOrThrow({ where: { id: saved.report.id } });
    expect(row).toMatchObject({ kind: "CONTRIBUTION", unitId: w.helper.id, percent: null, status: "SUBMITTED", version: 2 });
    expect(submitted.report.status).toBe("SUBMITTED");

    // the lead unit does not contribute to its own task; nobody contributes to a task they are not on
    const error = await failure(saveContribution(w.reporter, { taskId: w.task.id, period: "2026-10", progress: "x" }));
    expect(error instanceof NotFoundError || error instanceof ForbiddenError).toBe(true);
    await expect(saveContribution(w.helperReporter, { taskId: w.second.id, period: "2026-10", progress: "x" })).rejects.toBeInstanceOf(
      NotFoundError,
    );

    // the lead unit sees the submitted contribution while writing its own report
    const owed = await owedReports(w.reporter, "2026-10");
    const card = owed.tasks.find((task) => task.taskId === w.task.id)!;
    expect(card.contributions.map((c) => [c.unitName, c.progress, c.status])).toEqual([[w.helper.name, "配合提供用地数据", "SUBMITTED"]]);
    // and the cooperating unit sees the task in its 配合任务 section with the contribution's state
    const mine = await owedReports(w.helperReporter, "2026-10");
    expect(mine.tasks).toEqual([]);
    expect(mine.cooperating.map((task) => [task.taskId, task.state])).toEqual([[w.task.id, "SUBMITTED"]]);

    // the office reviews contributions with the same services
    await returnReport(w.office, { id: row.id, version: 2, comment: "请补充具体数据" });
    const returned = await db.progressReport.findUniqueOrThrow({ where: { id: row.id } });
    expect(returned.status).toBe("RETURNED");
    const notes = await db.notification.findMany({ where: { kind: "REPORT_RETURNED" } });
    expect(notes.map((note) => note.userId)).toEqual([w.helperReporter.userId]);
  });

  it("accepts only months the task reports for, up to the current month", async () => {
    const w = await setup();
    expect(await fieldErrorsOf(saveReportDraft(w.reporter, draft(w.task.id, { period: "2026-12" })))).toEqual({
      period: ["reports.validation.periodFuture"],
    });
    expect(await fieldErrorsOf(saveReportDraft(w.reporter, draft(w.task.id, { period: "2025-12" })))).toEqual({
      period: ["reports.validation.periodNotExpected"],
    });
    expect(await fieldErrorsOf(saveReportDraft(w.reporter, draft(w.task.id, { period: "2026-13" })))).toEqual({
      period: ["reports.validation.period"],
    });
    expect(await db.progressReport.count()).toBe(0);
  });
});

describe("cumulative percent", () => {
  it("refuses a drop below the last approved percent without a reason, on percentDropReason", async () => {
    const w = await setup();
    await approvedReport(w, "2026-09", 60);
    expect(await fieldErrorsOf(saveReportDraft(w.reporter, draft(w.task.id, { percent: 50 })))).toEqual({
      percentDropReason: ["reports.validation.percentDropReason"],
    });
    expect(await fieldErrorsOf(saveReportDraft(w.reporter, draft(w.task.id, { percent: 50, percentDropReason: "  " })))).toEqual({
      percentDropReason: ["reports.validation.percentDropReason"],
    });
    expect(await fieldErrorsOf(saveReportDraft(w.reporter, draft(w.task.id, { percent: 101 })))).toEqual({
      percent: ["reports.validation.percentRange"],
    });
    expect(await fieldErrorsOf(saveReportDraft(w.reporter, draft(w.task.id, { percent: 45.5 })))).toEqual({
      percent: ["reports.validation.percentRange"],
    });
    expect(await db.progressReport.count({ where: { period: new Date("2026-10-01") } })).toBe(0);

    const saved = await saveReportDraft(w.reporter, draft(w.task.id, { percent: 50, percentDropReason: "上级提高了改革目标要求" }));
    expect(saved.report).toMatchObject({ percent: 50, percentDropReason: "上级提高了改革目标要求", status: "DRAFT", version: 1 });
    // equal or higher needs no reason
    const raised = await saveReportDraft(w.reporter, draft(w.task.id, { percent: 60, version: 1 }));
    expect(raised.report.version).toBe(2);
  });
});

describe("the review thread", () => {
  it("draft → submit → return → resubmit → approve, with notifications, audit and the thread in order", async () => {
    const w = await setup();
    const mark = await auditMark();
    const saved = await saveReportDraft(w.reporter, draft(w.task.id, { percent: 45 }));
    const first = await submitReport(w.reporter, { id: saved.report.id, version: 1 });
    expect(first.report).toMatchObject({ status: "SUBMITTED", version: 2 });
    const submittedRow = await db.progressReport.findUniqueOrThrow({ where: { id: saved.report.id } });
    expect(submittedRow.firstSubmittedAt?.toISOString()).toBe(TODAY.toISOString());
    expect(submittedRow.submittedById).toBe(w.reporter.userId);

    // a return needs a comment
    expect(await fieldErrorsOf(returnReport(w.office, { id: saved.report.id, version: 2, comment: "   " }))).toEqual({
      comment: ["validation.required"],
    });
    await returnReport(w.office, { id: saved.report.id, version: 2, comment: "请补充量化指标" });
    const notes = await db.notification.findMany({ where: { kind: "REPORT_RETURNED" }, orderBy: { userId: "asc" } });
    expect(notes.map((note) => note.userId).sort()).toEqual(w.reporterUsers.map((user) => user.id).sort());
    for (const note of notes)
      expect(note).toMatchObject({
        committeeId: w.committee.id,
        title: "notifications.titles.reportReturned",
        body: "请补充量化指标",
        link: "/reports?period=2026-10",
        params: { task: w.task.title, month: "2026年10月" },
      });

    // the unit sees the return comment on 本月待报 and edits the returned report
    const owed = await owedReports(w.reporter2, "2026-10");
    const card = owed.tasks.find((task) => task.taskId === w.task.id)!;
    expect(card).toMatchObject({ state: "RETURNED", returnComment: "请补充量化指标" });
    const edited = await saveReportDraft(w.reporter2, draft(w.task.id, { percent: 50, progress: "补充：已完成 3 个试点镇。", version: 3 }));
    expect(edited.report).toMatchObject({ status: "RETURNED", version: 4 });
    await submitReport(w.reporter2, { id: saved.report.id, version: 4 });
    const resubmitted = await db.progressReport.findUniqueOrThrow({ where: { id: saved.report.id } });
    expect(resubmitted.firstSubmittedAt?.toISOString()).toBe(submittedRow.firstSubmittedAt?.toISOString());
    expect(resubmitted.submittedById).toBe(w.reporter2.userId);

    // the office's queue shows it as resubmitted
    const queue = await reviewQueue(w.office, parseReviewFilters({}));
    // (submitted on 11-22 for October, due 11-05: late)
    expect(queue.rows.map((row) => [row.id, row.resubmitted, row.late])).toEqual([[saved.report.id, true, true]]);

    await approveReport(w.office, { id: saved.report.id, version: 5, comment: "同意" });
    const approved = await db.progressReport.findUniqueOrThrow({ where: { id: saved.report.id } });
    expect(approved).toMatchObject({ status: "APPROVED", reviewedById: w.office.userId, reviewComment: "同意", version: 6 });
    expect(await db.notification.count({ where: { kind: "REPORT_APPROVED" } })).toBe(2);

    const thread = await reportThread(w.reporter, w.task.id);
    expect(thread).toHaveLength(1);
    expect(thread[0]!.events.map((event) => [event.action, event.comment, event.actorName])).toEqual([
      ["SUBMIT", null, "牵头填报员甲"],
      ["RETURN", "请补充量化指标", "改革办审核员"],
      ["RESUBMIT", null, "牵头填报员乙"],
      ["APPROVE", "同意", "改革办审核员"],
    ]);
    // the cooperating unit reads the thread too; another unit does not
    expect((await reportThread(w.helperReporter, w.task.id)).map((report) => report.id)).toEqual([saved.report.id]);
    await expect(reportThread(w.helperReporter, w.second.id)).rejects.toBeInstanceOf(NotFoundError);

    expect(await auditSince(mark)).toEqual([
      ["report.saveDraft", "SUCCESS"],
      ["report.submit", "SUCCESS"],
      ["report.return", "SUCCESS"],
      ["report.saveDraft", "SUCCESS"],
      ["report.submit", "SUCCESS"],
      ["report.approve", "SUCCESS"],
    ]);
  });

  it("approval keeps the task's actual percent on the latest approved month", async () => {
    const w = await setup();
    const october = await saveReportDraft(w.reporter, draft(w.task.id, { period: "2026-10", percent: 70 }));
    const september = await saveReportDraft(w.reporter, draft(w.task.id, { period: "2026-09", percent: 55 }));
    await submitManyReports(w.reporter, {
      ids: [
        { id: october.report.id, version: 1 },
        { id: september.report.id, version: 1 },
      ],
    });
    await approveReport(w.office, { id: october.report.id, version: 2 });
    let task = await db.reformTask.findUniqueOrThrow({ where: { id: w.task.id } });
    expect([task.actualPercent, task.actualPeriod?.toISOString().slice(0, 10)]).toEqual([70, "2026-10-01"]);
    // an earlier month approved afterwards does not move the actual percent back
    await approveReport(w.office, { id: september.report.id, version: 2 });
    task = await db.reformTask.findUniqueOrThrow({ where: { id: w.task.id } });
    expect([task.actualPercent, task.actualPeriod?.toISOString().slice(0, 10)]).toEqual([70, "2026-10-01"]);
    // a decided report cannot be decided again
    expect(await fieldErrorsOf(approveReport(w.office, { id: october.report.id, version: 3 }))).toEqual({
      _form: ["reports.validation.notSubmitted"],
    });
  });
});

describe("optimistic locking", () => {
  it("a stale version is a conflict that shows the report as it now is, and changes nothing", async () => {
    const w = await setup();
    const saved = await saveReportDraft(w.reporter, draft(w.task.id));
    await saveReportDraft(w.reporter2, draft(w.task.id, { progress: "乙的修改", version: 1 }));
    const error = await failure(saveReportDraft(w.reporter, draft(w.task.id, { progress: "甲的修改", version: 1 })));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).current).toMatchObject({ report: { id: saved.report.id, version: 2, progress: "乙的修改" } });
    // a new report saved by someone else meanwhile: creating it again is a conflict too
    await expect(saveReportDraft(w.reporter, draft(w.task.id))).rejects.toBeInstanceOf(ConflictError);
    await expect(submitReport(w.reporter, { id: saved.report.id, version: 1 })).rejects.toBeInstanceOf(ConflictError);
    const row = await db.progressReport.findUniqueOrThrow({ where: { id: saved.report.id } });
    expect(row).toMatchObject({ progress: "乙的修改", version: 2, status: "DRAFT" });
    // a submitted report is no longer editable
    await submitReport(w.reporter, { id: saved.report.id, version: 2 });
    expect(await fieldErrorsOf(saveReportDraft(w.reporter, draft(w.task.id, { version: 3 })))).toEqual({
      _form: ["reports.validation.notEditable"],
    });
  });
});

describe("全部提交 (submitMany)", () => {
  it("is all or nothing: one incomplete report keeps every report a draft, with the error on its index", async () => {
    const w = await setup();
    const complete = await saveReportDraft(w.reporter, draft(w.task.id));
    const incomplete = await saveReportDraft(w.reporter, draft(w.second.id, { percent: null, progress: "" }));
    const mark = await auditMark();
    const errors = await fieldErrorsOf(
      submitManyReports(w.reporter, {
        ids: [
          { id: complete.report.id, version: 1 },
          { id: incomplete.report.id, version: 1 },
        ],
      }),
    );
    expect(errors).toEqual({ "items.1.progress": ["validation.required"], "items.1.percent": ["validation.required"] });
    expect(await db.progressReport.count({ where: { status: "DRAFT" } })).toBe(2);
    expect(await db.workflowEvent.count()).toBe(0);

    const fixed = await saveReportDraft(w.reporter, draft(w.second.id, { version: 1 }));
    const result = await submitManyReports(w.reporter, {
      ids: [
        { id: complete.report.id, version: 1 },
        { id: fixed.report.id, version: 2 },
      ],
    });
    expect(result.reports.map((report) => report.status)).toEqual(["SUBMITTED", "SUBMITTED"]);
    expect(await db.workflowEvent.findMany({ select: { action: true } })).toEqual([{ action: "SUBMIT" }, { action: "SUBMIT" }]);
    // a refused input is not a change: only the save and the successful submission are audited
    expect(await auditSince(mark)).toEqual([
      ["report.saveDraft", "SUCCESS"],
      ["report.submitMany", "SUCCESS"],
    ]);
  });

  it("refuses reports of another unit as a whole", async () => {
    const w = await setup();
    const mine = await saveReportDraft(w.reporter, draft(w.task.id));
    const otherReporter = await actorFor((await createUser(w.committee.id, { role: "UNIT_REPORTER", unitId: w.other.id })).id);
    const theirs = await saveReportDraft(otherReporter, draft(w.foreign.id));
    await expect(
      submitManyReports(w.reporter, {
        ids: [
          { id: mine.report.id, version: 1 },
          { id: theirs.report.id, version: 1 },
        ],
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.progressReport.count({ where: { status: "SUBMITTED" } })).toBe(0);
  });
});

describe("本月待报 on the demo county", () => {
  async function actorOf(username: string): Promise<Actor> {
    const user = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
    return actorFor(user.id);
  }

  it("lists exactly the tasks the reporter's unit leads that report for the month", async () => {
    await seedDemo(db, { today: TODAY });
    const reporter = await actorOf("reporter");
    const unitId = reporter.roles.find((grant) => grant.role === "UNIT_REPORTER")!.unitId!;
    const settings = await db.committeeSettings.findUniqueOrThrow({ where: { committeeId: reporter.committeeId } });
    const period = currentReportingPeriod(TODAY, settings.monthlyReportDueDay);

    const owed = await owedReports(reporter);
    expect(owed.period).toBe(monthKey(period));
    expect(owed.unit.id).toBe(unitId);
    const led = await db.reformTask.findMany({ where: { committeeId: reporter.committeeId, leadUnitId: unitId, deletedAt: null } });
    const expected = led.filter((task) => isReportExpected(task, period)).map((task) => task.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(owed.tasks.map((task) => task.taskId).sort()).toEqual(expected.sort());
    expect(owed.counts.owed).toBe(expected.length);
    expect(owed.counts.none + owed.counts.draft + owed.counts.submitted + owed.counts.approved + owed.counts.returned).toBe(
      expected.length,
    );

    // an earlier month, with states from the seed's story
    const previous = await owedReports(reporter, "2026-10");
    const october = new Date("2026-10-01");
    const expectedOctober = led.filter((task) => isReportExpected(task, october)).map((task) => task.id);
    expect(previous.tasks.map((task) => task.taskId).sort()).toEqual(expectedOctober.sort());
    const rows = await db.progressReport.findMany({ where: { unitId, period: october, kind: "LEAD", deletedAt: null } });
    for (const task of previous.tasks) {
      const row = rows.find((report) => report.taskId === task.taskId);
      expect(task.state, task.code).toBe(row?.status ?? "NONE");
    }
    // a future month falls back to the current one
    expect((await owedReports(reporter, "2027-01")).period).toBe(monthKey(period));
  });
});
