// 计划调整 against the real database: once a plan is issued, a task's controlled fields change only
// through a change request; an approval changes the planned progress and the light from its day
// on (earlier days replay the old baseline, in SQL and in JavaScript alike); a rejection changes
// nothing; direct edits are refused by the form's service and the API with a message naming the
// change-request route; refusals and races answer 403/404/409/422, never 500, and are audited.
import { afterEach, describe, expect, it } from "vitest";
import { getChangeEndpoint, listChangesEndpoint, requestChangeEndpoint, decideChangeEndpoint } from "@/lib/api/endpoints/changes";
import { openSessionEndpoint } from "@/lib/api/endpoints/session";
import { updateTaskEndpoint } from "@/lib/api/endpoints/tasks";
import { CHANGE_REQUEST } from "@/lib/attachments/scopes";
import { changesOfTask, listChanges } from "@/lib/changes/queries";
import { CONTROLLED_MESSAGE } from "@/lib/changes/schemas";
import { decideChange, endorseChange, requestChange } from "@/lib/changes/service";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/prisma";
import { createTranslator, messagesFor } from "@/lib/i18n/translate";
import { ledgerSql, lightsSql, type LedgerSqlResult } from "@/lib/ledger/light-sql";
import { getTask } from "@/lib/ledger/queries";
import { parseDay } from "@/lib/ledger/schemas";
import { issuePlan, updatePlan } from "@/lib/plans/service";
import { approveReport, fileReport } from "@/lib/reports/progress-service";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { taskLight, type Light } from "@/lib/tasks/rules";
import { createTask, updateTask } from "@/lib/tasks/service";
import { createCommittee, createGroup, createUnit, createUser, TEST_PASSWORD } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";
import { callApi } from "@/tests/support/api";
import { jsFacts, loadTasks } from "@/tests/support/lights";
import { pdfOf, uploadFor, MB } from "@/tests/support/uploads";

const pin = (instant: string) => (process.env.APP_NOW = instant);
afterEach(() => {
  delete process.env.APP_NOW;
});

async function auditMark() {
  return (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
}
const auditSince = (mark: bigint) => db.auditEvent.findMany({ where: { id: { gt: mark } }, orderBy: { id: "asc" } });

async function settle<T>(promise: Promise<T>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

let n = 0;
/** A county with an issued plan and one task due 30 June, 30 % done by an approved April report. */
async function world() {
  n++;
  pin("2026-05-06T02:00:00.000Z");
  const committee = await createCommittee({ name: `青湖县${n}` });
  const group = await createGroup(committee.id, { name: "经济体制改革专项小组", shortName: `经${n}` });
  const lead = await createUnit(committee.id, { name: `县发展和改革局${n}` });
  const helper = await createUnit(committee.id, { name: `县财政局${n}` });
  const other = await createUnit(committee.id, { name: `县农业农村局${n}` });
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年全面深化改革工作要点" } });
  const officeUser = await createUser(committee.id, { role: "OFFICE", name: "改革办甲" });
  const office = await actorFor(officeUser.id);
  const office2 = await actorFor((await createUser(committee.id, { role: "OFFICE", name: "改革办乙" })).id);
  const reporterUser = await createUser(committee.id, { role: "UNIT_REPORTER", unitId: lead.id, name: "牵头单位填报员" });
  const reporter = await actorFor(reporterUser.id);
  const otherReporter = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: other.id })).id);
  const leaderUser = await createUser(committee.id, { role: "LEADER", name: "王副县长" });
  await db.user.update({ where: { id: leaderUser.id }, data: { isLeader: true, leaderTitle: "副县长" } });
  const leader = await actorFor(leaderUser.id);
  const secondLeaderUser = await createUser(committee.id, { role: "LEADER", name: "李副县长" });
  await db.user.update({ where: { id: secondLeaderUser.id }, data: { isLeader: true } });
  const secondLeader = await actorFor(secondLeaderUser.id);
  const input = {
    planId: plan.id,
    groupId: group.id,
    title: `深化投资项目审批制度改革${n}`,
    goal: "项目审批时间压减一半",
    leadUnitId: lead.id,
    cooperatingUnitIds: [helper.id],
    leaderId: leaderUser.id,
    isKey: true,
    source: "SELF",
    startDate: "2026-01-01",
    dueDate: "2026-06-30",
    milestones: [
      { title: "出台方案", plannedDate: "2026-03-31", plannedPercent: 30 },
      { title: "全面推开", plannedDate: "2026-06-30", plannedPercent: 100 },
    ],
  };
  const { id: taskId } = await createTask(office, input);
  const filed = (await fileReport(reporter, {
    taskId,
    period: "2026-04",
    progress: "方案已印发，正在组织试点。",
    percent: 30,
    submit: true,
  })) as {
    report: { id: string; version: number };
  };
  await approveReport(office, { id: filed.report.id, version: filed.report.version, comment: null });
  const issue = async () => {
    const saved = await db.workPlan.findUniqueOrThrow({ where: { id: plan.id } });
    await issuePlan(office, {
      id: plan.id,
      docNumber: "青改〔2026〕1号",
      issuedOn: "2026-02-20",
      expectedUpdatedAt: saved.updatedAt.toISOString(),
    });
  };
  return {
    committee,
    group,
    lead,
    helper,
    other,
    plan,
    office,
    office2,
    reporter,
    reporterUser,
    otherReporter,
    leader,
    leaderUser,
    secondLeader,
    officeUser,
    taskId,
    input,
    issue,
  };
}

