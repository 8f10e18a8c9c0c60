import "server-only";
// 领导驾驶舱: the committee's reform tasks of a year at a glance, as of a Beijing day — counts by
// schedule light, by special group, lead units ranked, the monthly trend, the key tasks and a
// leader's own tasks (each with the reasons of its light). Every figure is a SQL aggregate over the ledger's own light computation
// (lib/ledger/light-sql.ts) under the ledger's scope, so each count links to the ledger view
// (`ledgerHref`) listing exactly the tasks counted; tests/integration/cockpit.test.ts checks it.
import type { Actor } from "@/lib/auth/actor";
import { visibleCommitteeIds } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/prisma";
import { lightsSql } from "@/lib/ledger/light-sql";
import { instructionWriter, pendingInstructions } from "@/lib/instructions/queries";
import { canPickAsOf, scopeSql } from "@/lib/ledger/queries";
import { DEFAULT_LEDGER_PARAMS, ledgerHref, parseDay, type LedgerParams } from "@/lib/ledger/schemas";
import { authorizeRead } from "@/lib/server/action";
import { signalCounts } from "@/lib/signals/queries";
import { now } from "@/lib/server/clock";
import { dayOf, LIGHTS, type Light } from "@/lib/tasks/rules";
import { pastMonthEnds, rankUnits, rateOf, resolveAsOf, trendDays } from "./cockpit-rules";
import type { Cockpit, CockpitGroup, CockpitTask, CockpitTaskList, CockpitTrendPoint, CockpitUnitRate, Linked } from "./types";

/** Rows shown of the key tasks and of a leader's tasks; the rest are one click away in the ledger. */
export const TASK_LIST_LIMIT = 50;
/** Units in each of the top and bottom lists. */
export const RANKING_SIZE = 5;

export interface CockpitParams {
  /** the tasks' year; the current year by default */
  year?: number;
  /** YYYY-MM-DD: a past day (month end) for office and leaders; today by default */
  asOf?: string;
}

// ───────────── SQL ─────────────

/** Red and yellow first, as the ledger sorts by light. */
const SEVERITY = Prisma.raw(
  `CASE l.light WHEN 'RED' THEN 0 WHEN 'YELLOW' THEN 1 WHEN 'GREEN' THEN 2 WHEN 'NOT_STARTED' THEN 3 WHEN 'PENDING_CLOSE' THEN 4 ELSE 5 END`,
);

