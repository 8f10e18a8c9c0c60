import "server-only";
// The office's three lists (待办 / 逾期 / 已完成), grouped by special group, lead unit or linked
// leader with subtotals. One SQL round trip over the ledger's light SQL (lightsSql), scoped to the
// actor exactly as the ledger is (scopeSql), as of a Beijing day:
// - pending: tasks not closed out and not cancelled (ACTIVE or PENDING_CLOSE as of the day);
// - overdue: red tasks that are past their due date, or whose oldest open milestone (one that the
//   actual percent has not reached) is more than `milestoneRedDays` past its planned date — the two
//   "overdue" reasons of the red light (DESIGN §3); red by lag alone is behind, not overdue;
// - completed: tasks of the year closed out (DONE) by the day, with the day they were closed.
import type { Actor } from "@/lib/auth/actor";
import { visibleCommitteeIds } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/prisma";
import { lightsSql } from "@/lib/ledger/light-sql";
import { canPickAsOf, scopeSql } from "@/lib/ledger/queries";
import { isoDay, parseDay, type LedgerRow } from "@/lib/ledger/schemas";
import { authorizeRead } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { dayOf, LIGHTS, type Light } from "@/lib/tasks/rules";

export const VIEW_KINDS = ["pending", "overdue", "completed"] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];
export const VIEW_GROUPINGS = ["group", "unit", "leader"] as const;
export type ViewGrouping = (typeof VIEW_GROUPINGS)[number];
export type OverdueReason = "DUE" | "MILESTONE";

export interface ViewParams {
  view: ViewKind;
  by: ViewGrouping;
  /** null: the current year */
  year: number | null;
  /** null: today; honoured only for actors who may pick it (as the ledger) */
  asOf: Date | null;
}

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? "";

/** Lenient, like the ledger's URL: a bad value falls back to its default. */
export function parseViewParams(params: SearchParams): ViewParams {
  const view = first(params.view);
  const by = first(params.by);
  const year = Number.parseInt(first(params.year), 10);
  return {
    view: (VIEW_KINDS as readonly string[]).includes(view) ? (view as ViewKind) : "pending",
    by: (VIEW_GROUPINGS as readonly string[]).includes(by) ? (by as ViewGrouping) : "group",
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null,
    asOf: parseDay(first(params.asOf)),
  };
}

export function viewQuery(params: ViewParams, overrides: Partial<ViewParams> = {}): Record<string, string> {
  const view = { ...params, ...overrides };
  const query: Record<string, string> = { view: view.view, by: view.by };
  if (view.year !== null) query.year = String(view.year);
  if (view.asOf) query.asOf = isoDay(view.asOf);
  return query;
}

export function viewHref(params: ViewParams, overrides: Partial<ViewParams> = {}, path = "/tasks/views"): string {
  return `${path}?${new URLSearchParams(viewQuery(params, overrides))}`;
}

export interface ViewRow extends LedgerRow {
  groupKey: string;
  /** YYYY-MM-DD (Beijing day) the task was closed out; completed view */
  closedOn: string | null;
  /** days past the due date as of the day (null when not past it) */
  daysOverdue: number | null;
  /** the oldest open milestone more than milestoneRedDays late (overdue view) */
  lateMilestone: { title: string; plannedDate: string; days: number } | null;
  /** which of the two overdue reasons hold (overdue view) */
  overdueReasons: OverdueReason[];
}

export interface ViewGroup {
  key: string;
  /** null: tasks without a linked leader */
  name: string | null;
  count: number;
  lights: Record<Light, number>;
  rows: ViewRow[];
}

export interface ViewResult {
  view: ViewKind;
  by: ViewGrouping;
  year: number;
  asOf: string;
  today: string;
  asOfEditable: boolean;
  total: number;
  /** committee setting used for the milestone reason */
  milestoneRedDays: number;
  groups: ViewGroup[];
}

