import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { can, visibleCommitteeIds } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { INFO_ENTITY, INFO_ITEM_ENTITY, MAX_INFO_ITEM_FILES } from "@/lib/reports/info-schemas";
import { authorizeRead, defineServiceAction, type Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { idField } from "@/lib/validation/fields";
import { attachInputSchema, type EvidenceOwner } from "./owners";
import { fileSelect, toEvidenceFile } from "./service";
import { adoptStaged } from "./storage";

// Evidence on the items of a unit's reform information report (改革信息月报): the approval document
// of a pilot, the scan of a published article, a photo of a new measure at work. The files hang on
// the item (entityType UnitMonthlyReportItem) and record the submission round of its report, as a
// monthly progress report's do: a submitted round is frozen, a return opens the next round, a file
// of the round being prepared can be removed. Only the unit's reporters (report:write on the unit)
// add and remove files; the report's readers see the submitted rounds (lib/attachments/scopes.ts).

const EDITABLE = ["DRAFT", "RETURNED"];

const itemSelect = {
  id: true,
  title: true,
  report: { select: { id: true, committeeId: true, unitId: true, status: true, period: true } },
} as const;

/**
 * The item and its report within what the actor may see about reports (404 elsewhere); with `tx`,
 * the report's row locked first — uploads, removals, saves and the submission of one report are
 * serialized on it — and the item read again, so one removed meanwhile is a conflict, not a file
 * left on nothing.
 */
async function loadItem(client: Tx | typeof db, actor: Actor, itemId: string, lock: boolean) {
  const where = { id: itemId, report: { committeeId: { in: visibleCommitteeIds(actor, "report:read") }, deletedAt: null } };
  let item = await client.unitMonthlyReportItem.findFirst({ where, select: itemSelect });
  if (!item) throw new NotFoundError();
  if (lock) {
    await (client as Tx).$queryRaw`SELECT id FROM "UnitMonthlyReport" WHERE id = ${item.report.id} FOR UPDATE`;
    item = await client.unitMonthlyReportItem.findFirst({ where, select: itemSelect });
    if (!item) throw new ConflictError();
  }
  return { committeeId: item.report.committeeId, unitIds: [item.report.unitId], item };
}

function requireEditable(report: { status: string }) {
  if (!EDITABLE.includes(report.status)) throw new ValidationError({ file: ["attachments.validation.frozen"] });
}

async function requireRoom(client: Tx | typeof db, itemId: string) {
  const files = await client.attachment.count({ where: { entityType: INFO_ITEM_ENTITY, entityId: itemId, deletedAt: null } });
  if (files >= MAX_INFO_ITEM_FILES) throw new ValidationError({ file: ["attachments.validation.tooMany"] });
}

/** The submission a file added now belongs to: one after the report's submissions so far. */
async function currentRound(tx: Tx, reportId: string): Promise<number> {
  const submissions = await tx.workflowEvent.count({
    where: { entityType: INFO_ENTITY, entityId: reportId, action: { in: ["SUBMIT", "RESUBMIT"] } },
  });
  return submissions + 1;
}

/** Before any byte is stored: may the actor add a file to this item now? (404/403/422 as the action would.) */
export async function checkInfoUpload(actor: Actor, itemId: string): Promise<void> {
  // a role that may add files nowhere: 403 whatever the id names, as defineServiceAction answers
  if (!can(actor, "report:write")) throw new ForbiddenError();
  const target = await loadItem(db, actor, itemId, false);
  authorizeRead(actor, "report:write", target);
  requireEditable(target.item.report);
  await requireRoom(db, target.item.id);
}

/** Where a file is, as the audit detail says it (put in words by lib/audit/readable.ts: the report by its unit and month). */
const where = (item: { title: string; report: { id: string } }) => `info report ${item.report.id} item 「${item.title}」`;

export const attachToInfoItem = defineServiceAction({
  name: "infoReport.attach",
  permission: "report:write",
  input: attachInputSchema,
  load: (tx, actor, input) => loadItem(tx, actor, input.id, true),
  async run({ tx, actor, input, target: { item } }) {
    requireEditable(item.report);
    await requireRoom(tx, item.id);
    const round = await currentRound(tx, item.report.id);
    await adoptStaged(input.stagedId, input.storageKey, input.mimeType);
    const row = await tx.attachment.create({
      data: {
        committeeId: item.report.committeeId,
        entityType: INFO_ITEM_ENTITY,
        entityId: item.id,
        fileName: input.fileName,
        storageKey: input.storageKey,
        mimeType: input.mimeType,
        size: input.size,
        sha256: input.sha256,
        uploadedById: actor.userId,
        round,
      },
      select: fileSelect,
    });
    return {
      result: { file: toEvidenceFile({ ...row, uploadedBy: { name: actor.name } }) },
      audit: {
        targetType: "Attachment",
        targetId: row.id,
        detail: `${input.fileName} (${input.size} bytes, sha256 ${input.sha256}) on ${where(item)}, round ${round}`,
      },
    };
  },
});

export const detachFromInfoItemSchema = z.object({ id: idField }).strict();

/**
 * Removes a file of the round being prepared (a draft's, or one added since the return). Files that
 * went with a submission stay: they are what the office received (soft delete only; audited).
 */
export const detachFromInfoItem = defineServiceAction({
  name: "infoReport.detach",
  permission: "report:write",
  input: detachFromInfoItemSchema,
  async load(tx, actor, input) {
    const attachment = await tx.attachment.findFirst({
      where: {
        id: input.id,
        entityType: INFO_ITEM_ENTITY,
        deletedAt: null,
        committeeId: { in: visibleCommitteeIds(actor, "report:read") },
      },
      select: { id: true, entityId: true, fileName: true, round: true },
    });
    if (!attachment) throw new NotFoundError();
    return { ...(await loadItem(tx, actor, attachment.entityId, true)), attachment };
  },
  async run({ tx, actor, target: { item, attachment } }) {
    requireEditable(item.report);
    if (attachment.round !== (await currentRound(tx, item.report.id)))
      throw new ValidationError({ file: ["attachments.validation.frozen"] });
    // removed meanwhile with its item (the report's row was locked only after the file was found)
    const removed = await tx.attachment.updateMany({
      where: { id: attachment.id, deletedAt: null },
      data: { deletedAt: now(), deletedById: actor.userId },
    });
    if (removed.count === 0) throw new ConflictError();
    return {
      result: { id: attachment.id },
      audit: { targetType: "Attachment", targetId: attachment.id, detail: `${attachment.fileName} removed from ${where(item)}` },
    };
  },
});

export const infoOwner: EvidenceOwner = {
  field: "itemId",
  check: checkInfoUpload,
  attach: (actor, input) => attachToInfoItem(actor, input),
};
