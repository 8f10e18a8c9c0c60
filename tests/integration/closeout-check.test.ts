// Close-out that checks (issue 14 item 4): the warnings, the explanation they demand, the office's
// confirmation, the notifications, and the evidence the 核验 panel lists — on a real PostgreSQL.
import { describe, expect, it } from "vitest";
import { downloadAttachment } from "@/lib/attachments/service";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { now } from "@/lib/server/clock";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { dayOf } from "@/lib/tasks/rules";
import { closeOutReview } from "@/lib/tasks/queries";
import { applyCloseOut, approveCloseOut, createTask, returnCloseOut } from "@/lib/tasks/service";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";
import { uploadCloseOutFile } from "@/tests/support/uploads";

const DAY = 86_400_000;
const today = dayOf(now());
const iso = (offset: number) => new Date(today.getTime() + offset * DAY).toISOString().slice(0, 10);

/** A scanned-size PDF and a phone-photo-size JPEG with real magic bytes. */
function pdf(bytes: number): Buffer {
  const file = Buffer.alloc(bytes, 0x20);
  Buffer.from("%PDF-1.7\n").copy(file);
  Buffer.from("\n%%EOF\n").copy(file, bytes - 7);
  return file;
}
function jpeg(bytes: number): Buffer {
  const file = Buffer.alloc(bytes, 0x55);
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]).copy(file);
  Buffer.from([0xff, 0xd9]).copy(file, bytes - 2);
  return file;
}
const MB = 1024 * 1024;

interface World {
  committee: { id: string };
  lead: { id: string };
  office: Actor;
  office2: Actor;
  reporter: Actor;
  otherLeadReporter: Actor;
  helperReporter: Actor;
  strangerReporter: Actor;
  foreignOffice: Actor;
  task: { id: string };
}

/**
 * A task led by `lead`, half-way planned: milestone 1 (50 %) 40 days ago, milestone 2 (100 %) in
 * 90 days. `finished` completes both and approves last month's lead report at 100 %; otherwise
 * milestone 1 is open and the last approved report says 20 %.
 */
async function setup(finished: boolean): Promise<World> {
  const committee = await createCommittee();
  const group = await createGroup(committee.id, { shortName: "经济" });
  const [lead, helper, stranger] = [await createUnit(committee.id), await createUnit(committee.id), await createUnit(committee.id)];
  const plan = await db.workPlan.create({
    data: { committeeId: committee.id, year: today.getUTCFullYear(), title: "全面深化改革工作要点" },
  });
  const office = await actorFor((await createUser(committee.id, { role: "OFFICE", name: "改革办甲" })).id);
  const office2 = await actorFor((await createUser(committee.id, { role: "OFFICE", name: "改革办乙" })).id);
  const reporter = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: lead.id, name: "牵头填报员" })).id);
  const otherLeadReporter = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: lead.id })).id);
  const helperReporter = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: helper.id })).id);
  const strangerReporter = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: stranger.id })).id);
  const foreign = await createCommittee();
  const foreignOffice = await actorFor((await createUser(foreign.id, { role: "OFFICE" })).id);
  const task = await createTask(office, {
    planId: plan.id,
    groupId: group.id,
    title: "工程建设项目审批制度改革",
    goal: "实现拿地即开工",
    leadUnitId: lead.id,
    cooperatingUnitIds: [helper.id],
    source: "SELF",
    startDate: iso(-200),
    dueDate: iso(100),
    milestones: [
      { title: "完成审批流程再造", plannedDate: iso(-40), plannedPercent: 50 },
      { title: "全面推开", plannedDate: iso(90), plannedPercent: 100 },
    ],
  });
  if (finished) await db.milestone.updateMany({ where: { taskId: task.id }, data: { completedOn: new Date(today.getTime() - DAY) } });
  const lastMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  await db.progressReport.create({
    data: {
      taskId: task.id,
      unitId: lead.id,
      kind: "LEAD",
      period: lastMonth,
      progress: finished ? "全部完成" : "流程再造方案起草中",
      percent: finished ? 100 : 20,
      status: "APPROVED",
      submittedAt: new Date(today.getTime() - 10 * DAY),
      reviewedAt: new Date(today.getTime() - 8 * DAY),
    },
  });
  return { committee, lead, office, office2, reporter, otherLeadReporter, helperReporter, strangerReporter, foreignOffice, task };
}

const upload = uploadCloseOutFile;

const notificationsOf = (userId: string) =>
  db.notification.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { kind: true, title: true, body: true, link: true },
  });

