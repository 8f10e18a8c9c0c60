import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { can, visibleCommitteeIds } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { findQuarterly, targetOf } from "@/lib/reports/quarterly-queries";
import { quarterKey } from "@/lib/reports/rules";
import { authorizeRead, defineServiceAction, type Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { idField } from "@/lib/validation/fields";
import { attachInputSchema, type EvidenceOwner } from "./owners";
import { QUARTERLY_REPORT, submissionsOf } from "./scopes";
import { fileSelect, toEvidenceFile } from "./service";
import { adoptStaged } from "./storage";

// Evidence on quarterly reports (季报): who writes the report (the group's liaisons, the key task's
// lead unit, the office) adds files while it is a draft or returned. Each file records the
// submission it goes with (round = submissions so far + 1): a submitted round is frozen, a returned
// report adds files in the next round, a file not yet submitted can be removed. As on monthly
// reports (./service.ts attachToReport).

/** At most this many files on one report. */
export const MAX_QUARTERLY_FILES = 40;

const EDITABLE = ["DRAFT", "RETURNED"];
const frozen = () => new ValidationError({ file: ["attachments.validation.frozen"] });

/**
 * The report within the actor's reach, its row locked and its status read again after the lock:
 * uploads, removals and the submission are serialized on it, so no file joins a round once sent.
 */
async function loadReport(tx: Tx, actor: Actor, id: string) {
  const report = await findQuarterly(tx, actor, id);
  const [row] = await tx.$queryRaw<{ status: string }[]>`
    SELECT status::text AS status FROM "QuarterlyReport" WHERE id = ${report.id} FOR UPDATE`;
  return { ...targetOf(report), report: { ...report, status: (row?.status ?? report.status) as typeof report.status } };
}

const nameOf = (report: { year: number; quarter: number; subjectKey: string }) =>
  `${quarterKey({ year: report.year, quarter: report.quarter })} ${report.subjectKey}`;

/** Before any byte is stored: may the actor add a file to this report now? (404/403/422 as the action would.) */
export async function checkQuarterlyUpload(actor: Actor, id: string): Promise<void> {
  // as the action answers: a role that writes no quarterly report anywhere is refused whatever the id names
  if (!can(actor, "quarterly:write")) throw new ForbiddenError();
  const report = await findQuarterly(db, actor, id);
  authorizeRead(actor, "quarterly:write", targetOf(report));
  if (!EDITABLE.includes(report.status)) throw frozen();
  const count = await db.attachment.count({ where: { entityType: QUARTERLY_REPORT, entityId: report.id, deletedAt: null } });
  if (count >= MAX_QUARTERLY_FILES) throw new ValidationError({ file: ["attachments.validation.tooMany"] });
}

export const attachToQuarterly = defineServiceAction({
  name: "quarterly.attach",
  permission: "quarterly:write",
  input: attachInputSchema,
  load: (tx, actor, input) => loadReport(tx, actor, input.id),
  async run({ tx, actor, input, target: { report } }) {
    if (!EDITABLE.includes(report.status)) throw frozen();
    const count = await tx.attachment.count({ where: { entityType: QUARTERLY_REPORT, entityId: report.id, deletedAt: null } });
    if (count >= MAX_QUARTERLY_FILES) throw new ValidationError({ file: ["attachments.validation.tooMany"] });
    const round = (await submissionsOf(QUARTERLY_REPORT, report.id, tx)) + 1;
    await adoptStaged(input.stagedId, input.storageKey, input.mimeType);
    const row = await tx.attachment.create({
      data: {
        committeeId: report.committeeId,
        entityType: QUARTERLY_REPORT,
        entityId: report.id,
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
        detail: `${input.fileName} (${input.size} bytes, sha256 ${input.sha256}) on quarterly report ${nameOf(report)}, round ${round}`,
      },
    };
  },
});

export const detachFromQuarterlySchema = z.object({ id: idField }).strict();

/**
 * Removes a file from a report still being prepared: a draft's file, or a returned report's file
 * added since its last submission. Files that went with a submission stay (soft delete only; audited).
 */
export const detachFromQuarterly = defineServiceAction({
  name: "quarterly.detach",
  permission: "quarterly:write",
  input: detachFromQuarterlySchema,
  async load(tx, actor, input) {
    const attachment = await tx.attachment.findFirst({
      where: {
        id: input.id,
        entityType: QUARTERLY_REPORT,
        deletedAt: null,
        committeeId: { in: visibleCommitteeIds(actor, "report:read") },
      },
      select: { id: true, entityId: true, fileName: true, round: true },
    });
    if (!attachment) throw new NotFoundError();
    return { ...(await loadReport(tx, actor, attachment.entityId)), attachment };
  },
  async run({ tx, actor, target: { report, attachment } }) {
    const round = (await submissionsOf(QUARTERLY_REPORT, report.id, tx)) + 1;
    if (!EDITABLE.includes(report.status) || attachment.round !== round) throw frozen();
    await tx.attachment.update({ where: { id: attachment.id }, data: { deletedAt: now(), deletedById: actor.userId } });
    return {
      result: { id: attachment.id },
      audit: {
        targetType: "Attachment",
        targetId: attachment.id,
        detail: `${attachment.fileName} removed from quarterly report ${nameOf(report)}`,
      },
    };
  },
});

export const quarterlyOwner: EvidenceOwner = {
  field: "quarterlyId",
  check: checkQuarterlyUpload,
  attach: (actor, input) => attachToQuarterly(actor, input),
};
