import "server-only";
// Reads of the quarterly reports (季报, the "2"): which reports a quarter expects (one per special
// group, one per leader-linked key task), where each stands, one report with its thread, and the
// quarter's compilation (汇编) for the Word export. The helpers that decide the subjects and compile a
// draft from the monthly reports are shared with quarterly-service.ts, on its transaction.
import type { Actor } from "@/lib/auth/actor";
import { can, MATRIX, visibleCommitteeIds, type Target } from "@/lib/auth/permissions";
import { contentDisposition } from "@/lib/attachments/rules";
import { QUARTERLY_REPORT } from "@/lib/attachments/scopes";
import { evidenceOf } from "@/lib/attachments/service";
import { db } from "@/lib/db/client";
import { Prisma, type DbClient } from "@/lib/db/prisma";
import { createTranslator, messagesFor, type Translate } from "@/lib/i18n/translate";
import { lightsSql } from "@/lib/ledger/light-sql";
import { isoDay } from "@/lib/ledger/schemas";
import { auditBase, authorizeRead, readAudited } from "@/lib/server/action";
import { recordAudit } from "@/lib/server/audit";
import { now } from "@/lib/server/clock";
import { env } from "@/lib/server/env";
import { NotFoundError, RateLimitedError } from "@/lib/server/errors";
import { consume } from "@/lib/server/rate-limit";
import { dayOf, type Light } from "@/lib/tasks/rules";
import { buildQuarterlyDocx } from "./quarterly-docx";
import {
  groupSubjectKey,
  taskSubjectKey,
  type CompiledReport,
  type QuarterlyCompilation,
  type QuarterlyDetail,
  type QuarterlyKind,
  type QuarterlyStatus,
  type QuarterOverview,
  type QuarterSubjectRow,
} from "./quarterly-schemas";
import {
  classifyReport,
  compileQuarterlyDraft,
  currentReportingQuarter,
  monthEnd,
  quarterKey,
  quarterlyDueOn,
  quarterMonths,
  quarterOf,
  quarterlyTarget,
  monthOf,
  type MonthlyFact,
  type Quarter,
  type QuarterlyDraft,
} from "./rules";

export { quarterlyTarget };

const DEFAULT_DUE_DAY = 10;

/** Stored report text is the office's Chinese, whoever writes it (titles, drafts, the 汇编). */
export const officeT: Translate = createTranslator(messagesFor("zh-CN"));

// ───────────── Quarters ─────────────

/** The quarter's first and last days, and the Beijing instants where it begins and ends. */
export function quarterBounds(quarter: Quarter) {
  const months = quarterMonths(quarter);
  const first = months[0];
  const last = monthEnd(months[2]);
  const beijingMidnight = (day: Date) => new Date(day.getTime() - 8 * 3600_000);
  return { months, first, last, startsAt: beijingMidnight(first), endsAt: beijingMidnight(new Date(last.getTime() + 86_400_000)) };
}

export function quarterName(t: Translate, { year, quarter }: Quarter): string {
  return t("quarterly.quarterLabel", { year, quarter: t(`quarterly.quarterNames.q${quarter as 1 | 2 | 3 | 4}`) });
}

export async function quarterlyDueDay(client: DbClient, committeeId: string): Promise<number> {
  const settings = await client.committeeSettings.findUnique({ where: { committeeId }, select: { quarterlyReportDueDay: true } });
  return settings?.quarterlyReportDueDay ?? DEFAULT_DUE_DAY;
}

/** The quarter whose reports are being written now (本季待报), by the committee's deadline. */
export async function defaultQuarter(actor: Actor): Promise<Quarter> {
  return currentReportingQuarter(now(), await quarterlyDueDay(db, actor.committee.id));
}

/** Quarters offered by the picker: the last eight, up to the one running now. */
export function recentQuarters(count = 8): Quarter[] {
  let quarter = quarterOf(monthOf(now()));
  const list: Quarter[] = [];
  for (let i = 0; i < count; i++) {
    list.push(quarter);
    quarter = quarter.quarter === 1 ? { year: quarter.year - 1, quarter: 4 } : { year: quarter.year, quarter: quarter.quarter - 1 };
  }
  return list;
}

// ───────────── Subjects ─────────────

/**
 * The leader-linked key tasks that owe a report for the quarter: key (`isKey`) with a linked leader,
 * of the quarter's plan year, started by its end, neither cancelled nor closed out before it began.
 */
