import "server-only";
// Reading 领导批示: scoped like the tasks they are on — the office and leaders their committee tree,
// liaisons their groups' tasks, reporters the tasks their unit leads or cooperates on (an
// instruction on a notice: the unit it is addressed to) — so a role that may not see a task sees
// none of its instructions, and a read of one by id outside that scope is 404 and audited. Also the
// cards of the cockpit and the workbenches, and the write form's choices.
import { INSTRUCTION_ANSWER, PENDING_INSTRUCTION_ANSWER } from "@/lib/attachments/scopes";
import { evidenceOf } from "@/lib/attachments/service";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/prisma";
import { scopeParts } from "@/lib/ledger/queries";
import { authorizeRead, readAudited } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { env } from "@/lib/server/env";
import { NotFoundError } from "@/lib/server/errors";
import { dayOf } from "@/lib/tasks/rules";
import { daysToAnswer, defaultAnswerDueDate, INSTRUCTION_STATUSES, isAnswerOverdue, type InstructionStatusValue } from "./rules";
import { INSTRUCTION_PAGE_SIZE, instructionsHref, type InstructionFilters } from "./schemas";
import { INSTRUCTION, instructionAnswerTarget, instructionReadTarget } from "./service";
import type {
  InstructionAnswerView,
  InstructionCard,
  InstructionDetail,
  InstructionListPage,
  InstructionRow,
  InstructionsOf,
  InstructionWriter,
  LeaderOption,
} from "./types";

export type * from "./types";

const isoDay = (day: Date) => day.toISOString().slice(0, 10);
/** Rows on a card; the rest are one click away in the list. */
export const INSTRUCTION_CARD_ROWS = 6;

/** The instructions the actor may read, as a where-clause (null: none). */
export function instructionScope(actor: Actor): Prisma.InstructionWhereInput | null {
  const { committees, groups, units } = scopeParts(actor, "instruction:read");
  const any: Prisma.InstructionWhereInput[] = [];
  if (committees.length) any.push({ committeeId: { in: committees } });
  if (groups.length) any.push({ committeeId: actor.committeeId, task: { groupId: { in: groups } } });
  if (units.length)
    any.push({
      committeeId: actor.committeeId,
      OR: [
        // addressed to the unit (the task it leads, a notice it received)
        { unitId: { in: units } },
        // on a task (or its report) the unit cooperates on
        { subjectType: { not: "NOTICE" }, task: { cooperatingUnits: { some: { unitId: { in: units } } } } },
      ],
    });
  return any.length ? { AND: [{ OR: any }, { deletedAt: null, task: { deletedAt: null } }] } : null;
}

const rowInclude = {
  task: { select: { id: true, code: true, title: true, groupId: true, leadUnitId: true, cooperatingUnits: { select: { unitId: true } } } },
  leader: { select: { id: true, name: true, leaderTitle: true } },
  author: { select: { id: true, name: true } },
  unit: { select: { id: true, name: true } },
  report: { select: { id: true, period: true } },
  notice: { select: { id: true, number: true } },
  answers: { orderBy: [{ submittedAt: "desc" }, { id: "desc" }], take: 1 },
} as const satisfies Prisma.InstructionInclude;

type LoadedRow = Prisma.InstructionGetPayload<{ include: typeof rowInclude }>;

async function userNames(ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((user) => [user.id, user.name]));
}

function answerView(
  answer: { id: string; round: number; content: string; submittedAt: Date; submittedById: string | null },
  names: Map<string, string>,
  files: Map<string, InstructionAnswerView["files"]>,
): InstructionAnswerView {
  return {
    id: answer.id,
    round: answer.round,
    content: answer.content,
    submittedAt: answer.submittedAt.toISOString(),
    submittedBy: answer.submittedById ? (names.get(answer.submittedById) ?? null) : null,
    files: files.get(answer.id) ?? [],
  };
}

/** Loaded rows as the pages show them, with the latest answer and its files (a few queries for any number of rows). */
async function toRows(rows: LoadedRow[], asOf: Date): Promise<InstructionRow[]> {
  const latest = rows.flatMap((row) => row.answers);
  const [names, files] = await Promise.all([
    userNames(latest.map((answer) => answer.submittedById)),
    evidenceOf(
      INSTRUCTION_ANSWER,
      latest.map((answer) => answer.id),
    ),
  ]);
  return rows.map((row) => toRow(row, asOf, names, files));
}

