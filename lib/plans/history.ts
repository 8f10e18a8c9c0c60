import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/db/prisma";
import type { Tx } from "@/lib/server/action";

export type PlanEntity = "WorkPlan" | "WorkPoint";

/** The user-visible change history (修改记录) of a plan or work point: old → new per field. */
export async function recordChange(
  tx: Tx,
  actor: Actor,
  entityType: PlanEntity,
  entityId: string,
  changes: Record<string, [unknown, unknown]>,
) {
  if (!Object.keys(changes).length) return;
  await tx.changeRecord.create({
    data: { entityType, entityId, actorId: actor.userId, actorName: actor.name, changes: changes as Prisma.InputJsonValue },
  });
}

/** Who last changed the record and what: shown to an editor whose save came too late. */
export async function lastChange(tx: Tx, entityType: PlanEntity, entityId: string) {
  const last = await tx.changeRecord.findFirst({
    where: { entityType, entityId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { actorName: true, changes: true, createdAt: true },
  });
  return last ? { actorName: last.actorName, changes: last.changes, at: last.createdAt.toISOString() } : null;
}

/** A calendar day as the forms and the audit trail write it. */
export const isoDay = (value: Date | null) => value?.toISOString().slice(0, 10) ?? null;
