// The Postgres job queue (lib/jobs/queue.ts) and the scheduled reminders (lib/jobs/reminders.ts):
// concurrent ticks write each notification once, concurrent workers never share a job, abandoned
// jobs are reclaimed, failing jobs are retried with a backoff and then FAILED.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { backoffMs, claimDue, enqueue, MAX_ATTEMPTS, runDue, STALE_AFTER_MS } from "@/lib/jobs/queue";
import { remindersTick } from "@/lib/jobs/reminders";
import { runJobsOnce } from "@/lib/jobs/scheduler";
import { createCommittee, createGroup, createUser } from "@/tests/factories";

/**
 * A committee (monthly reports due on the 5th, quarterly on the 10th) with October 2026 tasks:
 * unit A owes two reports (two reporters), unit B filed its report on 1 November (one reporter),
 * unit C owes the report of a leader-linked key task (one reporter), unit D owes one but has no
 * reporter. Group 1's Q3 report is not in; group 2's was submitted.
 */
async function fixture() {
  const committee = await createCommittee();
  const [g1, g2] = [await createGroup(committee.id), await createGroup(committee.id)];
  const unit = (name: string, sortOrder: number) =>
    db.unit.create({ data: { committeeId: committee.id, name, kind: "GOV_DEPT", sortOrder } });
  const [a, b, c, d] = [await unit("甲局", 1), await unit("乙局", 2), await unit("丙局", 3), await unit("丁局", 4)];
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年改革工作要点" } });
  const leader = await createUser(committee.id, { role: "LEADER" });
  const task = (code: string, unitId: string, groupId: string, extra: Record<string, unknown> = {}) =>
    db.reformTask.create({
      data: {
        committeeId: committee.id,
        year: 2026,
        planId: plan.id,
        groupId,
        code,
        title: `任务${code}`,
        goal: "改革目标",
        leadUnitId: unitId,
        source: "SELF",
        startDate: new Date("2026-01-01"),
        dueDate: new Date("2026-12-31"),
        ...extra,
      },
    });
  await task("A-1", a.id, g1.id);
  await task("A-2", a.id, g1.id);
  const filed = await task("B-1", b.id, g2.id);
  await db.progressReport.create({
    data: {
      taskId: filed.id,
      unitId: b.id,
      period: new Date("2026-10-01"),
      progress: "本月进展",
      percent: 60,
      status: "SUBMITTED",
      firstSubmittedAt: new Date("2026-11-01T02:00:00Z"),
      submittedAt: new Date("2026-11-01T02:00:00Z"),
    },
  });
  await task("C-1", c.id, g1.id, { isKey: true, leaderId: leader.id });
  await task("D-1", d.id, g2.id);
  await db.quarterlyReport.create({
    data: {
      committeeId: committee.id,
      year: 2026,
      quarter: 3,
      kind: "GROUP",
      subjectKey: `G:${g2.id}`,
      groupId: g2.id,
      title: "三季度报告",
      body: "本季度进展",
      status: "SUBMITTED",
      submittedAt: new Date("2026-10-06T02:00:00Z"),
      firstSubmittedAt: new Date("2026-10-06T02:00:00Z"),
    },
  });
  const reporters = {
    a: [
      await createUser(committee.id, { role: "UNIT_REPORTER", unitId: a.id }),
      await createUser(committee.id, { role: "UNIT_REPORTER", unitId: a.id }),
    ],
    b: [await createUser(committee.id, { role: "UNIT_REPORTER", unitId: b.id })],
    c: [await createUser(committee.id, { role: "UNIT_REPORTER", unitId: c.id })],
  };
  const liaisons = {
    g1: await createUser(committee.id, { role: "GROUP_LIAISON", groupId: g1.id }),
    g2: await createUser(committee.id, { role: "GROUP_LIAISON", groupId: g2.id }),
  };
  return { committee, a, b, c, d, reporters, liaisons };
}

const notificationsOf = (kind: string) =>
  db.notification
    .findMany({ where: { kind }, orderBy: [{ userId: "asc" }] })
    .then((rows) => rows.map((row) => ({ userId: row.userId, title: row.title, params: row.params, link: row.link })));

