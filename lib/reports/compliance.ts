import "server-only";
// 报送情况: for one month, which monthly progress reports (lead reports, DESIGN §3 "Report windows")
// were expected, and how each stands — on time, late, returned awaiting resubmission, missing, not
// yet due (disjoint: `complianceStatus`) —
// by special group and by lead unit, with the list of reports not yet submitted. The rules are those
// of lib/reports/rules.ts (`isReportExpected`, `complianceStatus` on `firstSubmittedAt`, `monthlyDueOn`
// with the committee's due day), computed in one SQL statement; tests/integration/compliance.test.ts
// checks SQL = rules on the demo county. Like lib/ledger/light-sql.ts, every value is a bound
// parameter and the only raw fragments are constants from closed lists below.
//
// "By the end of day D" (Beijing) is "before D+1 00:00 Asia/Shanghai"; so
// - a task closed out during the month owes nothing: expected when closedAt ≥ the month's end;
// - a report is on time when first submitted before the end of its due day;
// - an unsubmitted report is missing once the due day is over, not due before that.
import type { Actor } from "@/lib/auth/actor";
import { MATRIX } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma, type DbClient } from "@/lib/db/prisma";
import { authorizeRead } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import {
  addMonths,
  currentReportingPeriod,
  monthKey,
  monthlyDueOn,
  onTimeRate,
  parseMonthKey,
  type ComplianceCounts,
  type Timeliness,
} from "./rules";

export const DEFAULT_MONTHLY_DUE_DAY = 5;
export const DEFAULT_QUARTERLY_DUE_DAY = 10;

export const UNIT_SORTS = ["missing", "unit", "rate", "expected"] as const;
export type UnitSort = (typeof UNIT_SORTS)[number];

export interface ComplianceFigures extends ComplianceCounts {
  /** 0–100, null when nothing was due yet */
  onTimeRate: number | null;
}

export interface ComplianceRow extends ComplianceFigures {
  id: string;
  name: string;
}

export interface UnitComplianceRow extends ComplianceRow {
  /** expected reports not submitted yet (missing + not yet due): what a 催报 is about */
  unsubmitted: number;
  /** the latest 催报 of this period's task reports, ISO instant */
  lastRemindedAt: string | null;
}

export interface UnsubmittedReport {
  taskId: string;
  code: string;
  title: string;
  unitId: string;
  unitName: string;
  groupName: string;
  timeliness: Extract<Timeliness, "MISSING" | "NOT_DUE">;
  /** DRAFT when the unit has started one, null when there is no report at all */
  reportStatus: "DRAFT" | null;
}

export interface ComplianceView {
  /** "2026-10" */
  period: string;
  /** the period whose reports units are working on today (本月待报) */
  currentPeriod: string;
  /** YYYY-MM-DD */
  dueOn: string;
  /** ISO instant the figures are computed for */
  asOf: string;
  /** what the actor sees: the committee, their special groups, or their own unit */
  scope: "committee" | "group" | "unit";
  totals: ComplianceFigures;
  byGroup: ComplianceRow[];
  byUnit: UnitComplianceRow[];
  unsubmitted: UnsubmittedReport[];
  /** more unsubmitted reports than listed */
  unsubmittedTotal: number;
  sort: UnitSort;
  dir: "asc" | "desc";
}

export interface ComplianceParams {
  /** "YYYY-MM"; the current reporting period when absent or malformed */
  period?: string | null;
  sort?: UnitSort;
  dir?: "asc" | "desc";
}

const UNSUBMITTED_LIMIT = 500;

// ───────────── SQL ─────────────

export interface ComplianceSqlInput {
  /** the actor's scope as a condition on `t` ("ReformTask") */
  scope: Prisma.Sql;
  /** first day of the month, YYYY-MM-DD */
  period: string;
  year: number;
  dueDay: number;
  asOf: Date;
  /** only these lead units (a 催报's default text) */
  unitIds?: readonly string[];
}

