import "server-only";
// Reads of the monthly progress reports: 本月待报 for a unit's reporter, the office's review queue,
// and a task's reports as a thread of workflow steps. Scoped to what the actor may read.
import type { Actor } from "@/lib/auth/actor";
import { can, MATRIX, visibleCommitteeIds } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/prisma";
import { authorizeRead } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { NotFoundError } from "@/lib/server/errors";
import { evidenceOf, PROGRESS_REPORT } from "@/lib/attachments/service";
import { attachmentMaxMb } from "@/lib/attachments/upload";
import { getTask } from "@/lib/ledger/queries";
import { snapshot } from "./progress-service";
import {
  addMonths,
  classifyReport,
  currentReportingPeriod,
  daysUntil,
  isReportExpected,
  monthEnd,
  monthKey,
  monthlyDueOn,
  monthOf,
  parseMonthKey,
} from "./rules";
import type {
  ContributionView,
  CooperatingTask,
  OwedCounts,
  OwedReports,
  OwedTask,
  ReportKind,
  ReportStatus,
  ReviewFilters,
  ReviewContext,
  ReviewQueue,
  ThreadEvent,
  ThreadReport,
} from "./types";

const REPORT = "ProgressReport";
const DEFAULT_DUE_DAY = 5;
const isoDay = (day: Date) => day.toISOString().slice(0, 10);
const isoOrNull = (value: Date | null) => (value ? value.toISOString() : null);

/** The unit a reporter files for: their first unit-scoped grant of report:write (null for other roles). */
export function reporterUnitId(actor: Actor): string | null {
  return actor.roles.find((grant) => grant.unitId && MATRIX[grant.role]["report:write"] === "unit")?.unitId ?? null;
}

async function dueDayOf(committeeId: string): Promise<number> {
  const settings = await db.committeeSettings.findUnique({ where: { committeeId }, select: { monthlyReportDueDay: true } });
  return settings?.monthlyReportDueDay ?? DEFAULT_DUE_DAY;
}

/** The months one may file or look at: the current month and the eleven before it, newest first. */
function recentPeriods(): Date[] {
  const current = monthOf(now());
  return Array.from({ length: 12 }, (_, index) => addMonths(current, -index));
}

const contributionVisible = (status: ReportStatus) => status === "SUBMITTED" || status === "APPROVED";

// ───────────── 本月待报 ─────────────

/**
 * 本月待报 for the reporter's unit: every task it leads that owes a report for `periodKey` (default:
 * the month being reported now), with the report's state, last approved percent, last month's
 * report as a prefill and the cooperating units' contributions; then the tasks it cooperates on.
 */
