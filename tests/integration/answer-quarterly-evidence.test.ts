// Evidence files (佐证材料) on answers to supervision notices and on quarterly reports, on a real
// database and the local store: streamed uploads at real sizes, an answer's files waiting on the
// notice for the lead unit alone and moved onto the answer it gives (a foreign id refused with
// nothing written), quarterly files by round (frozen once submitted, round 2 after a return, the
// round being prepared hidden from the office), who may fetch them (another unit's reporter: 404),
// and one audit row per upload, removal, open and download.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { detachFromNotice, MAX_PENDING_ANSWER_FILES } from "@/lib/attachments/notice";
import { detachFromQuarterly } from "@/lib/attachments/quarterly";
import { downloadAttachment } from "@/lib/attachments/service";
import type { EvidenceFile } from "@/lib/attachments/types";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { getQuarterly } from "@/lib/reports/quarterly-queries";
import { draftQuarterly, returnQuarterly, submitQuarterly } from "@/lib/reports/quarterly-service";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { getNotice } from "@/lib/supervision/queries";
import { answerNotice, issueNotice, sendBackNotice } from "@/lib/supervision/service";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";
import { jpegOf, MB, pdfOf, uploadCloseOutFile, uploadFor } from "@/tests/support/uploads";

process.env.APP_NOW = "2026-11-22T02:00:00.000Z";
// a directory of this file's own: other test files upload at the same time
process.env.UPLOAD_DIR = `.data/test-uploads-answer-quarterly-${process.pid}`;

const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

async function auditMark() {
  return (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
}
async function auditSince(mark: bigint) {
  const rows = await db.auditEvent.findMany({ where: { id: { gt: mark } }, orderBy: { id: "asc" } });
  return rows.map((row) => [row.event, row.result]);
}

/** Runs one write and checks it left exactly one audit row under its name. */
async function once<R>(name: string, write: () => Promise<R>): Promise<R> {
  const mark = await auditMark();
  const result = await write();
  expect(await auditSince(mark), name).toEqual([[name, "SUCCESS"]]);
  return result;
}

/** Fetches a file and checks the fetch wrote exactly one audit row (open, download or a refusal). */
async function fetched(actor: Actor, file: EvidenceFile, options: { inline?: boolean } = {}) {
  const mark = await auditMark();
  const response = await downloadAttachment(actor, file.id, "zh-CN", options);
  const event = options.inline && response.status === 200 ? "attachment.open" : "attachment.download";
  expect(await auditSince(mark), `${file.fileName} fetched`).toEqual([[event, response.status === 200 ? "SUCCESS" : "DENIED"]]);
  return response;
}

const refusedWith = async (promise: Promise<unknown>) => {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
};

async function setup() {
  const committee = await createCommittee();
  const group = await createGroup(committee.id, { name: "农村综合改革专项小组", shortName: "农村" });
  const otherGroup = await createGroup(committee.id, { name: "社会事业体制改革专项小组", shortName: "社会" });
  const [lead, other] = [await createUnit(committee.id, { name: "县农业农村局" }), await createUnit(committee.id, { name: "县教育局" })];
  const leaderUser = await createUser(committee.id, { role: "LEADER", name: "钱县长" });
  await db.user.update({ where: { id: leaderUser.id }, data: { isLeader: true, leaderTitle: "副县长" } });
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年全面深化改革工作要点" } });
  const task = await db.reformTask.create({
    data: {
      committeeId: committee.id,
      year: 2026,
      planId: plan.id,
      groupId: group.id,
      code: "2026-农村-011",
      title: "稳慎推进农村宅基地制度改革",
      goal: "完成宅基地制度改革试点",
      leadUnitId: lead.id,
      source: "PILOT",
      isKey: true,
      leaderId: leaderUser.id,
      startDate: new Date("2026-01-01"),
      dueDate: new Date("2026-12-31"),
    },
  });
  const office = await actorFor((await createUser(committee.id, { role: "OFFICE", name: "改革办审核员" })).id);
  const reporter = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: lead.id, name: "牵头填报员" })).id);
  const outsider = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: other.id, name: "他单位填报员" })).id);
  const liaison = await actorFor((await createUser(committee.id, { role: "GROUP_LIAISON", groupId: group.id, name: "农联络" })).id);
  const otherLiaison = await actorFor(
    (await createUser(committee.id, { role: "GROUP_LIAISON", groupId: otherGroup.id, name: "社联络" })).id,
  );
  const leader = await actorFor(leaderUser.id);
  const notice = await issueNotice(office, {
    taskId: task.id,
    level: "KEY",
    reason: "节点进度滞后，请说明原因",
    responseDueDate: "2026-12-05",
  });
  return { committee, group, lead, task, office, leader, reporter, outsider, liaison, otherLiaison, notice };
}
type World = Awaited<ReturnType<typeof setup>>;

