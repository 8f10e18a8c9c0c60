// 领导批示 and 办理反馈 (issue 16 item 4) on a real PostgreSQL: a leader writes in their own name, the
// office on a leader's behalf (both recorded); the unit addressed answers with evidence; other units
// and roles are refused — reads 404 and audited; two answers at once: one wins, the other 409; a
// closed instruction takes no answer; an overdue answer becomes the office's follow-up once.
import { describe, expect, it } from "vitest";
import { readableAuditRow, readerFor } from "@/lib/audit/readable";
import { resolveNames } from "@/lib/audit/names";
import { detachFromInstruction } from "@/lib/attachments/instruction";
import { getOfficeWorkbench, getOverview, getUnitWorkbench } from "@/lib/dashboard/workbench";
import { getCockpit } from "@/lib/dashboard/cockpit";
import { db } from "@/lib/db/client";
import { messagesFor } from "@/lib/i18n/translate";
import { instructionOverdueTick } from "@/lib/instructions/overdue";
import {
  getInstruction,
  instructionsOfNotice,
  instructionsOfReports,
  instructionsOfTask,
  listInstructions,
  pendingInstructions,
} from "@/lib/instructions/queries";
import { DEFAULT_INSTRUCTION_FILTERS } from "@/lib/instructions/schemas";
import { answerInstruction, closeInstruction, createInstruction, reaskInstruction } from "@/lib/instructions/service";
import {
  answerInstructionEndpoint,
  closeInstructionEndpoint,
  createInstructionEndpoint,
  getInstructionEndpoint,
  listInstructionsEndpoint,
  openSessionEndpoint,
} from "@/lib/api/endpoints";
import type { AnyEndpoint } from "@/lib/api/endpoint";
import { seedDemo } from "@/lib/demo/seed";
import { runJobsOnce } from "@/lib/jobs/scheduler";
import { renderTitle } from "@/lib/notifications/queries";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { createCommittee, createGroup, createUnit, createUser, TEST_PASSWORD } from "@/tests/factories";
import { callApi, type ApiCall } from "@/tests/support/api";
import { actorFor } from "@/tests/support/actor";

process.env.APP_NOW = "2026-11-22T02:00:00.000Z";
const TODAY = "2026-11-22";

async function setup() {
  const committee = await createCommittee();
  const other = await createCommittee();
  const [group, otherGroup] = [await createGroup(committee.id, { shortName: "农村" }), await createGroup(committee.id)];
  const lead = await createUnit(committee.id, { name: "县农业农村局" });
  const helper = await createUnit(committee.id, { name: "县财政局" });
  const outsider = await createUnit(committee.id, { name: "县教育局" });
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年全面深化改革工作要点" } });
  const leaderUser = await createUser(committee.id, { role: "LEADER", name: "钱思远" });
  await db.user.update({ where: { id: leaderUser.id }, data: { isLeader: true, leaderTitle: "副县长" } });
  const secondLeaderUser = await createUser(committee.id, { role: "LEADER", name: "周国强" });
  await db.user.update({ where: { id: secondLeaderUser.id }, data: { isLeader: true, leaderTitle: "县委副书记" } });
  const task = await db.reformTask.create({
    data: {
      committeeId: committee.id,
      year: 2026,
      planId: plan.id,
      groupId: group.id,
      code: "2026-农村-001",
      title: "农村集体产权制度改革",
      goal: "完成股份合作制改革",
      leadUnitId: lead.id,
      leaderId: leaderUser.id,
      source: "SELF",
      startDate: new Date("2026-01-01"),
      dueDate: new Date("2026-12-31"),
      actualPercent: 20,
      cooperatingUnits: { create: { unitId: helper.id } },
    },
  });
  const unlinked = await db.reformTask.create({
    data: {
      committeeId: committee.id,
      year: 2026,
      planId: plan.id,
      groupId: group.id,
      code: "2026-农村-002",
      title: "农业水价综合改革",
      goal: "完成水价改革",
      leadUnitId: lead.id,
      source: "SELF",
      startDate: new Date("2026-01-01"),
      dueDate: new Date("2026-12-31"),
    },
  });
  const report = await db.progressReport.create({
    data: {
      taskId: task.id,
      unitId: lead.id,
      period: new Date("2026-10-01"),
      progress: "完成清产核资",
      percent: 20,
      status: "SUBMITTED",
      submittedAt: new Date("2026-11-03T02:00:00Z"),
      firstSubmittedAt: new Date("2026-11-03T02:00:00Z"),
    },
  });
  const draft = await db.progressReport.create({
    data: { taskId: task.id, unitId: lead.id, period: new Date("2026-11-01"), progress: "草稿" },
  });
  // a notice on the task addressed to the cooperating unit (a unit other than the lead, to tell the two apart)
  const notice = await db.supervisionNotice.create({
    data: {
      committeeId: committee.id,
      taskId: task.id,
      unitId: helper.id,
      year: 2026,
      serial: 1,
      number: "测改督〔2026〕1号",
      reason: "配合工作滞后",
      issuedAt: new Date("2026-11-10T02:00:00Z"),
      responseDueDate: new Date("2026-11-30"),
    },
  });
  const officeUser = await createUser(committee.id, { role: "OFFICE", name: "陈晓雯" });
  const secondOfficeUser = await createUser(committee.id, { role: "OFFICE" });
  const reporterUser = await createUser(committee.id, { role: "UNIT_REPORTER", unitId: lead.id });
  const colleagueUser = await createUser(committee.id, { role: "UNIT_REPORTER", unitId: lead.id });
  return {
    committee,
    lead,
    helper,
    outsider,
    task,
    unlinked,
    report,
    draft,
    notice,
    leaderUser,
    secondLeaderUser,
    officeUser,
    secondOfficeUser,
    reporterUser,
    leader: await actorFor(leaderUser.id),
    secondLeader: await actorFor(secondLeaderUser.id),
    office: await actorFor(officeUser.id),
    reporter: await actorFor(reporterUser.id),
    colleague: await actorFor(colleagueUser.id),
    helperReporter: await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: helper.id })).id),
    outsiderReporter: await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: outsider.id })).id),
    liaison: await actorFor((await createUser(committee.id, { role: "GROUP_LIAISON", groupId: group.id })).id),
    otherLiaison: await actorFor((await createUser(committee.id, { role: "GROUP_LIAISON", groupId: otherGroup.id })).id),
    auditor: await actorFor((await createUser(committee.id, { role: "AUDITOR" })).id),
    otherOffice: await actorFor((await createUser(other.id, { role: "OFFICE" })).id),
  };
}
type World = Awaited<ReturnType<typeof setup>>;