export async function owedReports(actor: Actor, periodKey?: string | null): Promise<OwedReports> {
  authorizeRead(actor, "report:write");
  const unitId = reporterUnitId(actor);
  const unit = unitId
    ? await db.unit.findFirst({ where: { id: unitId, committeeId: actor.committee.id }, select: { id: true, name: true } })
    : null;
  if (!unit) throw new NotFoundError();

  const committeeId = actor.committee.id;
  const dueDay = await dueDayOf(committeeId);
  const today = now();
  const current = currentReportingPeriod(today, dueDay);
  const asked = parseMonthKey(periodKey);
  const period = asked && asked.getTime() <= monthOf(today).getTime() ? asked : current;
  const dueOn = monthlyDueOn(period, dueDay);
  const inYear = {
    committeeId,
    deletedAt: null,
    year: period.getUTCFullYear(),
    status: { not: "CANCELLED" as const },
    startDate: { lte: monthEnd(period) },
  };
  const reportable = { id: true, year: true, status: true, startDate: true, closedAt: true, code: true, title: true } as const;

  const [led, cooperatingRows] = await Promise.all([
    db.reformTask.findMany({
      where: { ...inYear, leadUnitId: unit.id },
      orderBy: { code: "asc" },
      select: {
        ...reportable,
        dueDate: true,
        isKey: true,
        group: { select: { name: true } },
        cooperatingUnits: { orderBy: { sortOrder: "asc" }, select: { unit: { select: { name: true } } } },
      },
    }),
    db.reformTask.findMany({
      where: { ...inYear, cooperatingUnits: { some: { unitId: unit.id } } },
      orderBy: { code: "asc" },
      select: { ...reportable, leadUnit: { select: { name: true } } },
    }),
  ]);
  const tasks = led.filter((task) => isReportExpected(task, period));
  const cooperatingTasks = cooperatingRows.filter((task) => isReportExpected(task, period));
  const taskIds = tasks.map((task) => task.id);
  const allIds = [...taskIds, ...cooperatingTasks.map((task) => task.id)];

  const [rows, approved, previous] = await Promise.all([
    allIds.length
      ? db.progressReport.findMany({
          where: { taskId: { in: allIds }, period, deletedAt: null },
          orderBy: { createdAt: "asc" },
          select: {
            id: true,
            taskId: true,
            unitId: true,
            kind: true,
            period: true,
            progress: true,
            percent: true,
            percentDropReason: true,
            problems: true,
            nextSteps: true,
            status: true,
            version: true,
            submittedAt: true,
            firstSubmittedAt: true,
            reviewComment: true,
            updatedAt: true,
            deletedAt: true,
            unit: { select: { name: true } },
          },
        })
      : [],
    taskIds.length
      ? db.$queryRaw<{ taskId: string; percent: number }[]>(Prisma.sql`
          SELECT DISTINCT ON (r."taskId") r."taskId", r.percent
          FROM "ProgressReport" r
          WHERE r."taskId" IN (${Prisma.join(taskIds)}) AND r.kind = 'LEAD' AND r.status = 'APPROVED'
            AND r."deletedAt" IS NULL AND r.percent IS NOT NULL AND r.period < ${isoDay(period)}::date
          ORDER BY r."taskId", r.period DESC, r."reviewedAt" DESC NULLS LAST`)
      : [],
    taskIds.length
      ? db.$queryRaw<{ taskId: string; progress: string; problems: string | null; nextSteps: string | null; percent: number | null }[]>(
          Prisma.sql`
          SELECT DISTINCT ON (r."taskId") r."taskId", r.progress, r.problems, r."nextSteps", r.percent
          FROM "ProgressReport" r
          WHERE r."taskId" IN (${Prisma.join(taskIds)}) AND r.kind = 'LEAD' AND r."deletedAt" IS NULL
            AND r.period < ${isoDay(period)}::date
          ORDER BY r."taskId", r.period DESC`,
        )
      : [],
  ]);
  const reportIds = rows.map((row) => row.id);
  const [filesBy, submissionsBy] = await Promise.all([evidenceOf(PROGRESS_REPORT, reportIds), submissionCounts(reportIds)]);
  const filesOf = (id: string | undefined) => (id ? (filesBy.get(id) ?? []) : []);
  const pendingRoundOf = (id: string | undefined) => (id ? (submissionsBy.get(id) ?? 0) : 0) + 1;
  const approvedBy = new Map(approved.map((row) => [row.taskId, row.percent]));
  const previousBy = new Map(previous.map((row) => [row.taskId, row]));

  const counts: OwedCounts = { owed: tasks.length, none: 0, draft: 0, submitted: 0, approved: 0, returned: 0 };
  const owed: OwedTask[] = tasks.map((task) => {
    const own = rows.find((row) => row.taskId === task.id && row.kind === "LEAD" && row.unitId === unit.id) ?? null;
    const state = own?.status ?? "NONE";
    counts[state === "NONE" ? "none" : (state.toLowerCase() as Lowercase<ReportStatus>)] += 1;
    const last = previousBy.get(task.id);
    const contributions: ContributionView[] = rows
      .filter((row) => row.taskId === task.id && row.kind === "CONTRIBUTION" && contributionVisible(row.status))
      .map((row) => ({
        id: row.id,
        unitName: row.unit.name,
        status: row.status,
        progress: row.progress,
        submittedAt: isoOrNull(row.submittedAt),
      }));
    return {
      taskId: task.id,
      code: task.code,
      title: task.title,
      groupName: task.group.name,
      isKey: task.isKey,
      dueDate: isoDay(task.dueDate),
      cooperatingUnits: task.cooperatingUnits.map((row) => row.unit.name),
      lastApprovedPercent: approvedBy.get(task.id) ?? null,
      state,
      report: own ? snapshot(own) : null,
      returnComment: own?.status === "RETURNED" ? own.reviewComment : null,
      prefill:
        !own && last
          ? { progress: last.progress, problems: last.problems, nextSteps: last.nextSteps, percent: last.percent === null ? null : Number(last.percent) }
          : null,
      contributions,
      files: filesOf(own?.id),
      pendingRound: pendingRoundOf(own?.id),
    };
  });

  const cooperating: CooperatingTask[] = cooperatingTasks.map((task) => {
    const own = rows.find((row) => row.taskId === task.id && row.kind === "CONTRIBUTION" && row.unitId === unit.id) ?? null;
    return {
      taskId: task.id,
      code: task.code,
      title: task.title,
      leadUnitName: task.leadUnit.name,
      state: own?.status ?? "NONE",
      contribution: own ? snapshot(own) : null,
      returnComment: own?.status === "RETURNED" ? own.reviewComment : null,
      files: filesOf(own?.id),
      pendingRound: pendingRoundOf(own?.id),
    };
  });

  return {
    unit,
    period: monthKey(period),
    currentPeriod: monthKey(current),
    periods: recentPeriods().map(monthKey),
    dueOn: isoDay(dueOn),
    daysLeft: daysUntil(dueOn, today),
    counts,
    tasks: owed,
    cooperating,
    attachmentMaxMb: attachmentMaxMb(),
  };
}

