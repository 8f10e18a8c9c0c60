import "server-only";
// Reading 督办单: the list (scoped like the ledger: the office and leaders their committee tree,
// liaisons the notices on their groups' tasks, reporters those addressed to their unit), one notice
// with its answers and thread, the pre-filled draft of a new notice, and the Word download.
import type { Actor } from "@/lib/auth/actor";
import { can, MATRIX } from "@/lib/auth/permissions";
import { contentDisposition } from "@/lib/attachments/rules";
import { ANSWER, PENDING_ANSWER } from "@/lib/attachments/scopes";
import { evidenceOf } from "@/lib/attachments/service";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/prisma";
import { createTranslator, messagesFor, type Translate } from "@/lib/i18n/translate";
import { getTask } from "@/lib/ledger/queries";
import { auditBase, authorizeRead, readAudited } from "@/lib/server/action";
import { recordAudit } from "@/lib/server/audit";
import { now } from "@/lib/server/clock";
import { NotFoundError, RateLimitedError } from "@/lib/server/errors";
import { env } from "@/lib/server/env";
import { consume } from "@/lib/server/rate-limit";
import { dayOf } from "@/lib/tasks/rules";
import { buildNoticeDocx, chineseDate } from "./docx";
import { awaitsAnswer, defaultResponseDueDate, isAnswerOverdue, NOTICE_STATUSES, type NoticeStatusValue } from "./rules";
import type { NoticeFilters } from "./schemas";
import { NOTICE } from "./service";
import type { NoticeDetail, NoticeDraft, NoticeListRow } from "./types";

export type { NoticeDetail, NoticeDraft, NoticeListRow };

/** The office's catalogue: notices and their Word files are written in Chinese whatever the reader's language. */
const officeT: Translate = createTranslator(messagesFor("zh-CN"));
const isoDay = (day: Date) => day.toISOString().slice(0, 10);
export const NOTICE_PAGE_SIZE = 20;

/** The notices the actor may read, as a where-clause (null: none). */
export function noticeScope(actor: Actor): Prisma.SupervisionNoticeWhereInput | null {
  const committees: string[] = [];
  const groups: string[] = [];
  const units: string[] = [];
  for (const grant of actor.roles) {
    const scope = MATRIX[grant.role]["notice:read"];
    if (scope === "tree") committees.push(actor.committeeId, ...actor.childCommitteeIds);
    else if (scope === "committee") committees.push(actor.committeeId);
    else if (scope === "group" && grant.groupId) groups.push(grant.groupId);
    else if (scope === "unit" && grant.unitId) units.push(grant.unitId);
  }
  const any: Prisma.SupervisionNoticeWhereInput[] = [];
  if (committees.length) any.push({ committeeId: { in: [...new Set(committees)] } });
  if (groups.length) any.push({ committeeId: actor.committeeId, task: { groupId: { in: groups } } });
  if (units.length) any.push({ committeeId: actor.committeeId, unitId: { in: units } });
  return any.length ? { OR: any } : null;
}

const overdueWhere = (asOf: Date): Prisma.SupervisionNoticeWhereInput => ({
  status: { in: ["ISSUED", "RETURNED"] },
  responseDueDate: { lt: dayOf(asOf) },
});

export interface NoticeList {
  rows: NoticeListRow[];
  total: number;
  page: number;
  pages: number;
  /** by status, and the overdue answers, over everything the actor may see */
  counts: Record<NoticeStatusValue, number> & { all: number; overdue: number };
  units: { id: string; name: string }[];
}

