import "server-only";
// The trigger of the background work. The database holds all of its state (the Job table,
// dedupe keys, advisory locks), so the trigger can be anything: the interval started by
// instrumentation.ts in each app instance, or `npm run jobs:run` from cron with JOBS_DISABLED=1 on
// the instances. Several triggers at once are safe.
import { now } from "@/lib/server/clock";
import { env } from "@/lib/server/env";
import { instructionOverdueTick } from "@/lib/instructions/overdue";
import { escalationTick } from "@/lib/supervision/escalation";
import { JOB_HANDLERS } from "./handlers";
import { drain, type JobHandlers, type RunSummary } from "./queue";
import { remindersTick, type ReminderSummary } from "./reminders";

export const TICK_INTERVAL_MS = 60_000;

/**
 * One round: the scheduled reminders, the escalation of overdue 督办单, the office follow-up of
 * overdue answers to leaders' instructions, then every job due now (bounded).
 */
export async function runJobsOnce(options: { handlers?: JobHandlers; now?: Date } = {}): Promise<{
  reminders: ReminderSummary;
  /** supervision notices escalated in this round (lib/supervision/escalation.ts) */
  escalations: number;
  /** instructions whose overdue answer became an office follow-up in this round (lib/instructions/overdue.ts) */
  instructionsOverdue: number;
  jobs: RunSummary;
}> {
  const at = options.now ?? now();
  const reminders = await remindersTick(at);
  const escalations = await escalationTick(at);
  const instructionsOverdue = await instructionOverdueTick(at);
  const jobs = await drain(options.handlers ?? JOB_HANDLERS, { now: at });
  return { reminders, escalations, instructionsOverdue, jobs };
}

let started = false;

/** Starts the per-instance interval (Node runtime only; not in tests, not with JOBS_DISABLED=1). */
export function startJobScheduler(): boolean {
  const config = env();
  if (started || config.NODE_ENV === "test" || config.JOBS_DISABLED === "1") return false;
  started = true;
  let running = false;
  const tick = async () => {
    if (running) return; // a slow round is not overtaken by the next one in this process
    running = true;
    try {
      await runJobsOnce();
    } catch (error) {
      console.error("[jobs] round failed:", error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), TICK_INTERVAL_MS);
  timer.unref();
  return true;
}
