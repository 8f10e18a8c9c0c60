import "server-only";
// 挂图作战: the tasks of a year on a time axis with their milestones and lights (as of today), in
// the rows of a zoom window, grouped by special group or lead unit. One SQL round trip over the
// ledger's light SQL, scoped like the ledger; paged by rows (a city's thousands of tasks) with the
// group subtotals computed over the whole result.
import type { Actor } from "@/lib/auth/actor";
import { visibleCommitteeIds } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/prisma";
import { lightsSql } from "@/lib/ledger/light-sql";
import { scopeSql } from "@/lib/ledger/queries";
import { isoDay } from "@/lib/ledger/schemas";
import { authorizeRead } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { dayOf, LIGHTS, type Light } from "@/lib/tasks/rules";
import { parseZoom, timelineWindow, type TimelineZoom } from "./timeline-layout";

export const TIMELINE_PAGE_SIZE = 300;
/** "print all" still has a ceiling, far above a city's plan */
const TIMELINE_MAX_ROWS = 5000;

export type TimelineGrouping = "group" | "unit";

export interface TimelineParams {
  year: number | null;
  by: TimelineGrouping;
  zoom: TimelineZoom;
  groupId: string | null;
  lights: Light[];
  page: number;
  /** every row on one page (printing) */
  all: boolean;
}

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
const CUID_LIKE = /^[A-Za-z0-9_-]{1,40}$/;

export function parseTimelineParams(params: SearchParams): TimelineParams {
  const year = Number.parseInt(first(params.year), 10);
  const page = Number.parseInt(first(params.page), 10);
  const group = first(params.group);
  const lightValues = (Array.isArray(params.light) ? params.light : params.light ? [params.light] : []).flatMap((value) =>
    value.split(","),
  );
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null,
    by: first(params.by) === "unit" ? "unit" : "group",
    zoom: parseZoom(first(params.zoom)),
    groupId: CUID_LIKE.test(group) ? group : null,
    lights: [...new Set(lightValues.map((value) => value.trim()))].filter((value): value is Light =>
      (LIGHTS as readonly string[]).includes(value),
    ),
    page: Number.isInteger(page) && page > 0 ? Math.min(page, 10_000) : 1,
    all: first(params.all) === "1",
  };
}

export function timelineQuery(params: TimelineParams, overrides: Partial<TimelineParams> = {}): Record<string, string> {
  const view = { ...params, ...overrides };
  const query: Record<string, string> = {};
  if (view.year !== null) query.year = String(view.year);
  if (view.by !== "group") query.by = view.by;
  if (view.zoom !== "year") query.zoom = view.zoom;
  if (view.groupId) query.group = view.groupId;
  if (view.lights.length) query.light = view.lights.join(",");
  if (view.page > 1) query.page = String(view.page);
  if (view.all) query.all = "1";
  return query;
}

export function timelineHref(params: TimelineParams, overrides: Partial<TimelineParams> = {}): string {
  const search = new URLSearchParams(timelineQuery(params, overrides)).toString();
  return search ? `/tasks/timeline?${search}` : "/tasks/timeline";
}

export interface TimelineMilestone {
  title: string;
  plannedDate: string;
  plannedPercent: number;
  completedOn: string | null;
}

export interface TimelineTask {
  id: string;
  code: string;
  title: string;
  groupKey: string;
  startDate: string;
  dueDate: string;
  planned: number;
  actual: number;
  light: Light;
  milestones: TimelineMilestone[];
}

export interface TimelineGroup {
  key: string;
  name: string;
  /** tasks of the group in the whole result (not only this page) */
  count: number;
  tasks: TimelineTask[];
}

export interface TimelineData {
  year: number;
  today: string;
  zoom: TimelineZoom;
  total: number;
  page: number;
  pages: number;
  counts: Record<Light, number>;
  groups: TimelineGroup[];
  groupOptions: { value: string; label: string }[];
}

interface SqlResult {
  total: number;
  counts: Partial<Record<Light, number>>;
  groups: { key: string; name: string; count: number }[];
  rows: TimelineTask[];
}