const forNotice = (actor: Actor, noticeId: string, name: string, bytes: Buffer) =>
  uploadFor(actor, { for: "notice", noticeId }, { name, bytes });
const forQuarterly = (actor: Actor, quarterlyId: string, name: string, bytes: Buffer) =>
  uploadFor(actor, { for: "quarterly", quarterlyId }, { name, bytes });

const answer = (w: World, version: number, attachmentIds?: string[]) =>
  answerNotice(w.reporter, {
    id: w.notice.id,
    version,
    causeAnalysis: "试点村群众意愿摸底不充分，政策宣传不到位。",
    countermeasures: "逐村开展入户宣讲，两周内完成摸底。",
    rectifyDeadline: "2026-12-20",
    ...(attachmentIds ? { attachmentIds } : {}),
  });

describe("evidence on the answer to a supervision notice (督办单反馈)", () => {
  it("the lead unit answers with a 5 MB PDF and a 4 MB JPEG: they wait on the notice for it alone, then the answer carries them to the notice's readers", async () => {
    const w = await setup();
    const pdf = pdfOf(5 * MB);
    const jpeg = jpegOf(4 * MB);
    const plan = await once("notice.attach", () => forNotice(w.reporter, w.notice.id, "整改方案.pdf", pdf));
    const photo = await once("notice.attach", () => forNotice(w.reporter, w.notice.id, "入户宣讲现场.jpg", jpeg));
    expect([plan.fileName, plan.size, plan.mimeType, plan.uploadedBy]).toEqual(["整改方案.pdf", 5 * MB, "application/pdf", "牵头填报员"]);
    expect([photo.fileName, photo.size, photo.mimeType]).toEqual(["入户宣讲现场.jpg", 4 * MB, "image/jpeg"]);

    // before the answer, the files are the lead unit's work in progress
    expect((await getNotice(w.reporter, w.notice.id)).pendingFiles.map((file) => file.fileName)).toEqual([
      "整改方案.pdf",
      "入户宣讲现场.jpg",
    ]);
    expect((await getNotice(w.office, w.notice.id)).pendingFiles).toEqual([]);
    expect((await getNotice(w.liaison, w.notice.id)).pendingFiles).toEqual([]);
    for (const actor of [w.office, w.liaison, w.outsider]) expect((await fetched(actor, plan)).status).toBe(404);
    expect((await fetched(w.reporter, photo, { inline: true })).status).toBe(200);

    const answered = await once("notice.answer", () => answer(w, 1, [plan.id, photo.id]));
    const rows = await db.attachment.findMany({ where: { id: { in: [plan.id, photo.id] } }, orderBy: { createdAt: "asc" } });
    expect(rows.map((row) => [row.entityType, row.entityId, row.sha256])).toEqual([
      ["SupervisionResponse", answered.responseId, sha256(pdf)],
      ["SupervisionResponse", answered.responseId, sha256(jpeg)],
    ]);

    // the notice's page shows the answer's files to the office, with size, uploader and time
    const seen = await getNotice(w.office, w.notice.id);
    expect(seen.responses.map((response) => response.files.map((file) => [file.fileName, file.size, file.uploadedBy]))).toEqual([
      [
        ["整改方案.pdf", 5 * MB, "牵头填报员"],
        ["入户宣讲现场.jpg", 4 * MB, "牵头填报员"],
      ],
    ]);
    expect(seen.responses[0]!.files[0]!.inlineUrl).toBe(`/attachments/${plan.id}?inline=1`);

    // the office opens the PDF in the browser; the group's liaison downloads the photo; one audit row each
    const inline = await fetched(w.office, plan, { inline: true });
    expect(inline.status).toBe(200);
    expect(inline.headers.get("content-disposition")).toMatch(/^inline; /);
    expect(Buffer.from(await inline.arrayBuffer()).equals(pdf)).toBe(true);
    const download = await fetched(w.liaison, photo);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; /);
    expect((await download.arrayBuffer()).byteLength).toBe(4 * MB);

    // another unit's reporter and another group's liaison get 404, and learn nothing of the file
    for (const actor of [w.outsider, w.otherLiaison])
      for (const file of [plan, photo]) {
        const denied = await fetched(actor, file, { inline: true });
        expect(denied.status).toBe(404);
        expect(await denied.text()).not.toContain(file.fileName);
      }

    // an answer's files stay with it: no more files, none removed
    expect(await refusedWith(forNotice(w.reporter, w.notice.id, "补充.pdf", pdfOf(64 * 1024)))).toEqual({
      file: ["supervision.validation.answerGiven"],
    });
    expect(await refusedWith(detachFromNotice(w.reporter, { id: plan.id }))).toEqual({ file: ["supervision.validation.answerFileFrozen"] });
    expect(await db.attachment.count({ where: { id: plan.id, deletedAt: null } })).toBe(1);
  });

  it("an answer naming another notice's file, a removed file or a close-out file is refused on attachmentIds, and nothing is written", async () => {
    const w = await setup();
    const mine = await forNotice(w.reporter, w.notice.id, "整改方案.pdf", pdfOf(256 * 1024));
    const removed = await forNotice(w.reporter, w.notice.id, "作废.pdf", pdfOf(64 * 1024));
    await once("notice.detach", () => detachFromNotice(w.reporter, { id: removed.id }));
    expect((await db.attachment.findUniqueOrThrow({ where: { id: removed.id } })).deletedById).toBe(w.reporter.userId);
    // a second notice on another of the unit's tasks, with a file waiting for its own answer
    const { committeeId, year, planId, groupId, leadUnitId, startDate, dueDate } = w.task;
    const second = await db.reformTask.create({
      data: {
        committeeId,
        year,
        planId,
        groupId,
        leadUnitId,
        startDate,
        dueDate,
        code: "2026-农村-012",
        title: "农村集体经营性建设用地入市",
        goal: "完成入市试点",
        source: "SELF",
      },
    });
    const otherNotice = await issueNotice(w.office, {
      taskId: second.id,
      level: "GENERAL",
      reason: "进度滞后",
      responseDueDate: "2026-12-05",
    });
    const foreign = await forNotice(w.reporter, otherNotice.id, "另一份方案.pdf", pdfOf(64 * 1024));
    const closeOutFile = await uploadCloseOutFile(w.reporter, w.task.id, "验收报告.pdf", pdfOf(64 * 1024));

    const before = await db.supervisionNotice.findUniqueOrThrow({ where: { id: w.notice.id } });
    for (const ids of [[mine.id, foreign.id], [removed.id], [closeOutFile.id], ["no-such-file"]]) {
      const mark = await auditMark();
      expect(await refusedWith(answer(w, 1, ids))).toEqual({ attachmentIds: ["supervision.validation.evidenceInvalid"] });
      expect(await auditSince(mark)).toEqual([]);
    }
    // every problem at once, field by field
    const both = await refusedWith(
      answerNotice(w.reporter, {
        id: w.notice.id,
        version: 1,
        causeAnalysis: "原因",
        countermeasures: "措施",
        rectifyDeadline: "2026-11-01",
        attachmentIds: [foreign.id],
      }),
    );
    expect(both).toEqual({
      rectifyDeadline: ["supervision.validation.deadlinePast"],
      attachmentIds: ["supervision.validation.evidenceInvalid"],
    });
    // too many ids is a field message too
    expect(
      Object.keys(
        await refusedWith(
          answer(
            w,
            1,
            Array.from({ length: 21 }, (_, index) => `id${index}`),
          ),
        ),
      ),
    ).toEqual(["attachmentIds"]);

    expect(await db.supervisionNotice.findUniqueOrThrow({ where: { id: w.notice.id } })).toEqual(before);
    expect(await db.supervisionResponse.count({ where: { noticeId: w.notice.id } })).toBe(0);
    expect(await db.workflowEvent.count({ where: { entityId: w.notice.id, action: "ANSWER" } })).toBe(0);
    const files = await db.attachment.findMany({
      where: { id: { in: [mine.id, foreign.id, closeOutFile.id] } },
      orderBy: { createdAt: "asc" },
    });
    expect(files.map((file) => [file.entityType, file.entityId])).toEqual([
      ["SupervisionResponse.pending", w.notice.id],
      ["SupervisionResponse.pending", otherNotice.id],
      ["CloseOutRequest.pending", w.task.id],
    ]);

    // with its own file the answer goes through
    await answer(w, 1, [mine.id]);
    expect((await db.attachment.findUniqueOrThrow({ where: { id: mine.id } })).entityType).toBe("SupervisionResponse");
  });

  it("only the lead unit adds and removes the answer's files: another unit 404, the office and liaisons 403; each refusal audited", async () => {
    const w = await setup();
    const file = await forNotice(w.reporter, w.notice.id, "整改方案.pdf", pdfOf(64 * 1024));
    await expect(forNotice(w.outsider, w.notice.id, "x.pdf", pdfOf(1024))).rejects.toBeInstanceOf(NotFoundError);
    await expect(forNotice(w.office, w.notice.id, "x.pdf", pdfOf(1024))).rejects.toBeInstanceOf(ForbiddenError);
    for (const [actor, error] of [
      [w.outsider, NotFoundError],
      // no role of a liaison answers notices anywhere: 403 whatever the id names
      [w.otherLiaison, ForbiddenError],
      [w.office, ForbiddenError],
    ] as const) {
      const mark = await auditMark();
      await expect(detachFromNotice(actor, { id: file.id })).rejects.toBeInstanceOf(error);
      expect(await auditSince(mark)).toEqual([["notice.detach", "DENIED"]]);
    }
    expect(await db.attachment.count({ where: { entityId: w.notice.id, deletedAt: null } })).toBe(1);
  });

  it(`at most ${MAX_PENDING_ANSWER_FILES} files wait for one answer`, async () => {
    const w = await setup();
    await db.attachment.createMany({
      data: Array.from({ length: MAX_PENDING_ANSWER_FILES }, (_, index) => ({
        committeeId: w.committee.id,
        entityType: "SupervisionResponse.pending",
        entityId: w.notice.id,
        fileName: `材料${index + 1}.pdf`,
        storageKey: `2026/11/${crypto.randomUUID()}`,
        mimeType: "application/pdf",
        size: 10,
        sha256: "0".repeat(64),
      })),
    });
    expect(await refusedWith(forNotice(w.reporter, w.notice.id, "再一份.pdf", pdfOf(64 * 1024)))).toEqual({
      file: ["attachments.validation.tooMany"],
    });
  });

  it("sent back, the unit answers again with new files; each answer keeps its own in the thread", async () => {
    const w = await setup();
    const first = await forNotice(w.reporter, w.notice.id, "第一次方案.pdf", pdfOf(128 * 1024));
    await answer(w, 1, [first.id]);
    await sendBackNotice(w.office, { id: w.notice.id, version: 2, comment: "请补充现场照片" });
    const photo = await forNotice(w.reporter, w.notice.id, "整改现场.jpg", jpegOf(3 * MB));
    // the first answer's file cannot be carried again
    expect(await refusedWith(answer(w, 3, [first.id, photo.id]))).toEqual({ attachmentIds: ["supervision.validation.evidenceInvalid"] });
    await answer(w, 3, [photo.id]);
    const seen = await getNotice(w.office, w.notice.id);
    expect(seen.responses.map((response) => response.files.map((file) => file.fileName))).toEqual([["第一次方案.pdf"], ["整改现场.jpg"]]);
    expect(seen.thread.map((event) => event.action)).toEqual(["CREATE", "ANSWER", "RETURN", "RESUBMIT"]);
  });

  it("an upload racing the answer either goes with it, waits for the next one, or is refused with a message: never lost, never a 500", async () => {
    const w = await setup();
    const chosen = await forNotice(w.reporter, w.notice.id, "整改方案.pdf", pdfOf(64 * 1024));
    const [answered, ...uploads] = await Promise.allSettled([
      answer(w, 1, [chosen.id]),
      ...Array.from({ length: 4 }, (_, index) => forNotice(w.reporter, w.notice.id, `补充${index + 1}.pdf`, pdfOf(2 * MB))),
    ]);
    expect(answered.status).toBe("fulfilled");
    for (const outcome of uploads)
      if (outcome.status === "rejected")
        expect((outcome.reason as ValidationError).fieldErrors).toEqual({ file: ["supervision.validation.answerGiven"] });
    const rows = await db.attachment.findMany({ where: { committeeId: w.committee.id, deletedAt: null } });
    const landed = uploads.filter((outcome) => outcome.status === "fulfilled").length;
    expect(rows.length).toBe(1 + landed);
    // the chosen file is on the answer; the others, if any got in first, still wait on the notice
    expect(rows.filter((row) => row.entityType === "SupervisionResponse").map((row) => row.id)).toEqual([chosen.id]);
    expect(rows.filter((row) => row.entityType === "SupervisionResponse.pending").length).toBe(landed);
  });
});

