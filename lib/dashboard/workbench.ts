import "server-only";
// 工作台: what the office and a unit's reporter have to do next, for the home page. Every figure
// is counted in the database (counts, window functions, the ledger's light SQL), scoped from the
// actor on the server, and comes with a link to the full view of exactly what was counted.
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/prisma";
import { lightsSql } from "@/lib/ledger/light-sql";
import { listLedger } from "@/lib/ledger/queries";
import { DEFAULT_LEDGER_PARAMS, isoDay, ledgerHref, type LedgerParams } from "@/lib/ledger/schemas";
import { complianceFor } from "@/lib/reports/compliance";
import { owedReports, reporterUnitId } from "@/lib/reports/progress-queries";
import { authorizeRead } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { NotFoundError } from "@/lib/server/errors";
import { overdueInstructions, pendingInstructions, unitInstructions } from "@/lib/instructions/queries";
import { signalCounts } from "@/lib/signals/queries";
import { DEFAULT_SIGNAL_SETTINGS } from "@/lib/signals/rules";
import { dayOf, DEFAULT_THRESHOLDS, LIGHTS, type Light } from "@/lib/tasks/rules";
import type {
  CloseOutRow,
  DeadlineRow,
  LeaderTaskRow,
  LightChangeRow,
  LightCounts,
  MilestoneRow,
  NoticeRow,
  OfficeWorkbench,
  OverviewWorkbench,
  OwedRow,
  ReturnedRow,
  ReviewKind,
  ReviewRow,
  TaskLightRow,
  ThresholdValues,
  UnitWorkbench,
} from "./workbench-types";

export type * from "./workbench-types";

/** Rows shown on a card; the "查看全部" link leads to the rest. */
export const CARD_ROWS = 5;
/** 14天内到期节点 on the office's workbench, 30 days of deadlines on a unit's. */
export const OFFICE_MILESTONE_DAYS = 14;
export const UNIT_DEADLINE_DAYS = 30;
/** "新增黄红灯": compared with the lights of this many days earlier. */
export const LIGHT_CHANGE_DAYS = 7;
/** Notices waiting for the lead unit's answer: just issued, or the answer was sent back. */
export const AWAITING_NOTICE_STATUSES = ["ISSUED", "RETURNED"] as const;

const DAY_MS = 86_400_000;
const addDays = (day: Date, days: number) => new Date(day.getTime() + days * DAY_MS);
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
const taskHref = (id: string) => `/tasks/${id}`;

function ledgerParams(overrides: Partial<LedgerParams> = {}): LedgerParams {
  return { ...DEFAULT_LEDGER_PARAMS, ...overrides };
}

/** Counts by light from a ledger page, each linked to the ledger filtered to that light. */
function lightCounts(counts: Record<Light, number>, base: LedgerParams): LightCounts {
  return {
    counts,
    total: LIGHTS.reduce((sum, light) => sum + counts[light], 0),
    href: ledgerHref(base),
    hrefs: Object.fromEntries(LIGHTS.map((light) => [light, ledgerHref(base, { lights: [light] })])) as Record<Light, string>,
  };
}

async function thresholdsOf(committeeId: string): Promise<ThresholdValues> {
  const settings = await db.committeeSettings.findUnique({
    where: { committeeId },
    select: {
      yellowLagPoints: true,
      redLagPoints: true,
      milestoneRedDays: true,
      signalCopySimilarity: true,
      signalFrozenMonths: true,
      signalCloseOutFloor: true,
      version: true,
    },
  });
  // without a settings row the service creates one at version 1 on the first edit
  return settings ?? { ...DEFAULT_THRESHOLDS, ...DEFAULT_SIGNAL_SETTINGS, version: 1 };
}

// ───────────── The office (改革办) ─────────────

interface ReviewSqlResult {
  byKind: Partial<Record<ReviewKind, number>> | null;
  rows: (Omit<ReviewRow, "href" | "submittedAt"> & { submittedAt: string | null })[];
}

