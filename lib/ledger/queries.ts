import { baselineAt, loadBaseline, type StoredBaseline } from "@/lib/changes/rules";
import "server-only";
// Reads of the task ledger and the task page: scoped to what the actor may read (the permission
// matrix, grant by grant), never deleted tasks, lights computed in SQL (light-sql.ts).
import { idsIn, resolveNames } from "@/lib/audit/names";
import type { NameBook } from "@/lib/audit/readable";
import type { Actor } from "@/lib/auth/actor";
import { can, MATRIX, visibleCommitteeIds, type Action, type Target } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/prisma";
import { reportEventsOf } from "@/lib/reports/progress-queries";
import type { ThreadEvent } from "@/lib/reports/types";
import { authorizeRead, readAudited } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { NotFoundError } from "@/lib/server/errors";
import { dayOf, DEFAULT_THRESHOLDS, LIGHTS, taskLight, type Light, type LightResult, type TaskFacts } from "@/lib/tasks/rules";
import { ledgerSql, type LedgerSqlResult } from "./light-sql";
import type { LedgerRow } from "./schemas";
import { isoDay, resolveAsOf, type AsOfProblem, type LedgerParams } from "./schemas";

// ── Scope ──

export interface ScopeParts {
  committees: string[];
  groups: string[];
  units: string[];
}

/**
 * What each of the actor's grants lets them read of tasks (the same rule as `can(…, "task:read")`);
 * the plan pages ask it of "plan:read" for the groups whose sections a liaison reads whole.
 */
export function scopeParts(actor: Actor, action: Action = "task:read"): ScopeParts {
  const parts: ScopeParts = { committees: [], groups: [], units: [] };
  for (const grant of actor.roles) {
    const scope = MATRIX[grant.role][action];
    if (scope === "tree") parts.committees.push(actor.committeeId, ...actor.childCommitteeIds);
    else if (scope === "committee") parts.committees.push(actor.committeeId);
    else if (scope === "group" && grant.groupId) parts.groups.push(grant.groupId);
    else if (scope === "unit" && grant.unitId) parts.units.push(grant.unitId);
  }
  return { committees: [...new Set(parts.committees)], groups: [...new Set(parts.groups)], units: [...new Set(parts.units)] };
}

/** The scope as a SQL condition on `t` ("ReformTask"), or null when the actor may read no task (also the cockpit's). */
export function scopeSql(actor: Actor): Prisma.Sql | null {
  const { committees, groups, units } = scopeParts(actor);
  const any: Prisma.Sql[] = [];
  if (committees.length) any.push(Prisma.sql`t."committeeId" IN (${Prisma.join(committees)})`);
  if (groups.length) any.push(Prisma.sql`(t."committeeId" = ${actor.committeeId} AND t."groupId" IN (${Prisma.join(groups)}))`);
  if (units.length)
    any.push(
      Prisma.sql`(t."committeeId" = ${actor.committeeId} AND (t."leadUnitId" IN (${Prisma.join(units)}) OR EXISTS (
        SELECT 1 FROM "TaskCooperatingUnit" scope_cu WHERE scope_cu."taskId" = t.id AND scope_cu."unitId" IN (${Prisma.join(units)}))))`,
    );
  return any.length ? Prisma.join(any, " OR ") : null;
}

/** The same scope for Prisma queries. */
export function scopeWhere(actor: Actor): Prisma.ReformTaskWhereInput | null {
  const { committees, groups, units } = scopeParts(actor);
  const any: Prisma.ReformTaskWhereInput[] = [];
  if (committees.length) any.push({ committeeId: { in: committees } });
  if (groups.length) any.push({ committeeId: actor.committeeId, groupId: { in: groups } });
  if (units.length)
    any.push({
      committeeId: actor.committeeId,
      OR: [{ leadUnitId: { in: units } }, { cooperatingUnits: { some: { unitId: { in: units } } } }],
    });
  return any.length ? { OR: any } : null;
}

/** Office and leaders may look at the ledger as it stood on a past day. */
export function canPickAsOf(actor: Actor): boolean {
  return actor.roles.some((grant) => grant.role === "OFFICE" || grant.role === "LEADER");
}

// ── Ledger ──