/** The expected reports of the period, each classified: a CTE chain ending in `classified`. */
function classifiedReports(input: ComplianceSqlInput): Prisma.Sql {
  const units = input.unitIds ? Prisma.sql`AND t."leadUnitId" IN (${Prisma.join(input.unitIds)})` : Prisma.empty;
  return Prisma.sql`
  p AS (
    SELECT ${input.period}::date AS period,
           (${input.period}::date + interval '1 month')::date AS next_month,
           ${input.asOf}::timestamptz AS as_of
  ),
  d AS (
    -- monthlyDueOn: day dueDay of the next month, or its last day when shorter
    SELECT p.*,
           (p.next_month + (LEAST(GREATEST(${input.dueDay}::int, 1),
                                  ((p.next_month + interval '1 month')::date - p.next_month)) - 1))::date AS due_on
    FROM p
  ),
  b AS (
    SELECT d.*,
           ((d.due_on + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AS due_end,
           (d.next_month::timestamp AT TIME ZONE 'Asia/Shanghai') AS month_end
    FROM d
  ),
  expected AS (
    SELECT t.id, t.code, t.title, t."groupId", t."leadUnitId",
           r.status::text AS report_status, r."firstSubmittedAt" AS first_submitted
    FROM "ReformTask" t
    CROSS JOIN b
    LEFT JOIN "ProgressReport" r
      ON r."taskId" = t.id AND r."unitId" = t."leadUnitId" AND r.period = ${input.period}::date
     AND r.kind = 'LEAD' AND r."deletedAt" IS NULL
    WHERE t."deletedAt" IS NULL
      AND t.status <> 'CANCELLED'
      AND t.year = ${input.year}
      AND t."startDate" < b.next_month
      AND (t."closedAt" IS NULL OR t."closedAt" >= b.month_end)
      AND (${input.scope})
      ${units}
  ),
  classified AS (
    SELECT e.*,
           CASE
             WHEN e.report_status <> 'DRAFT' AND e.first_submitted IS NOT NULL AND e.first_submitted <= b.as_of
               THEN CASE WHEN e.report_status = 'RETURNED' THEN 'RETURNED'
                         WHEN e.first_submitted < b.due_end THEN 'ON_TIME' ELSE 'LATE' END
             WHEN b.as_of >= b.due_end THEN 'MISSING'
             ELSE 'NOT_DUE'
           END AS timeliness
    FROM expected e CROSS JOIN b
  )`;
}

const COUNTS = Prisma.raw(`
  count(*)::int AS expected,
  (count(*) FILTER (WHERE c.timeliness = 'ON_TIME'))::int AS "onTime",
  (count(*) FILTER (WHERE c.timeliness = 'LATE'))::int AS late,
  (count(*) FILTER (WHERE c.timeliness = 'MISSING'))::int AS missing,
  (count(*) FILTER (WHERE c.timeliness = 'NOT_DUE'))::int AS "notDue",
  (count(*) FILTER (WHERE c.timeliness = 'RETURNED'))::int AS returned`);

const UNIT_ORDER: Record<UnitSort, string> = {
  missing: `x.missing %DIR%, x."notDue" %DIR%`,
  unit: `x."sortOrder" %DIR%, x.name %DIR%`,
  // the rate of onTimeRate; units with nothing due yet last
  rate: `(CASE WHEN x.expected - x."notDue" > 0 THEN round(x."onTime" * 100.0 / (x.expected - x."notDue")) END) %DIR% NULLS LAST`,
  expected: `x.expected %DIR%`,
};

function unitOrder(sort: UnitSort, dir: "asc" | "desc"): Prisma.Sql {
  return Prisma.raw(`${UNIT_ORDER[sort].replaceAll("%DIR%", dir === "desc" ? "DESC" : "ASC")}, x."sortOrder" ASC, x.name ASC`);
}