/** Reports of the three kinds waiting for the office's review: counts by kind and the oldest few. */
async function awaitingReview(committeeId: string): Promise<OfficeWorkbench["awaitingReview"]> {
  const [result] = await db.$queryRaw<ReviewSqlResult[]>(Prisma.sql`
    WITH q AS (
      SELECT 'PROGRESS' AS kind, r.id, t.code || ' ' || t.title AS title, u.name AS "unitName",
             to_char(r.period, 'YYYY-MM') AS period, r."submittedAt"
      FROM "ProgressReport" r
      JOIN "ReformTask" t ON t.id = r."taskId"
      JOIN "Unit" u ON u.id = r."unitId"
      WHERE r.status = 'SUBMITTED' AND r."deletedAt" IS NULL AND t."deletedAt" IS NULL AND t."committeeId" = ${committeeId}
      UNION ALL
      SELECT 'INFO', m.id, u.name, u.name, to_char(m.period, 'YYYY-MM'), m."submittedAt"
      FROM "UnitMonthlyReport" m
      JOIN "Unit" u ON u.id = m."unitId"
      WHERE m.status = 'SUBMITTED' AND m."deletedAt" IS NULL AND m."committeeId" = ${committeeId}
      UNION ALL
      SELECT 'QUARTERLY', qr.id, qr.title, u.name, qr.year || '-Q' || qr.quarter, qr."submittedAt"
      FROM "QuarterlyReport" qr
      LEFT JOIN "Unit" u ON u.id = qr."unitId"
      WHERE qr.status = 'SUBMITTED' AND qr."deletedAt" IS NULL AND qr."committeeId" = ${committeeId}
    )
    SELECT
      (SELECT json_object_agg(c.kind, c.n) FROM (SELECT kind, count(*)::int AS n FROM q GROUP BY kind) c) AS "byKind",
      (SELECT COALESCE(json_agg(x ORDER BY x."submittedAt" ASC NULLS LAST, x.id), '[]'::json)
         FROM (SELECT * FROM q ORDER BY "submittedAt" ASC NULLS LAST, id LIMIT ${CARD_ROWS}) x) AS rows`);
  const byKind = { PROGRESS: 0, INFO: 0, QUARTERLY: 0, ...result?.byKind };
  const href = (row: { kind: ReviewKind; id: string }) =>
    row.kind === "PROGRESS" ? "/reports/review" : row.kind === "INFO" ? `/reports/info/${row.id}` : `/reports/quarterly/${row.id}`;
  return {
    total: byKind.PROGRESS + byKind.INFO + byKind.QUARTERLY,
    byKind,
    rows: (result?.rows ?? []).map((row) => ({ ...row, submittedAt: iso(row.submittedAt), href: href(row) })),
    href: "/reports/review",
  };
}

/** 本期未报: the missing reports of the latest period whose deadline has passed (报送情况's default). */
async function missingReports(actor: Actor): Promise<OfficeWorkbench["missing"]> {
  const view = await complianceFor(actor, { sort: "missing", dir: "desc" });
  const href = `/reports/compliance?period=${view.period}`;
  const units = view.byUnit.filter((unit) => unit.missing > 0);
  return {
    total: view.totals.missing,
    period: view.period,
    dueOn: view.dueOn,
    units: units.length,
    rows: units.slice(0, CARD_ROWS).map((unit) => ({ id: unit.id, name: unit.name, missing: unit.missing, href })),
    href,
  };
}

interface ChangeSqlRow extends Omit<LightChangeRow, "href"> {
  total: number;
  red: number;
  yellow: number;
}

/**
 * 新增黄红灯: tasks whose light today is worse than a week ago and now YELLOW or RED — turned RED
 * from anything else, or YELLOW from GREEN / not started / pending close. Both days' lights come
 * from the ledger's SQL, joined in one statement.
 */
