// 督办单: issue → answer (lead unit only) → send back (thread kept) → answer again → accept → close;
// the escalation tick fires once; the Word file carries the number and the answer.
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { escalationTick } from "@/lib/supervision/escalation";
import { getNotice, listNotices, noticeDocx, noticeDraft } from "@/lib/supervision/queries";
import { parseNoticeFilters } from "@/lib/supervision/schemas";
import { acceptNotice, answerNotice, closeNotice, issueNotice, sendBackNotice } from "@/lib/supervision/service";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

process.env.APP_NOW = "2026-11-22T02:00:00.000Z";

async function setup() {
  const committee = await createCommittee();
  const other = await createCommittee();
  const group = await createGroup(committee.id, { shortName: "农村" });
  const [lead, helper] = [await createUnit(committee.id, { name: "县农业农村局" }), await createUnit(committee.id)];
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年全面深化改革工作要点" } });
  const leaderUser = await createUser(committee.id, { role: "LEADER" });
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
  const office = await actorFor((await createUser(committee.id, { role: "OFFICE" })).id);
  const leadReporterUser = await createUser(committee.id, { role: "UNIT_REPORTER", unitId: lead.id });
  const reporter = await actorFor(leadReporterUser.id);
  const helperReporter = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: helper.id })).id);
  const liaison = await actorFor((await createUser(committee.id, { role: "GROUP_LIAISON", groupId: group.id })).id);
  const leader = await actorFor(leaderUser.id);
  const otherOffice = await actorFor((await createUser(other.id, { role: "OFFICE" })).id);
  return { committee, lead, helper, task, office, reporter, leadReporterUser, helperReporter, liaison, leader, leaderUser, otherOffice };
}

const ISSUE = {
  level: "KEY",
  reason: "进度明显滞后，请限期反馈。",
  lagDescription: "序时进度90%，实际进度20%",
  responseDueDate: "2026-12-02",
};
const ANSWER = { causeAnalysis: "统筹推进力度不够", countermeasures: "成立工作专班，实行周调度", rectifyDeadline: "2026-12-31" };

