import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { AuditResult, Prisma } from "@/lib/db/prisma";
import { authorizeRead } from "@/lib/server/action";
import { idsIn, resolveNames } from "./names";
import type { NameBook } from "./readable";
import { AUDIT_EXPORT_MAX_ROWS, AUDIT_PAGE_SIZE, beijingDayStart, type AuditFilters } from "./schemas";

/** A change as stored: the formatter (readable.ts) puts it in words. */
export interface AuditChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** One audit row as the page and the export show it. */
export interface AuditEventRow {
  id: string;
  at: Date;
  actorId: string | null;
  /** the name written at the time (for failed sign-ins: the username typed) */
  actorName: string | null;
  actorUsername: string | null;
  unitName: string | null;
  ip: string | null;
  requestId: string | null;
  event: string;
  targetType: string | null;
  targetId: string | null;
  result: AuditResult;
  changes: AuditChange[];
  detail: string | null;
  /** the records the row's ids point to (target, changed values, details), within the committee */
  names: NameBook;
}

export interface AuditPage {
  rows: AuditEventRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The actor's committee, plus sign-in events that belong to no committee (unknown usernames,
 * sign-outs), so failed attempts on accounts that do not exist still reach an auditor.
 */
async function auditWhere(actor: Actor, filters: AuditFilters): Promise<Prisma.AuditEventWhereInput> {
  const and: Prisma.AuditEventWhereInput[] = [
    { OR: [{ committeeId: actor.committee.id }, { committeeId: null, event: { startsWith: "auth." } }] },
  ];
  if (filters.actor) {
    const users = await db.user.findMany({
      where: {
        OR: [{ username: { contains: filters.actor, mode: "insensitive" } }, { name: { contains: filters.actor, mode: "insensitive" } }],
        roleAssignments: { some: { committeeId: actor.committee.id } },
      },
      select: { id: true },
      take: 1000,
    });
    and.push({
      OR: [{ actorName: { contains: filters.actor, mode: "insensitive" } }, { actorId: { in: users.map((user) => user.id) } }],
    });
  }
  if (filters.targetType) and.push({ targetType: { equals: filters.targetType, mode: "insensitive" } });
  if (filters.targetId) and.push({ targetId: filters.targetId });
  if (filters.prefix) and.push({ event: { startsWith: `${filters.prefix}.` } });
  if (filters.event) and.push({ event: { contains: filters.event, mode: "insensitive" } });
  if (filters.result) and.push({ result: filters.result });
  if (filters.from) and.push({ at: { gte: beijingDayStart(filters.from) } });
  if (filters.to) and.push({ at: { lt: new Date(beijingDayStart(filters.to).getTime() + DAY_MS) } });
  return { AND: and };
}

const ROW_SELECT = {
  id: true,
  at: true,
  actorId: true,
  actorName: true,
  unitId: true,
  ip: true,
  requestId: true,
  event: true,
  targetType: true,
  targetId: true,
  result: true,
  changes: true,
  detail: true,
} satisfies Prisma.AuditEventSelect;

type SelectedRow = Prisma.AuditEventGetPayload<{ select: typeof ROW_SELECT }>;

/** `{ field: [old, new] }` as recorded; anything else is shown as a single value. */
function changesOf(value: Prisma.JsonValue): AuditChange[] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).map(([field, change]) =>
    Array.isArray(change) && change.length === 2 ? { field, from: change[0], to: change[1] } : { field, from: null, to: change },
  );
}

/** Units, usernames and the names behind the rows' ids for a batch of rows: three queries, whatever the batch size. */
async function toRows(actor: Actor, selected: SelectedRow[]): Promise<AuditEventRow[]> {
  const unitIds = [...new Set(selected.flatMap((row) => (row.unitId ? [row.unitId] : [])))];
  const userIds = [...new Set(selected.flatMap((row) => (row.actorId ? [row.actorId] : [])))];
  const ids = new Set<string>();
  for (const row of selected) idsIn([row.targetId, row.changes, row.detail], ids);
  const [units, users, names] = await Promise.all([
    unitIds.length ? db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } }) : [],
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, username: true } }) : [],
    resolveNames([actor.committee.id], ids),
  ]);
  const unitName = new Map(units.map((unit) => [unit.id, unit.name]));
  const username = new Map(users.map((user) => [user.id, user.username]));
  return selected.map((row) => ({
    id: row.id.toString(),
    at: row.at,
    actorId: row.actorId,
    actorName: row.actorName,
    actorUsername: row.actorId ? (username.get(row.actorId) ?? null) : null,
    unitName: row.unitId ? (unitName.get(row.unitId) ?? null) : null,
    ip: row.ip,
    requestId: row.requestId,
    event: row.event,
    targetType: row.targetType,
    targetId: row.targetId,
    result: row.result,
    changes: changesOf(row.changes),
    detail: row.detail,
    names,
  }));
}

/** One page of the audit log, newest first. Only the audit administrator reads it (SECURITY.md 18). */
export async function listAuditEvents(actor: Actor, filters: AuditFilters): Promise<AuditPage> {
  authorizeRead(actor, "audit:read");
  const where = await auditWhere(actor, filters);
  const [total, selected] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      select: ROW_SELECT,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (filters.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
  ]);
  return {
    rows: await toRows(actor, selected),
    total,
    page: filters.page,
    pageSize: AUDIT_PAGE_SIZE,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
  };
}

/**
 * Every matching row, newest first, in batches (keyset paging on at, id), up to `maxRows`;
 * for the Excel export, which never holds more than one batch of database rows at a time.
 */
export async function* auditEventBatches(
  actor: Actor,
  filters: AuditFilters,
  options: { batchSize?: number; maxRows?: number } = {},
): AsyncGenerator<AuditEventRow[]> {
  authorizeRead(actor, "audit:read");
  const batchSize = options.batchSize ?? 1000;
  const maxRows = options.maxRows ?? AUDIT_EXPORT_MAX_ROWS;
  const where = await auditWhere(actor, filters);
  let after: { at: Date; id: bigint } | null = null;
  let taken = 0;
  while (taken < maxRows) {
    const selected: SelectedRow[] = await db.auditEvent.findMany({
      where: after ? { AND: [where, { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] }] } : where,
      select: ROW_SELECT,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: Math.min(batchSize, maxRows - taken),
    });
    if (selected.length === 0) return;
    taken += selected.length;
    const last = selected[selected.length - 1]!;
    after = { at: last.at, id: last.id };
    yield await toRows(actor, selected);
    if (selected.length < batchSize) return;
  }
}

/** How many rows the filters match (to tell the exporter when the file was cut short). */
export async function countAuditEvents(actor: Actor, filters: AuditFilters): Promise<number> {
  authorizeRead(actor, "audit:read");
  return db.auditEvent.count({ where: await auditWhere(actor, filters) });
}