export function keyTaskWhere(committeeId: string, quarter: Quarter): Prisma.ReformTaskWhereInput {
  const { last, startsAt } = quarterBounds(quarter);
  return {
    committeeId,
    year: quarter.year,
    isKey: true,
    leaderId: { not: null },
    deletedAt: null,
    status: { not: "CANCELLED" },
    startDate: { lte: last },
    OR: [{ closedAt: null }, { closedAt: { gte: startsAt } }],
  };
}

/** The actor's reach over quarterly reports: all of the committee, or some groups and units. */
function readReach(actor: Actor): { all: boolean; groups: string[]; units: string[] } {
  const reach = { all: false, groups: [] as string[], units: [] as string[] };
  for (const grant of actor.roles) {
    const scope = MATRIX[grant.role]["report:read"];
    if (scope === "tree" || scope === "committee") reach.all = true;
    else if (scope === "group" && grant.groupId) reach.groups.push(grant.groupId);
    else if (scope === "unit" && grant.unitId) reach.units.push(grant.unitId);
  }
  return reach;
}

interface SubjectLists {
  groups: { id: string; name: string; liaisonUnit: { name: string } | null }[];
  keyTasks: {
    id: string;
    code: string;
    title: string;
    leadUnitId: string;
    leadUnit: { name: string };
    leader: { name: string; leaderTitle: string | null } | null;
  }[];
}

/** The subjects of a quarter the actor may see: liaisons their groups, reporters their unit's key tasks. */
async function subjectsFor(actor: Actor, quarter: Quarter): Promise<SubjectLists> {
  const committeeId = actor.committee.id;
  const reach = readReach(actor);
  const [groups, keyTasks] = await Promise.all([
    reach.all || reach.groups.length
      ? db.specialGroup.findMany({
          where: { committeeId, deletedAt: null, ...(reach.all ? {} : { id: { in: reach.groups } }) },
          orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
          select: { id: true, name: true, liaisonUnit: { select: { name: true } } },
        })
      : Promise.resolve([]),
    reach.all || reach.units.length
      ? db.reformTask.findMany({
          where: { ...keyTaskWhere(committeeId, quarter), ...(reach.all ? {} : { leadUnitId: { in: reach.units } }) },
          orderBy: { code: "asc" },
          select: {
            id: true,
            code: true,
            title: true,
            leadUnitId: true,
            leadUnit: { select: { name: true } },
            leader: { select: { name: true, leaderTitle: true } },
          },
        })
      : Promise.resolve([]),
  ]);
  return { groups, keyTasks };
}

// ───────────── Drafting from the monthly reports ─────────────

/** The quarter's approved lead reports on the given tasks, as facts for `compileQuarterlyDraft`. */
export async function monthlyFacts(client: DbClient, committeeId: string, quarter: Quarter, tasks: Prisma.ReformTaskWhereInput) {
  const reports = await client.progressReport.findMany({
    where: {
      kind: "LEAD",
      status: "APPROVED",
      deletedAt: null,
      period: { in: quarterBounds(quarter).months },
      task: { ...tasks, committeeId, deletedAt: null },
    },
    orderBy: [{ period: "asc" }],
    select: {
      period: true,
      unitId: true,
      progress: true,
      percent: true,
      problems: true,
      nextSteps: true,
      task: { select: { code: true, title: true, leadUnitId: true, leadUnit: { select: { name: true } } } },
    },
  });
  return reports
    .filter((report) => report.unitId === report.task.leadUnitId)
    .map(
      (report): MonthlyFact => ({
        period: report.period,
        taskCode: report.task.code,
        taskTitle: report.task.title,
        leadUnitName: report.task.leadUnit.name,
        progress: report.progress,
        percent: report.percent,
        problems: report.problems,
        nextSteps: report.nextSteps,
      }),
    );
}

export type DraftSubject =
  | { kind: "GROUP"; committeeId: string; group: { id: string; name: string } }
  | { kind: "KEY_TASK"; committeeId: string; task: { id: string; title: string } };

/** The title and the first draft of a subject's report, from the quarter's approved monthly reports. */
export async function compileDraft(client: DbClient, subject: DraftSubject, quarter: Quarter): Promise<QuarterlyDraft & { title: string }> {
  const name = subject.kind === "GROUP" ? subject.group.name : subject.task.title;
  const tasks: Prisma.ReformTaskWhereInput =
    subject.kind === "GROUP" ? { groupId: subject.group.id, year: quarter.year } : { id: subject.task.id };
  const facts = await monthlyFacts(client, subject.committeeId, quarter, tasks);
  const named = officeT(`quarterly.quarterNames.q${quarter.quarter as 1 | 2 | 3 | 4}`);
  const heading = officeT("quarterly.draftHeading", { year: quarter.year, quarter: named, subject: name });
  return {
    title: officeT("quarterly.reportTitle", { subject: name, year: quarter.year, quarter: named }),
    ...compileQuarterlyDraft(heading, facts),
  };
}

