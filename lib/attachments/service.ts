import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { visibleCommitteeIds } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { createTranslator, messagesFor } from "@/lib/i18n/translate";
import type { Locale } from "@/lib/i18n/config";
import { auditBase, authorizeRead, defineServiceAction } from "@/lib/server/action";
import { recordAudit } from "@/lib/server/audit";
import { AppError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { PENDING_CLOSE_OUT } from "@/lib/tasks/service";
import { idField } from "@/lib/validation/fields";
import { checkUpload, contentDisposition, MAX_ATTACHMENT_BYTES } from "./rules";
import { readStoredFile, storeFile } from "./storage";

// Evidence files (佐证材料, SECURITY.md 14). Uploads come as base64 in JSON so a server action can
// carry them; what may be uploaded is decided by checkUpload, who may by the matrix on the record
// the file is evidence for. Downloads are authorized like reading that record, and audited.

/** base64 of the largest allowed file, so an oversized upload is refused before it is decoded */
const MAX_BASE64_LENGTH = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4;

export const uploadAttachmentSchema = z
  .object({
    /** what the file is evidence for; for a close-out application not yet made, entityId is the task */
    entityType: z.enum(["CloseOutRequest"], "validation.invalid"),
    entityId: idField,
    fileName: z.string().max(255, "validation.upload.name"),
    base64: z.string(),
  })
  .strict();

const uploadError = (reason: string) => new ValidationError({ file: [`validation.upload.${reason}`] });

function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/\s/g, "");
  if (clean.length > MAX_BASE64_LENGTH + 4) throw uploadError("tooLarge");
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) throw uploadError("content");
  return new Uint8Array(Buffer.from(clean, "base64"));
}

export const uploadAttachment = defineServiceAction({
  name: "attachment.upload",
  permission: "closeout:apply",
  input: uploadAttachmentSchema,
  async load(tx, actor, input) {
    const task = await tx.reformTask.findFirst({
      where: { id: input.entityId, committeeId: { in: visibleCommitteeIds(actor, "task:read") }, deletedAt: null },
      select: { id: true, committeeId: true, groupId: true, leadUnitId: true, status: true },
    });
    if (!task) throw new NotFoundError();
    // Close-out evidence is uploaded by whoever may apply: the lead unit's reporter.
    return { committeeId: task.committeeId, groupId: task.groupId, unitIds: [task.leadUnitId], task };
  },
  async run({ tx, actor, target: { task }, input }) {
    if (task.status !== "ACTIVE") throw new ValidationError({ _form: ["tasks.validation.notActive"] });
    const bytes = decodeBase64(input.base64);
    const check = checkUpload(input.fileName, bytes);
    if (!check.ok) throw uploadError(check.reason);
    // The file is written before the row; a rolled-back row leaves an unreferenced file, never the reverse.
    const stored = await storeFile(bytes, new Date(), check.mimeType);
    const attachment = await tx.attachment.create({
      data: {
        committeeId: task.committeeId,
        entityType: PENDING_CLOSE_OUT,
        entityId: task.id,
        fileName: check.fileName,
        storageKey: stored.storageKey,
        mimeType: check.mimeType,
        size: stored.size,
        sha256: stored.sha256,
        uploadedById: actor.userId,
      },
      select: { id: true, fileName: true, size: true },
    });
    return {
      result: attachment,
      audit: {
        targetType: "Attachment",
        targetId: attachment.id,
        detail: `${check.fileName} (${stored.size} bytes, sha256 ${stored.sha256})`,
      },
    };
  },
});

/** The task an attachment is evidence for, whatever record it hangs on; null for records tasks do not own. */
async function taskOf(attachment: { entityType: string; entityId: string }): Promise<string | null> {
  if (attachment.entityType === PENDING_CLOSE_OUT) return attachment.entityId;
  if (attachment.entityType === "CloseOutRequest") {
    const request = await db.closeOutRequest.findUnique({ where: { id: attachment.entityId }, select: { taskId: true } });
    return request?.taskId ?? null;
  }
  return null;
}

function plain(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });
}

/**
 * GET /attachments/[id]: whoever may read the task (lead and cooperating units, its group, the
 * office) gets the file as an attachment under its original name; anyone else 404. Audited either way.
 */
export async function downloadAttachment(actor: Actor | null, id: string, locale: Locale): Promise<Response> {
  const t = createTranslator(messagesFor(locale));
  if (!actor) return plain(401, t("errors.unauthorized"));
  const audit = { ...auditBase(actor), event: "attachment.download", targetType: "Attachment", targetId: id.slice(0, 64) };
  try {
    const attachment = await db.attachment.findFirst({
      where: { id, deletedAt: null, committeeId: { in: visibleCommitteeIds(actor, "task:read") } },
      select: { id: true, committeeId: true, entityType: true, entityId: true, fileName: true, storageKey: true, mimeType: true },
    });
    const taskId = attachment ? await taskOf(attachment) : null;
    const task = taskId
      ? await db.reformTask.findFirst({
          where: { id: taskId, committeeId: attachment!.committeeId, deletedAt: null },
          select: { committeeId: true, groupId: true, leadUnitId: true, cooperatingUnits: { select: { unitId: true } } },
        })
      : null;
    if (!attachment || !task) throw new NotFoundError();
    authorizeRead(actor, "task:read", {
      committeeId: task.committeeId,
      groupId: task.groupId,
      unitIds: [task.leadUnitId, ...task.cooperatingUnits.map((unit) => unit.unitId)],
    });
    const bytes = await readStoredFile(attachment.storageKey);
    await recordAudit(db, { ...audit, committeeId: attachment.committeeId, detail: attachment.fileName });
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        "Content-Type": attachment.mimeType,
        "Content-Disposition": contentDisposition(attachment.fileName),
        "Content-Length": String(bytes.length),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await recordAudit(db, { ...audit, result: "DENIED", detail: `${error.status} ${error.name}` });
    return plain(error.status, t(error.messageKey));
  }
}
