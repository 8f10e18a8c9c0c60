import "server-only";
// Reads of the formalism signals (形式主义预警): the office's list, the counts of the cockpit and the
// workbench, and a report's signals for the review dialog. Only the office reads signals, and only
// of its own committee (the matrix's signal:read); every read carries that committee in its SQL.
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/prisma";
import { auditBase, authorizeRead, readAudited } from "@/lib/server/action";
import { recordAudit } from "@/lib/server/audit";
import { ForbiddenError, NotFoundError } from "@/lib/server/errors";
import { SIGNAL_KINDS, type SignalKind } from "./rules";
import { signalsHref, type SignalListParams } from "./schemas";
import type { CopiedTexts, ReportSignals, SignalCounts, SignalFileRef, SignalPage, SignalView } from "./types";

const BEIJING_MONTH = (instant: Prisma.Sql) => Prisma.sql`to_char(${instant} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;

/** Task, month and owner of the record a file is on, as one JSON object (null when the record is gone). */
function fileRef(alias: string): Prisma.Sql {
  const a = Prisma.raw(alias);
  return Prisma.sql`(
    SELECT json_build_object('id', ${a}.id, 'fileName', ${a}."fileName", 'ownerType', ${a}."entityType",
                             'taskId', o.task_id, 'taskCode', ot.code, 'taskTitle', ot.title, 'period', o.month)
    FROM (
      SELECT pr."taskId" AS task_id, to_char(pr.period, 'YYYY-MM') AS month FROM "ProgressReport" pr
        WHERE ${a}."entityType" = 'ProgressReport' AND pr.id = ${a}."entityId"
      UNION ALL
      SELECT c."taskId", ${BEIJING_MONTH(Prisma.sql`c."appliedAt"`)} FROM "CloseOutRequest" c
        WHERE ${a}."entityType" = 'CloseOutRequest' AND c.id = ${a}."entityId"
      UNION ALL
      SELECT n."taskId", ${BEIJING_MONTH(Prisma.sql`r."submittedAt"`)} FROM "SupervisionResponse" r
        JOIN "SupervisionNotice" n ON n.id = r."noticeId"
        WHERE ${a}."entityType" = 'SupervisionResponse' AND r.id = ${a}."entityId"
    ) o
    JOIN "ReformTask" ot ON ot.id = o.task_id
    LIMIT 1)`;
}

interface SignalSqlRow {
  id: string;
  version: number;
  kind: SignalKind;
  taskId: string;
  taskCode: string;
  taskTitle: string;
  unitId: string | null;
  unitName: string | null;
  period: string | null;
  value: number;
  percent: number | null;
  planned: number | null;
  reportId: string | null;
  reportPeriod: string | null;
  reportStatus: string | null;
  reportKind: string | null;
  previousReportId: string | null;
  previousPeriod: string | null;
  previousStatus: string | null;
  closeOutId: string | null;
  closeOutAppliedAt: Date | null;
  closeOutStatus: string | null;
  attachment: SignalFileRef | null;
  previousAttachment: SignalFileRef | null;
  detectedAt: Date;
  updatedAt: Date;
  dismissedAt: Date | null;
  dismissedBy: string | null;
  dismissReason: string | null;
  total: number;
}

function selectSignals(where: Prisma.Sql, limit: number, offset: number): Prisma.Sql {
  return Prisma.sql`
    SELECT s.id, s.version, s.kind::text AS kind, s."taskId", t.code AS "taskCode", t.title AS "taskTitle",
           s."unitId", u.name AS "unitName", to_char(s.period, 'YYYY-MM') AS period, s.value, s.percent, s.planned,
           s."reportId", to_char(r.period, 'YYYY-MM') AS "reportPeriod", r.status::text AS "reportStatus", r.kind::text AS "reportKind",
           s."previousReportId", to_char(pr.period, 'YYYY-MM') AS "previousPeriod", pr.status::text AS "previousStatus",
           s."closeOutId", c."appliedAt" AS "closeOutAppliedAt", c.status::text AS "closeOutStatus",
           ${fileRef("a")} AS attachment, ${fileRef("pa")} AS "previousAttachment",
           s."detectedAt", s."updatedAt", s."dismissedAt", du.name AS "dismissedBy", s."dismissReason",
           count(*) OVER ()::int AS total
    FROM "Signal" s
    JOIN "ReformTask" t ON t.id = s."taskId"
    LEFT JOIN "Unit" u ON u.id = s."unitId"
    LEFT JOIN "ProgressReport" r ON r.id = s."reportId"
    LEFT JOIN "ProgressReport" pr ON pr.id = s."previousReportId"
    LEFT JOIN "CloseOutRequest" c ON c.id = s."closeOutId"
    LEFT JOIN "Attachment" a ON a.id = s."attachmentId"
    LEFT JOIN "Attachment" pa ON pa.id = s."previousAttachmentId"
    LEFT JOIN "User" du ON du.id = s."dismissedById"
    WHERE t."deletedAt" IS NULL AND ${where}
    ORDER BY (s."dismissedAt" IS NOT NULL), s.period DESC NULLS LAST, t.code, s.kind, s.id
    LIMIT ${limit} OFFSET ${offset}`;
}

/** Where the office looks at the record behind a signal: the report in 进展审核, else the task page. */
function hrefOf(row: SignalSqlRow): string {
  const reviewable = row.reportId && row.reportPeriod && ["SUBMITTED", "APPROVED", "RETURNED"].includes(row.reportStatus ?? "");
  if ((row.kind === "COPIED_REPORT" || row.kind === "REUSED_FILE") && reviewable) {
    const query = new URLSearchParams({
      period: row.reportPeriod!,
      ...(row.unitId ? { unitId: row.unitId } : {}),
      ...(row.reportKind ? { kind: row.reportKind } : {}),
      status: row.reportStatus!,
    });
    return `/reports/review?${query.toString()}`;
  }
  return `/tasks/${row.taskId}`;
}

function viewOf(row: SignalSqlRow): SignalView {
  const ref = (id: string | null, period: string | null, status: string | null) => (id ? { id, period, status } : null);
  return {
    id: row.id,
    version: row.version,
    kind: row.kind,
    task: { id: row.taskId, code: row.taskCode, title: row.taskTitle },
    unit: row.unitId && row.unitName ? { id: row.unitId, name: row.unitName } : null,
    period: row.period,
    value: row.value,
    percent: row.percent,
    planned: row.planned,
    report: ref(row.reportId, row.reportPeriod, row.reportStatus),
    previousReport: ref(row.previousReportId, row.previousPeriod, row.previousStatus),
    closeOut:
      row.closeOutId && row.closeOutAppliedAt
        ? { id: row.closeOutId, appliedAt: row.closeOutAppliedAt.toISOString(), status: row.closeOutStatus ?? "" }
        : null,
    attachment: row.attachment,
    previousAttachment: row.previousAttachment,
    detectedAt: row.detectedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    dismissed: row.dismissedAt ? { at: row.dismissedAt.toISOString(), by: row.dismissedBy, reason: row.dismissReason ?? "" } : null,
    href: hrefOf(row),
  };
}

const zeroKinds = () => Object.fromEntries(SIGNAL_KINDS.map((kind) => [kind, 0])) as Record<SignalKind, number>;

async function openByKind(committeeId: string): Promise<Record<SignalKind, number>> {
  const rows = await db.$queryRaw<{ kind: SignalKind; n: number }[]>(Prisma.sql`
    SELECT s.kind::text AS kind, count(*)::int AS n
    FROM "Signal" s JOIN "ReformTask" t ON t.id = s."taskId"
    WHERE s."committeeId" = ${committeeId} AND s."dismissedAt" IS NULL AND t."deletedAt" IS NULL
    GROUP BY s.kind`);
  return { ...zeroKinds(), ...Object.fromEntries(rows.map((row) => [row.kind, row.n])) };
}

/** The office's list of its committee's signals: filtered by kind, state and task, paged on the server. */
export async function listSignals(actor: Actor, params: SignalListParams): Promise<SignalPage> {
  const committeeId = actor.committee.id;
  if (!can(actor, "signal:read", { committeeId })) {
    // a unit's reporter, a leader, an administrator: refused, and the refusal is on record
    await recordAudit(db, {
      ...auditBase(actor),
      event: "signal.list",
      result: "DENIED",
      targetType: "Signal",
      detail: "403 ForbiddenError",
    });
    throw new ForbiddenError();
  }
  authorizeRead(actor, "signal:read", { committeeId });
  const where: Prisma.Sql[] = [Prisma.sql`s."committeeId" = ${committeeId}`];
  if (params.kind) where.push(Prisma.sql`s.kind::text = ${params.kind}`);
  if (params.state === "open") where.push(Prisma.sql`s."dismissedAt" IS NULL`);
  if (params.state === "dismissed") where.push(Prisma.sql`s."dismissedAt" IS NOT NULL`);
  if (params.taskId) where.push(Prisma.sql`s."taskId" = ${params.taskId}`);
  const [rows, counts, refresh] = await Promise.all([
    db.$queryRaw<SignalSqlRow[]>(selectSignals(Prisma.join(where, " AND "), params.size, (params.page - 1) * params.size)),
    openByKind(committeeId),
    db.signalRefresh.findFirst({ where: { committeeId }, orderBy: { day: "desc" }, select: { at: true } }),
  ]);
  return {
    rows: rows.map(viewOf),
    total: rows[0]?.total ?? 0,
    page: params.page,
    size: params.size,
    openByKind: counts,
    refreshedAt: refresh?.at.toISOString() ?? null,
    canDismiss: can(actor, "signal:dismiss", { committeeId }),
  };
}

/** One signal of the committee by id (the API's dismissal answers with it); NotFound outside it. */
export function getSignal(actor: Actor, id: string): Promise<SignalView> {
  return readAudited(actor, { event: "signal.read", targetType: "Signal", id: String(id) }, async () => {
    const committeeId = actor.committee.id;
    authorizeRead(actor, "signal:read", { committeeId });
    const [row] = await db.$queryRaw<SignalSqlRow[]>(selectSignals(Prisma.sql`s."committeeId" = ${committeeId} AND s.id = ${id}`, 1, 0));
    if (!row) throw new NotFoundError();
    return viewOf(row);
  });
}

/**
 * The open signals of the committee per kind, each linked to the list; null for a reader who may not
 * see signals (the cockpit shows them to the office only).
 */
export async function signalCounts(actor: Actor): Promise<SignalCounts | null> {
  const committeeId = actor.committee.id;
  if (!can(actor, "signal:read", { committeeId }) || actor.passwordChangeRequired || actor.totpSetupRequired) return null;
  const byKind = await openByKind(committeeId);
  return {
    total: SIGNAL_KINDS.reduce((sum, kind) => sum + byKind[kind], 0),
    byKind,
    href: signalsHref(),
    hrefs: Object.fromEntries(SIGNAL_KINDS.map((kind) => [kind, signalsHref({ kind })])) as Record<SignalKind, string>,
  };
}

/**
 * The signals about one report (the review dialog): copied from the previous one, or a file of it
 * reused, with the two texts of a copy to compare. Empty for a reader who may not see signals.
 */
export async function reportSignals(actor: Actor, reportId: string): Promise<ReportSignals> {
  const committeeId = actor.committee.id;
  if (!can(actor, "signal:read", { committeeId })) return { signals: [], canDismiss: false };
  authorizeRead(actor, "signal:read", { committeeId });
  const rows = await db.$queryRaw<SignalSqlRow[]>(
    selectSignals(
      Prisma.sql`s."committeeId" = ${committeeId} AND (s."reportId" = ${reportId} OR s."attachmentId" IN (
        SELECT x.id FROM "Attachment" x WHERE x."entityType" = 'ProgressReport' AND x."entityId" = ${reportId}))`,
      50,
      0,
    ),
  );
  const pairs = rows.filter((row) => row.kind === "COPIED_REPORT" && row.reportId && row.previousReportId);
  const texts = pairs.length
    ? await db.progressReport.findMany({
        where: { id: { in: pairs.flatMap((row) => [row.reportId!, row.previousReportId!]) }, task: { committeeId } },
        select: { id: true, period: true, progress: true },
      })
    : [];
  const textOf = (id: string | null) => texts.find((report) => report.id === id);
  const month = (period: Date) => period.toISOString().slice(0, 7);
  return {
    signals: rows.map((row) => {
      const current = textOf(row.reportId);
      const previous = textOf(row.previousReportId);
      const compared: CopiedTexts | null =
        row.kind === "COPIED_REPORT" && current && previous
          ? {
              current: { period: month(current.period), progress: current.progress },
              previous: { period: month(previous.period), progress: previous.progress },
            }
          : null;
      return { ...viewOf(row), texts: compared };
    }),
    canDismiss: can(actor, "signal:dismiss", { committeeId }),
  };
}

/** The open signals of a set of tasks (the ledger's rows), by task: kinds only. */
export async function openKindsOfTasks(actor: Actor, taskIds: readonly string[]): Promise<Map<string, SignalKind[]>> {
  const committeeId = actor.committee.id;
  const byTask = new Map<string, SignalKind[]>();
  if (!taskIds.length || !can(actor, "signal:read", { committeeId })) return byTask;
  const rows = await db.signal.findMany({
    where: { committeeId, dismissedAt: null, taskId: { in: [...taskIds] } },
    select: { taskId: true, kind: true },
    orderBy: [{ taskId: "asc" }, { kind: "asc" }],
  });
  for (const row of rows) {
    const kinds = byTask.get(row.taskId) ?? [];
    if (!kinds.includes(row.kind)) kinds.push(row.kind);
    byTask.set(row.taskId, kinds);
  }
  return byTask;
}
