import "server-only";
// Reads of the unit monthly reform information report (改革信息月报): a unit's own report of a
// month, one report for the office, the month's list across units and the year's item totals.
// Reporters see their own unit only; the office and leaders their committee; liaisons none (a unit's
// report belongs to no special group).
import { evidenceOf } from "@/lib/attachments/service";
import { attachmentMaxMb } from "@/lib/attachments/upload";
import type { Actor } from "@/lib/auth/actor";
import { can, MATRIX, scopeOf, visibleCommitteeIds } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/prisma";
import { authorizeRead, readAudited } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { NotFoundError } from "@/lib/server/errors";
import {
  INFO_ENTITY,
  INFO_ITEM_ENTITY,
  INFO_LEVELS,
  INFO_LIST_STATUSES,
  reportingUnitId,
  type InfoListPage,
  type InfoListParams,
  type InfoListRow,
  type InfoListStatus,
  type InfoReportView,
  type InfoTotalsRow,
} from "./info-schemas";
import { addMonths, currentReportingPeriod, monthKey, monthlyDueOn, monthOf } from "./rules";

const DEFAULT_DUE_DAY = 5;
const isoDay = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : null);
const iso = (date: Date | string | null | undefined) => (date ? new Date(date).toISOString() : null);

async function dueDayOf(committeeId: string): Promise<number> {
  const settings = await db.committeeSettings.findUnique({ where: { committeeId }, select: { monthlyReportDueDay: true } });
  return settings?.monthlyReportDueDay ?? DEFAULT_DUE_DAY;
}

/** How many months back the period picker offers (this year and the last, at least). */
const PICKABLE_MONTHS = 24;

/**
 * The month a unit is reporting on now (本月待报: last month until its deadline has passed), its
 * deadline, and the months one may pick, newest first (never a month not yet begun).
 */
export async function infoReportingPeriod(actor: Actor): Promise<{ period: Date; dueOn: Date; months: Date[] }> {
  const dueDay = await dueDayOf(actor.committee.id);
  const period = currentReportingPeriod(now(), dueDay);
  const thisMonth = monthOf(now());
  const months = Array.from({ length: PICKABLE_MONTHS }, (_, index) => addMonths(thisMonth, -index));
  return { period, dueOn: monthlyDueOn(period, dueDay), months };
}

/** Does the actor report for a unit (and so see the reporter's page)? */
export function infoReporterUnitId(actor: Actor): string | null {
  const unitId = reportingUnitId(actor);
  return unitId && can(actor, "report:write", { committeeId: actor.committee.id, unitIds: [unitId] }) ? unitId : null;
}

/** Does the actor look across the committee's units (the office and leaders)? */
export function canListInfoReports(actor: Actor): boolean {
  const scope = scopeOf(actor, "report:read");
  return scope === "committee" || scope === "tree";
}

// ───────────── one report ─────────────

const viewSelect = {
  id: true,
  committeeId: true,
  unitId: true,
  period: true,
  summary: true,
  status: true,
  version: true,
  submittedAt: true,
  firstSubmittedAt: true,
  reviewedAt: true,
  reviewComment: true,
  unit: { select: { id: true, name: true } },
  items: {
    orderBy: { sortOrder: "asc" },
    select: { id: true, kind: true, title: true, level: true, pilotStage: true, outlet: true, eventDate: true, description: true },
  },
} satisfies Prisma.UnitMonthlyReportSelect;

type ViewRow = Prisma.UnitMonthlyReportGetPayload<{ select: typeof viewSelect }>;

async function threadOf(reportId: string): Promise<InfoReportView["thread"]> {
  const events = await db.workflowEvent.findMany({
    where: { entityType: INFO_ENTITY, entityId: reportId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, action: true, comment: true, actorId: true, createdAt: true },
  });
  const actorIds = [...new Set(events.map((event) => event.actorId).filter((id): id is string => Boolean(id)))];
  const users = actorIds.length ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((user) => [user.id, user.name]));
  return events.map((event) => ({
    id: event.id,
    action: event.action,
    comment: event.comment,
    actorName: event.actorId ? (names.get(event.actorId) ?? null) : null,
    at: event.createdAt.toISOString(),
  }));
}

