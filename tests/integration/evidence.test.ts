// Evidence files (佐证材料) on monthly progress reports, on a real database and the local store:
// streamed multipart uploads with real sizes and magic bytes, who may add and fetch files (another
// unit's reporter gets 404), one audit row per open or download, files frozen with a submission
// and added in the next round after a return, and an upload cut off mid-way leaving neither a row
// nor a file behind.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { detachFromReport, downloadAttachment } from "@/lib/attachments/service";
import type { EvidenceFile } from "@/lib/attachments/types";
import { uploadReportEvidence } from "@/lib/attachments/upload";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { reportEventsOf, reviewContext } from "@/lib/reports/progress-queries";
import { returnReport, saveContribution, saveReportDraft, submitReport } from "@/lib/reports/progress-service";
import { FILE_RESPONSE_CSP } from "@/lib/attachments/rules";
import { stageStream } from "@/lib/attachments/storage";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";
import { chunked, jpegOf, MB, multipart, pdfOf } from "@/tests/support/uploads";

process.env.APP_NOW = "2026-11-22T02:00:00.000Z";

// A directory of this file's own: other test files upload at the same time, and this one counts files.
process.env.UPLOAD_DIR = `.data/test-uploads-evidence-${process.pid}`;
const UPLOAD_DIR = path.resolve(process.env.UPLOAD_DIR);

function upload(actor: Actor, reportId: string, file: { name: string; bytes: Buffer }) {
  const { body, headers } = multipart({ reportId }, file);
  return uploadReportEvidence(actor, headers, chunked(body));
}

/** Every file under the upload directory (stored and staged). */
function filesOnDisk(): string[] {
  if (!fs.existsSync(UPLOAD_DIR)) return [];
  return (fs.readdirSync(UPLOAD_DIR, { recursive: true }) as string[])
    .map((entry) => path.join(UPLOAD_DIR, entry))
    .filter((entry) => fs.statSync(entry).isFile());
}

const stagedOnDisk = () => filesOnDisk().filter((file) => file.includes(`${path.sep}.staging${path.sep}`));

async function fileAudits(id: string) {
  return db.auditEvent.findMany({
    where: { targetType: "Attachment", targetId: id, event: { in: ["attachment.download", "attachment.open"] } },
  });
}

async function setup() {
  const committee = await createCommittee();
  const group = await createGroup(committee.id);
  const [lead, helper, other] = [await createUnit(committee.id), await createUnit(committee.id), await createUnit(committee.id)];
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年全面深化改革工作要点" } });
  const task = await db.reformTask.create({
    data: {
      committeeId: committee.id,
      year: 2026,
      planId: plan.id,
      groupId: group.id,
      code: "2026-证-001",
      title: "佐证材料测试任务",
      goal: "改革目标",
      leadUnitId: lead.id,
      source: "SELF",
      startDate: new Date("2026-01-01"),
      dueDate: new Date("2026-12-31"),
      cooperatingUnits: { create: [{ unitId: helper.id, sortOrder: 0 }] },
      milestones: { create: [{ title: "方案出台", plannedDate: new Date("2026-06-30"), plannedPercent: 40 }] },
    },
  });
  const office = await actorFor((await createUser(committee.id, { role: "OFFICE", name: "改革办审核员" })).id);
  const reporter = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: lead.id, name: "牵头填报员" })).id);
  const helperReporter = await actorFor(
    (await createUser(committee.id, { role: "UNIT_REPORTER", unitId: helper.id, name: "配合填报员" })).id,
  );
  const outsider = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: other.id, name: "他单位填报员" })).id);
  const { report } = await saveReportDraft(reporter, { taskId: task.id, period: "2026-10", progress: "完成方案起草", percent: 40 });
  return { committee, task, office, reporter, helperReporter, outsider, report };
}