export function lightChangesSql(input: { scope: Prisma.Sql; year: number; today: string; weekAgo: string; limit: number }): Prisma.Sql {
  const now = lightsSql({ scope: input.scope, year: input.year, asOf: input.today });
  const before = lightsSql({ scope: input.scope, year: input.year, asOf: input.weekAgo });
  return Prisma.sql`
    SELECT x.*, (count(*) OVER ())::int AS total,
           (count(*) FILTER (WHERE x.light = 'RED') OVER ())::int AS red,
           (count(*) FILTER (WHERE x.light = 'YELLOW') OVER ())::int AS yellow
    FROM (
      SELECT n.id AS "taskId", n.code, t.title, n.light, b.light AS "previousLight", n.lag, n.reasons
      FROM (${now}) n
      JOIN (${before}) b ON b.id = n.id
      JOIN "ReformTask" t ON t.id = n.id
      WHERE (n.light = 'RED' AND b.light <> 'RED') OR (n.light = 'YELLOW' AND b.light NOT IN ('YELLOW', 'RED'))
    ) x
    ORDER BY CASE x.light WHEN 'RED' THEN 0 ELSE 1 END, x.code
    LIMIT ${input.limit}`;
}

async function turnedLights(committeeId: string, today: Date, weekAgo: Date): Promise<OfficeWorkbench["turnedLights"]> {
  const rows = await db.$queryRaw<ChangeSqlRow[]>(
    lightChangesSql({
      scope: Prisma.sql`t."committeeId" = ${committeeId}`,
      year: today.getUTCFullYear(),
      today: isoDay(today),
      weekAgo: isoDay(weekAgo),
      limit: CARD_ROWS,
    }),
  );
  const first = rows[0];
  return {
    total: first?.total ?? 0,
    red: first?.red ?? 0,
    yellow: first?.yellow ?? 0,
    rows: rows.map((row) => ({
      taskId: row.taskId,
      code: row.code,
      title: row.title,
      light: row.light,
      previousLight: row.previousLight,
      lag: row.lag,
      reasons: row.reasons,
      href: taskHref(row.taskId),
    })),
    // the ledger cannot filter on a change; it shows today's yellow and red tasks, worst first
    href: ledgerHref(ledgerParams({ lights: ["RED", "YELLOW"], sort: "light" })),
  };
}

/** Open milestones of active tasks planned from `from` to `from + days` (both included). */
function milestonesDueWhere(from: Date, days: number, task: Prisma.ReformTaskWhereInput): Prisma.MilestoneWhereInput {
  return {
    completedOn: null,
    plannedDate: { gte: from, lte: addDays(from, days) },
    task: { deletedAt: null, status: "ACTIVE", ...task },
  };
}

async function milestonesDue(where: Prisma.MilestoneWhereInput): Promise<{ total: number; rows: MilestoneRow[] }> {
  const [total, rows] = await Promise.all([
    db.milestone.count({ where }),
    db.milestone.findMany({
      where,
      orderBy: [{ plannedDate: "asc" }, { id: "asc" }],
      take: CARD_ROWS,
      select: {
        id: true,
        title: true,
        plannedDate: true,
        plannedPercent: true,
        task: { select: { id: true, code: true, title: true, leadUnit: { select: { name: true } } } },
      },
    }),
  ]);
  return {
    total,
    rows: rows.map((row) => ({
      id: row.id,
      title: row.title,
      plannedDate: isoDay(row.plannedDate),
      plannedPercent: row.plannedPercent,
      taskId: row.task.id,
      code: row.task.code,
      taskTitle: row.task.title,
      unitName: row.task.leadUnit.name,
      href: taskHref(row.task.id),
    })),
  };
}

function noticesWhere(committeeId: string, unitId?: string): Prisma.SupervisionNoticeWhereInput {
  return {
    committeeId,
    deletedAt: null,
    status: { in: [...AWAITING_NOTICE_STATUSES] },
    task: { deletedAt: null },
    ...(unitId ? { unitId } : {}),
  };
}

async function noticesAwaiting(where: Prisma.SupervisionNoticeWhereInput, today: Date, href: string) {
  const [total, overdue, rows] = await Promise.all([
    db.supervisionNotice.count({ where }),
    db.supervisionNotice.count({ where: { ...where, responseDueDate: { lt: today } } }),
    db.supervisionNotice.findMany({
      where,
      orderBy: [{ responseDueDate: "asc" }, { number: "asc" }],
      take: CARD_ROWS,
      select: {
        id: true,
        number: true,
        status: true,
        level: true,
        responseDueDate: true,
        unit: { select: { name: true } },
        task: { select: { id: true, code: true, title: true } },
      },
    }),
  ]);
  return {
    total,
    overdue,
    href,
    rows: rows.map((row): NoticeRow => ({
      id: row.id,
      number: row.number,
      status: row.status as NoticeRow["status"],
      level: row.level,
      responseDueDate: isoDay(row.responseDueDate),
      overdue: row.responseDueDate.getTime() < today.getTime(),
      taskId: row.task.id,
      code: row.task.code,
      taskTitle: row.task.title,
      unitName: row.unit.name,
      href: taskHref(row.task.id),
    })),
  };
}

