import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { can, visibleCommitteeIds } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { authorizeRead, defineServiceAction, type Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { awaitsAnswer, type NoticeStatusValue } from "@/lib/supervision/rules";
import { MAX_ANSWER_FILES } from "@/lib/supervision/schemas";
import { idField } from "@/lib/validation/fields";
import { attachInputSchema, type EvidenceOwner } from "./owners";
import { ANSWER, PENDING_ANSWER } from "./scopes";
import { fileSelect, toEvidenceFile } from "./service";
import { adoptStaged } from "./storage";

// Evidence for an answer to a supervision notice (督办单反馈), chosen before the answer is given:
// the files hang on the notice as "pending" (only the lead unit that must answer sees them) until
// `notice.answer` moves the chosen ones onto the answer it writes. Streamed like every upload
// (lib/attachments/upload.ts); the model is the close-out's (./closeout.ts).

/** At most this many files wait on one notice for its answer (as many as one answer may carry). */
export const MAX_PENDING_ANSWER_FILES = MAX_ANSWER_FILES;

/**
 * The notice within what the actor may read about, as the answer sees it (the task's lead unit).
 * With `lock`, the notice's row is locked and its status read again: uploads, removals and the
 * answer itself are serialized on it, so no file slips in after the answer was given.
 */
async function loadNotice(tx: Tx | typeof db, actor: Actor, noticeId: string, lock: boolean) {
  const notice = await tx.supervisionNotice.findFirst({
    where: { id: noticeId, deletedAt: null, committeeId: { in: visibleCommitteeIds(actor, "notice:read") } },
    select: { id: true, number: true, committeeId: true, status: true, task: { select: { groupId: true, leadUnitId: true } } },
  });
  if (!notice) throw new NotFoundError();
  let status: NoticeStatusValue = notice.status;
  if (lock) {
    const [row] = await (tx as Tx).$queryRaw<{ status: NoticeStatusValue }[]>`
      SELECT status::text AS status FROM "SupervisionNotice" WHERE id = ${notice.id} FOR UPDATE`;
    status = row?.status ?? status;
  }
  return {
    committeeId: notice.committeeId,
    groupId: notice.task.groupId,
    unitIds: [notice.task.leadUnitId],
    notice: { ...notice, status },
  };
}

function requireAwaited(notice: { status: NoticeStatusValue }) {
  if (!awaitsAnswer(notice.status)) throw new ValidationError({ file: ["supervision.validation.answerGiven"] });
}

async function requireRoom(tx: Tx | typeof db, noticeId: string) {
  const waiting = await tx.attachment.count({ where: { entityType: PENDING_ANSWER, entityId: noticeId, deletedAt: null } });
  if (waiting >= MAX_PENDING_ANSWER_FILES) throw new ValidationError({ file: ["attachments.validation.tooMany"] });
}

/** Before any byte is stored: may the actor add a file to this notice's answer now? */
export async function checkNoticeUpload(actor: Actor, noticeId: string): Promise<void> {
  // as the action answers: a role that answers no notice anywhere is refused whatever the id names
  if (!can(actor, "notice:answer")) throw new ForbiddenError();
  const target = await loadNotice(db, actor, noticeId, false);
  authorizeRead(actor, "notice:answer", target);
  requireAwaited(target.notice);
  await requireRoom(db, target.notice.id);
}

export const attachToNotice = defineServiceAction({
  name: "notice.attach",
  permission: "notice:answer",
  input: attachInputSchema,
  load: (tx, actor, input) => loadNotice(tx, actor, input.id, true),
  async run({ tx, actor, input, target: { notice } }) {
    requireAwaited(notice);
    await requireRoom(tx, notice.id);
    await adoptStaged(input.stagedId, input.storageKey, input.mimeType);
    const row = await tx.attachment.create({
      data: {
        committeeId: notice.committeeId,
        entityType: PENDING_ANSWER,
        entityId: notice.id,
        fileName: input.fileName,
        storageKey: input.storageKey,
        mimeType: input.mimeType,
        size: input.size,
        sha256: input.sha256,
        uploadedById: actor.userId,
      },
      select: fileSelect,
    });
    return {
      result: { file: toEvidenceFile({ ...row, uploadedBy: { name: actor.name } }) },
      audit: {
        targetType: "Attachment",
        targetId: row.id,
        detail: `${input.fileName} (${input.size} bytes, sha256 ${input.sha256}) for the answer to notice ${notice.number}`,
      },
    };
  },
});

export const detachFromNoticeSchema = z.object({ id: idField }).strict();

/**
 * Removes a file chosen for an answer not yet given (soft delete; audited). A file that went with
 * an answer stays with it: the office has read it.
 */
export const detachFromNotice = defineServiceAction({
  name: "notice.detach",
  permission: "notice:answer",
  input: detachFromNoticeSchema,
  async load(tx, actor, input) {
    const attachment = await tx.attachment.findFirst({
      where: {
        id: input.id,
        entityType: { in: [PENDING_ANSWER, ANSWER] },
        deletedAt: null,
        committeeId: { in: visibleCommitteeIds(actor, "notice:read") },
      },
      select: { id: true, entityType: true, entityId: true, fileName: true },
    });
    if (!attachment) throw new NotFoundError();
    const noticeId =
      attachment.entityType === PENDING_ANSWER
        ? attachment.entityId
        : (await tx.supervisionResponse.findUnique({ where: { id: attachment.entityId }, select: { noticeId: true } }))?.noticeId;
    if (!noticeId) throw new NotFoundError();
    return { ...(await loadNotice(tx, actor, noticeId, true)), attachment };
  },
  async run({ tx, actor, target: { notice, attachment } }) {
    if (attachment.entityType !== PENDING_ANSWER) throw new ValidationError({ file: ["supervision.validation.answerFileFrozen"] });
    await tx.attachment.update({ where: { id: attachment.id }, data: { deletedAt: now(), deletedById: actor.userId } });
    return {
      result: { id: attachment.id },
      audit: {
        targetType: "Attachment",
        targetId: attachment.id,
        detail: `${attachment.fileName} removed from the answer to notice ${notice.number}`,
      },
    };
  },
});

export const noticeOwner: EvidenceOwner = {
  field: "noticeId",
  check: checkNoticeUpload,
  attach: (actor, input) => attachToNotice(actor, input),
};
