// 形式主义预警 on a real database: the SQL similarity equals the TypeScript rule; each kind is raised
// in the transaction of the write that makes it (a report submitted or approved, a close-out applied,
// a file filed twice) and removed when its finding goes; the settings re-run the rules; the office's
// dismissal is audited (readable in both languages) and never undone by a refresh; reporters and
// leaders may neither list nor dismiss (refused, audited), through the portal and the API alike;
// the daily job refreshes each committee once a day.
import { describe, expect, it } from "vitest";
import { listSignalsEndpoint, dismissSignalEndpoint, listTasksEndpoint, openSessionEndpoint } from "@/lib/api/endpoints";
import { resolveNames } from "@/lib/audit/names";
import { readableAuditRow, readerFor } from "@/lib/audit/readable";
import type { Actor } from "@/lib/auth/actor";
import { updateThresholds } from "@/lib/dashboard/thresholds-service";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/prisma";
import { messagesFor } from "@/lib/i18n/translate";
import { listLedger } from "@/lib/ledger/queries";
import { DEFAULT_LEDGER_PARAMS } from "@/lib/ledger/schemas";
import { approveReport, returnReport, saveReportDraft, submitReport } from "@/lib/reports/progress-service";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/server/errors";
import { signalsTick } from "@/lib/signals/daily";
import { listSignals, reportSignals, signalCounts } from "@/lib/signals/queries";
import { runSignalRefresh } from "@/lib/signals/refresh-sql";
import { trigramSimilarity } from "@/lib/signals/rules";
import { DEFAULT_SIGNAL_PARAMS } from "@/lib/signals/schemas";
import { dismissSignal } from "@/lib/signals/service";
import { applyCloseOut } from "@/lib/tasks/service";
import { createCommittee, createGroup, createUnit, createUser, TEST_PASSWORD } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";
import { callApi } from "@/tests/support/api";
import { pdfOf, uploadCloseOutFile, uploadFor } from "@/tests/support/uploads";

// Pin the app's clock: 2026-11-22 (Beijing), so August to November are months a task reports for.
process.env.APP_NOW = "2026-11-22T02:00:00.000Z";
const NOW = new Date(process.env.APP_NOW);

async function setup() {
  const committee = await createCommittee();
  const group = await createGroup(committee.id);
  const [lead, other] = [await createUnit(committee.id, { name: "县发展和改革局" }), await createUnit(committee.id)];
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年全面深化改革工作要点" } });
  const makeTask = (code: string, leadUnitId: string) =>
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
      },
    });
  const [task, second, third] = [
    await makeTask("2026-测-001", lead.id),
    await makeTask("2026-测-002", lead.id),
    await makeTask("2026-测-003", lead.id),
  ];
  const officeUser = await createUser(committee.id, { role: "OFFICE", name: "改革办核查员" });
  const office = await actorFor(officeUser.id);
  const reporterUser = await createUser(committee.id, { role: "UNIT_REPORTER", unitId: lead.id });
  const reporter = await actorFor(reporterUser.id);
  const leaderUser = await createUser(committee.id, { role: "LEADER" });
  const leader = await actorFor(leaderUser.id);
  return { committee, lead, other, task, second, third, office, officeUser, reporter, reporterUser, leader, leaderUser };
}
type World = Awaited<ReturnType<typeof setup>>;

const TEXT_A =
  "本月召开专题推进会2次，进一步明确成员单位职责分工和时间节点；完成实施方案修改完善，征求相关部门和镇（街道）意见建议12条；建立任务推进台账，实行挂图作战、对账销号。";
const TEXT_B = "完成首批试点单位遴选，组织业务骨干赴先进地区学习考察，形成考察报告一份，梳理可复制推广的经验做法五条。";
const TEXT_C = "平台系统完成开发部署并进入试运行，与相关部门业务系统完成数据对接，实现信息共享互认，群众办事时间明显缩短。";

/** Saves and submits a lead report for a month; returns the submitted row. */
async function file(w: World, taskId: string, period: string, progress: string, percent: number, version?: number) {
  const { report } = await saveReportDraft(w.reporter, { taskId, period, progress, percent, version: version ?? null });
  const submitted = await submitReport(w.reporter, { id: report.id, version: report.version });
  return submitted.report;
}

async function fileAndApprove(w: World, taskId: string, period: string, progress: string, percent: number) {
  const report = await file(w, taskId, period, progress, percent);
  await approveReport(w.office, { id: report.id, version: report.version, comment: null });
  return report;
}