const thread = async (id: string) =>
  (await db.workflowEvent.findMany({ where: { entityId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map((event) => [
    event.action,
    event.comment,
  ]);

describe("supervision notices (督办单)", () => {
  it("runs the full cycle with the permission checks, keeps the thread when sent back, numbers per committee and year", async () => {
    const w = await setup();
    const draft = await noticeDraft(w.office, w.task.id);
    expect(draft).toMatchObject({ taskId: w.task.id, light: "RED", responseDueDate: "2026-12-02" });
    expect(draft!.reason).toContain("农村集体产权制度改革");
    // the actual percent is that of the last approved report (none yet), as on the ledger
    expect(draft!.lagDescription).toMatch(/^截至2026年11月22日，序时进度\d+%，实际进度0%，滞后\d+个百分点$/);
    expect(await noticeDraft(w.reporter, w.task.id)).toBeNull();

    // only the office issues
    await expect(issueNotice(w.reporter, { taskId: w.task.id, ...ISSUE })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(issueNotice(w.otherOffice, { taskId: w.task.id, ...ISSUE })).rejects.toBeInstanceOf(NotFoundError);
    await expect(issueNotice(w.office, { taskId: w.task.id, ...ISSUE, responseDueDate: "2026-11-01" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const first = await issueNotice(w.office, { taskId: w.task.id, ...ISSUE });
    expect(first.number).toBe("测改督〔2026〕1号");
    const second = await issueNotice(w.office, { taskId: w.task.id, ...ISSUE, level: "GENERAL" });
    expect(second.number).toBe("测改督〔2026〕2号");
    expect(await db.notification.count({ where: { userId: w.leadReporterUser.id, title: "supervision.notifications.issued" } })).toBe(2);

    // only the lead unit answers: a cooperating unit's reporter is refused, the office cannot answer either
    await expect(answerNotice(w.helperReporter, { id: first.id, version: 1, ...ANSWER })).rejects.toBeInstanceOf(NotFoundError);
    await expect(answerNotice(w.office, { id: first.id, version: 1, ...ANSWER })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(answerNotice(w.reporter, { id: first.id, version: 1, ...ANSWER, causeAnalysis: " " })).rejects.toBeInstanceOf(
      ValidationError,
    );
    // the office cannot accept before an answer
    await expect(acceptNotice(w.office, { id: first.id, version: 1 })).rejects.toBeInstanceOf(ValidationError);
    const answered = await answerNotice(w.reporter, { id: first.id, version: 1, ...ANSWER });
    expect(answered).toMatchObject({ status: "ANSWERED", version: 2 });
    // a stale second tab
    await expect(answerNotice(w.reporter, { id: first.id, version: 1, ...ANSWER })).rejects.toBeInstanceOf(ConflictError);

    // only the office accepts / sends back / closes
    await expect(acceptNotice(w.reporter, { id: first.id, version: 2 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(acceptNotice(w.liaison, { id: first.id, version: 2 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(sendBackNotice(w.office, { id: first.id, version: 2, comment: "" })).rejects.toBeInstanceOf(ValidationError);
    await sendBackNotice(w.office, { id: first.id, version: 2, comment: "原因剖析流于表面，请细化" });
    expect(
      await db.notification.findFirstOrThrow({ where: { userId: w.leadReporterUser.id, title: "supervision.notifications.returned" } }),
    ).toMatchObject({ body: "原因剖析流于表面，请细化", link: `/supervision/${first.id}` });

    await answerNotice(w.reporter, { id: first.id, version: 3, ...ANSWER, causeAnalysis: "主观认识不足，统筹推进力度不够" });
    await expect(closeNotice(w.office, { id: first.id, version: 4 })).rejects.toBeInstanceOf(ValidationError);
    await acceptNotice(w.office, { id: first.id, version: 4, comment: "请按时限抓好落实" });
    await expect(closeNotice(w.reporter, { id: first.id, version: 5 })).rejects.toBeInstanceOf(ForbiddenError);
    await closeNotice(w.office, { id: first.id, version: 5, comment: "整改到位，予以办结" });

    const closed = await db.supervisionNotice.findUniqueOrThrow({ where: { id: first.id }, include: { responses: true } });
    expect(closed).toMatchObject({ status: "CLOSED", version: 6, closedById: w.office.userId });
    expect(closed.responses.map((response) => response.decision).sort()).toEqual(["ACCEPTED", "RETURNED"]);
    expect(await thread(first.id)).toEqual([
      ["CREATE", null],
      ["ANSWER", null],
      ["RETURN", "原因剖析流于表面，请细化"],
      ["RESUBMIT", null],
      ["ACCEPT", "请按时限抓好落实"],
      ["CLOSE", "整改到位，予以办结"],
    ]);
    const audit = await db.auditEvent.findMany({ where: { targetId: first.id, result: "SUCCESS" }, orderBy: { id: "asc" } });
    expect(audit.map((row) => row.event)).toEqual([
      "notice.issue",
      "notice.answer",
      "notice.sendBack",
      "notice.answer",
      "notice.accept",
      "notice.close",
    ]);

    // the detail: both answers, the thread, no more actions
    const detail = await getNotice(w.office, first.id);
    expect(detail.responses).toHaveLength(2);
    expect(detail.thread.map((event) => event.action)).toEqual(["CREATE", "ANSWER", "RETURN", "RESUBMIT", "ACCEPT", "CLOSE"]);
    expect(detail).toMatchObject({ canAnswer: false, canDecide: false, canClose: false });
    expect(await getNotice(w.reporter, second.id)).toMatchObject({ canAnswer: true, canDecide: false });
    expect(await getNotice(w.office, second.id)).toMatchObject({ canAnswer: false, canDecide: false });
  });

  it("lists within scope, with counts and filters", async () => {
    const w = await setup();
    const first = await issueNotice(w.office, { taskId: w.task.id, ...ISSUE });
    await issueNotice(w.office, { taskId: w.task.id, ...ISSUE, level: "LISTED", responseDueDate: "2026-11-22" });
    await answerNotice(w.reporter, { id: first.id, version: 1, ...ANSWER });
    const all = await listNotices(w.office, parseNoticeFilters({}));
    expect(all.total).toBe(2);
    expect(all.counts).toMatchObject({ all: 2, ISSUED: 1, ANSWERED: 1, overdue: 0 });
    expect(all.units).toEqual([{ id: w.lead.id, name: "县农业农村局" }]);
    expect((await listNotices(w.office, parseNoticeFilters({ level: "LISTED" }))).rows.map((row) => row.level)).toEqual(["LISTED"]);
    expect((await listNotices(w.office, parseNoticeFilters({ status: "ANSWERED" }))).rows.map((row) => row.id)).toEqual([first.id]);
    // on 23 November the LISTED notice (due 22 November) is overdue
    const later = new Date("2026-11-23T02:00:00Z");
    const overdue = await listNotices(w.office, parseNoticeFilters({ overdue: "1" }), later);
    expect(overdue.rows.map((row) => [row.level, row.overdue])).toEqual([["LISTED", true]]);
    expect(overdue.counts.overdue).toBe(1);
    // the lead unit, the group's liaison and the leader see them; a cooperating unit and another committee do not
    expect((await listNotices(w.reporter, parseNoticeFilters({}))).total).toBe(2);
    expect((await listNotices(w.liaison, parseNoticeFilters({}))).total).toBe(2);
    expect((await listNotices(w.leader, parseNoticeFilters({}))).total).toBe(2);
    expect((await listNotices(w.helperReporter, parseNoticeFilters({}))).total).toBe(0);
    expect((await listNotices(w.otherOffice, parseNoticeFilters({}))).total).toBe(0);
    await expect(getNotice(w.helperReporter, first.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("escalates an overdue answer once: the unit's reporters and the linked leader are told, the thread says ESCALATE", async () => {
    const w = await setup();
    const overdue = await issueNotice(w.office, { taskId: w.task.id, ...ISSUE, responseDueDate: "2026-11-25" });
    const answered = await issueNotice(w.office, { taskId: w.task.id, ...ISSUE, responseDueDate: "2026-11-25" });
    await answerNotice(w.reporter, { id: answered.id, version: 1, ...ANSWER });
    expect(await escalationTick(new Date("2026-11-25T10:00:00Z"))).toBe(0); // the due day itself is not late

    const late = new Date("2026-11-26T02:00:00Z");
    const [one, two] = await Promise.all([escalationTick(late), escalationTick(late)]);
    expect(one + two).toBe(1);
    expect(await escalationTick(late)).toBe(0);
    expect(await escalationTick(new Date("2026-12-20T02:00:00Z"))).toBe(0);

    const notifications = await db.notification.findMany({ where: { title: "supervision.notifications.escalated" } });
    expect(notifications.map((row) => row.userId).sort()).toEqual([w.leadReporterUser.id, w.leaderUser.id].sort());
    expect((await thread(overdue.id)).filter(([action]) => action === "ESCALATE")).toHaveLength(1);
    expect((await thread(answered.id)).filter(([action]) => action === "ESCALATE")).toHaveLength(0);
    const escalated = await db.supervisionNotice.findUniqueOrThrow({ where: { id: overdue.id } });
    expect(escalated.escalatedAt).toEqual(late);
    expect(escalated.version).toBe(1); // the unit's open answer form is not made stale
  });

  it("exports a notice with its answer as a Word file", async () => {
    const w = await setup();
    const notice = await issueNotice(w.office, { taskId: w.task.id, ...ISSUE });
    await answerNotice(w.reporter, { id: notice.id, version: 1, ...ANSWER });
    const file = await noticeDocx(w.reporter, notice.id);
    expect(file.fileName).toBe("测改督〔2026〕1号督办单.docx");
    const zip = await JSZip.loadAsync(file.buffer);
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("测改督〔2026〕1号");
    expect(xml).toContain(`${w.committee.name}办公室`);
    expect(xml).toContain("统筹推进力度不够");
    expect(xml).toContain("成立工作专班，实行周调度");
    expect(xml).toContain("2026年12月31日");
    await expect(noticeDocx(w.helperReporter, notice.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
