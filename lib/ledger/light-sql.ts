// The ledger query in SQL: the schedule light of DESIGN §3 computed in PostgreSQL, by the same rule
// as `taskLight` in lib/tasks/rules.ts, so that filtering, sorting, paging and counting by light all
// happen in the database (tests/integration/ledger.test.ts checks SQL = JS for every demo task).
// Not server-only: scripts/bench-ledger.ts runs the same SQL. Every value is a bound parameter;
// the only raw fragments are constants chosen from closed lists below.
//
// "As of" a day D (a Beijing calendar day; "by the end of D" means before D+1 00:00 Asia/Shanghai):
// - status: DONE if closed by the end of D (a task closed later was still ACTIVE on D);
//   PENDING_CLOSE if it is pending now and its pending close-out was applied by the end of D;
// - actual: the percent of the latest-period APPROVED lead report reviewed by the end of D
//   (0 without one), 100 when DONE;
// - planned: milestones planned on or before D (or linear start → due when there are none);
// - a milestone counts as done when completed on or before D;
// - last month's report is "filed" when a non-draft lead report for that month was submitted by the
//   end of D;
// - reasons: the light's reasons with their facts, the objects `taskLight` returns as `details`
//   (LightReasonDetail in lib/tasks/rules.ts), so the same test checks them too.
// Later, for province-scale ledgers, a pg_trgm GIN index on code/title/goal would serve `q`.
import { Prisma } from "@/lib/db/prisma";
import type { Light } from "@/lib/tasks/rules";
import type { LedgerSort, LedgerSqlRow } from "./schemas";

export type { LedgerSqlRow };

export interface LedgerSqlInput {
  /** the actor's scope as a condition on `t` ("ReformTask"); built by queries.ts */
  scope: Prisma.Sql;
  year: number;
  /** YYYY-MM-DD */
  asOf: string;
  groupId?: string | null;
  leadUnitId?: string | null;
  cooperatingUnitId?: string | null;
  /** the lead or a cooperating unit (the API's `unit`) */
  unitId?: string | null;
  leaderId?: string | null;
  isKey?: boolean | null;
  /** tasks with (true) or without (false) an approved plan change (计划调整) by the as-of day */
  adjusted?: boolean | null;
  source?: string | null;
  status?: string | null;
  lights?: readonly Light[];
  /** tasks with an open formalism signal: "ANY" kind or one kind (lib/signals) */
  signal?: string | null;
  q?: string;
  sort: LedgerSort;
  dir: "asc" | "desc";
  limit: number;
  offset: number;
  /** a single task (the task page): skips the year filter */
  taskId?: string;
}

export interface LedgerSqlResult {
  total: number;
  counts: Partial<Record<Light, number>>;
  rows: LedgerSqlRow[];
}

const SORTS: Record<LedgerSort, Prisma.Sql> = {
  code: Prisma.raw(`f.code`),
  title: Prisma.raw(`f.title`),
  group: Prisma.raw(`g."sortOrder"`),
  leadUnit: Prisma.raw(`u.name`),
  leader: Prisma.raw(`l.name`),
  dueDate: Prisma.raw(`f."dueDate"`),
  planned: Prisma.raw(`f.planned`),
  actual: Prisma.raw(`f.actual`),
  lag: Prisma.raw(`f.lag`),
  light: Prisma.raw(
    `CASE f.light WHEN 'RED' THEN 0 WHEN 'YELLOW' THEN 1 WHEN 'GREEN' THEN 2 WHEN 'NOT_STARTED' THEN 3 WHEN 'PENDING_CLOSE' THEN 4 ELSE 5 END`,
  ),
};

