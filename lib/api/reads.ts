import "server-only";
// What the API answers with, read within the caller's scope by the same SQL as the ledger and the
// cockpit (lights, planned and actual percents come from one rule: lib/ledger/light-sql.ts).
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/prisma";
import { ledgerSql, lightCountsSql, type LedgerSqlResult, type LedgerSqlRow } from "@/lib/ledger/light-sql";
import { canPickAsOf, scopeSql, scopeWhere } from "@/lib/ledger/queries";
import { isoDay } from "@/lib/ledger/schemas";
import { evidenceOf, PROGRESS_REPORT } from "@/lib/attachments/service";
import { complianceFor } from "@/lib/reports/compliance";
import { monthKey } from "@/lib/reports/rules";
import { can, type Action } from "@/lib/auth/permissions";
import { authorizeRead } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { ForbiddenError, NotFoundError } from "@/lib/server/errors";
import type { Locale } from "@/lib/i18n/config";
import { createTranslator, messagesFor } from "@/lib/i18n/translate";
import { lightReasonText } from "@/lib/tasks/reason-text";
import { dayOf, LIGHTS, type Light } from "@/lib/tasks/rules";
import { userInCommittee } from "@/lib/users/service";
import type {
  complianceSchema,
  groupListSchema,
  leaderListSchema,
  reportListSchema,
  reportSchema,
  summarySchema,
  taskDetailSchema,
  taskItemSchema,
  taskPageSchema,
  tasksQuerySchema,
  unitListSchema,
} from "./schemas";

type TaskItem = z.infer<typeof taskItemSchema>;

/**
 * A role that may not read these records anywhere (an administrator's token asking for tasks) is
 * refused with 403; within the permission, a record outside the caller's scope stays 404.
 */
function allowRead(actor: Actor, ...permissions: Action[]) {
  for (const permission of permissions) {
    if (!can(actor, permission)) throw new ForbiddenError();
    authorizeRead(actor, permission);
  }
}
type Report = z.infer<typeof reportSchema>;

/** The day the lights are computed for: today, or an earlier day for the office and leaders. */
function asOfFor(actor: Actor, asked: Date | undefined): Date {
  const today = dayOf(now());
  return canPickAsOf(actor) && asked && asked.getTime() < today.getTime() ? asked : today;
}

function itemOf(row: LedgerSqlRow, locale: Locale): TaskItem {
  const t = createTranslator(messagesFor(locale));
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    year: row.year,
    specialGroup: { id: row.groupId, name: row.groupName },
    leadUnit: { id: row.leadUnitId, name: row.leadUnitName },
    cooperatingUnits: row.cooperatingUnitRefs,
    leader: row.leaderId && row.leaderName ? { id: row.leaderId, name: row.leaderName } : null,
    isKey: row.isKey,
    source: row.source,
    startDate: row.startDate,
    dueDate: row.dueDate,
    status: row.status as TaskItem["status"],
    light: row.light,
    // the codes for programs, the portal's very words for people
    reasons: row.reasons.map((reason) => ({ ...reason, text: lightReasonText(reason, t, locale) })),
    plannedPercent: row.planned,
    actualPercent: row.actual,
    lagPoints: row.lag,
    adjustments: row.adjustments,
    version: row.version,
  };
}

export async function listTasks(
  actor: Actor,
  query: z.output<typeof tasksQuerySchema>,
  locale: Locale = "zh-CN",
): Promise<z.infer<typeof taskPageSchema>> {
  allowRead(actor, "task:read");
  // the formalism-signal filter is the office's (lib/signals): others are refused, not silently ignored
  if (query.signal && !can(actor, "signal:read", { committeeId: actor.committee.id })) throw new ForbiddenError();
  const asOf = asOfFor(actor, query.asOf);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const year = query.year ?? dayOf(now()).getUTCFullYear();
  const result = { items: [] as TaskItem[], total: 0, page, pageSize, year, asOf: isoDay(asOf) };
  const scope = scopeSql(actor);
  if (!scope) return result;
  const [rows] = await db.$queryRaw<LedgerSqlResult[]>(
    ledgerSql({
      scope,
      year,
      asOf: result.asOf,
      groupId: query.group,
      leadUnitId: query.leadUnit,
      unitId: query.unit,
      leaderId: query.leader,
      isKey: query.key ?? null,
      status: query.status,
      lights: query.light,
      signal: query.signal,
      q: query.q,
      sort: "code",
      dir: "asc",
      limit: pageSize,
      offset: (page - 1) * pageSize,
    }),
  );
  if (!rows) return result;
  return { ...result, total: rows.total, items: rows.rows.map((row) => itemOf(row, locale)) };
}