export async function listNotices(actor: Actor, filters: NoticeFilters, asOf: Date = now()): Promise<NoticeList> {
  authorizeRead(actor, "notice:read");
  const scope = noticeScope(actor);
  if (!scope) throw new NotFoundError();
  const base: Prisma.SupervisionNoticeWhereInput = { AND: [scope, { deletedAt: null }] };
  const where: Prisma.SupervisionNoticeWhereInput = {
    AND: [
      base,
      filters.status ? { status: filters.status } : {},
      filters.level ? { level: filters.level } : {},
      filters.unitId ? { unitId: filters.unitId } : {},
      filters.overdue ? overdueWhere(asOf) : {},
    ],
  };
  const [total, byStatus, overdue, byUnit] = await Promise.all([
    db.supervisionNotice.count({ where }),
    db.supervisionNotice.groupBy({ by: ["status"], where: base, _count: { _all: true } }),
    db.supervisionNotice.count({ where: { AND: [base, overdueWhere(asOf)] } }),
    db.supervisionNotice.groupBy({ by: ["unitId"], where: base }),
  ]);
  const pages = Math.max(1, Math.ceil(total / NOTICE_PAGE_SIZE));
  const page = Math.min(filters.page, pages);
  const [rows, units] = await Promise.all([
    db.supervisionNotice.findMany({
      where,
      orderBy: [{ issuedAt: "desc" }, { serial: "desc" }],
      skip: (page - 1) * NOTICE_PAGE_SIZE,
      take: NOTICE_PAGE_SIZE,
      include: { task: { select: { code: true, title: true } }, unit: { select: { name: true } } },
    }),
    db.unit.findMany({
      where: { id: { in: byUnit.map((row) => row.unitId) } },
      select: { id: true, name: true },
      orderBy: { sortOrder: "asc" },
    }),
  ]);
  const counts = Object.fromEntries(NOTICE_STATUSES.map((status) => [status, 0])) as NoticeList["counts"];
  counts.all = 0;
  for (const row of byStatus) {
    counts[row.status] = row._count._all;
    counts.all += row._count._all;
  }
  counts.overdue = overdue;
  return {
    rows: rows.map((row) => ({
      id: row.id,
      number: row.number,
      level: row.level,
      status: row.status,
      taskId: row.taskId,
      taskCode: row.task.code,
      taskTitle: row.task.title,
      unit: row.unit.name,
      issuedAt: row.issuedAt.toISOString(),
      responseDueDate: isoDay(row.responseDueDate),
      overdue: isAnswerOverdue(row, asOf),
      escalated: row.escalatedAt !== null,
    })),
    total,
    page,
    pages,
    counts,
    units,
  };
}

async function loadNotice(actor: Actor, id: string) {
  authorizeRead(actor, "notice:read");
  const scope = noticeScope(actor);
  if (!scope || typeof id !== "string" || id.length > 64) throw new NotFoundError();
  const notice = await db.supervisionNotice.findFirst({
    where: { AND: [scope, { id, deletedAt: null }] },
    include: {
      task: { select: { id: true, code: true, title: true, groupId: true, leadUnitId: true } },
      unit: { select: { name: true } },
      committee: { select: { name: true, officeName: true } },
      responses: { orderBy: { submittedAt: "asc" } },
    },
  });
  if (!notice) throw new NotFoundError();
  return notice;
}

export function getNotice(actor: Actor, id: string, asOf: Date = now()): Promise<NoticeDetail> {
  return readAudited(actor, { event: "notice.read", targetType: "SupervisionNotice", id: String(id) }, () => readNotice(actor, id, asOf));
}

async function readNotice(actor: Actor, id: string, asOf: Date): Promise<NoticeDetail> {
  const notice = await loadNotice(actor, id);
  const events = await db.workflowEvent.findMany({
    where: { entityType: NOTICE, entityId: notice.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const userIds = [...new Set([...events.map((event) => event.actorId), ...notice.responses.map((r) => r.submittedById)].filter(Boolean))];
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: userIds as string[] } }, select: { id: true, name: true } })).map((user) => [
      user.id,
      user.name,
    ]),
  );
  const target = { committeeId: notice.committeeId, groupId: notice.task.groupId };
  const office = can(actor, "notice:issue", { ...target, unitIds: [notice.unitId] });
  const canAnswer = awaitsAnswer(notice.status) && can(actor, "notice:answer", { ...target, unitIds: [notice.task.leadUnitId] });
  // the answers' files are the notice's readers'; the files of an answer being prepared, its authors' alone
  const [answerFiles, pending] = await Promise.all([
    evidenceOf(
      ANSWER,
      notice.responses.map((response) => response.id),
    ),
    canAnswer ? evidenceOf(PENDING_ANSWER, [notice.id]) : Promise.resolve(new Map<string, never[]>()),
  ]);
  return {
    id: notice.id,
    number: notice.number,
    level: notice.level,
    status: notice.status,
    version: notice.version,
    reason: notice.reason,
    lagDescription: notice.lagDescription,
    issuedAt: notice.issuedAt.toISOString(),
    responseDueDate: isoDay(notice.responseDueDate),
    closedAt: notice.closedAt?.toISOString() ?? null,
    escalatedAt: notice.escalatedAt?.toISOString() ?? null,
    overdue: isAnswerOverdue(notice, asOf),
    task: { id: notice.task.id, code: notice.task.code, title: notice.task.title },
    unit: notice.unit.name,
    committeeName: notice.committee.name,
    officeName: notice.committee.officeName,
    responses: notice.responses.map((response) => ({
      id: response.id,
      causeAnalysis: response.causeAnalysis,
      countermeasures: response.countermeasures,
      rectifyDeadline: isoDay(response.rectifyDeadline),
      submittedAt: response.submittedAt.toISOString(),
      submittedBy: response.submittedById ? (users.get(response.submittedById) ?? null) : null,
      decision: response.decision,
      decisionComment: response.decisionComment,
      decidedAt: response.decidedAt?.toISOString() ?? null,
      files: answerFiles.get(response.id) ?? [],
    })),
    thread: events.map((event) => ({
      id: event.id,
      action: event.action,
      comment: event.comment,
      actor: event.actorId ? (users.get(event.actorId) ?? null) : null,
      createdAt: event.createdAt.toISOString(),
    })),
    canAnswer,
    canDecide: notice.status === "ANSWERED" && office,
    canClose: notice.status === "RECTIFYING" && office,
    pendingFiles: pending.get(notice.id) ?? [],
    maxMb: env().ATTACHMENT_MAX_MB,
  };
}