export type { LedgerRow };

export interface LedgerPage {
  rows: LedgerRow[];
  total: number;
  page: number;
  size: number;
  counts: Record<Light, number>;
  year: number;
  /** YYYY-MM-DD: the day the lights and percents are computed for */
  asOf: string;
  today: string;
  asOfEditable: boolean;
  /** may the actor filter by formalism signals (the office) */
  signalFilter: boolean;
}

function emptyCounts(): Record<Light, number> {
  return Object.fromEntries(LIGHTS.map((light) => [light, 0])) as Record<Light, number>;
}

/** The ledger: one page of the actor's tasks under the filters, with totals and counts per light. */
export async function listLedger(actor: Actor, params: LedgerParams, options: { all?: boolean } = {}): Promise<LedgerPage> {
  authorizeRead(actor, "task:read");
  const today = dayOf(now());
  const asOfEditable = canPickAsOf(actor);
  const asOf = asOfEditable && params.asOf && params.asOf.getTime() < today.getTime() ? params.asOf : today;
  const year = params.year ?? today.getUTCFullYear();
  const page: LedgerPage = {
    rows: [],
    total: 0,
    page: params.page,
    size: params.size,
    counts: emptyCounts(),
    year,
    asOf: isoDay(asOf),
    today: isoDay(today),
    asOfEditable,
    signalFilter: can(actor, "signal:read", { committeeId: actor.committee.id }),
  };
  const scope = scopeSql(actor);
  if (!scope || visibleCommitteeIds(actor, "task:read").length === 0) return page;

  const [result] = await db.$queryRaw<LedgerSqlResult[]>(
    ledgerSql({
      scope,
      year,
      asOf: page.asOf,
      groupId: params.groupId,
      leadUnitId: params.leadUnitId,
      cooperatingUnitId: params.cooperatingUnitId,
      leaderId: params.leaderId,
      isKey: params.isKey,
      adjusted: params.adjusted,
      source: params.source,
      status: params.status,
      lights: params.lights,
      signal: page.signalFilter ? params.signal : null,
      q: params.q,
      sort: params.sort,
      dir: params.dir,
      // an export takes every row of the view (a county has hundreds, a city a few thousand)
      limit: options.all ? 20_000 : params.size,
      offset: options.all ? 0 : (params.page - 1) * params.size,
    }),
  );
  if (!result) return page;
  page.total = result.total;
  page.counts = { ...page.counts, ...result.counts };
  page.rows = result.rows.map((row) => ({
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
  }));
  return page;
}

export interface Option {
  value: string;
  label: string;
}

export interface LedgerOptions {
  years: number[];
  groups: Option[];
  units: Option[];
  leaders: Option[];
}

/** Choices of the ledger's filter selects, from the actor's committee. */
export async function ledgerOptions(actor: Actor): Promise<LedgerOptions> {
  authorizeRead(actor, "task:read");
  const scope = scopeWhere(actor);
  const committeeId = actor.committee.id;
  const [years, groups, units, leaders] = await Promise.all([
    scope
      ? db.reformTask.findMany({
          where: { deletedAt: null, ...scope },
          distinct: ["year"],
          select: { year: true },
          orderBy: { year: "desc" },
        })
      : Promise.resolve([]),
    db.specialGroup.findMany({
      where: { committeeId, deletedAt: null },
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      select: { id: true, name: true },
    }),
    db.unit.findMany({
      where: { committeeId, deletedAt: null },
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      select: { id: true, name: true },
    }),
    db.user.findMany({
      where: {
        isLeader: true,
        deletedAt: null,
        OR: [{ unit: { committeeId } }, { roleAssignments: { some: { committeeId } } }],
      },
      orderBy: { name: "asc" },
      select: { id: true, name: true, leaderTitle: true },
    }),
  ]);
  const currentYear = dayOf(now()).getUTCFullYear();
  return {
    years: [...new Set([currentYear, ...years.map((row) => row.year)])].sort((a, b) => b - a),
    groups: groups.map((group) => ({ value: group.id, label: group.name })),
    units: units.map((unit) => ({ value: unit.id, label: unit.name })),
    leaders: leaders.map((leader) => ({
      value: leader.id,
      label: leader.leaderTitle ? `${leader.name}（${leader.leaderTitle}）` : leader.name,
    })),
  };
}

