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
import { idField } from "@/lib/validation/fields";
import type { Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { refreshTaskSignals } from "@/lib/signals/refresh";
import { ForbiddenError } from "@/lib/server/errors";
import { can } from "@/lib/auth/permissions";
import { ALLOWED_MIME_TYPES, contentDisposition, FILE_RESPONSE_CSP, isInlineType } from "./rules";
import { adoptStaged, readStoredFile } from "./storage";
import { PROGRESS_REPORT, READ_SCOPES } from "./scopes";

export { PROGRESS_REPORT };
import { evidenceUrl, type EvidenceFile } from "./types";

// Evidence files (佐证材料, SECURITY.md 14) on monthly progress reports, the listing of any record's
// files, and downloads. Uploads stream in (lib/attachments/upload.ts); what may be uploaded is
// decided by the rules there, who may by the matrix on the record the file is evidence for
// (lib/attachments/registry.ts). Downloads are authorized like reading that record, and audited.

// ───────────── Evidence on monthly progress reports (lead reports and contributions) ─────────────

const EDITABLE_REPORT = ["DRAFT", "RETURNED"];

/**
 * A report's row, locked, within what the actor may see. Files hang on the report of one unit, so
 * writing them is that unit's (report:write on it: the lead unit for a lead report, the cooperating
 * unit for its contribution) and the office's.
 */
async function loadReportForFiles(tx: Tx, actor: Actor, reportId: string) {
  const report = await tx.progressReport.findFirst({
    where: {
      id: reportId,
      deletedAt: null,
      task: { committeeId: { in: visibleCommitteeIds(actor, "report:read") }, deletedAt: null },
    },
    select: {
      id: true,
      unitId: true,
      kind: true,
      status: true,
      task: { select: { id: true, code: true, committeeId: true, groupId: true } },
    },
  });
  if (!report) throw new NotFoundError();
  // uploads, removals and the submission of this report are serialized on its row
  await tx.$queryRaw`SELECT id FROM "ProgressReport" WHERE id = ${report.id} FOR UPDATE`;
  return { committeeId: report.task.committeeId, groupId: report.task.groupId, unitIds: [report.unitId], report };
}

/** The submission a file added now belongs to: one after the submissions so far. */
async function currentRound(tx: Tx, reportId: string): Promise<number> {
  const submissions = await tx.workflowEvent.count({
    where: { entityType: PROGRESS_REPORT, entityId: reportId, action: { in: ["SUBMIT", "RESUBMIT"] } },
  });
  return submissions + 1;
}

/** Before any byte is stored: may the actor add files to this report now? (404/403/422 as the action would.) */
export async function checkReportUpload(actor: Actor, reportId: string): Promise<void> {
  authorizeRead(actor, "report:write");
  const report = await db.progressReport.findFirst({
    where: { id: reportId, deletedAt: null, task: { committeeId: { in: visibleCommitteeIds(actor, "report:read") }, deletedAt: null } },
    select: {
      unitId: true,
      status: true,
      task: { select: { committeeId: true, groupId: true, leadUnitId: true, cooperatingUnits: { select: { unitId: true } } } },
    },
  });
  if (!report) throw new NotFoundError();
  const target = { committeeId: report.task.committeeId, groupId: report.task.groupId, unitIds: [report.unitId] };
  if (!can(actor, "report:write", target)) {
    const readable = can(actor, "report:read", {
      ...target,
      unitIds: [report.task.leadUnitId, ...report.task.cooperatingUnits.map((unit) => unit.unitId)],
    });
    throw readable ? new ForbiddenError() : new NotFoundError();
  }
  if (!EDITABLE_REPORT.includes(report.status)) throw new ValidationError({ file: ["attachments.validation.frozen"] });
}

const HEX64 = /^[0-9a-f]{64}$/;

export const attachToReportSchema = z
  .object({
    reportId: idField,
    fileName: z.string().min(1).max(255),
    mimeType: z.enum(ALLOWED_MIME_TYPES as [string, ...string[]]),
    stagedId: z.uuid(),
    storageKey: z.string().regex(/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/),
    size: z.number().int().min(1),
    sha256: z.string().regex(HEX64),
  })
  .strict();

/**
 * Adds a streamed file (already staged by lib/attachments/upload.ts, type and size checked) to a
 * draft or returned report: the staged file is moved under its storage key and the row written in
 * one transaction; the caller removes both if this throws. The row records the submission round.
 */
export const attachToReport = defineServiceAction({
  name: "report.attach",
  permission: "report:write",
  input: attachToReportSchema,
  load: (tx, actor, input) => loadReportForFiles(tx, actor, input.reportId),
  async run({ tx, actor, input, target: { report } }) {
    if (!EDITABLE_REPORT.includes(report.status)) throw new ValidationError({ file: ["attachments.validation.frozen"] });
    const round = await currentRound(tx, report.id);
    await adoptStaged(input.stagedId, input.storageKey, input.mimeType);
    const row = await tx.attachment.create({
      data: {
        committeeId: report.task.committeeId,
        entityType: PROGRESS_REPORT,
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
    // 形式主义预警: the same file on another task or month (counted once the report is submitted)
    await refreshTaskSignals(tx, report.task.committeeId, report.task.id);
    return {
      result: { file: toEvidenceFile({ ...row, uploadedBy: { name: actor.name } }) },
      audit: {
        targetType: "Attachment",
        targetId: row.id,
        detail: `${input.fileName} (${input.size} bytes, sha256 ${input.sha256}) on report ${report.id} of task ${report.task.code}, round ${round}`,
      },
    };
  },
});

export const detachFromReportSchema = z.object({ id: idField }).strict();

/**
 * Removes a file from a report still being prepared: a draft's file, or a returned report's file
 * added since its last submission. Files that went with a submission stay (soft delete only; audited).
 */
export const detachFromReport = defineServiceAction({
  name: "report.detach",
  permission: "report:write",
  input: detachFromReportSchema,
  async load(tx, actor, input) {
    const attachment = await tx.attachment.findFirst({
      where: { id: input.id, entityType: PROGRESS_REPORT, deletedAt: null, committeeId: { in: visibleCommitteeIds(actor, "report:read") } },
      select: { id: true, entityId: true, fileName: true, round: true },
    });
    if (!attachment) throw new NotFoundError();
    return { ...(await loadReportForFiles(tx, actor, attachment.entityId)), attachment };
  },
  async run({ tx, actor, target: { report, attachment } }) {
    const round = await currentRound(tx, report.id);
    if (!EDITABLE_REPORT.includes(report.status) || attachment.round !== round)
      throw new ValidationError({ file: ["attachments.validation.frozen"] });
    await tx.attachment.update({ where: { id: attachment.id }, data: { deletedAt: now(), deletedById: actor.userId } });
    return {
      result: { id: attachment.id },
      audit: { targetType: "Attachment", targetId: attachment.id, detail: `${attachment.fileName} removed from report ${report.id}` },
    };
  },
});

export const fileSelect = {
  id: true,
  fileName: true,
  size: true,
  mimeType: true,
  createdAt: true,
  round: true,
} as const;

export function toEvidenceFile(row: {
  id: string;
  fileName: string;
  size: number;
  mimeType: string;
  createdAt: Date;
  round: number | null;
  uploadedBy?: { name: string } | null;
}): EvidenceFile {
  const url = evidenceUrl(row.id);
  return {
    id: row.id,
    fileName: row.fileName,
    size: row.size,
    mimeType: row.mimeType,
    uploadedBy: row.uploadedBy?.name ?? null,
    uploadedAt: row.createdAt.toISOString(),
    round: row.round,
    url,
    inlineUrl: isInlineType(row.mimeType) ? `${url}?inline=1` : null,
  };
}

/**
 * The files of the given records, oldest first. No authorization here: callers pass ids of records
 * they have already scoped to the actor (as reportEventsOf does).
 */
export async function evidenceOf(entityType: string, entityIds: readonly string[]): Promise<Map<string, EvidenceFile[]>> {
  const byEntity = new Map<string, EvidenceFile[]>();
  if (entityIds.length === 0) return byEntity;
  const rows = await db.attachment.findMany({
    where: { entityType, entityId: { in: [...entityIds] }, deletedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { ...fileSelect, entityId: true, uploadedById: true },
  });
  const userIds = [...new Set(rows.map((row) => row.uploadedById).filter((id): id is string => id !== null))];
  const names = new Map(
    userIds.length
      ? (await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })).map((user) => [user.id, user.name])
      : [],
  );
  for (const row of rows) {
    const list = byEntity.get(row.entityId) ?? [];
    const name = row.uploadedById ? names.get(row.uploadedById) : undefined;
    list.push(toEvidenceFile({ ...row, uploadedBy: name ? { name } : null }));
    byEntity.set(row.entityId, list);
  }
  return byEntity;
}

function plain(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": FILE_RESPONSE_CSP,
    },
  });
}