// ───────────── The quarter's overview ─────────────

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** Every expected report of the quarter the actor may see, with its state, author, deadline and timeliness. */
export async function quarterOverview(actor: Actor, quarter: Quarter): Promise<QuarterOverview> {
  authorizeRead(actor, "report:read");
  const committeeId = actor.committee.id;
  const asOf = now();
  const dueOn = quarterlyDueOn(quarter, await quarterlyDueDay(db, committeeId));
  const { groups, keyTasks } = await subjectsFor(actor, quarter);
  const keys = [...groups.map((group) => groupSubjectKey(group.id)), ...keyTasks.map((task) => taskSubjectKey(task.id))];
  const [reports, liaisons] = await Promise.all([
    keys.length
      ? db.quarterlyReport.findMany({
          where: { committeeId, year: quarter.year, quarter: quarter.quarter, subjectKey: { in: keys }, deletedAt: null },
          select: { id: true, subjectKey: true, status: true, version: true, title: true, firstSubmittedAt: true },
        })
      : Promise.resolve([]),
    groups.length
      ? db.roleAssignment.findMany({
          where: {
            committeeId,
            role: "GROUP_LIAISON",
            groupId: { in: groups.map((group) => group.id) },
            user: { disabledAt: null, deletedAt: null },
          },
          orderBy: { createdAt: "asc" },
          select: { groupId: true, user: { select: { name: true } } },
        })
      : Promise.resolve([]),
  ]);
  const bySubject = new Map(reports.map((report) => [report.subjectKey, report]));
  const liaisonsOf = (groupId: string) => [
    ...new Set(liaisons.filter((grant) => grant.groupId === groupId).map((grant) => grant.user.name)),
  ];

  const row = (
    subjectKey: string,
    kind: QuarterlyKind,
    fields: Pick<QuarterSubjectRow, "name" | "code" | "authorUnit" | "authorPeople">,
    target: Target,
  ): QuarterSubjectRow => {
    const report = bySubject.get(subjectKey) ?? null;
    return {
      subjectKey,
      kind,
      ...fields,
      report: report
        ? {
            id: report.id,
            status: report.status,
            version: report.version,
            title: report.title,
            firstSubmittedAt: iso(report.firstSubmittedAt),
          }
        : null,
      dueOn: isoDay(dueOn),
      timeliness: classifyReport(report, dueOn, asOf),
      canWrite: can(actor, "quarterly:write", target),
    };
  };

  const rows = [
    ...groups.map((group) =>
      row(
        groupSubjectKey(group.id),
        "GROUP",
        { name: group.name, code: null, authorUnit: group.liaisonUnit?.name ?? null, authorPeople: liaisonsOf(group.id) },
        quarterlyTarget(committeeId, { kind: "GROUP", groupId: group.id }),
      ),
    ),
    ...keyTasks.map((task) =>
      row(
        taskSubjectKey(task.id),
        "KEY_TASK",
        { name: task.title, code: task.code, authorUnit: task.leadUnit.name, authorPeople: [] },
        quarterlyTarget(committeeId, { kind: "KEY_TASK", leadUnitId: task.leadUnitId }),
      ),
    ),
  ];
  const counts = { expected: rows.length, submitted: 0, approved: 0, ON_TIME: 0, LATE: 0, MISSING: 0, NOT_DUE: 0 };
  for (const entry of rows) {
    counts[entry.timeliness] += 1;
    if (entry.report && entry.report.status !== "DRAFT") counts.submitted += 1;
    if (entry.report?.status === "APPROVED") counts.approved += 1;
  }
  return { year: quarter.year, quarter: quarter.quarter, key: quarterKey(quarter), dueOn: isoDay(dueOn), rows, counts };
}

// ───────────── One report ─────────────

const reportSelect = {
  id: true,
  committeeId: true,
  year: true,
  quarter: true,
  kind: true,
  subjectKey: true,
  groupId: true,
  taskId: true,
  title: true,
  body: true,
  problems: true,
  nextSteps: true,
  status: true,
  version: true,
  submittedAt: true,
  firstSubmittedAt: true,
  reviewedAt: true,
  reviewComment: true,
  group: { select: { name: true, liaisonUnit: { select: { name: true } } } },
  task: { select: { code: true, title: true, leadUnitId: true, leadUnit: { select: { name: true } } } },
} satisfies Prisma.QuarterlyReportSelect;