// ── Task page ──

export interface TaskDetail {
  id: string;
  code: string;
  title: string;
  goal: string;
  outcome: string | null;
  year: number;
  workPoint: { number: string; title: string } | null;
  planTitle: string;
  group: string;
  leadUnit: string;
  cooperatingUnits: string[];
  leader: { name: string; title: string | null } | null;
  isKey: boolean;
  source: string;
  pilotLevel: string | null;
  startDate: string;
  dueDate: string;
  status: string;
  closedAt: string | null;
  today: string;
  /** YYYY-MM-DD: the day the light, the percents and the milestones' states are computed for */
  asOf: string;
  /** may the actor look at a past day (office and leaders) */
  asOfEditable: boolean;
  /** why the `?asOf=` asked for was not used (the page says so), with what was asked */
  asOfProblem: { problem: AsOfProblem; asked: string } | null;
  light: LightResult;
  /**
   * as of the day: on a past day those of the baseline then in force, `completedOn` null for a
   * milestone completed later (and ids that name no record: they are for display only)
   */
  milestones: { id: string; title: string; plannedDate: string; plannedPercent: number; completedOn: string | null; late: boolean }[];
  reports: {
    id: string;
    period: string;
    unit: string;
    kind: string;
    percent: number | null;
    status: string;
    progress: string;
    problems: string | null;
    nextSteps: string | null;
    submittedAt: string | null;
    reviewComment: string | null;
    percentDropReason: string | null;
    /** the report's workflow steps, oldest first (submitted, returned with a comment, resubmitted, approved) */
    events: ThreadEvent[];
  }[];
  notices: {
    id: string;
    number: string;
    level: string;
    reason: string;
    issuedAt: string;
    responseDueDate: string;
    status: string;
    unit: string;
  }[];
  closeOuts: {
    id: string;
    unit: string;
    summary: string;
    status: string;
    appliedAt: string;
    decidedAt: string | null;
    decisionComment: string | null;
  }[];
  history: {
    id: string;
    at: string;
    actorName: string | null;
    reason: string | null;
    changes: { field: string; from: unknown; to: unknown }[];
  }[];
  /** the records ids in the history point to (older records stored ids), for readableChangeRecord */
  historyNames: NameBook;
  /** may the actor change this task (for the action buttons another part of the app provides) */
  canWrite: boolean;
}

const iso = (value: Date) => value.toISOString();
const isoOrNull = (value: Date | null) => (value ? value.toISOString() : null);

/** The facts of DESIGN §3 for `taskLight`, as of `asOf` (see the notes at the top of light-sql.ts). */
function factsAsOf(
  task: {
    status: TaskFacts["status"];
    startDate: Date;
    dueDate: Date;
    closedAt: Date | null;
    leadUnitId: string;
    /** in plan order (planned date, then sort order) */
    milestones: { title: string; plannedDate: Date; plannedPercent: number; completedOn: Date | null }[];
    progressReports: {
      unitId: string;
      kind: string;
      status: string;
      period: Date;
      percent: number | null;
      submittedAt: Date | null;
      firstSubmittedAt: Date | null;
      reviewedAt: Date | null;
    }[];
    closeOutRequests: { status: string; appliedAt: Date }[];
    changeRequests?: { decidedAt: Date | null; baselineBefore: unknown }[];
  },
  asOf: Date,
): TaskFacts {
  // the baseline in force on the day: an approved 计划调整 counts from the day it was approved
  const baseline = baselineAt(
    task,
    (task.changeRequests ?? []).flatMap((change) =>
      change.decidedAt && change.baselineBefore
        ? [{ decidedAt: change.decidedAt, baselineBefore: loadBaseline(change.baselineBefore as StoredBaseline) }]
        : [],
    ),
    asOf,
  );
  const end = new Date(asOf.getTime() + 16 * 3600_000); // the next Beijing midnight
  const before = (instant: Date | null) => instant !== null && instant.getTime() < end.getTime();
  const status: TaskFacts["status"] =
    task.status === "DONE"
      ? before(task.closedAt)
        ? "DONE"
        : "ACTIVE"
      : task.status === "PENDING_CLOSE"
        ? task.closeOutRequests.some((request) => request.status === "PENDING" && before(request.appliedAt))
          ? "PENDING_CLOSE"
          : "ACTIVE"
        : task.status;
  const lead = task.progressReports.filter((report) => report.kind === "LEAD" && report.unitId === baseline.leadUnitId);
  const approved = lead
    .filter((report) => report.status === "APPROVED" && report.percent !== null && before(report.reviewedAt))
    .sort((a, b) => b.period.getTime() - a.period.getTime() || (b.reviewedAt?.getTime() ?? 0) - (a.reviewedAt?.getTime() ?? 0))[0];
  return {
    status,
    startDate: baseline.startDate,
    dueDate: baseline.dueDate,
    actualPercent: approved?.percent ?? 0,
    milestones: baseline.milestones.map((milestone) => ({
      title: milestone.title,
      plannedDate: milestone.plannedDate,
      plannedPercent: milestone.plannedPercent,
      completedOn: milestone.completedOn && milestone.completedOn.getTime() <= asOf.getTime() ? milestone.completedOn : null,
    })),
    // filed by the first submission: a later resubmission does not unfile it on earlier days
    reportedPeriods: lead
      .filter((report) => report.status !== "DRAFT" && before(report.firstSubmittedAt ?? report.submittedAt))
      .map((report) => report.period),
  };
}