const CONTENT = "请农业农村局会同财政局，本月底前完成股份量化方案，确保年底前全面完成改革任务。";
const ANSWER = "已召开专题会议部署，股份量化方案已完成初稿，正在征求村民代表意见，12月20日前印发。";

const write = (w: World, extra: Record<string, unknown> = {}) =>
  createInstruction(w.leader, { subjectType: "TASK", subjectId: w.task.id, content: CONTENT, answerDueDate: "2026-11-30", ...extra });

const lastAudit = async (event: string) => db.auditEvent.findFirstOrThrow({ where: { event }, orderBy: { id: "desc" } });

async function pendingFile(w: World, instructionId: string, name = "专题会议纪要.pdf") {
  return db.attachment.create({
    data: {
      committeeId: w.committee.id,
      entityType: "InstructionAnswer.pending",
      entityId: instructionId,
      fileName: name,
      storageKey: `2026/11/${crypto.randomUUID()}`,
      mimeType: "application/pdf",
      size: 2048,
      sha256: "a".repeat(64),
      uploadedById: w.reporterUser.id,
    },
  });
}

describe("writing an instruction", () => {
  it("a leader writes on a task in their own name; the lead unit's reporters are told in words, in both languages", async () => {
    const w = await setup();
    const { id } = await write(w);
    const row = await db.instruction.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      subjectType: "TASK",
      taskId: w.task.id,
      unitId: w.lead.id,
      leaderId: w.leaderUser.id,
      authorId: w.leaderUser.id,
      status: "OPEN",
      round: 1,
      version: 1,
      content: CONTENT,
    });
    expect(row.answerDueDate.toISOString().slice(0, 10)).toBe("2026-11-30");

    const told = await db.notification.findMany({ where: { title: "instructions.notifications.written" }, orderBy: { userId: "asc" } });
    expect(told.map((notification) => notification.userId).sort()).toEqual([w.reporterUser.id, w.colleague.userId].sort());
    expect(told[0]!.link).toBe(`/instructions/${id}`);
    expect(told[0]!.body).toBe(CONTENT);
    expect(renderTitle(told[0]!.title, told[0]!.params, "zh-CN")).toBe(
      "钱思远对“农村集体产权制度改革”作出批示，请于 2026年11月30日 前反馈办理情况",
    );
    expect(renderTitle(told[0]!.title, told[0]!.params, "en")).toBe(
      "钱思远 wrote an instruction on “农村集体产权制度改革”: please answer by November 30, 2026",
    );

    const audit = await lastAudit("instruction.create");
    expect(audit).toMatchObject({ result: "SUCCESS", targetType: "Instruction", targetId: id, actorId: w.leaderUser.id });
    const names = await resolveNames([w.committee.id], [id, w.task.id, w.lead.id, w.leaderUser.id]);
    const stored = {
      ...audit,
      changes: Object.entries(audit.changes as Record<string, [unknown, unknown]>).map(([field, [from, to]]) => ({ field, from, to })),
    };
    const zh = readableAuditRow(readerFor("zh-CN", messagesFor("zh-CN"), names), stored);
    expect(zh.event).toBe("作出批示");
    expect(zh.targetType).toBe("领导批示");
    expect(zh.target).toBe("钱思远对 2026-农村-001 农村集体产权制度改革 的批示");
    const lines = zh.changes.map((change) => `${change.label}：${change.to}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        "批示对象：改革任务",
        "批示领导：钱思远",
        "办理单位：县农业农村局",
        "办理时限：2026年11月30日",
        "改革任务：2026-农村-001 农村集体产权制度改革",
      ]),
    );
    const en = readableAuditRow(readerFor("en", messagesFor("en"), names), stored);
    expect(en.event).toBe("Instruction written");
    expect(en.changes.map((change) => change.label)).toEqual(
      expect.arrayContaining(["Instruction on", "Leader", "Answering unit", "Answer by"]),
    );
    // the id only goes in a tooltip: nothing shown is a code or an id
    expect(
      JSON.stringify(
        [zh, en].map(({ targetId: _id, eventCode: _code, changes, ...shown }) => [shown, changes.map((c) => [c.label, c.to])]),
      ),
    ).not.toMatch(/TASK|c[a-z0-9]{24}/);
  });

  it("the office writes on a leader's behalf: the task's linked leader by default, or another leader named; both recorded", async () => {
    const w = await setup();
    const byDefault = await createInstruction(w.office, {
      subjectType: "TASK",
      subjectId: w.task.id,
      content: "按领导在专报上的批示录入：加快推进。",
      answerDueDate: "2026-12-10",
    });
    expect(await db.instruction.findUniqueOrThrow({ where: { id: byDefault.id } })).toMatchObject({
      leaderId: w.leaderUser.id,
      authorId: w.officeUser.id,
    });
    const named = await createInstruction(w.office, {
      subjectType: "TASK",
      subjectId: w.unlinked.id,
      content: "请抓紧研究水价改革方案。",
      answerDueDate: "2026-12-10",
      leaderId: w.secondLeaderUser.id,
    });
    expect(await db.instruction.findUniqueOrThrow({ where: { id: named.id } })).toMatchObject({
      leaderId: w.secondLeaderUser.id,
      authorId: w.officeUser.id,
      unitId: w.lead.id,
    });
    // the leader hears of the instruction recorded in their name; the detail and the list say who recorded it
    const recorded = await db.notification.findFirstOrThrow({
      where: { userId: w.secondLeaderUser.id, title: "instructions.notifications.recorded" },
    });
    expect(renderTitle(recorded.title, recorded.params, "zh-CN")).toBe("陈晓雯以您的名义对“农业水价综合改革”录入了批示");
    const detail = await getInstruction(w.secondLeader, named.id);
    expect(detail).toMatchObject({ recordedBy: "陈晓雯", leader: { name: "周国强", title: "县委副书记" }, unit: { name: "县农业农村局" } });
    const audit = await lastAudit("instruction.create");
    expect(audit.detail).toBe(`on behalf of ${w.secondLeaderUser.id}`);
    const names = await resolveNames([w.committee.id], [w.secondLeaderUser.id]);
    const reader = readerFor("zh-CN", messagesFor("zh-CN"), names);
    expect(readableAuditRow(reader, { ...audit, changes: [] }).detail).toBe("改革办代周国强录入");
    expect(readableAuditRow(readerFor("en", messagesFor("en"), names), { ...audit, changes: [] }).detail).toBe(
      "recorded by the office on behalf of 周国强",
    );
  });

  it("refuses, field by field and all at once: another leader's name, no leader at all, a past date; nothing is saved", async () => {
    const w = await setup();
    const own = await write(w, { leaderId: w.secondLeaderUser.id, answerDueDate: "2026-11-01" }).catch((error: unknown) => error);
    expect(own).toBeInstanceOf(ValidationError);
    expect((own as ValidationError).fieldErrors).toEqual({
      leaderId: ["instructions.validation.ownNameOnly"],
      answerDueDate: ["instructions.validation.dueBeforeToday"],
    });
    const none = await createInstruction(w.office, {
      subjectType: "TASK",
      subjectId: w.unlinked.id,
      content: CONTENT,
      answerDueDate: "2028-01-01",
    }).catch((error: unknown) => error);
    expect((none as ValidationError).fieldErrors).toEqual({
      leaderId: ["instructions.validation.leaderRequired"],
      answerDueDate: ["instructions.validation.dueTooFar"],
    });
    const notLeader = await createInstruction(w.office, {
      subjectType: "TASK",
      subjectId: w.task.id,
      content: CONTENT,
      answerDueDate: TODAY,
      leaderId: w.reporterUser.id,
    }).catch((error: unknown) => error);
    expect((notLeader as ValidationError).fieldErrors).toEqual({ leaderId: ["instructions.validation.notLeader"] });
    const blank = await write(w, { content: "   " }).catch((error: unknown) => error);
    expect((blank as ValidationError).fieldErrors).toMatchObject({ content: ["validation.required"] });
    const huge = await write(w, { content: "批".repeat(2001) }).catch((error: unknown) => error);
    expect((huge as ValidationError).fieldErrors).toMatchObject({ content: ["validation.tooBig"] });
    // a draft report is the unit's own: nobody instructs on it
    await expect(write(w, { subjectType: "REPORT", subjectId: w.draft.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.instruction.count()).toBe(0);
    expect(await db.notification.count()).toBe(0);
  });

  it("on a report the lead unit answers; on a notice, the unit the notice is addressed to", async () => {
    const w = await setup();
    const onReport = await write(w, { subjectType: "REPORT", subjectId: w.report.id });
    const onNotice = await write(w, { subjectType: "NOTICE", subjectId: w.notice.id });
    expect(await db.instruction.findUniqueOrThrow({ where: { id: onReport.id } })).toMatchObject({
      subjectType: "REPORT",
      reportId: w.report.id,
      taskId: w.task.id,
      unitId: w.lead.id,
    });
    expect(await db.instruction.findUniqueOrThrow({ where: { id: onNotice.id } })).toMatchObject({
      subjectType: "NOTICE",
      noticeId: w.notice.id,
      taskId: w.task.id,
      unitId: w.helper.id,
    });
    const reportNote = await db.notification.findFirstOrThrow({ where: { title: "instructions.notifications.writtenOnReport" } });
    expect(renderTitle(reportNote.title, reportNote.params, "zh-CN")).toBe(
      "钱思远对“农村集体产权制度改革”2026年10月进展作出批示，请于 2026年11月30日 前反馈办理情况",
    );
    const noticeNote = await db.notification.findFirstOrThrow({ where: { title: "instructions.notifications.writtenOnNotice" } });
    expect(noticeNote.userId).toBe(w.helperReporter.userId);
    // the review queue and the notice page find their own instructions
    const byReport = await instructionsOfReports(w.office, [w.report.id]);
    expect(byReport.get(w.report.id)?.map((row) => row.id)).toEqual([onReport.id]);
    const ofNotice = await instructionsOfNotice(w.office, w.notice.id);
    expect(ofNotice.rows.map((row) => row.id)).toEqual([onNotice.id]);
    expect(ofNotice.writer).toMatchObject({ asOffice: true, selfName: null });
    expect(ofNotice.writer?.leaders.map((leader) => leader.name)).toEqual(["周国强", "钱思远"]);
    // the task page shows all three kinds
    expect((await instructionsOfTask(w.leader, w.task.id)).rows.map((row) => row.subject.type).sort()).toEqual(["NOTICE", "REPORT"]);
  });
});

describe("who sees and who answers", () => {
  it("other units and roles cannot read an instruction on a task they cannot see: 404, audited", async () => {
    const w = await setup();
    const { id } = await write(w);
    for (const actor of [w.outsiderReporter, w.otherLiaison, w.otherOffice]) {
      await expect(getInstruction(actor, id)).rejects.toBeInstanceOf(NotFoundError);
      const denied = await db.auditEvent.findFirstOrThrow({ where: { event: "instruction.read", actorId: actor.userId } });
      expect(denied).toMatchObject({ result: "DENIED", targetType: "Instruction", targetId: id, detail: "404 NotFoundError" });
      expect((await listInstructions(actor, DEFAULT_INSTRUCTION_FILTERS)).total).toBe(0);
    }
    // the administrators hold no reform content at all
    await expect(getInstruction(w.auditor, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listInstructions(w.auditor, DEFAULT_INSTRUCTION_FILTERS)).rejects.toBeInstanceOf(NotFoundError);
    // who sees the task sees it: its group's liaison, the cooperating unit, the leaders and the office
    for (const actor of [w.liaison, w.helperReporter, w.secondLeader, w.office, w.reporter])
      expect((await getInstruction(actor, id)).id, actor.name).toBe(id);
  });

  it("an instruction on a notice is the addressed unit's: the lead unit does not see it", async () => {
    const w = await setup();
    const { id } = await write(w, { subjectType: "NOTICE", subjectId: w.notice.id });
    await expect(getInstruction(w.reporter, id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getInstruction(w.helperReporter, id)).canAnswer).toBe(true);
  });

  it("only the unit addressed answers; writers write; every refusal is audited and changes nothing", async () => {
    const w = await setup();
    const { id } = await write(w);
    const answer = { id, version: 1, content: ANSWER };
    // a cooperating unit sees it but does not answer it; another unit does not even see it
    await expect(answerInstruction(w.helperReporter, answer)).rejects.toBeInstanceOf(NotFoundError);
    await expect(answerInstruction(w.outsiderReporter, answer)).rejects.toBeInstanceOf(NotFoundError);
    // the office and the leaders write, but do not answer for the unit
    await expect(answerInstruction(w.office, answer)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(answerInstruction(w.leader, answer)).rejects.toBeInstanceOf(ForbiddenError);
    // a reporter or a liaison writes no instruction
    await expect(
      createInstruction(w.reporter, { subjectType: "TASK", subjectId: w.task.id, content: CONTENT, answerDueDate: "2026-11-30" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      createInstruction(w.liaison, { subjectType: "TASK", subjectId: w.task.id, content: CONTENT, answerDueDate: "2026-11-30" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    // another committee's office: the task is not there for it
    await expect(
      createInstruction(w.otherOffice, { subjectType: "TASK", subjectId: w.task.id, content: CONTENT, answerDueDate: "2026-11-30" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const denied = await db.auditEvent.findMany({ where: { result: "DENIED" }, orderBy: { id: "asc" } });
    expect(denied.map((row) => [row.event, row.actorId])).toEqual([
      ["instruction.answer", w.helperReporter.userId],
      ["instruction.answer", w.outsiderReporter.userId],
      ["instruction.answer", w.office.userId],
      ["instruction.answer", w.leader.userId],
      ["instruction.create", w.reporter.userId],
      ["instruction.create", w.liaison.userId],
      ["instruction.create", w.otherOffice.userId],
    ]);
    expect(await db.instruction.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "OPEN", version: 1 });
    expect(await db.instructionAnswer.count()).toBe(0);
  });
});

describe("answering", () => {
  it("the lead unit answers with evidence; the leader is told; the files go with the answer and stay with it", async () => {
    const w = await setup();
    const { id } = await write(w);
    const file = await pendingFile(w, id);
    const removable = await pendingFile(w, id, "草稿照片.jpg");
    await detachFromInstruction(w.reporter, { id: removable.id });
    // another unit may not remove the file of this answer
    await expect(detachFromInstruction(w.outsiderReporter, { id: file.id })).rejects.toBeInstanceOf(NotFoundError);
    // a removed file, or one of another record, cannot go with the answer
    const refused = await answerInstruction(w.reporter, { id, version: 1, content: ANSWER, attachmentIds: [removable.id] }).catch(
      (error: unknown) => error,
    );
    expect((refused as ValidationError).fieldErrors).toEqual({ attachmentIds: ["instructions.validation.evidenceInvalid"] });

    const result = await answerInstruction(w.reporter, { id, version: 1, content: ANSWER, attachmentIds: [file.id] });
    expect(result).toMatchObject({ status: "ANSWERED", version: 2 });
    const detail = await getInstruction(w.leader, id);
    expect(detail).toMatchObject({ status: "ANSWERED", canDecide: true, canAnswer: false });
    expect(detail.answers).toHaveLength(1);
    expect(detail.answers[0]).toMatchObject({ round: 1, content: ANSWER });
    expect(detail.answers[0]!.files.map((f) => f.fileName)).toEqual(["专题会议纪要.pdf"]);
    expect(detail.thread.map((event) => event.action)).toEqual(["CREATE", "ANSWER"]);
    expect(await db.attachment.findUniqueOrThrow({ where: { id: file.id } })).toMatchObject({
      entityType: "InstructionAnswer",
      entityId: result.answerId,
    });
    await expect(detachFromInstruction(w.reporter, { id: file.id })).rejects.toBeInstanceOf(ValidationError);
    const told = await db.notification.findFirstOrThrow({
      where: { userId: w.leaderUser.id, title: "instructions.notifications.answered" },
    });
    expect(renderTitle(told.title, told.params, "zh-CN")).toBe("县农业农村局已反馈“农村集体产权制度改革”的批示办理情况，请确认是否落实");
    expect(renderTitle(told.title, told.params, "en")).toBe(
      "县农业农村局 answered the instruction on “农村集体产权制度改革”: please confirm",
    );
    const audit = await lastAudit("instruction.answer");
    expect(audit).toMatchObject({ result: "SUCCESS", detail: "round 1, 1 attachment(s)" });
    expect(readableAuditRow(readerFor("zh-CN", messagesFor("zh-CN")), { ...audit, changes: [] }).detail).toBe(
      "第 1 次批示的反馈，佐证材料 1 个",
    );
  });

  it("two answers at once: one wins, the other is a 409 with a message, and only one answer is kept", async () => {
    const w = await setup();
    const { id } = await write(w);
    const results = await Promise.allSettled([
      answerInstruction(w.reporter, { id, version: 1, content: ANSWER }),
      answerInstruction(w.colleague, { id, version: 1, content: "另一份反馈：方案已报县政府。" }),
    ]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result) => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const error = (lost[0] as PromiseRejectedResult).reason as ConflictError;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.status).toBe(409);
    expect(error.messageKey).toBe("errors.conflict");
    expect(error.current).toMatchObject({ instruction: { id, status: "ANSWERED", version: 2 } });
    expect(await db.instructionAnswer.count()).toBe(1);
    const conflict = await db.auditEvent.findFirstOrThrow({ where: { event: "instruction.answer", result: "CONFLICT" } });
    expect(conflict.detail).toBe("409 ConflictError; fields: content");
    // an answer from a page showing the old version is refused the same way
    await expect(answerInstruction(w.reporter, { id, version: 1, content: ANSWER })).rejects.toBeInstanceOf(ConflictError);
    // from the current version: already answered, waiting for the leader
    const again = await answerInstruction(w.reporter, { id, version: 2, content: ANSWER }).catch((caught: unknown) => caught);
    expect((again as ValidationError).fieldErrors).toEqual({ _form: ["instructions.validation.alreadyAnswered"] });
  });

  it("the leader confirms it carried out; a closed instruction takes no answer; closing twice is refused", async () => {
    const w = await setup();
    const { id } = await write(w);
    // nothing to confirm before the unit answers
    const early = await closeInstruction(w.leader, { id, version: 1 }).catch((error: unknown) => error);
    expect((early as ValidationError).fieldErrors).toEqual({ _form: ["instructions.validation.notAnswered"] });
    await answerInstruction(w.reporter, { id, version: 1, content: ANSWER });
    await closeInstruction(w.leader, { id, version: 2, comment: "同意，抓好落实。" });
    expect(await db.instruction.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "CLOSED",
      version: 3,
      closedById: w.leaderUser.id,
    });
    const closed = await answerInstruction(w.reporter, { id, version: 3, content: ANSWER }).catch((error: unknown) => error);
    expect(closed).toBeInstanceOf(ValidationError);
    expect((closed as ValidationError).fieldErrors).toEqual({ _form: ["instructions.validation.closedNoAnswer"] });
    await expect(closeInstruction(w.office, { id, version: 2 })).rejects.toBeInstanceOf(ConflictError);
    const unit = await db.notification.findFirstOrThrow({
      where: { userId: w.reporterUser.id, title: "instructions.notifications.closed" },
    });
    expect(renderTitle(unit.title, unit.params, "zh-CN")).toBe("钱思远对“农村集体产权制度改革”的批示已确认落实");
    expect(unit.body).toBe("同意，抓好落实。");
    expect((await getInstruction(w.reporter, id)).thread.map((event) => [event.action, event.comment])).toEqual([
      ["CREATE", null],
      ["ANSWER", null],
      ["CLOSE", "同意，抓好落实。"],
    ]);
  });

  it("asking again opens a new round with a new date; the unit answers that round", async () => {
    const w = await setup();
    const { id } = await write(w);
    await answerInstruction(w.reporter, { id, version: 1, content: ANSWER });
    const past = await reaskInstruction(w.office, { id, version: 2, content: "请细化时间表。", answerDueDate: "2026-11-01" }).catch(
      (error: unknown) => error,
    );
    expect((past as ValidationError).fieldErrors).toEqual({ answerDueDate: ["instructions.validation.dueBeforeToday"] });
    await reaskInstruction(w.secondLeader, { id, version: 2, content: "请细化时间表，倒排工期。", answerDueDate: "2026-12-15" });
    const row = await db.instruction.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "OPEN", round: 2, version: 3 });
    expect(row.answerDueDate.toISOString().slice(0, 10)).toBe("2026-12-15");
    await answerInstruction(w.reporter, { id, version: 3, content: "已倒排工期，明确12个节点。" });
    const detail = await getInstruction(w.leader, id);
    expect(detail.answers.map((answer) => answer.round)).toEqual([1, 2]);
    expect(detail.thread.map((event) => event.action)).toEqual(["CREATE", "ANSWER", "REOPEN", "ANSWER"]);
    expect(detail.latestAnswer?.content).toBe("已倒排工期，明确12个节点。");
  });
});

describe("the cockpit, the workbenches and the overdue follow-up", () => {
  it("an overdue answer becomes one office follow-up item and one notification per office user, however often the tick runs", async () => {
    const w = await setup();
    const { id } = await write(w, { answerDueDate: TODAY });
    const answered = await write(w, { answerDueDate: TODAY });
    await answerInstruction(w.reporter, { id: answered.id, version: 1, content: ANSWER });
    // today it is due, not overdue
    expect(await instructionOverdueTick(new Date("2026-11-22T10:00:00Z"))).toBe(0);
    const tomorrow = new Date("2026-11-23T02:00:00Z");
    expect(await instructionOverdueTick(tomorrow)).toBe(1);
    expect(await instructionOverdueTick(tomorrow)).toBe(0);
    const round = await runJobsOnce({ now: tomorrow, handlers: {} });
    expect(round.instructionsOverdue).toBe(0);
    const told = await db.notification.findMany({ where: { title: "instructions.notifications.overdue" } });
    expect(told.map((notification) => notification.userId).sort()).toEqual([w.officeUser.id, w.secondOfficeUser.id].sort());
    expect(told[0]!.dedupeKey).toBe(`instruction-overdue:${id}:1:${told[0]!.userId}`);
    expect(renderTitle(told[0]!.title, told[0]!.params, "zh-CN")).toBe(
      "县农业农村局逾期未反馈钱思远对“农村集体产权制度改革”的批示（办理时限 2026年11月22日），请跟踪督办",
    );
    expect((await getInstruction(w.office, id, tomorrow)).thread.map((event) => event.action)).toEqual(["CREATE", "ESCALATE"]);

    process.env.APP_NOW = tomorrow.toISOString();
    try {
      const office = await getOfficeWorkbench(w.office);
      expect(office.instructionsOverdue?.total).toBe(1);
      expect(office.instructionsOverdue?.rows.map((row) => [row.id, row.overdue, row.daysLeft])).toEqual([[id, true, -1]]);
      const unit = await getUnitWorkbench(w.reporter);
      expect(unit.instructions).toMatchObject({ total: 1, overdue: 1 });
      // asked again: a new round, which may go overdue (and be followed up) once more
      await answerInstruction(w.reporter, { id, version: 1, content: ANSWER });
      await reaskInstruction(w.leader, { id, version: 2, content: "请补充量化成效。", answerDueDate: "2026-11-23" });
      expect((await getOfficeWorkbench(w.office)).instructionsOverdue?.total).toBe(0);
    } finally {
      process.env.APP_NOW = "2026-11-22T02:00:00.000Z";
    }
    expect(await instructionOverdueTick(new Date("2026-11-24T02:00:00Z"))).toBe(1);
    expect(await db.notification.count({ where: { title: "instructions.notifications.overdue" } })).toBe(4);
  });

  it("the leader's cockpit lists the leader's own instructions not yet carried out; the unit's workbench those it must answer", async () => {
    const w = await setup();
    const first = await write(w);
    const second = await write(w, { subjectType: "REPORT", subjectId: w.report.id, answerDueDate: "2026-11-25" });
    const done = await write(w);
    await answerInstruction(w.reporter, { id: done.id, version: 1, content: ANSWER });
    await closeInstruction(w.leader, { id: done.id, version: 2 });
    await answerInstruction(w.reporter, { id: first.id, version: 1, content: ANSWER });
    // another leader's instruction is not on this leader's list
    await createInstruction(w.secondLeader, {
      subjectType: "TASK",
      subjectId: w.unlinked.id,
      content: CONTENT,
      answerDueDate: "2026-12-01",
    });

    const cockpit = await getCockpit(w.leader, { year: 2026 });
    expect(cockpit.instructions).toMatchObject({ total: 2, answered: 1, overdue: 0, href: "/instructions?mine=1" });
    expect(cockpit.instructions?.rows.map((row) => [row.id, row.status])).toEqual([
      [second.id, "OPEN"],
      [first.id, "ANSWERED"],
    ]);
    expect(cockpit.instructions?.rows[1]?.latestAnswer?.content).toBe(ANSWER);
    expect(cockpit.instructionWriter).toMatchObject({ asOffice: false, selfName: "钱思远", leaders: [] });
    // the office's cockpit: all the committee's instructions not yet carried out, and it may write on a leader's behalf
    const officeCockpit = await getCockpit(w.office, { year: 2026 });
    expect(officeCockpit.instructions?.total).toBe(3);
    expect(officeCockpit.instructionWriter?.asOffice).toBe(true);

    const unit = await getUnitWorkbench(w.reporter);
    expect(unit.instructions).toMatchObject({ total: 2, overdue: 0 });
    expect(unit.instructions?.rows.map((row) => row.answerDueDate)).toEqual(["2026-11-25", "2026-12-01"]);
    expect((await pendingInstructions(w.secondLeader))?.total).toBe(1);
  });

  it("the leader's home page lists the leader's linked tasks with their lights from the ledger", async () => {
    const w = await setup();
    const overview = await getOverview(w.leader);
    expect(overview.myTasks?.total).toBe(1);
    expect(overview.myTasks?.rows.map((row) => [row.code, row.light, row.leadUnitName])).toEqual([
      ["2026-农村-001", "RED", "县农业农村局"],
    ]);
    expect(overview.myTasks?.href).toContain(`leader=${w.leaderUser.id}`);
    // a liaison is no leader: no list of linked tasks
    expect((await getOverview(w.liaison)).myTasks).toBeNull();
  });
});

describe("the API: /api/v1/instructions", () => {
  /** a call whose success must match the documented schema */
  async function call<T = unknown>(endpoint: AnyEndpoint, input: ApiCall) {
    const answer = await callApi<T>(endpoint, input);
    if (answer.status < 300) endpoint.response.parse(answer.body);
    return answer;
  }
  async function tokenOf(userId: string) {
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    const answer = await callApi<{ token: string }>(openSessionEndpoint, { body: { username: user.username, password: TEST_PASSWORD } });
    expect(answer.status).toBe(200);
    return answer.body.token;
  }

  it("a leader creates, the unit reads and answers, two answers at once: one 201, one 409; out of scope: 404, audited", async () => {
    const w = await setup();
    const [leader, reporter, colleague, outsider, auditor] = await Promise.all(
      [w.leader, w.reporter, w.colleague, w.outsiderReporter, w.auditor].map((actor) => tokenOf(actor.userId)),
    );
    const created = await call<{ id: string; version: number; status: string; leader: { name: string }; unit: { name: string } }>(
      createInstructionEndpoint,
      { token: leader, body: { subjectType: "TASK", subjectId: w.task.id, content: CONTENT, answerDueDate: "2026-11-30" } },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "OPEN", version: 1, leader: { name: "钱思远" }, unit: { name: "县农业农村局" } });
    const id = created.body.id;
    // a reporter writes none; a bad day is a field message
    const refused = await call(createInstructionEndpoint, {
      token: reporter,
      body: { subjectType: "TASK", subjectId: w.task.id, content: CONTENT, answerDueDate: "2026-11-30" },
    });
    expect(refused.status).toBe(403);
    const invalid = await call<{ error: { fields: Record<string, string[]> } }>(createInstructionEndpoint, {
      token: leader,
      headers: { "accept-language": "zh-CN" },
      body: { subjectType: "TASK", subjectId: w.task.id, content: CONTENT, answerDueDate: "2026-02-30" },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.fields.answerDueDate).toBeDefined();

    const listed = await call<{ items: { id: string; overdue: boolean }[]; total: number }>(listInstructionsEndpoint, {
      token: reporter,
      query: { status: "OPEN" },
    });
    expect(listed.body).toMatchObject({ total: 1, items: [{ id, overdue: false }] });
    expect((await call(listInstructionsEndpoint, { token: outsider })).body).toMatchObject({ total: 0, items: [] });
    expect((await call(listInstructionsEndpoint, { token: auditor })).status).toBe(403);

    const [first, second] = await Promise.all([
      call<{ status: string; answers: unknown[] }>(answerInstructionEndpoint, {
        token: reporter,
        params: { id },
        body: { version: 1, content: ANSWER },
      }),
      call<{ error: { code: string; message: string } }>(answerInstructionEndpoint, {
        token: colleague,
        params: { id },
        body: { version: 1, content: "另一份反馈" },
      }),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    const loser = first.status === 409 ? first : second;
    expect((loser.body as { error: { message: string } }).error.message).toMatch(/修改|changed/);
    const detail = await call<{ status: string; version: number; answers: { content: string }[] }>(getInstructionEndpoint, {
      token: leader,
      params: { id },
    });
    expect(detail.body).toMatchObject({ status: "ANSWERED", version: 2 });
    expect(detail.body.answers).toHaveLength(1);

    const closed = await call<{ status: string }>(closeInstructionEndpoint, {
      token: leader,
      params: { id },
      body: { version: 2, comment: "同意" },
    });
    expect(closed.body.status).toBe("CLOSED");
    const late = await call<{ error: { fields: Record<string, string[]> } }>(answerInstructionEndpoint, {
      token: reporter,
      params: { id },
      headers: { "accept-language": "zh-CN" },
      body: { version: 3, content: ANSWER },
    });
    expect(late.status).toBe(422);
    expect(JSON.stringify(late.body)).toContain("不能再反馈");

    expect((await call(getInstructionEndpoint, { token: outsider, params: { id } })).status).toBe(404);
    const denied = await db.auditEvent.findFirstOrThrow({
      where: { event: "instruction.read", result: "DENIED", actorId: w.outsiderReporter.userId },
    });
    expect(denied).toMatchObject({ targetType: "Instruction", targetId: id });
  });
});

describe("the demo county", () => {
  it("has instructions by demo leaders on their own linked tasks: one answered, one open, one overdue", async () => {
    await seedDemo(db, { today: new Date(process.env.APP_NOW!) });
    const rows = await db.instruction.findMany({ include: { task: true, answers: true, leader: true }, orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.status, row.answers.length])).toEqual([
      ["ANSWERED", 1],
      ["OPEN", 0],
      ["OPEN", 0],
    ]);
    for (const row of rows) {
      expect(row.task.leaderId, row.id).toBe(row.leaderId);
      expect(row.leader.isLeader).toBe(true);
      expect(row.unitId).toBe(row.task.leadUnitId);
      expect(row.createdAt.getTime()).toBeLessThan(new Date(process.env.APP_NOW!).getTime());
    }
    const demo = async (username: string) => actorFor((await db.user.findUniqueOrThrow({ where: { username } })).id);
    const [office, leader, reporter] = [await demo("office"), await demo("leader"), await demo("reporter")];
    expect((await getOfficeWorkbench(office)).instructionsOverdue?.total).toBe(1);
    const mine = await pendingInstructions(leader);
    expect(mine?.total).toBeGreaterThanOrEqual(1);
    expect((await getUnitWorkbench(reporter)).instructions?.total).toBeGreaterThanOrEqual(1);
  });
});