function toRow(row: LoadedRow, asOf: Date, names: Map<string, string>, files: Map<string, InstructionAnswerView["files"]>): InstructionRow {
  const subjectLabel =
    row.subjectType === "REPORT" && row.report
      ? isoDay(row.report.period).slice(0, 7)
      : row.subjectType === "NOTICE" && row.notice
        ? row.notice.number
        : "";
  const answer = row.answers[0];
  return {
    id: row.id,
    status: row.status,
    subject: {
      type: row.subjectType,
      id:
        row.subjectType === "REPORT" && row.report
          ? row.report.id
          : row.subjectType === "NOTICE" && row.notice
            ? row.notice.id
            : row.task.id,
      label: subjectLabel,
      href: row.subjectType === "NOTICE" && row.notice ? `/supervision/${row.notice.id}` : `/tasks/${row.task.id}`,
    },
    task: { id: row.task.id, code: row.task.code, title: row.task.title },
    leader: { id: row.leader.id, name: row.leader.name, title: row.leader.leaderTitle },
    recordedBy: row.author && row.author.id !== row.leaderId ? row.author.name : null,
    unit: { id: row.unit.id, name: row.unit.name },
    content: row.content,
    answerDueDate: isoDay(row.answerDueDate),
    createdAt: row.createdAt.toISOString(),
    round: row.round,
    overdue: isAnswerOverdue(row, asOf),
    daysLeft: daysToAnswer(row.answerDueDate, asOf),
    latestAnswer: answer ? answerView(answer, names, files) : null,
    href: `/instructions/${row.id}`,
  };
}

const overdueWhere = (asOf: Date): Prisma.InstructionWhereInput => ({ status: "OPEN", answerDueDate: { lt: dayOf(asOf) } });

/** Open first, then answered, then closed; the earliest answer-by date first. */
const ORDER: Prisma.InstructionOrderByWithRelationInput[] = [
  { status: "asc" },
  { answerDueDate: "asc" },
  { createdAt: "desc" },
  { id: "asc" },
];

// ───────────── The list ─────────────

export async function listInstructions(
  actor: Actor,
  filters: InstructionFilters,
  options: { pageSize?: number; asOf?: Date } = {},
): Promise<InstructionListPage> {
  authorizeRead(actor, "instruction:read");
  const scope = instructionScope(actor);
  if (!scope) throw new NotFoundError();
  const asOf = options.asOf ?? now();
  const size = options.pageSize ?? INSTRUCTION_PAGE_SIZE;
  const base: Prisma.InstructionWhereInput = {
    AND: [scope, filters.mine ? { leaderId: actor.userId } : {}, filters.taskId ? { taskId: filters.taskId } : {}],
  };
  const where: Prisma.InstructionWhereInput = {
    AND: [base, filters.status ? { status: filters.status } : {}, filters.overdue ? overdueWhere(asOf) : {}],
  };
  const [total, byStatus, overdue] = await Promise.all([
    db.instruction.count({ where }),
    db.instruction.groupBy({ by: ["status"], where: base, _count: { _all: true } }),
    db.instruction.count({ where: { AND: [base, overdueWhere(asOf)] } }),
  ]);
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(filters.page, pages);
  const rows = await db.instruction.findMany({ where, orderBy: ORDER, skip: (page - 1) * size, take: size, include: rowInclude });
  const counts = Object.fromEntries(INSTRUCTION_STATUSES.map((status) => [status, 0])) as InstructionListPage["counts"];
  counts.all = 0;
  for (const row of byStatus) {
    counts[row.status] = row._count._all;
    counts.all += row._count._all;
  }
  counts.overdue = overdue;
  return { rows: await toRows(rows, asOf), total, page, pages, counts };
}

// ───────────── One instruction ─────────────

export function getInstruction(actor: Actor, id: string, asOf: Date = now()): Promise<InstructionDetail> {
  return readAudited(actor, { event: "instruction.read", targetType: INSTRUCTION, id: String(id) }, () => readInstruction(actor, id, asOf));
}

