import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { visibleCommitteeIds } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { authorizeRead, defineServiceAction, type Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { idField } from "@/lib/validation/fields";
import { attachInputSchema, type EvidenceOwner } from "./owners";
import { PENDING_CLOSE_OUT } from "./scopes";
import { fileSelect, toEvidenceFile } from "./service";
import { adoptStaged } from "./storage";

// Evidence for a close-out (对账销号) application, chosen before the application exists: the files
// hang on the task as "pending" (only the lead unit sees them) until `closeout.apply` moves the
// chosen ones onto the request. Streamed like every upload (lib/attachments/upload.ts).

/** At most this many files wait on one task for its application. */
export const MAX_PENDING_CLOSE_OUT_FILES = 30;

async function loadTask(tx: Tx | typeof db, actor: Actor, taskId: string, lock: boolean) {
  const task = await tx.reformTask.findFirst({
    where: { id: taskId, committeeId: { in: visibleCommitteeIds(actor, "task:read") }, deletedAt: null },
    select: { id: true, code: true, committeeId: true, groupId: true, leadUnitId: true, status: true },
  });
  if (!task) throw new NotFoundError();
  // uploads to one task's application are serialized on its row (the file count below)
  if (lock) await (tx as Tx).$queryRaw`SELECT id FROM "ReformTask" WHERE id = ${task.id} FOR UPDATE`;
  return { committeeId: task.committeeId, groupId: task.groupId, unitIds: [task.leadUnitId], task };
}

function requireOpen(task: { status: string }) {
  if (task.status !== "ACTIVE") throw new ValidationError({ file: ["tasks.validation.notActive"] });
}

async function requireRoom(tx: Tx | typeof db, taskId: string) {
  const waiting = await tx.attachment.count({ where: { entityType: PENDING_CLOSE_OUT, entityId: taskId, deletedAt: null } });
  if (waiting >= MAX_PENDING_CLOSE_OUT_FILES) throw new ValidationError({ file: ["attachments.validation.tooMany"] });
}

/** Before any byte is stored: may the actor add a file to this task's close-out application now? */
export async function checkCloseOutUpload(actor: Actor, taskId: string): Promise<void> {
  authorizeRead(actor, "closeout:apply");
  const target = await loadTask(db, actor, taskId, false);
  authorizeRead(actor, "closeout:apply", target);
  requireOpen(target.task);
  await requireRoom(db, target.task.id);
}

export const attachToCloseOut = defineServiceAction({
  name: "closeout.attach",
  permission: "closeout:apply",
  input: attachInputSchema,
  load: (tx, actor, input) => loadTask(tx, actor, input.id, true),
  async run({ tx, actor, input, target: { task } }) {
    requireOpen(task);
    await requireRoom(tx, task.id);
    await adoptStaged(input.stagedId, input.storageKey, input.mimeType);
    const row = await tx.attachment.create({
      data: {
        committeeId: task.committeeId,
        entityType: PENDING_CLOSE_OUT,
        entityId: task.id,
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
        detail: `${input.fileName} (${input.size} bytes, sha256 ${input.sha256}) for the close-out of task ${task.code}`,
      },
    };
  },
});

export const detachFromCloseOutSchema = z.object({ id: idField }).strict();

/** Removes a file chosen for an application not yet made (soft delete; audited). */
export const detachFromCloseOut = defineServiceAction({
  name: "closeout.detach",
  permission: "closeout:apply",
  input: detachFromCloseOutSchema,
  async load(tx, actor, input) {
    const attachment = await tx.attachment.findFirst({
      where: { id: input.id, entityType: PENDING_CLOSE_OUT, deletedAt: null, committeeId: { in: visibleCommitteeIds(actor, "task:read") } },
      select: { id: true, entityId: true, fileName: true },
    });
    if (!attachment) throw new NotFoundError();
    return { ...(await loadTask(tx, actor, attachment.entityId, true)), attachment };
  },
  async run({ tx, actor, target: { task, attachment } }) {
    await tx.attachment.update({ where: { id: attachment.id }, data: { deletedAt: now(), deletedById: actor.userId } });
    return {
      result: { id: attachment.id },
      audit: {
        targetType: "Attachment",
        targetId: attachment.id,
        detail: `${attachment.fileName} removed from the close-out of task ${task.code}`,
      },
    };
  },
});

export const closeOutOwner: EvidenceOwner = {
  field: "taskId",
  check: checkCloseOutUpload,
  attach: (actor, input) => attachToCloseOut(actor, input),
};