/** One task's ledger row (as of a day, like the list), or 404 outside the caller's scope. */
async function taskItem(actor: Actor, id: string, locale: Locale, asked?: Date): Promise<TaskItem> {
  allowRead(actor, "task:read");
  const scope = scopeSql(actor);
  if (!scope) throw new NotFoundError();
  const asOf = asOfFor(actor, asked);
  const [rows] = await db.$queryRaw<LedgerSqlResult[]>(
    ledgerSql({ scope, taskId: id, year: 0, asOf: isoDay(asOf), sort: "code", dir: "asc", limit: 1, offset: 0 }),
  );
  const row = rows?.rows[0];
  if (!row) throw new NotFoundError();
  return itemOf(row, locale);
}

const reportInclude = { unit: { select: { id: true, name: true } } } satisfies Prisma.ProgressReportInclude;
type ReportRow = Prisma.ProgressReportGetPayload<{ include: typeof reportInclude }>;

const isoOrNull = (value: Date | null) => (value ? value.toISOString() : null);

function reportOf(row: ReportRow): Report {
  return {
    id: row.id,
    taskId: row.taskId,
    unit: row.unit,
    kind: row.kind,
    period: monthKey(row.period),
    status: row.status,
    percent: row.percent,
    progress: row.progress,
    problems: row.problems,
    nextSteps: row.nextSteps,
    percentDropReason: row.percentDropReason,
    submittedAt: isoOrNull(row.submittedAt),
    firstSubmittedAt: isoOrNull(row.firstSubmittedAt),
    reviewedAt: isoOrNull(row.reviewedAt),
    reviewComment: row.reviewComment,
    version: row.version,
  };
}

/** Drafts are their unit's own: others see a report once it is submitted. */
function reportsVisibleTo(actor: Actor): Prisma.ProgressReportWhereInput {
  const ownUnits = actor.roles
    .filter((grant) => grant.unitId && (grant.role === "UNIT_REPORTER" || grant.role === "GROUP_LIAISON"))
    .map((grant) => grant.unitId!);
  return { deletedAt: null, OR: [{ status: { not: "DRAFT" } }, { unitId: { in: ownUnits } }] };
}

export async function getTaskDetail(
  actor: Actor,
  id: string,
  options: { locale?: Locale; asOf?: Date } = {},
): Promise<z.infer<typeof taskDetailSchema>> {
  const item = await taskItem(actor, id, options.locale ?? "zh-CN", options.asOf);
  const task = await db.reformTask.findUniqueOrThrow({
    where: { id },
    select: {
      goal: true,
      outcome: true,
      pilotLevel: true,
      plan: { select: { id: true, title: true } },
      workPoint: { select: { id: true, number: true, title: true } },
      milestones: { orderBy: [{ plannedDate: "asc" }, { sortOrder: "asc" }] },
      progressReports: {
        where: { AND: [{ kind: "LEAD" }, reportsVisibleTo(actor)] },
        orderBy: [{ period: "desc" }, { updatedAt: "desc" }],
        take: 1,
        include: reportInclude,
      },
    },
  });
  const latest = task.progressReports[0];
  return {
    ...item,
    goal: task.goal,
    outcome: task.outcome,
    pilotLevel: task.pilotLevel,
    plan: { id: task.plan.id, name: task.plan.title },
    workPoint: task.workPoint,
    milestones: task.milestones.map((milestone) => ({
      id: milestone.id,
      title: milestone.title,
      plannedDate: isoDay(milestone.plannedDate),
      plannedPercent: milestone.plannedPercent,
      completedOn: milestone.completedOn ? isoDay(milestone.completedOn) : null,
    })),
    latestReport: latest ? reportOf(latest) : null,
  };
}

/** A task's monthly reports (the lead unit's and the cooperating units' contributions), newest month first. */
export async function listTaskReports(actor: Actor, taskId: string): Promise<z.infer<typeof reportListSchema>> {
  allowRead(actor, "report:read");
  const scope = scopeWhere(actor);
  const visible =
    scope && (await db.reformTask.findFirst({ where: { AND: [{ id: taskId, deletedAt: null }, scope] }, select: { id: true } }));
  if (!visible) throw new NotFoundError();
  const rows = await db.progressReport.findMany({
    where: { AND: [{ taskId }, reportsVisibleTo(actor)] },
    orderBy: [{ period: "desc" }, { kind: "asc" }, { unitId: "asc" }],
    take: 500,
    include: reportInclude,
  });
  const files = await evidenceOf(
    PROGRESS_REPORT,
    rows.map((row) => row.id),
  );
  const submissions = rows.length
    ? await db.workflowEvent.groupBy({
        by: ["entityId"],
        where: { entityType: PROGRESS_REPORT, entityId: { in: rows.map((row) => row.id) }, action: { in: ["SUBMIT", "RESUBMIT"] } },
        _count: { _all: true },
      })
    : [];
  const submitted = new Map(submissions.map((row) => [row.entityId, row._count._all]));
  return {
    items: rows.map((row) => {
      // files added since the last submission are the unit's own until it submits them
      const own = can(actor, "report:write", { committeeId: actor.committee.id, unitIds: [row.unitId] });
      const rounds = submitted.get(row.id) ?? 0;
      return {
        ...reportOf(row),
        attachments: (files.get(row.id) ?? [])
          .filter((file) => own || (file.round ?? 1) <= rounds)
          .map(({ url: _url, inlineUrl: _inline, ...file }) => ({ ...file, downloadUrl: apiDownloadUrl(file.id) })),
      };
    }),
  };
}