async function closeOutsPending(committeeId: string): Promise<OfficeWorkbench["closeOutsPending"]> {
  const where: Prisma.CloseOutRequestWhereInput = { status: "PENDING", task: { committeeId, deletedAt: null } };
  const [total, rows] = await Promise.all([
    db.closeOutRequest.count({ where }),
    db.closeOutRequest.findMany({
      where,
      orderBy: [{ appliedAt: "asc" }, { id: "asc" }],
      take: CARD_ROWS,
      select: {
        id: true,
        appliedAt: true,
        unit: { select: { name: true } },
        task: { select: { id: true, code: true, title: true } },
      },
    }),
  ]);
  return {
    total,
    rows: rows.map((row): CloseOutRow => ({
      id: row.id,
      taskId: row.task.id,
      code: row.task.code,
      title: row.task.title,
      unitName: row.unit.name,
      appliedAt: row.appliedAt.toISOString(),
      href: taskHref(row.task.id),
    })),
    href: ledgerHref(ledgerParams({ status: "PENDING_CLOSE" })),
  };
}

/** The office's workbench of its own committee (the review queue, chasing, warnings, close-outs). */
export async function getOfficeWorkbench(actor: Actor): Promise<OfficeWorkbench> {
  const committeeId = actor.committee.id;
  authorizeRead(actor, "dashboard:read", { committeeId });
  // the office's own desk: only those who review the committee's reports get it
  authorizeRead(actor, "report:review", { committeeId });
  const today = dayOf(now());
  const weekAgo = addDays(today, -LIGHT_CHANGE_DAYS);
  const [review, missing, turned, milestones, notices, closeOuts, ledger, thresholds, instructionsOverdue, signals] = await Promise.all([
    awaitingReview(committeeId),
    missingReports(actor),
    turnedLights(committeeId, today, weekAgo),
    milestonesDue(milestonesDueWhere(today, OFFICE_MILESTONE_DAYS, { committeeId })),
    noticesAwaiting(noticesWhere(committeeId), today, "/supervision"),
    closeOutsPending(committeeId),
    listLedger(actor, ledgerParams()),
    thresholdsOf(committeeId),
    overdueInstructions(actor),
    signalCounts(actor),
  ]);
  return {
    today: isoDay(today),
    weekAgo: isoDay(weekAgo),
    awaitingReview: review,
    missing,
    turnedLights: turned,
    milestonesDue: {
      ...milestones,
      days: OFFICE_MILESTONE_DAYS,
      href: ledgerHref(ledgerParams({ status: "ACTIVE", sort: "dueDate" })),
    },
    noticesAwaiting: notices,
    closeOutsPending: closeOuts,
    lights: lightCounts(ledger.counts, ledgerParams()),
    thresholds: { ...thresholds, editable: can(actor, "lights:write", { committeeId }) },
    instructionsOverdue,
    signals,
  };
}

// ───────────── A unit's reporter (填报员) ─────────────

interface ReturnedSqlResult {
  total: number;
  rows: Omit<ReturnedRow, "href">[];
}

