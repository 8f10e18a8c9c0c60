import "server-only";
// A job queue on PostgreSQL (the "Job" table), so that several app instances share the work with
// no other infrastructure (DESIGN §5 "Scale path"). Jobs are enqueued inside the transaction of the
// write that needs them; workers claim due jobs with FOR UPDATE SKIP LOCKED, so two workers never
// get the same job; a job runs outside any transaction and ends DONE, or PENDING again with a
// backoff, or FAILED with its last error once its attempts are used up. A RUNNING job whose worker
// died (locked more than STALE_AFTER_MS ago) can be claimed again.
import crypto from "node:crypto";
import os from "node:os";
import { db } from "@/lib/db/client";
import { Prisma, type DbClient } from "@/lib/db/prisma";
import { now } from "@/lib/server/clock";

export const MAX_ATTEMPTS = 5;
export const STALE_AFTER_MS = 10 * 60_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  runAt: Date;
  /** including this run */
  attempts: number;
  lockedBy: string;
}

export type JobHandler = (payload: unknown, job: ClaimedJob) => Promise<void>;
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** This process, as it signs the jobs it holds. */
export const WORKER_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;

/** Wait before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min, … at most 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

/**
 * Adds a job; call it with the transaction of the write that needs it. With a `dedupeKey` a second
 * job of the same key is not added (returns false).
 */
export async function enqueue(client: DbClient, kind: string, payload: unknown, runAt: Date = now(), dedupeKey?: string): Promise<boolean> {
  const created = await client.job.createMany({
    data: [{ kind, payload: (payload ?? undefined) as Prisma.InputJsonValue | undefined, runAt, dedupeKey: dedupeKey ?? null }],
    skipDuplicates: true,
  });
  return created.count === 1;
}

/**
 * Claims up to `limit` due jobs for `worker`: pending ones whose time has come and running ones
 * abandoned by their worker. One statement; SKIP LOCKED lets concurrent claimers pass each other.
 */
export async function claimDue(limit: number, options: { worker?: string; now?: Date } = {}): Promise<ClaimedJob[]> {
  const worker = options.worker ?? WORKER_ID;
  const at = options.now ?? now();
  const staleBefore = new Date(at.getTime() - STALE_AFTER_MS);
  const rows = await db.$queryRaw<ClaimedJob[]>(Prisma.sql`
    WITH due AS (
      SELECT id FROM "Job"
      WHERE (status = 'PENDING' AND "runAt" <= ${at})
         OR (status = 'RUNNING' AND "lockedAt" < ${staleBefore} AND attempts < ${MAX_ATTEMPTS})
      ORDER BY "runAt", id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "Job" j
    SET status = 'RUNNING', "lockedAt" = ${at}, "lockedBy" = ${worker}, attempts = j.attempts + 1, "updatedAt" = ${at}
    FROM due
    WHERE j.id = due.id
    RETURNING j.id, j.kind, j.payload, j."runAt", j.attempts, j."lockedBy"`);
  return rows.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id.localeCompare(b.id));
}

/** Abandoned jobs that have used up their attempts are FAILED rather than run once more. */
export async function failAbandoned(at: Date = now()): Promise<number> {
  const { count } = await db.job.updateMany({
    where: { status: "RUNNING", lockedAt: { lt: new Date(at.getTime() - STALE_AFTER_MS) }, attempts: { gte: MAX_ATTEMPTS } },
    data: { status: "FAILED", lockedAt: null, lockedBy: null, lastError: "abandoned by its worker", updatedAt: at },
  });
  return count;
}

/** The job succeeded (only while this worker still holds it). */
export async function complete(job: ClaimedJob, at: Date = now()): Promise<void> {
  await db.job.updateMany({
    where: { id: job.id, status: "RUNNING", lockedBy: job.lockedBy },
    data: { status: "DONE", lockedAt: null, lockedBy: null, lastError: null, updatedAt: at },
  });
}

/** The job failed: again later with a backoff, or FAILED for good once its attempts are used up. */
export async function fail(job: ClaimedJob, error: unknown, at: Date = now()): Promise<"RETRY" | "FAILED"> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000) || "failed";
  const final = job.attempts >= MAX_ATTEMPTS;
  await db.job.updateMany({
    where: { id: job.id, status: "RUNNING", lockedBy: job.lockedBy },
    data: final
      ? { status: "FAILED", lockedAt: null, lockedBy: null, lastError: message, updatedAt: at }
      : {
          status: "PENDING",
          lockedAt: null,
          lockedBy: null,
          lastError: message,
          runAt: new Date(at.getTime() + backoffMs(job.attempts)),
          updatedAt: at,
        },
  });
  return final ? "FAILED" : "RETRY";
}

export interface RunSummary {
  claimed: number;
  done: number;
  retried: number;
  failed: number;
}

/** Claims one batch of due jobs and runs each with its kind's handler. */
export async function runDue(handlers: JobHandlers, options: { limit?: number; worker?: string; now?: Date } = {}): Promise<RunSummary> {
  await failAbandoned(options.now);
  const jobs = await claimDue(options.limit ?? 20, options);
  const summary: RunSummary = { claimed: jobs.length, done: 0, retried: 0, failed: 0 };
  for (const job of jobs) {
    try {
      const handler = handlers[job.kind];
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await handler(job.payload, job);
      await complete(job, options.now);
      summary.done++;
    } catch (error) {
      if ((await fail(job, error, options.now)) === "FAILED") summary.failed++;
      else summary.retried++;
    }
  }
  return summary;
}

/** Runs batches until nothing is due (at most `rounds` batches, so one call stays bounded). */
export async function drain(
  handlers: JobHandlers,
  options: { limit?: number; worker?: string; now?: Date; rounds?: number } = {},
): Promise<RunSummary> {
  const total: RunSummary = { claimed: 0, done: 0, retried: 0, failed: 0 };
  for (let round = 0; round < (options.rounds ?? 10); round++) {
    const summary = await runDue(handlers, options);
    total.claimed += summary.claimed;
    total.done += summary.done;
    total.retried += summary.retried;
    total.failed += summary.failed;
    if (summary.claimed === 0) break;
  }
  return total;
}
