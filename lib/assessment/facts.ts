import "server-only";
// The facts behind each indicator, per lead unit, in SQL (one statement per indicator), each with
// its trace: the ids of the tasks / reports / notices / honours it was computed from. The points
// are computed from these facts by the pure rules (rules.ts). Every value is a bound parameter.
//
// "By the end of day D" (Beijing) is "before D+1 00:00 Asia/Shanghai", as in lib/ledger/light-sql.ts.
import { Prisma } from "@/lib/db/prisma";
import { lightsSql } from "@/lib/ledger/light-sql";
import { monthlyDueOn } from "@/lib/reports/rules";
import type { Tx } from "@/lib/server/action";
import { isoDay, monthEndsUpTo, type CompletionOutcome, type LevelValue } from "./rules";

export interface FactsInput {
  committeeId: string;
  year: number;
  /** the assessment instant (now, or the end of 31 December once the year is over) */
  asOf: Date;
  /** its Beijing calendar day */
  asOfDay: Date;
  monthlyDueDay: number;
}

/** A led task due, or a milestone of one planned, by the as-of day, and how it was done (completionOutcome). */
export interface CompletionTrace {
  kind: "TASK" | "MILESTONE";
  /** the task's or the milestone's id */
  id: string;
  taskId: string;
  code: string;
  /** the task's title, or the milestone's */
  title: string;
  /** due date of the task, planned date of the milestone, YYYY-MM-DD */
  dueOn: string;
  /** closed out (task) or completed (milestone; or its task closed out) by the as-of day, YYYY-MM-DD */
  doneOn: string | null;
  outcome: CompletionOutcome;
}
export interface ScheduleTrace {
  id: string;
  code: string;
  title: string;
  green: number;
  counted: number;
}
export interface TimelinessTrace {
  taskId: string;
  code: string;
  title: string;
  /** YYYY-MM */
  period: string;
  timeliness: "ON_TIME" | "LATE" | "MISSING";
}
export interface SupervisionTrace {
  id: string;
  number: string;
  taskId: string;
  code: string;
  /** YYYY-MM-DD */
  dueOn: string;
  onTime: boolean;
}
export interface InnovationTrace {
  source: "MONTHLY" | "CASE" | "HONOR";
  id: string;
  /** the unit monthly report an item belongs to (MONTHLY) */
  reportId: string | null;
  title: string;
  level: LevelValue;
}

export interface UnitRawFacts {
  completion: CompletionTrace[];
  schedule: ScheduleTrace[];
  timeliness: TimelinessTrace[];
  supervision: SupervisionTrace[];
  innovation: InnovationTrace[];
}

