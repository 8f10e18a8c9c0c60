// Next.js calls register() once when a server instance starts. In the Node.js runtime it starts
// the background-job trigger (lib/jobs/scheduler.ts): every minute, the scheduled reminders and
// the due jobs (e-mails). All state is in the database; the timer is only a trigger.
export async function register() {
  // Both are set by Next.js itself, not deployment settings (so not in lib/server/env.ts): the
  // runtime (inlined at build time), and the build phase, when no instance is serving.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startJobScheduler } = await import("@/lib/jobs/scheduler");
  startJobScheduler();
}