type World = Awaited<ReturnType<typeof world>>;

async function formOf(w: World) {
  const task = await db.reformTask.findUniqueOrThrow({ where: { id: w.taskId }, select: { version: true } });
  return { ...w.input, id: w.taskId, version: task.version };
}

/** The light of the task on a day, in SQL (the ledger) and in JavaScript (independently, tests/support/lights.ts). */
async function lightsOn(w: World, day: string) {
  const [sql] = await db.$queryRaw<{ id: string; planned: number; actual: number; light: Light; dueDate: Date; adjustments: number }[]>(
    lightsSql({ scope: Prisma.sql`t."committeeId" = ${w.committee.id}`, year: 2026, asOf: day }),
  );
  const task = (await loadTasks()).find((candidate) => candidate.id === w.taskId)!;
  const asOf = parseDay(day)!;
  const js = taskLight(jsFacts(task, asOf), asOf, task.committee.settings ?? undefined);
  expect({ light: sql!.light, planned: sql!.planned }).toEqual({ light: js.light, planned: js.planned });
  return { ...sql!, dueDate: sql!.dueDate.toISOString().slice(0, 10), reasons: js.reasons };
}

const dueDateRequest = (w: World, extra: Record<string, unknown> = {}) => ({
  taskId: w.taskId,
  reason: "省级配套政策延后出台，申请将完成时限顺延至年底。",
  dueDate: "2026-12-31",
  milestones: [
    { title: "出台方案", plannedDate: "2026-03-31", plannedPercent: 30 },
    { title: "全面推开", plannedDate: "2026-12-31", plannedPercent: 100 },
  ],
  ...extra,
});