/** `%` and `_` typed by the user are literal characters, not wildcards. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function filters(input: LedgerSqlInput): Prisma.Sql {
  const where: Prisma.Sql[] = [Prisma.sql`t."deletedAt" IS NULL`, Prisma.sql`(${input.scope})`];
  if (input.taskId) where.push(Prisma.sql`t.id = ${input.taskId}`);
  else where.push(Prisma.sql`t.year = ${input.year}`);
  if (input.groupId) where.push(Prisma.sql`t."groupId" = ${input.groupId}`);
  if (input.leadUnitId) where.push(Prisma.sql`t."leadUnitId" = ${input.leadUnitId}`);
  if (input.cooperatingUnitId)
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "TaskCooperatingUnit" cu WHERE cu."taskId" = t.id AND cu."unitId" = ${input.cooperatingUnitId})`,
    );
  if (input.unitId)
    where.push(
      Prisma.sql`(t."leadUnitId" = ${input.unitId} OR EXISTS (SELECT 1 FROM "TaskCooperatingUnit" cu WHERE cu."taskId" = t.id AND cu."unitId" = ${input.unitId}))`,
    );
  if (input.leaderId) where.push(Prisma.sql`t."leaderId" = ${input.leaderId}`);
  if (input.isKey !== null && input.isKey !== undefined) where.push(Prisma.sql`t."isKey" = ${input.isKey}`);
  if (input.source) where.push(Prisma.sql`t.source::text = ${input.source}`);
  if (input.status) where.push(Prisma.sql`t.status::text = ${input.status}`);
  if (input.adjusted !== null && input.adjusted !== undefined)
    where.push(
      Prisma.sql`${input.adjusted ? Prisma.empty : Prisma.sql`NOT`} EXISTS (SELECT 1 FROM "ChangeRequest" cr WHERE cr."taskId" = t.id AND cr.status = 'APPROVED'
        AND cr."decidedAt" < ((${input.asOf}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'))`,
    );
  if (input.signal)
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "Signal" sg WHERE sg."taskId" = t.id AND sg."dismissedAt" IS NULL${
        input.signal === "ANY" ? Prisma.empty : Prisma.sql` AND sg.kind::text = ${input.signal}`
      })`,
    );
  if (input.q) {
    const pattern = likePattern(input.q);
    where.push(Prisma.sql`(t.code ILIKE ${pattern} OR t.title ILIKE ${pattern} OR t.goal ILIKE ${pattern})`);
  }
  return Prisma.join(where, " AND ");
}

/** The lit tasks of the filters (all but the light), as a CTE chain ending in `lit`. */
function litTasks(input: LedgerSqlInput): Prisma.Sql {
  return Prisma.sql`
  p AS (
    SELECT ${input.asOf}::date AS as_of,
           ((${input.asOf}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AS as_of_end
  ),
  base AS (
    SELECT t.id, t."committeeId", t.year, t.version, t.code, t.title, t."groupId", t."leaderId", t."isKey",
           t.source::text AS source, t.status::text AS status,
           -- the baseline in force on the day (lib/changes/rules.ts baselineAt): the "before" of the
           -- earliest approved change decided after it, else the task's own (latest approved) values
           COALESCE(bl.b->>'leadUnitId', t."leadUnitId") AS "leadUnitId",
           COALESCE((bl.b->>'startDate')::date, t."startDate") AS "startDate",
           COALESCE((bl.b->>'dueDate')::date, t."dueDate") AS "dueDate",
           bl.b->'milestones' AS baseline_milestones,
           (SELECT count(*)::int FROM "ChangeRequest" ca
             WHERE ca."taskId" = t.id AND ca.status = 'APPROVED' AND ca."decidedAt" < p.as_of_end) AS adjustments,
           p.as_of, p.as_of_end,
           CASE
             WHEN t.status = 'DONE' AND t."closedAt" < p.as_of_end THEN 'DONE'
             WHEN t.status = 'DONE' THEN 'ACTIVE'
             WHEN t.status = 'PENDING_CLOSE' AND EXISTS (
               SELECT 1 FROM "CloseOutRequest" c
               WHERE c."taskId" = t.id AND c.status = 'PENDING' AND c."appliedAt" < p.as_of_end) THEN 'PENDING_CLOSE'
             WHEN t.status = 'PENDING_CLOSE' THEN 'ACTIVE'
             ELSE t.status::text
           END AS status_as_of,
           COALESCE(s."yellowLagPoints", 10) AS yellow_lag,
           COALESCE(s."redLagPoints", 30) AS red_lag,
           COALESCE(s."milestoneRedDays", 30) AS milestone_red_days,
           COALESCE(s."monthlyReportDueDay", 5) AS report_due_day
    FROM "ReformTask" t
    CROSS JOIN p
    LEFT JOIN "CommitteeSettings" s ON s."committeeId" = t."committeeId"
    LEFT JOIN LATERAL (
      SELECT cr."baselineBefore" AS b FROM "ChangeRequest" cr
      WHERE cr."taskId" = t.id AND cr.status = 'APPROVED' AND cr."decidedAt" >= p.as_of_end AND cr."baselineBefore" IS NOT NULL
      ORDER BY cr."decidedAt" ASC
      LIMIT 1
    ) bl ON true
    WHERE ${filters(input)}
  ),
  facts AS (
    SELECT b.*,
           CASE WHEN b.status_as_of = 'DONE' THEN 100 ELSE COALESCE(r.percent, 0) END AS actual,
           (date_trunc('month', b.as_of) - interval '1 month')::date AS report_period,
           (date_trunc('month', b.as_of)::date + (b.report_due_day - 1)) AS report_due_on
    FROM base b
    LEFT JOIN LATERAL (
      SELECT pr.percent FROM "ProgressReport" pr
      WHERE pr."taskId" = b.id AND pr."unitId" = b."leadUnitId" AND pr.kind = 'LEAD' AND pr.status = 'APPROVED'
        AND pr."deletedAt" IS NULL AND pr.percent IS NOT NULL AND pr."reviewedAt" < b.as_of_end
      ORDER BY pr.period DESC, pr."reviewedAt" DESC
      LIMIT 1
    ) r ON true
  ),
  measured AS (
    SELECT f.*,
           CASE
             WHEN m.n > 0 THEN m.planned_by_milestones
             WHEN f.as_of <= f."startDate" THEN 0
             WHEN f.as_of >= f."dueDate" THEN 100
             WHEN f."dueDate" - f."startDate" <= 0 THEN 100
             -- float8 like JavaScript's numbers, so the floor lands on the same integer
             ELSE floor(((f.as_of - f."startDate")::float8 / (f."dueDate" - f."startDate")) * 100)::int
           END AS planned,
           m.worst_late, m.worst_title, m.late_milestones,
           EXISTS (
             SELECT 1 FROM "ProgressReport" lr
             WHERE lr."taskId" = f.id AND lr."unitId" = f."leadUnitId" AND lr.kind = 'LEAD' AND lr.status <> 'DRAFT'
               AND lr."deletedAt" IS NULL AND lr.period = f.report_period AND COALESCE(lr."firstSubmittedAt", lr."submittedAt") < f.as_of_end
           ) AS reported_last_month
    FROM facts f
    LEFT JOIN LATERAL (
      SELECT count(*) AS n,
             COALESCE(max(ms."plannedPercent") FILTER (WHERE ms."plannedDate" <= f.as_of), 0) AS planned_by_milestones,
             -- days the latest open milestone that actual has not reached is past its date
             max(f.as_of - ms."plannedDate") FILTER (
               WHERE (ms."completedOn" IS NULL OR ms."completedOn" > f.as_of) AND ms."plannedPercent" > f.actual
             ) AS worst_late,
             -- the reason names that milestone (the oldest, then the lowest percent) and counts the late ones
             (array_agg(ms.title ORDER BY ms."plannedDate", ms."plannedPercent") FILTER (
               WHERE (ms."completedOn" IS NULL OR ms."completedOn" > f.as_of) AND ms."plannedPercent" > f.actual
             ))[1] AS worst_title,
             count(*) FILTER (
               WHERE (ms."completedOn" IS NULL OR ms."completedOn" > f.as_of) AND ms."plannedPercent" > f.actual AND ms."plannedDate" < f.as_of
             )::int AS late_milestones
      FROM (
        SELECT cm.title, cm."plannedDate", cm."plannedPercent", cm."completedOn" FROM "Milestone" cm
        WHERE cm."taskId" = f.id AND f.baseline_milestones IS NULL
        UNION ALL
        SELECT bm.title, bm."plannedDate", bm."plannedPercent", bm."completedOn"
        FROM jsonb_to_recordset(f.baseline_milestones) AS bm(title text, "plannedDate" date, "plannedPercent" int, "completedOn" date)
      ) ms
    ) m ON true
  ),
  lit AS (
    -- the light of DESIGN §3 from one flag per reason, and the reasons as taskLight builds them
    -- (LightReasonDetail): RED lists only its red reasons, YELLOW only its yellow ones, the others
    -- none. The JSON is built only where a query reads the reasons.
    SELECT x.*, l.light,
           CASE l.light
             WHEN 'RED' THEN jsonb_path_query_array(jsonb_build_array(
               CASE WHEN c.overdue THEN jsonb_build_object(
                 'code', 'overdue', 'dueDate', to_char(x."dueDate", 'YYYY-MM-DD'), 'days', x.as_of - x."dueDate") END,
               CASE WHEN c.milestone_red THEN jsonb_build_object(
                 'code', 'milestoneLateLong', 'milestone', COALESCE(x.worst_title, ''),
                 'plannedDate', to_char(x.as_of - x.worst_late, 'YYYY-MM-DD'), 'days', x.worst_late, 'lateMilestones', x.late_milestones) END,
               CASE WHEN c.lag_red THEN jsonb_build_object(
                 'code', 'lagRed', 'planned', x.planned, 'actual', x.actual, 'lag', x.lag) END
             ), '$[*] ? (@ != null)')
             -- not red: a late milestone is at most milestone_red_days late, the lag under red_lag
             WHEN 'YELLOW' THEN jsonb_path_query_array(jsonb_build_array(
               CASE WHEN c.milestone_late THEN jsonb_build_object(
                 'code', 'milestoneLate', 'milestone', COALESCE(x.worst_title, ''),
                 'plannedDate', to_char(x.as_of - x.worst_late, 'YYYY-MM-DD'), 'days', x.worst_late, 'lateMilestones', x.late_milestones) END,
               CASE WHEN c.lag_yellow THEN jsonb_build_object(
                 'code', 'lagYellow', 'planned', x.planned, 'actual', x.actual, 'lag', x.lag) END,
               CASE WHEN c.report_missing THEN jsonb_build_object(
                 'code', 'reportMissing', 'period', to_char(x.report_period, 'YYYY-MM'), 'dueOn', to_char(x.report_due_on, 'YYYY-MM-DD')) END
             ), '$[*] ? (@ != null)')
             ELSE '[]'::jsonb
           END AS reasons
    FROM (SELECT mm.*, GREATEST(0, mm.planned - mm.actual) AS lag FROM measured mm) x
    CROSS JOIN LATERAL (
      SELECT x.as_of > x."dueDate" AS overdue,
             COALESCE(x.worst_late, 0) > x.milestone_red_days AS milestone_red,
             x.lag >= x.red_lag AS lag_red,
             COALESCE(x.worst_late, 0) > 0 AS milestone_late,
             x.lag >= x.yellow_lag AS lag_yellow,
             (x."startDate" < date_trunc('month', x.as_of)::date AND NOT x.reported_last_month AND x.as_of > x.report_due_on) AS report_missing
    ) c
    CROSS JOIN LATERAL (
      SELECT CASE
               WHEN x.status_as_of = 'DONE' THEN 'DONE'
               WHEN x.status_as_of = 'PENDING_CLOSE' THEN 'PENDING_CLOSE'
               WHEN x."startDate" > x.as_of THEN 'NOT_STARTED'
               WHEN c.overdue OR c.milestone_red OR c.lag_red THEN 'RED'
               WHEN c.milestone_late OR c.lag_yellow OR c.report_missing THEN 'YELLOW'
               ELSE 'GREEN'
             END AS light
    ) l
  )`;
}

