// The refresh of the formalism signals (形式主义预警) in SQL: one statement computes what the rules of
// lib/signals/rules.ts find now, inserts what is new (ON CONFLICT DO NOTHING on the signal's key,
// so a refresh is idempotent and a dismissed signal never comes back), brings the figures of open
// signals up to date, and removes open signals whose finding has gone (a rewritten report, a task
// that caught up). Dismissed signals are never touched. Called in the transaction of the writes
// that can raise a signal (a report submitted or approved, a close-out applied or decided, evidence
// attached, the settings changed), by the daily job (lib/signals/daily.ts) and after the demo seed.
// Not server-only: the demo seed runs it. Every value is a bound parameter.
//
// - COPIED_REPORT: a report (not a draft) whose 本月进展 is at least `signalCopySimilarity` % similar
//   (char_trigram_similarity, the migration's locale-independent function) to the same unit's
//   latest earlier report on the task (not a draft);
// - FROZEN_PERCENT: the task's latest approved lead reports give the same percent (< 100) in
//   `signalFrozenMonths` + 1 consecutive months, and the task lags today by the ledger's own light
//   SQL (lightsSql of lib/ledger/light-sql.ts: planned above actual, not closed, pending or not started);
// - LOW_CLOSEOUT: a close-out applied (pending or approved) when the lead unit's last approved
//   percent before the application was below `signalCloseOutFloor` (none: 0);
// - REUSED_FILE: a file (same SHA-256, not deleted) on a submitted report, a close-out or a notice
//   answer that an earlier use on another task or in another month precedes.
import { Prisma } from "@/lib/db/prisma";
import { lightsSql } from "@/lib/ledger/light-sql";
import { dayOf } from "@/lib/tasks/rules";
import { DEFAULT_SIGNAL_SETTINGS } from "./rules";

export interface RefreshScope {
  committeeId: string;
  /** one task only (the write that triggered the refresh touched it); otherwise the whole committee */
  taskId?: string | null;
}

export interface RefreshInput extends RefreshScope {
  /** YYYY-MM-DD, the Beijing day lags are judged on */
  asOf: string;
  /** the plan years whose lights are computed (lightsSql works per year); ignored with a task */
  years: readonly number[];
  /** the instant recorded as detectedAt / updatedAt (the app's clock, not the database's) */
  at: Date;
}

export interface RefreshCounts {
  inserted: number;
  updated: number;
  removed: number;
}

const BEIJING_MONTH = (instant: Prisma.Sql) => Prisma.sql`date_trunc('month', ${instant} AT TIME ZONE 'Asia/Shanghai')::date`;

/**
 * The ledger's lights (id, planned, actual, light) of the tasks with a frozen run only: the scope
 * reads the outer statement's `frozen_runs`, so nothing else is lit.
 */
function lights(input: RefreshInput): Prisma.Sql {
  const scope = Prisma.sql`t."committeeId" = ${input.committeeId} AND t.id IN (SELECT fr.task_id FROM frozen_runs fr)`;
  if (input.taskId) return Prisma.sql`(${lightsSql({ scope, year: 0, asOf: input.asOf, taskId: input.taskId })})`;
  if (input.years.length === 0) return Prisma.sql`(SELECT NULL::text AS id, 0 AS planned, 0 AS actual, NULL::text AS light WHERE false)`;
  return Prisma.sql`(${Prisma.join(
    input.years.map((year) => Prisma.sql`SELECT * FROM (${lightsSql({ scope, year, asOf: input.asOf })}) ly`),
    " UNION ALL ",
  )})`;
}