describe("an issued plan's controlled fields", () => {
  it("are edited freely in a draft plan, refused once the plan is issued — by the form's service and the API alike, naming the change-request route", async () => {
    const w = await world();
    // a draft plan: the office moves the due date directly
    await updateTask(w.office, { ...(await formOf(w)), goal: "项目审批时间压减一半以上" });
    w.input.goal = "项目审批时间压减一半以上";
    await w.issue();
    expect((await db.workPlan.findUniqueOrThrow({ where: { id: w.plan.id } })).status).toBe("ISSUED");

    const refused = await settle(updateTask(w.office, { ...(await formOf(w)), dueDate: "2026-12-31", isKey: false }));
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors).toEqual({ dueDate: [CONTROLLED_MESSAGE], isKey: [CONTROLLED_MESSAGE] });
    const t = createTranslator(messagesFor("zh-CN"));
    expect(t(CONTROLLED_MESSAGE)).toContain("POST /api/v1/tasks/{id}/change-requests");
    expect(t(CONTROLLED_MESSAGE)).toContain("申请调整");
    // what is not controlled stays editable
    await updateTask(w.office, { ...(await formOf(w)), title: `${w.input.title}（修订）` });

    const session = await callApi<{ token: string }>(openSessionEndpoint, {
      body: { username: (await db.user.findUniqueOrThrow({ where: { id: w.officeUser.id } })).username, password: TEST_PASSWORD },
    });
    const patch = await callApi<{ error: { code: string; fields: Record<string, string> } }>(updateTaskEndpoint, {
      token: session.body.token,
      params: { id: w.taskId },
      body: { dueDate: "2026-12-31", version: (await formOf(w)).version },
      headers: { "accept-language": "zh-CN" },
    });
    expect(patch.status).toBe(422);
    expect(patch.body.error.fields.dueDate).toContain("/api/v1/tasks/{id}/change-requests");
    const saved = await db.reformTask.findUniqueOrThrow({ where: { id: w.taskId } });
    expect(saved.dueDate.toISOString().slice(0, 10)).toBe("2026-06-30");
    expect(saved.isKey).toBe(true);
  });

  it("keep the 文号 and date of an issued plan, and a plan is issued once", async () => {
    const w = await world();
    await w.issue();
    const saved = await db.workPlan.findUniqueOrThrow({ where: { id: w.plan.id } });
    const again = await settle(
      issuePlan(w.office, { id: w.plan.id, docNumber: "x", issuedOn: "2026-02-21", expectedUpdatedAt: saved.updatedAt.toISOString() }),
    );
    expect((again as ValidationError).fieldErrors).toEqual({ _form: ["plans.validation.alreadyIssued"] });
    const cleared = await settle(
      updatePlan(w.office, {
        id: w.plan.id,
        title: saved.title,
        docNumber: "",
        issuedOn: "",
        expectedUpdatedAt: saved.updatedAt.toISOString(),
      }),
    );
    expect(Object.keys((cleared as ValidationError).fieldErrors).sort()).toEqual(["docNumber", "issuedOn"]);
    expect(
      await settle(
        issuePlan(w.reporter, { id: w.plan.id, docNumber: "x", issuedOn: "2026-02-21", expectedUpdatedAt: saved.updatedAt.toISOString() }),
      ),
    ).toBeInstanceOf(ForbiddenError);
  });
});