/**
 * One task the actor may read, with everything the task page shows; NotFound outside their scope.
 * `asOf` (the page's `?asOf=`, YYYY-MM-DD) computes the light, the percents and the milestones'
 * states as of a past day, as the ledger does; a value that cannot be used falls back to today and
 * is reported in `asOfProblem`.
 */
export function getTask(actor: Actor, id: string, options: { asOf?: string | null } = {}): Promise<TaskDetail> {
  return readAudited(actor, { event: "task.read", targetType: "ReformTask", id: String(id) }, () => readTask(actor, id, options.asOf));
}

async function readTask(actor: Actor, id: string, asked: string | null | undefined): Promise<TaskDetail> {
  authorizeRead(actor, "task:read");
  const scope = scopeWhere(actor);
  if (!scope || typeof id !== "string" || id.length > 40) throw new NotFoundError();
  const task = await db.reformTask.findFirst({
    where: { AND: [{ id, deletedAt: null }, scope] },
    include: {
      plan: { select: { title: true } },
      workPoint: { select: { number: true, title: true } },
      group: { select: { name: true } },
      leadUnit: { select: { name: true } },
      leader: { select: { name: true, leaderTitle: true } },
      cooperatingUnits: { orderBy: { sortOrder: "asc" }, select: { unitId: true, unit: { select: { name: true } } } },
      milestones: { orderBy: [{ plannedDate: "asc" }, { sortOrder: "asc" }] },
      progressReports: {
        where: { deletedAt: null },
        orderBy: [{ period: "desc" }, { kind: "asc" }],
        include: { unit: { select: { name: true } } },
      },
      notices: { where: { deletedAt: null }, orderBy: { issuedAt: "desc" }, include: { unit: { select: { name: true } } } },
      closeOutRequests: { orderBy: { appliedAt: "desc" }, include: { unit: { select: { name: true } } } },
      changeRequests: { where: { status: "APPROVED" }, select: { decidedAt: true, baselineBefore: true } },
      committee: { select: { settings: true } },
    },
  });
  if (!task) throw new NotFoundError();

  const target: Target = {
    committeeId: task.committeeId,
    unitIds: [task.leadUnitId, ...task.cooperatingUnits.map((row) => row.unitId)],
    groupId: task.groupId,
  };
  const today = dayOf(now());
  const settings = task.committee.settings;
  const thresholds = settings
    ? {
        yellowLagPoints: settings.yellowLagPoints,
        redLagPoints: settings.redLagPoints,
        milestoneRedDays: settings.milestoneRedDays,
        monthlyReportDueDay: settings.monthlyReportDueDay,
      }
    : DEFAULT_THRESHOLDS;
  const asOfEditable = canPickAsOf(actor);
  const { asOf, problem } = resolveAsOf(typeof asked === "string" ? asked : null, today, asOfEditable);
  const facts = factsAsOf(task, asOf);
  const light = taskLight(facts, asOf, thresholds);
  const history = await db.changeRecord.findMany({
    where: { entityType: "ReformTask", entityId: task.id },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const historyNames = await resolveNames([task.committeeId], idsIn(history.map((record) => record.changes)));
  const canReadNotices = can(actor, "notice:read", target);
  const reportEvents = await reportEventsOf(task.progressReports.filter((report) => report.status !== "DRAFT").map((report) => report.id));

  return {
    id: task.id,
    code: task.code,
    title: task.title,
    goal: task.goal,
    outcome: task.outcome,
    year: task.year,
    planTitle: task.plan.title,
    workPoint: task.workPoint,
    group: task.group.name,
    leadUnit: task.leadUnit.name,
    cooperatingUnits: task.cooperatingUnits.map((row) => row.unit.name),
    leader: task.leader ? { name: task.leader.name, title: task.leader.leaderTitle } : null,
    isKey: task.isKey,
    source: task.source,
    pilotLevel: task.pilotLevel,
    startDate: isoDay(task.startDate),
    dueDate: isoDay(task.dueDate),
    status: task.status,
    closedAt: isoOrNull(task.closedAt),
    today: isoDay(today),
    asOf: isoDay(asOf),
    asOfEditable,
    asOfProblem: problem ? { problem, asked: String(asked).slice(0, 40) } : null,
    light,
    // today the task's milestones; on a past day those of the baseline then in force (an approved
    // 计划调整 counts from its day), which the light was computed from
    milestones: (asOf.getTime() === today.getTime()
      ? task.milestones
      : facts.milestones.map((milestone, index) => ({ ...milestone, id: `${task.id}:${index}`, title: milestone.title ?? "" }))
    ).map((milestone) => {
      const done = !!milestone.completedOn && milestone.completedOn.getTime() <= asOf.getTime();
      return {
        id: milestone.id,
        title: milestone.title,
        plannedDate: isoDay(milestone.plannedDate),
        plannedPercent: milestone.plannedPercent,
        completedOn: done ? isoDay(milestone.completedOn!) : null,
        late: done
          ? milestone.completedOn!.getTime() > milestone.plannedDate.getTime()
          : milestone.plannedDate.getTime() < asOf.getTime() && milestone.plannedPercent > light.actual,
      };
    }),
    // drafts are the unit's own work in progress, not yet part of the record
    reports: task.progressReports
      .filter((report) => report.status !== "DRAFT")
      .map((report) => ({
        id: report.id,
        period: isoDay(report.period),
        unit: report.unit.name,
        kind: report.kind,
        percent: report.percent,
        status: report.status,
        progress: report.progress,
        problems: report.problems,
        nextSteps: report.nextSteps,
        submittedAt: isoOrNull(report.submittedAt),
        reviewComment: report.status === "RETURNED" || report.status === "APPROVED" ? report.reviewComment : null,
        percentDropReason: report.percentDropReason,
        events: reportEvents.get(report.id) ?? [],
      })),
    notices: canReadNotices
      ? task.notices.map((notice) => ({
          id: notice.id,
          number: notice.number,
          level: notice.level,
          reason: notice.reason,
          issuedAt: iso(notice.issuedAt),
          responseDueDate: isoDay(notice.responseDueDate),
          status: notice.status,
          unit: notice.unit.name,
        }))
      : [],
    closeOuts: task.closeOutRequests.map((request) => ({
      id: request.id,
      unit: request.unit.name,
      summary: request.summary,
      status: request.status,
      appliedAt: iso(request.appliedAt),
      decidedAt: isoOrNull(request.decidedAt),
      decisionComment: request.decisionComment,
    })),
    history: history.map((record) => ({
      id: record.id,
      at: iso(record.createdAt),
      actorName: record.actorName,
      reason: record.reason,
      changes: Object.entries((record.changes ?? {}) as Record<string, unknown>).map(([field, value]) => {
        const [from, to] = Array.isArray(value) ? value : [null, value];
        return { field, from: from as unknown, to: to as unknown };
      }),
    })),
    historyNames,
    canWrite: can(actor, "task:write", target),
  };
}