const open = (committeeId: string) =>
  db.signal.findMany({ where: { committeeId, dismissedAt: null }, orderBy: [{ kind: "asc" }, { key: "asc" }] });

async function auditMark() {
  return (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
}
async function auditSince(mark: bigint) {
  return db.auditEvent.findMany({ where: { id: { gt: mark } }, orderBy: { id: "asc" } });
}
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (caught: unknown) => caught,
  );
}

describe("the similarity in SQL", () => {
  it("gives the same number as trigramSimilarity for Chinese, mixed, short, empty and astral texts", async () => {
    const pairs: [string, string][] = [
      [TEXT_A, TEXT_A],
      [TEXT_A, TEXT_A.replace("2次", "3次")],
      [TEXT_A, TEXT_B],
      [TEXT_B, `${TEXT_B}本月召开专题调度会3次。`],
      ["本月 完成\n调研\u3000报告", "本月完成调研报告"],
      ["APP上线运行，OA系统对接", "app上线运行，oa系统对接"],
      ["无", "无"],
      ["无", "有"],
      ["", ""],
      ["", "本月完成"],
      ["𠀋𠀋𠀋改革", "𠀋𠀋𠀋改进"],
      ["“一网通办”事项100%上线", "“一网通办”事项 98%上线"],
    ];
    for (const [a, b] of pairs) {
      const [row] = await db.$queryRaw<{ similarity: number }[]>(Prisma.sql`SELECT char_trigram_similarity(${a}, ${b}) AS similarity`);
      expect(row!.similarity, `${a} | ${b}`).toBe(trigramSimilarity(a, b));
    }
    // 9 shared of 10, exactly: the threshold comparison sees the same double on both sides
    const [exact] = await db.$queryRaw<{ at: boolean }[]>(
      Prisma.sql`SELECT char_trigram_similarity('改革任务推进情况良好有序', '改革任务推进情况良好有') >= 90::float8 / 100 AS at`,
    );
    expect(exact!.at).toBe(true);
  });
});

