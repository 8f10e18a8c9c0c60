import "server-only";
// 月报: the lead unit's monthly report on a task, the cooperating units' contributions, and the
// office's review. Every step is one audited service action and leaves a WorkflowEvent, so the
// task page can show each report as a thread (submitted, returned with a comment, resubmitted,
// approved). Reports are edited from the version the user saw (optimistic locking).
import type { Actor } from "@/lib/auth/actor";
import { MATRIX, visibleCommitteeIds } from "@/lib/auth/permissions";
import type { z } from "zod";
import type { Prisma } from "@/lib/db/prisma";
import { notify, reporterIdsOf } from "@/lib/notifications/service";
import { defineServiceAction, diff, type Tx } from "@/lib/server/action";
import { refreshTaskSignals } from "@/lib/signals/refresh";
import { now } from "@/lib/server/clock";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from "@/lib/server/errors";
import { created, isUniqueViolation } from "@/lib/users/service";
import {
  approveReportSchema,
  fileReportSchema,
  returnReportSchema,
  saveContributionSchema,
  saveDraftSchema,
  submitContributionSchema,
  submitManySchema,
  submitReportSchema,
} from "./progress-schemas";
import { isReportExpected, monthKey, monthOf, percentProblem } from "./rules";
import type { ReportSnapshot } from "./types";

const REPORT = "ProgressReport";
const EDITABLE = ["DRAFT", "RETURNED"] as const;

// ───────────── Loading, within what the actor may see ─────────────

const taskSelect = {
  id: true,
  committeeId: true,
  groupId: true,
  code: true,
  title: true,
  year: true,
  status: true,
  startDate: true,
  closedAt: true,
  leadUnitId: true,
  actualPercent: true,
  actualPeriod: true,
  cooperatingUnits: { select: { unitId: true } },
} satisfies Prisma.ReformTaskSelect;

type TaskRow = Prisma.ReformTaskGetPayload<{ select: typeof taskSelect }>;

const reportSelect = {
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
} satisfies Prisma.ProgressReportSelect;

type ReportRow = Prisma.ProgressReportGetPayload<{ select: typeof reportSelect }>;

/** A task whose reports the actor may read about, wherever their grants reach; the matrix then decides. */
async function findTask(tx: Tx, actor: Actor, id: string): Promise<TaskRow> {
  const task = await tx.reformTask.findFirst({
    where: { id, committeeId: { in: visibleCommitteeIds(actor, "report:read") }, deletedAt: null },
    select: taskSelect,
  });
  if (!task) throw new NotFoundError();
  return task;
}

async function findReport(tx: Tx, actor: Actor, id: string, kind?: "LEAD" | "CONTRIBUTION") {
  const report = await tx.progressReport.findFirst({
    where: {
      id,
      deletedAt: null,
      ...(kind ? { kind } : {}),
      task: { committeeId: { in: visibleCommitteeIds(actor, "report:read") }, deletedAt: null },
    },
    select: { ...reportSelect, task: { select: taskSelect } },
  });
  if (!report) throw new NotFoundError();
  const { task, ...row } = report;
  return { report: row, task };
}

/** A report as the unit that owns it sees it: reviewing and writing act on that one unit's record. */
function reportTarget(report: ReportRow, task: TaskRow) {
  return { committeeId: task.committeeId, groupId: task.groupId, unitIds: [report.unitId], report, task };
}

