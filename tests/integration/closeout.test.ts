import { describe, expect, it } from "vitest";
import { detachFromCloseOut } from "@/lib/attachments/closeout";
import { downloadAttachment } from "@/lib/attachments/service";
import { db } from "@/lib/db/client";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { applyCloseOut, approveCloseOut, createTask, reopenTask, returnCloseOut, updateTask } from "@/lib/tasks/service";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";
import { MB, pdfOf, uploadCloseOutFile } from "@/tests/support/uploads";

const PDF = Buffer.from("%PDF-1.7\n验收报告\n%%EOF");

async function setup() {
  const committee = await createCommittee();
  const group = await createGroup(committee.id, { shortName: "农村" });
  const [lead, helper, stranger] = [await createUnit(committee.id), await createUnit(committee.id), await createUnit(committee.id)];
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年全面深化改革工作要点" } });
  const office = await actorFor((await createUser(committee.id, { role: "OFFICE" })).id);
  const reporter = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: lead.id })).id);
  const helperReporter = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: helper.id })).id);
  const strangerReporter = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: stranger.id })).id);
  const taskInput = {
    planId: plan.id,
    groupId: group.id,
    title: "农村集体产权制度改革",
    goal: "完成股份合作制改革",
    leadUnitId: lead.id,
    cooperatingUnitIds: [helper.id],
    source: "SUPERIOR",
    startDate: "2026-01-01",
    dueDate: "2026-12-31",
    milestones: [],
  };
  const task = await createTask(office, taskInput);
  return { committee, lead, helper, office, reporter, helperReporter, strangerReporter, task, taskInput };
}

const upload = uploadCloseOutFile;

