// Evidence (佐证材料) on the items of a unit's reform information report (改革信息月报), on a real
// database and the local store: items keep their ids across saves (so their files stay on them);
// a scanned approval on a pilot and a phone photo of a published article stream in at real sizes;
// another unit's reporter gets 404; files are frozen with a submission and a return opens round 2;
// an item whose files went with a submission cannot be removed, one with draft files only takes them
// with it; every open and download writes one audit row.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detachFromInfoItem } from "@/lib/attachments/info";
import { downloadAttachment } from "@/lib/attachments/service";
import { resolveNames } from "@/lib/audit/names";
import { readableDetail, readerFor } from "@/lib/audit/readable";
import { db } from "@/lib/db/client";
import { messagesFor } from "@/lib/i18n/translate";
import { infoReportDetail, myInfoReport } from "@/lib/reports/info-queries";
import { approveInfoReport, returnInfoReport, saveInfoReport, submitInfoReport } from "@/lib/reports/info-service";
import { addMonths, monthKey, monthOf } from "@/lib/reports/rules";
import { now } from "@/lib/server/clock";
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";
import { jpegOf, MB, pdfOf, uploadFor } from "@/tests/support/uploads";

// A directory of this file's own: other test files upload at the same time.
process.env.UPLOAD_DIR = `.data/test-uploads-info-evidence-${process.pid}`;
const UPLOAD_DIR = path.resolve(process.env.UPLOAD_DIR);

/** Last month: always open for reporting, whatever day the tests run (June, December, New Year's Day). */
const PERIOD = addMonths(monthOf(now()), -1);
const KEY = monthKey(PERIOD);

const PILOT = { kind: "PILOT", title: "全域土地综合整治试点", level: "PROVINCIAL", pilotStage: "APPROVED", eventDate: `${KEY}-12` };
const INNOVATION = { kind: "INNOVATION", title: "“标准地”出让改革", description: "工业用地按标准出让，拿地即开工" };
const PUBLICATION = { kind: "PUBLICATION", title: "青湖县探索自然资源资产组合供应", outlet: "浙江日报", level: "PROVINCIAL" };

async function setup() {
  const committee = await createCommittee();
  const [unitA, unitB] = [
    await createUnit(committee.id, { name: "县自然资源和规划局" }),
    await createUnit(committee.id, { name: "县农业农村局" }),
  ];
  const group = await createGroup(committee.id);
  const other = await createCommittee();
  return {
    committee,
    unitA,
    reporter: await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: unitA.id, name: "填报员甲" })).id),
    outsider: await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: unitB.id, name: "他单位填报员" })).id),
    office: await actorFor((await createUser(committee.id, { role: "OFFICE", name: "改革办陈" })).id),
    leader: await actorFor((await createUser(committee.id, { role: "LEADER" })).id),
    liaison: await actorFor((await createUser(committee.id, { role: "GROUP_LIAISON", groupId: group.id })).id),
    foreignOffice: await actorFor((await createUser(other.id, { role: "OFFICE" })).id),
  };
}
type World = Awaited<ReturnType<typeof setup>>;

/** The reporter's report with a pilot, a measure and a publication; their ids in that order. */
async function draft(w: World) {
  const saved = await saveInfoReport(w.reporter, { period: KEY, summary: "本月新增省级试点1项", items: [PILOT, INNOVATION, PUBLICATION] });
  return { ...saved, pilotId: saved.itemIds[0]!, innovationId: saved.itemIds[1]!, publicationId: saved.itemIds[2]! };
}

const attach = (actor: World["reporter"], itemId: string, name: string, bytes: Buffer) =>
  uploadFor(actor, { for: "info", itemId }, { name, bytes });