async function readInstruction(actor: Actor, id: string, asOf: Date): Promise<InstructionDetail> {
  authorizeRead(actor, "instruction:read");
  const scope = instructionScope(actor);
  if (!scope || typeof id !== "string" || id.length > 64) throw new NotFoundError();
  const row = await db.instruction.findFirst({
    where: { AND: [scope, { id }] },
    include: { ...rowInclude, answers: { orderBy: [{ submittedAt: "asc" }, { id: "asc" }] } },
  });
  if (!row) throw new NotFoundError();
  const events = await db.workflowEvent.findMany({
    where: { entityType: INSTRUCTION, entityId: row.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const canAnswer = row.status === "OPEN" && can(actor, "instruction:answer", instructionAnswerTarget(row));
  const canDecide = row.status === "ANSWERED" && can(actor, "instruction:write", instructionReadTarget(row));
  const [names, files, pending] = await Promise.all([
    userNames([...events.map((event) => event.actorId), ...row.answers.map((answer) => answer.submittedById)]),
    evidenceOf(
      INSTRUCTION_ANSWER,
      row.answers.map((answer) => answer.id),
    ),
    // the files of an answer being prepared are its authors' alone
    canAnswer ? evidenceOf(PENDING_INSTRUCTION_ANSWER, [row.id]) : Promise.resolve(new Map<string, never[]>()),
  ]);
  const answers = row.answers.map((answer) => answerView(answer, names, files));
  return {
    ...toRow({ ...row, answers: row.answers.slice(-1) }, asOf, names, files),
    version: row.version,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    answers,
    thread: events.map((event) => ({
      id: event.id,
      action: event.action,
      comment: event.comment,
      actor: event.actorId ? (names.get(event.actorId) ?? null) : null,
      createdAt: event.createdAt.toISOString(),
    })),
    canAnswer,
    canDecide,
    pendingFiles: pending.get(row.id) ?? [],
    maxMb: env().ATTACHMENT_MAX_MB,
  };
}

// ───────────── On a record: a task (all its instructions), a notice, reports ─────────────

/** The leaders of a committee in whose name the office may write: flagged leaders of its units, or holders of its LEADER role. */
export async function leaderOptions(committeeId: string): Promise<LeaderOption[]> {
  const leaders = await db.user.findMany({
    where: {
      deletedAt: null,
      disabledAt: null,
      OR: [{ isLeader: true, unit: { committeeId } }, { roleAssignments: { some: { committeeId, role: "LEADER" } } }],
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, leaderTitle: true },
  });
  return leaders.map((leader) => ({ id: leader.id, name: leader.name, title: leader.leaderTitle }));
}

/** The write form's data, or null when the actor may not write instructions in this committee. */
export async function instructionWriter(
  actor: Actor,
  committeeId: string = actor.committeeId,
  asOf: Date = now(),
): Promise<InstructionWriter | null> {
  if (!can(actor, "instruction:write", { committeeId })) return null;
  const asOffice = actor.roles.some((grant) => grant.role === "OFFICE");
  const asLeader = actor.roles.some((grant) => grant.role === "LEADER");
  return {
    asOffice,
    selfName: asLeader ? actor.name : null,
    leaders: asOffice ? await leaderOptions(committeeId) : [],
    defaultDueDate: isoDay(defaultAnswerDueDate(asOf)),
    today: isoDay(dayOf(asOf)),
  };
}

async function rowsWhere(actor: Actor, where: Prisma.InstructionWhereInput, asOf: Date, take?: number): Promise<InstructionRow[]> {
  const scope = instructionScope(actor);
  if (!scope || !can(actor, "instruction:read")) return [];
  const rows = await db.instruction.findMany({ where: { AND: [scope, where] }, orderBy: ORDER, include: rowInclude, take });
  return toRows(rows, asOf);
}

/**
 * A task's instructions (on it, its reports and its notices) that the actor may read, and the write
 * form when the actor may write in the task's committee. Call it for a task the actor may read.
 */
export async function instructionsOfTask(actor: Actor, taskId: string, asOf: Date = now()): Promise<InstructionsOf> {
  const task = await db.reformTask.findFirst({ where: { id: taskId, deletedAt: null }, select: { id: true, committeeId: true } });
  if (!task) return { rows: [], writer: null };
  const [rows, writer] = await Promise.all([
    rowsWhere(actor, { taskId: task.id }, asOf, 100),
    instructionWriter(actor, task.committeeId, asOf),
  ]);
  return { rows, writer };
}

/** A notice's instructions, and the write form (in the notice's committee). Call it for a notice the actor may read. */
export async function instructionsOfNotice(actor: Actor, noticeId: string, asOf: Date = now()): Promise<InstructionsOf> {
  const notice = await db.supervisionNotice.findFirst({
    where: { id: noticeId, deletedAt: null },
    select: { id: true, committeeId: true },
  });
  if (!notice) return { rows: [], writer: null };
  const [rows, writer] = await Promise.all([
    rowsWhere(actor, { subjectType: "NOTICE", noticeId: notice.id }, asOf, 100),
    instructionWriter(actor, notice.committeeId, asOf),
  ]);
  return { rows, writer };
}

/** The instructions on each of these reports (the review queue's page), by report id. */
export async function instructionsOfReports(
  actor: Actor,
  reportIds: readonly string[],
  asOf: Date = now(),
): Promise<Map<string, InstructionRow[]>> {
  const byReport = new Map<string, InstructionRow[]>();
  if (reportIds.length === 0) return byReport;
  const scope = instructionScope(actor);
  if (!scope || !can(actor, "instruction:read")) return byReport;
  const loaded = await db.instruction.findMany({
    where: { AND: [scope, { subjectType: "REPORT", reportId: { in: [...reportIds] } }] },
    orderBy: ORDER,
    include: rowInclude,
  });
  const rows = await toRows(loaded, asOf);
  loaded.forEach((row, index) => {
    if (!row.reportId) return;
    byReport.set(row.reportId, [...(byReport.get(row.reportId) ?? []), rows[index]!]);
  });
  return byReport;
}

// ───────────── Cards: the cockpit, the workbenches ─────────────

async function card(
  actor: Actor,
  where: Prisma.InstructionWhereInput,
  href: string,
  asOf: Date,
  mine = false,
): Promise<InstructionCard | null> {
  const scope = instructionScope(actor);
  if (!scope || !can(actor, "instruction:read")) return null;
  const all: Prisma.InstructionWhereInput = { AND: [scope, where] };
  const [total, overdue, answered, rows] = await Promise.all([
    db.instruction.count({ where: all }),
    db.instruction.count({ where: { AND: [all, overdueWhere(asOf)] } }),
    db.instruction.count({ where: { AND: [all, { status: "ANSWERED" }] } }),
    db.instruction.findMany({ where: all, orderBy: ORDER, include: rowInclude, take: INSTRUCTION_CARD_ROWS }),
  ]);
  return { total, overdue, answered, rows: await toRows(rows, asOf), href, mine };
}

const NOT_CLOSED: InstructionStatusValue[] = ["OPEN", "ANSWERED"];

/**
 * 待落实批示 on the cockpit and a leader's home page: a leader's own instructions not yet confirmed
 * carried out; for the office, every such instruction of its committee.
 */
export function pendingInstructions(actor: Actor, asOf: Date = now()): Promise<InstructionCard | null> {
  const mine = actor.isLeader || actor.roles.some((grant) => grant.role === "LEADER");
  return card(
    actor,
    { status: { in: NOT_CLOSED }, ...(mine ? { leaderId: actor.userId } : { committeeId: actor.committeeId }) },
    instructionsHref({ mine }),
    asOf,
    mine,
  );
}

/** 待办理批示 on a unit's workbench: the instructions addressed to it awaiting its answer, the earliest due first. */
export function unitInstructions(actor: Actor, unitId: string, asOf: Date = now()): Promise<InstructionCard | null> {
  return card(actor, { committeeId: actor.committeeId, unitId, status: "OPEN" }, instructionsHref({ status: "OPEN" }), asOf);
}

/** 批示逾期跟踪 on the office's workbench: the committee's answers past their answer-by date. */
export function overdueInstructions(actor: Actor, asOf: Date = now()): Promise<InstructionCard | null> {
  return card(actor, { committeeId: actor.committeeId, ...overdueWhere(asOf) }, instructionsHref({ overdue: true }), asOf);
}
