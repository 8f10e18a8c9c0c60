// npm run jobs:run — one round of background work, for cron (the app instances then run with
// JOBS_DISABLED=1): today's scheduled reminders (idempotent), the day's refresh of the formalism
// signals (once a day per committee), then every job due now (e-mails).
// Runs under the "react-server" condition (see package.json) so that the app's server-only modules load.
import { sessionSecret } from "./launch-env";

// The app's environment check wants the session secret even though jobs never use it.
process.env.NEXTAUTH_SECRET = sessionSecret();
const { runJobsOnce } = await import("@/lib/jobs/scheduler");

try {
  const { reminders, signals, jobs } = await runJobsOnce();
  const sent = reminders.ran
    ? `window open ${reminders.windowOpen}, deadline soon ${reminders.deadlineSoon}, quarterly ${reminders.quarterlyDeadlineSoon}`
    : "skipped (another instance is running them)";
  console.log(
    `[jobs] reminders: ${sent}; signals refreshed for ${signals} committee(s); jobs: ${jobs.claimed} claimed, ${jobs.done} done, ${jobs.retried} to retry, ${jobs.failed} failed`,
  );
} finally {
  const prisma = (globalThis as { prisma?: { $disconnect(): Promise<void> } }).prisma;
  await prisma?.$disconnect();
}
