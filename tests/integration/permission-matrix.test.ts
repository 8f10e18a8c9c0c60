// The generated matrix test (SECURITY.md 7–8, 17): every service action × every role fixture,
// including a reporter of another unit, a liaison of another group, and the office and
// administrators of another committee (id substitution). The expected answer comes from the
// matrix; the service must agree, change nothing when it refuses, and write exactly one audit
// row either way. An action without a case here fails the test.
import { now } from "@/lib/server/clock";
import { describe, expect, it } from "vitest";
// loads every service module (and so registers every action) before the suites are built
import { unloadedServiceFiles } from "@/tests/support/all-services";
import type { Actor } from "@/lib/auth/actor";
import { checkHead } from "@/lib/attachments/rules";
import { stageStream } from "@/lib/attachments/storage";
import { ACTIONS, can, type Target } from "@/lib/auth/permissions";
import { newTotpSecret, totpCode } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/prisma";
import { SERVICE_ACTIONS } from "@/lib/server/action";
import { ForbiddenError, NotFoundError } from "@/lib/server/errors";
import { createCommittee, createGroup, createUnit, createUser, TEST_PASSWORD } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

let serial = 0;
const unique = (prefix: string) => `${prefix}${++serial}`;

async function buildWorld() {
  const home = await createCommittee();
  const other = await createCommittee();
  const [unitA, unitB, otherUnit] = [await createUnit(home.id), await createUnit(home.id), await createUnit(other.id)];
  const [groupA, groupB] = [await createGroup(home.id), await createGroup(home.id)];
  const member = await db.specialGroupMember.create({ data: { groupId: groupB.id, role: "MEMBER_UNIT", unitId: unitB.id } });
  const targetUser = await createUser(home.id, { role: "OFFICE", unitId: unitB.id });
  const targetGrant = await db.roleAssignment.findFirstOrThrow({ where: { userId: targetUser.id } });
  // a long-lived API token of targetUser (only its hash is stored; any unique value will do here)
  const apiToken = await db.apiToken.create({
    data: {
      committeeId: home.id,
      userId: targetUser.id,
      kind: "PERSONAL",
      name: "接口",
      tokenHash: crypto.randomUUID(),
      prefix: "rtp_test00",
      sessionVersion: 0,
      expiresAt: new Date("2099-12-31"),
    },
  });
  // Tasks of groupB led by unitB with unitA cooperating: one active (with a milestone and pending
  // close-out evidence), one awaiting close-out, one closed out.
  const plan = await db.workPlan.create({ data: { committeeId: home.id, year: 2026, title: "2026年改革工作要点" } });
  const makeTask = (code: string, status: "ACTIVE" | "PENDING_CLOSE" | "DONE") =>
    db.reformTask.create({
      data: {
        committeeId: home.id,
        year: 2026,
        planId: plan.id,
        groupId: groupB.id,
        code,
        title: `任务${code}`,
        goal: "改革目标",
        leadUnitId: unitB.id,
        source: "SELF",
        startDate: new Date("2026-01-01"),
        dueDate: new Date("2026-12-31"),
        status,
        cooperatingUnits: { create: { unitId: unitA.id } },
      },
    });
  const task = await makeTask("2026-测-001", "ACTIVE");
  const pendingTask = await makeTask("2026-测-002", "PENDING_CLOSE");
  const doneTask = await makeTask("2026-测-003", "DONE");
  const milestone = await db.milestone.create({
    data: { taskId: task.id, title: "方案出台", plannedDate: new Date("2026-03-31"), plannedPercent: 30 },
  });
  const evidence = await db.attachment.create({
    data: {
      committeeId: home.id,
      entityType: "CloseOutRequest.pending",
      entityId: task.id,
      fileName: "佐证.pdf",
      storageKey: `2026/01/${crypto.randomUUID()}`,
      mimeType: "application/pdf",
      size: 10,
      sha256: "0".repeat(64),
    },
  });
  const closeOut = await db.closeOutRequest.create({ data: { taskId: pendingTask.id, unitId: unitB.id, summary: "已完成" } });
  const taskScope = { committeeId: home.id, groupId: groupB.id };
  const nextPlan = await db.workPlan.create({ data: { committeeId: home.id, year: 2027, title: "2027年改革工作要点" } });
  // two points of groupB with no tasks: the second can move up, either can be deleted
  const point = await db.workPoint.create({
    data: { planId: plan.id, groupId: groupB.id, number: "一、", title: "深化经济体制改革", sortOrder: 0 },
  });
  const secondPoint = await db.workPoint.create({
    data: { planId: plan.id, groupId: groupB.id, number: "二、", title: "推进生态文明体制改革", sortOrder: 1 },
  });
  // groupB's quarterly reports: a 2026 Q3 draft (edit, recompile, submit) and a submitted Q2 one (review)
  const groupReport = { committeeId: home.id, year: 2026, kind: "GROUP" as const, subjectKey: `G:${groupB.id}`, groupId: groupB.id };
  const quarterlyDraft = await db.quarterlyReport.create({ data: { ...groupReport, quarter: 3, title: "季报", body: "正文" } });
  const quarterlySubmitted = await db.quarterlyReport.create({
    data: {
      ...groupReport,
      quarter: 2,
      title: "季报",
      body: "正文",
      status: "SUBMITTED",
      submittedAt: now(),
      firstSubmittedAt: now(),
    },
  });
  // monthly progress reports on the active task: unitB's draft for September and submitted August, unitA's draft contribution
  const monthly = { taskId: task.id, progress: "本月进展", percent: 30 };
  const leadDraft = await db.progressReport.create({ data: { ...monthly, unitId: unitB.id, period: new Date("2026-09-01") } });
  // evidence on it: an upload as lib/attachments/upload.ts stages it, and a file already on the draft
  const staged = await stageStream([Buffer.from("%PDF-1.4\n佐证材料")], {
    maxBytes: 1024,
    headBytes: 8,
    head: (head, ended) => checkHead("pdf", head, ended),
  });
  const draftFile = await db.attachment.create({
    data: {
      committeeId: home.id,
      entityType: "ProgressReport",
      entityId: leadDraft.id,
      fileName: "草稿佐证.pdf",
      storageKey: `2026/09/${crypto.randomUUID()}`,
      mimeType: "application/pdf",
      size: 10,
      sha256: "0".repeat(64),
      round: 1,
    },
  });
  const submitted = { status: "SUBMITTED" as const, submittedAt: now(), firstSubmittedAt: now() };
  const leadSubmitted = await db.progressReport.create({
    data: { ...monthly, ...submitted, unitId: unitB.id, period: new Date("2026-08-01") },
  });
  const contributionDraft = await db.progressReport.create({
    data: { taskId: task.id, unitId: unitA.id, kind: "CONTRIBUTION", period: new Date("2026-09-01"), progress: "配合进展" },
  });
  // unitB's reform information reports (改革信息月报): a September draft and a submitted October one
  const infoReport = { committeeId: home.id, unitId: unitB.id, summary: "本月无新增" };
  const infoDraft = await db.unitMonthlyReport.create({ data: { ...infoReport, period: new Date("2026-09-01") } });
  const infoSubmitted = await db.unitMonthlyReport.create({ data: { ...infoReport, ...submitted, period: new Date("2026-10-01") } });
  // a pilot on the September draft, with its approval document not yet submitted
  const infoItem = await db.unitMonthlyReportItem.create({
    data: { reportId: infoDraft.id, kind: "PILOT", title: "改革试点", level: "PROVINCIAL", pilotStage: "APPROVED" },
  });
  const infoFile = await db.attachment.create({
    data: {
      committeeId: home.id,
      entityType: "UnitMonthlyReportItem",
      entityId: infoItem.id,
      fileName: "批复文件.pdf",
      storageKey: `2026/09/${crypto.randomUUID()}`,
      mimeType: "application/pdf",
      size: 10,
      sha256: "0".repeat(64),
      round: 1,
    },
  });
  // 督办单 on the active task, addressed to unitB: one awaiting the answer, one answered, one rectifying
  const noticeRow = (serial: number, status: "ISSUED" | "ANSWERED" | "RECTIFYING") => ({
    ...{ committeeId: home.id, taskId: task.id, unitId: unitB.id, year: 2026, serial, number: `测改督〔2026〕${serial}号` },
    ...{ reason: "进度滞后", issuedAt: now(), responseDueDate: new Date("2099-12-31"), status },
  });
  const noticeIssued = await db.supervisionNotice.create({ data: noticeRow(1, "ISSUED") });
  const noticeAnswered = await db.supervisionNotice.create({
    data: {
      ...noticeRow(2, "ANSWERED"),
      responses: { create: { causeAnalysis: "原因", countermeasures: "措施", rectifyDeadline: new Date("2099-12-31") } },
    },
  });
  const noticeRectifying = await db.supervisionNotice.create({ data: noticeRow(3, "RECTIFYING") });
  // files uploaded for answers not yet given (on the notice awaiting its answer) and on the quarterly draft
  const fileRow = { committeeId: home.id, mimeType: "application/pdf", size: 10, sha256: "0".repeat(64) };
  const noticeFile = await db.attachment.create({
    data: {
      ...fileRow,
      entityType: "SupervisionResponse.pending",
      entityId: noticeIssued.id,
      fileName: "整改方案.pdf",
      storageKey: `2026/09/${crypto.randomUUID()}`,
    },
  });
  const quarterlyFile = await db.attachment.create({
    data: {
      ...fileRow,
      entityType: "QuarterlyReport",
      entityId: quarterlyDraft.id,
      fileName: "季报佐证.pdf",
      storageKey: `2026/09/${crypto.randomUUID()}`,
      round: 1,
    },
  });
  // the library: unitB's proposed and accepted micro-reforms, a typical case and an honour credited to it
  const microFields = { committeeId: home.id, unitId: unitB.id, year: 2026, problem: "群众办事跑多次", measures: "一窗受理" };
  const microProposed = await db.microReform.create({ data: { ...microFields, title: "一窗通办" } });
  const microAccepted = await db.microReform.create({ data: { ...microFields, title: "帮办代办", status: "ACCEPTED" } });
  const typicalCase = await db.typicalCase.create({
    data: { committeeId: home.id, unitId: unitB.id, year: 2026, title: "典型案例", level: "CITY" },
  });
  const honor = await db.honor.create({
    data: { committeeId: home.id, unitId: unitB.id, year: 2026, title: "表彰", kind: "COMMENDATION", level: "CITY" },
  });
  // 考核: a published run and a draft run, each scoring unitB; an open objection on the published one
  const scheme = await db.assessmentScheme.create({ data: { committeeId: home.id, year: 2026, name: "2026年度考核" } });
  const assessmentRun = (runNumber: number, status: "DRAFT" | "PUBLISHED") =>
    db.assessment.create({
      data: { committeeId: home.id, schemeId: scheme.id, year: 2026, runNumber, status, computedAt: now() },
    });
  const assessmentPublished = await assessmentRun(1, "PUBLISHED");
  const assessmentDraft = await assessmentRun(2, "DRAFT");
  await db.unitScore.createMany({
    data: [assessmentPublished, assessmentDraft].map((run) => ({ assessmentId: run.id, unitId: unitB.id, total: 80, rank: 1 })),
  });
  const objection = await db.assessmentObjection.create({
    data: { assessmentId: assessmentPublished.id, unitId: unitB.id, content: "申诉" },
  });
  // 计划调整: an issued plan with three tasks of groupB led by unitB — one without requests, one with
  // a request waiting for the office, a key one whose request waits for its linked leader
  const issuedPlan = await db.workPlan.create({
    data: {
      committeeId: home.id,
      year: 2025,
      title: "2025年改革工作要点",
      status: "ISSUED",
      issuedAt: now(),
      docNumber: "测改〔2025〕1号",
    },
  });
  const issuedTask = (code: string, isKey = false) =>
    db.reformTask.create({
      data: {
        committeeId: home.id,
        year: 2025,
        planId: issuedPlan.id,
        groupId: groupB.id,
        code,
        title: `任务${code}`,
        goal: "改革目标",
        leadUnitId: unitB.id,
        source: "SELF",
        isKey,
        startDate: new Date("2025-01-01"),
        dueDate: new Date("2025-12-31"),
        cooperatingUnits: { create: { unitId: unitA.id } },
      },
    });
  const controlledTask = await issuedTask("2025-测-001");
  const changeTask = await issuedTask("2025-测-002");
  const keyTask = await issuedTask("2025-测-003", true);
  const changeRow = (taskId: string, status: "PENDING" | "LEADER_PENDING") => ({
    committeeId: home.id,
    taskId,
    requestedById: targetUser.id,
    requestedByName: "改革办",
    reason: "顺延",
    proposed: { fields: { dueDate: "2026-03-31" }, milestones: [] },
    current: { dueDate: "2025-12-31" },
    changes: { dueDate: ["2025-12-31", "2026-03-31"] },
    status,
  });
  const pendingChange = await db.changeRequest.create({ data: changeRow(changeTask.id, "PENDING") });
  const leaderChange = await db.changeRequest.create({ data: changeRow(keyTask.id, "LEADER_PENDING") });
  const changeFile = await db.attachment.create({
    data: {
      committeeId: home.id,
      entityType: "ChangeRequest.pending",
      entityId: controlledTask.id,
      fileName: "批准文件.pdf",
      storageKey: `2026/01/${crypto.randomUUID()}`,
      mimeType: "application/pdf",
      size: 10,
      sha256: "0".repeat(64),
    },
  });
  // 领导批示 on the active task, by its linked leader: one awaiting unitB's answer (with a file chosen
  // for it), one answered and awaiting the leader
  const leader = await createUser(home.id, { role: "LEADER" });
  await db.reformTask.update({ where: { id: task.id }, data: { leaderId: leader.id } });
  const instructionRow = (status: "OPEN" | "ANSWERED") => ({
    ...{ committeeId: home.id, subjectType: "TASK" as const, taskId: task.id, unitId: unitB.id, leaderId: leader.id },
    ...{ authorId: leader.id, content: "请加快推进", answerDueDate: new Date("2099-12-31"), status },
  });
  const instructionOpen = await db.instruction.create({ data: instructionRow("OPEN") });
  const instructionAnswered = await db.instruction.create({
    data: { ...instructionRow("ANSWERED"), answers: { create: { round: 1, content: "已落实" } } },
  });
  const instructionFile = await db.attachment.create({
    data: {
      ...fileRow,
      entityType: "InstructionAnswer.pending",
      entityId: instructionOpen.id,
      fileName: "会议纪要.pdf",
      storageKey: `2026/09/${crypto.randomUUID()}`,
    },
  });
  return {
    controlledTask,
    changeTask,
    keyTask,
    pendingChange,
    leaderChange,
    changeFile,
    instructionOpen,
    instructionAnswered,
    instructionFile,
    assessmentPublished,
    assessmentDraft,
    objection,
    microProposed,
    microAccepted,
    typicalCase,
    honor,
    infoDraft,
    infoSubmitted,
    infoItem,
    infoFile,
    noticeIssued,
    noticeAnswered,
    noticeRectifying,
    noticeFile,
    quarterlyFile,
    leadDraft,
    staged,
    draftFile,
    leadSubmitted,
    contributionDraft,
    quarterlyDraft,
    quarterlySubmitted,
    nextPlan,
    point,
    secondPoint,
    home,
    other,
    unitA,
    unitB,
    otherUnit,
    groupA,
    groupB,
    member,
    targetUser,
    targetGrant,
    apiToken,
    plan,
    task,
    pendingTask,
    doneTask,
    milestone,
    evidence,
    closeOut,
    /** the task as reading and office writes see it: lead and cooperating units */
    taskTarget: { ...taskScope, unitIds: [unitB.id, unitA.id] },
    /** the task as close-out applications see it: the lead unit alone */
    leadTarget: { ...taskScope, unitIds: [unitB.id] },
    /** a group's quarterly report: the group alone (its liaisons, and the office) */
    groupTarget: { committeeId: home.id, groupId: groupB.id },
  };
}
type World = Awaited<ReturnType<typeof buildWorld>>;