export type QuarterlyRow = Prisma.QuarterlyReportGetPayload<{ select: typeof reportSelect }>;

/** A report of a committee the actor may read, by id and scope (elsewhere: 404). The matrix then decides. */
export async function findQuarterly(client: DbClient, actor: Actor, id: string): Promise<QuarterlyRow> {
  const report = await client.quarterlyReport.findFirst({
    where: { id, committeeId: { in: visibleCommitteeIds(actor, "report:read") }, deletedAt: null },
    select: reportSelect,
  });
  if (!report) throw new NotFoundError();
  return report;
}

export function targetOf(report: QuarterlyRow): Target {
  return quarterlyTarget(report.committeeId, { kind: report.kind, groupId: report.groupId, leadUnitId: report.task?.leadUnitId });
}

/** One report with its thread; NotFound outside the actor's reach (a liaison: its groups; a reporter: its unit's key tasks). */
export function getQuarterly(actor: Actor, id: string): Promise<QuarterlyDetail> {
  return readAudited(actor, { event: "quarterly.read", targetType: "QuarterlyReport", id: String(id) }, () => readQuarterly(actor, id));
}

async function readQuarterly(actor: Actor, id: string): Promise<QuarterlyDetail> {
  authorizeRead(actor, "report:read");
  if (typeof id !== "string" || id.length > 64) throw new NotFoundError();
  const report = await findQuarterly(db, actor, id);
  const target = targetOf(report);
  if (!can(actor, "report:read", target)) throw new NotFoundError();
  const quarter = { year: report.year, quarter: report.quarter };
  const [dueDay, events, evidence] = await Promise.all([
    quarterlyDueDay(db, report.committeeId),
    db.workflowEvent.findMany({
      where: { entityType: QUARTERLY_REPORT, entityId: report.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, action: true, comment: true, actorId: true, createdAt: true },
    }),
    evidenceOf(QUARTERLY_REPORT, [report.id]),
  ]);
  // the round being prepared is its writers' work in progress (lib/attachments/scopes.ts roundReadable)
  const submissions = events.filter((event) => event.action === "SUBMIT" || event.action === "RESUBMIT").length;
  const writer = can(actor, "quarterly:write", target);
  const files = (evidence.get(report.id) ?? []).filter((file) => (file.round ?? 1) <= submissions || writer);
  const actorIds = [...new Set(events.map((event) => event.actorId).filter((value): value is string => Boolean(value)))];
  const people = actorIds.length ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [];
  const nameOf = new Map(people.map((person) => [person.id, person.name]));
  const dueOn = quarterlyDueOn(quarter, dueDay);
  const status = report.status as QuarterlyStatus;
  return {
    id: report.id,
    kind: report.kind,
    subjectKey: report.subjectKey,
    subjectName: report.group?.name ?? report.task?.title ?? report.title,
    code: report.task?.code ?? null,
    authorUnit: report.kind === "GROUP" ? (report.group?.liaisonUnit?.name ?? null) : (report.task?.leadUnit.name ?? null),
    year: report.year,
    quarter: report.quarter,
    quarterKey: quarterKey(quarter),
    title: report.title,
    body: report.body,
    problems: report.problems,
    nextSteps: report.nextSteps,
    status,
    version: report.version,
    submittedAt: iso(report.submittedAt),
    firstSubmittedAt: iso(report.firstSubmittedAt),
    reviewedAt: iso(report.reviewedAt),
    reviewComment: report.reviewComment,
    dueOn: isoDay(dueOn),
    timeliness: classifyReport(report, dueOn, now()),
    canEdit: (status === "DRAFT" || status === "RETURNED") && writer,
    canReview: status === "SUBMITTED" && can(actor, "report:review", target),
    thread: events.map((event) => ({
      id: event.id,
      action: event.action,
      comment: event.comment,
      actorName: event.actorId ? (nameOf.get(event.actorId) ?? null) : null,
      at: event.createdAt.toISOString(),
    })),
    files,
    pendingRound: submissions + 1,
    maxMb: env().ATTACHMENT_MAX_MB,
  };
}

// ───────────── The compilation (汇编) and its Word export ─────────────

const compiled = (report: { title: string; body: string; problems: string | null; nextSteps: string | null } | undefined) =>
  report ? ({ title: report.title, body: report.body, problems: report.problems, nextSteps: report.nextSteps } satisfies CompiledReport) : null;