async function auditMark() {
  return (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
}
async function auditSince(mark: bigint) {
  const rows = await db.auditEvent.findMany({ where: { id: { gt: mark } }, orderBy: { id: "asc" } });
  return rows.map((row) => [row.event, row.result]);
}

/** Runs one write and checks it left exactly one successful audit row under its name. */
async function once<R>(name: string, write: () => Promise<R>): Promise<R> {
  const mark = await auditMark();
  const result = await write();
  expect(await auditSince(mark), name).toEqual([[name, "SUCCESS"]]);
  return result;
}

async function apply(w: Awaited<ReturnType<typeof setup>>) {
  const file = await once("closeout.attach", () => upload(w.reporter, w.task.id, "验收报告.pdf", PDF));
  const request = await once("closeout.apply", () =>
    applyCloseOut(w.reporter, {
      taskId: w.task.id,
      summary: "已完成全部改革目标",
      // no report approved yet: the warnings ask for an explanation (closeout-check.test.ts)
      explanation: "月报进度待更新",
      attachmentIds: [file.id],
    }),
  );
  return { file, request };
}

describe("close-out (对账销号)", () => {
  it("the lead unit's reporter applies with a PDF; the office approves: DONE at 100%, then read-only until reopened", async () => {
    const w = await setup();
    const { file, request } = await apply(w);

    expect(await db.reformTask.findUniqueOrThrow({ where: { id: w.task.id } })).toMatchObject({ status: "PENDING_CLOSE", version: 2 });
    expect(await db.closeOutRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "PENDING",
      unitId: w.lead.id,
      appliedById: w.reporter.userId,
    });
    const attachment = await db.attachment.findUniqueOrThrow({ where: { id: file.id } });
    expect(attachment).toMatchObject({
      entityType: "CloseOutRequest",
      entityId: request.id,
      mimeType: "application/pdf",
      size: PDF.length,
    });
    expect(attachment.sha256).toMatch(/^[0-9a-f]{64}$/);

    // a second application while one is pending (a double click, another tab) is refused
    const again = await upload(w.reporter, w.task.id, "补充.pdf", PDF).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(ValidationError);
    await expect(applyCloseOut(w.reporter, { taskId: w.task.id, summary: "再次申请", attachmentIds: [file.id] })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await db.closeOutRequest.count({ where: { taskId: w.task.id } })).toBe(1);

    await once("closeout.approve", () => approveCloseOut(w.office, { id: request.id, comment: "材料齐全", version: 1, confirmed: true }));
    const done = await db.reformTask.findUniqueOrThrow({ where: { id: w.task.id } });
    expect(done).toMatchObject({ status: "DONE", actualPercent: 100 });
    expect(done.closedAt).not.toBeNull();
    expect(await db.closeOutRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "APPROVED",
      decidedById: w.office.userId,
    });

    // a closed-out task is read-only (422 on the form)
    const refused = await updateTask(w.office, { ...w.taskInput, id: w.task.id, version: done.version, title: "改标题" }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors).toEqual({ _form: ["tasks.validation.doneReadOnly"] });

    await expect(reopenTask(w.office, { id: w.task.id, reason: "", version: done.version })).rejects.toBeInstanceOf(ValidationError);
    await once("task.reopen", () => reopenTask(w.office, { id: w.task.id, reason: "上级要求深化", version: done.version }));
    const reopened = await db.reformTask.findUniqueOrThrow({ where: { id: w.task.id } });
    expect(reopened).toMatchObject({ status: "ACTIVE", closedAt: null, actualPercent: 0 });
    const last = await db.changeRecord.findFirstOrThrow({
      where: { entityId: w.task.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    expect(last.reason).toBe("上级要求深化");
    expect((last.changes as Record<string, unknown>).status).toEqual(["DONE", "ACTIVE"]);

    const thread = await db.workflowEvent.findMany({ where: { entityId: request.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(thread.map((event) => [event.action, event.comment])).toEqual([
      ["SUBMIT", "已完成全部改革目标"],
      ["APPROVE", "材料齐全"],
      ["REOPEN", "上级要求深化"],
    ]);
    await updateTask(w.office, { ...w.taskInput, id: w.task.id, version: reopened.version, title: "改标题" });
  });

  it("the office returns an application with a reason: the task is active again and the unit may apply anew", async () => {
    const w = await setup();
    const { request } = await apply(w);
    await expect(returnCloseOut(w.office, { id: request.id, reason: "  ", version: 1 })).rejects.toBeInstanceOf(ValidationError);
    await once("closeout.return", () => returnCloseOut(w.office, { id: request.id, reason: "佐证材料不全", version: 1 }));

    expect((await db.reformTask.findUniqueOrThrow({ where: { id: w.task.id } })).status).toBe("ACTIVE");
    expect(await db.closeOutRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "RETURNED",
      decisionComment: "佐证材料不全",
    });
    const returned = await db.workflowEvent.findFirstOrThrow({ where: { entityId: request.id, action: "RETURN" } });
    expect(returned.comment).toBe("佐证材料不全");
    // deciding twice is refused
    await expect(approveCloseOut(w.office, { id: request.id, version: 2, confirmed: true })).rejects.toBeInstanceOf(ValidationError);

    const second = await apply(w);
    expect(second.request.id).not.toBe(request.id);
  });

  it("refuses an .html renamed .pdf on the file field, and strips paths from names", async () => {
    const w = await setup();
    const html = Buffer.from("<!doctype html><script>alert(1)</script>");
    const refused = await upload(w.reporter, w.task.id, "报告.pdf", html).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors).toEqual({ file: ["attachments.validation.content"] });
    const empty = await upload(w.reporter, w.task.id, "空.pdf", Buffer.alloc(0)).catch((error: unknown) => error);
    expect((empty as ValidationError).fieldErrors).toEqual({ file: ["attachments.validation.empty"] });
    const exe = await upload(w.reporter, w.task.id, "tool.exe", Buffer.from("MZ")).catch((error: unknown) => error);
    expect((exe as ValidationError).fieldErrors).toEqual({ file: ["validation.upload.type"] });
    expect(await db.attachment.count({ where: { entityId: w.task.id } })).toBe(0);

    const stored = await upload(w.reporter, w.task.id, "../../etc/证明.pdf", PDF);
    expect(stored.fileName).toBe("证明.pdf");
  });

  it("a cooperating unit's reporter, another unit's reporter and the office cannot apply; each refusal is audited", async () => {
    const w = await setup();
    const file = await upload(w.reporter, w.task.id, "验收报告.pdf", PDF);
    const input = { taskId: w.task.id, summary: "申请销号", attachmentIds: [file.id] };
    for (const actor of [w.helperReporter, w.strangerReporter, w.office]) {
      const mark = await auditMark();
      const error = await applyCloseOut(actor, input).catch((caught: unknown) => caught);
      expect(error instanceof ForbiddenError || error instanceof NotFoundError).toBe(true);
      expect(await auditSince(mark)).toEqual([["closeout.apply", "DENIED"]]);
      await expect(upload(actor, w.task.id, "x.pdf", PDF)).rejects.toSatisfy(
        (caught) => caught instanceof ForbiddenError || caught instanceof NotFoundError,
      );
    }
    // the office may see it but not apply: 403, not 404
    await expect(applyCloseOut(w.office, input)).rejects.toBeInstanceOf(ForbiddenError);
    // nor may a unit decide: no role of its may close tasks anywhere, so 403 whatever the id
    await expect(returnCloseOut(w.reporter, { id: "missing", reason: "x", version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.reformTask.findUniqueOrThrow({ where: { id: w.task.id } })).status).toBe("ACTIVE");
    expect(await db.closeOutRequest.count()).toBe(0);
  });

  it("files chosen before applying are the lead unit's alone until it applies; a removed one cannot be applied with", async () => {
    const w = await setup();
    const kept = await upload(w.reporter, w.task.id, "验收报告.pdf", pdfOf(4 * MB));
    const dropped = await upload(w.reporter, w.task.id, "草稿.pdf", PDF);
    expect(kept.size).toBe(4 * MB);
    // before the application: the lead unit's reporter opens it; the office and the cooperating unit get 404
    expect((await downloadAttachment(w.reporter, kept.id, "zh-CN", { inline: true })).status).toBe(200);
    for (const actor of [w.office, w.helperReporter, w.strangerReporter])
      expect((await downloadAttachment(actor, kept.id, "zh-CN")).status).toBe(404);

    await once("closeout.detach", () => detachFromCloseOut(w.reporter, { id: dropped.id }));
    await expect(detachFromCloseOut(w.helperReporter, { id: kept.id })).rejects.toBeInstanceOf(NotFoundError);
    const refused = await applyCloseOut(w.reporter, {
      taskId: w.task.id,
      summary: "已完成全部改革目标",
      explanation: "月报进度待更新",
      attachmentIds: [kept.id, dropped.id],
    }).catch((error: unknown) => error);
    expect((refused as ValidationError).fieldErrors).toMatchObject({ attachmentIds: ["tasks.validation.evidenceInvalid"] });
    expect((await db.reformTask.findUniqueOrThrow({ where: { id: w.task.id } })).status).toBe("ACTIVE");

    await applyCloseOut(w.reporter, {
      taskId: w.task.id,
      summary: "已完成全部改革目标",
      explanation: "月报进度待更新",
      attachmentIds: [kept.id],
    });
    // once applied, whoever may read the task sees it: the office that verifies, the cooperating unit
    for (const actor of [w.office, w.helperReporter]) expect((await downloadAttachment(actor, kept.id, "zh-CN")).status).toBe(200);
    expect((await downloadAttachment(w.strangerReporter, kept.id, "zh-CN")).status).toBe(404);
  });

  it("downloads go to those who may read the task, as attachments with safe headers, and are audited", async () => {
    const w = await setup();
    const { file } = await apply(w);

    const mark = await auditMark();
    const response = await downloadAttachment(w.helperReporter, file.id, "zh-CN");
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent("验收报告.pdf")}`,
    );
    expect(await auditSince(mark)).toEqual([["attachment.download", "SUCCESS"]]);

    const outsider = await actorFor((await createUser((await createCommittee()).id, { role: "OFFICE" })).id);
    for (const actor of [w.strangerReporter, outsider]) {
      const before = await auditMark();
      expect((await downloadAttachment(actor, file.id, "zh-CN")).status).toBe(404);
      expect(await auditSince(before)).toEqual([["attachment.download", "DENIED"]]);
    }
    expect((await downloadAttachment(null, file.id, "zh-CN")).status).toBe(401);
    expect((await downloadAttachment(w.office, "no-such-file", "en")).status).toBe(404);
  });
});