describe("a change request approved on day D", () => {
  it("changes the planned progress and the light from D on only; days before D keep the old baseline, SQL and JavaScript agreeing", async () => {
    const w = await world();
    await w.issue();
    // 10 July: the task is past its due date at 30 % — red, overdue
    pin("2026-07-10T02:00:00.000Z");
    expect(await lightsOn(w, "2026-07-10")).toMatchObject({ light: "RED", planned: 100, dueDate: "2026-06-30", adjustments: 0 });
    const mark = await auditMark();
    const { id } = await requestChange(w.reporter, dueDateRequest(w));
    // pending: nothing changes yet
    expect(await lightsOn(w, "2026-07-10")).toMatchObject({ light: "RED", planned: 100 });
    expect((await db.reformTask.findUniqueOrThrow({ where: { id: w.taskId } })).dueDate.toISOString().slice(0, 10)).toBe("2026-06-30");
    const filed = await db.changeRequest.findUniqueOrThrow({ where: { id } });
    expect(filed).toMatchObject({ status: "PENDING", unitId: w.lead.id, requestedById: w.reporterUser.id });
    expect(filed.changes).toMatchObject({ dueDate: ["2026-06-30", "2026-12-31"] });
    // the office is told
    expect(await db.notification.count({ where: { userId: w.officeUser.id, kind: "CHANGE_REQUESTED" } })).toBe(1);

    // approved on 15 July, 15:00 Beijing time
    pin("2026-07-15T07:00:00.000Z");
    await decideChange(w.office2, { id, version: filed.version, decision: "approve", comment: "同意顺延。" });
    const task = await db.reformTask.findUniqueOrThrow({
      where: { id: w.taskId },
      include: { milestones: { orderBy: { sortOrder: "asc" } } },
    });
    expect(task.dueDate.toISOString().slice(0, 10)).toBe("2026-12-31");
    expect(task.milestones.map((m) => m.plannedDate.toISOString().slice(0, 10))).toEqual(["2026-03-31", "2026-12-31"]);

    // the day before D: the old baseline (due 30 June, red); from D: the new one (30 % planned, green)
    expect(await lightsOn(w, "2026-07-14")).toMatchObject({ light: "RED", planned: 100, dueDate: "2026-06-30", adjustments: 0 });
    expect((await lightsOn(w, "2026-07-14")).reasons).toContain("overdue");
    // from D: no longer overdue; what is left is June's missing report (yellow), on the new baseline's 30 %
    expect(await lightsOn(w, "2026-07-15")).toMatchObject({ light: "YELLOW", planned: 30, lag: 0, dueDate: "2026-12-31", adjustments: 1 });
    expect((await lightsOn(w, "2026-07-15")).reasons).toEqual(["reportMissing"]);
    expect(await lightsOn(w, "2026-05-31")).toMatchObject({ planned: 30, dueDate: "2026-06-30" });
    // the task page (JavaScript) says the same for today
    expect((await getTask(w.office, w.taskId)).light).toMatchObject({ light: "YELLOW", planned: 30, reasons: ["reportMissing"] });

    // the ledger marks it (调整 1 次) and finds it by the filter
    const [ledger] = await db.$queryRaw<LedgerSqlResult[]>(
      ledgerSql({
        scope: Prisma.sql`t."committeeId" = ${w.committee.id}`,
        year: 2026,
        asOf: "2026-07-15",
        adjusted: true,
        sort: "code",
        dir: "asc",
        limit: 20,
        offset: 0,
      }),
    );
    expect(ledger!.rows.map((row) => [row.id, row.adjustments])).toEqual([[w.taskId, 1]]);
    const [before] = await db.$queryRaw<LedgerSqlResult[]>(
      ledgerSql({
        scope: Prisma.sql`t."committeeId" = ${w.committee.id}`,
        year: 2026,
        asOf: "2026-07-14",
        adjusted: true,
        sort: "code",
        dir: "asc",
        limit: 20,
        offset: 0,
      }),
    );
    expect(before!.total).toBe(0);

    // the task's history says it was a plan change, with its reason; the audit has each step
    const record = await db.changeRecord.findFirstOrThrow({ where: { entityId: w.taskId }, orderBy: { createdAt: "desc" } });
    expect(record.reason).toBe("plan-change:省级配套政策延后出台，申请将完成时限顺延至年底。");
    expect(record.changes).toMatchObject({ dueDate: ["2026-06-30", "2026-12-31"] });
    const audit = await auditSince(mark);
    expect(audit.filter((row) => row.event.startsWith("change.")).map((row) => [row.event, row.result])).toEqual([
      ["change.request", "SUCCESS"],
      ["change.decide", "SUCCESS"],
    ]);
    // the requester and the lead unit hear of it
    expect(await db.notification.count({ where: { userId: w.reporterUser.id, kind: "CHANGE_DECIDED" } })).toBe(1);
  });

  it("rejected, changes nothing: not the task, not the light of any day", async () => {
    const w = await world();
    await w.issue();
    pin("2026-07-10T02:00:00.000Z");
    const { id } = await requestChange(w.office, dueDateRequest(w));
    const filed = await db.changeRequest.findUniqueOrThrow({ where: { id } });
    const bare = await settle(decideChange(w.office2, { id, version: filed.version, decision: "reject", comment: "" }));
    expect((bare as ValidationError).fieldErrors).toEqual({ comment: ["changes.validation.rejectReason"] });
    pin("2026-07-15T07:00:00.000Z");
    await decideChange(w.office2, { id, version: filed.version, decision: "reject", comment: "理由不充分，请补充省级文件。" });
    expect(await db.changeRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "REJECTED", baselineBefore: null });
    expect((await db.reformTask.findUniqueOrThrow({ where: { id: w.taskId } })).dueDate.toISOString().slice(0, 10)).toBe("2026-06-30");
    for (const day of ["2026-07-14", "2026-07-15"])
      expect(await lightsOn(w, day)).toMatchObject({ light: "RED", planned: 100, adjustments: 0 });
    // a new request may be filed after the rejection
    await requestChange(w.office, dueDateRequest(w, { reason: "补充了省级文件，重新申请。" }));
  });

  it("on a key task, when the committee asks it, needs the linked leader's consent after the office's — no one else's", async () => {
    const w = await world();
    await w.issue();
    await db.committeeSettings.upsert({
      where: { committeeId: w.committee.id },
      create: { committeeId: w.committee.id, keyChangesNeedLeader: true },
      update: { keyChangesNeedLeader: true },
    });
    pin("2026-07-10T02:00:00.000Z");
    const { id } = await requestChange(w.reporter, dueDateRequest(w));
    let request = await db.changeRequest.findUniqueOrThrow({ where: { id } });
    await decideChange(w.office, { id, version: request.version, decision: "approve", comment: null });
    request = await db.changeRequest.findUniqueOrThrow({ where: { id } });
    expect(request.status).toBe("LEADER_PENDING");
    expect((await db.reformTask.findUniqueOrThrow({ where: { id: w.taskId } })).dueDate.toISOString().slice(0, 10)).toBe("2026-06-30");
    expect(await db.notification.count({ where: { userId: w.leaderUser.id, kind: "CHANGE_REQUESTED" } })).toBe(1);
    // the office cannot decide twice; another leader cannot consent; the reporter cannot at all
    expect(await settle(decideChange(w.office2, { id, version: request.version, decision: "approve", comment: null }))).toBeInstanceOf(
      ConflictError,
    );
    expect(
      (
        (await settle(
          endorseChange(w.secondLeader, { id, version: request.version, decision: "approve", comment: null }),
        )) as ValidationError
      ).fieldErrors,
    ).toEqual({ _form: ["changes.validation.notTheLeader"] });
    expect(await settle(endorseChange(w.reporter, { id, version: request.version, decision: "approve", comment: null }))).toBeInstanceOf(
      ForbiddenError,
    );
    pin("2026-07-16T02:00:00.000Z");
    await endorseChange(w.leader, { id, version: request.version, decision: "approve", comment: "同意。" });
    expect(await db.changeRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "APPROVED", decidedByName: "王副县长" });
    expect(await lightsOn(w, "2026-07-15")).toMatchObject({ light: "RED" });
    // no longer overdue: what is left is June's missing report (yellow), on the new baseline's 30 %
    expect(await lightsOn(w, "2026-07-16")).toMatchObject({ light: "YELLOW", planned: 30, lag: 0, reasons: ["reportMissing"] });
  });
});

