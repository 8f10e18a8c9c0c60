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
      ip: entry.ip ?? null,
      userAgent: entry.userAgent?.slice(0, 300) ?? null,
      requestId: entry.requestId ?? null,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      changes: (entry.changes ?? undefined) as Prisma.InputJsonValue | undefined,
      detail: entry.detail ?? null,
    },
  });
}