const endOf = (day: Date) => Prisma.sql`((${isoDay(day)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/** The units assessed: every unit leading a (not cancelled) task of the year, in the units' order. */
export async function assessedUnits(tx: Tx, input: FactsInput): Promise<{ id: string; name: string }[]> {
  return tx.$queryRaw<{ id: string; name: string }[]>(Prisma.sql`
    SELECT u.id, u.name FROM "Unit" u
    WHERE EXISTS (SELECT 1 FROM "ReformTask" t
                  WHERE t."leadUnitId" = u.id AND t."committeeId" = ${input.committeeId} AND t.year = ${input.year}
                    AND t."deletedAt" IS NULL AND t.status <> 'CANCELLED')
    ORDER BY u."sortOrder", u.name`);
}

type Grouped<T> = { unitId: string; items: T[] }[];

function byUnit<T>(rows: Grouped<T>): Map<string, T[]> {
  return new Map(rows.map((row) => [row.unitId, row.items]));
}

/**
 * What was due by the assessment day (completionOutcome): the led tasks of the year due by then, each
 * done when closed out by then (on its Beijing day), and the milestones of those tasks planned by then,
 * each done when completed by then or when its task was closed out by then.
 */
function completionSql(input: FactsInput): Prisma.Sql {
  const day = isoDay(input.asOfDay);
  const tasks = Prisma.sql`t."committeeId" = ${input.committeeId} AND t.year = ${input.year} AND t."deletedAt" IS NULL
      AND t.status <> 'CANCELLED'`;
  const closedOn = Prisma.sql`CASE WHEN t.status = 'DONE' AND t."closedAt" < ${endOf(input.asOfDay)}
                                   THEN (t."closedAt" AT TIME ZONE 'Asia/Shanghai')::date END`;
  return Prisma.sql`
    SELECT y."unitId",
           json_agg(json_build_object('kind', y.kind, 'id', y.id, 'taskId', y.task_id, 'code', y.code, 'title', y.title,
                                      'dueOn', to_char(y.due_on, 'YYYY-MM-DD'), 'doneOn', to_char(y.done_on, 'YYYY-MM-DD'),
                                      'outcome', CASE WHEN y.done_on IS NULL THEN 'OPEN'
                                                      WHEN y.done_on <= y.due_on THEN 'ON_TIME' ELSE 'LATE' END)
                    ORDER BY y.code, y.kind DESC, y.due_on, y.id) AS items
    FROM (
      SELECT t."leadUnitId" AS "unitId", 'TASK' AS kind, t.id, t.id AS task_id, t.code, t.title, t."dueDate" AS due_on,
             ${closedOn} AS done_on
      FROM "ReformTask" t
      WHERE ${tasks} AND t."dueDate" <= ${day}::date
      UNION ALL
      SELECT t."leadUnitId", 'MILESTONE', m.id, t.id, t.code, m.title, m."plannedDate",
             COALESCE(CASE WHEN m."completedOn" <= ${day}::date THEN m."completedOn" END, ${closedOn})
      FROM "Milestone" m JOIN "ReformTask" t ON t.id = m."taskId"
      WHERE ${tasks} AND m."plannedDate" <= ${day}::date
    ) y
    GROUP BY y."unitId"`;
}

/** Task-months: the light of every led task at each month end (the ledger's own SQL), counted per task. */
function scheduleSql(input: FactsInput): Prisma.Sql | null {
  const ends = monthEndsUpTo(input.year, input.asOfDay);
  if (!ends.length) return null;
  const scope = Prisma.sql`t."committeeId" = ${input.committeeId} AND t.status <> 'CANCELLED'`;
  const months = Prisma.join(
    ends.map((end) => Prisma.sql`SELECT id, light FROM (${lightsSql({ scope, year: input.year, asOf: isoDay(end) })}) m`),
    " UNION ALL ",
  );
  return Prisma.sql`
    SELECT x."unitId", json_agg(json_build_object('id', x.id, 'code', x.code, 'title', x.title, 'green', x.green, 'counted', x.counted)
                                ORDER BY x.code) AS items
    FROM (
      SELECT t."leadUnitId" AS "unitId", t.id, t.code, t.title,
             (count(*) FILTER (WHERE l.light IN ('GREEN', 'PENDING_CLOSE')))::int AS green,
             (count(*) FILTER (WHERE l.light IN ('GREEN', 'YELLOW', 'RED', 'PENDING_CLOSE')))::int AS counted
      FROM (${months}) l JOIN "ReformTask" t ON t.id = l.id
      GROUP BY t."leadUnitId", t.id, t.code, t.title
    ) x
    WHERE x.counted > 0
    GROUP BY x."unitId"`;
}

/**
 * Monthly lead reports of the year whose due day is on or before the assessment day, classified as
 * `classifyReport` does (by the first submission); the not-yet-due are left out.
 */
function timelinessSql(input: FactsInput): Prisma.Sql | null {
  const periods: Prisma.Sql[] = [];
  for (let month = 0; month < 12; month++) {
    const period = new Date(Date.UTC(input.year, month, 1));
    const dueOn = monthlyDueOn(period, input.monthlyDueDay);
    if (dueOn.getTime() <= input.asOfDay.getTime()) periods.push(Prisma.sql`(${isoDay(period)}::date, ${isoDay(dueOn)}::date)`);
  }
  if (!periods.length) return null;
  return Prisma.sql`
    WITH months(period, due_on) AS (VALUES ${Prisma.join(periods)}),
    classified AS (
      SELECT t."leadUnitId" AS "unitId", t.id AS "taskId", t.code, t.title, m.period,
             CASE
               WHEN r.status <> 'DRAFT' AND r."firstSubmittedAt" IS NOT NULL AND r."firstSubmittedAt" <= ${input.asOf}::timestamptz
                 THEN CASE WHEN r."firstSubmittedAt" < ((m.due_on + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') THEN 'ON_TIME' ELSE 'LATE' END
               WHEN ${isoDay(input.asOfDay)}::date > m.due_on THEN 'MISSING'
               ELSE 'NOT_DUE'
             END AS timeliness
      FROM "ReformTask" t
      CROSS JOIN months m
      LEFT JOIN "ProgressReport" r
        ON r."taskId" = t.id AND r."unitId" = t."leadUnitId" AND r.period = m.period AND r.kind = 'LEAD' AND r."deletedAt" IS NULL
      WHERE t."committeeId" = ${input.committeeId} AND t.year = ${input.year} AND t."deletedAt" IS NULL AND t.status <> 'CANCELLED'
        AND t."startDate" < (m.period + interval '1 month')::date
        AND (t."closedAt" IS NULL OR t."closedAt" >= ((m.period + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai'))
    )
    SELECT c."unitId",
           json_agg(json_build_object('taskId', c."taskId", 'code', c.code, 'title', c.title, 'period', to_char(c.period, 'YYYY-MM'),
                                      'timeliness', c.timeliness)
                    ORDER BY c.period, c.code) AS items
    FROM classified c
    WHERE c.timeliness <> 'NOT_DUE'
    GROUP BY c."unitId"`;
}

/**
 * Notices of the year issued to the unit by the assessment day and due to be answered (or answered)
 * by then; on time when the first answer came by the end of the response due day.
 */
function supervisionSql(input: FactsInput): Prisma.Sql {
  return Prisma.sql`
    SELECT x."unitId", json_agg(json_build_object('id', x.id, 'number', x.number, 'taskId', x."taskId", 'code', x.code,
                                                  'dueOn', to_char(x.due_on, 'YYYY-MM-DD'), 'onTime', x.on_time) ORDER BY x.serial) AS items
    FROM (
      SELECT n."unitId", n.id, n.number, n.serial, n."taskId", t.code,
             COALESCE(f.first_at < ((n."responseDueDate" + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'), false) AS on_time,
             f.first_at, n."responseDueDate" AS due_on
      FROM "SupervisionNotice" n
      JOIN "ReformTask" t ON t.id = n."taskId"
      LEFT JOIN LATERAL (
        SELECT min(s."submittedAt") AS first_at FROM "SupervisionResponse" s
        WHERE s."noticeId" = n.id AND s."submittedAt" <= ${input.asOf}::timestamptz
      ) f ON true
      WHERE n."committeeId" = ${input.committeeId} AND n.year = ${input.year} AND n."deletedAt" IS NULL
        AND n."issuedAt" <= ${input.asOf}::timestamptz
    ) x
    WHERE x.first_at IS NOT NULL OR ${isoDay(input.asOfDay)}::date > x.due_on
    GROUP BY x."unitId"`;
}

/** Pilots / measures / publications of approved unit monthly reports, typical cases and honours of the year, with a level. */
function innovationSql(input: FactsInput): Prisma.Sql {
  return Prisma.sql`
    SELECT x."unitId", json_agg(json_build_object('source', x.source, 'id', x.id, 'reportId', x."reportId", 'title', x.title, 'level', x.level)
                                ORDER BY x.source, x.title, x.id) AS items
    FROM (
      SELECT r."unitId", 'MONTHLY' AS source, i.id, r.id AS "reportId", i.title, i.level::text AS level
      FROM "UnitMonthlyReportItem" i JOIN "UnitMonthlyReport" r ON r.id = i."reportId"
      WHERE r."committeeId" = ${input.committeeId} AND r."deletedAt" IS NULL AND r.status = 'APPROVED'
        AND r.period >= make_date(${input.year}::int, 1, 1) AND r.period < make_date(${input.year}::int + 1, 1, 1)
        AND i.level IS NOT NULL
      UNION ALL
      SELECT c."unitId", 'CASE', c.id, NULL, c.title, c.level::text
      FROM "TypicalCase" c WHERE c."committeeId" = ${input.committeeId} AND c.year = ${input.year} AND c."deletedAt" IS NULL
      UNION ALL
      SELECT h."unitId", 'HONOR', h.id, NULL, h.title, h.level::text
      FROM "Honor" h WHERE h."committeeId" = ${input.committeeId} AND h.year = ${input.year} AND h."deletedAt" IS NULL
    ) x
    GROUP BY x."unitId"`;
}

/** Every indicator's facts for every unit of the committee, five round trips. */
export async function gatherFacts(tx: Tx, input: FactsInput): Promise<Map<string, UnitRawFacts>> {
  const run = async <T>(sql: Prisma.Sql | null) => (sql ? byUnit(await tx.$queryRaw<Grouped<T>>(sql)) : new Map<string, T[]>());
  const completion = await run<CompletionTrace>(completionSql(input));
  const schedule = await run<ScheduleTrace>(scheduleSql(input));
  const timeliness = await run<TimelinessTrace>(timelinessSql(input));
  const supervision = await run<SupervisionTrace>(supervisionSql(input));
  const innovation = await run<InnovationTrace>(innovationSql(input));
  const units = await assessedUnits(tx, input);
  return new Map(
    units.map((unit) => [
      unit.id,
      {
        completion: completion.get(unit.id) ?? [],
        schedule: schedule.get(unit.id) ?? [],
        timeliness: timeliness.get(unit.id) ?? [],
        supervision: supervision.get(unit.id) ?? [],
        innovation: innovation.get(unit.id) ?? [],
      },
    ]),
  );
}