/** Reports of the unit sent back by the office, waiting to be fixed and resubmitted. */
async function returnedReports(committeeId: string, unitId: string): Promise<UnitWorkbench["returned"]> {
  const [result] = await db.$queryRaw<ReturnedSqlResult[]>(Prisma.sql`
    WITH q AS (
      SELECT 'PROGRESS' AS kind, r.id, t.code || ' ' || t.title AS title, to_char(r.period, 'YYYY-MM') AS period,
             r."reviewComment" AS comment, r."reviewedAt" AS at
      FROM "ProgressReport" r
      JOIN "ReformTask" t ON t.id = r."taskId"
      WHERE r.status = 'RETURNED' AND r."deletedAt" IS NULL AND t."deletedAt" IS NULL
        AND t."committeeId" = ${committeeId} AND r."unitId" = ${unitId}
      UNION ALL
      SELECT 'INFO', m.id, to_char(m.period, 'YYYY-MM'), to_char(m.period, 'YYYY-MM'), m."reviewComment", m."reviewedAt"
      FROM "UnitMonthlyReport" m
      WHERE m.status = 'RETURNED' AND m."deletedAt" IS NULL AND m."committeeId" = ${committeeId} AND m."unitId" = ${unitId}
      UNION ALL
      SELECT 'QUARTERLY', qr.id, qr.title, qr.year || '-Q' || qr.quarter, qr."reviewComment", qr."reviewedAt"
      FROM "QuarterlyReport" qr
      WHERE qr.status = 'RETURNED' AND qr."deletedAt" IS NULL AND qr."committeeId" = ${committeeId} AND qr."unitId" = ${unitId}
    )
    SELECT (SELECT count(*)::int FROM q) AS total,
           (SELECT COALESCE(json_agg(json_build_object('kind', x.kind, 'id', x.id, 'title', x.title, 'period', x.period, 'comment', x.comment)
                                     ORDER BY x.at DESC NULLS LAST, x.id), '[]'::json)
              FROM (SELECT * FROM q ORDER BY at DESC NULLS LAST, id LIMIT ${CARD_ROWS}) x) AS rows`);
  const href = (row: Omit<ReturnedRow, "href">) =>
    row.kind === "PROGRESS"
      ? `/reports?period=${row.period}`
      : row.kind === "INFO"
        ? `/reports/info/${row.id}`
        : `/reports/quarterly/${row.id}`;
  return {
    total: result?.total ?? 0,
    rows: (result?.rows ?? []).map((row) => ({ ...row, href: href(row) })),
    href: "/reports",
  };
}

/** The reporter's workbench: its unit's lead tasks and lights, what it owes, what came back, what is due. */
export async function getUnitWorkbench(actor: Actor): Promise<UnitWorkbench> {
  const committeeId = actor.committee.id;
  const unitId = reporterUnitId(actor);
  if (!unitId) throw new NotFoundError();
  authorizeRead(actor, "dashboard:read", { committeeId, unitIds: [unitId] });
  const unit = await db.unit.findFirst({ where: { id: unitId, committeeId }, select: { id: true, name: true } });
  if (!unit) throw new NotFoundError();
  const today = dayOf(now());
  const led = ledgerParams({ leadUnitId: unit.id });
  const [ledger, owed, returned, notices, milestones, instructions] = await Promise.all([
    // the ledger's own query: the same tasks, lights and order the ledger shows (red first)
    listLedger(actor, { ...led, sort: "light", dir: "asc", size: 20 }),
    owedReports(actor),
    returnedReports(committeeId, unit.id),
    noticesAwaiting(noticesWhere(committeeId, unit.id), today, "/supervision"),
    milestonesDue(milestonesDueWhere(today, UNIT_DEADLINE_DAYS, { committeeId, leadUnitId: unit.id })),
    unitInstructions(actor, unit.id),
  ]);

  const owing = owed.tasks.filter((task) => task.state === "NONE" || task.state === "DRAFT" || task.state === "RETURNED");
  const reportHref = `/reports?period=${owed.period}`;
  // the report deadline is one of the card's deadlines only when it falls within the card's days
  const reportDeadline: DeadlineRow[] =
    owing.length && owed.daysLeft >= 0 && owed.daysLeft <= UNIT_DEADLINE_DAYS
      ? [
          {
            kind: "REPORT",
            id: `report-${owed.period}`,
            title: owed.period,
            date: owed.dueOn,
            daysLeft: owed.daysLeft,
            code: null,
            href: reportHref,
          },
        ]
      : [];
  const deadlineRows: DeadlineRow[] = [
    ...reportDeadline,
    ...milestones.rows.map((row): DeadlineRow => ({
      kind: "MILESTONE",
      id: row.id,
      title: row.title,
      date: row.plannedDate,
      daysLeft: Math.round((new Date(`${row.plannedDate}T00:00:00Z`).getTime() - today.getTime()) / DAY_MS),
      code: row.code,
      href: row.href,
    })),
  ].sort((a, b) => a.date.localeCompare(b.date));

  // the headline counts what the card's title says: the red and yellow lead tasks, and lists only them
  const attention = ledger.rows.filter((row) => row.light === "RED" || row.light === "YELLOW");
  const lights = lightCounts(ledger.counts, led);
  return {
    today: isoDay(today),
    unit,
    lights,
    tasks: {
      total: ledger.counts.RED + ledger.counts.YELLOW,
      red: ledger.counts.RED,
      yellow: ledger.counts.YELLOW,
      led: lights.total,
      rows: attention.slice(0, CARD_ROWS + 3).map((row): TaskLightRow => ({
        id: row.id,
        code: row.code,
        title: row.title,
        light: row.light,
        planned: row.planned,
        actual: row.actual,
        dueDate: row.dueDate,
        href: taskHref(row.id),
      })),
      href: ledgerHref(led, { lights: ["RED", "YELLOW"] }),
    },
    owed: {
      total: owing.length,
      expected: owed.counts.owed,
      submitted: owed.counts.submitted + owed.counts.approved,
      period: owed.period,
      dueOn: owed.dueOn,
      daysLeft: owed.daysLeft,
      rows: owing.slice(0, CARD_ROWS).map((task): OwedRow => ({
        taskId: task.taskId,
        code: task.code,
        title: task.title,
        state: task.state as OwedRow["state"],
        href: reportHref,
      })),
      href: reportHref,
    },
    returned,
    notices,
    deadlines: {
      total: milestones.total + reportDeadline.length,
      rows: deadlineRows.slice(0, CARD_ROWS + 1),
      days: UNIT_DEADLINE_DAYS,
      href: ledgerHref(led, { status: "ACTIVE", sort: "dueDate" }),
    },
    instructions,
  };
}

