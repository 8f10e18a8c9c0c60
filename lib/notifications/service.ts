import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import type { MessageKey } from "@/lib/i18n/translate";
import type { Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";

// In-app notifications are rows, written in the same transaction as the change they announce.
// The title is a catalogue key rendered in the reader's language with `params`; `body` is free
// text someone typed (a 催报 message, a return comment), shown as it is.

export type NotificationKind =
  | "REPORT_RETURNED"
  | "REPORT_APPROVED"
  | "WINDOW_OPEN"
  | "DEADLINE_SOON"
  | "REMINDER"
  | "CLOSEOUT_APPLIED"
  | "CLOSEOUT_DECIDED"
  | "NOTICE_ISSUED"
  | "CHANGE_REQUESTED"
  | "CHANGE_DECIDED"
  | "INSTRUCTION";

export interface NotificationInput {
  kind: NotificationKind;
  title: MessageKey;
  params?: Record<string, string | number>;
  body?: string | null;
  link?: string | null;
  /**
   * Makes a notification idempotent (scheduled reminders on several app instances): the row's key
   * is `${dedupeKey}:${userId}`, and a second attempt for the same user is skipped.
   */
  dedupeKey?: string;
}

/** Notifies each user once; returns how many rows were written (duplicates by dedupeKey are skipped). */
export async function notify(tx: Tx, committeeId: string, userIds: readonly string[], input: NotificationInput): Promise<number> {
  const users = [...new Set(userIds)];
  if (users.length === 0) return 0;
  // the app's clock, like the record it is about (a pinned APP_NOW included), so the bell's order is the story's
  const createdAt = now();
  const created = await tx.notification.createMany({
    data: users.map((userId) => ({
      createdAt,
      userId,
      committeeId,
      kind: input.kind,
      title: input.title,
      params: (input.params ?? undefined) as Prisma.InputJsonValue | undefined,
      body: input.body ?? null,
      link: input.link ?? null,
      dedupeKey: input.dedupeKey ? `${input.dedupeKey}:${userId}` : null,
    })),
    skipDuplicates: true,
  });
  return created.count;
}

/** The active reporters (UNIT_REPORTER) of a unit in a committee: who a unit's notifications reach. */
export async function reporterIdsOf(tx: Tx, committeeId: string, unitId: string): Promise<string[]> {
  const grants = await tx.roleAssignment.findMany({
    where: { committeeId, role: "UNIT_REPORTER", unitId, user: { disabledAt: null, deletedAt: null } },
    select: { userId: true },
  });
  return [...new Set(grants.map((grant) => grant.userId))];
}

/** The active office users (OFFICE) of a committee: who hears of an application awaiting the office. */
export async function officeIdsOf(tx: Tx, committeeId: string): Promise<string[]> {
  const grants = await tx.roleAssignment.findMany({
    where: { committeeId, role: "OFFICE", user: { disabledAt: null, deletedAt: null } },
    select: { userId: true },
  });
  return [...new Set(grants.map((grant) => grant.userId))];
}

/** Reporters of several units at once, by unit. */
export async function reporterIdsByUnit(tx: Tx, committeeId: string, unitIds: readonly string[]): Promise<Map<string, string[]>> {
  const grants = await tx.roleAssignment.findMany({
    where: { committeeId, role: "UNIT_REPORTER", unitId: { in: [...unitIds] }, user: { disabledAt: null, deletedAt: null } },
    select: { userId: true, unitId: true },
  });
  const byUnit = new Map<string, string[]>();
  for (const grant of grants) {
    if (!grant.unitId) continue;
    byUnit.set(grant.unitId, [...new Set([...(byUnit.get(grant.unitId) ?? []), grant.userId])]);
  }
  return byUnit;
}