describe("the reminders tick", () => {
  it("run twice at once 3 days before the deadline, writes each deadline reminder exactly once", async () => {
    const w = await fixture();
    const now = new Date("2026-11-02T02:00:00Z"); // 2 November, 10:00 in Beijing; October's reports are due on the 5th

    const [first, second] = await Promise.all([remindersTick(now), remindersTick(now)]);
    expect(first.deadlineSoon + second.deadlineSoon).toBe(3);
    expect(first.ran || second.ran).toBe(true);
    // and once more later the same day: nothing new
    expect((await remindersTick(new Date("2026-11-02T09:00:00Z"))).deadlineSoon).toBe(0);

    const expected = [
      ...w.reporters.a.map((user) => ({ userId: user.id, count: 2 })),
      ...w.reporters.c.map((user) => ({ userId: user.id, count: 1 })),
    ].sort((x, y) => x.userId.localeCompare(y.userId));
    expect(await notificationsOf("DEADLINE_SOON")).toEqual(
      expected.map(({ userId, count }) => ({
        userId,
        title: "notifications.titles.deadlineSoon",
        params: { month: "2026-10", due: "2026-11-05", count },
        link: "/reports?period=2026-10",
      })),
    );
    expect(await db.notification.count()).toBe(3);
    const keys = await db.notification.findMany({ select: { dedupeKey: true } });
    expect(keys.every((row) => row.dedupeKey?.startsWith(`deadline:${w.committee.id}:2026-10:`))).toBe(true);
  });

  it("sends nothing on an ordinary day, e.g. before the deadline-soon days", async () => {
    await fixture();
    // 1 November: 4 days before the deadline, and October's window-open reminders (sent from 6 October) are done
    await remindersTick(new Date("2026-10-06T02:00:00Z"));
    const before = await db.notification.count();
    const summary = await remindersTick(new Date("2026-11-01T02:00:00Z"));
    expect(summary).toMatchObject({ ran: true, deadlineSoon: 0, quarterlyDeadlineSoon: 0, windowOpen: 0 });
    expect(await db.notification.count()).toBe(before);
  });

  it("opens October's window for the units that owe it, and warns of the Q3 deadline those who owe a quarterly report", async () => {
    const w = await fixture();
    const now = new Date("2026-10-08T02:00:00Z"); // October's window opened on the 6th; Q3 reports are due on the 10th
    const [first, second] = await Promise.all([remindersTick(now), remindersTick(now)]);
    expect(first.windowOpen + second.windowOpen).toBe(4);
    expect(first.quarterlyDeadlineSoon + second.quarterlyDeadlineSoon).toBe(2);

    // every unit with a reporter owes October (unit B files only on 1 November); unit D has nobody to tell
    const windowUsers = [...w.reporters.a, ...w.reporters.b, ...w.reporters.c].map((user) => user.id).sort();
    expect(await notificationsOf("WINDOW_OPEN")).toEqual(
      windowUsers.map((userId) => ({
        userId,
        title: "notifications.titles.windowOpen",
        params: { month: "2026-10", due: "2026-11-05" },
        link: "/reports?period=2026-10",
      })),
    );
    // group 1's liaison (its group report is not in) and unit C's reporter (its key task's report); not group 2's liaison
    const quarterlyUsers = [w.liaisons.g1.id, w.reporters.c[0]!.id].sort();
    const quarterly = (await notificationsOf("DEADLINE_SOON")).filter((row) => row.title === "notifications.titles.quarterlyDeadlineSoon");
    expect(quarterly).toEqual(
      quarterlyUsers.map((userId) => ({
        userId,
        title: "notifications.titles.quarterlyDeadlineSoon",
        params: { quarter: "2026-Q3", due: "2026-10-10" },
        link: "/reports/quarterly?quarter=2026-Q3",
      })),
    );
  });
});