export function snapshot(row: ReportRow): ReportSnapshot {
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    progress: row.progress,
    percent: row.percent,
    percentDropReason: row.percentDropReason,
    problems: row.problems,
    nextSteps: row.nextSteps,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The report as it now is: what a stale editor is shown (SECURITY.md 19). */
async function conflictWith(tx: Tx, reportId: string | null, extra: Record<string, unknown> = {}): Promise<ConflictError> {
  const current = reportId ? await tx.progressReport.findFirst({ where: { id: reportId, deletedAt: null }, select: reportSelect }) : null;
  return new ConflictError({ ...extra, report: current ? snapshot(current) : null });
}

// ───────────── Rules that need the database ─────────────

/** The month must be one the task reports for (DESIGN §3), and not after the current month. */
function periodErrors(task: TaskRow, period: Date): FieldErrors {
  if (period.getTime() > monthOf(now()).getTime()) return { period: ["reports.validation.periodFuture"] };
  if (!isReportExpected({ ...task, deleted: false }, period)) return { period: ["reports.validation.periodNotExpected"] };
  return {};
}

/** The cumulative percent of the task's last approved lead report before `period` (null: none yet). */
async function lastApprovedPercent(tx: Tx, taskId: string, period: Date): Promise<number | null> {
  const previous = await tx.progressReport.findFirst({
    where: { taskId, kind: "LEAD", status: "APPROVED", deletedAt: null, percent: { not: null }, period: { lt: period } },
    orderBy: [{ period: "desc" }, { reviewedAt: "desc" }],
    select: { percent: true },
  });
  return previous?.percent ?? null;
}

/** percentProblem against the last approved percent, keyed to the field the user must change. */
async function percentErrors(
  tx: Tx,
  taskId: string,
  period: Date,
  percent: number | null,
  reason: string | null | undefined,
): Promise<FieldErrors> {
  if (percent === null) return {};
  const problem = percentProblem(percent, await lastApprovedPercent(tx, taskId, period), reason);
  if (!problem) return {};
  return problem === "reports.validation.percentDropReason" ? { percentDropReason: [problem] } : { percent: [problem] };
}

/** What a report still lacks to be submitted: the month, the required fields, the percent rule. */
async function submissionErrors(tx: Tx, report: ReportRow, task: TaskRow): Promise<FieldErrors> {
  const errors: FieldErrors = { ...periodErrors(task, report.period) };
  if (!report.progress.trim()) errors.progress = ["validation.required"];
  if (report.kind === "LEAD") {
    if (report.percent === null) errors.percent = ["validation.required"];
    Object.assign(errors, await percentErrors(tx, task.id, report.period, report.percent, report.percentDropReason));
  }
  return errors;
}

function prefixed(errors: FieldErrors, prefix: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, keys]) => [`${prefix}${field}`, keys]));
}

const notEditable = () => new ValidationError({ _form: ["reports.validation.notEditable"] });

async function workflow(tx: Tx, actor: Actor, reportId: string, action: "SUBMIT" | "RESUBMIT" | "APPROVE" | "RETURN", comment?: string | null) {
  await tx.workflowEvent.create({ data: { entityType: REPORT, entityId: reportId, action, comment: comment ?? null, actorId: actor.userId } });
}

// ───────────── Saving a draft (lead report or contribution) ─────────────

interface DraftData {
  progress: string;
  percent: number | null;
  percentDropReason: string | null;
  problems: string | null;
  nextSteps: string | null;
}

/**
 * Creates or updates the unit's row for (task, unit, month) from the version the user saw: none
 * when they saw no report. Only drafts and returned reports can change.
 */