describe("who may ask and who decides", () => {
  it("lets the lead unit and the office ask, not another unit; only the office decides; each refusal is audited", async () => {
    const w = await world();
    await w.issue();
    pin("2026-07-10T02:00:00.000Z");
    const mark = await auditMark();
    // another unit does not even see the task (404); a leader sees it but may not ask (403)
    expect(await settle(requestChange(w.otherReporter, dueDateRequest(w)))).toBeInstanceOf(NotFoundError);
    expect(await settle(requestChange(w.leader, dueDateRequest(w)))).toBeInstanceOf(ForbiddenError);
    const { id } = await requestChange(w.reporter, dueDateRequest(w));
    const version = (await db.changeRequest.findUniqueOrThrow({ where: { id } })).version;
    expect(await settle(decideChange(w.reporter, { id, version, decision: "approve", comment: null }))).toBeInstanceOf(ForbiddenError);
    expect(await settle(decideChange(w.leader, { id, version, decision: "approve", comment: null }))).toBeInstanceOf(ForbiddenError);
    // another committee's office sees no such request
    const stranger = await actorFor((await createUser((await createCommittee()).id, { role: "OFFICE" })).id);
    expect(await settle(decideChange(stranger, { id, version, decision: "approve", comment: null }))).toBeInstanceOf(NotFoundError);
    const refused = (await auditSince(mark)).filter((row) => row.result === "DENIED").map((row) => row.event);
    expect(refused).toEqual(["change.request", "change.request", "change.decide", "change.decide", "change.decide"]);
    // a second request while one is open is refused with a message, not filed
    expect(((await settle(requestChange(w.office, dueDateRequest(w)))) as ValidationError).fieldErrors).toEqual({
      _form: ["changes.validation.alreadyOpen"],
    });
  });

  it("refuses a request in a draft plan, one that changes nothing, and one whose fields break the task's rules — field by field", async () => {
    const w = await world();
    pin("2026-07-10T02:00:00.000Z");
    expect(((await settle(requestChange(w.office, dueDateRequest(w)))) as ValidationError).fieldErrors).toEqual({
      _form: ["changes.validation.planDraft"],
    });
    await w.issue();
    expect(
      ((await settle(requestChange(w.office, { taskId: w.taskId, reason: "无", dueDate: "2026-06-30" }))) as ValidationError).fieldErrors,
    ).toEqual({
      _form: ["changes.validation.nothingChanged"],
    });
    const broken = (await settle(
      requestChange(w.office, { taskId: w.taskId, reason: "", dueDate: "2025-12-31", cooperatingUnitIds: [w.lead.id] }),
    )) as ValidationError;
    expect(Object.keys(broken.fieldErrors).sort()).toEqual(["reason"]);
    const shape = (await settle(
      requestChange(w.office, { taskId: w.taskId, reason: "调整", dueDate: "2025-12-31", cooperatingUnitIds: [w.lead.id] }),
    )) as ValidationError;
    expect(shape.fieldErrors.dueDate).toEqual(["tasks.validation.dueBeforeStart"]);
    expect(shape.fieldErrors.cooperatingUnitIds).toEqual(["tasks.validation.leadIsCooperating"]);
    expect(await db.changeRequest.count({ where: { taskId: w.taskId } })).toBe(0);
  });
});