describe("the job queue", () => {
  it("never gives two concurrent workers the same job", async () => {
    const at = new Date("2026-11-02T02:00:00Z");
    for (let i = 0; i < 40; i++) await enqueue(db, "noop", { i }, new Date(at.getTime() - i * 1000));
    await enqueue(db, "noop", { later: true }, new Date(at.getTime() + 60_000));
    const claims = await Promise.all(["w1", "w2", "w3", "w4"].map((worker) => claimDue(15, { worker, now: at })));
    const ids = claims.flat().map((job) => job.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(15);
    expect(ids.length).toBeLessThanOrEqual(40);
    for (const [index, worker] of ["w1", "w2", "w3", "w4"].entries()) {
      const rows = await db.job.findMany({ where: { id: { in: claims[index]!.map((job) => job.id) } } });
      expect(rows.every((row) => row.status === "RUNNING" && row.lockedBy === worker && row.attempts === 1)).toBe(true);
    }
    // the rest is still there for the next claim; the job due later is not claimed before its time
    const rest = await claimDue(100, { worker: "w5", now: at });
    expect(ids.length + rest.length).toBe(40);
    expect(await db.job.count({ where: { status: "PENDING" } })).toBe(1);
  });

  it("lets another worker take over a job whose worker died, after 10 minutes", async () => {
    const at = new Date("2026-11-02T02:00:00Z");
    await enqueue(db, "noop", null, at);
    const [job] = await claimDue(1, { worker: "dead", now: at });
    expect(await claimDue(1, { worker: "alive", now: new Date(at.getTime() + STALE_AFTER_MS - 1000) })).toEqual([]);
    const [again] = await claimDue(1, { worker: "alive", now: new Date(at.getTime() + STALE_AFTER_MS + 1000) });
    expect(again).toMatchObject({ id: job!.id, lockedBy: "alive", attempts: 2 });
  });

  it("retries a failing job with a growing backoff, then marks it FAILED with the last error", async () => {
    let at = new Date("2026-11-02T02:00:00Z");
    await enqueue(db, "explode", { n: 1 }, at);
    await enqueue(db, "fine", { n: 2 }, at);
    const seen: unknown[] = [];
    const handlers = {
      explode: async () => {
        throw new Error("SMTP 421 try again later");
      },
      fine: async (payload: unknown) => {
        seen.push(payload);
      },
    };
    const first = await runDue(handlers, { now: at, worker: "w1" });
    expect(first).toEqual({ claimed: 2, done: 1, retried: 1, failed: 0 });
    expect(seen).toEqual([{ n: 2 }]);
    let job = await db.job.findFirstOrThrow({ where: { kind: "explode" } });
    expect(job).toMatchObject({ status: "PENDING", attempts: 1, lastError: "SMTP 421 try again later", lockedBy: null });
    expect(job.runAt.getTime()).toBe(at.getTime() + backoffMs(1));
    // not due again before its backoff
    expect((await runDue(handlers, { now: new Date(job.runAt.getTime() - 1), worker: "w1" })).claimed).toBe(0);

    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      at = job.runAt;
      const summary = await runDue(handlers, { now: at, worker: "w1" });
      job = await db.job.findFirstOrThrow({ where: { kind: "explode" } });
      expect(job.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        expect(summary).toMatchObject({ retried: 1, failed: 0 });
        expect(job.runAt.getTime() - at.getTime()).toBe(backoffMs(attempt));
      } else expect(summary).toMatchObject({ retried: 0, failed: 1 });
    }
    expect(job).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, lastError: "SMTP 421 try again later", lockedAt: null });
    expect(backoffMs(2)).toBeGreaterThan(backoffMs(1));
    expect((await runDue(handlers, { now: new Date(at.getTime() + 86_400_000) })).claimed).toBe(0);
    expect(await db.job.findFirstOrThrow({ where: { kind: "fine" } })).toMatchObject({ status: "DONE", attempts: 1 });
  });

  it("runs one round for cron: the reminders, then the due jobs; an unknown kind fails like any error", async () => {
    await fixture();
    const at = new Date("2026-11-02T02:00:00Z");
    await enqueue(db, "mystery", null, at);
    const round = await runJobsOnce({ now: at, handlers: {} });
    expect(round.reminders).toMatchObject({ ran: true, deadlineSoon: 3 });
    expect(round.jobs).toEqual({ claimed: 1, done: 0, retried: 1, failed: 0 });
    expect(await db.job.findFirstOrThrow()).toMatchObject({ status: "PENDING", lastError: 'no handler for job kind "mystery"' });
  });

  it("enqueues a job once per dedupe key", async () => {
    const at = new Date("2026-11-02T02:00:00Z");
    expect(await enqueue(db, "noop", null, at, "once")).toBe(true);
    expect(await enqueue(db, "noop", null, at, "once")).toBe(false);
    expect(await db.job.count()).toBe(1);
  });
});
