import "server-only";
import { CHANGE_REQUEST, PENDING_CHANGE_REQUEST } from "@/lib/attachments/scopes";
import { evidenceOf } from "@/lib/attachments/service";
import type { EvidenceFile } from "@/lib/attachments/types";
import { idsIn, resolveNames } from "@/lib/audit/names";
import type { NameBook } from "@/lib/audit/readable";
import type { Actor } from "@/lib/auth/actor";
import { can, visibleCommitteeIds } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/prisma";
import { scopeWhere } from "@/lib/ledger/queries";
import { authorizeRead, readAudited } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { NotFoundError } from "@/lib/server/errors";
import { dayOf } from "@/lib/tasks/rules";
import { needsLeaderConsent } from "./rules";
import type { ChangeStatus } from "./schemas";

// Reading change requests (计划调整): a task's own (the task page's section), the committee's year
// (the 调整情况 list and its Excel), one by id (the API). Whoever may read the task reads its
// requests; the actions a reader may take on each are worked out here from the matrix.

export interface ChangeItem {
  id: string;
  version: number;
  taskId: string;
  taskCode: string;
  taskTitle: string;
  groupName: string;
  leadUnitName: string;
  status: ChangeStatus;
  reason: string;
  requestedByName: string;
  /** the lead unit asked (null: the office) */
  fromUnit: boolean;
  createdAt: string;
  decidedAt: string | null;
  decidedByName: string | null;
  decisionComment: string | null;
  /** old → new, field by field, as the task history stores it */
  changes: { field: string; from: unknown; to: unknown }[];
  files: EvidenceFile[];
}

const changeInclude = {
  task: { select: { code: true, title: true, group: { select: { name: true } }, leadUnit: { select: { name: true } } } },
} satisfies Prisma.ChangeRequestInclude;
type ChangeRow = Prisma.ChangeRequestGetPayload<{ include: typeof changeInclude }>;

const iso = (value: Date | null) => (value ? value.toISOString() : null);

function itemOf(row: ChangeRow, files: Map<string, EvidenceFile[]>): ChangeItem {
  return {
    id: row.id,
    version: row.version,
    taskId: row.taskId,
    taskCode: row.task.code,
    taskTitle: row.task.title,
    groupName: row.task.group.name,
    leadUnitName: row.task.leadUnit.name,
    status: row.status,
    reason: row.reason,
    requestedByName: row.requestedByName,
    fromUnit: row.unitId !== null,
    createdAt: row.createdAt.toISOString(),
    decidedAt: iso(row.decidedAt),
    decidedByName: row.decidedByName,
    decisionComment: row.decisionComment,
    changes: Object.entries((row.changes ?? {}) as Record<string, unknown>).map(([field, value]) => {
      const [from, to] = Array.isArray(value) ? value : [null, value];
      return { field, from: from as unknown, to: to as unknown };
    }),
    files: files.get(row.id) ?? [],
  };
}

async function itemsOf(rows: ChangeRow[]): Promise<ChangeItem[]> {
  const files = await evidenceOf(
    CHANGE_REQUEST,
    rows.map((row) => row.id),
  );
  return rows.map((row) => itemOf(row, files));
}

/** The requests on tasks the actor reads (the ledger's scope). */
function readableWhere(actor: Actor): Prisma.ChangeRequestWhereInput | null {
  const scope = scopeWhere(actor);
  return scope ? { task: { AND: [scope, { deletedAt: null }] } } : null;
}

export interface TaskChanges {
  items: (ChangeItem & { canDecide: boolean; canEndorse: boolean; canWithdraw: boolean; waitingLeader: boolean })[];
  /** the task's plan is issued, so its controlled fields change through requests */
  controlled: boolean;
  /** may the actor file a request now (issued plan, task in progress, no request open) */
  canRequest: boolean;
  /** files already chosen for a request not yet filed (the requester's) */
  pendingFiles: EvidenceFile[];
  approvedCount: number;
}