/** One round trip: totals, by group, by unit (sorted), and the unsubmitted reports. */
export function complianceSql(input: ComplianceSqlInput & { sort: UnitSort; dir: "asc" | "desc" }): Prisma.Sql {
  return Prisma.sql`
  WITH ${classifiedReports(input)}
  SELECT
    (SELECT row_to_json(x) FROM (SELECT ${COUNTS} FROM classified c) x) AS totals,
    (SELECT COALESCE(json_agg(x ORDER BY x."sortOrder", x.name), '[]'::json) FROM (
       SELECT g.id, g.name, g."sortOrder", ${COUNTS}
       FROM classified c JOIN "SpecialGroup" g ON g.id = c."groupId"
       GROUP BY g.id) x) AS "byGroup",
    (SELECT COALESCE(json_agg(x ORDER BY ${unitOrder(input.sort, input.dir)}), '[]'::json) FROM (
       SELECT u.id, u.name, u."sortOrder", ${COUNTS},
              (SELECT max(rr."createdAt") FROM "ReportReminder" rr, b
                WHERE rr."unitId" = u.id AND rr.period = b.period AND rr."reportType" = 'MONTHLY_TASK') AS "lastRemindedAt"
       FROM classified c JOIN "Unit" u ON u.id = c."leadUnitId"
       GROUP BY u.id) x) AS "byUnit",
    (SELECT count(*)::int FROM classified c WHERE c.timeliness IN ('MISSING', 'NOT_DUE')) AS "unsubmittedTotal",
    (SELECT COALESCE(json_agg(x ORDER BY x."unitSort", x."unitName", x.code), '[]'::json) FROM (
       SELECT c.id AS "taskId", c.code, c.title, u.id AS "unitId", u.name AS "unitName", u."sortOrder" AS "unitSort",
              g.name AS "groupName", c.timeliness, c.report_status AS "reportStatus"
       FROM classified c
       JOIN "Unit" u ON u.id = c."leadUnitId"
       JOIN "SpecialGroup" g ON g.id = c."groupId"
       WHERE c.timeliness IN ('MISSING', 'NOT_DUE')
       ORDER BY u."sortOrder", u.name, c.code
       LIMIT ${UNSUBMITTED_LIMIT}) x) AS unsubmitted`;
}

/** The expected reports of some units not yet submitted, by unit: what a 催报 lists. */
export function unsubmittedSql(input: ComplianceSqlInput): Prisma.Sql {
  return Prisma.sql`
  WITH ${classifiedReports(input)}
  SELECT c."leadUnitId" AS "unitId", c.code, c.timeliness
  FROM classified c
  WHERE c.timeliness IN ('MISSING', 'NOT_DUE')
  ORDER BY c."leadUnitId", c.code`;
}

// ───────────── Scope and settings ─────────────

interface ReadScope {
  kind: ComplianceView["scope"];
  sql: Prisma.Sql;
}

/**
 * What the actor may see of report figures in their own committee (the report:read grants):
 * office and leaders the whole committee, liaisons their groups' tasks, reporters the tasks their
 * unit leads (expected reports are lead reports). A parent committee's figures are per committee.
 */
function readScope(actor: Actor): ReadScope | null {
  const groups = new Set<string>();
  const units = new Set<string>();
  for (const grant of actor.roles) {
    const scope = MATRIX[grant.role]["report:read"];
    if (scope === "tree" || scope === "committee")
      return { kind: "committee", sql: Prisma.sql`t."committeeId" = ${actor.committeeId}` };
    if (scope === "group" && grant.groupId) groups.add(grant.groupId);
    if (scope === "unit" && grant.unitId) units.add(grant.unitId);
  }
  const any: Prisma.Sql[] = [];
  if (groups.size) any.push(Prisma.sql`t."groupId" IN (${Prisma.join([...groups])})`);
  if (units.size) any.push(Prisma.sql`t."leadUnitId" IN (${Prisma.join([...units])})`);
  if (!any.length) return null;
  return {
    kind: groups.size ? "group" : "unit",
    sql: Prisma.sql`(t."committeeId" = ${actor.committeeId} AND (${Prisma.join(any, " OR ")}))`,
  };
}

export interface DueDays {
  monthly: number;
  quarterly: number;
}

export async function dueDaysOf(client: DbClient, committeeId: string): Promise<DueDays> {
  const settings = await client.committeeSettings.findUnique({
    where: { committeeId },
    select: { monthlyReportDueDay: true, quarterlyReportDueDay: true },
  });
  return {
    monthly: settings?.monthlyReportDueDay ?? DEFAULT_MONTHLY_DUE_DAY,
    quarterly: settings?.quarterlyReportDueDay ?? DEFAULT_QUARTERLY_DUE_DAY,
  };
}

const isoDay = (day: Date) => day.toISOString().slice(0, 10);

function figures(counts: ComplianceCounts): ComplianceFigures {
  const plain: ComplianceCounts = {
    expected: counts.expected,
    onTime: counts.onTime,
    late: counts.late,
    missing: counts.missing,
    notDue: counts.notDue,
    returned: counts.returned,
  };
  return { ...plain, onTimeRate: onTimeRate(plain) };
}

interface ComplianceSqlResult {
  totals: ComplianceCounts;
  byGroup: (ComplianceCounts & { id: string; name: string })[];
  byUnit: (ComplianceCounts & { id: string; name: string; lastRemindedAt: string | null })[];
  unsubmittedTotal: number;
  unsubmitted: (UnsubmittedReport & { unitSort: number })[];
}

// ───────────── Reads ─────────────