/**
 * The quarter's reports as the office compiles them: each visible special group with its submitted or
 * approved report (or none: 未报送) and its tasks' lights as of the quarter's last day (today while
 * the quarter runs), computed by the ledger's SQL; then each key task with its report.
 */
export async function quarterlyCompilation(actor: Actor, quarter: Quarter): Promise<QuarterlyCompilation> {
  authorizeRead(actor, "report:read");
  const committeeId = actor.committee.id;
  const today = dayOf(now());
  const { last } = quarterBounds(quarter);
  const asOf = last.getTime() < today.getTime() ? last : today;
  const { groups, keyTasks } = await subjectsFor(actor, quarter);
  const groupIds = groups.map((group) => group.id);
  const keys = [...groupIds.map(groupSubjectKey), ...keyTasks.map((task) => taskSubjectKey(task.id))];

  const [reports, tasks, lights] = await Promise.all([
    keys.length
      ? db.quarterlyReport.findMany({
          where: {
            committeeId,
            year: quarter.year,
            quarter: quarter.quarter,
            subjectKey: { in: keys },
            status: { in: ["SUBMITTED", "APPROVED"] },
            deletedAt: null,
          },
          select: { subjectKey: true, title: true, body: true, problems: true, nextSteps: true },
        })
      : Promise.resolve([]),
    groupIds.length
      ? db.reformTask.findMany({
          where: { committeeId, year: quarter.year, groupId: { in: groupIds }, deletedAt: null, status: { not: "CANCELLED" } },
          orderBy: { code: "asc" },
          select: { id: true, code: true, title: true, groupId: true, leadUnit: { select: { name: true } } },
        })
      : Promise.resolve([]),
    groupIds.length
      ? db.$queryRaw<{ id: string; actual: number; light: Light }[]>(
          lightsSql({
            scope: Prisma.sql`t."committeeId" = ${committeeId} AND t."groupId" IN (${Prisma.join(groupIds)})`,
            year: quarter.year,
            asOf: isoDay(asOf),
          }),
        )
      : Promise.resolve([]),
  ]);
  const reportOf = new Map(reports.map((report) => [report.subjectKey, report]));
  const lightOf = new Map(lights.map((row) => [row.id, row]));
  const { regionName, officeName } = actor.committee;

  return {
    regionName,
    officeName,
    year: quarter.year,
    quarter: quarter.quarter,
    asOf,
    madeAt: now(),
    groups: groups.map((group) => ({
      name: group.name,
      report: compiled(reportOf.get(groupSubjectKey(group.id))),
      tasks: tasks
        .filter((task) => task.groupId === group.id)
        .map((task) => ({
          code: task.code,
          title: task.title,
          leadUnit: task.leadUnit.name,
          percent: Number(lightOf.get(task.id)?.actual ?? 0),
          light: lightOf.get(task.id)?.light ?? "NOT_STARTED",
        })),
    })),
    keyTasks: keyTasks.map((task) => ({
      code: task.code,
      title: task.title,
      leadUnit: task.leadUnit.name,
      leader: task.leader ? `${task.leader.name}${task.leader.leaderTitle ? `（${task.leader.leaderTitle}）` : ""}` : null,
      report: compiled(reportOf.get(taskSubjectKey(task.id))),
    })),
  };
}

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The download: rate-limited like the ledger export (SECURITY.md 15) and audited (17). */
export async function quarterlyExportResponse(actor: Actor, quarter: Quarter, at: Date): Promise<Response> {
  const limit = await consume(`export:${actor.userId}`, 30, 600, at);
  if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
  const compilation = await quarterlyCompilation(actor, quarter);
  const buffer = await buildQuarterlyDocx(compilation, officeT);
  await recordAudit(db, {
    ...auditBase(actor),
    event: "quarterly.export",
    targetType: "QuarterlyReport",
    detail: JSON.stringify({
      quarter: quarterKey(quarter),
      groups: compilation.groups.length,
      keyTasks: compilation.keyTasks.length,
      submitted: [...compilation.groups, ...compilation.keyTasks].filter((subject) => subject.report).length,
    }),
  });
  const fileName = officeT("quarterly.docx.fileName", {
    region: compilation.regionName,
    year: quarter.year,
    quarter: officeT(`quarterly.quarterNames.q${quarter.quarter as 1 | 2 | 3 | 4}`),
  });
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": DOCX,
      "Content-Disposition": contentDisposition(fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