/** How many times each report was submitted (SUBMIT and RESUBMIT steps). */
async function submissionCounts(reportIds: readonly string[]): Promise<Map<string, number>> {
  if (reportIds.length === 0) return new Map();
  const rows = await db.workflowEvent.groupBy({
    by: ["entityId"],
    where: { entityType: REPORT, entityId: { in: [...reportIds] }, action: { in: ["SUBMIT", "RESUBMIT"] } },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.entityId, row._count._all]));
}

// ───────────── The review dialog's context ─────────────

/**
 * Beside a report under review: the same unit's report of the month before (text and percent),
 * the evidence that was submitted, the task's milestones with their state and its light with the
 * reasons. Whoever may read the report's task may read this; a draft is its unit's alone (404).
 */
export async function reviewContext(actor: Actor, reportId: string): Promise<ReviewContext> {
  authorizeRead(actor, "report:read");
  if (typeof reportId !== "string" || reportId.length > 64) throw new NotFoundError();
  const report = await db.progressReport.findFirst({
    where: { id: reportId, deletedAt: null, task: { committeeId: { in: visibleCommitteeIds(actor, "report:read") }, deletedAt: null } },
    select: { id: true, taskId: true, unitId: true, kind: true, period: true, status: true },
  });
  if (!report || report.status === "DRAFT") throw new NotFoundError();
  // getTask authorizes reading the task and computes its light and milestone states as of today
  const task = await getTask(actor, report.taskId);
  const [previous, filesBy, submissions] = await Promise.all([
    db.progressReport.findFirst({
      where: {
        taskId: report.taskId,
        unitId: report.unitId,
        kind: report.kind,
        period: addMonths(report.period, -1),
        deletedAt: null,
        status: { not: "DRAFT" },
      },
      select: { period: true, progress: true, percent: true, status: true },
    }),
    evidenceOf(PROGRESS_REPORT, [report.id]),
    submissionCounts([report.id]),
  ]);
  const submitted = submissions.get(report.id) ?? 0;
  return {
    previous: previous ? { period: monthKey(previous.period), progress: previous.progress, percent: previous.percent, status: previous.status } : null,
    // files added since the last submission are the unit's work in progress, not yet under review
    files: (filesBy.get(report.id) ?? []).filter((file) => (file.round ?? 1) <= submitted),
    milestones: task.milestones.map((milestone) => ({
      id: milestone.id,
      title: milestone.title,
      plannedDate: milestone.plannedDate,
      plannedPercent: milestone.plannedPercent,
      completedOn: milestone.completedOn,
      state: milestone.completedOn !== null && milestone.completedOn <= task.today ? "DONE" : milestone.late ? "OVERDUE" : "OPEN",
    })),
    light: {
      light: task.light.light,
      planned: task.light.planned,
      actual: task.light.actual,
      reasons: [...task.light.reasons],
      details: task.light.details,
    },
  };
}