async function toView(
  actor: Actor,
  committeeId: string,
  unit: { id: string; name: string },
  period: Date,
  report: ViewRow | null,
): Promise<InfoReportView> {
  const target = { committeeId, unitIds: [unit.id] };
  const status = report?.status ?? null;
  const dueDay = await dueDayOf(committeeId);
  const thread = report ? await threadOf(report.id) : [];
  const submissions = thread.filter((entry) => entry.action === "SUBMIT" || entry.action === "RESUBMIT").length;
  // the round being prepared is the unit's work in progress: only its reporters see those files
  const writer = can(actor, "report:write", target);
  const files = await evidenceOf(INFO_ITEM_ENTITY, (report?.items ?? []).map((item) => item.id));
  const visible = (itemId: string) => (files.get(itemId) ?? []).filter((file) => writer || (file.round ?? 1) <= submissions);
  return {
    id: report?.id ?? null,
    version: report?.version ?? null,
    unit,
    period: monthKey(period),
    dueOn: isoDay(monthlyDueOn(period, dueDay))!,
    status,
    summary: report?.summary ?? null,
    items: (report?.items ?? []).map((item) => ({ ...item, eventDate: isoDay(item.eventDate), files: visible(item.id) })),
    submittedAt: iso(report?.submittedAt),
    firstSubmittedAt: iso(report?.firstSubmittedAt),
    reviewedAt: iso(report?.reviewedAt),
    reviewComment: report?.reviewComment ?? null,
    thread,
    canEdit:
      writer &&
      (status === null || status === "DRAFT" || status === "RETURNED") &&
      period.getTime() <= monthOf(now()).getTime(),
    canReview: can(actor, "report:review", target) && status === "SUBMITTED",
    evidenceRound: submissions + 1,
    attachmentMaxMb: attachmentMaxMb(),
  };
}

/** The actor's own unit's report of a month, or a blank one, with its thread. */
export async function myInfoReport(actor: Actor, period: Date): Promise<InfoReportView> {
  const committeeId = actor.committee.id;
  const unitId = reportingUnitId(actor);
  if (!unitId) throw new NotFoundError();
  authorizeRead(actor, "report:read", { committeeId, unitIds: [unitId] });
  const unit = await db.unit.findFirst({ where: { id: unitId, committeeId, deletedAt: null }, select: { id: true, name: true } });
  if (!unit) throw new NotFoundError();
  const report = await db.unitMonthlyReport.findFirst({ where: { unitId, period, deletedAt: null }, select: viewSelect });
  return toView(actor, committeeId, unit, period, report);
}

/** One report by id, for whoever may read its unit's reports (elsewhere: 404). */
export function infoReportDetail(actor: Actor, id: string): Promise<InfoReportView> {
  return readAudited(actor, { event: "infoReport.read", targetType: "UnitMonthlyReport", id: String(id) }, () => readInfoReportDetail(actor, id));
}

async function readInfoReportDetail(actor: Actor, id: string): Promise<InfoReportView> {
  authorizeRead(actor, "report:read");
  const report = await db.unitMonthlyReport.findFirst({
    where: { id: id.slice(0, 64), committeeId: { in: visibleCommitteeIds(actor, "report:read") }, deletedAt: null },
    select: viewSelect,
  });
  if (!report) throw new NotFoundError();
  authorizeRead(actor, "report:read", { committeeId: report.committeeId, unitIds: [report.unitId] });
  return toView(actor, report.committeeId, report.unit, report.period, report);
}

// ───────────── across units ─────────────

/** The units of the actor's committee whose reports they may list: all (null), some, or none ([]). */
function listableUnits(actor: Actor): string[] | null {
  if (canListInfoReports(actor)) return null;
  const units = actor.roles
    .filter((grant) => MATRIX[grant.role]["report:read"] === "unit" && grant.unitId)
    .map((grant) => grant.unitId!);
  return [...new Set(units)];
}

const unitFilter = (column: Prisma.Sql, unitIds: string[] | null) =>
  unitIds === null ? Prisma.empty : Prisma.sql`AND ${column} IN (${Prisma.join(unitIds)})`;