describe("evidence on quarterly reports (季报)", () => {
  async function keyTaskReport(w: World) {
    const { id } = await draftQuarterly(w.reporter, { year: 2026, quarter: 3, subjectKey: `T:${w.task.id}` });
    return id;
  }
  const versionOf = async (id: string) => (await db.quarterlyReport.findUniqueOrThrow({ where: { id } })).version;

  it("a key task's report carries a 5 MB PDF and a 4 MB JPEG into its first submission; a reader sees them once submitted, another unit's reporter never", async () => {
    const w = await setup();
    const id = await keyTaskReport(w);
    const pdf = pdfOf(5 * MB);
    const jpeg = jpegOf(4 * MB);
    const minutes = await once("quarterly.attach", () => forQuarterly(w.reporter, id, "季度推进会纪要.pdf", pdf));
    const photo = await once("quarterly.attach", () => forQuarterly(w.reporter, id, "试点村现场.jpg", jpeg));
    expect([minutes.size, minutes.round, photo.size, photo.round]).toEqual([5 * MB, 1, 4 * MB, 1]);
    const draftOnly = await forQuarterly(w.reporter, id, "初稿.pdf", pdfOf(64 * 1024));
    await once("quarterly.detach", () => detachFromQuarterly(w.reporter, { id: draftOnly.id }));

    // the draft's files are its writers' (the lead unit's, and the office's, which edits any 季报); the leader reads them once submitted
    expect((await fetched(w.leader, minutes, { inline: true })).status).toBe(404);
    expect((await getQuarterly(w.leader, id)).files).toEqual([]);
    for (const writer of [w.reporter, w.office])
      expect((await getQuarterly(writer, id)).files.map((file) => [file.fileName, file.round])).toEqual([
        ["季度推进会纪要.pdf", 1],
        ["试点村现场.jpg", 1],
      ]);
    expect((await fetched(w.reporter, minutes)).status).toBe(200);

    await submitQuarterly(w.reporter, { id, version: await versionOf(id) });
    expect((await getQuarterly(w.leader, id)).files.map((file) => file.fileName)).toEqual(["季度推进会纪要.pdf", "试点村现场.jpg"]);
    expect((await fetched(w.leader, photo, { inline: true })).status).toBe(200);
    const review = await getQuarterly(w.office, id);
    expect(review.files.map((file) => [file.fileName, file.size, file.uploadedBy, file.round])).toEqual([
      ["季度推进会纪要.pdf", 5 * MB, "牵头填报员", 1],
      ["试点村现场.jpg", 4 * MB, "牵头填报员", 1],
    ]);
    const inline = await fetched(w.office, minutes, { inline: true });
    expect(inline.status).toBe(200);
    expect(inline.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await inline.arrayBuffer()).equals(pdf)).toBe(true);
    const download = await fetched(w.office, photo);
    expect(Buffer.from(await download.arrayBuffer()).equals(jpeg)).toBe(true);

    // another unit's reporter, the group's liaison (a key task's report is its lead unit's) and another group's: 404
    for (const actor of [w.outsider, w.otherLiaison, w.liaison])
      for (const file of [minutes, photo]) expect((await fetched(actor, file)).status).toBe(404);
    await expect(getQuarterly(w.outsider, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(forQuarterly(w.outsider, id, "x.pdf", pdfOf(1024))).rejects.toBeInstanceOf(NotFoundError);
    await expect(detachFromQuarterly(w.outsider, { id: minutes.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("submitted files are frozen; returned, the report adds round-2 files, hidden from its readers until resubmitted", async () => {
    const w = await setup();
    const id = await keyTaskReport(w);
    const first = await forQuarterly(w.reporter, id, "季度推进会纪要.pdf", pdfOf(256 * 1024));
    await submitQuarterly(w.reporter, { id, version: await versionOf(id) });
    expect(await refusedWith(forQuarterly(w.reporter, id, "补充.pdf", pdfOf(64 * 1024)))).toEqual({
      file: ["attachments.validation.frozen"],
    });
    expect(await refusedWith(detachFromQuarterly(w.reporter, { id: first.id }))).toEqual({ file: ["attachments.validation.frozen"] });

    await returnQuarterly(w.office, { id, version: await versionOf(id), comment: "请补充试点村现场照片" });
    const added = await forQuarterly(w.reporter, id, "试点村现场.jpg", jpegOf(3 * MB));
    expect(added.round).toBe(2);
    expect(await refusedWith(detachFromQuarterly(w.reporter, { id: first.id }))).toEqual({ file: ["attachments.validation.frozen"] });
    expect((await fetched(w.leader, added)).status).toBe(404);
    expect((await getQuarterly(w.leader, id)).files.map((file) => file.fileName)).toEqual(["季度推进会纪要.pdf"]);
    const mine = await getQuarterly(w.reporter, id);
    expect([mine.pendingRound, mine.files.map((file) => [file.fileName, file.round])]).toEqual([
      2,
      [
        ["季度推进会纪要.pdf", 1],
        ["试点村现场.jpg", 2],
      ],
    ]);

    await submitQuarterly(w.reporter, { id, version: await versionOf(id) });
    for (const reader of [w.office, w.leader])
      expect((await getQuarterly(reader, id)).files.map((file) => [file.fileName, file.round])).toEqual([
        ["季度推进会纪要.pdf", 1],
        ["试点村现场.jpg", 2],
      ]);
    expect((await fetched(w.leader, added, { inline: true })).status).toBe(200);
  });

  it("a special group's report is its liaison's: another group's liaison and the units' reporters get 404", async () => {
    const w = await setup();
    const { id } = await draftQuarterly(w.liaison, { year: 2026, quarter: 3, subjectKey: `G:${w.group.id}` });
    const file = await forQuarterly(w.liaison, id, "专项小组季度会议纪要.pdf", pdfOf(2 * MB));
    for (const actor of [w.otherLiaison, w.reporter, w.outsider]) {
      await expect(forQuarterly(actor, id, "x.pdf", pdfOf(1024))).rejects.toBeInstanceOf(NotFoundError);
      expect((await fetched(actor, file)).status).toBe(404);
    }
    // the office writes any quarterly report too, so it sees the draft's file
    expect((await fetched(w.office, file)).status).toBe(200);
  });

  it("an upload racing the submission lands in the submitted round or is refused: no file joins a round already sent", async () => {
    const w = await setup();
    const id = await keyTaskReport(w);
    const [submitted, ...uploads] = await Promise.allSettled([
      versionOf(id).then((version) => submitQuarterly(w.reporter, { id, version })),
      ...Array.from({ length: 4 }, (_, index) => forQuarterly(w.reporter, id, `材料${index + 1}.pdf`, pdfOf(2 * MB))),
    ]);
    expect(submitted.status).toBe("fulfilled");
    for (const outcome of uploads)
      if (outcome.status === "rejected")
        expect((outcome.reason as ValidationError).fieldErrors).toEqual({ file: ["attachments.validation.frozen"] });
    const rows = await db.attachment.findMany({ where: { entityId: id, deletedAt: null } });
    expect(rows.length).toBe(uploads.filter((outcome) => outcome.status === "fulfilled").length);
    // whatever got in went with the submission, and its readers see it
    expect(rows.every((row) => row.round === 1)).toBe(true);
    expect((await getQuarterly(w.leader, id)).files.length).toBe(rows.length);
  });
});
