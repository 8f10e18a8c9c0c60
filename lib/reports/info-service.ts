import "server-only";
// Writes of the unit monthly reform information report (改革信息月报): the unit's reporter saves
// and submits its own unit's report of a month, the office approves or returns it. Each step is
// one WorkflowEvent, so the page can show the thread; a return notifies the unit's reporters.
import { createTranslator, messagesFor, type MessageKey } from "@/lib/i18n/translate";
import type { Actor } from "@/lib/auth/actor";
import { visibleCommitteeIds } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/db/prisma";
import { notify, reporterIdsOf } from "@/lib/notifications/service";
import { defineServiceAction, diff, type Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { created, isUniqueViolation } from "@/lib/users/service";
import {
  approveInfoReportSchema,
  INFO_ENTITY,
  INFO_ITEM_ENTITY,
  infoItemProblems,
  reportingUnitId,
  returnInfoReportSchema,
  saveInfoReportSchema,
  submitInfoReportSchema,
  type InfoItemInput,
} from "./info-schemas";
import { planItemChanges } from "./info-rules";
import { monthKey, monthOf } from "./rules";

const EDITABLE = ["DRAFT", "RETURNED"] as const;

const isoDay = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : null);

/** "2026年10月", the month as the notification's title shows it */
const monthLabel = (period: Date) => `${period.getUTCFullYear()}年${period.getUTCMonth() + 1}月`;

const reportSelect = {
  id: true,
  committeeId: true,
  unitId: true,
  period: true,
  summary: true,
  status: true,
  version: true,
  firstSubmittedAt: true,
  unit: { select: { name: true } },
  items: {
    orderBy: { sortOrder: "asc" },
    select: { id: true, kind: true, title: true, level: true, pilotStage: true, outlet: true, eventDate: true, description: true, sortOrder: true },
  },
} satisfies Prisma.UnitMonthlyReportSelect;

type ReportRow = Prisma.UnitMonthlyReportGetPayload<{ select: typeof reportSelect }>;

/** A report the actor may read about, wherever their grants reach; the matrix then decides on its unit. */
async function findReport(tx: Tx, actor: Actor, id: string): Promise<ReportRow> {
  const report = await tx.unitMonthlyReport.findFirst({
    where: { id, committeeId: { in: visibleCommitteeIds(actor, "report:read") }, deletedAt: null },
    select: reportSelect,
  });
  if (!report) throw new NotFoundError();
  return report;
}

const reportTarget = (report: ReportRow) => ({ committeeId: report.committeeId, unitIds: [report.unitId] });

/** The audit trail's text of an item is written once, in the portal's default language. */
const AUDIT_TEXT = createTranslator(messagesFor("zh-CN"));

function itemLine(item: {
  kind: string;
  title: string;
  level: string | null;
  pilotStage: string | null;
  outlet: string | null;
  eventDate: Date | null;
}) {
  // in words, never codes: the audit trail shows this line as it is (试点获批/验收「…」（省级，获批）)
  const label = (key: string) => AUDIT_TEXT(key as MessageKey);
  const details = [
    item.level && label(`infoReports.levels.${item.level}`),
    item.pilotStage && label(`infoReports.stages.${item.pilotStage}`),
    item.outlet,
    isoDay(item.eventDate),
  ]
    .filter(Boolean)
    .join("，");
  return `${label(`infoReports.sections.${item.kind}`)}「${item.title}」${details ? `（${details}）` : ""}`;
}

/** The report as the audit trail reads it: the summary, and the items one per line. */
function readable(report: { summary: string | null; items: Parameters<typeof itemLine>[0][] }) {
  return { summary: report.summary, items: report.items.map(itemLine).join("\n") || null };
}

/** Only what the kind uses is kept: a stage belongs to a pilot alone. */
function itemRows(items: readonly InfoItemInput[]): ItemRow[] {
  return items.map((item, sortOrder) => ({
    kind: item.kind,
    title: item.title,
    level: item.level,
    pilotStage: item.kind === "PILOT" ? item.pilotStage : null,
    outlet: item.outlet,
    eventDate: item.eventDate,
    description: item.description,
    sortOrder,
  }));
}

