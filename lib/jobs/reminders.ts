import "server-only";
// The scheduled reminders (a "tick", run every minute by each app instance, or by cron through
// `npm run jobs:run`). For each committee, judged on the Beijing calendar day of `now`:
//
// - window open (WINDOW_OPEN): the reporting window of month M opens the day after the previous
//   month's deadline — monthlyDueOn(M-1)+1, the day `currentReportingPeriod` turns to M (本月待报
//   shows M from then on). From that day until the deadline-soon days begin, reporters of units that
//   owe M's reports and have not submitted them all are told once (so a tick missed because no
//   instance was up on the day catches up the next day);
// - deadline soon (DEADLINE_SOON): from 3 days before the monthly deadline to the deadline day,
//   reporters of units with expected reports not yet submitted are told once, with the count;
// - quarterly deadline soon (DEADLINE_SOON, title quarterlyDeadlineSoon): likewise for the quarterly deadline, to the
//   liaisons of special groups whose group report is not submitted and to the reporters of the lead
//   units of leader-linked key tasks whose key-task report is not submitted (the subjects of
//   lib/reports/quarterly-queries.ts: every special group, every key task owing the quarter).
//
// Safe on several instances: the tick runs under a transaction-scoped advisory lock (a second
// instance skips), and every notification carries a dedupe key (`window:<committee>:<period>:<unit>`,
// `deadline:…`, `qdeadline:<committee>:<quarter>`), so even two ticks in a row write each once.
import { db } from "@/lib/db/client";
import { enqueueMails } from "@/lib/notifications/mail";
import { notify, reporterIdsByUnit, type NotificationInput } from "@/lib/notifications/service";
import type { Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { DEFAULT_MONTHLY_DUE_DAY, DEFAULT_QUARTERLY_DUE_DAY, unsubmittedCodesByUnit } from "@/lib/reports/compliance";
import { keyTaskWhere } from "@/lib/reports/quarterly-queries";
import {
  addMonths,
  currentReportingPeriod,
  currentReportingQuarter,
  daysUntil,
  monthKey,
  monthlyDueOn,
  quarterKey,
  quarterlyDueOn,
} from "@/lib/reports/rules";
import { dayOf } from "@/lib/tasks/rules";

export const DEADLINE_SOON_DAYS = 3;
const LOCK = "reform:jobs:reminders";
const DAY = 86_400_000;

export interface ReminderSummary {
  /** false when another instance was running the tick */
  ran: boolean;
  /** notifications written */
  windowOpen: number;
  deadlineSoon: number;
  quarterlyDeadlineSoon: number;
}

const isoDay = (day: Date) => day.toISOString().slice(0, 10);

/** Sends what is due today, once. */
export async function remindersTick(at: Date = now()): Promise<ReminderSummary> {
  return db.$transaction(
    async (tx) => {
      const summary: ReminderSummary = { ran: false, windowOpen: 0, deadlineSoon: 0, quarterlyDeadlineSoon: 0 };
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${LOCK})) AS locked`;
      if (!lock?.locked) return summary;
      summary.ran = true;
      const committees = await tx.committee.findMany({
        select: { id: true, settings: { select: { monthlyReportDueDay: true, quarterlyReportDueDay: true } } },
        orderBy: { createdAt: "asc" },
      });
      for (const committee of committees) {
        const monthlyDueDay = committee.settings?.monthlyReportDueDay ?? DEFAULT_MONTHLY_DUE_DAY;
        const quarterlyDueDay = committee.settings?.quarterlyReportDueDay ?? DEFAULT_QUARTERLY_DUE_DAY;
        const monthly = await monthlyReminders(tx, committee.id, monthlyDueDay, at);
        summary.windowOpen += monthly.windowOpen;
        summary.deadlineSoon += monthly.deadlineSoon;
        summary.quarterlyDeadlineSoon += await quarterlyReminders(tx, committee.id, quarterlyDueDay, at);
      }
      return summary;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

async function send(tx: Tx, committeeId: string, userIds: string[], input: NotificationInput): Promise<number> {
  const written = await notify(tx, committeeId, userIds, input);
  await enqueueMails(tx, userIds, input);
  return written;
}

async function monthlyReminders(tx: Tx, committeeId: string, dueDay: number, at: Date) {
  const period = currentReportingPeriod(at, dueDay);
  const dueOn = monthlyDueOn(period, dueDay);
  const opensOn = new Date(monthlyDueOn(addMonths(period, -1), dueDay).getTime() + DAY);
  const daysLeft = daysUntil(dueOn, at);
  const soon = daysLeft >= 0 && daysLeft <= DEADLINE_SOON_DAYS;
  const open = daysLeft > DEADLINE_SOON_DAYS && dayOf(at).getTime() >= opensOn.getTime();
  const counts = { windowOpen: 0, deadlineSoon: 0 };
  if (!soon && !open) return counts;

  const owing = await unsubmittedCodesByUnit(tx, { committeeId, period, dueDay, asOf: at });
  if (owing.size === 0) return counts;
  const reporters = await reporterIdsByUnit(tx, committeeId, [...owing.keys()]);
  const key = monthKey(period);
  for (const [unitId, codes] of owing) {
    const userIds = reporters.get(unitId) ?? [];
    if (userIds.length === 0) continue;
    const base = { link: `/reports?period=${key}` };
    if (soon)
      counts.deadlineSoon += await send(tx, committeeId, userIds, {
        ...base,
        kind: "DEADLINE_SOON",
        title: "notifications.titles.deadlineSoon",
        params: { month: key, due: isoDay(dueOn), count: codes.length },
        dedupeKey: `deadline:${committeeId}:${key}:${unitId}`,
      });
    else
      counts.windowOpen += await send(tx, committeeId, userIds, {
        ...base,
        kind: "WINDOW_OPEN",
        title: "notifications.titles.windowOpen",
        params: { month: key, due: isoDay(dueOn) },
        dedupeKey: `window:${committeeId}:${key}:${unitId}`,
      });
  }
  return counts;
}

async function quarterlyReminders(tx: Tx, committeeId: string, dueDay: number, at: Date): Promise<number> {
  const quarter = currentReportingQuarter(at, dueDay);
  const dueOn = quarterlyDueOn(quarter, dueDay);
  const daysLeft = daysUntil(dueOn, at);
  if (daysLeft < 0 || daysLeft > DEADLINE_SOON_DAYS) return 0;

  // the subjects of lib/reports/quarterly-queries.ts: every special group, every leader-linked key task owing the quarter
  // (one after another: a transaction is one connection)
  const groups = await tx.specialGroup.findMany({ where: { committeeId, deletedAt: null }, select: { id: true } });
  const keyTasks = await tx.reformTask.findMany({ where: keyTaskWhere(committeeId, quarter), select: { id: true, leadUnitId: true } });
  const submitted = await tx.quarterlyReport.findMany({
    where: {
      committeeId,
      year: quarter.year,
      quarter: quarter.quarter,
      deletedAt: null,
      status: { not: "DRAFT" },
      firstSubmittedAt: { not: null },
    },
    select: { subjectKey: true },
  });
  const filed = new Set(submitted.map((report) => report.subjectKey));
  const groupIds = groups.filter((group) => !filed.has(`G:${group.id}`)).map((group) => group.id);
  const unitIds = [...new Set(keyTasks.filter((task) => !filed.has(`T:${task.id}`)).map((task) => task.leadUnitId))];
  const liaisons = groupIds.length
    ? await tx.roleAssignment.findMany({
        where: { committeeId, role: "GROUP_LIAISON", groupId: { in: groupIds }, user: { disabledAt: null, deletedAt: null } },
        select: { userId: true },
      })
    : [];
  const reporters = unitIds.length ? await reporterIdsByUnit(tx, committeeId, unitIds) : new Map<string, string[]>();
  const userIds = [...new Set([...liaisons.map((grant) => grant.userId), ...[...reporters.values()].flat()])];
  if (userIds.length === 0) return 0;
  const key = quarterKey(quarter);
  return send(tx, committeeId, userIds, {
    kind: "DEADLINE_SOON",
    title: "notifications.titles.quarterlyDeadlineSoon",
    params: { quarter: key, due: isoDay(dueOn) },
    link: `/reports/quarterly?quarter=${key}`,
    dedupeKey: `qdeadline:${committeeId}:${key}`,
  });
}