/**
 * GET /attachments/[id]: whoever may read the task (lead and cooperating units, its group, the
 * office) gets the file, as an attachment under its original name, or with `inline` shown in the
 * browser when it is a PDF or an image; anyone else 404. Every answer writes one audit row.
 */
export async function downloadAttachment(
  actor: Actor | null,
  id: string,
  locale: Locale,
  options: { inline?: boolean } = {},
): Promise<Response> {
  const t = createTranslator(messagesFor(locale));
  if (!actor) return plain(401, t("errors.unauthorized"));
  const audit = { ...auditBase(actor), event: "attachment.download", targetType: "Attachment", targetId: id.slice(0, 64) };
  try {
    const attachment = await db.attachment.findFirst({
      where: { id, deletedAt: null, committeeId: { in: visibleCommitteeIds(actor, "task:read") } },
      select: {
        id: true,
        committeeId: true,
        entityType: true,
        entityId: true,
        fileName: true,
        storageKey: true,
        mimeType: true,
        size: true,
        round: true,
        uploadedById: true,
      },
    });
    authorizeRead(actor, "task:read");
    const scope = attachment ? READ_SCOPES[attachment.entityType] : undefined;
    if (!attachment || !scope || !(await scope(actor, attachment))) throw new NotFoundError();
    const bytes = await readStoredFile(attachment.storageKey);
    const inline = Boolean(options.inline) && isInlineType(attachment.mimeType);
    await recordAudit(db, {
      ...audit,
      event: inline ? "attachment.open" : "attachment.download",
      committeeId: attachment.committeeId,
      detail: attachment.fileName,
    });
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        ...FILE_HEADERS,
        "Content-Type": attachment.mimeType,
        "Content-Disposition": contentDisposition(attachment.fileName, { inline, mimeType: attachment.mimeType }),
        "Content-Length": String(bytes.length),
      },
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await recordAudit(db, { ...audit, result: "DENIED", detail: `${error.status} ${error.name}` });
    return plain(error.status, t(error.messageKey));
  }
}

/** Every file response: no sniffing, nothing runs in it, not kept by shared caches. */
const FILE_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": FILE_RESPONSE_CSP,
  "Cache-Control": "private, no-store",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Referrer-Policy": "no-referrer",
} as const;