/** A task's requests, newest first, with what the actor may do on each; the task is already known readable. */
export async function changesOfTask(actor: Actor, taskId: string): Promise<TaskChanges> {
  authorizeRead(actor, "task:read");
  const task = await db.reformTask.findFirst({
    where: { id: taskId, deletedAt: null, committeeId: { in: visibleCommitteeIds(actor, "task:read") } },
    select: {
      committeeId: true,
      groupId: true,
      leadUnitId: true,
      leaderId: true,
      isKey: true,
      status: true,
      plan: { select: { status: true } },
      committee: { select: { settings: { select: { keyChangesNeedLeader: true } } } },
    },
  });
  if (!task) throw new NotFoundError();
  const rows = await db.changeRequest.findMany({
    where: { taskId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: changeInclude,
  });
  const items = await itemsOf(rows);
  const target = { committeeId: task.committeeId, groupId: task.groupId, unitIds: [task.leadUnitId] };
  const controlled = task.plan.status === "ISSUED";
  const open = rows.some((row) => row.status === "PENDING" || row.status === "LEADER_PENDING");
  const canRequest = controlled && task.status === "ACTIVE" && !open && can(actor, "change:request", target);
  const leaderStep = needsLeaderConsent(task, task.committee.settings?.keyChangesNeedLeader ?? false);
  return {
    items: items.map((item, index) => ({
      ...item,
      canDecide: item.status === "PENDING" && can(actor, "change:decide", target),
      canEndorse: item.status === "LEADER_PENDING" && task.leaderId === actor.userId && can(actor, "change:endorse", target),
      canWithdraw: item.status === "PENDING" && rows[index]!.requestedById === actor.userId,
      waitingLeader: item.status === "LEADER_PENDING" || (item.status === "PENDING" && leaderStep),
    })),
    controlled,
    canRequest,
    pendingFiles: canRequest ? ((await evidenceOf(PENDING_CHANGE_REQUEST, [taskId])).get(taskId) ?? []) : [],
    approvedCount: rows.filter((row) => row.status === "APPROVED").length,
  };
}

export interface ChangeListParams {
  year: number | null;
  status: ChangeStatus | null;
  page: number;
  pageSize: number;
}

export interface ChangeList {
  year: number;
  items: ChangeItem[];
  total: number;
  page: number;
  pageSize: number;
  counts: Partial<Record<ChangeStatus, number>>;
  names: NameBook;
}

/** The year's requests on the tasks the actor reads (调整情况), newest first, a page at a time. */
export async function listChanges(actor: Actor, params: ChangeListParams): Promise<ChangeList> {
  authorizeRead(actor, "task:read");
  const year = params.year ?? dayOf(now()).getUTCFullYear();
  const empty: ChangeList = { year, items: [], total: 0, page: params.page, pageSize: params.pageSize, counts: {}, names: {} };
  const scope = readableWhere(actor);
  if (!scope) return empty;
  const inYear: Prisma.ChangeRequestWhereInput = { AND: [scope, { task: { year } }] };
  const where: Prisma.ChangeRequestWhereInput = params.status ? { AND: [inYear, { status: params.status }] } : inYear;
  const [rows, total, counts] = await Promise.all([
    db.changeRequest.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      include: changeInclude,
      skip: (params.page - 1) * params.pageSize,
      take: params.pageSize,
    }),
    db.changeRequest.count({ where }),
    db.changeRequest.groupBy({ by: ["status"], where: inYear, _count: true }),
  ]);
  const items = await itemsOf(rows);
  return {
    ...empty,
    items,
    total,
    counts: Object.fromEntries(counts.map((row) => [row.status, row._count])),
    names: await resolveNames(visibleCommitteeIds(actor, "task:read"), idsIn(items.map((item) => item.changes))),
  };
}

/** One request by id, within what the actor reads (404 otherwise, audited as a refused read). */
export function getChange(actor: Actor, id: string): Promise<ChangeItem> {
  return readAudited(actor, { event: "change.read", targetType: "ChangeRequest", id: String(id) }, async () => {
    authorizeRead(actor, "task:read");
    const scope = readableWhere(actor);
    if (!scope || typeof id !== "string" || id.length > 64) throw new NotFoundError();
    const row = await db.changeRequest.findFirst({ where: { AND: [{ id }, scope] }, include: changeInclude });
    if (!row) throw new NotFoundError();
    const [item] = await itemsOf([row]);
    return item!;
  });
}

/** Every request of the year in the actor's scope, for the Excel list (a county has dozens, a province thousands). */
export async function allChanges(actor: Actor, year: number, status: ChangeStatus | null): Promise<ChangeList> {
  return listChanges(actor, { year, status, page: 1, pageSize: 20_000 });
}