const FIXTURES: { name: string; make: (world: World) => Promise<{ id: string }> }[] = [
  ...(["ADMIN", "SECURITY_ADMIN", "AUDITOR", "OFFICE", "LEADER"] as Role[]).map((role) => ({
    name: role,
    make: (world: World) => createUser(world.home.id, { role, unitId: world.unitA.id }),
  })),
  {
    name: "GROUP_LIAISON",
    make: (world) => createUser(world.home.id, { role: "GROUP_LIAISON", groupId: world.groupB.id, unitId: world.unitA.id }),
  },
  { name: "liaison of another group", make: (world) => createUser(world.home.id, { role: "GROUP_LIAISON", groupId: world.groupA.id }) },
  { name: "UNIT_REPORTER", make: (world) => createUser(world.home.id, { role: "UNIT_REPORTER", unitId: world.unitB.id }) },
  { name: "reporter of another unit", make: (world) => createUser(world.home.id, { role: "UNIT_REPORTER", unitId: world.unitA.id }) },
  { name: "office of another committee", make: (world) => createUser(world.other.id, { role: "OFFICE", unitId: world.otherUnit.id }) },
  { name: "admin of another committee", make: (world) => createUser(world.other.id, { role: "ADMIN", unitId: world.otherUnit.id }) },
  { name: "security admin of another committee", make: (world) => createUser(world.other.id, { role: "SECURITY_ADMIN" }) },
];