/**
 * The pre-filled form of a new notice on a task, from its light and lag today (in the office's
 * Chinese); null when the actor may not issue one or the task is not in progress.
 */
export async function noticeDraft(actor: Actor, taskId: string, asOf: Date = now()): Promise<NoticeDraft | null> {
  if (!can(actor, "notice:issue")) return null;
  const task = await getTask(actor, taskId);
  if (task.status !== "ACTIVE") return null;
  const committee = await db.committee.findUniqueOrThrow({ where: { id: actor.committeeId }, select: { officeName: true } });
  const { light } = task;
  const lagDescription = officeT("supervision.issue.lagText", {
    date: chineseDate(dayOf(asOf)),
    planned: light.planned,
    actual: light.actual,
    lag: light.lag,
  });
  const due = defaultResponseDueDate(asOf);
  const reasons = light.reasons.map((reason) => `，${officeT(`ledger.reasons.${reason}`)}`).join("");
  return {
    taskId: task.id,
    code: task.code,
    title: task.title,
    light: light.light,
    lagDescription,
    reason: officeT("supervision.issue.reasonText", {
      office: committee.officeName,
      task: task.title,
      lag: lagDescription,
      reasons,
      due: chineseDate(due),
    }),
    responseDueDate: isoDay(due),
  };
}

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The notice and its latest answer as .docx (the buffer and file name). */
export async function noticeDocx(actor: Actor, id: string): Promise<{ buffer: Buffer; fileName: string; number: string }> {
  const notice = await loadNotice(actor, id);
  const latest = notice.responses.at(-1) ?? null;
  const buffer = await buildNoticeDocx(
    {
      committeeName: notice.committee.name,
      officeName: notice.committee.officeName,
      number: notice.number,
      levelLabel: officeT(`supervision.levels.${notice.level}`),
      taskCode: notice.task.code,
      taskTitle: notice.task.title,
      unitName: notice.unit.name,
      reason: notice.reason,
      lagDescription: notice.lagDescription,
      issuedOn: dayOf(notice.issuedAt),
      responseDueDate: notice.responseDueDate,
      answer: latest && {
        causeAnalysis: latest.causeAnalysis,
        countermeasures: latest.countermeasures,
        rectifyDeadline: latest.rectifyDeadline,
        submittedAt: dayOf(latest.submittedAt),
        decisionLabel: latest.decision ? officeT(`supervision.responses.decisions.${latest.decision}`) : null,
        decisionComment: latest.decisionComment,
      },
    },
    officeT,
  );
  return { buffer, fileName: officeT("supervision.docx.fileName", { number: notice.number }), number: notice.number };
}

/** The download: rate-limited like the other exports (SECURITY.md 15) and audited (17). */
export async function noticeDocxResponse(actor: Actor, id: string, at: Date = now()): Promise<Response> {
  const limit = await consume(`export:${actor.userId}`, 30, 600, at);
  if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
  const { buffer, fileName, number } = await noticeDocx(actor, id);
  await recordAudit(db, { ...auditBase(actor), event: "notice.export", targetType: NOTICE, targetId: id, detail: number });
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": DOCX,
      "Content-Disposition": contentDisposition(fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