async function saveRow(
  tx: Tx,
  kind: "LEAD" | "CONTRIBUTION",
  key: { taskId: string; unitId: string; period: Date },
  version: number | null | undefined,
  data: DraftData,
) {
  const existing = await tx.progressReport.findUnique({ where: { taskId_unitId_period: key }, select: reportSelect });
  const live = existing && !existing.deletedAt ? existing : null;
  if (live ? live.version !== version : version != null) throw await conflictWith(tx, live?.id ?? null);
  if (live && (live.kind !== kind || !(EDITABLE as readonly string[]).includes(live.status))) throw notEditable();

  if (!live) {
    const row = existing
      ? // a withdrawn (soft-deleted) row of the same month comes back as a fresh draft
        await tx.progressReport.update({
          where: { id: existing.id },
          data: {
            ...data,
            kind,
            status: "DRAFT",
            deletedAt: null,
            deletedById: null,
            submittedAt: null,
            firstSubmittedAt: null,
            reviewedAt: null,
            reviewedById: null,
            reviewComment: null,
            version: { increment: 1 },
          },
          select: reportSelect,
        })
      : await tx.progressReport.create({ data: { ...key, ...data, kind }, select: reportSelect }).catch(async (error: unknown) => {
          // two saves of the same new report racing: the second sees the first as a conflict
          if (isUniqueViolation(error)) throw new ConflictError({ report: null });
          throw error;
        });
    return { row, changes: created({ period: monthKey(key.period), ...data }) };
  }

  const updated = await tx.progressReport.updateMany({
    where: { id: live.id, version: live.version, status: { in: [...EDITABLE] } },
    data: { ...data, version: { increment: 1 } },
  });
  if (updated.count === 0) throw await conflictWith(tx, live.id);
  const row = await tx.progressReport.findUniqueOrThrow({ where: { id: live.id }, select: reportSelect });
  return { row, changes: diff(live as unknown as Record<string, unknown>, data as unknown as Record<string, unknown>) };
}

/** 本月进展: the lead unit's report on a task for a month (kind LEAD, unit = the task's lead unit). */
export const saveReportDraft = defineServiceAction({
  name: "report.saveDraft",
  permission: "report:write",
  input: saveDraftSchema,
  async load(tx, actor, input) {
    const task = await findTask(tx, actor, input.taskId);
    // Only the lead unit reports on a task (DESIGN §4): the matrix sees it as the lead unit's alone.
    return { committeeId: task.committeeId, groupId: task.groupId, unitIds: [task.leadUnitId], task };
  },
  async run({ tx, input, target: { task } }) {
    const { row, changes } = await saveLeadDraft(tx, task, input);
    return {
      result: { report: snapshot(row) },
      audit: { targetType: REPORT, targetId: row.id, changes, detail: `task ${task.code}, ${monthKey(input.period)}` },
    };
  },
});

async function saveLeadDraft(tx: Tx, task: TaskRow, input: z.output<typeof saveDraftSchema>) {
  const period = periodErrors(task, input.period);
  if (Object.keys(period).length) throw new ValidationError(period);
  const data: DraftData = {
    progress: input.progress,
    percent: input.percent,
    percentDropReason: input.percentDropReason,
    problems: input.problems,
    nextSteps: input.nextSteps,
  };
  const percent = await percentErrors(tx, task.id, input.period, data.percent, data.percentDropReason);
  if (Object.keys(percent).length) throw new ValidationError(percent);
  return saveRow(tx, "LEAD", { taskId: task.id, unitId: task.leadUnitId, period: input.period }, input.version, data);
}

/**
 * Saves the lead unit's report and, when asked, submits it — in one transaction, so a report that
 * cannot be submitted is not left behind half-saved (the API's POST /tasks/{id}/reports).
 */
export const fileReport = defineServiceAction({
  name: "report.file",
  permission: "report:write",
  input: fileReportSchema,
  async load(tx, actor, input) {
    const task = await findTask(tx, actor, input.taskId);
    return { committeeId: task.committeeId, groupId: task.groupId, unitIds: [task.leadUnitId], task };
  },
  async run({ tx, actor, input, target: { task } }) {
    const { submit, ...draft } = input;
    const saved = await saveLeadDraft(tx, task, draft);
    if (!submit) {
      return {
        result: { report: snapshot(saved.row) },
        audit: { targetType: REPORT, targetId: saved.row.id, changes: saved.changes, detail: `task ${task.code}, ${monthKey(input.period)}` },
      };
    }
    const submitted = await submitOne(tx, actor, saved.row, task, saved.row.version);
    return {
      result: submitted.result,
      audit: { ...submitted.audit, changes: { ...saved.changes, ...submitted.audit.changes } },
    };
  },
});