export function timelineSql(input: {
  scope: Prisma.Sql;
  year: number;
  asOf: string;
  by: TimelineGrouping;
  windowStart: string;
  windowEnd: string;
  groupId: string | null;
  lights: Light[];
  limit: number;
  offset: number;
}): Prisma.Sql {
  const key = Prisma.raw(input.by === "unit" ? `u.id` : `g.id`);
  const name = Prisma.raw(input.by === "unit" ? `u.name` : `g.name`);
  const order = Prisma.raw(input.by === "unit" ? `u."sortOrder", u.name` : `g."sortOrder", g.name`);
  const where: Prisma.Sql[] = [Prisma.sql`t."startDate" < ${input.windowEnd}::date`, Prisma.sql`t."dueDate" >= ${input.windowStart}::date`];
  if (input.groupId) where.push(Prisma.sql`t."groupId" = ${input.groupId}`);
  if (input.lights.length) where.push(Prisma.sql`lt.light IN (${Prisma.join(input.lights)})`);
  return Prisma.sql`
  WITH lt AS (${lightsSql({ scope: input.scope, year: input.year, asOf: input.asOf })}),
  v AS (
    SELECT row_number() OVER (ORDER BY ${order}, t."startDate", t.code) AS ord,
           ${key} AS "groupKey", ${name} AS "groupName",
           t.id, t.code, t.title, t."startDate", t."dueDate", lt.planned, lt.actual, lt.light
    FROM lt
    JOIN "ReformTask" t ON t.id = lt.id
    JOIN "SpecialGroup" g ON g.id = t."groupId"
    JOIN "Unit" u ON u.id = t."leadUnitId"
    WHERE ${Prisma.join(where, " AND ")}
  ),
  page AS (SELECT * FROM v ORDER BY ord LIMIT ${input.limit} OFFSET ${input.offset})
  SELECT
    (SELECT count(*)::int FROM v) AS total,
    (SELECT COALESCE(json_object_agg(c.light, c.n), '{}'::json) FROM (SELECT light, count(*)::int AS n FROM v GROUP BY light) c) AS counts,
    (SELECT COALESCE(json_agg(json_build_object('key', gr.key, 'name', gr.name, 'count', gr.n) ORDER BY gr.first), '[]'::json)
       FROM (SELECT "groupKey" AS key, min("groupName") AS name, min(ord) AS first, count(*)::int AS n FROM v GROUP BY "groupKey") gr) AS groups,
    (SELECT COALESCE(json_agg(json_build_object(
              'id', p.id, 'code', p.code, 'title', p.title, 'groupKey', p."groupKey", 'startDate', p."startDate", 'dueDate', p."dueDate",
              'planned', p.planned, 'actual', p.actual, 'light', p.light,
              'milestones', COALESCE((
                SELECT json_agg(json_build_object('title', ms.title, 'plannedDate', ms."plannedDate", 'plannedPercent', ms."plannedPercent",
                                                  'completedOn', ms."completedOn") ORDER BY ms."plannedDate", ms."sortOrder")
                FROM "Milestone" ms WHERE ms."taskId" = p.id), '[]'::json)
            ) ORDER BY p.ord), '[]'::json)
       FROM page p) AS rows`;
}

export async function timelineData(actor: Actor, params: TimelineParams): Promise<TimelineData> {
  authorizeRead(actor, "task:read");
  const today = dayOf(now());
  const year = params.year ?? today.getUTCFullYear();
  const window = timelineWindow(year, params.zoom);
  const groupOptions = await db.specialGroup.findMany({
    where: { committeeId: actor.committee.id, deletedAt: null },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, name: true },
  });
  const data: TimelineData = {
    year,
    today: isoDay(today),
    zoom: params.zoom,
    total: 0,
    page: 1,
    pages: 1,
    counts: Object.fromEntries(LIGHTS.map((light) => [light, 0])) as Record<Light, number>,
    groups: [],
    groupOptions: groupOptions.map((group) => ({ value: group.id, label: group.name })),
  };
  const scope = scopeSql(actor);
  if (!scope || visibleCommitteeIds(actor, "task:read").length === 0) return data;
  const size = params.all ? TIMELINE_MAX_ROWS : TIMELINE_PAGE_SIZE;
  const [result] = await db.$queryRaw<SqlResult[]>(
    timelineSql({
      scope,
      year,
      asOf: data.today,
      by: params.by,
      windowStart: isoDay(window.start),
      windowEnd: isoDay(window.end),
      groupId: params.groupId,
      lights: params.lights,
      limit: size,
      offset: params.all ? 0 : (params.page - 1) * size,
    }),
  );
  if (!result) return data;
  data.total = result.total;
  data.counts = { ...data.counts, ...result.counts };
  data.page = params.all ? 1 : params.page;
  data.pages = Math.max(1, Math.ceil(result.total / size));
  const groups = new Map(result.groups.map((group) => [group.key, { ...group, tasks: [] as TimelineTask[] }]));
  for (const row of result.rows) groups.get(row.groupKey)?.tasks.push(row);
  data.groups = [...groups.values()].filter((group) => group.tasks.length > 0);
  return data;
}