// ───────────── Review queue (改革办) ─────────────

export const REVIEW_PAGE_SIZES = [20, 50, 100] as const;
const REVIEW_STATUSES = ["SUBMITTED", "APPROVED", "RETURNED"] as const;
const KINDS = ["LEAD", "CONTRIBUTION"] as const;

type SearchParams = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || null;
const idParam = (value: string | string[] | undefined) => {
  const id = one(value);
  return id && id.length <= 64 ? id : null;
};

export function parseReviewFilters(params: SearchParams): ReviewFilters {
  const period = parseMonthKey(one(params.period));
  const kind = one(params.kind);
  const status = one(params.status);
  const page = Number(one(params.page));
  const size = Number(one(params.size));
  return {
    period: period ? monthKey(period) : null,
    groupId: idParam(params.groupId),
    unitId: idParam(params.unitId),
    kind: (KINDS as readonly string[]).includes(kind ?? "") ? (kind as ReportKind) : null,
    status: (REVIEW_STATUSES as readonly string[]).includes(status ?? "") ? (status as ReportStatus) : "SUBMITTED",
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
    size: (REVIEW_PAGE_SIZES as readonly number[]).includes(size) ? size : REVIEW_PAGE_SIZES[0],
  };
}

/**
 * The office's queue: reports (lead and contributions) of its committee in one state (default
 * submitted, waiting for review), filtered and paginated in the database, oldest submission first.
 */
export async function reviewQueue(actor: Actor, filters: ReviewFilters): Promise<ReviewQueue> {
  authorizeRead(actor, "report:review");
  const committeeId = actor.committee.id;
  const period = parseMonthKey(filters.period);
  const where: Prisma.ProgressReportWhereInput = {
    deletedAt: null,
    status: filters.status,
    ...(period ? { period } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.unitId ? { unitId: filters.unitId } : {}),
    task: { committeeId, deletedAt: null, ...(filters.groupId ? { groupId: filters.groupId } : {}) },
  };
  const orderBy: Prisma.ProgressReportOrderByWithRelationInput[] =
    filters.status === "SUBMITTED" ? [{ submittedAt: "asc" }, { id: "asc" }] : [{ reviewedAt: "desc" }, { id: "asc" }];
  const [total, rows, dueDay, groups, units] = await Promise.all([
    db.progressReport.count({ where }),
    db.progressReport.findMany({
      where,
      orderBy,
      skip: (filters.page - 1) * filters.size,
      take: filters.size,
      include: {
        unit: { select: { name: true } },
        task: { select: { id: true, code: true, title: true, group: { select: { name: true } } } },
      },
    }),
    dueDayOf(committeeId),
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
  ]);

  // the last approved percent before each lead report's month, to show a drop to the reviewer
  const lead = rows.filter((row) => row.kind === "LEAD");
  const earlier = lead.length
    ? await db.progressReport.findMany({
        where: {
          taskId: { in: [...new Set(lead.map((row) => row.taskId))] },
          kind: "LEAD",
          status: "APPROVED",
          deletedAt: null,
          percent: { not: null },
          period: { lt: new Date(Math.max(...lead.map((row) => row.period.getTime()))) },
        },
        orderBy: { period: "desc" },
        select: { taskId: true, period: true, percent: true },
      })
    : [];
  const resubmitted = new Set(
    rows.length
      ? (
          await db.workflowEvent.findMany({
            where: { entityType: REPORT, entityId: { in: rows.map((row) => row.id) }, action: "RESUBMIT" },
            select: { entityId: true },
          })
        ).map((event) => event.entityId)
      : [],
  );
  const asOf = now();

  return {
    total,
    filters,
    rows: rows.map((row) => ({
      id: row.id,
      version: row.version,
      kind: row.kind,
      status: row.status,
      period: monthKey(row.period),
      taskId: row.task.id,
      taskCode: row.task.code,
      taskTitle: row.task.title,
      groupName: row.task.group.name,
      unitName: row.unit.name,
      progress: row.progress,
      percent: row.percent,
      previousPercent:
        row.kind === "LEAD"
          ? (earlier.find((other) => other.taskId === row.taskId && other.period.getTime() < row.period.getTime())?.percent ?? null)
          : null,
      percentDropReason: row.percentDropReason,
      problems: row.problems,
      nextSteps: row.nextSteps,
      reviewComment: row.reviewComment,
      submittedAt: isoOrNull(row.submittedAt),
      firstSubmittedAt: isoOrNull(row.firstSubmittedAt),
      late: classifyReport(row, monthlyDueOn(row.period, dueDay), asOf) === "LATE",
      resubmitted: resubmitted.has(row.id),
    })),
    options: {
      periods: recentPeriods().map(monthKey),
      groups: groups.map((group) => ({ value: group.id, label: group.name })),
      units: units.map((unit) => ({ value: unit.id, label: unit.name })),
    },
  };
}