/** 报送情况 of one month in the actor's scope. `asOf` is for tests; the page uses the clock. */
export async function complianceFor(actor: Actor, params: ComplianceParams = {}, options: { asOf?: Date } = {}): Promise<ComplianceView> {
  authorizeRead(actor, "report:read");
  const asOf = options.asOf ?? now();
  const dueDays = await dueDaysOf(db, actor.committeeId);
  const current = currentReportingPeriod(asOf, dueDays.monthly);
  // by default the latest month whose deadline has passed: the one with reports to chase
  const period = parseMonthKey(params.period) ?? addMonths(current, -1);
  const sort = params.sort && UNIT_SORTS.includes(params.sort) ? params.sort : "missing";
  const dir = params.dir === "asc" ? "asc" : params.dir === "desc" ? "desc" : sort === "unit" ? "asc" : "desc";
  const scope = readScope(actor);
  const view: ComplianceView = {
    period: monthKey(period),
    currentPeriod: monthKey(current),
    dueOn: isoDay(monthlyDueOn(period, dueDays.monthly)),
    asOf: asOf.toISOString(),
    scope: scope?.kind ?? "unit",
    totals: figures({ expected: 0, onTime: 0, late: 0, missing: 0, notDue: 0, returned: 0 }),
    byGroup: [],
    byUnit: [],
    unsubmitted: [],
    unsubmittedTotal: 0,
    sort,
    dir,
  };
  if (!scope) return view;

  const [result] = await db.$queryRaw<ComplianceSqlResult[]>(
    complianceSql({
      scope: scope.sql,
      period: isoDay(period),
      year: period.getUTCFullYear(),
      dueDay: dueDays.monthly,
      asOf,
      sort,
      dir,
    }),
  );
  if (!result) return view;
  view.totals = figures(result.totals);
  view.byGroup = result.byGroup.map((row) => ({ id: row.id, name: row.name, ...figures(row) }));
  view.byUnit = result.byUnit.map((row) => ({
    id: row.id,
    name: row.name,
    ...figures(row),
    unsubmitted: row.missing + row.notDue,
    lastRemindedAt: row.lastRemindedAt ? new Date(row.lastRemindedAt).toISOString() : null,
  }));
  view.unsubmittedTotal = result.unsubmittedTotal;
  view.unsubmitted = result.unsubmitted.map((row) => ({
    taskId: row.taskId,
    code: row.code,
    title: row.title,
    unitId: row.unitId,
    unitName: row.unitName,
    groupName: row.groupName,
    timeliness: row.timeliness,
    reportStatus: row.reportStatus === "DRAFT" ? "DRAFT" : null,
  }));
  return view;
}

/**
 * The codes of the unsubmitted expected reports of some units of a committee, by unit, for a
 * service that already authorized the actor (the 催报's default text, the scheduled reminders).
 */
export async function unsubmittedCodesByUnit(
  client: DbClient,
  input: { committeeId: string; period: Date; dueDay: number; asOf: Date; unitIds?: readonly string[] },
): Promise<Map<string, string[]>> {
  if (input.unitIds && input.unitIds.length === 0) return new Map();
  const rows = await client.$queryRaw<{ unitId: string; code: string }[]>(
    unsubmittedSql({
      scope: Prisma.sql`t."committeeId" = ${input.committeeId}`,
      period: isoDay(input.period),
      year: input.period.getUTCFullYear(),
      dueDay: input.dueDay,
      asOf: input.asOf,
      unitIds: input.unitIds,
    }),
  );
  const byUnit = new Map<string, string[]>();
  for (const row of rows) byUnit.set(row.unitId, [...(byUnit.get(row.unitId) ?? []), row.code]);
  return byUnit;
}

/** The lead units owing at least one report for the period (expected, whatever its state). */
export async function unitsOwingReports(
  client: DbClient,
  input: { committeeId: string; period: Date; dueDay: number; asOf: Date },
): Promise<string[]> {
  const rows = await client.$queryRaw<{ unitId: string }[]>(Prisma.sql`
    WITH ${classifiedReports({
      scope: Prisma.sql`t."committeeId" = ${input.committeeId}`,
      period: isoDay(input.period),
      year: input.period.getUTCFullYear(),
      dueDay: input.dueDay,
      asOf: input.asOf,
    })}
    SELECT DISTINCT c."leadUnitId" AS "unitId" FROM classified c ORDER BY 1`);
  return rows.map((row) => row.unitId);
}