describe("two office staff at once", () => {
  it("deciding the same request: one decision wins, the other is told (409), the task changes once", async () => {
    const w = await world();
    await w.issue();
    pin("2026-07-10T02:00:00.000Z");
    const { id } = await requestChange(w.reporter, dueDateRequest(w));
    const version = (await db.changeRequest.findUniqueOrThrow({ where: { id } })).version;
    const outcomes = await Promise.all([
      settle(decideChange(w.office, { id, version, decision: "approve", comment: null })),
      settle(decideChange(w.office2, { id, version, decision: "reject", comment: "不同意" })),
    ]);
    expect(outcomes.filter((outcome) => outcome === null)).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome !== null)).toBeInstanceOf(ConflictError);
    const task = await db.reformTask.findUniqueOrThrow({ where: { id: w.taskId } });
    const request = await db.changeRequest.findUniqueOrThrow({ where: { id } });
    expect(task.dueDate.toISOString().slice(0, 10)).toBe(request.status === "APPROVED" ? "2026-12-31" : "2026-06-30");
  });

  it("filing for the same task: one request is filed, the other refused with a message", async () => {
    const w = await world();
    await w.issue();
    pin("2026-07-10T02:00:00.000Z");
    const outcomes = await Promise.all([
      settle(requestChange(w.office, dueDateRequest(w))),
      settle(requestChange(w.reporter, dueDateRequest(w))),
    ]);
    expect(outcomes.filter((outcome) => outcome === null)).toHaveLength(1);
    expect((outcomes.find((outcome) => outcome !== null) as ValidationError).fieldErrors).toEqual({
      _form: ["changes.validation.alreadyOpen"],
    });
    expect(await db.changeRequest.count({ where: { taskId: w.taskId } })).toBe(1);
  });
});