/** One round trip: the page of rows, the total under the light filter, and the count per light. */
export function ledgerSql(input: LedgerSqlInput): Prisma.Sql {
  const lightFilter = input.lights?.length ? Prisma.sql`WHERE lit.light IN (${Prisma.join([...input.lights])})` : Prisma.empty;
  const direction = Prisma.raw(input.dir === "desc" ? "DESC" : "ASC");
  return Prisma.sql`
  WITH ${litTasks(input)},
  filtered AS (SELECT * FROM lit ${lightFilter}),
  page AS (
    SELECT row_number() OVER (ORDER BY ${SORTS[input.sort]} ${direction} NULLS LAST, f.code ASC) AS ord,
           f.id, f."committeeId", f.code, f.title, g.name AS "groupName", g."shortName" AS "groupShortName", u.name AS "leadUnitName",
           COALESCE((
             SELECT json_agg(cu_unit.name ORDER BY cu."sortOrder", cu_unit.name)
             FROM "TaskCooperatingUnit" cu JOIN "Unit" cu_unit ON cu_unit.id = cu."unitId"
             WHERE cu."taskId" = f.id
           ), '[]'::json) AS "cooperatingUnits",
           COALESCE((
             SELECT json_agg(json_build_object('id', cu_unit.id, 'name', cu_unit.name) ORDER BY cu."sortOrder", cu_unit.name)
             FROM "TaskCooperatingUnit" cu JOIN "Unit" cu_unit ON cu_unit.id = cu."unitId"
             WHERE cu."taskId" = f.id
           ), '[]'::json) AS "cooperatingUnitRefs",
           f.year, f.version, f."groupId", f."leadUnitId", f."leaderId",
           l.name AS "leaderName", l."leaderTitle" AS "leaderTitle",
           f."isKey", f.source, f.status, f."startDate", f."dueDate",
           f.planned, f.actual, f.lag, f.light, f.reasons, f.adjustments
    FROM filtered f
    JOIN "SpecialGroup" g ON g.id = f."groupId"
    JOIN "Unit" u ON u.id = f."leadUnitId"
    LEFT JOIN "User" l ON l.id = f."leaderId"
    ORDER BY ord
    LIMIT ${input.limit} OFFSET ${input.offset}
  )
  SELECT
    (SELECT count(*)::int FROM filtered) AS total,
    (SELECT COALESCE(json_object_agg(c.light, c.n), '{}'::json)
       FROM (SELECT lit.light, count(*)::int AS n FROM lit GROUP BY lit.light) c) AS counts,
    (SELECT COALESCE(json_agg(row_to_json(pg) ORDER BY pg.ord), '[]'::json)
       FROM (SELECT id, "committeeId", year, version, code, title, "groupId", "groupName", "groupShortName", "leadUnitId", "leadUnitName",
                    "cooperatingUnits", "cooperatingUnitRefs", "leaderId", "leaderName", "leaderTitle",
                    "isKey", source, status, "startDate", "dueDate", planned, actual, lag, light, reasons, adjustments, ord FROM page) pg) AS rows`;
}