interface Case {
  /** the record acted on, as the matrix sees it */
  target: (world: World, actor: Actor) => Target;
  input: (world: World) => unknown;
  /** the audit result of an allowed call when it is not SUCCESS (a file refused whole is a FAILURE) */
  allowedResult?: "FAILURE";
  /** makes the record the actor's own where the service asks it (the requester, the linked leader) */
  prepare?: (world: World, actor: Actor) => Promise<unknown>;
}

const inHome = (world: World): Target => ({ committeeId: world.home.id });
/** creations and settings act in the actor's own committee */
const inOwn = (_world: World, actor: Actor): Target => ({ committeeId: actor.committeeId });
const SETTINGS = {
  yellowLagPoints: 10,
  redLagPoints: 30,
  milestoneRedDays: 30,
  monthlyReportDueDay: 5,
  quarterlyReportDueDay: 10,
  version: 1,
};

const CASES: Record<string, Case> = {
  "user.create": {
    target: inHome,
    input: (w) => ({ username: unique("newuser"), name: "新用户", unitId: w.unitA.id, password: "Strong#Pass2026" }),
  },
  "user.update": { target: inHome, input: (w) => ({ id: w.targetUser.id, name: "改名", unitId: w.unitA.id, version: 1 }) },
  "user.disable": { target: inHome, input: (w) => ({ id: w.targetUser.id, version: 1 }) },
  "user.enable": { target: inHome, input: (w) => ({ id: w.targetUser.id, version: 1 }) },
  "user.resetPassword": { target: inHome, input: (w) => ({ id: w.targetUser.id, password: "Strong#Pass2026", version: 1 }) },
  "role.grant": { target: inHome, input: (w) => ({ userId: w.targetUser.id, role: "LEADER" }) },
  "role.revoke": { target: inHome, input: (w) => ({ id: w.targetGrant.id }) },
  // Long-lived API tokens: the system administrator issues and revokes them for users of the committee.
  "apiToken.create": { target: inHome, input: (w) => ({ userId: w.targetUser.id, name: "接口", expiresInDays: 30 }) },
  "apiToken.revoke": { target: inHome, input: (w) => ({ id: w.apiToken.id }) },
  "unit.create": { target: inOwn, input: () => ({ name: unique("新单位"), kind: "GOV_DEPT" }) },
  "unit.rename": { target: inHome, input: (w) => ({ id: w.unitB.id, name: unique("改名单位"), version: 1 }) },
  "unit.deactivate": { target: inHome, input: (w) => ({ id: w.unitB.id, version: 1 }) },
  "unit.reactivate": { target: inHome, input: (w) => ({ id: w.unitB.id, version: 1 }) },
  "unit.merge": { target: inHome, input: (w) => ({ id: w.unitB.id, intoId: w.unitA.id, version: 1 }) },
  "group.create": { target: inOwn, input: () => ({ name: unique("新专项小组"), shortName: unique("新") }) },
  "group.rename": { target: inHome, input: (w) => ({ id: w.groupB.id, name: unique("改名小组"), shortName: unique("改"), version: 1 }) },
  "group.setLiaisonUnit": { target: inHome, input: (w) => ({ id: w.groupB.id, liaisonUnitId: w.unitA.id, version: 1 }) },
  "group.addMember": { target: inHome, input: (w) => ({ groupId: w.groupB.id, role: "MEMBER_UNIT", unitId: w.unitA.id }) },
  "group.removeMember": { target: inHome, input: (w) => ({ id: w.member.id }) },
  "settings.update": { target: inOwn, input: () => SETTINGS },
  "settings.updateSecurityPolicy": {
    target: inOwn,
    input: () => ({
      passwordMinLength: 10,
      passwordMaxAgeDaysAdmin: 90,
      lockoutThreshold: 5,
      lockoutMinutes: 30,
      requireTotpForAdmins: false,
      version: 1,
    }),
  },
  // One's own account: the actor's own committee, whoever they are.
  "account.changePassword": {
    target: inOwn,
    input: () => ({ currentPassword: TEST_PASSWORD, newPassword: "Strong#Pass2026x", confirmPassword: "Strong#Pass2026x" }),
  },
  "account.enableTotp": {
    target: inOwn,
    input: () => {
      const secret = newTotpSecret();
      return { secret, code: totpCode(secret, now()) };
    },
  },
  "account.disableTotp": { target: inOwn, input: () => ({ currentPassword: TEST_PASSWORD }) },
  // Reform tasks: created with the home committee's plan, group and units (elsewhere they are 404).
  "task.create": { target: inHome, input: (w) => ({ ...taskFields(w), title: "新建任务" }) },
  "task.update": { target: (w) => w.taskTarget, input: (w) => ({ ...taskFields(w), id: w.task.id, title: "改名任务", version: 1 }) },
  "milestone.complete": { target: (w) => w.taskTarget, input: (w) => ({ id: w.milestone.id, completedOn: "2026-03-20", version: 1 }) },
  // close-out evidence, chosen before the application: the lead unit (who may apply) adds and removes files
  "closeout.attach": {
    target: (w) => w.leadTarget,
    input: (w) => ({
      id: w.task.id,
      fileName: "验收报告.pdf",
      mimeType: "application/pdf",
      stagedId: w.staged.stagedId,
      storageKey: `2026/09/${crypto.randomUUID()}`,
      size: w.staged.size,
      sha256: w.staged.sha256,
    }),
  },
  "closeout.detach": { target: (w) => w.leadTarget, input: (w) => ({ id: w.evidence.id }) },
  "closeout.apply": {
    target: (w) => w.leadTarget,
    input: (w) => ({ taskId: w.task.id, summary: "已完成全部改革目标", explanation: "月报进度待更新", attachmentIds: [w.evidence.id] }),
  },
  "closeout.approve": { target: (w) => w.taskTarget, input: (w) => ({ id: w.closeOut.id, version: 1, confirmed: true }) },
  "closeout.return": { target: (w) => w.taskTarget, input: (w) => ({ id: w.closeOut.id, reason: "佐证材料不全", version: 1 }) },
  "plan.create": { target: inOwn, input: () => ({ year: 2027, title: unique("2027年工作要点") }) },
  "plan.issue": {
    target: inHome,
    input: (w) => ({
      id: w.nextPlan.id,
      docNumber: "测改〔2027〕1号",
      issuedOn: "2027-02-20",
      expectedUpdatedAt: w.nextPlan.updatedAt.toISOString(),
    }),
  },
  // 计划调整: the office, or the task's lead unit, asks (with files chosen beforehand); the office decides;
  // a key task's linked leader consents; only the requester withdraws
  "change.request": {
    target: (w) => ({ committeeId: w.home.id, groupId: w.groupB.id, unitIds: [w.unitB.id] }),
    input: (w) => ({ taskId: w.controlledTask.id, reason: "省级政策调整", dueDate: "2026-03-31" }),
  },
  "change.attach": {
    target: (w) => ({ committeeId: w.home.id, groupId: w.groupB.id, unitIds: [w.unitB.id] }),
    input: (w) => ({
      id: w.controlledTask.id,
      fileName: "批准文件.pdf",
      mimeType: "application/pdf",
      stagedId: w.staged.stagedId,
      storageKey: `2026/09/${crypto.randomUUID()}`,
      size: w.staged.size,
      sha256: w.staged.sha256,
    }),
  },
  "change.detach": {
    target: (w) => ({ committeeId: w.home.id, groupId: w.groupB.id, unitIds: [w.unitB.id] }),
    input: (w) => ({ id: w.changeFile.id }),
  },
  "change.withdraw": {
    target: (w) => ({ committeeId: w.home.id, groupId: w.groupB.id, unitIds: [w.unitB.id] }),
    input: (w) => ({ id: w.pendingChange.id, version: 1 }),
    prepare: (w, actor) => db.changeRequest.update({ where: { id: w.pendingChange.id }, data: { requestedById: actor.userId } }),
  },
  "change.decide": {
    target: (w) => w.taskTarget,
    input: (w) => ({ id: w.pendingChange.id, version: 1, decision: "reject", comment: "依据不足" }),
  },
  "change.endorse": {
    target: inHome,
    input: (w) => ({ id: w.leaderChange.id, version: 1, decision: "reject", comment: "暂不调整" }),
    prepare: (w, actor) => db.reformTask.update({ where: { id: w.keyTask.id }, data: { leaderId: actor.userId } }),
  },
  "plan.copyUnfinished": { target: inHome, input: (w) => ({ planId: w.nextPlan.id, fromPlanId: w.plan.id }) },
  "plan.update": {
    target: inHome,
    input: (w) => ({
      id: w.nextPlan.id,
      expectedUpdatedAt: w.nextPlan.updatedAt.toISOString(),
      title: unique("2027年改革工作要点（修订）"),
      docNumber: "测改发〔2027〕1号",
      issuedOn: "2027-02-01",
    }),
  },
  "workPoint.create": {
    target: inHome,
    input: (w) => ({ planId: w.plan.id, groupId: w.groupB.id, number: unique("（"), title: "新增工作要点" }),
  },
  "workPoint.update": {
    target: inHome,
    input: (w) => ({
      id: w.point.id,
      expectedUpdatedAt: w.point.updatedAt.toISOString(),
      groupId: w.groupB.id,
      number: "一、",
      title: "深化经济体制和生态文明体制改革",
    }),
  },
  "workPoint.move": { target: inHome, input: (w) => ({ id: w.secondPoint.id, direction: "up" }) },
  "workPoint.delete": { target: inHome, input: (w) => ({ id: w.point.id }) },
  "plan.import": {
    target: inHome,
    input: (w) => ({ planId: w.nextPlan.id, file: Buffer.from("not a workbook").toString("base64") }),
    allowedResult: "FAILURE",
  },
  "task.reopen": { target: (w) => w.taskTarget, input: (w) => ({ id: w.doneTask.id, reason: "上级要求继续推进", version: 1 }) },
  // Monthly progress reports: the lead unit writes its report, a cooperating unit its contribution, the office reviews.
  "report.saveDraft": {
    target: (w) => w.leadTarget,
    input: (w) => ({ taskId: w.task.id, period: "2026-10", progress: "完成方案起草", percent: 40 }),
  },
  // the API's POST /tasks/{id}/reports: save (and, when asked, submit) in one go
  "report.file": {
    target: (w) => w.leadTarget,
    input: (w) => ({ taskId: w.task.id, period: "2026-10", progress: "完成方案起草", percent: 40, submit: false }),
  },
  // evidence on a monthly report: the unit that writes it (and the office) adds and removes files
  "report.attach": {
    target: (w) => w.leadTarget,
    input: (w) => ({
      reportId: w.leadDraft.id,
      fileName: "佐证.pdf",
      mimeType: "application/pdf",
      stagedId: w.staged.stagedId,
      storageKey: `2026/09/${crypto.randomUUID()}`,
      size: w.staged.size,
      sha256: w.staged.sha256,
    }),
  },
  "report.detach": { target: (w) => w.leadTarget, input: (w) => ({ id: w.draftFile.id }) },
  "report.submit": { target: (w) => w.leadTarget, input: (w) => ({ id: w.leadDraft.id, version: 1 }) },
  "report.submitMany": { target: (w) => w.leadTarget, input: (w) => ({ ids: [{ id: w.leadDraft.id, version: 1 }] }) },
  "report.approve": { target: (w) => w.leadTarget, input: (w) => ({ id: w.leadSubmitted.id, version: 1 }) },
  "report.return": { target: (w) => w.leadTarget, input: (w) => ({ id: w.leadSubmitted.id, version: 1, comment: "请补充量化指标" }) },
  "contribution.save": {
    target: (w) => ({ committeeId: w.home.id, groupId: w.groupB.id, unitIds: [w.unitA.id] }),
    input: (w) => ({ taskId: w.task.id, period: "2026-10", progress: "配合提供数据" }),
  },
  "contribution.submit": {
    target: (w) => ({ committeeId: w.home.id, groupId: w.groupB.id, unitIds: [w.unitA.id] }),
    input: (w) => ({ id: w.contributionDraft.id, version: 1 }),
  },
  // Quarterly reports of a group: its liaisons write them (group scope), the office too; the office reviews.
  "quarterly.draft": { target: (w) => w.groupTarget, input: (w) => ({ year: 2026, quarter: 1, subjectKey: `G:${w.groupB.id}` }) },
  "quarterly.regenerate": { target: (w) => w.groupTarget, input: (w) => ({ id: w.quarterlyDraft.id, version: 1 }) },
  "quarterly.save": {
    target: (w) => w.groupTarget,
    input: (w) => ({ id: w.quarterlyDraft.id, version: 1, title: "季度报告", body: "本季度进展", problems: "", nextSteps: "下季度计划" }),
  },
  "quarterly.submit": { target: (w) => w.groupTarget, input: (w) => ({ id: w.quarterlyDraft.id, version: 1 }) },
  "quarterly.approve": { target: (w) => w.groupTarget, input: (w) => ({ id: w.quarterlySubmitted.id, version: 1 }) },
  "quarterly.return": { target: (w) => w.groupTarget, input: (w) => ({ id: w.quarterlySubmitted.id, version: 1, comment: "请补充数据" }) },
  // evidence on a quarterly report: who writes it (the group's liaisons, the office) adds and removes files
  "quarterly.attach": {
    target: (w) => w.groupTarget,
    input: (w) => ({
      id: w.quarterlyDraft.id,
      fileName: "季报佐证.pdf",
      mimeType: "application/pdf",
      stagedId: w.staged.stagedId,
      storageKey: `2026/09/${crypto.randomUUID()}`,
      size: w.staged.size,
      sha256: w.staged.sha256,
    }),
  },
  "quarterly.detach": { target: (w) => w.groupTarget, input: (w) => ({ id: w.quarterlyFile.id }) },
  // Reform information reports: a reporter writes its own unit's (the unit of its grant), the office reviews.
  "infoReport.save": {
    target: (_w, actor) => ({
      committeeId: actor.committeeId,
      unitIds: actor.roles.flatMap((grant) => (grant.unitId ? [grant.unitId] : [])),
    }),
    input: () => ({
      period: "2026-08",
      summary: "本月新增试点1项",
      items: [{ kind: "PILOT", title: "改革试点", level: "PROVINCIAL", pilotStage: "APPROVED", eventDate: "2026-08-20" }],
    }),
  },
  "infoReport.submit": {
    target: (w) => ({ committeeId: w.home.id, unitIds: [w.unitB.id] }),
    input: (w) => ({ id: w.infoDraft.id, version: 1 }),
  },
  // evidence on an item of the information report: the unit's reporters add and remove files
  "infoReport.attach": {
    target: (w) => ({ committeeId: w.home.id, unitIds: [w.unitB.id] }),
    input: (w) => ({
      id: w.infoItem.id,
      fileName: "试点批复.pdf",
      mimeType: "application/pdf",
      stagedId: w.staged.stagedId,
      storageKey: `2026/09/${crypto.randomUUID()}`,
      size: w.staged.size,
      sha256: w.staged.sha256,
    }),
  },
  "infoReport.detach": {
    target: (w) => ({ committeeId: w.home.id, unitIds: [w.unitB.id] }),
    input: (w) => ({ id: w.infoFile.id }),
  },
  "infoReport.approve": {
    target: (w) => ({ committeeId: w.home.id, unitIds: [w.unitB.id] }),
    input: (w) => ({ id: w.infoSubmitted.id, version: 1 }),
  },
  "infoReport.return": {
    target: (w) => ({ committeeId: w.home.id, unitIds: [w.unitB.id] }),
    input: (w) => ({ id: w.infoSubmitted.id, version: 1, comment: "请补充创新举措成效" }),
  },
  // 催报: the office reminds units of its committee.
  "report.remind": { target: inHome, input: (w) => ({ period: "2026-10", unitIds: [w.unitB.id], reportType: "MONTHLY_TASK" }) },
  // One's own notifications (an empty list: the fixture has none; a foreign id is tested in notifications.test.ts).
  "notification.markRead": { target: inOwn, input: () => ({ ids: [] }) },
  "notification.markAllRead": { target: inOwn, input: () => ({}) },
  "lights.updateThresholds": { target: inOwn, input: () => ({ yellowLagPoints: 12, redLagPoints: 35, milestoneRedDays: 20, version: 1 }) },
  // 督办单: the office issues, accepts, sends back and closes; the task's lead unit answers.
  "notice.issue": {
    target: (w) => w.leadTarget,
    input: (w) => ({ taskId: w.task.id, level: "GENERAL", reason: "进度滞后", responseDueDate: "2099-12-31" }),
  },
  "notice.answer": {
    target: (w) => w.leadTarget,
    input: (w) => ({ id: w.noticeIssued.id, version: 1, causeAnalysis: "原因", countermeasures: "措施", rectifyDeadline: "2099-12-31" }),
  },
  // evidence for an answer not yet given: the task's lead unit (who answers) adds and removes files
  "notice.attach": {
    target: (w) => w.leadTarget,
    input: (w) => ({
      id: w.noticeIssued.id,
      fileName: "整改方案.pdf",
      mimeType: "application/pdf",
      stagedId: w.staged.stagedId,
      storageKey: `2026/09/${crypto.randomUUID()}`,
      size: w.staged.size,
      sha256: w.staged.sha256,
    }),
  },
  "notice.detach": { target: (w) => w.leadTarget, input: (w) => ({ id: w.noticeFile.id }) },
  "notice.accept": { target: (w) => w.leadTarget, input: (w) => ({ id: w.noticeAnswered.id, version: 1 }) },
  "notice.sendBack": { target: (w) => w.leadTarget, input: (w) => ({ id: w.noticeAnswered.id, version: 1, comment: "请细化措施" }) },
  "notice.close": { target: (w) => w.leadTarget, input: (w) => ({ id: w.noticeRectifying.id, version: 1 }) },
  // The library: a unit's reporter proposes and edits its own micro-reforms; the office curates, records cases and honours.
  "micro.propose": {
    target: (w) => ({ committeeId: w.home.id, unitIds: [w.unitB.id] }),
    input: (w) => ({ unitId: w.unitB.id, title: "容缺受理", problem: "材料不全办不成", measures: "容缺后补" }),
  },
  "micro.update": {
    target: (w) => ({ committeeId: w.home.id, unitIds: [w.unitB.id] }),
    input: (w) => ({ id: w.microProposed.id, version: 1, title: "一窗通办（修改）", problem: "群众办事跑多次", measures: "一窗受理" }),
  },
  "micro.accept": {
    target: (w) => ({ committeeId: w.home.id, unitIds: [w.unitB.id] }),
    input: (w) => ({ id: w.microProposed.id, version: 1 }),
  },
  "micro.return": {
    target: (w) => ({ committeeId: w.home.id, unitIds: [w.unitB.id] }),
    input: (w) => ({ id: w.microProposed.id, version: 1, reason: "请补充成效数据" }),
  },
  "micro.promote": {
    target: (w) => ({ committeeId: w.home.id, unitIds: [w.unitB.id] }),
    input: (w) => ({ id: w.microAccepted.id, version: 1 }),
  },
  "case.create": { target: inHome, input: (w) => ({ unitId: w.unitB.id, year: 2026, title: "新典型案例", level: "PROVINCIAL" }) },
  "case.update": {
    target: inHome,
    input: (w) => ({ id: w.typicalCase.id, version: 1, unitId: w.unitB.id, year: 2026, title: "典型案例（修改）", level: "CITY" }),
  },
  "case.delete": { target: inHome, input: (w) => ({ id: w.typicalCase.id, version: 1 }) },
  "honor.create": {
    target: inHome,
    input: (w) => ({ unitId: w.unitB.id, year: 2026, title: "新表彰", kind: "PUBLICITY", level: "NATIONAL", source: "中国改革报" }),
  },
  "honor.update": {
    target: inHome,
    input: (w) => ({
      id: w.honor.id,
      version: 1,
      unitId: w.unitB.id,
      year: 2026,
      title: "表彰（修改）",
      kind: "COMMENDATION",
      level: "CITY",
    }),
  },
  "honor.delete": { target: inHome, input: (w) => ({ id: w.honor.id, version: 1 }) },
  // 考核: the office runs (in its own committee), adjusts, publishes and answers; a unit files an objection on its own score.
  "assessment.run": { target: inOwn, input: () => ({ year: 2026 }) },
  "assessment.adjust": {
    target: inHome,
    input: (w) => ({ assessmentId: w.assessmentDraft.id, version: 1, unitId: w.unitB.id, points: 2, reason: "获评市级典型案例" }),
  },
  "assessment.publish": { target: inHome, input: (w) => ({ assessmentId: w.assessmentDraft.id, version: 1 }) },
  "assessment.updateScheme": {
    target: inOwn,
    input: () => ({
      year: 2031,
      version: null,
      weights: { COMPLETION: 40, SCHEDULE: 20, TIMELINESS: 20, SUPERVISION: 10, INNOVATION: 10 },
      innovationCap: 10,
    }),
  },
  "objection.file": {
    target: (w) => ({ committeeId: w.home.id, unitIds: [w.unitB.id] }),
    input: (w) => ({ assessmentId: w.assessmentPublished.id, unitId: w.unitB.id, content: "完成率计算有误" }),
  },
  // 领导批示: a leader (in their own name) or the office (for the task's linked leader) writes, confirms
  // or asks again; the unit addressed (the task's lead unit) answers, with its evidence.
  "instruction.create": {
    target: (w) => w.taskTarget,
    input: (w) => ({ subjectType: "TASK", subjectId: w.task.id, content: "请加快推进", answerDueDate: soon() }),
  },
  "instruction.answer": {
    target: (w) => w.leadTarget,
    input: (w) => ({ id: w.instructionOpen.id, version: 1, content: "已召开专题会议" }),
  },
  "instruction.attach": {
    target: (w) => w.leadTarget,
    input: (w) => ({
      id: w.instructionOpen.id,
      fileName: "会议纪要.pdf",
      mimeType: "application/pdf",
      stagedId: w.staged.stagedId,
      storageKey: `2026/09/${crypto.randomUUID()}`,
      size: w.staged.size,
      sha256: w.staged.sha256,
    }),
  },
  "instruction.detach": { target: (w) => w.leadTarget, input: (w) => ({ id: w.instructionFile.id }) },
  "instruction.close": { target: (w) => w.taskTarget, input: (w) => ({ id: w.instructionAnswered.id, version: 1 }) },
  "instruction.reask": {
    target: (w) => w.taskTarget,
    input: (w) => ({ id: w.instructionAnswered.id, version: 1, content: "请细化措施", answerDueDate: soon() }),
  },
  "objection.answer": {
    target: (w) => ({ committeeId: w.home.id, unitIds: [w.unitB.id] }),
    input: (w) => ({ id: w.objection.id, answer: "经核实，维持原评分" }),
  },
};