/** A cooperating unit's own contribution to a task for a month (kind CONTRIBUTION, progress only). */
export const saveContribution = defineServiceAction({
  name: "contribution.save",
  permission: "contribution:write",
  input: saveContributionSchema,
  async load(tx, actor, input) {
    const task = await findTask(tx, actor, input.taskId);
    return { committeeId: task.committeeId, groupId: task.groupId, unitIds: task.cooperatingUnits.map((unit) => unit.unitId), task };
  },
  async run({ tx, actor, input, target: { task } }) {
    const unitId = contributingUnit(actor, task);
    const period = periodErrors(task, input.period);
    if (Object.keys(period).length) throw new ValidationError(period);
    const data: DraftData = { progress: input.progress, percent: null, percentDropReason: null, problems: null, nextSteps: null };
    const { row, changes } = await saveRow(tx, "CONTRIBUTION", { taskId: task.id, unitId, period: input.period }, input.version, data);
    return {
      result: { report: snapshot(row) },
      audit: { targetType: REPORT, targetId: row.id, changes, detail: `contribution to task ${task.code}, ${monthKey(input.period)}` },
    };
  },
});

/** The actor's unit among the task's cooperating units: the unit the contribution belongs to. */
function contributingUnit(actor: Actor, task: TaskRow): string {
  const cooperating = new Set(task.cooperatingUnits.map((unit) => unit.unitId));
  const grant = actor.roles.find(
    (role) => role.unitId && MATRIX[role.role]["contribution:write"] === "unit" && cooperating.has(role.unitId),
  );
  if (!grant?.unitId) throw new ForbiddenError();
  return grant.unitId;
}

// ───────────── Submitting ─────────────

/** Draft → submitted (SUBMIT) or returned → submitted (RESUBMIT); the first submission's time stays. */
async function markSubmitted(tx: Tx, actor: Actor, report: ReportRow): Promise<ReportRow> {
  const at = now();
  const updated = await tx.progressReport.updateMany({
    where: { id: report.id, version: report.version, status: { in: [...EDITABLE] } },
    data: {
      status: "SUBMITTED",
      submittedAt: at,
      submittedById: actor.userId,
      ...(report.firstSubmittedAt ? {} : { firstSubmittedAt: at }),
      version: { increment: 1 },
    },
  });
  if (updated.count === 0) throw await conflictWith(tx, report.id);
  await workflow(tx, actor, report.id, report.status === "RETURNED" ? "RESUBMIT" : "SUBMIT");
  return tx.progressReport.findUniqueOrThrow({ where: { id: report.id }, select: reportSelect });
}

async function submitOne(tx: Tx, actor: Actor, report: ReportRow, task: TaskRow, version: number) {
  if (report.version !== version) throw await conflictWith(tx, report.id);
  if (!(EDITABLE as readonly string[]).includes(report.status)) throw notEditable();
  const errors = await submissionErrors(tx, report, task);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const after = await markSubmitted(tx, actor, report);
  // 形式主义预警: a copy of last month's report shows at once (lib/signals)
  await refreshTaskSignals(tx, task.committeeId, task.id);
  return {
    result: { report: snapshot(after) },
    audit: {
      targetType: REPORT,
      targetId: report.id,
      changes: { status: [report.status, "SUBMITTED"] as [unknown, unknown] },
      detail: `task ${task.code}, ${monthKey(report.period)}`,
    },
  };
}

export const submitReport = defineServiceAction({
  name: "report.submit",
  permission: "report:write",
  input: submitReportSchema,
  async load(tx, actor, input) {
    const { report, task } = await findReport(tx, actor, input.id, "LEAD");
    return reportTarget(report, task);
  },
  run: ({ tx, actor, input, target: { report, task } }) => submitOne(tx, actor, report, task, input.version),
});