describe("signals raised and removed by the writes that make them", () => {
  it("COPIED_REPORT on submitting a copy, gone when the returned report is rewritten; FROZEN_PERCENT on the approval that freezes the percent, gone when it moves", async () => {
    const w = await setup();
    await fileAndApprove(w, w.task.id, "2026-08", TEXT_A, 30);
    expect(await open(w.committee.id)).toEqual([]);

    // September repeats August word for word: the signal is there as soon as the submission is
    const september = await file(w, w.task.id, "2026-09", TEXT_A, 30);
    const [copied] = await open(w.committee.id);
    expect(copied).toMatchObject({ kind: "COPIED_REPORT", taskId: w.task.id, unitId: w.lead.id, reportId: september.id, value: 1 });
    expect(copied!.period?.toISOString().slice(0, 10)).toBe("2026-09-01");
    // stamped by the app's clock (APP_NOW here), not the database's
    expect(copied!.detectedAt.toISOString()).toBe(NOW.toISOString());
    await approveReport(w.office, { id: september.id, version: september.version, comment: null });

    // October: new words, the same approved percent — the third month at 30 % while the plan is at ~80 %
    await fileAndApprove(w, w.task.id, "2026-10", TEXT_B, 30);
    const frozen = (await open(w.committee.id)).find((signal) => signal.kind === "FROZEN_PERCENT");
    expect(frozen).toMatchObject({ taskId: w.task.id, value: 2, percent: 30, key: `FROZEN_PERCENT:${w.task.id}:2026-08` });
    const [light] = await db.$queryRaw<{ planned: number }[]>(
      Prisma.sql`SELECT floor(((DATE '2026-11-22' - DATE '2026-01-01')::float8 / (DATE '2026-12-31' - DATE '2026-01-01')) * 100)::int AS planned`,
    );
    expect(frozen!.planned).toBe(light!.planned);

    // November copies October; returned; rewritten and resubmitted: the copy signal goes, the frozen one stays
    const november = await file(w, w.task.id, "2026-11", TEXT_B, 45);
    expect((await open(w.committee.id)).map((signal) => signal.kind)).toEqual(["COPIED_REPORT", "COPIED_REPORT", "FROZEN_PERCENT"]);
    const returned = await returnReport(w.office, { id: november.id, version: november.version, comment: "与上月内容雷同，请如实填报" });
    const rewritten = await file(w, w.task.id, "2026-11", TEXT_C, 45, returned.version);
    expect((await open(w.committee.id)).map((signal) => [signal.kind, signal.reportId])).toEqual([
      ["COPIED_REPORT", september.id],
      ["FROZEN_PERCENT", (await db.progressReport.findFirstOrThrow({ where: { taskId: w.task.id, period: new Date("2026-10-01") } })).id],
    ]);

    // approving 45 % moves the percent: the run is over, the frozen signal goes
    await approveReport(w.office, { id: rewritten.id, version: rewritten.version, comment: null });
    expect((await open(w.committee.id)).map((signal) => signal.kind)).toEqual(["COPIED_REPORT"]);

    // a refresh finds nothing new, changes nothing, removes nothing: idempotent
    expect(await runSignalRefresh(db, { committeeId: w.committee.id }, NOW)).toEqual({ inserted: 0, updated: 0, removed: 0 });
  });

  it("LOW_CLOSEOUT when a close-out is applied from below the floor, not at it", async () => {
    const w = await setup();
    await fileAndApprove(w, w.second.id, "2026-10", TEXT_A, 59);
    await fileAndApprove(w, w.third.id, "2026-10", TEXT_B, 60);
    for (const [i, task] of [w.second, w.third].entries()) {
      // a different file for each task: nothing here is reused
      const evidence = await uploadCloseOutFile(w.reporter, task.id, "验收报告.pdf", pdfOf(4096 + i));
      await applyCloseOut(w.reporter, {
        taskId: task.id,
        summary: "已完成全部改革目标",
        explanation: "成果已形成，月报进度待更新",
        attachmentIds: [evidence.id],
      });
    }
    const signals = await open(w.committee.id);
    expect(signals.map((signal) => [signal.kind, signal.taskId, signal.value, signal.percent])).toEqual([
      ["LOW_CLOSEOUT", w.second.id, 59, 60],
    ]);
    expect(signals[0]!.closeOutId).toBe((await db.closeOutRequest.findFirstOrThrow({ where: { taskId: w.second.id } })).id);
  });

  it("REUSED_FILE when one file is filed for two tasks, counted once the second report is submitted", async () => {
    const w = await setup();
    const bytes = pdfOf(8 * 1024);
    const draftOf = async (taskId: string, progress: string) =>
      (await saveReportDraft(w.reporter, { taskId, period: "2026-10", progress, percent: 40, version: null })).report;
    const first = await draftOf(w.task.id, TEXT_A);
    const second = await draftOf(w.second.id, TEXT_B);
    await uploadFor(w.reporter, { for: "report", reportId: first.id }, { name: "推进会会议纪要.pdf", bytes });
    const firstNow = await db.progressReport.findUniqueOrThrow({ where: { id: first.id } });
    await submitReport(w.reporter, { id: first.id, version: firstNow.version });
    const reused = await uploadFor(w.reporter, { for: "report", reportId: second.id }, { name: "会议纪要（复印件）.pdf", bytes });
    // a draft's file is the unit's work in progress: not counted yet
    expect(await open(w.committee.id)).toEqual([]);
    const secondNow = await db.progressReport.findUniqueOrThrow({ where: { id: second.id } });
    await submitReport(w.reporter, { id: second.id, version: secondNow.version });
    const [signal] = await open(w.committee.id);
    expect(signal).toMatchObject({ kind: "REUSED_FILE", taskId: w.second.id, attachmentId: reused.id, reportId: second.id, value: 1 });
    expect(signal!.previousReportId).toBe(first.id);

    // the office reads it in the list, in words
    const page = await listSignals(w.office, { ...DEFAULT_SIGNAL_PARAMS, kind: "REUSED_FILE" });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({
      attachment: { fileName: "会议纪要（复印件）.pdf", taskCode: "2026-测-002", period: "2026-10" },
      previousAttachment: { fileName: "推进会会议纪要.pdf", taskCode: "2026-测-001", period: "2026-10", ownerType: "ProgressReport" },
    });
    expect(page.openByKind).toEqual({ COPIED_REPORT: 0, FROZEN_PERCENT: 0, LOW_CLOSEOUT: 0, REUSED_FILE: 1 });
  });

  it("re-runs the rules when the office changes a setting, with field messages for bad values", async () => {
    const w = await setup();
    await fileAndApprove(w, w.task.id, "2026-09", TEXT_A, 30);
    await file(w, w.task.id, "2026-10", TEXT_A.replace("2次", "3次"), 40);
    const [copy] = await open(w.committee.id);
    expect(copy!.value).toBe(trigramSimilarity(TEXT_A, TEXT_A.replace("2次", "3次")));
    expect(copy!.value).toBeGreaterThan(0.9);
    expect(copy!.value).toBeLessThan(1);

    const settings = (version: number, values: Record<string, number>) =>
      updateThresholds(w.office, { yellowLagPoints: 10, redLagPoints: 30, milestoneRedDays: 30, version, ...values });
    await settings(1, { signalCopySimilarity: 100, signalFrozenMonths: 2, signalCloseOutFloor: 60 });
    expect(await open(w.committee.id)).toEqual([]);
    await settings(2, { signalCopySimilarity: 90 });
    expect((await open(w.committee.id)).map((signal) => signal.id)).toEqual([copy!.id]);

    const errors = (
      (await failure(settings(3, { signalCopySimilarity: 49, signalFrozenMonths: 0, signalCloseOutFloor: 101 }))) as ValidationError
    ).fieldErrors;
    expect(errors).toEqual({
      signalCopySimilarity: ["validation.tooSmall"],
      signalFrozenMonths: ["validation.tooSmall"],
      signalCloseOutFloor: ["validation.tooBig"],
    });
    const saved = await db.committeeSettings.findUniqueOrThrow({ where: { committeeId: w.committee.id } });
    expect(saved).toMatchObject({ signalCopySimilarity: 90, signalFrozenMonths: 2, signalCloseOutFloor: 60, version: 3 });
  });
});