describe("close-out with warnings (issue 14 item 4)", () => {
  it("with an open overdue milestone at 20 %: no explanation → field error and nothing saved; with one → saved, the office notified", async () => {
    const w = await setup(false);
    const file = await upload(w.reporter, w.task.id, "验收报告.pdf", pdf(3 * MB));
    const input = { taskId: w.task.id, summary: "审批流程再造完成", attachmentIds: [file.id] };

    for (const explanation of [undefined, "", "   "]) {
      const refused = await applyCloseOut(w.reporter, { ...input, explanation }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ValidationError);
      expect((refused as ValidationError).fieldErrors).toEqual({ explanation: ["tasks.validation.explanationRequired"] });
    }
    expect(await db.closeOutRequest.count({ where: { taskId: w.task.id } })).toBe(0);
    expect(await db.reformTask.findUniqueOrThrow({ where: { id: w.task.id } })).toMatchObject({ status: "ACTIVE", version: 1 });
    expect(await db.attachment.findUniqueOrThrow({ where: { id: file.id } })).toMatchObject({ entityType: "CloseOutRequest.pending" });
    expect(await db.notification.count({ where: { committeeId: w.committee.id } })).toBe(0);

    const request = await applyCloseOut(w.reporter, { ...input, explanation: "全面推开节点已提前完成，待下月月报更新进度" });
    expect(await db.closeOutRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "PENDING",
      summary: "审批流程再造完成",
      explanation: "全面推开节点已提前完成，待下月月报更新进度",
    });
    expect(await db.reformTask.findUniqueOrThrow({ where: { id: w.task.id } })).toMatchObject({ status: "PENDING_CLOSE" });

    // both office users, and nobody else (not the applicant, not another committee's office)
    for (const office of [w.office, w.office2]) {
      expect(await notificationsOf(office.userId)).toEqual([
        {
          kind: "CLOSEOUT_APPLIED",
          title: "notifications.titles.closeOutAppliedWithWarnings",
          body: "全面推开节点已提前完成，待下月月报更新进度",
          link: `/tasks/${w.task.id}`,
        },
      ]);
    }
    for (const other of [w.reporter, w.otherLeadReporter, w.helperReporter, w.foreignOffice])
      expect(await notificationsOf(other.userId)).toEqual([]);
  });

  it("the office cannot approve without confirming the warnings; with the confirmation the task closes and the unit's reporters hear it", async () => {
    const w = await setup(false);
    const file = await upload(w.reporter, w.task.id, "验收报告.pdf", pdf(2 * MB));
    const request = await applyCloseOut(w.reporter, {
      taskId: w.task.id,
      summary: "已完成",
      explanation: "节点已按程序调整",
      attachmentIds: [file.id],
    });

    for (const confirmed of [undefined, false]) {
      const refused = await approveCloseOut(w.office, { id: request.id, comment: "同意", version: 1, confirmed }).catch(
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(ValidationError);
      expect((refused as ValidationError).fieldErrors).toEqual({ confirmed: ["tasks.validation.confirmationRequired"] });
    }
    expect(await db.closeOutRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "PENDING", version: 1 });
    expect(await db.reformTask.findUniqueOrThrow({ where: { id: w.task.id } })).toMatchObject({
      status: "PENDING_CLOSE",
      actualPercent: 0,
    });
    expect(await notificationsOf(w.reporter.userId)).toEqual([]);

    await approveCloseOut(w.office, { id: request.id, comment: "经实地核实，同意销号", version: 1, confirmed: true });
    expect(await db.reformTask.findUniqueOrThrow({ where: { id: w.task.id } })).toMatchObject({ status: "DONE", actualPercent: 100 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { event: "closeout.approve", targetId: request.id } });
    expect(audit.detail).toContain("confirmed by the office");
    for (const reporter of [w.reporter, w.otherLeadReporter]) {
      expect(await notificationsOf(reporter.userId)).toEqual([
        {
          kind: "CLOSEOUT_DECIDED",
          title: "notifications.titles.closeOutApproved",
          body: "经实地核实，同意销号",
          link: `/tasks/${w.task.id}`,
        },
      ]);
    }
    expect(await notificationsOf(w.helperReporter.userId)).toEqual([]);
  });

  it("a return notifies the lead unit's reporters with the reason", async () => {
    const w = await setup(false);
    const file = await upload(w.reporter, w.task.id, "验收报告.pdf", pdf(MB));
    const request = await applyCloseOut(w.reporter, {
      taskId: w.task.id,
      summary: "已完成",
      explanation: "见说明",
      attachmentIds: [file.id],
    });
    await returnCloseOut(w.office, { id: request.id, reason: "节点未完成，请补充验收材料", version: 1 });
    expect(await notificationsOf(w.reporter.userId)).toEqual([
      {
        kind: "CLOSEOUT_DECIDED",
        title: "notifications.titles.closeOutReturned",
        body: "节点未完成，请补充验收材料",
        link: `/tasks/${w.task.id}`,
      },
    ]);
  });

  it("a finished task (milestones done, 100 % approved, green) is applied for without explanation and approved without confirmation", async () => {
    const w = await setup(true);
    const review = await closeOutReview(w.reporter, w.task.id);
    expect(review).toMatchObject({ warnings: [], lastApprovedPercent: 100, light: "GREEN" });
    const file = await upload(w.reporter, w.task.id, "验收报告.pdf", pdf(MB));
    const request = await applyCloseOut(w.reporter, { taskId: w.task.id, summary: "全部完成", attachmentIds: [file.id] });
    expect((await db.closeOutRequest.findUniqueOrThrow({ where: { id: request.id } })).explanation).toBeNull();
    expect((await notificationsOf(w.office.userId)).map((row) => row.title)).toEqual(["notifications.titles.closeOutApplied"]);
    await approveCloseOut(w.office, { id: request.id, version: 1 });
    expect((await db.reformTask.findUniqueOrThrow({ where: { id: w.task.id } })).status).toBe("DONE");
  });

  it("the verify panel's query lists every evidence file with name, size and uploader, and the facts; another unit's reporter gets 404", async () => {
    const w = await setup(false);
    const report = await upload(w.reporter, w.task.id, "验收报告.pdf", pdf(3 * MB));
    const photo = await upload(w.otherLeadReporter, w.task.id, "现场照片.jpg", jpeg(4 * MB));
    const request = await applyCloseOut(w.reporter, {
      taskId: w.task.id,
      summary: "已完成",
      explanation: "节点已按程序调整",
      attachmentIds: [report.id, photo.id],
    });

    const review = await closeOutReview(w.office, w.task.id);
    expect(review.requests).toHaveLength(1);
    expect(review.requests[0]).toMatchObject({
      id: request.id,
      status: "PENDING",
      summary: "已完成",
      explanation: "节点已按程序调整",
      appliedBy: "牵头填报员",
    });
    expect(
      review.requests[0]!.evidence.map(({ fileName, size, mimeType, uploadedBy, url, inlineUrl }) => ({
        fileName,
        size,
        mimeType,
        uploadedBy,
        url,
        inlineUrl,
      })),
    ).toEqual([
      {
        fileName: "验收报告.pdf",
        size: 3 * MB,
        mimeType: "application/pdf",
        uploadedBy: "牵头填报员",
        url: `/attachments/${report.id}`,
        inlineUrl: `/attachments/${report.id}?inline=1`,
      },
      {
        fileName: "现场照片.jpg",
        size: 4 * MB,
        mimeType: "image/jpeg",
        uploadedBy: w.otherLeadReporter.name,
        url: `/attachments/${photo.id}`,
        inlineUrl: `/attachments/${photo.id}?inline=1`,
      },
    ]);
    // the facts of the warning box: the light is the task's own (not "pending close-out")
    expect(review.lastApprovedPercent).toBe(20);
    expect(review.light).toBe("RED");
    expect(review.reasons).toEqual(expect.arrayContaining(["milestoneLateLong", "lagRed"]));
    expect(review.milestones).toEqual([
      expect.objectContaining({ title: "完成审批流程再造", completedOn: null, overdue: true, daysLate: 40 }),
      expect.objectContaining({ title: "全面推开", completedOn: null, overdue: false, daysLate: 0 }),
    ]);
    expect(review.warnings.map((warning) => warning.code)).toEqual(["openMilestones", "percentBelow100", "light"]);

    // the cooperating unit reads the task and its evidence; another unit and another committee do not
    expect((await closeOutReview(w.helperReporter, w.task.id)).requests[0]!.evidence).toHaveLength(2);
    for (const outsider of [w.strangerReporter, w.foreignOffice]) {
      await expect(closeOutReview(outsider, w.task.id)).rejects.toBeInstanceOf(NotFoundError);
      for (const file of [report, photo]) expect((await downloadAttachment(outsider, file.id, "zh-CN")).status).toBe(404);
    }
    const opened = await downloadAttachment(w.office, photo.id, "zh-CN");
    expect(opened.status).toBe(200);
    expect(Number(opened.headers.get("Content-Length"))).toBe(4 * MB);
  });
});
