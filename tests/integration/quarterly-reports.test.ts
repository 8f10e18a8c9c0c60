// 季报 (the "2"): a special group's or a key task's quarterly report drafted from the quarter's
// approved monthly reports, edited, submitted, returned with a notification, resubmitted and
// approved, with its thread; and the quarter's compilation as a Word document.
process.env.APP_NOW = "2026-10-08T02:00:00.000Z"; // Q3 2026 reports are due on 10 October

import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { buildQuarterlyDocx } from "@/lib/reports/quarterly-docx";
import { getQuarterly, officeT, quarterlyCompilation, quarterlyExportResponse, quarterOverview } from "@/lib/reports/quarterly-queries";
import {
  approveQuarterly,
  draftQuarterly,
  regenerateQuarterly,
  returnQuarterly,
  saveQuarterly,
  submitQuarterly,
} from "@/lib/reports/quarterly-service";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

const Q3 = { year: 2026, quarter: 3 };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function setup() {
  const committee = await createCommittee();
  const economy = await createGroup(committee.id, { name: "经济体制和生态文明体制改革专项小组", shortName: "经济" });
  const rural = await createGroup(committee.id, { name: "农村综合改革专项小组", shortName: "农村" });
  const [liaisonUnit, lead1, lead2, lead3] = [
    await createUnit(committee.id, { name: "县发展和改革委员会" }),
    await createUnit(committee.id, { name: "县市场监督管理局" }),
    await createUnit(committee.id, { name: "县自然资源和规划局" }),
    await createUnit(committee.id, { name: "县农业农村局" }),
  ];
  await db.specialGroup.update({ where: { id: economy.id }, data: { liaisonUnitId: liaisonUnit.id, sortOrder: 1 } });
  await db.specialGroup.update({ where: { id: rural.id }, data: { sortOrder: 2 } });
  const office = await actorFor((await createUser(committee.id, { role: "OFFICE", name: "改革办甲" })).id);
  const liaisonUser = await createUser(committee.id, {
    role: "GROUP_LIAISON",
    groupId: economy.id,
    unitId: liaisonUnit.id,
    name: "彭联络",
  });
  const liaison = await actorFor(liaisonUser.id);
  const otherLiaisonUser = await createUser(committee.id, { role: "GROUP_LIAISON", groupId: rural.id, name: "农联络" });
  const otherLiaison = await actorFor(otherLiaisonUser.id);
  const reporter1 = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: lead1.id })).id);
  const reporter2User = await createUser(committee.id, { role: "UNIT_REPORTER", unitId: lead2.id });
  const reporter2 = await actorFor(reporter2User.id);
  const leaderUser = await createUser(committee.id, { role: "LEADER", name: "钱县长" });
  await db.user.update({ where: { id: leaderUser.id }, data: { isLeader: true, leaderTitle: "副县长" } });

  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年全面深化改革工作要点" } });
  const task = (code: string, title: string, groupId: string, leadUnitId: string, extra: { isKey?: boolean; leaderId?: string } = {}) =>
    db.reformTask.create({
      data: {
        committeeId: committee.id,
        year: 2026,
        planId: plan.id,
        groupId,
        code,
        title,
        goal: "改革目标",
        leadUnitId,
        source: "SELF",
        startDate: day("2026-01-01"),
        dueDate: day("2026-12-31"),
        ...extra,
      },
    });
  const business = await task("2026-经济-001", "深化营商环境改革", economy.id, lead1.id);
  const land = await task("2026-经济-002", "深化自然资源资产产权制度改革", economy.id, lead2.id, { isKey: true, leaderId: leaderUser.id });
  const homestead = await task("2026-农村-001", "稳慎推进农村宅基地制度改革", rural.id, lead3.id);

  const report = (
    taskId: string,
    unitId: string,
    month: number,
    fields: { progress: string; percent: number; problems?: string; nextSteps?: string; status?: "APPROVED" | "SUBMITTED" },
  ) => {
    const submittedAt = new Date(Date.UTC(2026, month, 3, 2));
    return db.progressReport.create({
      data: {
        taskId,
        unitId,
        kind: "LEAD",
        period: new Date(Date.UTC(2026, month - 1, 1)),
        progress: fields.progress,
        percent: fields.percent,
        problems: fields.problems ?? null,
        nextSteps: fields.nextSteps ?? null,
        status: fields.status ?? "APPROVED",
        submittedAt,
        firstSubmittedAt: submittedAt,
        reviewedAt: fields.status === "SUBMITTED" ? null : new Date(submittedAt.getTime() + 86_400_000),
      },
    });
  };
  // June belongs to Q2 and stays out of the Q3 draft.
  await report(business.id, lead1.id, 6, { progress: "二季度旧进展", percent: 20, problems: "旧问题", nextSteps: "旧计划" });
  await report(business.id, lead1.id, 7, { progress: "完成企业开办流程再造", percent: 30, problems: "七月问题", nextSteps: "七月计划" });
  await report(business.id, lead1.id, 8, { progress: "上线一网通办专区", percent: 45, problems: "八月问题", nextSteps: "八月计划" });
  await report(business.id, lead1.id, 9, {
    progress: "全县推广一日办结",
    percent: 60,
    problems: "部门数据共享不充分",
    nextSteps: "推动电子证照互认",
  });
  await report(land.id, lead2.id, 7, { progress: "开展确权登记", percent: 20, problems: "七月难点" });
  await report(land.id, lead2.id, 8, { progress: "完成资产清查", percent: 35, problems: "权属争议较多", nextSteps: "开展争议调处" });
  // submitted but not yet approved: not part of the record
  await report(land.id, lead2.id, 9, { progress: "待审核的九月进展", percent: 50, status: "SUBMITTED" });
  await report(homestead.id, lead3.id, 8, { progress: "宅基地摸底调查", percent: 40 });

  return {
    committee,
    economy,
    rural,
    lead1,
    lead2,
    office,
    liaison,
    liaisonUser,
    otherLiaison,
    otherLiaisonUser,
    reporter1,
    reporter2,
    reporter2User,
    business,
    land,
    homestead,
  };
}