const emptyCounts = (): Record<InfoListStatus, number> =>
  Object.fromEntries(INFO_LIST_STATUSES.map((status) => [status, 0])) as Record<InfoListStatus, number>;

interface ListSqlRow {
  counts: Partial<Record<InfoListStatus, number>> | null;
  total: number;
  rows: (Omit<InfoListRow, "submittedAt" | "firstSubmittedAt" | "reviewedAt"> & {
    submittedAt: string | null;
    firstSubmittedAt: string | null;
    reviewedAt: string | null;
  })[];
}

/**
 * The month's reports across the committee's units, one row per unit: its status (MISSING when it
 * has none) and items per kind. The units listed are those with a report for the month and the
 * active units leading a reform task of the month's year (the units expected to report).
 */
export async function infoReportList(actor: Actor, params: InfoListParams & { period: Date }): Promise<InfoListPage> {
  authorizeRead(actor, "report:read");
  const period = monthKey(params.period);
  const dueOn = isoDay(monthlyDueOn(params.period, await dueDayOf(actor.committee.id)))!;
  const page: InfoListPage = { period, dueOn, rows: [], total: 0, page: params.page, size: params.size, counts: emptyCounts() };
  const units = listableUnits(actor);
  if (units !== null && units.length === 0) return page;
  const committeeId = actor.committee.id;
  const year = params.period.getUTCFullYear();
  const statusFilter = params.status ? Prisma.sql`WHERE status = ${params.status}` : Prisma.empty;
  const [result] = await db.$queryRaw<ListSqlRow[]>(Prisma.sql`
    WITH rows AS (
      SELECT u.id AS "unitId", u.name AS "unitName", u."sortOrder" AS "sortOrder",
             r.id AS "reportId", COALESCE(r.status::text, 'MISSING') AS status,
             r."submittedAt" AS "submittedAt", r."firstSubmittedAt" AS "firstSubmittedAt", r."reviewedAt" AS "reviewedAt",
             (COUNT(i.id) FILTER (WHERE i.kind = 'PILOT'))::int AS pilots,
             (COUNT(i.id) FILTER (WHERE i.kind = 'INNOVATION'))::int AS innovations,
             (COUNT(i.id) FILTER (WHERE i.kind = 'PUBLICATION'))::int AS publications
      FROM "Unit" u
      LEFT JOIN "UnitMonthlyReport" r ON r."unitId" = u.id AND r.period = ${period + "-01"}::date AND r."deletedAt" IS NULL
      LEFT JOIN "UnitMonthlyReportItem" i ON i."reportId" = r.id
      WHERE u."committeeId" = ${committeeId} AND u."deletedAt" IS NULL
        ${unitFilter(Prisma.sql`u.id`, units)}
        ${params.unitId ? Prisma.sql`AND u.id = ${params.unitId}` : Prisma.empty}
        AND (r.id IS NOT NULL OR (u.active AND EXISTS (
          SELECT 1 FROM "ReformTask" t
          WHERE t."leadUnitId" = u.id AND t."committeeId" = u."committeeId" AND t."deletedAt" IS NULL
            AND t.year = ${year} AND t.status <> 'CANCELLED')))
      GROUP BY u.id, r.id
    )
    SELECT
      (SELECT json_object_agg(status, n) FROM (SELECT status, COUNT(*)::int AS n FROM rows GROUP BY status) s) AS counts,
      (SELECT COUNT(*)::int FROM rows ${statusFilter}) AS total,
      COALESCE((
        SELECT json_agg(p ORDER BY p."sortOrder", p."unitName", p."unitId")
        FROM (SELECT * FROM rows ${statusFilter} ORDER BY "sortOrder", "unitName", "unitId" LIMIT ${params.size} OFFSET ${(params.page - 1) * params.size}) p
      ), '[]'::json) AS rows`);
  if (!result) return page;
  page.counts = { ...page.counts, ...result.counts };
  page.total = result.total;
  page.rows = result.rows.map((row) => ({
    unitId: row.unitId,
    unitName: row.unitName,
    reportId: row.reportId,
    status: row.status,
    pilots: row.pilots,
    innovations: row.innovations,
    publications: row.publications,
    submittedAt: iso(row.submittedAt),
    firstSubmittedAt: iso(row.firstSubmittedAt),
    reviewedAt: iso(row.reviewedAt),
  }));
  return page;
}