const GROUP_KEYS: Record<ViewGrouping, { key: Prisma.Sql; name: Prisma.Sql; order: Prisma.Sql }> = {
  group: { key: Prisma.raw(`g.id`), name: Prisma.raw(`g.name`), order: Prisma.raw(`g."sortOrder", g.name`) },
  unit: { key: Prisma.raw(`u.id`), name: Prisma.raw(`u.name`), order: Prisma.raw(`u."sortOrder", u.name`) },
  leader: { key: Prisma.raw(`COALESCE(l.id, '')`), name: Prisma.raw(`l.name`), order: Prisma.raw(`(l.id IS NULL), l.name`) },
};

const VIEW_WHERE: Record<ViewKind, Prisma.Sql> = {
  pending: Prisma.raw(`lt.light <> 'DONE' AND t.status <> 'CANCELLED'`),
  overdue: Prisma.raw(`lt.light = 'RED' AND t.status <> 'CANCELLED' AND (v_as_of > t."dueDate" OR COALESCE(lm.days, 0) > red_days)`),
  completed: Prisma.raw(`lt.light = 'DONE'`),
};

interface SqlRow extends Omit<ViewRow, "overdueReasons" | "lateMilestone"> {
  groupName: string;
  groupLabel: string | null;
  lateTitle: string | null;
  latePlanned: string | null;
  lateDays: number | null;
  redDays: number;
}

interface SqlResult {
  rows: SqlRow[];
  groups: { key: string; name: string | null; count: number; lights: Partial<Record<Light, number>> }[];
}

/** The view's SQL: the ledger's lights wrapped with the view's condition and the grouping. */
export function viewSql(input: { scope: Prisma.Sql; year: number; asOf: string; view: ViewKind; by: ViewGrouping }): Prisma.Sql {
  const grouping = GROUP_KEYS[input.by];
  return Prisma.sql`
  WITH lt AS (${lightsSql({ scope: input.scope, year: input.year, asOf: input.asOf })}),
  v AS (
    SELECT row_number() OVER (ORDER BY ${grouping.order} NULLS LAST, t.code) AS ord,
           ${grouping.key} AS "groupKey", ${grouping.name} AS "groupLabel",
           t.id, t.code, t.title, g.name AS "groupName", g."shortName" AS "groupShortName", u.name AS "leadUnitName",
           COALESCE((
             SELECT json_agg(cu_unit.name ORDER BY cu."sortOrder", cu_unit.name)
             FROM "TaskCooperatingUnit" cu JOIN "Unit" cu_unit ON cu_unit.id = cu."unitId"
             WHERE cu."taskId" = t.id
           ), '[]'::json) AS "cooperatingUnits",
           l.name AS "leaderName", l."leaderTitle" AS "leaderTitle",
           -- the dates of the baseline in force on the day (an approved 计划调整 counts from its day)
           t."isKey", t.source::text AS source, t.status::text AS status, lt."startDate", lt."dueDate",
           lt.planned, lt.actual, lt.lag, lt.light, lt.reasons, lt.adjustments,
           CASE WHEN lt.light = 'DONE' THEN (t."closedAt" AT TIME ZONE 'Asia/Shanghai')::date END AS "closedOn",
           CASE WHEN v_as_of > lt."dueDate" THEN v_as_of - lt."dueDate" END AS "daysOverdue",
           lm.title AS "lateTitle", lm."plannedDate" AS "latePlanned", lm.days AS "lateDays", red_days AS "redDays"
    FROM lt
    JOIN "ReformTask" t ON t.id = lt.id
    JOIN "SpecialGroup" g ON g.id = t."groupId"
    JOIN "Unit" u ON u.id = t."leadUnitId"
    LEFT JOIN "User" l ON l.id = t."leaderId"
    LEFT JOIN "CommitteeSettings" s ON s."committeeId" = t."committeeId"
    CROSS JOIN LATERAL (SELECT ${input.asOf}::date AS v_as_of, COALESCE(s."milestoneRedDays", 30) AS red_days) k
    LEFT JOIN LATERAL (
      -- the oldest milestone still open on the day and not reached by the actual percent (as the light)
      SELECT ms.title, ms."plannedDate", v_as_of - ms."plannedDate" AS days
      FROM "Milestone" ms
      WHERE ms."taskId" = t.id AND ms."plannedDate" < v_as_of
        AND (ms."completedOn" IS NULL OR ms."completedOn" > v_as_of) AND ms."plannedPercent" > lt.actual
      ORDER BY ms."plannedDate", ms."sortOrder"
      LIMIT 1
    ) lm ON true
    WHERE ${VIEW_WHERE[input.view]}
  )
  SELECT
    (SELECT COALESCE(json_agg(row_to_json(v) ORDER BY v.ord), '[]'::json) FROM v) AS rows,
    (SELECT COALESCE(json_agg(json_build_object('key', gr.key, 'name', gr.name, 'count', gr.n, 'lights', gr.lights) ORDER BY gr.first), '[]'::json)
       FROM (
         SELECT v."groupKey" AS key, min(v."groupLabel") AS name, min(v.ord) AS first, count(*)::int AS n,
                (SELECT json_object_agg(x.light, x.n) FROM (
                   SELECT w.light, count(*)::int AS n FROM v w WHERE w."groupKey" = v."groupKey" GROUP BY w.light) x) AS lights
         FROM v GROUP BY v."groupKey"
       ) gr) AS groups`;
}