describe("evidence on monthly progress reports", () => {
  it("a 5 MB PDF and a 12 MB JPEG stream into a draft: rows with size, hash and round 1, bytes stored intact", async () => {
    const { reporter, report } = await setup();
    const pdf = pdfOf(5 * MB);
    const jpeg = jpegOf(12 * MB);
    const first = await upload(reporter, report.id, { name: "会议纪要.pdf", bytes: pdf });
    const second = await upload(reporter, report.id, { name: "现场照片.jpg", bytes: jpeg });
    expect([first.fileName, first.size, first.mimeType, first.round]).toEqual(["会议纪要.pdf", 5 * MB, "application/pdf", 1]);
    expect([second.fileName, second.size, second.mimeType, second.round]).toEqual(["现场照片.jpg", 12 * MB, "image/jpeg", 1]);
    const rows = await db.attachment.findMany({
      where: { entityType: "ProgressReport", entityId: report.id },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((row) => row.sha256)).toEqual([
      crypto.createHash("sha256").update(pdf).digest("hex"),
      crypto.createHash("sha256").update(jpeg).digest("hex"),
    ]);
    const stored = fs.readFileSync(path.join(UPLOAD_DIR, rows[1]!.storageKey));
    expect(stored.equals(jpeg)).toBe(true);
  });

  it("a renamed HTML page, a file over the cap and an empty file are refused with a field message; nothing is saved", async () => {
    const { reporter, report } = await setup();
    const before = filesOnDisk().length;
    const stagedBefore = stagedOnDisk();
    const html = Buffer.from("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>");
    await expect(upload(reporter, report.id, { name: "x.pdf", bytes: html })).rejects.toMatchObject({
      fieldErrors: { file: ["attachments.validation.content"] },
    });
    await expect(upload(reporter, report.id, { name: "大文件.pdf", bytes: pdfOf(25 * MB) })).rejects.toMatchObject({
      fieldErrors: { file: ["attachments.validation.tooLarge"] },
    });
    await expect(upload(reporter, report.id, { name: "空.pdf", bytes: Buffer.alloc(0) })).rejects.toMatchObject({
      fieldErrors: { file: ["attachments.validation.empty"] },
    });
    await expect(upload(reporter, report.id, { name: "page.html", bytes: html })).rejects.toMatchObject({
      fieldErrors: { file: ["validation.upload.type"] },
    });
    expect(await db.attachment.count({ where: { entityId: report.id } })).toBe(0);
    expect(filesOnDisk().length).toBe(before);
    expect(stagedOnDisk()).toEqual(stagedBefore);
  });

  it("fifty files refused on their first bytes at once leave no staged file behind", async () => {
    const stagedBefore = stagedOnDisk();
    const html = Buffer.from("<!DOCTYPE html><html></html>");
    // the refusal comes on the very first chunk, before the staging file has finished opening
    const refusals = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        stageStream([html], { maxBytes: MB, headBytes: 16, head: (first) => (first[0] === 0x25 ? "ok" : "content") }),
      ),
    );
    expect(refusals.map((outcome) => outcome.status)).toEqual(Array(50).fill("rejected"));
    expect(stagedOnDisk()).toEqual(stagedBefore);
  });

  it("a body declared larger than the cap is refused before it is read", async () => {
    const { reporter, report } = await setup();
    const headers = new Headers({ "content-type": "multipart/form-data; boundary=x", "content-length": String(30 * MB) });
    let read = false;
    const body = new Readable({
      read() {
        read = true;
        this.push(null);
      },
    });
    await expect(uploadReportEvidence(reporter, headers, body)).rejects.toMatchObject({
      fieldErrors: { file: ["attachments.validation.tooLarge"] },
    });
    expect(read).toBe(false);
    expect(await db.attachment.count({ where: { entityId: report.id } })).toBe(0);
  });

  it("an upload cut off mid-way (the client went away) leaves no attachment row and no file, staged or stored", async () => {
    const { reporter, report } = await setup();
    const before = filesOnDisk();
    const { body, headers } = multipart({ reportId: report.id }, { name: "扫描件.pdf", bytes: pdfOf(8 * MB) });
    const half = body.subarray(0, 4 * MB);
    let sent = 0;
    const aborted = new Readable({
      read() {
        if (sent >= half.length) {
          this.destroy(new Error("aborted"));
          return;
        }
        this.push(half.subarray(sent, sent + 256 * 1024));
        sent += 256 * 1024;
      },
    });
    await expect(uploadReportEvidence(reporter, headers, aborted)).rejects.toBeInstanceOf(ValidationError);
    expect(sent).toBeGreaterThan(0);
    expect(await db.attachment.count({ where: { entityType: "ProgressReport", entityId: report.id } })).toBe(0);
    expect(filesOnDisk()).toEqual(before);
  });

  it("only the unit that writes the report adds files: another unit 404, a cooperating unit on the lead report 403; its own contribution works", async () => {
    const { task, reporter, helperReporter, outsider, report } = await setup();
    const stagedBefore = stagedOnDisk();
    const pdf = pdfOf(64 * 1024);
    await expect(upload(outsider, report.id, { name: "a.pdf", bytes: pdf })).rejects.toBeInstanceOf(NotFoundError);
    await expect(upload(helperReporter, report.id, { name: "a.pdf", bytes: pdf })).rejects.toBeInstanceOf(ForbiddenError);
    const { report: contribution } = await saveContribution(helperReporter, { taskId: task.id, period: "2026-10", progress: "提供数据" });
    const file = await upload(helperReporter, contribution.id, { name: "配合材料.pdf", bytes: pdf });
    expect(file.uploadedBy).toBe("配合填报员");
    await expect(upload(reporter, contribution.id, { name: "a.pdf", bytes: pdf })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.attachment.count({ where: { entityId: report.id } })).toBe(0);
    expect(stagedOnDisk()).toEqual(stagedBefore);
  });

  it("submitted files are frozen; after a return the resubmission adds a round-2 file, and the thread shows which came when", async () => {
    const { reporter, office, report } = await setup();
    const draftOnly = await upload(reporter, report.id, { name: "初稿.pdf", bytes: pdfOf(32 * 1024) });
    await detachFromReport(reporter, { id: draftOnly.id });
    expect((await db.attachment.findUniqueOrThrow({ where: { id: draftOnly.id } })).deletedById).toBe(reporter.userId);
    const first = await upload(reporter, report.id, { name: "方案.pdf", bytes: pdfOf(32 * 1024) });
    const current = await db.progressReport.findUniqueOrThrow({ where: { id: report.id } });
    await submitReport(reporter, { id: report.id, version: current.version });
    await expect(upload(reporter, report.id, { name: "补充.pdf", bytes: pdfOf(32 * 1024) })).rejects.toMatchObject({
      fieldErrors: { file: ["attachments.validation.frozen"] },
    });
    await expect(detachFromReport(reporter, { id: first.id })).rejects.toBeInstanceOf(ValidationError);

    const submitted = await db.progressReport.findUniqueOrThrow({ where: { id: report.id } });
    await returnReport(office, { id: report.id, version: submitted.version, comment: "请补充现场照片" });
    const added = await upload(reporter, report.id, { name: "现场照片.jpg", bytes: jpegOf(64 * 1024) });
    expect(added.round).toBe(2);
    await expect(detachFromReport(reporter, { id: first.id })).rejects.toMatchObject({
      fieldErrors: { file: ["attachments.validation.frozen"] },
    });
    // the office does not see the round-2 file until it is resubmitted
    expect((await downloadAttachment(office, added.id, "zh-CN")).status).toBe(404);
    const returned = await db.progressReport.findUniqueOrThrow({ where: { id: report.id } });
    await submitReport(reporter, { id: report.id, version: returned.version });

    const events = (await reportEventsOf([report.id])).get(report.id)!;
    const filesBy = (action: string) =>
      events.filter((event) => event.action === action).map((event) => event.files?.map((file) => file.fileName));
    expect(filesBy("SUBMIT")).toEqual([["方案.pdf"]]);
    expect(filesBy("RESUBMIT")).toEqual([["现场照片.jpg"]]);
    const context = await reviewContext(office, report.id);
    expect(context.files.map((file: EvidenceFile) => [file.fileName, file.round])).toEqual([
      ["方案.pdf", 1],
      ["现场照片.jpg", 2],
    ]);
    expect(context.milestones.map((milestone) => [milestone.title, milestone.state])).toEqual([["方案出台", "OVERDUE"]]);
  });

  it("only who may see the report fetches its files (another unit's reporter: 404), inline only for PDF and images, one audit row per fetch", async () => {
    const { reporter, office, helperReporter, outsider, report } = await setup();
    const pdf = await upload(reporter, report.id, { name: "会议纪要.pdf", bytes: pdfOf(5 * MB) });
    const jpeg = await upload(reporter, report.id, { name: "现场照片.jpg", bytes: jpegOf(2 * MB) });
    // a draft's files are the unit's own: the office sees them once submitted
    expect((await downloadAttachment(office, pdf.id, "zh-CN")).status).toBe(404);
    const current = await db.progressReport.findUniqueOrThrow({ where: { id: report.id } });
    await submitReport(reporter, { id: report.id, version: current.version });

    for (const file of [pdf, jpeg]) {
      const before = (await fileAudits(file.id)).length;
      const denied = await downloadAttachment(outsider, file.id, "zh-CN", { inline: true });
      expect(denied.status).toBe(404);
      expect(await denied.text()).not.toContain(file.fileName);
      const audits = await fileAudits(file.id);
      expect(audits.length).toBe(before + 1);
      expect(audits.at(-1)!.result).toBe("DENIED");
    }

    const before = (await fileAudits(pdf.id)).length;
    const inline = await downloadAttachment(office, pdf.id, "zh-CN", { inline: true });
    expect(inline.status).toBe(200);
    expect(inline.headers.get("content-type")).toBe("application/pdf");
    expect(inline.headers.get("content-disposition")).toMatch(/^inline; /);
    expect(inline.headers.get("x-content-type-options")).toBe("nosniff");
    expect(inline.headers.get("content-security-policy")).toBe(FILE_RESPONSE_CSP);
    expect((await inline.arrayBuffer()).byteLength).toBe(5 * MB);
    const download = await downloadAttachment(helperReporter, pdf.id, "zh-CN");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; /);
    await download.arrayBuffer();
    const audits = await fileAudits(pdf.id);
    expect(audits.slice(before).map((row) => [row.event, row.result, row.actorId])).toEqual([
      ["attachment.open", "SUCCESS", office.userId],
      ["attachment.download", "SUCCESS", helperReporter.userId],
    ]);
  });
});