// ───────────── Leaders and liaisons: a short overview ─────────────

/** Rows of a leader's linked tasks on the home page; the rest are in the ledger filtered to the leader. */
export const LEADER_TASK_ROWS = 10;

/**
 * The actor's tasks counted by light (the ledger's own figures), with links to the ledger and the
 * cockpit; for a leader also their own linked tasks — the ledger's query with its leader filter,
 * red first — and their instructions not yet carried out.
 */
export async function getOverview(actor: Actor): Promise<OverviewWorkbench> {
  authorizeRead(actor, "task:read");
  const leader = actor.isLeader || actor.roles.some((grant) => grant.role === "LEADER");
  const mine = ledgerParams({ leaderId: actor.userId });
  const [ledger, linked, myInstructions] = await Promise.all([
    listLedger(actor, ledgerParams({ size: 20 })),
    leader ? listLedger(actor, { ...mine, sort: "light", dir: "asc", size: 20 }) : Promise.resolve(null),
    leader ? pendingInstructions(actor) : Promise.resolve(null),
  ]);
  const myTasks: OverviewWorkbench["myTasks"] = linked && {
    total: linked.total,
    rows: linked.rows.slice(0, LEADER_TASK_ROWS).map((row): LeaderTaskRow => ({
      id: row.id,
      code: row.code,
      title: row.title,
      light: row.light,
      planned: row.planned,
      actual: row.actual,
      lag: row.lag,
      dueDate: row.dueDate,
      leadUnitName: row.leadUnitName,
      href: taskHref(row.id),
    })),
    href: ledgerHref(mine, { sort: "light" }),
    lights: lightCounts(linked.counts, mine),
  };
  return {
    today: ledger.today,
    year: ledger.year,
    lights: lightCounts(ledger.counts, ledgerParams()),
    dashboardHref: can(actor, "dashboard:read") ? "/dashboard" : null,
    myTasks,
    myInstructions,
  };
}

/** Which workbenches the home page shows the actor. */
export function workbenchesOf(actor: Actor): { office: boolean; unit: boolean; overview: boolean } {
  const committeeId = actor.committee.id;
  const office = can(actor, "report:review", { committeeId }) && can(actor, "dashboard:read", { committeeId });
  const unit = reporterUnitId(actor) !== null;
  return { office, unit, overview: !office && !unit && can(actor, "task:read") };
}