const versionOf = async (id: string) => (await db.unitMonthlyReport.findUniqueOrThrow({ where: { id } })).version;

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await caught(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

async function fileAudits(id: string) {
  return db.auditEvent.findMany({
    where: { targetType: "Attachment", targetId: id, event: { in: ["attachment.download", "attachment.open"] } },
    orderBy: { id: "asc" },
  });
}

const fileNamesOf = (items: { files: { fileName: string; round: number | null }[] }[]) =>
  items.map((item) => item.files.map((file) => `${file.fileName}#${file.round}`));

describe("information report items keep their ids", () => {
  it("a save updates sent items in place, creates new ones, removes the missing ones, and returns the ids in order", async () => {
    const w = await setup();
    const first = await draft(w);
    expect(first.itemIds).toHaveLength(3);
    expect(new Set(first.itemIds).size).toBe(3);

    const second = await saveInfoReport(w.reporter, {
      period: KEY,
      summary: "本月新增省级试点1项",
      items: [
        { ...PILOT, id: first.pilotId, title: "全域土地综合整治省级试点" },
        { kind: "INNOVATION", title: "“多测合一”改革" },
        { ...PUBLICATION, id: first.publicationId },
      ],
      version: first.version,
    });
    expect(second).toMatchObject({ id: first.id, version: 2 });
    expect(second.itemIds[0]).toBe(first.pilotId);
    expect(second.itemIds[2]).toBe(first.publicationId);
    expect(first.itemIds).not.toContain(second.itemIds[1]);
    const stored = await db.unitMonthlyReportItem.findMany({ where: { reportId: first.id }, orderBy: { sortOrder: "asc" } });
    expect(stored.map((item) => [item.id, item.title, item.sortOrder])).toEqual([
      [first.pilotId, "全域土地综合整治省级试点", 0],
      [second.itemIds[1], "“多测合一”改革", 1],
      [first.publicationId, "青湖县探索自然资源资产组合供应", 2],
    ]);
    // the reporter's page hands the ids to the form, in the same order
    expect((await myInfoReport(w.reporter, PERIOD)).items.map((item) => item.id)).toEqual(second.itemIds);

    // the readable diff of the audit row: the items line by line in words (no codes), old → new
    const audit = await db.auditEvent.findMany({ where: { event: "infoReport.save" }, orderBy: { id: "asc" } });
    expect(audit).toHaveLength(2);
    const [before, after] = (audit[1]!.changes as { items: [string, string] }).items;
    expect(before).toContain("创新举措「“标准地”出让改革」");
    expect(after).toContain("试点获批/验收「全域土地综合整治省级试点」（省级，获批");
    expect(`${before}\n${after}`).not.toMatch(/\b(PILOT|INNOVATION|PUBLICATION|PROVINCIAL|APPROVED)\b/);
    expect(after).toContain("创新举措「“多测合一”改革」");
  });

  it("an id of another report, the same id twice or a changed kind is refused by its field, and nothing changes", async () => {
    const w = await setup();
    const mine = await draft(w);
    const theirs = await saveInfoReport(w.outsider, { period: KEY, items: [{ kind: "INNOVATION", title: "他单位举措" }] });
    const before = await db.unitMonthlyReportItem.findMany({ where: { reportId: mine.id }, orderBy: { sortOrder: "asc" } });

    const save = (items: unknown[]) => saveInfoReport(w.reporter, { period: KEY, items, version: mine.version });
    expect(await fieldErrorsOf(save([{ ...INNOVATION, id: theirs.itemIds[0] }]))).toEqual({
      "items.0.id": ["infoReports.validation.unknownItem"],
    });
    expect(
      await fieldErrorsOf(
        save([
          { ...PILOT, id: mine.pilotId },
          { ...PILOT, id: mine.pilotId },
        ]),
      ),
    ).toEqual({
      "items.1.id": ["infoReports.validation.duplicateItem"],
    });
    expect(await fieldErrorsOf(save([{ ...PUBLICATION, id: mine.pilotId }]))).toEqual({
      "items.0.kind": ["infoReports.validation.kindFixed"],
    });
    // a first save cannot adopt an existing item either
    await db.unitMonthlyReport.delete({ where: { id: theirs.id } });
    expect(await fieldErrorsOf(saveInfoReport(w.outsider, { period: KEY, items: [{ ...INNOVATION, id: mine.innovationId }] }))).toEqual({
      "items.0.id": ["infoReports.validation.unknownItem"],
    });

    expect(await versionOf(mine.id)).toBe(mine.version);
    expect(await db.unitMonthlyReportItem.findMany({ where: { reportId: mine.id }, orderBy: { sortOrder: "asc" } })).toEqual(before);
  });
});

describe("evidence on information report items", () => {
  it("a 5 MB scanned PDF on a pilot and a 4 MB phone photo on a publication stream in as round-1 files and stay over a save", async () => {
    const w = await setup();
    const report = await draft(w);
    const pdf = pdfOf(5 * MB);
    const jpeg = jpegOf(4 * MB);
    const approval = await attach(w.reporter, report.pilotId, "省自然资源厅批复.pdf", pdf);
    const clipping = await attach(w.reporter, report.publicationId, "浙江日报版面.jpg", jpeg);
    expect([approval.fileName, approval.size, approval.mimeType, approval.round, approval.uploadedBy]).toEqual([
      "省自然资源厅批复.pdf",
      5 * MB,
      "application/pdf",
      1,
      "填报员甲",
    ]);
    expect([clipping.size, clipping.mimeType, clipping.round]).toEqual([4 * MB, "image/jpeg", 1]);
    const rows = await db.attachment.findMany({ where: { entityType: "UnitMonthlyReportItem" }, orderBy: { createdAt: "asc" } });
    expect(rows.map((row) => [row.entityId, row.committeeId, row.sha256])).toEqual([
      [report.pilotId, w.committee.id, crypto.createHash("sha256").update(pdf).digest("hex")],
      [report.publicationId, w.committee.id, crypto.createHash("sha256").update(jpeg).digest("hex")],
    ]);
    expect(fs.readFileSync(path.join(UPLOAD_DIR, rows[0]!.storageKey)).equals(pdf)).toBe(true);

    // an edit of the items keeps them: the files are still on their items
    await saveInfoReport(w.reporter, {
      period: KEY,
      summary: "本月新增省级试点1项、省级媒体报道1篇",
      items: [
        { ...PILOT, id: report.pilotId, description: "获省自然资源厅批复" },
        { ...INNOVATION, id: report.innovationId },
        { ...PUBLICATION, id: report.publicationId },
      ],
      version: report.version,
    });
    const view = await myInfoReport(w.reporter, PERIOD);
    expect(fileNamesOf(view.items)).toEqual([["省自然资源厅批复.pdf#1"], [], ["浙江日报版面.jpg#1"]]);
    expect(view.evidenceRound).toBe(1);
    expect(view.items[0]!.files[0]).toMatchObject({
      url: `/attachments/${approval.id}`,
      inlineUrl: `/attachments/${approval.id}?inline=1`,
    });
  });

  it("only the unit's reporters add files: another unit's reporter 404; the office, leaders, liaisons and other committees 403", async () => {
    const w = await setup();
    const report = await draft(w);
    const pdf = pdfOf(256 * 1024);
    await expect(attach(w.outsider, report.pilotId, "a.pdf", pdf)).rejects.toBeInstanceOf(NotFoundError);
    await expect(attach(w.foreignOffice, report.pilotId, "a.pdf", pdf)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(attach(w.liaison, report.pilotId, "a.pdf", pdf)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(attach(w.office, report.pilotId, "a.pdf", pdf)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(attach(w.leader, report.pilotId, "a.pdf", pdf)).rejects.toBeInstanceOf(ForbiddenError);
    // a hostile id, and no id at all, get a field message or a 404, never a 500
    await expect(attach(w.reporter, "../../etc/passwd", "a.pdf", pdf)).rejects.toBeInstanceOf(NotFoundError);
    await expect(uploadFor(w.reporter, { for: "info" }, { name: "a.pdf", bytes: pdf })).rejects.toMatchObject({
      fieldErrors: { itemId: ["validation.required"] },
    });
    expect(await db.attachment.count()).toBe(0);
  });

  it("a draft's files are the unit's own; once submitted the office opens them, another unit's reporter gets 404; one audit row per fetch", async () => {
    const w = await setup();
    const report = await draft(w);
    const approval = await attach(w.reporter, report.pilotId, "省自然资源厅批复.pdf", pdfOf(5 * MB));
    const clipping = await attach(w.reporter, report.publicationId, "浙江日报版面.jpg", jpegOf(4 * MB));
    // before submission the office sees neither the files nor their names
    expect((await downloadAttachment(w.office, approval.id, "zh-CN")).status).toBe(404);
    expect(fileNamesOf((await infoReportDetail(w.office, report.id)).items)).toEqual([[], [], []]);
    await submitInfoReport(w.reporter, { id: report.id, version: report.version });

    // every file id tried by each who may not see the report: 404, the name not given away, audited
    for (const file of [approval, clipping]) {
      for (const stranger of [w.outsider, w.liaison, w.foreignOffice]) {
        const before = (await fileAudits(file.id)).length;
        const denied = await downloadAttachment(stranger, file.id, "zh-CN", { inline: true });
        expect(denied.status).toBe(404);
        expect(await denied.text()).not.toContain(file.fileName);
        const audits = await fileAudits(file.id);
        expect(audits.length).toBe(before + 1);
        expect(audits.at(-1)).toMatchObject({ result: "DENIED", actorId: stranger.userId });
      }
    }

    const view = await infoReportDetail(w.office, report.id);
    expect(fileNamesOf(view.items)).toEqual([["省自然资源厅批复.pdf#1"], [], ["浙江日报版面.jpg#1"]]);
    const before = (await fileAudits(approval.id)).length;
    const inline = await downloadAttachment(w.office, approval.id, "zh-CN", { inline: true });
    expect(inline.status).toBe(200);
    expect(inline.headers.get("content-type")).toBe("application/pdf");
    expect(inline.headers.get("content-disposition")).toMatch(/^inline; /);
    expect((await inline.arrayBuffer()).byteLength).toBe(5 * MB);
    const download = await downloadAttachment(w.leader, approval.id, "en");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; /);
    expect((await download.arrayBuffer()).byteLength).toBe(5 * MB);
    expect((await fileAudits(approval.id)).slice(before).map((row) => [row.event, row.result, row.actorId])).toEqual([
      ["attachment.open", "SUCCESS", w.office.userId],
      ["attachment.download", "SUCCESS", w.leader.userId],
    ]);
    const photo = await downloadAttachment(w.office, clipping.id, "zh-CN", { inline: true });
    expect([photo.status, photo.headers.get("content-type")]).toEqual([200, "image/jpeg"]);
    expect((await photo.arrayBuffer()).byteLength).toBe(4 * MB);
  });

  it("submitted files are frozen; after a return a round-2 file is added, and an item carrying submitted files cannot be removed", async () => {
    const w = await setup();
    const report = await draft(w);
    const approval = await attach(w.reporter, report.pilotId, "试点批复.pdf", pdfOf(2 * MB));
    const draftOnly = await attach(w.reporter, report.pilotId, "初稿.pdf", pdfOf(64 * 1024));
    await detachFromInfoItem(w.reporter, { id: draftOnly.id });
    expect(await db.attachment.findUniqueOrThrow({ where: { id: draftOnly.id } })).toMatchObject({ deletedById: w.reporter.userId });
    const submitted = await submitInfoReport(w.reporter, { id: report.id, version: report.version });

    // frozen with the submission: nothing added, nothing removed
    await expect(attach(w.reporter, report.pilotId, "补充.pdf", pdfOf(64 * 1024))).rejects.toMatchObject({
      fieldErrors: { file: ["attachments.validation.frozen"] },
    });
    expect(await fieldErrorsOf(detachFromInfoItem(w.reporter, { id: approval.id }))).toEqual({ file: ["attachments.validation.frozen"] });

    const returned = await returnInfoReport(w.office, { id: report.id, version: submitted.version, comment: "请补充文章刊发版面" });
    const clipping = await attach(w.reporter, report.publicationId, "刊发版面.jpg", jpegOf(3 * MB));
    expect(clipping.round).toBe(2);
    expect((await myInfoReport(w.reporter, PERIOD)).evidenceRound).toBe(2);
    // still frozen after the return: the first submission's file is what the office received
    expect(await fieldErrorsOf(detachFromInfoItem(w.reporter, { id: approval.id }))).toEqual({ file: ["attachments.validation.frozen"] });
    // the office does not see the round-2 file until it is resubmitted
    expect((await downloadAttachment(w.office, clipping.id, "zh-CN")).status).toBe(404);
    expect(fileNamesOf((await infoReportDetail(w.office, report.id)).items)).toEqual([["试点批复.pdf#1"], [], []]);

    // the pilot carries a submitted file: it may be edited, not removed
    const withoutPilot = [
      { ...INNOVATION, id: report.innovationId },
      { ...PUBLICATION, id: report.publicationId },
    ];
    expect(await fieldErrorsOf(saveInfoReport(w.reporter, { period: KEY, items: withoutPilot, version: returned.version }))).toEqual({
      items: ["infoReports.validation.submittedItemRemoved"],
    });
    expect(await db.unitMonthlyReportItem.count({ where: { id: report.pilotId } })).toBe(1);
    const edited = await saveInfoReport(w.reporter, {
      period: KEY,
      items: [{ ...PILOT, id: report.pilotId, description: "附省厅批复原件" }, ...withoutPilot],
      version: returned.version,
    });
    expect(edited.itemIds).toEqual([report.pilotId, report.innovationId, report.publicationId]);

    await submitInfoReport(w.reporter, { id: report.id, version: edited.version });
    const view = await infoReportDetail(w.office, report.id);
    expect(fileNamesOf(view.items)).toEqual([["试点批复.pdf#1"], [], ["刊发版面.jpg#2"]]);
    expect(view.evidenceRound).toBe(3);
    expect((await downloadAttachment(w.office, clipping.id, "zh-CN")).status).toBe(200);
    await approveInfoReport(w.office, { id: report.id, version: edited.version + 1 });
    await expect(attach(w.reporter, report.innovationId, "补充.pdf", pdfOf(64 * 1024))).rejects.toMatchObject({
      fieldErrors: { file: ["attachments.validation.frozen"] },
    });
  });

  it("removing an item whose files are all of the draft round removes them too, said in the save's one audit row", async () => {
    const w = await setup();
    const report = await draft(w);
    const measure = await attach(w.reporter, report.innovationId, "实施办法.pdf", pdfOf(3 * MB));
    const photo = await attach(w.reporter, report.innovationId, "现场照片.jpg", jpegOf(5 * MB));
    const kept = await attach(w.reporter, report.pilotId, "试点批复.pdf", pdfOf(1 * MB));
    const mark = (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);

    const saved = await saveInfoReport(w.reporter, {
      period: KEY,
      items: [
        { ...PILOT, id: report.pilotId },
        { ...PUBLICATION, id: report.publicationId },
      ],
      version: report.version,
    });
    expect(saved.itemIds).toEqual([report.pilotId, report.publicationId]);
    const audit = await db.auditEvent.findMany({ where: { id: { gt: mark } } });
    expect(await db.unitMonthlyReportItem.count({ where: { id: report.innovationId } })).toBe(0);
    // soft-deleted, by whom: the rows and the stored bytes stay for the record
    for (const file of [measure, photo]) {
      const row = await db.attachment.findUniqueOrThrow({ where: { id: file.id } });
      expect(row.deletedAt).not.toBeNull();
      expect(row.deletedById).toBe(w.reporter.userId);
      expect(fs.existsSync(path.join(UPLOAD_DIR, row.storageKey))).toBe(true);
      expect((await downloadAttachment(w.reporter, file.id, "zh-CN")).status).toBe(404);
    }
    expect((await db.attachment.findUniqueOrThrow({ where: { id: kept.id } })).deletedAt).toBeNull();
    expect(fileNamesOf((await myInfoReport(w.reporter, PERIOD)).items)).toEqual([["试点批复.pdf#1"], []]);

    expect(audit.map((row) => [row.event, row.result])).toEqual([["infoReport.save", "SUCCESS"]]);
    expect(audit[0]!.detail).toBe(`${KEY}; files removed with their items: 实施办法.pdf, 现场照片.jpg`);
    // and the audit page says it in words
    for (const [locale, expected] of [
      ["zh-CN", "随事项一并删除的佐证材料：实施办法.pdf、现场照片.jpg"],
      ["en", "evidence removed with its items: 实施办法.pdf, 现场照片.jpg"],
    ] as const)
      expect(readableDetail(readerFor(locale, messagesFor(locale)), audit[0]!.detail)).toContain(expected);
  });

  it("the audit rows of adding and removing a file name the file, the unit's report and the item, in words", async () => {
    const w = await setup();
    const report = await draft(w);
    const file = await attach(w.reporter, report.pilotId, "试点批复.pdf", pdfOf(128 * 1024));
    await detachFromInfoItem(w.reporter, { id: file.id });
    const rows = await db.auditEvent.findMany({ where: { targetId: file.id }, orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.event, row.result, row.targetType])).toEqual([
      ["infoReport.attach", "SUCCESS", "Attachment"],
      ["infoReport.detach", "SUCCESS", "Attachment"],
    ]);
    const reader = readerFor("zh-CN", messagesFor("zh-CN"), await resolveNames([w.committee.id], [report.id]));
    const month = `${PERIOD.getUTCFullYear()}年${PERIOD.getUTCMonth() + 1}月`;
    expect(readableDetail(reader, rows[0]!.detail)).toBe(
      `试点批复.pdf（131,072 字节），县自然资源和规划局 ${month}「全域土地综合整治试点」，第 1 次报送`,
    );
    expect(readableDetail(reader, rows[1]!.detail)).toBe(`从县自然资源和规划局 ${month}「全域土地综合整治试点」移除 试点批复.pdf`);
  });

  it("a save removing an item and uploads to it at the same time: a conflict or the file goes with the item, never a file left on nothing", async () => {
    const w = await setup();
    const report = await draft(w);
    const uploads = Array.from({ length: 3 }, (_, index) =>
      attach(w.reporter, report.innovationId, `照片${index + 1}.jpg`, jpegOf(3 * MB)),
    );
    const save = saveInfoReport(w.reporter, {
      period: KEY,
      items: [{ ...PILOT, id: report.pilotId }],
      version: report.version,
    });
    // and a second tab saving from the same version
    const stale = saveInfoReport(w.reporter, { period: KEY, summary: "另一个标签页", items: [], version: report.version });
    const outcomes = await Promise.allSettled([save, stale, ...uploads]);
    for (const outcome of outcomes)
      if (outcome.status === "rejected") {
        expect(outcome.reason).toBeInstanceOf(AppError);
        expect((outcome.reason as AppError).status).toBeGreaterThanOrEqual(400);
        expect((outcome.reason as AppError).status).toBeLessThan(500);
      }
    // exactly one of the two saves went through; the other is a conflict
    const saves = outcomes.slice(0, 2);
    expect(saves.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(saves.find((outcome) => outcome.status === "rejected")).toMatchObject({ reason: expect.any(ConflictError) });
    // whatever the order, no live file hangs on an item that is gone
    const items = new Set((await db.unitMonthlyReportItem.findMany({ select: { id: true } })).map((item) => item.id));
    const live = await db.attachment.findMany({ where: { entityType: "UnitMonthlyReportItem", deletedAt: null } });
    expect(live.filter((file) => !items.has(file.entityId))).toEqual([]);
  });
});