/** The statement: what the rules find now, then insert, update and remove; answers the three counts. */
export function refreshSignalsSql(input: RefreshInput): Prisma.Sql {
  const onlyTask = input.taskId ? Prisma.sql`AND t.id = ${input.taskId}` : Prisma.empty;
  const signalScope = input.taskId ? Prisma.sql`AND s."taskId" = ${input.taskId}` : Prisma.empty;
  const laterUseScope = input.taskId ? Prisma.sql`WHERE u.task_id = ${input.taskId}` : Prisma.empty;
  const committeeId = input.committeeId;
  return Prisma.sql`
  WITH cfg AS (
    SELECT COALESCE(s."signalCopySimilarity", ${DEFAULT_SIGNAL_SETTINGS.signalCopySimilarity}) AS copy_similarity,
           COALESCE(s."signalFrozenMonths", ${DEFAULT_SIGNAL_SETTINGS.signalFrozenMonths}) AS frozen_months,
           COALESCE(s."signalCloseOutFloor", ${DEFAULT_SIGNAL_SETTINGS.signalCloseOutFloor}) AS closeout_floor
    FROM (SELECT 1) one LEFT JOIN "CommitteeSettings" s ON s."committeeId" = ${committeeId}
  ),
  scoped AS MATERIALIZED (
    SELECT t.id, t."leadUnitId" FROM "ReformTask" t
    WHERE t."committeeId" = ${committeeId} AND t."deletedAt" IS NULL ${onlyTask}
  ),

  -- COPIED_REPORT
  compared AS (
    SELECT r.id AS report_id, r."taskId" AS task_id, r."unitId" AS unit_id, r.period, prev.id AS previous_report_id,
           char_trigram_similarity(prev.progress, r.progress) AS similarity
    FROM scoped t
    JOIN "ProgressReport" r ON r."taskId" = t.id AND r.status <> 'DRAFT' AND r."deletedAt" IS NULL
    JOIN LATERAL (
      SELECT pr.id, pr.progress FROM "ProgressReport" pr
      WHERE pr."taskId" = r."taskId" AND pr."unitId" = r."unitId" AND pr.period < r.period
        AND pr.status <> 'DRAFT' AND pr."deletedAt" IS NULL
      ORDER BY pr.period DESC
      LIMIT 1
    ) prev ON true
  ),
  copied AS (
    SELECT 'COPIED_REPORT' AS kind, 'COPIED_REPORT:' || c.report_id AS key, c.task_id, c.unit_id, c.period,
           c.report_id, c.previous_report_id, NULL::text AS close_out_id, NULL::text AS attachment_id,
           NULL::text AS previous_attachment_id, c.similarity AS value, NULL::int AS percent, NULL::int AS planned
    FROM compared c CROSS JOIN cfg
    WHERE c.similarity >= cfg.copy_similarity::float8 / 100
  ),

  -- FROZEN_PERCENT: runs of the latest approved lead reports, newest first
  approved AS (
    SELECT pr."taskId" AS task_id, pr.id, pr.period, pr.percent,
           row_number() OVER w AS rn,
           lead(pr.percent) OVER w AS older_percent,
           lead(pr.period) OVER w AS older_period
    FROM scoped t
    JOIN "ProgressReport" pr ON pr."taskId" = t.id AND pr."unitId" = t."leadUnitId"
    WHERE pr.kind = 'LEAD' AND pr.status = 'APPROVED' AND pr."deletedAt" IS NULL AND pr.percent IS NOT NULL
    WINDOW w AS (PARTITION BY pr."taskId" ORDER BY pr.period DESC, pr."reviewedAt" DESC)
  ),
  run_length AS (
    -- the first report, from the newest, that does not continue into the month before with the same percent
    SELECT a.task_id,
           min(a.rn) FILTER (
             WHERE a.older_percent IS DISTINCT FROM a.percent OR a.older_period <> (a.period - interval '1 month')::date
           ) AS n
    FROM approved a GROUP BY a.task_id
  ),
  frozen_runs AS (
    SELECT rl.task_id, rl.n - 1 AS months, latest.id AS report_id, latest.period AS last_period, latest.percent,
           first.id AS first_report_id, first.period AS first_period
    FROM run_length rl
    JOIN approved latest ON latest.task_id = rl.task_id AND latest.rn = 1
    JOIN approved first ON first.task_id = rl.task_id AND first.rn = rl.n
    CROSS JOIN cfg
    WHERE rl.n - 1 >= cfg.frozen_months AND latest.percent < 100
  ),
  signal_lights AS MATERIALIZED (
    SELECT sl.id, sl.planned, sl.actual, sl.light FROM ${lights(input)} sl
  ),
  frozen AS (
    SELECT 'FROZEN_PERCENT' AS kind, 'FROZEN_PERCENT:' || f.task_id || ':' || to_char(f.first_period, 'YYYY-MM') AS key,
           f.task_id, t."leadUnitId" AS unit_id, f.last_period AS period, f.report_id, f.first_report_id AS previous_report_id,
           NULL::text AS close_out_id, NULL::text AS attachment_id, NULL::text AS previous_attachment_id,
           f.months::float8 AS value, f.percent, l.planned
    FROM frozen_runs f
    JOIN scoped t ON t.id = f.task_id
    JOIN signal_lights l ON l.id = f.task_id
    WHERE l.planned > l.actual AND l.light NOT IN ('DONE', 'PENDING_CLOSE', 'NOT_STARTED')
  ),

  -- LOW_CLOSEOUT
  low_closeout AS (
    SELECT 'LOW_CLOSEOUT' AS kind, 'LOW_CLOSEOUT:' || c.id AS key, c."taskId" AS task_id, c."unitId" AS unit_id,
           ${BEIJING_MONTH(Prisma.sql`c."appliedAt"`)} AS period, last.id AS report_id, NULL::text AS previous_report_id,
           c.id AS close_out_id, NULL::text AS attachment_id, NULL::text AS previous_attachment_id,
           COALESCE(last.percent, 0)::float8 AS value, cfg.closeout_floor AS percent, NULL::int AS planned
    FROM scoped t
    JOIN "CloseOutRequest" c ON c."taskId" = t.id
    CROSS JOIN cfg
    LEFT JOIN LATERAL (
      SELECT pr.id, pr.percent FROM "ProgressReport" pr
      WHERE pr."taskId" = c."taskId" AND pr."unitId" = c."unitId" AND pr.kind = 'LEAD' AND pr.status = 'APPROVED'
        AND pr."deletedAt" IS NULL AND pr.percent IS NOT NULL AND pr."reviewedAt" < c."appliedAt"
      ORDER BY pr.period DESC, pr."reviewedAt" DESC
      LIMIT 1
    ) last ON true
    WHERE c.status IN ('PENDING', 'APPROVED') AND COALESCE(last.percent, 0) < cfg.closeout_floor
  ),

  -- REUSED_FILE: the uses of files found more than once in the committee
  repeated AS (
    SELECT a.sha256 FROM "Attachment" a
    WHERE a."committeeId" = ${committeeId} AND a."deletedAt" IS NULL
    GROUP BY a.sha256 HAVING count(*) > 1
  ),
  uses AS (
    SELECT a.id, a.sha256, a."createdAt", pr."taskId" AS task_id, pr."unitId" AS unit_id, pr.period AS month,
           pr.id AS report_id, NULL::text AS close_out_id
    FROM "Attachment" a
    JOIN "ProgressReport" pr ON pr.id = a."entityId"
    JOIN "ReformTask" rt ON rt.id = pr."taskId" AND rt."deletedAt" IS NULL
    WHERE a."committeeId" = ${committeeId} AND a."entityType" = 'ProgressReport' AND a."deletedAt" IS NULL
      AND a.sha256 IN (SELECT sha256 FROM repeated)
      AND pr."deletedAt" IS NULL AND pr.status <> 'DRAFT'
      -- a file added for the next submission of a returned report is not on record yet
      AND (a.round IS NULL OR a.round <= (
        SELECT count(*) FROM "WorkflowEvent" w
        WHERE w."entityType" = 'ProgressReport' AND w."entityId" = pr.id AND w.action IN ('SUBMIT', 'RESUBMIT')))
    UNION ALL
    SELECT a.id, a.sha256, a."createdAt", c."taskId", c."unitId", ${BEIJING_MONTH(Prisma.sql`c."appliedAt"`)}, NULL, c.id
    FROM "Attachment" a
    JOIN "CloseOutRequest" c ON c.id = a."entityId"
    JOIN "ReformTask" rt ON rt.id = c."taskId" AND rt."deletedAt" IS NULL
    WHERE a."committeeId" = ${committeeId} AND a."entityType" = 'CloseOutRequest' AND a."deletedAt" IS NULL
      AND a.sha256 IN (SELECT sha256 FROM repeated) AND c.status <> 'WITHDRAWN'
    UNION ALL
    SELECT a.id, a.sha256, a."createdAt", n."taskId", n."unitId", ${BEIJING_MONTH(Prisma.sql`r."submittedAt"`)}, NULL, NULL
    FROM "Attachment" a
    JOIN "SupervisionResponse" r ON r.id = a."entityId"
    JOIN "SupervisionNotice" n ON n.id = r."noticeId" AND n."deletedAt" IS NULL
    JOIN "ReformTask" rt ON rt.id = n."taskId" AND rt."deletedAt" IS NULL
    WHERE a."committeeId" = ${committeeId} AND a."entityType" = 'SupervisionResponse' AND a."deletedAt" IS NULL
      AND a.sha256 IN (SELECT sha256 FROM repeated)
  ),
  reused AS (
    SELECT DISTINCT ON (u.id)
           'REUSED_FILE' AS kind, 'REUSED_FILE:' || u.id AS key, u.task_id, u.unit_id, u.month AS period,
           u.report_id, e.report_id AS previous_report_id, u.close_out_id, u.id AS attachment_id, e.id AS previous_attachment_id,
           (SELECT count(*) FROM uses x
             WHERE x.sha256 = u.sha256 AND (x."createdAt", x.id COLLATE "C") < (u."createdAt", u.id COLLATE "C"))::float8 AS value,
           NULL::int AS percent, NULL::int AS planned
    FROM uses u
    JOIN uses e ON e.sha256 = u.sha256
      AND (e."createdAt", e.id COLLATE "C") < (u."createdAt", u.id COLLATE "C")
      AND (e.task_id <> u.task_id OR e.month <> u.month)
    ${laterUseScope}
    ORDER BY u.id, e."createdAt", e.id COLLATE "C"
  ),

  found AS MATERIALIZED (
    SELECT * FROM copied
    UNION ALL SELECT * FROM frozen
    UNION ALL SELECT * FROM low_closeout
    UNION ALL SELECT * FROM reused
  ),
  inserted AS (
    INSERT INTO "Signal" (id, "committeeId", kind, key, "taskId", "unitId", period, "reportId", "previousReportId", "closeOutId",
                          "attachmentId", "previousAttachmentId", value, percent, planned, "detectedAt", "updatedAt")
    -- the id follows from the key: cuid-shaped, so the audit and history views name it like any record
    SELECT 'c' || left(md5(${committeeId} || ':' || f.key), 24), ${committeeId}, f.kind::"SignalKind", f.key, f.task_id, f.unit_id,
           f.period, f.report_id, f.previous_report_id, f.close_out_id, f.attachment_id, f.previous_attachment_id,
           f.value, f.percent, f.planned, ${input.at}::timestamptz, ${input.at}::timestamptz
    FROM found f
    ON CONFLICT ("committeeId", key) DO NOTHING
    RETURNING 1
  ),
  updated AS (
    UPDATE "Signal" s
    SET "unitId" = f.unit_id, period = f.period, "reportId" = f.report_id, "previousReportId" = f.previous_report_id,
        "closeOutId" = f.close_out_id, "attachmentId" = f.attachment_id, "previousAttachmentId" = f.previous_attachment_id,
        value = f.value, percent = f.percent, planned = f.planned, "updatedAt" = ${input.at}::timestamptz
    FROM found f
    WHERE s."committeeId" = ${committeeId} AND s.key = f.key AND s."dismissedAt" IS NULL
      AND (s."unitId", s.period, s."reportId", s."previousReportId", s."closeOutId", s."attachmentId", s."previousAttachmentId",
           s.value, s.percent, s.planned)
          IS DISTINCT FROM
          (f.unit_id, f.period, f.report_id, f.previous_report_id, f.close_out_id, f.attachment_id, f.previous_attachment_id,
           f.value, f.percent, f.planned)
    RETURNING 1
  ),
  removed AS (
    DELETE FROM "Signal" s
    WHERE s."committeeId" = ${committeeId} AND s."dismissedAt" IS NULL ${signalScope}
      AND NOT EXISTS (SELECT 1 FROM found f WHERE f.key = s.key)
    RETURNING 1
  )
  SELECT (SELECT count(*)::int FROM inserted) AS inserted,
         (SELECT count(*)::int FROM updated) AS updated,
         (SELECT count(*)::int FROM removed) AS removed`;
}

/** What a client needs to run the refresh: Prisma's client or a transaction. */
interface RawClient {
  $queryRaw<T = unknown>(query: Prisma.Sql): Prisma.PrismaPromise<T>;
}

/**
 * Refreshes the signals of a committee (or of one task), as of the Beijing day of `at`. Pass the
 * transaction of the write that triggered it, so the signals commit with the write.
 */
export async function runSignalRefresh(client: RawClient, scope: RefreshScope, at: Date): Promise<RefreshCounts> {
  const asOf = dayOf(at).toISOString().slice(0, 10);
  const years = scope.taskId
    ? []
    : (
        await client.$queryRaw<{ year: number }[]>(Prisma.sql`
          SELECT DISTINCT year FROM "ReformTask"
          WHERE "committeeId" = ${scope.committeeId} AND "deletedAt" IS NULL AND status = 'ACTIVE' ORDER BY year`)
      ).map((row) => row.year);
  const [counts] = await client.$queryRaw<RefreshCounts[]>(refreshSignalsSql({ ...scope, asOf, years, at }));
  return counts ?? { inserted: 0, updated: 0, removed: 0 };
}