/** Where an API caller downloads an evidence file (bearer token, like every /api/v1 call). */
export const apiDownloadUrl = (id: string) => `/api/v1/attachments/${encodeURIComponent(id)}`;

/** One report the caller may read (the task in scope; a draft only for its own unit); 404 otherwise. */
export async function getReport(actor: Actor, id: string): Promise<Report> {
  allowRead(actor, "report:read");
  const scope = scopeWhere(actor);
  const row =
    scope &&
    (await db.progressReport.findFirst({
      where: { AND: [{ id, task: { AND: [{ deletedAt: null }, scope] } }, reportsVisibleTo(actor)] },
      include: reportInclude,
    }));
  if (!row) throw new NotFoundError();
  return reportOf(row);
}

export async function complianceOf(actor: Actor, period: string | undefined): Promise<z.infer<typeof complianceSchema>> {
  allowRead(actor, "report:read");
  const view = await complianceFor(actor, { period });
  const figures = <T extends { id: string; name: string }>(row: T & z.infer<typeof complianceSchema>["totals"]) => ({
    id: row.id,
    name: row.name,
    expected: row.expected,
    onTime: row.onTime,
    late: row.late,
    missing: row.missing,
    notDue: row.notDue,
    returned: row.returned,
    onTimeRate: row.onTimeRate,
  });
  const { expected, onTime, late, missing, notDue, returned, onTimeRate } = view.totals;
  return {
    period: view.period,
    dueOn: view.dueOn,
    totals: { expected, onTime, late, missing, notDue, returned, onTimeRate },
    units: view.byUnit.map(figures),
    groups: view.byGroup.map(figures),
  };
}

function emptyCounts(): Record<Light, number> {
  return Object.fromEntries(LIGHTS.map((light) => [light, 0])) as Record<Light, number>;
}

/** Counts by light for the year, overall, per special group and per lead unit (SQL aggregation). */
export async function dashboardSummary(actor: Actor, query: { year?: number; asOf?: Date }): Promise<z.infer<typeof summarySchema>> {
  allowRead(actor, "dashboard:read", "task:read");
  const asOf = asOfFor(actor, query.asOf);
  const year = query.year ?? dayOf(now()).getUTCFullYear();
  const summary = { year, asOf: isoDay(asOf), total: 0, byLight: emptyCounts(), byGroup: [], byUnit: [] } as z.infer<typeof summarySchema>;
  const scope = scopeSql(actor);
  if (!scope) return summary;
  const rows = await db.$queryRaw<
    { dim: "all" | "group" | "unit"; id: string | null; name: string | null; total: number; byLight: Partial<Record<Light, number>> }[]
  >(lightCountsSql({ scope, year, asOf: summary.asOf }));
  for (const row of rows) {
    const byLight = { ...emptyCounts(), ...row.byLight };
    if (row.dim === "all") {
      summary.total += row.total;
      summary.byLight = byLight;
    } else (row.dim === "group" ? summary.byGroup : summary.byUnit).push({ id: row.id!, name: row.name!, total: row.total, byLight });
  }
  return summary;
}

export async function listUnits(actor: Actor): Promise<z.infer<typeof unitListSchema>> {
  allowRead(actor, "unit:read");
  const units = await db.unit.findMany({
    where: { committeeId: actor.committee.id, deletedAt: null, mergedIntoId: null },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, name: true, shortName: true, kind: true, active: true },
  });
  return { items: units };
}

export async function listGroups(actor: Actor): Promise<z.infer<typeof groupListSchema>> {
  allowRead(actor, "group:read");
  const groups = await db.specialGroup.findMany({
    where: { committeeId: actor.committee.id, deletedAt: null },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, name: true, shortName: true, liaisonUnit: { select: { id: true, name: true } } },
  });
  return { items: groups };
}

export async function listLeaders(actor: Actor): Promise<z.infer<typeof leaderListSchema>> {
  allowRead(actor, "unit:read");
  const leaders = await db.user.findMany({
    where: { ...userInCommittee(actor.committee.id), isLeader: true, disabledAt: null },
    orderBy: [{ name: "asc" }],
    select: { id: true, name: true, leaderTitle: true, leaderPortfolio: true },
  });
  return {
    items: leaders.map((leader) => ({ id: leader.id, name: leader.name, title: leader.leaderTitle, portfolio: leader.leaderPortfolio })),
  };
}
