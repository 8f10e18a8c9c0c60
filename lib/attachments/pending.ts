import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { visibleCommitteeIds, type Action } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { authorizeRead, defineServiceAction, type Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { idField } from "@/lib/validation/fields";
import { attachInputSchema, type EvidenceOwner } from "./owners";
import { fileSelect, toEvidenceFile } from "./service";
import { adoptStaged } from "./storage";

// Evidence chosen for an application on a task before the application exists (a close-out, a plan
// change request): the files hang on the task under a "pending" entityType (only who may file the
// application sees them) until the application's service moves the chosen ones onto it. Streamed
// like every upload (lib/attachments/upload.ts). One factory, one set of rules for each such kind.

/** At most this many files wait on one task for one kind of application. */
export const MAX_PENDING_FILES = 30;

export interface PendingFilesKind {
  /** the rows' entityType while they wait (entityId: the task's id) */
  entityType: string;
  /** the audit events: `${event}.attach`, `${event}.detach` */
  event: string;
  /** who may file the application (and so add and see its files), on the task as its lead unit's */
  permission: Action;
  /** the application's name in an audit detail: "the close-out", "a change request" */
  label: string;
}

export function pendingFiles(kind: PendingFilesKind) {
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
    const waiting = await tx.attachment.count({ where: { entityType: kind.entityType, entityId: taskId, deletedAt: null } });
    if (waiting >= MAX_PENDING_FILES) throw new ValidationError({ file: ["attachments.validation.tooMany"] });
  }

  /** Before any byte is stored: may the actor add a file to this task's application now? */
  async function check(actor: Actor, taskId: string): Promise<void> {
    authorizeRead(actor, kind.permission);
    const target = await loadTask(db, actor, taskId, false);
    authorizeRead(actor, kind.permission, target);
    requireOpen(target.task);
    await requireRoom(db, target.task.id);
  }

  const attach = defineServiceAction({
    name: `${kind.event}.attach`,
    permission: kind.permission,
    input: attachInputSchema,
    load: (tx, actor, input) => loadTask(tx, actor, input.id, true),
    async run({ tx, actor, input, target: { task } }) {
      requireOpen(task);
      await requireRoom(tx, task.id);
      await adoptStaged(input.stagedId, input.storageKey, input.mimeType);
      const row = await tx.attachment.create({
        data: {
          committeeId: task.committeeId,
          entityType: kind.entityType,
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
          detail: `${input.fileName} (${input.size} bytes, sha256 ${input.sha256}) for ${kind.label} of task ${task.code}`,
        },
      };
    },
  });

  /** Removes a file chosen for an application not yet made (soft delete; audited). */
  const detach = defineServiceAction({
    name: `${kind.event}.detach`,
    permission: kind.permission,
    input: z.object({ id: idField }).strict(),
    async load(tx, actor, input) {
      const attachment = await tx.attachment.findFirst({
        where: { id: input.id, entityType: kind.entityType, deletedAt: null, committeeId: { in: visibleCommitteeIds(actor, "task:read") } },
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
          detail: `${attachment.fileName} removed from ${kind.label} of task ${task.code}`,
        },
      };
    },
  });

  const owner: EvidenceOwner = { field: "taskId", check, attach: (actor, input) => attach(actor, input) };
  return { check, attach, detach, owner };
}