/** An answer-by date a month from the app's today. */
const soon = () => new Date(now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);

function taskFields(w: World) {
  return {
    planId: w.plan.id,
    groupId: w.groupB.id,
    goal: "改革目标",
    leadUnitId: w.unitB.id,
    cooperatingUnitIds: [w.unitA.id],
    source: "SELF",
    startDate: "2026-01-01",
    dueDate: "2026-12-31",
    milestones: [{ title: "方案出台", plannedDate: "2026-03-31", plannedPercent: 30 }],
  };
}

describe("permission matrix, enforced by every service action", () => {
  it("every service module is loaded, so no action escapes this test", () => {
    expect(unloadedServiceFiles()).toEqual([]);
  });

  it("every service action has a case and a permission from the matrix", () => {
    const names = SERVICE_ACTIONS.map((action) => action.definition.name);
    expect(
      names.filter((name) => !CASES[name]),
      "service actions without a matrix case",
    ).toEqual([]);
    for (const action of SERVICE_ACTIONS) expect(ACTIONS, action.definition.name).toContain(action.definition.permission);
    expect(names.length).toBeGreaterThanOrEqual(Object.keys(CASES).length);
  });

  for (const service of SERVICE_ACTIONS) {
    const { name, permission } = service.definition;
    it(`${name} (${permission}) answers each role as the matrix says`, async () => {
      const verdicts: string[] = [];
      for (const fixture of FIXTURES) {
        const world = await buildWorld();
        const actor = await actorFor((await fixture.make(world)).id);
        const testCase = CASES[name]!;
        const expected = can(actor, permission, testCase.target(world, actor));
        await testCase.prepare?.(world, actor);
        const auditBefore = (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
        let outcome: "allowed" | "denied";
        try {
          await service(actor, testCase.input(world));
          outcome = "allowed";
        } catch (error) {
          if (!(error instanceof ForbiddenError || error instanceof NotFoundError))
            throw new Error(`${name} as ${fixture.name}: ${String(error)}`);
          outcome = "denied";
        }
        verdicts.push(`${fixture.name}: ${outcome}`);
        expect(outcome, `${name} as ${fixture.name}`).toBe(expected ? "allowed" : "denied");
        const audit = await db.auditEvent.findMany({ where: { id: { gt: auditBefore } } });
        expect(
          audit.map((row) => [row.event, row.result]),
          `${name} as ${fixture.name}: one audit row`,
        ).toEqual([[name, expected ? (testCase.allowedResult ?? "SUCCESS") : "DENIED"]]);
      }
      expect(
        verdicts.some((verdict) => verdict.endsWith("allowed")),
        `${name}: somebody may do it`,
      ).toBe(true);
    });
  }

  it("id substitution: another committee's administrators change nothing in this one", async () => {
    const world = await buildWorld();
    const outsider = await actorFor((await createUser(world.other.id, { role: "ADMIN" })).id);
    const before = await db.unit.findUniqueOrThrow({ where: { id: world.unitB.id } });
    for (const name of [
      "unit.rename",
      "unit.merge",
      "unit.deactivate",
      "group.rename",
      "group.removeMember",
      "user.disable",
      "user.update",
    ]) {
      const service = SERVICE_ACTIONS.find((action) => action.definition.name === name)!;
      await expect(service(outsider, CASES[name]!.input(world)), name).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await db.unit.findUniqueOrThrow({ where: { id: world.unitB.id } })).toEqual(before);
    expect(await db.specialGroupMember.count({ where: { id: world.member.id } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: world.targetUser.id } })).disabledAt).toBeNull();
  });
});