async function auditMark() {
  return (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

describe("quarterly.draft", () => {
  it("compiles a group's report from the quarter's approved monthly reports of all its tasks", async () => {
    const w = await setup();
    const mark = await auditMark();
    const { id, created } = await draftQuarterly(w.liaison, { year: 2026, quarter: 3, subjectKey: `G:${w.economy.id}` });
    expect(created).toBe(true);

    const report = await db.quarterlyReport.findUniqueOrThrow({ where: { id } });
    expect(report).toMatchObject({
      committeeId: w.committee.id,
      year: 2026,
      quarter: 3,
      kind: "GROUP",
      groupId: w.economy.id,
      status: "DRAFT",
      version: 1,
      firstSubmittedAt: null,
      title: "经济体制和生态文明体制改革专项小组2026年第三季度工作报告",
    });
    // every task by code, the months in order, the latest approved percent
    expect(report.body).toContain("2026-经济-001");
    expect(report.body).toContain("2026-经济-002");
    expect(report.body).toContain("7月：完成企业开办流程再造。8月：上线一网通办专区。9月：全县推广一日办结。截至9月累计完成60%");
    expect(report.body).toContain("截至8月累计完成35%");
    expect(report.body).not.toContain("二季度旧进展");
    expect(report.body).not.toContain("待审核的九月进展");
    expect(report.body).not.toContain("2026-农村-001");
    // problems and next steps from each task's last approved month of the quarter
    expect(report.problems).toBe("1. 部门数据共享不充分。\n2. 权属争议较多。");
    expect(report.nextSteps).toBe("1. 推动电子证照互认。\n2. 开展争议调处。");

    const events = await db.workflowEvent.findMany({ where: { entityType: "QuarterlyReport", entityId: id } });
    expect(events.map((event) => [event.action, event.actorId])).toEqual([["CREATE", w.liaison.userId]]);
    const audit = await db.auditEvent.findMany({ where: { id: { gt: mark } } });
    expect(audit.map((row) => [row.event, row.result, row.targetId])).toEqual([["quarterly.draft", "SUCCESS", id]]);

    // drafting again (another tab, the office) opens the same report
    const again = await draftQuarterly(w.office, { year: 2026, quarter: 3, subjectKey: `G:${w.economy.id}` });
    expect(again).toEqual({ id, version: 1, created: false });
    expect(await db.quarterlyReport.count()).toBe(1);
  });

  it("compiles a key task's report for its lead unit's reporter, and only for a key task of the quarter", async () => {
    const w = await setup();
    const { id } = await draftQuarterly(w.reporter2, { year: 2026, quarter: 3, subjectKey: `T:${w.land.id}` });
    const report = await db.quarterlyReport.findUniqueOrThrow({ where: { id } });
    expect(report).toMatchObject({ kind: "KEY_TASK", taskId: w.land.id, unitId: w.lead2.id });
    expect(report.title).toBe("深化自然资源资产产权制度改革2026年第三季度工作报告");
    expect(report.body).toContain("8月：完成资产清查。截至8月累计完成35%");
    expect(report.problems).toBe("权属争议较多。");

    // another unit's reporter may not; a task that is not a leader-linked key task owes no such report
    expect(await rejection(draftQuarterly(w.reporter1, { year: 2026, quarter: 3, subjectKey: `T:${w.land.id}` }))).toBeInstanceOf(
      NotFoundError,
    );
    const notKey = await rejection(draftQuarterly(w.reporter1, { year: 2026, quarter: 3, subjectKey: `T:${w.business.id}` }));
    expect(notKey).toBeInstanceOf(ValidationError);
    expect((notKey as ValidationError).fieldErrors).toEqual({ subjectKey: ["quarterly.validation.notExpected"] });
    const future = await rejection(draftQuarterly(w.office, { year: 2027, quarter: 1, subjectKey: `G:${w.economy.id}` }));
    expect((future as ValidationError).fieldErrors).toEqual({ quarter: ["quarterly.validation.futureQuarter"] });
  });

  it("a liaison cannot draft another group's report, nor a reporter a group's", async () => {
    const w = await setup();
    const mark = await auditMark();
    const error = await rejection(draftQuarterly(w.otherLiaison, { year: 2026, quarter: 3, subjectKey: `G:${w.economy.id}` }));
    expect(error instanceof NotFoundError || error instanceof ForbiddenError).toBe(true);
    expect(await rejection(draftQuarterly(w.reporter1, { year: 2026, quarter: 3, subjectKey: `G:${w.economy.id}` }))).toBeInstanceOf(
      NotFoundError,
    );
    expect(await db.quarterlyReport.count()).toBe(0);
    const audit = await db.auditEvent.findMany({ where: { id: { gt: mark } } });
    expect(audit.map((row) => [row.event, row.result])).toEqual([
      ["quarterly.draft", "DENIED"],
      ["quarterly.draft", "DENIED"],
    ]);
  });
});

describe("editing, submitting and reviewing a quarterly report", () => {
  it("edit → submit → return (notifying the group's liaisons) → resubmit → approve, with the thread", async () => {
    const w = await setup();
    const { id } = await draftQuarterly(w.liaison, { year: 2026, quarter: 3, subjectKey: `G:${w.economy.id}` });

    const edit = {
      id,
      title: "经济体制和生态文明体制改革专项小组2026年第三季度工作报告",
      body: "本季度改革进展顺利。",
      problems: "数据共享不足",
      nextSteps: "",
    };
    const saved = await saveQuarterly(w.liaison, { ...edit, version: 1 });
    expect(saved.version).toBe(2);
    expect(await db.quarterlyReport.findUniqueOrThrow({ where: { id } })).toMatchObject({
      body: "本季度改革进展顺利。",
      problems: "数据共享不足",
      nextSteps: null,
    });
    // an edit based on the version before is refused, showing the report as it now is
    const stale = await rejection(saveQuarterly(w.office, { ...edit, body: "覆盖", version: 1 }));
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).current).toMatchObject({ report: { version: 2, body: "本季度改革进展顺利。" } });
    // recompiling from the data is for drafts, with the version check too
    const recompiled = await regenerateQuarterly(w.liaison, { id, version: 2 });
    expect(recompiled.version).toBe(3);
    expect((await db.quarterlyReport.findUniqueOrThrow({ where: { id } })).body).toContain("截至9月累计完成60%");
    await saveQuarterly(w.liaison, { ...edit, version: 3 });

    expect((await quarterOverview(w.liaison, Q3)).rows[0]).toMatchObject({ timeliness: "NOT_DUE", report: { status: "DRAFT" } });
    await submitQuarterly(w.liaison, { id, version: 4 });
    const submitted = await db.quarterlyReport.findUniqueOrThrow({ where: { id } });
    expect(submitted).toMatchObject({ status: "SUBMITTED", version: 5, submittedById: w.liaison.userId });
    expect(submitted.firstSubmittedAt?.toISOString()).toBe("2026-10-08T02:00:00.000Z");
    // submitted reports are the office's to review, not to edit
    const locked = await rejection(saveQuarterly(w.liaison, { ...edit, version: 5 }));
    expect((locked as ValidationError).fieldErrors).toEqual({ _form: ["quarterly.validation.notEditable"] });
    expect(await rejection(approveQuarterly(w.liaison, { id, version: 5 }))).toBeInstanceOf(ForbiddenError);

    // a return needs a comment; it notifies the group's liaisons (not other groups')
    expect(await rejection(returnQuarterly(w.office, { id, version: 5, comment: " " }))).toBeInstanceOf(ValidationError);
    const returned = await returnQuarterly(w.office, { id, version: 5, comment: "请补充重点任务的量化数据" });
    expect(returned).toMatchObject({ version: 6, notified: 1 });
    const notifications = await db.notification.findMany();
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      userId: w.liaisonUser.id,
      kind: "REPORT_RETURNED",
      title: "notifications.titles.quarterlyReturned",
      params: { subject: "经济体制和生态文明体制改革专项小组", quarter: "2026年第三" },
      body: "请补充重点任务的量化数据",
      link: `/reports/quarterly/${id}`,
    });
    expect(await db.quarterlyReport.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "RETURNED",
      reviewComment: "请补充重点任务的量化数据",
    });

    await saveQuarterly(w.liaison, { ...edit, body: "本季度改革进展顺利，企业开办时间压缩至1日。", version: 6 });
    await submitQuarterly(w.liaison, { id, version: 7 });
    await approveQuarterly(w.office, { id, version: 8, comment: "同意" });
    const approved = await db.quarterlyReport.findUniqueOrThrow({ where: { id } });
    expect(approved).toMatchObject({ status: "APPROVED", version: 9, reviewedById: w.office.userId, reviewComment: "同意" });
    expect(approved.firstSubmittedAt?.toISOString()).toBe("2026-10-08T02:00:00.000Z");
    expect(await rejection(approveQuarterly(w.office, { id, version: 9 }))).toBeInstanceOf(ValidationError);

    const detail = await getQuarterly(w.liaison, id);
    expect(detail).toMatchObject({ status: "APPROVED", timeliness: "ON_TIME", canEdit: false, canReview: false, dueOn: "2026-10-10" });
    expect(detail.thread.map((entry) => [entry.action, entry.comment, entry.actorName])).toEqual([
      ["CREATE", null, "彭联络"],
      ["SUBMIT", null, "彭联络"],
      ["RETURN", "请补充重点任务的量化数据", "改革办甲"],
      ["RESUBMIT", null, "彭联络"],
      ["APPROVE", "同意", "改革办甲"],
    ]);
    // outside the reader's reach the report does not exist
    expect(await rejection(getQuarterly(w.otherLiaison, id))).toBeInstanceOf(NotFoundError);
    expect(await rejection(getQuarterly(w.reporter1, id))).toBeInstanceOf(NotFoundError);
  });

  it("a returned key-task report notifies its lead unit's reporters", async () => {
    const w = await setup();
    const { id } = await draftQuarterly(w.reporter2, { year: 2026, quarter: 3, subjectKey: `T:${w.land.id}` });
    await submitQuarterly(w.reporter2, { id, version: 1 });
    await returnQuarterly(w.office, { id, version: 2, comment: "请说明九月进展" });
    const notifications = await db.notification.findMany();
    expect(notifications.map((row) => [row.userId, row.params])).toEqual([
      [w.reporter2User.id, { subject: "深化自然资源资产产权制度改革", quarter: "2026年第三" }],
    ]);
  });
});