type ItemRow = {
  kind: InfoItemInput["kind"];
  title: string;
  level: InfoItemInput["level"];
  pilotStage: InfoItemInput["pilotStage"];
  outlet: string | null;
  eventDate: Date | null;
  description: string | null;
  sortOrder: number;
};

const ITEM_FIELDS = ["kind", "title", "level", "pilotStage", "outlet", "eventDate", "description", "sortOrder"] as const;

function sameItem(stored: ReportRow["items"][number], row: ItemRow): boolean {
  return ITEM_FIELDS.every((field) => {
    const [a, b] = [stored[field], row[field]];
    return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : (a ?? null) === (b ?? null);
  });
}

/** How many submissions the report has had: files of those rounds are frozen. */
async function submissionsOf(tx: Tx, reportId: string): Promise<number> {
  return tx.workflowEvent.count({ where: { entityType: INFO_ENTITY, entityId: reportId, action: { in: ["SUBMIT", "RESUBMIT"] } } });
}

/**
 * The save of an existing report's items: kept items updated in place (only those that changed),
 * new ones created, missing ones deleted with their files of the round being prepared (soft delete).
 * An item carrying files that went with a submission cannot be removed. Returns the item ids in the
 * order sent and the names of the files removed with their items.
 */
async function applyItems(tx: Tx, actor: Actor, report: ReportRow, input: readonly InfoItemInput[], rows: ItemRow[]) {
  const submitted = await submissionsOf(tx, report.id);
  const frozen = report.items.length
    ? await tx.attachment.groupBy({
        by: ["entityId"],
        where: { entityType: INFO_ITEM_ENTITY, entityId: { in: report.items.map((item) => item.id) }, deletedAt: null, round: { lte: submitted } },
        _count: { _all: true },
      })
    : [];
  const frozenBy = new Map(frozen.map((row) => [row.entityId, row._count._all]));
  const plan = planItemChanges(
    report.items.map((item) => ({ id: item.id, kind: item.kind, submittedFiles: frozenBy.get(item.id) ?? 0 })),
    input,
  );
  if (Object.keys(plan.problems).length) throw new ValidationError(plan.problems);

  let removedFiles: { id: string; fileName: string }[] = [];
  if (plan.removed.length) {
    removedFiles = await tx.attachment.findMany({
      where: { entityType: INFO_ITEM_ENTITY, entityId: { in: plan.removed }, deletedAt: null },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, fileName: true },
    });
    if (removedFiles.length)
      await tx.attachment.updateMany({
        where: { id: { in: removedFiles.map((file) => file.id) } },
        data: { deletedAt: now(), deletedById: actor.userId },
      });
    await tx.unitMonthlyReportItem.deleteMany({ where: { reportId: report.id, id: { in: plan.removed } } });
  }
  const stored = new Map(report.items.map((item) => [item.id, item]));
  for (const [index, id] of plan.kept.entries()) {
    const row = rows[index]!;
    if (id && !sameItem(stored.get(id)!, row)) await tx.unitMonthlyReportItem.update({ where: { id }, data: row });
  }
  const fresh = rows.filter((_, index) => plan.kept[index] === null);
  const created = fresh.length
    ? await tx.unitMonthlyReportItem.createManyAndReturn({
        data: fresh.map((row) => ({ ...row, reportId: report.id })),
        select: { id: true, sortOrder: true },
      })
    : [];
  const bySortOrder = new Map(created.map((item) => [item.sortOrder, item.id]));
  const itemIds = rows.map((row, index) => plan.kept[index] ?? bySortOrder.get(row.sortOrder)!);
  return { itemIds, removedFiles };
}

async function workflow(tx: Tx, actor: Actor, reportId: string, action: "CREATE" | "SUBMIT" | "RESUBMIT" | "APPROVE" | "RETURN", comment?: string | null) {
  await tx.workflowEvent.create({
    data: { entityType: INFO_ENTITY, entityId: reportId, action, comment: comment ?? null, actorId: actor.userId },
  });
}