function taskRows(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT COALESCE(json_agg(k ORDER BY k.ord), '[]'::json) FROM (
    SELECT row_number() OVER (ORDER BY ${SEVERITY}, l.lag DESC, l.code) AS ord,
           l.id, l.code, l.title, g.name AS "groupName", u.name AS "leadUnitName", ld.name AS "leaderName",
           ld."leaderTitle", l.planned, l.actual, l.lag, l.light, l.reasons, to_char(l."dueDate", 'YYYY-MM-DD') AS "dueDate"
    FROM l
    JOIN "SpecialGroup" g ON g.id = l."groupId"
    JOIN "Unit" u ON u.id = l."leadUnitId"
    LEFT JOIN "User" ld ON ld.id = l."leaderId"
    WHERE ${where}
    ORDER BY ord
    LIMIT ${TASK_LIST_LIMIT}) k)`;
}

/** One round trip over the lit tasks of the year: counts by light, by group, by lead unit, the lists. */
function cockpitSql(input: { scope: Prisma.Sql; year: number; asOf: string; leaderId: string | null }): Prisma.Sql {
  const mine = input.leaderId ? Prisma.sql`l."leaderId" = ${input.leaderId}` : Prisma.sql`false`;
  return Prisma.sql`
  WITH l AS MATERIALIZED (
    SELECT x.id, x.code, x.planned, x.actual, x.lag, x.light, x.reasons,
           t.title, t."groupId", t."leadUnitId", t."leaderId", t."isKey", t.status::text AS status, t."dueDate"
    FROM (${lightsSql({ scope: input.scope, year: input.year, asOf: input.asOf })}) x
    JOIN "ReformTask" t ON t.id = x.id
  )
  SELECT
    (SELECT COALESCE(json_object_agg(c.light, c.n), '{}'::json)
       FROM (SELECT l.light, count(*)::int AS n FROM l GROUP BY l.light) c) AS counts,
    (SELECT COALESCE(json_agg(c ORDER BY c."sortOrder", c.name), '[]'::json) FROM (
       SELECT g.id, g.name, g."shortName", g."sortOrder",
              json_object_agg(gl.light, gl.n) AS counts
       FROM (SELECT l."groupId", l.light, count(*)::int AS n FROM l GROUP BY l."groupId", l.light) gl
       JOIN "SpecialGroup" g ON g.id = gl."groupId"
       GROUP BY g.id) c) AS groups,
    (SELECT COALESCE(json_agg(c), '[]'::json) FROM (
       SELECT u.id, u.name,
              (count(*) FILTER (WHERE l.status <> 'CANCELLED' AND l.light IN ('GREEN', 'PENDING_CLOSE', 'DONE')))::int AS good,
              (count(*) FILTER (WHERE l.status <> 'CANCELLED' AND l.light <> 'NOT_STARTED'))::int AS base
       FROM l JOIN "Unit" u ON u.id = l."leadUnitId"
       GROUP BY u.id) c) AS units,
    (SELECT count(*)::int FROM l WHERE l."isKey") AS "keyTotal",
    ${taskRows(Prisma.sql`l."isKey"`)} AS "keyRows",
    (SELECT count(*)::int FROM l WHERE ${mine}) AS "mineTotal",
    ${taskRows(mine)} AS "mineRows"`;
}

/**
 * 报送及时率 by lead unit: the monthly lead reports of the year's periods expected by the rules of
 * lib/reports/compliance.ts (task not cancelled, started before the month ended, not closed before
 * it ended), each due on the committee's due day of the next month; on time when first submitted by
 * the end of the due day, unless it is returned and awaits resubmission (`complianceStatus`: in the
 * base, not on time). Counted as of the end of the as-of day; reports not yet due are left out.
 */
function timelinessSql(input: { scope: Prisma.Sql; year: number; asOf: string }): Prisma.Sql {
  return Prisma.sql`
  WITH p AS (
    SELECT ${input.asOf}::date AS as_of,
           ((${input.asOf}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AS as_of_end
  ),
  periods AS (
    SELECT m::date AS period, (m + interval '1 month')::date AS next_month
    FROM p, generate_series(make_date(${input.year}::int, 1, 1), make_date(${input.year}::int, 12, 1), interval '1 month') m
    WHERE m::date <= p.as_of
  ),
  expected AS (
    SELECT t."leadUnitId", pe.period, pe.next_month, r.status::text AS report_status, r."firstSubmittedAt" AS first_submitted,
           -- monthlyDueOn: the due day of the next month, or its last day when shorter
           (pe.next_month + (LEAST(GREATEST(COALESCE(s."monthlyReportDueDay", 5), 1),
                                   ((pe.next_month + interval '1 month')::date - pe.next_month)) - 1))::date AS due_on
    FROM "ReformTask" t
    CROSS JOIN periods pe
    LEFT JOIN "CommitteeSettings" s ON s."committeeId" = t."committeeId"
    -- a lateral lookup by the (taskId, unitId, period) key: index probes, never a scan of every report
    LEFT JOIN LATERAL (
      SELECT pr.status, pr."firstSubmittedAt" FROM "ProgressReport" pr
      WHERE pr."taskId" = t.id AND pr."unitId" = t."leadUnitId" AND pr.period = pe.period AND pr.kind = 'LEAD' AND pr."deletedAt" IS NULL
      LIMIT 1
    ) r ON true
    WHERE t."deletedAt" IS NULL
      AND t.status <> 'CANCELLED'
      AND t.year = ${input.year}
      AND t."startDate" < pe.next_month
      AND (t."closedAt" IS NULL OR t."closedAt" >= (pe.next_month::timestamp AT TIME ZONE 'Asia/Shanghai'))
      AND (${input.scope})
  ),
  classified AS (
    SELECT e."leadUnitId",
           CASE
             WHEN e.report_status <> 'DRAFT' AND e.first_submitted IS NOT NULL AND e.first_submitted < p.as_of_end
               THEN CASE WHEN e.report_status = 'RETURNED' THEN 'RETURNED'
                         WHEN e.first_submitted < ((e.due_on + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') THEN 'ON_TIME' ELSE 'LATE' END
             WHEN p.as_of_end >= ((e.due_on + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') THEN 'MISSING'
             ELSE 'NOT_DUE'
           END AS timeliness
    FROM expected e CROSS JOIN p
  )
  SELECT u.id, u.name,
         (count(*) FILTER (WHERE c.timeliness = 'ON_TIME'))::int AS good,
         (count(*) FILTER (WHERE c.timeliness <> 'NOT_DUE'))::int AS base
  FROM classified c JOIN "Unit" u ON u.id = c."leadUnitId"
  GROUP BY u.id`;
}

/**
 * The trend: for each day, the average planned and actual percent over the year's tasks (every
 * ledger row, by the same rules as light-sql.ts: approved lead percent reviewed by the end of the
 * day, 100 when closed by then; milestones or linear schedule) and the tasks closed by then.
 */
function trendSql(input: { scope: Prisma.Sql; year: number; days: string[] }): Prisma.Sql {
  return Prisma.sql`
  WITH pp AS (
    SELECT d AS as_of, ((d + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AS as_of_end
    FROM unnest(${input.days}::date[]) d
  ),
  -- materialized: otherwise the planner folds it into x and runs the milestone subqueries per day
  tk AS MATERIALIZED (
    SELECT t.id, t."leadUnitId", t.status, t."closedAt", t."startDate", t."dueDate",
           (SELECT COALESCE(json_agg(json_build_array(ms."plannedDate", ms."plannedPercent")), '[]'::json)
              FROM "Milestone" ms WHERE ms."taskId" = t.id) AS milestones,
           (SELECT count(*) FROM "Milestone" ms WHERE ms."taskId" = t.id) AS n
    FROM "ReformTask" t
    WHERE t."deletedAt" IS NULL AND t.year = ${input.year} AND (${input.scope})
  ),
  x AS (
    SELECT pp.as_of,
           (tk.status = 'DONE' AND tk."closedAt" < pp.as_of_end) AS done,
           CASE
             WHEN tk.n > 0 THEN COALESCE((
               SELECT max((m.value->>1)::int) FROM json_array_elements(tk.milestones) m
               WHERE (m.value->>0)::date <= pp.as_of), 0)
             WHEN pp.as_of <= tk."startDate" THEN 0
             WHEN pp.as_of >= tk."dueDate" THEN 100
             WHEN tk."dueDate" - tk."startDate" <= 0 THEN 100
             ELSE floor(((pp.as_of - tk."startDate")::float8 / (tk."dueDate" - tk."startDate")) * 100)::int
           END AS planned,
           CASE WHEN tk.status = 'DONE' AND tk."closedAt" < pp.as_of_end THEN 100 ELSE COALESCE((
             SELECT pr.percent FROM "ProgressReport" pr
             WHERE pr."taskId" = tk.id AND pr."unitId" = tk."leadUnitId" AND pr.kind = 'LEAD' AND pr.status = 'APPROVED'
               AND pr."deletedAt" IS NULL AND pr.percent IS NOT NULL AND pr."reviewedAt" < pp.as_of_end
             ORDER BY pr.period DESC, pr."reviewedAt" DESC
             LIMIT 1), 0) END AS actual
    FROM pp CROSS JOIN tk
  )
  SELECT to_char(x.as_of, 'YYYY-MM-DD') AS "asOf",
         round(avg(x.planned)::numeric, 1)::float8 AS planned,
         round(avg(x.actual)::numeric, 1)::float8 AS actual,
         (count(*) FILTER (WHERE x.done))::int AS done,
         count(*)::int AS tasks
  FROM x GROUP BY x.as_of ORDER BY x.as_of`;
}

// ───────────── Read ─────────────

interface CockpitSqlResult {
  counts: Partial<Record<Light, number>>;
  groups: { id: string; name: string; shortName: string; counts: Partial<Record<Light, number>> }[];
  units: { id: string; name: string; good: number; base: number }[];
  keyTotal: number;
  keyRows: CockpitTask[];
  mineTotal: number;
  mineRows: CockpitTask[];
}

function emptyCockpit(year: number, asOf: string, today: string, asOfEditable: boolean, base: LedgerParams): Cockpit {
  const zero = (overrides: Partial<LedgerParams>): Linked => ({ count: 0, href: ledgerHref(base, overrides) });
  return {
    year,
    asOf,
    today,
    asOfEditable,
    monthEnds: asOfEditable ? pastMonthEnds(year, today) : [],
    years: [year],
    headline: {
      total: zero({}),
      lights: Object.fromEntries(LIGHTS.map((light) => [light, zero({ lights: [light] })])) as Record<Light, Linked>,
    },
    groups: [],
    onSchedule: { top: [], bottom: [], ranked: 0 },
    timeliness: { top: [], bottom: [], ranked: 0 },
    trend: [],
    keyTasks: { rows: [], total: 0, href: ledgerHref(base, { isKey: true }) },
    myTasks: null,
    instructions: null,
    instructionWriter: null,
    signals: null,
  };
}

/** The cockpit of the actor's tasks (the ledger's scope) for a year, as of a day. */
export async function getCockpit(actor: Actor, params: CockpitParams = {}): Promise<Cockpit> {
  authorizeRead(actor, "dashboard:read");
  const today = dayOf(now()).toISOString().slice(0, 10);
  const asOfEditable = canPickAsOf(actor);
  const asOf = resolveAsOf(params.asOf, today, asOfEditable);
  const year =
    params.year !== undefined && Number.isInteger(params.year) && params.year >= 2000 && params.year <= 2100
      ? params.year
      : Number(today.slice(0, 4));
  // the ledger's view of the same tasks: year, and the day when it is not today
  const base: LedgerParams = { ...DEFAULT_LEDGER_PARAMS, year, asOf: asOf < today ? parseDay(asOf) : null };
  const cockpit = emptyCockpit(year, asOf, today, asOfEditable, base);
  // the leaders' instructions are today's business whatever day the lights are shown for
  [cockpit.instructions, cockpit.instructionWriter] = await Promise.all([pendingInstructions(actor), instructionWriter(actor)]);
  // 形式主义预警 as they stand now (signals are not kept by day): the office's count, linked to its list
  cockpit.signals = await signalCounts(actor);
  const scope = scopeSql(actor);
  if (!scope || visibleCommitteeIds(actor, "task:read").length === 0) return cockpit;

  const leaderId = actor.isLeader ? actor.userId : null;
  const days = trendDays(year, asOf);
  const [[main], timeliness, trend, years] = await Promise.all([
    db.$queryRaw<CockpitSqlResult[]>(cockpitSql({ scope, year, asOf, leaderId })),
    db.$queryRaw<CockpitSqlResult["units"]>(timelinessSql({ scope, year, asOf })),
    days.length ? db.$queryRaw<Omit<CockpitTrendPoint, "month">[]>(trendSql({ scope, year, days })) : Promise.resolve([]),
    db.$queryRaw<{ year: number }[]>(Prisma.sql`
      SELECT DISTINCT t.year FROM "ReformTask" t WHERE t."deletedAt" IS NULL AND (${scope}) ORDER BY t.year DESC`),
  ]);

  cockpit.years = [...new Set([...years.map((row) => row.year), Number(today.slice(0, 4)), year])].sort((a, b) => b - a);
  if (!main) return cockpit;

  const linked = (counts: Partial<Record<Light, number>>, overrides: Partial<LedgerParams>) =>
    Object.fromEntries(
      LIGHTS.map((light) => [light, { count: counts[light] ?? 0, href: ledgerHref(base, { ...overrides, lights: [light] }) }]),
    ) as Record<Light, Linked>;
  const sum = (counts: Partial<Record<Light, number>>) => LIGHTS.reduce((total, light) => total + (counts[light] ?? 0), 0);

  cockpit.headline = { total: { count: sum(main.counts), href: ledgerHref(base) }, lights: linked(main.counts, {}) };
  cockpit.groups = main.groups.map((group): CockpitGroup => ({
    id: group.id,
    name: group.name,
    shortName: group.shortName,
    total: { count: sum(group.counts), href: ledgerHref(base, { groupId: group.id }) },
    lights: linked(group.counts, { groupId: group.id }),
  }));
  const rates = (rows: CockpitSqlResult["units"]): CockpitUnitRate[] =>
    rows.map((row) => ({
      id: row.id,
      name: row.name,
      good: row.good,
      base: row.base,
      rate: rateOf(row.good, row.base),
      href: ledgerHref(base, { leadUnitId: row.id }),
    }));
  cockpit.onSchedule = rankUnits(rates(main.units), RANKING_SIZE);
  cockpit.timeliness = rankUnits(rates(timeliness), RANKING_SIZE);
  cockpit.trend = trend.map((point) => ({ ...point, month: Number(point.asOf.slice(5, 7)) }));
  const list = (rows: CockpitTask[], total: number, overrides: Partial<LedgerParams>): CockpitTaskList => ({
    // only the fields of the shape (the SQL adds its ordinal)
    rows: rows.map((row) => ({
      id: row.id,
      code: row.code,
      title: row.title,
      groupName: row.groupName,
      leadUnitName: row.leadUnitName,
      leaderName: row.leaderName,
      leaderTitle: row.leaderTitle,
      planned: row.planned,
      actual: row.actual,
      lag: row.lag,
      light: row.light,
      reasons: row.reasons,
      dueDate: row.dueDate,
    })),
    total,
    href: ledgerHref(base, overrides),
  });
  cockpit.keyTasks = list(main.keyRows, main.keyTotal, { isKey: true });
  cockpit.myTasks = leaderId ? list(main.mineRows, main.mineTotal, { leaderId }) : null;
  return cockpit;
}