function emptyLights(): Record<Light, number> {
  return Object.fromEntries(LIGHTS.map((light) => [light, 0])) as Record<Light, number>;
}

/** One of the three views for the actor: the groups in order, each with its rows and subtotal. */
export async function listView(actor: Actor, params: ViewParams): Promise<ViewResult> {
  authorizeRead(actor, "task:read");
  const today = dayOf(now());
  const asOfEditable = canPickAsOf(actor);
  const asOf = asOfEditable && params.asOf && params.asOf.getTime() < today.getTime() ? params.asOf : today;
  const settings = await db.committeeSettings.findUnique({
    where: { committeeId: actor.committee.id },
    select: { milestoneRedDays: true },
  });
  const result: ViewResult = {
    view: params.view,
    by: params.by,
    year: params.year ?? today.getUTCFullYear(),
    asOf: isoDay(asOf),
    today: isoDay(today),
    asOfEditable,
    total: 0,
    milestoneRedDays: settings?.milestoneRedDays ?? 30,
    groups: [],
  };
  const scope = scopeSql(actor);
  if (!scope || visibleCommitteeIds(actor, "task:read").length === 0) return result;

  const [data] = await db.$queryRaw<SqlResult[]>(
    viewSql({ scope, year: result.year, asOf: result.asOf, view: params.view, by: params.by }),
  );
  if (!data) return result;
  const groups = new Map<string, ViewGroup>(
    data.groups.map((group) => [
      group.key,
      { key: group.key, name: group.name, count: group.count, lights: { ...emptyLights(), ...group.lights }, rows: [] },
    ]),
  );
  for (const row of data.rows) {
    const late = row.lateDays !== null && row.lateDays > row.redDays;
    const reasons: OverdueReason[] = [];
    if (row.daysOverdue !== null) reasons.push("DUE");
    if (late) reasons.push("MILESTONE");
    groups.get(row.groupKey)?.rows.push({
      id: row.id,
      code: row.code,
      title: row.title,
      groupName: row.groupName,
      groupShortName: row.groupShortName,
      leadUnitName: row.leadUnitName,
      cooperatingUnits: row.cooperatingUnits,
      leaderName: row.leaderName,
      leaderTitle: row.leaderTitle,
      isKey: row.isKey,
      source: row.source,
      status: row.status,
      startDate: row.startDate,
      dueDate: row.dueDate,
      planned: row.planned,
      actual: row.actual,
      lag: row.lag,
      light: row.light,
      reasons: row.reasons,
      adjustments: row.adjustments,
      groupKey: row.groupKey,
      closedOn: row.closedOn,
      daysOverdue: row.daysOverdue,
      lateMilestone: late ? { title: row.lateTitle!, plannedDate: row.latePlanned!, days: row.lateDays! } : null,
      overdueReasons: params.view === "overdue" ? reasons : [],
    });
  }
  result.groups = [...groups.values()];
  result.total = result.groups.reduce((sum, group) => sum + group.count, 0);
  return result;
}