describe("dismissal", () => {
  async function copied(w: World) {
    await fileAndApprove(w, w.task.id, "2026-09", TEXT_A, 30);
    const report = await file(w, w.task.id, "2026-10", TEXT_A, 40);
    const signal = await db.signal.findFirstOrThrow({ where: { committeeId: w.committee.id, kind: "COPIED_REPORT" } });
    return { report, signal };
  }

  it("is audited with its reason, readable in both languages, and survives every refresh", async () => {
    const w = await setup();
    const { report, signal } = await copied(w);
    const mark = await auditMark();
    const reason = "经核实，该单位本月工作确与上月相同（等待省级批复），已电话提醒如实填报。";
    expect(await dismissSignal(w.office, { id: signal.id, version: signal.version, reason })).toEqual({ id: signal.id, version: 2 });
    const audit = await auditSince(mark);
    expect(audit.map((row) => [row.event, row.result, row.targetType, row.targetId])).toEqual([
      ["signal.dismiss", "SUCCESS", "Signal", signal.id],
    ]);
    expect(audit[0]!.changes).toMatchObject({ dismissReason: [null, reason] });
    expect(audit[0]!.actorName).toBe("改革办核查员");

    const names = await resolveNames([w.committee.id], [signal.id]);
    const zh = readableAuditRow(readerFor("zh-CN", messagesFor("zh-CN"), names), {
      ...audit[0]!,
      changes: [{ field: "dismissReason", from: null, to: reason }],
    });
    expect(zh).toMatchObject({ event: "排除形式主义预警", targetType: "形式主义预警", detail: "月报雷同，任务 2026-测-001，2026年10月" });
    expect(zh.target).toBe("月报雷同：2026-测-001 改革任务2026-测-001 2026年10月");
    expect(zh.changes).toEqual([{ field: "dismissReason", label: "排除理由", from: null, to: reason, notes: [] }]);
    const en = readableAuditRow(readerFor("en", messagesFor("en"), names), {
      ...audit[0]!,
      changes: [{ field: "dismissReason", from: null, to: reason }],
    });
    expect(en).toMatchObject({
      event: "Formalism signal dismissed",
      targetType: "Formalism signal",
      detail: "Copied report, task 2026-测-001, October 2026",
    });
    expect(en.changes[0]!.label).toBe("Reason for dismissal");

    // dismissed signals never come back: not by a refresh, nor by the next write on the task
    expect(await runSignalRefresh(db, { committeeId: w.committee.id }, NOW)).toEqual({ inserted: 0, updated: 0, removed: 0 });
    await approveReport(w.office, { id: report.id, version: report.version, comment: null });
    expect(await open(w.committee.id)).toEqual([]);
    expect(await db.signal.findUniqueOrThrow({ where: { id: signal.id } })).toMatchObject({
      dismissedById: w.officeUser.id,
      dismissReason: reason,
      version: 2,
    });
    // the list shows it among the dismissed, with who and why; the review dialog too
    const dismissed = await listSignals(w.office, { ...DEFAULT_SIGNAL_PARAMS, state: "dismissed" });
    expect(dismissed.rows.map((row) => [row.id, row.dismissed?.by, row.dismissed?.reason])).toEqual([[signal.id, "改革办核查员", reason]]);
    const panel = await reportSignals(w.office, report.id);
    expect(
      panel.signals.map((row) => [row.kind, row.dismissed?.reason, row.texts?.previous.progress, row.texts?.current.progress]),
    ).toEqual([["COPIED_REPORT", reason, TEXT_A, TEXT_A]]);
    expect((await signalCounts(w.office))!.total).toBe(0);
  });

  it("needs a reason; a stale or repeated dismissal is a conflict, recorded as such", async () => {
    const w = await setup();
    const { signal } = await copied(w);
    const blank = (await failure(dismissSignal(w.office, { id: signal.id, version: 1, reason: "  " }))) as ValidationError;
    expect(blank).toBeInstanceOf(ValidationError);
    expect(blank.fieldErrors).toEqual({ reason: ["signals.validation.reasonRequired"] });
    const long = (await failure(dismissSignal(w.office, { id: signal.id, version: 1, reason: "理".repeat(501) }))) as ValidationError;
    expect(long.fieldErrors).toEqual({ reason: ["validation.tooBig"] });
    expect((await db.signal.findUniqueOrThrow({ where: { id: signal.id } })).dismissedAt).toBeNull();

    await dismissSignal(w.office, { id: signal.id, version: 1, reason: "已核实" });
    const mark = await auditMark();
    expect(await failure(dismissSignal(w.office, { id: signal.id, version: 1, reason: "再次排除" }))).toBeInstanceOf(ConflictError);
    expect(await failure(dismissSignal(w.office, { id: signal.id, version: 2, reason: "再次排除" }))).toBeInstanceOf(ConflictError);
    expect((await auditSince(mark)).map((row) => [row.event, row.result])).toEqual([
      ["signal.dismiss", "CONFLICT"],
      ["signal.dismiss", "CONFLICT"],
    ]);
    expect((await db.signal.findUniqueOrThrow({ where: { id: signal.id } })).dismissReason).toBe("已核实");
  });
});