describe("quarterOverview", () => {
  it("lists every expected subject with its state, scoped to what the actor writes", async () => {
    const w = await setup();
    const { id } = await draftQuarterly(w.reporter2, { year: 2026, quarter: 3, subjectKey: `T:${w.land.id}` });
    await submitQuarterly(w.reporter2, { id, version: 1 });

    const all = await quarterOverview(w.office, Q3);
    expect(all).toMatchObject({ key: "2026-Q3", dueOn: "2026-10-10" });
    expect(all.rows.map((row) => [row.kind, row.name, row.report?.status ?? null, row.timeliness, row.canWrite])).toEqual([
      ["GROUP", "经济体制和生态文明体制改革专项小组", null, "NOT_DUE", true],
      ["GROUP", "农村综合改革专项小组", null, "NOT_DUE", true],
      ["KEY_TASK", "深化自然资源资产产权制度改革", "SUBMITTED", "ON_TIME", true],
    ]);
    expect(all.rows[0]).toMatchObject({ authorUnit: "县发展和改革委员会", authorPeople: ["彭联络"] });
    expect(all.rows[2]).toMatchObject({ code: "2026-经济-002", authorUnit: "县自然资源和规划局" });
    expect(all.counts).toMatchObject({ expected: 3, submitted: 1, ON_TIME: 1, NOT_DUE: 2 });

    expect((await quarterOverview(w.liaison, Q3)).rows.map((row) => row.subjectKey)).toEqual([`G:${w.economy.id}`]);
    expect((await quarterOverview(w.reporter2, Q3)).rows.map((row) => row.subjectKey)).toEqual([`T:${w.land.id}`]);
    expect((await quarterOverview(w.reporter1, Q3)).rows).toEqual([]);
  });
});

