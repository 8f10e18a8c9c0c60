import "server-only";
// Writes of the quarterly reports (季报, the "2"): drafted from the quarter's approved monthly reports,
// edited and submitted by the group's liaison or the key task's lead unit (or the office), then
// approved or returned by the office. Each step is one audited action, a WorkflowEvent for the
// thread, and an optimistic-lock check on the version the user saw.
import type { Actor } from "@/lib/auth/actor";
import { visibleCommitteeIds } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/db/prisma";
import { notify, reporterIdsOf } from "@/lib/notifications/service";
import { defineServiceAction, diff, type Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { created, isUniqueViolation } from "@/lib/users/service";
import {
  compileDraft,
  findQuarterly,
  keyTaskWhere,
  quarterlyTarget,
  quarterName,
  officeT,
  targetOf,
  type DraftSubject,
  type QuarterlyRow,
} from "./quarterly-queries";
import {
  approveQuarterlySchema,
  draftQuarterlySchema,
  parseSubjectKey,
  regenerateQuarterlySchema,
  returnQuarterlySchema,
  saveQuarterlySchema,
  submitQuarterlySchema,
} from "./quarterly-schemas";
import { monthOf, quarterKey, quarterOf, type Quarter } from "./rules";

const ENTITY = "QuarterlyReport";

type Step = "CREATE" | "SUBMIT" | "RESUBMIT" | "APPROVE" | "RETURN";

async function workflow(tx: Tx, actor: Actor, reportId: string, action: Step, comment?: string | null) {
  await tx.workflowEvent.create({ data: { entityType: ENTITY, entityId: reportId, action, comment: comment ?? null, actorId: actor.userId } });
}

/** The report within the actor's reach, and the matrix's view of it. */
async function loadReport(tx: Tx, actor: Actor, id: string) {
  const report = await findQuarterly(tx, actor, id);
  return { ...targetOf(report), report };
}

/** The report as it now is: what a stale editor is shown (SECURITY.md 19). */
async function conflictWith(tx: Tx, actor: Actor, id: string): Promise<ConflictError> {
  const current = await findQuarterly(tx, actor, id);
  return new ConflictError({
    report: {
      id: current.id,
      version: current.version,
      status: current.status,
      title: current.title,
      body: current.body,
      problems: current.problems,
      nextSteps: current.nextSteps,
    },
  });
}

/** Updates the report from the version the user saw, in one of the allowed states; otherwise a conflict. */
async function update(
  tx: Tx,
  actor: Actor,
  report: QuarterlyRow,
  version: number,
  states: QuarterlyRow["status"][],
  data: Prisma.QuarterlyReportUpdateManyMutationInput,
) {
  const updated = await tx.quarterlyReport.updateMany({
    where: { id: report.id, version, status: { in: states }, deletedAt: null },
    data: { ...data, version: { increment: 1 } },
  });
  if (updated.count === 0) throw await conflictWith(tx, actor, report.id);
  return version + 1;
}

function requireState(report: QuarterlyRow, states: QuarterlyRow["status"][], key: string, version: number) {
  // A stale version is a conflict first: the user acted on something that has changed.
  if (report.version !== version) return;
  if (!states.includes(report.status)) throw new ValidationError({ _form: [key] });
}

const subjectName = (report: QuarterlyRow) => report.group?.name ?? report.task?.title ?? report.title;
const quarterOfReport = (report: QuarterlyRow): Quarter => ({ year: report.year, quarter: report.quarter });
const textFields = (report: { title: string; body: string; problems: string | null; nextSteps: string | null }) => ({
  title: report.title,
  body: report.body,
  problems: report.problems,
  nextSteps: report.nextSteps,
});

// ───────────── Draft ─────────────

/** The subject of a new report, within the actor's reach: a special group, or a leader-linked key task. */
async function loadSubject(tx: Tx, actor: Actor, subjectKey: string) {
  const subject = parseSubjectKey(subjectKey);
  if (!subject) throw new NotFoundError();
  const committees = visibleCommitteeIds(actor, "report:read");
  if (subject.kind === "GROUP") {
    const group = await tx.specialGroup.findFirst({
      where: { id: subject.id, committeeId: { in: committees }, deletedAt: null },
      select: { id: true, name: true, committeeId: true, liaisonUnitId: true },
    });
    if (!group) throw new NotFoundError();
    return { ...quarterlyTarget(group.committeeId, { kind: "GROUP", groupId: group.id }), kind: "GROUP" as const, group, task: null };
  }
  const task = await tx.reformTask.findFirst({
    where: { id: subject.id, committeeId: { in: committees }, deletedAt: null },
    select: { id: true, title: true, code: true, committeeId: true, leadUnitId: true },
  });
  if (!task) throw new NotFoundError();
  return {
    ...quarterlyTarget(task.committeeId, { kind: "KEY_TASK", leadUnitId: task.leadUnitId }),
    kind: "KEY_TASK" as const,
    group: null,
    task,
  };
}

export const draftQuarterly = defineServiceAction({
  name: "quarterly.draft",
  permission: "quarterly:write",
  input: draftQuarterlySchema,
  load: (tx, actor, input) => loadSubject(tx, actor, input.subjectKey),
  async run({ tx, actor, input, target }) {
    const quarter = { year: input.year, quarter: input.quarter };
    const { committeeId } = target;
    const running = quarterOf(monthOf(now()));
    if (quarter.year * 4 + quarter.quarter > running.year * 4 + running.quarter)
      throw new ValidationError({ quarter: ["quarterly.validation.futureQuarter"] });
    if (target.kind === "KEY_TASK") {
      const expected = await tx.reformTask.count({ where: { ...keyTaskWhere(committeeId, quarter), id: target.task.id } });
      if (expected === 0) throw new ValidationError({ subjectKey: ["quarterly.validation.notExpected"] });
    }

    // Drafting twice (two tabs, a double click) opens the one report.
    const existing = await tx.quarterlyReport.findFirst({
      where: { committeeId, year: quarter.year, quarter: quarter.quarter, subjectKey: input.subjectKey, deletedAt: null },
      select: { id: true, version: true },
    });
    if (existing) {
      return {
        result: { id: existing.id, version: existing.version, created: false },
        audit: { targetType: ENTITY, targetId: existing.id, detail: `${quarterKey(quarter)} ${input.subjectKey}: already drafted` },
      };
    }

    const subject: DraftSubject =
      target.kind === "GROUP"
        ? { kind: "GROUP", committeeId, group: target.group }
        : { kind: "KEY_TASK", committeeId, task: target.task };
    const draft = await compileDraft(tx, subject, quarter);
    const report = await tx.quarterlyReport
      .create({
        data: {
          committeeId,
          year: quarter.year,
          quarter: quarter.quarter,
          kind: target.kind,
          subjectKey: input.subjectKey,
          groupId: target.group?.id ?? null,
          taskId: target.task?.id ?? null,
          // the authoring unit: the group's liaison unit (or the drafter's own), the key task's lead unit
          unitId: target.kind === "GROUP" ? (target.group.liaisonUnitId ?? actor.unit?.id ?? null) : target.task.leadUnitId,
          ...draft,
        },
        select: { id: true, version: true },
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new ConflictError();
        throw error;
      });
    await workflow(tx, actor, report.id, "CREATE");
    return {
      result: { id: report.id, version: report.version, created: true },
      audit: {
        targetType: ENTITY,
        targetId: report.id,
        changes: created({ title: draft.title, status: "DRAFT" }),
        detail: `${quarterKey(quarter)} ${input.subjectKey}`,
      },
    };
  },
});

export const regenerateQuarterly = defineServiceAction({
  name: "quarterly.regenerate",
  permission: "quarterly:write",
  input: regenerateQuarterlySchema,
  load: (tx, actor, input) => loadReport(tx, actor, input.id),
  async run({ tx, actor, input, target: { report, committeeId } }) {
    requireState(report, ["DRAFT"], "quarterly.validation.notDraft", input.version);
    const subject: DraftSubject =
      report.kind === "GROUP"
        ? { kind: "GROUP", committeeId, group: { id: report.groupId!, name: subjectName(report) } }
        : { kind: "KEY_TASK", committeeId, task: { id: report.taskId!, title: subjectName(report) } };
    const { body, problems, nextSteps } = await compileDraft(tx, subject, quarterOfReport(report));
    const version = await update(tx, actor, report, input.version, ["DRAFT"], { body, problems, nextSteps });
    return {
      result: { id: report.id, version, body, problems, nextSteps },
      audit: { targetType: ENTITY, targetId: report.id, changes: diff(textFields(report), { body, problems, nextSteps }) },
    };
  },
});

// ───────────── Edit and submit ─────────────

export const saveQuarterly = defineServiceAction({
  name: "quarterly.save",
  permission: "quarterly:write",
  input: saveQuarterlySchema,
  load: (tx, actor, input) => loadReport(tx, actor, input.id),
  async run({ tx, actor, input, target: { report } }) {
    requireState(report, ["DRAFT", "RETURNED"], "quarterly.validation.notEditable", input.version);
    const fields = { title: input.title, body: input.body, problems: input.problems, nextSteps: input.nextSteps };
    const version = await update(tx, actor, report, input.version, ["DRAFT", "RETURNED"], fields);
    return { result: { id: report.id, version }, audit: { targetType: ENTITY, targetId: report.id, changes: diff(textFields(report), fields) } };
  },
});

export const submitQuarterly = defineServiceAction({
  name: "quarterly.submit",
  permission: "quarterly:write",
  input: submitQuarterlySchema,
  load: (tx, actor, input) => loadReport(tx, actor, input.id),
  async run({ tx, actor, input, target: { report } }) {
    requireState(report, ["DRAFT", "RETURNED"], "quarterly.validation.notEditable", input.version);
    const at = now();
    // Timeliness is judged by the first submission; a resubmission after a return keeps it.
    const first = report.firstSubmittedAt === null;
    const version = await update(tx, actor, report, input.version, ["DRAFT", "RETURNED"], {
      status: "SUBMITTED",
      submittedAt: at,
      submittedById: actor.userId,
      ...(first ? { firstSubmittedAt: at } : {}),
    });
    await workflow(tx, actor, report.id, first ? "SUBMIT" : "RESUBMIT");
    return {
      result: { id: report.id, version },
      audit: { targetType: ENTITY, targetId: report.id, changes: diff({ status: report.status }, { status: "SUBMITTED" }) },
    };
  },
});

// ───────────── Review ─────────────

export const approveQuarterly = defineServiceAction({
  name: "quarterly.approve",
  permission: "report:review",
  input: approveQuarterlySchema,
  load: (tx, actor, input) => loadReport(tx, actor, input.id),
  async run({ tx, actor, input, target: { report } }) {
    requireState(report, ["SUBMITTED"], "quarterly.validation.notSubmitted", input.version);
    const version = await update(tx, actor, report, input.version, ["SUBMITTED"], {
      status: "APPROVED",
      reviewedAt: now(),
      reviewedById: actor.userId,
      reviewComment: input.comment,
    });
    await workflow(tx, actor, report.id, "APPROVE", input.comment);
    return {
      result: { id: report.id, version },
      audit: { targetType: ENTITY, targetId: report.id, changes: diff({ status: report.status }, { status: "APPROVED" }), detail: input.comment ?? undefined },
    };
  },
});

/** Who hears of a return: the group's liaisons (GROUP_LIAISON of that group), or the key task's lead unit's reporters. */
async function authorsOf(tx: Tx, report: QuarterlyRow): Promise<string[]> {
  if (report.kind === "KEY_TASK") return report.task ? reporterIdsOf(tx, report.committeeId, report.task.leadUnitId) : [];
  const grants = await tx.roleAssignment.findMany({
    where: { committeeId: report.committeeId, role: "GROUP_LIAISON", groupId: report.groupId, user: { disabledAt: null, deletedAt: null } },
    select: { userId: true },
  });
  return grants.map((grant) => grant.userId);
}

export const returnQuarterly = defineServiceAction({
  name: "quarterly.return",
  permission: "report:review",
  input: returnQuarterlySchema,
  load: (tx, actor, input) => loadReport(tx, actor, input.id),
  async run({ tx, actor, input, target: { report } }) {
    requireState(report, ["SUBMITTED"], "quarterly.validation.notSubmitted", input.version);
    const version = await update(tx, actor, report, input.version, ["SUBMITTED"], {
      status: "RETURNED",
      reviewedAt: now(),
      reviewedById: actor.userId,
      reviewComment: input.comment,
    });
    await workflow(tx, actor, report.id, "RETURN", input.comment);
    const quarter = quarterOfReport(report);
    // "{subject}{quarter}季度报告被退回": the quarter as "2026年第三"
    const named = quarterName(officeT, quarter).replace(/季度$/, "");
    const notified = await notify(tx, report.committeeId, await authorsOf(tx, report), {
      kind: "REPORT_RETURNED",
      title: "notifications.titles.quarterlyReturned",
      params: { subject: subjectName(report), quarter: named },
      body: input.comment,
      link: `/reports/quarterly/${report.id}`,
    });
    return {
      result: { id: report.id, version, notified },
      audit: {
        targetType: ENTITY,
        targetId: report.id,
        changes: diff({ status: report.status }, { status: "RETURNED" }),
        detail: input.comment,
      },
    };
  },
});