describe("who may see and dismiss signals", () => {
  it("a unit's reporter and a leader may neither list nor dismiss; each refusal is audited and nothing changes", async () => {
    const w = await setup();
    await fileAndApprove(w, w.task.id, "2026-09", TEXT_A, 30);
    await file(w, w.task.id, "2026-10", TEXT_A, 40);
    const signal = await db.signal.findFirstOrThrow({ where: { committeeId: w.committee.id } });
    for (const [who, actor] of [
      ["reporter", w.reporter],
      ["leader", w.leader],
    ] as [string, Actor][]) {
      const mark = await auditMark();
      expect(await failure(listSignals(actor, DEFAULT_SIGNAL_PARAMS)), who).toBeInstanceOf(ForbiddenError);
      expect(await failure(dismissSignal(actor, { id: signal.id, version: 1, reason: "不是形式主义" })), who).toBeInstanceOf(
        ForbiddenError,
      );
      const audit = await auditSince(mark);
      expect(
        audit.map((row) => [row.event, row.result, row.actorId]),
        who,
      ).toEqual([
        ["signal.list", "DENIED", actor.userId],
        ["signal.dismiss", "DENIED", actor.userId],
      ]);
      // nor do they see counts, the review panel's signals or the ledger's filter
      expect(await signalCounts(actor)).toBeNull();
      expect((await reportSignals(actor, signal.reportId!)).signals).toEqual([]);
      const ledger = await listLedger(actor, { ...DEFAULT_LEDGER_PARAMS, year: 2026, signal: "ANY" });
      expect(ledger.signalFilter).toBe(false);
    }
    expect(await db.signal.findUniqueOrThrow({ where: { id: signal.id } })).toMatchObject({ dismissedAt: null, version: 1 });

    // another committee's office does not find it
    const otherCommittee = await createCommittee();
    const outsider = await actorFor((await createUser(otherCommittee.id, { role: "OFFICE" })).id);
    expect((await listSignals(outsider, DEFAULT_SIGNAL_PARAMS)).rows).toEqual([]);
    expect(await failure(dismissSignal(outsider, { id: signal.id, version: 1, reason: "越权排除" }))).toMatchObject({ status: 404 });

    // the ledger's filter, for the office: exactly the tasks with an open signal
    const ledger = await listLedger(w.office, { ...DEFAULT_LEDGER_PARAMS, year: 2026, signal: "ANY" });
    expect(ledger.rows.map((row) => row.code)).toEqual(["2026-测-001"]);
    expect((await listLedger(w.office, { ...DEFAULT_LEDGER_PARAMS, year: 2026, signal: "LOW_CLOSEOUT" })).rows).toEqual([]);
  });

  it("through the API: the office lists and dismisses; a reporter is refused with 403, audited", async () => {
    const w = await setup();
    await fileAndApprove(w, w.task.id, "2026-09", TEXT_A, 30);
    await file(w, w.task.id, "2026-10", TEXT_A, 40);
    const tokenOf = async (username: string) =>
      (await callApi<{ token: string }>(openSessionEndpoint, { body: { username, password: TEST_PASSWORD } })).body.token;
    const officeToken = await tokenOf(w.officeUser.username);
    const reporterToken = await tokenOf(w.reporterUser.username);

    const list = await callApi<{ items: { id: string; kind: string; task: { code: string } }[]; total: number }>(listSignalsEndpoint, {
      token: officeToken,
      query: { kind: "COPIED_REPORT" },
    });
    expect(list.status).toBe(200);
    listSignalsEndpoint.response.parse(list.body);
    expect(list.body.items.map((item) => [item.kind, item.task.code])).toEqual([["COPIED_REPORT", "2026-测-001"]]);
    const id = list.body.items[0]!.id;
    expect((await callApi(listSignalsEndpoint, { token: officeToken, query: { kind: "NOPE" } })).status).toBe(422);

    const mark = await auditMark();
    expect((await callApi(listSignalsEndpoint, { token: reporterToken })).status).toBe(403);
    expect((await callApi(dismissSignalEndpoint, { token: reporterToken, params: { id }, body: { reason: "不是形式主义" } })).status).toBe(
      403,
    );
    expect((await callApi(listTasksEndpoint, { token: reporterToken, query: { signal: "ANY" } })).status).toBe(403);
    expect((await auditSince(mark)).map((row) => [row.event, row.result])).toEqual([
      ["signal.list", "DENIED"],
      ["signal.dismiss", "DENIED"],
    ]);

    const tasks = await callApi<{ items: { code: string }[] }>(listTasksEndpoint, {
      token: officeToken,
      query: { signal: "COPIED_REPORT" },
    });
    expect(tasks.body.items.map((item) => item.code)).toEqual(["2026-测-001"]);

    expect((await callApi(dismissSignalEndpoint, { token: officeToken, params: { id }, body: { reason: " " } })).status).toBe(422);
    const done = await callApi<{ dismissReason: string; dismissedBy: string }>(dismissSignalEndpoint, {
      token: officeToken,
      params: { id },
      body: { reason: "经核实属实际情况" },
    });
    expect(done.status).toBe(200);
    dismissSignalEndpoint.response.parse(done.body);
    expect(done.body).toMatchObject({ dismissReason: "经核实属实际情况", dismissedBy: "改革办核查员" });
    expect(
      (await callApi(dismissSignalEndpoint, { token: officeToken, params: { id }, body: { reason: "再次", version: 1 } })).status,
    ).toBe(409);
    expect(
      (
        await callApi(dismissSignalEndpoint, {
          token: officeToken,
          params: { id: "cnotasignal000000000000000" },
          body: { reason: "不存在" },
        })
      ).status,
    ).toBe(404);
  });
});

describe("the daily refresh", () => {
  it("refreshes each committee once a Beijing day, finding what no write brought up", async () => {
    const w = await setup();
    await fileAndApprove(w, w.task.id, "2026-09", TEXT_A, 30);
    await file(w, w.task.id, "2026-10", TEXT_A, 40);
    // a signal lost (say, by a failed write elsewhere): the day's run puts it back
    await db.signal.deleteMany({ where: { committeeId: w.committee.id } });
    const committees = await db.committee.count();
    expect(await signalsTick(NOW)).toBe(committees);
    expect(await signalsTick(new Date(NOW.getTime() + 3600_000))).toBe(0);
    expect(await open(w.committee.id)).toHaveLength(1);
    expect(
      await db.signalRefresh.findUniqueOrThrow({
        where: { committeeId_day: { committeeId: w.committee.id, day: new Date("2026-11-22") } },
      }),
    ).toMatchObject({
      inserted: 1,
      updated: 0,
      removed: 0,
    });
    // the next Beijing day runs again
    expect(await signalsTick(new Date("2026-11-22T16:30:00Z"))).toBe(committees);
  });
});
