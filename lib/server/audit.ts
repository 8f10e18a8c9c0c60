import "server-only";
import type { AuditResult, DbClient, Prisma } from "@/lib/db/prisma";

export interface AuditEntry {
  event: string;
  result?: AuditResult;
  committeeId?: string | null;
  actorId?: string | null;
  actorName?: string | null;
  unitId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  /** for updates: { field: [old, new] } */
  changes?: Record<string, [unknown, unknown]> | null;
  detail?: string | null;
}

/**
 * Text from a request as PostgreSQL can store it: NUL and lone surrogates (which a URL or a header
 * can carry) become U+FFFD, and it is cut to `max` characters.
 */
function storable(value: string | null | undefined, max = Infinity): string | null {
  if (value === null || value === undefined) return null;
  return value.slice(0, max).toWellFormed().replaceAll("\u0000", "\uFFFD");
}

/**
 * Appends one audit row. Pass the transaction client of the write being audited so the record
 * and its audit entry commit or fail together. There is deliberately no update or delete here.
 */
export async function recordAudit(client: DbClient, entry: AuditEntry): Promise<void> {
  await client.auditEvent.create({
    data: {
      event: entry.event,
      result: entry.result ?? "SUCCESS",
      committeeId: entry.committeeId ?? null,
      actorId: entry.actorId ?? null,
      actorName: entry.actorName ?? null,
      unitId: entry.unitId ?? null,
      ip: storable(entry.ip, 100),
      userAgent: storable(entry.userAgent, 300),
      requestId: storable(entry.requestId, 200),
      targetType: entry.targetType ?? null,
      // the id as asked: a refused read's id comes from an address or a request, whatever it holds
      targetId: storable(entry.targetId, 100),
      changes: (entry.changes ?? undefined) as Prisma.InputJsonValue | undefined,
      detail: storable(entry.detail),
    },
  });
}