/** The report as it now is: what a stale editor or reviewer is shown (SECURITY.md 19). */
async function conflictWith(tx: Tx, reportId: string): Promise<ConflictError> {
  const current = await tx.unitMonthlyReport.findUnique({ where: { id: reportId }, select: { id: true, status: true, version: true } });
  return new ConflictError(current ?? undefined);
}

// ───────────── the unit: save and submit ─────────────

export const saveInfoReport = defineServiceAction({
  name: "infoReport.save",
  permission: "report:write",
  input: saveInfoReportSchema,
  async load(tx, actor, input) {
    const committeeId = actor.committee.id;
    const unitId = reportingUnitId(actor);
    // Not a reporter: the matrix refuses (403 for those who may read reports, 404 for the rest).
    if (!unitId) return { committeeId, unitIds: [] as string[], unitId: null, existing: null };
    const unit = await tx.unit.findFirst({ where: { id: unitId, committeeId, deletedAt: null }, select: { id: true } });
    if (!unit) throw new NotFoundError();
    const existing = await tx.unitMonthlyReport.findFirst({
      where: { unitId, period: input.period, deletedAt: null },
      select: reportSelect,
    });
    return { committeeId, unitIds: [unitId], unitId, existing };
  },
  async run({ tx, actor, input, target: { committeeId, unitId, existing } }) {
    if (!unitId) throw new NotFoundError();
    if (input.period.getTime() > monthOf(now()).getTime()) throw new ValidationError({ period: ["infoReports.validation.futurePeriod"] });
    const problems = infoItemProblems(input.period, input.items);
    if (Object.keys(problems).length) throw new ValidationError(problems);
    const items = itemRows(input.items);
    const after = readable({ summary: input.summary, items });

    if (!existing) {
      // Two tabs creating the same month: the second sees the first's report instead of a duplicate.
      // nothing is stored yet: an id sent along cannot be one of this report's items
      const unknown = planItemChanges([], input.items).problems;
      if (Object.keys(unknown).length) throw new ValidationError(unknown);
      const { items: createdItems, ...report } = await tx.unitMonthlyReport
        .create({
          data: { committeeId, unitId, period: input.period, summary: input.summary, items: { create: items } },
          select: { id: true, version: true, status: true, items: { orderBy: { sortOrder: "asc" }, select: { id: true } } },
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw new ConflictError();
          throw error;
        });
      await workflow(tx, actor, report.id, "CREATE");
      return {
        result: { ...report, itemIds: createdItems.map((item) => item.id) },
        audit: { targetType: INFO_ENTITY, targetId: report.id, changes: created(after), detail: monthKey(input.period) },
      };
    }

    if (input.version === undefined || input.version !== existing.version) throw await conflictWith(tx, existing.id);
    if (!(EDITABLE as readonly string[]).includes(existing.status)) throw new ValidationError({ _form: ["infoReports.validation.notEditable"] });
    const updated = await tx.unitMonthlyReport.updateMany({
      where: { id: existing.id, version: input.version, status: { in: [...EDITABLE] } },
      data: { summary: input.summary, version: { increment: 1 } },
    });
    if (updated.count === 0) throw await conflictWith(tx, existing.id);
    const { itemIds, removedFiles } = await applyItems(tx, actor, existing, input.items, items);
    const removed = removedFiles.map((file) => file.fileName).join(", ");
    return {
      result: { id: existing.id, version: existing.version + 1, status: existing.status, itemIds },
      audit: {
        targetType: INFO_ENTITY,
        targetId: existing.id,
        changes: diff(readable(existing), after),
        detail: removed ? `${monthKey(input.period)}; files removed with their items: ${removed}` : monthKey(input.period),
      },
    };
  },
});