/** Units of the actor's committee for the list's unit filter. */
export async function infoUnitOptions(actor: Actor): Promise<{ value: string; label: string }[]> {
  authorizeRead(actor, "report:read");
  const units = listableUnits(actor);
  if (units !== null && units.length === 0) return [];
  const rows = await db.unit.findMany({
    where: { committeeId: actor.committee.id, deletedAt: null, ...(units ? { id: { in: units } } : {}) },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, name: true },
  });
  return rows.map((unit) => ({ value: unit.id, label: unit.name }));
}

// ───────────── the year's totals ─────────────

type TotalsSqlRow = Record<string, string | number> & { unitId: string; unitName: string };

const levelColumns = (prefix: string, kind: string) =>
  Prisma.join(
    INFO_LEVELS.map(
      (level) =>
        Prisma.sql`(COUNT(*) FILTER (WHERE i.kind = ${kind}::"MonthlyItemKind" AND i.level = ${level}::"Level"))::int AS ${Prisma.raw(`"${prefix}${level}"`)}`,
    ),
  );

/**
 * Per unit, the items of a year's APPROVED reports (by the month reported on): pilots by stage and
 * by level, innovations, publications by level. For the office's page through `infoItemTotals`, and
 * for honours and the assessment bonus; the caller authorizes (`unitIds` null: every unit).
 */
export async function approvedItemTotals(committeeId: string, year: number, unitIds: string[] | null = null): Promise<InfoTotalsRow[]> {
  if (unitIds !== null && unitIds.length === 0) return [];
  const rows = await db.$queryRaw<TotalsSqlRow[]>(Prisma.sql`
    SELECT u.id AS "unitId", u.name AS "unitName",
           (COUNT(*) FILTER (WHERE i.kind = 'PILOT' AND i."pilotStage" = 'APPROVED'))::int AS "pilotsApproved",
           (COUNT(*) FILTER (WHERE i.kind = 'PILOT' AND i."pilotStage" = 'ACCEPTED'))::int AS "pilotsAccepted",
           ${levelColumns("pilot_", "PILOT")},
           (COUNT(*) FILTER (WHERE i.kind = 'INNOVATION'))::int AS innovations,
           (COUNT(*) FILTER (WHERE i.kind = 'PUBLICATION'))::int AS publications,
           ${levelColumns("publication_", "PUBLICATION")}
    FROM "UnitMonthlyReportItem" i
    JOIN "UnitMonthlyReport" r ON r.id = i."reportId"
    JOIN "Unit" u ON u.id = r."unitId"
    WHERE r."committeeId" = ${committeeId} AND r.status = 'APPROVED' AND r."deletedAt" IS NULL
      AND r.period >= ${`${year}-01-01`}::date AND r.period < ${`${year + 1}-01-01`}::date
      ${unitFilter(Prisma.sql`r."unitId"`, unitIds)}
    GROUP BY u.id
    ORDER BY u."sortOrder", u.name, u.id`);
  const byLevel = (row: TotalsSqlRow, prefix: string) =>
    Object.fromEntries(INFO_LEVELS.map((level) => [level, Number(row[`${prefix}${level}`] ?? 0)])) as InfoTotalsRow["pilotsByLevel"];
  return rows.map((row) => ({
    unitId: row.unitId,
    unitName: row.unitName,
    pilotsApproved: Number(row.pilotsApproved),
    pilotsAccepted: Number(row.pilotsAccepted),
    pilotsByLevel: byLevel(row, "pilot_"),
    innovations: Number(row.innovations),
    publications: Number(row.publications),
    publicationsByLevel: byLevel(row, "publication_"),
  }));
}

/** The year's totals per unit that the actor may see (reporters: their own unit). */
export async function infoItemTotals(actor: Actor, year: number): Promise<InfoTotalsRow[]> {
  authorizeRead(actor, "report:read");
  return approvedItemTotals(actor.committee.id, year, listableUnits(actor));
}