describe("the quarter's Word compilation", () => {
  it("is a .docx whose document has the title, the sections, every group's heading and its tasks with lights", async () => {
    const w = await setup();
    const { id } = await draftQuarterly(w.liaison, { year: 2026, quarter: 3, subjectKey: `G:${w.economy.id}` });
    await submitQuarterly(w.liaison, { id, version: 1 });
    await approveQuarterly(w.office, { id, version: 2 });

    const compilation = await quarterlyCompilation(w.office, Q3);
    expect(compilation.asOf.toISOString().slice(0, 10)).toBe("2026-09-30");
    expect(compilation.groups.map((group) => [group.name, group.report !== null, group.tasks.map((task) => task.code)])).toEqual([
      ["经济体制和生态文明体制改革专项小组", true, ["2026-经济-001", "2026-经济-002"]],
      ["农村综合改革专项小组", false, ["2026-农村-001"]],
    ]);
    // the September report was approved on 4 October: on 30 September the task stood at 45%, 29 points behind plan
    expect(compilation.groups[0]!.tasks[0]).toMatchObject({ percent: 45, light: "YELLOW" });

    const zip = await JSZip.loadAsync(await buildQuarterlyDocx(compilation, officeT));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain(`${w.committee.regionName}全面深化改革2026年第三季度工作情况汇编`);
    expect(xml).toContain("县委改革办　2026年10月8日");
    expect(xml).toContain("一、专项小组工作情况");
    expect(xml).toContain("二、重点改革任务季度进展");
    expect(xml).toContain("经济体制和生态文明体制改革专项小组");
    expect(xml).toContain("农村综合改革专项小组");
    expect(xml).toContain("未报送");
    expect(xml).toContain("2026-经济-001");
    expect(xml).toContain("深化自然资源资产产权制度改革");
    for (const column of ["序号", "任务编号", "任务名称", "牵头单位", "进度", "预警"]) expect(xml).toContain(column);
    // real heading styles, A4 portrait, the light as text in a cell shaded in its colour
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>/);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:fill="FFEB9C"/);
    expect(xml).toContain("滞后");
    const styles = await zip.file("word/styles.xml")!.async("string");
    expect(styles).toContain("SimSun");
    expect(Object.keys(zip.files).some((name) => name.startsWith("word/fonts/"))).toBe(false);
  });

  it("the download is a .docx, rate-limited with the other exports and audited", async () => {
    const w = await setup();
    const mark = await auditMark();
    const response = await quarterlyExportResponse(w.office, Q3, new Date("2026-10-08T02:00:00.000Z"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(response.headers.get("Content-Disposition")).toContain(
      encodeURIComponent(`${w.committee.regionName}2026年第三季度工作情况汇编.docx`),
    );
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    expect(zip.file("word/document.xml")).not.toBeNull();
    const audit = await db.auditEvent.findMany({ where: { id: { gt: mark } } });
    expect(audit.map((row) => [row.event, row.actorId])).toEqual([["quarterly.export", w.office.userId]]);
    expect(JSON.parse(audit[0]!.detail!)).toMatchObject({ quarter: "2026-Q3", groups: 2, keyTasks: 1, submitted: 0 });
  });
});