export const submitContribution = defineServiceAction({
  name: "contribution.submit",
  permission: "contribution:write",
  input: submitContributionSchema,
  async load(tx, actor, input) {
    const { report, task } = await findReport(tx, actor, input.id, "CONTRIBUTION");
    return reportTarget(report, task);
  },
  run: ({ tx, actor, input, target: { report, task } }) => submitOne(tx, actor, report, task, input.version),
});

/**
 * 全部提交 on 本月待报: every listed lead report at once, all or nothing. Field messages are keyed
 * `items.<index>.<field>`; a stale version anywhere is a conflict and nothing is submitted.
 */
export const submitManyReports = defineServiceAction({
  name: "report.submitMany",
  permission: "report:write",
  input: submitManySchema,
  async load(tx, actor, input) {
    const ids = [...new Set(input.ids.map((item) => item.id))];
    const found = await tx.progressReport.findMany({
      where: {
        id: { in: ids },
        kind: "LEAD",
        deletedAt: null,
        task: { committeeId: { in: visibleCommitteeIds(actor, "report:read") }, deletedAt: null },
      },
      select: { ...reportSelect, task: { select: taskSelect } },
    });
    if (found.length !== ids.length) throw new NotFoundError();
    const committees = new Set(found.map((row) => row.task.committeeId));
    if (committees.size !== 1) throw new NotFoundError();
    // the actor must be allowed on every report: with one unit per report, only a shared unit qualifies
    const units = new Set(found.map((row) => row.unitId));
    const groups = new Set(found.map((row) => row.task.groupId));
    const byId = new Map(found.map(({ task, ...report }) => [report.id, { report, task }]));
    return {
      committeeId: found[0]!.task.committeeId,
      unitIds: units.size === 1 ? [...units] : [],
      groupId: groups.size === 1 ? found[0]!.task.groupId : null,
      byId,
    };
  },
  async run({ tx, actor, input, target: { byId } }) {
    const items = input.ids.map((item) => ({ ...byId.get(item.id)!, version: item.version }));
    const seen = new Set<string>();
    const errors: FieldErrors = {};
    for (const [index, { report, version }] of items.entries()) {
      if (report.version !== version) throw await conflictWith(tx, report.id, { index });
      if (seen.has(report.id)) errors[`items.${index}.id`] = ["reports.validation.duplicateItem"];
      seen.add(report.id);
    }
    for (const [index, { report, task }] of items.entries()) {
      if (!(EDITABLE as readonly string[]).includes(report.status)) errors[`items.${index}._form`] = ["reports.validation.notEditable"];
      else Object.assign(errors, prefixed(await submissionErrors(tx, report, task), `items.${index}.`));
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const submitted: ReportSnapshot[] = [];
    for (const { report } of items) submitted.push(snapshot(await markSubmitted(tx, actor, report)));
    for (const taskId of new Set(items.map(({ task }) => task.id))) await refreshTaskSignals(tx, items[0]!.task.committeeId, taskId);
    return {
      result: { reports: submitted },
      audit: {
        targetType: REPORT,
        targetId: submitted.length === 1 ? submitted[0]!.id : null,
        changes: Object.fromEntries(items.map(({ report }) => [report.id, [report.status, "SUBMITTED"] as [unknown, unknown]])),
        detail: `submitted ${items.length}: ${items.map(({ task, report }) => `${task.code} ${monthKey(report.period)}`).join(", ")}`,
      },
    };
  },
});

// ───────────── Review (改革办) ─────────────

const monthLabel = (period: Date) => `${period.getUTCFullYear()}年${period.getUTCMonth() + 1}月`;

/** Decides a submitted report from the version the office saw; one decided meanwhile is a conflict. */
async function decide(tx: Tx, actor: Actor, report: ReportRow, version: number, data: Prisma.ProgressReportUpdateManyMutationInput) {
  if (report.version !== version) throw await conflictWith(tx, report.id);
  if (report.status !== "SUBMITTED") throw new ValidationError({ _form: ["reports.validation.notSubmitted"] });
  const updated = await tx.progressReport.updateMany({
    where: { id: report.id, version, status: "SUBMITTED" },
    data: { ...data, reviewedAt: now(), reviewedById: actor.userId, version: { increment: 1 } },
  });
  if (updated.count === 0) throw await conflictWith(tx, report.id);
}

/**
 * Keeps the task's cached actual percent equal to the percent of its latest approved lead report
 * by period (DESIGN §3 "Actual progress"); a closed-out task stays at 100.
 */
async function refreshActualPercent(tx: Tx, task: TaskRow, report: ReportRow): Promise<Record<string, [unknown, unknown]>> {
  if (report.kind !== "LEAD" || report.percent === null || task.status === "DONE") return {};
  const later = await tx.progressReport.count({
    where: {
      taskId: task.id,
      kind: "LEAD",
      status: "APPROVED",
      deletedAt: null,
      percent: { not: null },
      period: { gt: report.period },
    },
  });
  if (later > 0) return {};
  await tx.reformTask.update({ where: { id: task.id }, data: { actualPercent: report.percent, actualPeriod: report.period } });
  return diff(
    { "task.actualPercent": task.actualPercent, "task.actualPeriod": task.actualPeriod ? monthKey(task.actualPeriod) : null },
    { "task.actualPercent": report.percent, "task.actualPeriod": monthKey(report.period) },
  );
}

export const approveReport = defineServiceAction({
  name: "report.approve",
  permission: "report:review",
  input: approveReportSchema,
  async load(tx, actor, input) {
    const { report, task } = await findReport(tx, actor, input.id);
    return reportTarget(report, task);
  },
  async run({ tx, actor, input, target: { report, task } }) {
    await decide(tx, actor, report, input.version, { status: "APPROVED", reviewComment: input.comment });
    await workflow(tx, actor, report.id, "APPROVE", input.comment);
    const cached = await refreshActualPercent(tx, task, report);
    // 形式主义预警: an approved percent that has not moved for months
    await refreshTaskSignals(tx, task.committeeId, task.id);
    await notify(tx, task.committeeId, await reporterIdsOf(tx, task.committeeId, report.unitId), {
      kind: "REPORT_APPROVED",
      title: "notifications.titles.reportApproved",
      params: { task: task.title, month: monthLabel(report.period) },
      body: input.comment,
      link: `/reports?period=${monthKey(report.period)}`,
    });
    return {
      result: { id: report.id, version: report.version + 1 },
      audit: {
        targetType: REPORT,
        targetId: report.id,
        changes: { status: ["SUBMITTED", "APPROVED"], ...cached },
        detail: `task ${task.code}, ${monthKey(report.period)}${input.comment ? `: ${input.comment}` : ""}`,
      },
    };
  },
});

export const returnReport = defineServiceAction({
  name: "report.return",
  permission: "report:review",
  input: returnReportSchema,
  async load(tx, actor, input) {
    const { report, task } = await findReport(tx, actor, input.id);
    return reportTarget(report, task);
  },
  async run({ tx, actor, input, target: { report, task } }) {
    await decide(tx, actor, report, input.version, { status: "RETURNED", reviewComment: input.comment });
    await workflow(tx, actor, report.id, "RETURN", input.comment);
    await notify(tx, task.committeeId, await reporterIdsOf(tx, task.committeeId, report.unitId), {
      kind: "REPORT_RETURNED",
      title: "notifications.titles.reportReturned",
      params: { task: task.title, month: monthLabel(report.period) },
      body: input.comment,
      link: `/reports?period=${monthKey(report.period)}`,
    });
    return {
      result: { id: report.id, version: report.version + 1 },
      audit: {
        targetType: REPORT,
        targetId: report.id,
        changes: { status: ["SUBMITTED", "RETURNED"] },
        detail: `task ${task.code}, ${monthKey(report.period)}: ${input.comment}`,
      },
    };
  },
});