describe("the approving document", () => {
  it("uploaded beforehand (a 6 MB scanned PDF), moves onto the request and is listed with it", async () => {
    const w = await world();
    await w.issue();
    pin("2026-07-10T02:00:00.000Z");
    const file = await uploadFor(w.reporter, { for: "change", taskId: w.taskId }, { name: "县政府专题会议纪要.pdf", bytes: pdfOf(6 * MB) });
    // another unit cannot add files to this task's request: it does not see the task
    const foreign = uploadFor(w.otherReporter, { for: "change", taskId: w.taskId }, { name: "x.pdf", bytes: pdfOf(1 * MB) });
    expect(await settle(foreign)).toBeInstanceOf(NotFoundError);
    const { id } = await requestChange(w.reporter, dueDateRequest(w, { attachmentIds: [file.id] }));
    expect(await db.attachment.findUniqueOrThrow({ where: { id: file.id } })).toMatchObject({ entityType: CHANGE_REQUEST, entityId: id });
    const changes = await changesOfTask(w.office, w.taskId);
    expect(changes.items[0]!.files.map((f) => [f.fileName, f.size])).toEqual([["县政府专题会议纪要.pdf", 6 * MB]]);
    expect(changes.items[0]!.canDecide).toBe(true);
    expect((await changesOfTask(w.reporter, w.taskId)).items[0]!.canDecide).toBe(false);
  });
});

describe("the API", () => {
  it("files a request for the lead unit, lists and reads it in scope only, and takes the office's decision", async () => {
    const w = await world();
    await w.issue();
    pin("2026-07-10T02:00:00.000Z");
    const token = async (userId: string) => {
      const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
      return (await callApi<{ token: string }>(openSessionEndpoint, { body: { username: user.username, password: TEST_PASSWORD } })).body
        .token;
    };
    const reporterToken = await token(w.reporterUser.id);
    const { taskId: _taskId, ...body } = dueDateRequest(w);
    const filed = await callApi<{ id: string; status: string; changes: { label: string; from: string; to: string }[] }>(
      requestChangeEndpoint,
      {
        token: reporterToken,
        params: { id: w.taskId },
        body,
      },
    );
    expect(filed.status).toBe(201);
    expect(filed.body.status).toBe("PENDING");
    expect(filed.body.changes).toContainEqual({ field: "dueDate", label: "完成时限", from: "2026年6月30日", to: "2026年12月31日" });
    requestChangeEndpoint.response.parse(filed.body);

    const otherUser = await createUser(w.committee.id, { role: "UNIT_REPORTER", unitId: w.other.id });
    const otherToken = await token(otherUser.id);
    expect((await callApi(getChangeEndpoint, { token: otherToken, params: { id: filed.body.id } })).status).toBe(404);
    const otherList = await callApi<{ total: number }>(listChangesEndpoint, { token: otherToken, query: { year: "2026" } });
    expect(otherList.body.total).toBe(0);
    expect(
      (await callApi(decideChangeEndpoint, { token: reporterToken, params: { id: filed.body.id }, body: { decision: "approve" } })).status,
    ).toBe(403);

    const officeToken = await token(w.officeUser.id);
    const list = await callApi<{ total: number; items: { id: string }[] }>(listChangesEndpoint, {
      token: officeToken,
      query: { status: "PENDING" },
    });
    expect(list.body.items.map((item) => item.id)).toEqual([filed.body.id]);
    const noReason = await callApi<{ error: { fields: Record<string, string> } }>(decideChangeEndpoint, {
      token: officeToken,
      params: { id: filed.body.id },
      body: { decision: "reject" },
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.fields.comment).toBeTruthy();
    const approved = await callApi<{ status: string; decidedBy: string }>(decideChangeEndpoint, {
      token: officeToken,
      params: { id: filed.body.id },
      body: { decision: "approve", comment: "同意" },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "APPROVED", decidedBy: "改革办甲" });
    const again = await callApi(decideChangeEndpoint, { token: officeToken, params: { id: filed.body.id }, body: { decision: "approve" } });
    expect(again.status).toBe(409);
    // the year's list in scope, as the 调整情况 page reads it
    expect((await listChanges(w.office, { year: 2026, status: null, page: 1, pageSize: 20 })).counts).toEqual({ APPROVED: 1 });
  });
});