// ───────────── The thread of a task's reports ─────────────

/**
 * The workflow steps of the given reports, oldest first, with who took them. No authorization here:
 * callers pass ids of reports they have already scoped to the actor (reportThread, getTask).
 */
export async function reportEventsOf(reportIds: readonly string[]): Promise<Map<string, ThreadEvent[]>> {
  const byReport = new Map<string, ThreadEvent[]>();
  if (reportIds.length === 0) return byReport;
  const events = await db.workflowEvent.findMany({
    where: { entityType: REPORT, entityId: { in: [...reportIds] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, entityId: true, action: true, comment: true, actorId: true, createdAt: true },
  });
  const actorIds = [...new Set(events.map((event) => event.actorId).filter((id): id is string => id !== null))];
  const names = new Map(
    actorIds.length
      ? (await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((user) => [user.id, user.name])
      : [],
  );
  // each submission carries the files of its round (the n-th SUBMIT/RESUBMIT step: round n)
  const files = await evidenceOf(PROGRESS_REPORT, reportIds);
  const rounds = new Map<string, number>();
  for (const event of events) {
    const list = byReport.get(event.entityId) ?? [];
    const submission = event.action === "SUBMIT" || event.action === "RESUBMIT";
    const round = submission ? (rounds.get(event.entityId) ?? 0) + 1 : 0;
    if (submission) rounds.set(event.entityId, round);
    list.push({
      id: event.id,
      action: event.action as ThreadEvent["action"],
      comment: event.comment,
      actorName: event.actorId ? (names.get(event.actorId) ?? null) : null,
      at: event.createdAt.toISOString(),
      ...(submission ? { files: (files.get(event.entityId) ?? []).filter((file) => (file.round ?? 1) === round) } : {}),
    });
    byReport.set(event.entityId, list);
  }
  return byReport;
}

/** Every submitted report of a task by month (lead first), each with its workflow steps in order. */
export async function reportThread(actor: Actor, taskId: string): Promise<ThreadReport[]> {
  authorizeRead(actor, "report:read");
  if (typeof taskId !== "string" || taskId.length > 64) throw new NotFoundError();
  const task = await db.reformTask.findFirst({
    where: { id: taskId, committeeId: { in: visibleCommitteeIds(actor, "report:read") }, deletedAt: null },
    select: { committeeId: true, groupId: true, leadUnitId: true, cooperatingUnits: { select: { unitId: true } } },
  });
  if (
    !task ||
    !can(actor, "report:read", {
      committeeId: task.committeeId,
      groupId: task.groupId,
      unitIds: [task.leadUnitId, ...task.cooperatingUnits.map((unit) => unit.unitId)],
    })
  )
    throw new NotFoundError();
  // drafts are the unit's own work in progress, not yet part of the record
  const reports = await db.progressReport.findMany({
    where: { taskId, deletedAt: null, status: { not: "DRAFT" } },
    orderBy: [{ period: "asc" }, { kind: "asc" }, { createdAt: "asc" }],
    include: { unit: { select: { name: true } } },
  });
  const events = await reportEventsOf(reports.map((report) => report.id));
  return reports.map((report) => ({
    id: report.id,
    period: monthKey(report.period),
    kind: report.kind,
    unitName: report.unit.name,
    status: report.status,
    progress: report.progress,
    percent: report.percent,
    percentDropReason: report.percentDropReason,
    problems: report.problems,
    nextSteps: report.nextSteps,
    reviewComment: report.reviewComment,
    firstSubmittedAt: isoOrNull(report.firstSubmittedAt),
    events: events.get(report.id) ?? [],
  }));
}