export const submitInfoReport = defineServiceAction({
  name: "infoReport.submit",
  permission: "report:write",
  input: submitInfoReportSchema,
  async load(tx, actor, input) {
    const report = await findReport(tx, actor, input.id);
    return { ...reportTarget(report), report };
  },
  async run({ tx, actor, input, target: { report } }) {
    if (report.version !== input.version) throw await conflictWith(tx, report.id);
    if (!(EDITABLE as readonly string[]).includes(report.status)) throw new ValidationError({ _form: ["infoReports.validation.notSubmittable"] });
    // A month with nothing new is reported too, but says so in its summary.
    if (!report.summary && report.items.length === 0) throw new ValidationError({ summary: ["infoReports.validation.emptyReport"] });
    const at = now();
    const resubmission = report.firstSubmittedAt !== null;
    const updated = await tx.unitMonthlyReport.updateMany({
      where: { id: report.id, version: input.version, status: { in: [...EDITABLE] } },
      data: {
        status: "SUBMITTED",
        submittedAt: at,
        submittedById: actor.userId,
        // timeliness is judged by the first submission, never by a resubmission
        ...(resubmission ? {} : { firstSubmittedAt: at }),
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) throw await conflictWith(tx, report.id);
    await workflow(tx, actor, report.id, resubmission ? "RESUBMIT" : "SUBMIT");
    return {
      result: { id: report.id, version: report.version + 1, status: "SUBMITTED" as const },
      audit: {
        targetType: INFO_ENTITY,
        targetId: report.id,
        changes: diff({ status: report.status }, { status: "SUBMITTED" }),
        detail: `${report.unit.name} ${monthKey(report.period)}${resubmission ? " (resubmitted)" : ""}`,
      },
    };
  },
});

// ───────────── the office: approve or return ─────────────

/** Decides a submitted report from the version the office saw; one changed meanwhile is a conflict. */
async function decide(tx: Tx, actor: Actor, report: ReportRow, version: number, status: "APPROVED" | "RETURNED", comment: string | null) {
  // a stale version first: the reviewer should see what changed, not only that it can no longer be decided
  if (report.version !== version) throw await conflictWith(tx, report.id);
  if (report.status !== "SUBMITTED") throw new ValidationError({ _form: ["infoReports.validation.notReviewable"] });
  const updated = await tx.unitMonthlyReport.updateMany({
    where: { id: report.id, version, status: "SUBMITTED" },
    data: { status, reviewedAt: now(), reviewedById: actor.userId, reviewComment: comment, version: { increment: 1 } },
  });
  if (updated.count === 0) throw await conflictWith(tx, report.id);
}

export const approveInfoReport = defineServiceAction({
  name: "infoReport.approve",
  permission: "report:review",
  input: approveInfoReportSchema,
  async load(tx, actor, input) {
    const report = await findReport(tx, actor, input.id);
    return { ...reportTarget(report), report };
  },
  async run({ tx, actor, input, target: { report } }) {
    await decide(tx, actor, report, input.version, "APPROVED", input.comment);
    await workflow(tx, actor, report.id, "APPROVE", input.comment);
    return {
      result: { id: report.id, version: report.version + 1, status: "APPROVED" as const },
      audit: {
        targetType: INFO_ENTITY,
        targetId: report.id,
        changes: diff({ status: report.status }, { status: "APPROVED" }),
        detail: `${report.unit.name} ${monthKey(report.period)}`,
      },
    };
  },
});

export const returnInfoReport = defineServiceAction({
  name: "infoReport.return",
  permission: "report:review",
  input: returnInfoReportSchema,
  async load(tx, actor, input) {
    const report = await findReport(tx, actor, input.id);
    return { ...reportTarget(report), report };
  },
  async run({ tx, actor, input, target: { report } }) {
    await decide(tx, actor, report, input.version, "RETURNED", input.comment);
    await workflow(tx, actor, report.id, "RETURN", input.comment);
    const reporters = await reporterIdsOf(tx, report.committeeId, report.unitId);
    await notify(tx, report.committeeId, reporters, {
      kind: "REPORT_RETURNED",
      title: "notifications.titles.infoReturned",
      params: { month: monthLabel(report.period) },
      body: input.comment,
      link: `/reports/info?period=${monthKey(report.period)}`,
    });
    return {
      result: { id: report.id, version: report.version + 1, status: "RETURNED" as const },
      audit: {
        targetType: INFO_ENTITY,
        targetId: report.id,
        changes: diff({ status: report.status }, { status: "RETURNED" }),
        detail: `${report.unit.name} ${monthKey(report.period)}: ${input.comment}`,
      },
    };
  },
});