/**
 * How many tasks of each light: overall (dim "all"), per special group and per lead unit, with
 * their names, in the committee's order — the API's dashboard summary, one statement.
 */
export function lightCountsSql(input: Omit<LedgerSqlInput, "sort" | "dir" | "limit" | "offset">): Prisma.Sql {
  return Prisma.sql`
  WITH ${litTasks({ ...input, sort: "code", dir: "asc", limit: 0, offset: 0 })},
  counted AS (
    SELECT CASE WHEN GROUPING(lit."groupId") = 0 THEN 'group' WHEN GROUPING(lit."leadUnitId") = 0 THEN 'unit' ELSE 'all' END AS dim,
           COALESCE(lit."groupId", lit."leadUnitId") AS id, lit.light, count(*)::int AS n
    FROM lit
    GROUP BY GROUPING SETS ((lit."groupId", lit.light), (lit."leadUnitId", lit.light), (lit.light))
  )
  SELECT c.dim, c.id, COALESCE(g.name, u.name) AS name, sum(c.n)::int AS total, json_object_agg(c.light, c.n) AS "byLight"
  FROM counted c
  LEFT JOIN "SpecialGroup" g ON c.dim = 'group' AND g.id = c.id
  LEFT JOIN "Unit" u ON c.dim = 'unit' AND u.id = c.id
  GROUP BY c.dim, c.id, g.name, g."sortOrder", u.name, u."sortOrder"
  ORDER BY c.dim, COALESCE(g."sortOrder", u."sortOrder"), COALESCE(g.name, u.name)`;
}

/** Only the lights (with their reasons) of a set of tasks (the SQL = JS test, the cockpit, the workbench). */
export function lightsSql(input: Omit<LedgerSqlInput, "sort" | "dir" | "limit" | "offset">): Prisma.Sql {
  return Prisma.sql`
  WITH ${litTasks({ ...input, sort: "code", dir: "asc", limit: 0, offset: 0 })}
  SELECT lit.id, lit.code, lit.planned, lit.actual, lit.lag, lit.light, lit.reasons, lit."startDate", lit."dueDate", lit.adjustments
  FROM lit ORDER BY lit.code`;
}
