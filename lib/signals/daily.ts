import "server-only";
// The daily full refresh of every committee's signals, from the job tick (lib/jobs/scheduler.ts):
// once per Beijing day per committee, claimed by inserting the day's SignalRefresh row, so several
// app instances (or cron and an instance) refresh each committee once. A finding that no write on
// its own task brings up — a task that fell behind with time, a reused file whose first use was
// deleted — is found here.
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/prisma";
import { now } from "@/lib/server/clock";
import { dayOf } from "@/lib/tasks/rules";
import { runSignalRefresh } from "./refresh-sql";

/** Refreshes the committees not yet refreshed today; returns how many this call refreshed. */
export async function signalsTick(at: Date = now()): Promise<number> {
  const day = dayOf(at);
  const due = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT c.id FROM "Committee" c
    WHERE NOT EXISTS (SELECT 1 FROM "SignalRefresh" r WHERE r."committeeId" = c.id AND r.day = ${day.toISOString().slice(0, 10)}::date)
    ORDER BY c.id`);
  let refreshed = 0;
  for (const { id } of due) {
    const done = await db.$transaction(
      async (tx) => {
        const claimed = await tx.signalRefresh.createMany({
          data: [{ committeeId: id, day, at, inserted: 0, updated: 0, removed: 0 }],
          skipDuplicates: true,
        });
        if (claimed.count === 0) return false;
        const counts = await runSignalRefresh(tx, { committeeId: id }, at);
        await tx.signalRefresh.update({ where: { committeeId_day: { committeeId: id, day } }, data: counts });
        return true;
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
    if (done) refreshed++;
  }
  return refreshed;
}
