// 形式主义预警 in the demo county and at a county's size: the demo seed carries a copied report, a
// frozen percent and a reused file, each raising exactly its signal and nothing else (on the seed
// tests' day and on days of the calendar that used to break the demo); and a refresh over 2,000
// monthly reports finds exactly what the TypeScript rules find (its duration is printed, not asserted).
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/prisma";
import { buildDemo, seedDemo } from "@/lib/demo/seed";
import { plantedSignalsOf } from "@/lib/demo/signals";
import catalog from "@/lib/demo/catalog.json";
import { lightsSql } from "@/lib/ledger/light-sql";
import { listLedger } from "@/lib/ledger/queries";
import { DEFAULT_LEDGER_PARAMS } from "@/lib/ledger/schemas";
import { reviewQueue, parseReviewFilters } from "@/lib/reports/progress-queries";
import { listSignals } from "@/lib/signals/queries";
import { runSignalRefresh } from "@/lib/signals/refresh-sql";
import { isCopied, isFrozen, latestRun, trigramSimilarity } from "@/lib/signals/rules";
import { DEFAULT_SIGNAL_PARAMS } from "@/lib/signals/schemas";
import { createCommittee, createGroup, createUnit } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

const TODAY = new Date("2026-11-22T02:00:00Z");

async function actorOf(username: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
  return actorFor(user.id);
}

const byKind = async () =>
  Object.fromEntries(
    (await db.signal.groupBy({ by: ["kind"], _count: true, orderBy: { kind: "asc" } })).map((row) => [row.kind, row._count]),
  );

describe("the demo county's signals", () => {
  it("raises exactly the copied report, the frozen percent and the reused file it was built with", async () => {
    process.env.APP_NOW = TODAY.toISOString();
    await seedDemo(db, { today: TODAY });
    expect(await byKind()).toEqual({ COPIED_REPORT: 1, FROZEN_PERCENT: 1, REUSED_FILE: 1 });
    const stories = plantedSignalsOf(buildDemo(TODAY, "x"))!;
    const signals = await db.signal.findMany({ orderBy: { kind: "asc" } });
    const [copied, frozen, reused] = signals;

    // the copied report: the task's latest lead report, its 本月进展 the previous one's but for a figure
    expect(copied).toMatchObject({ kind: "COPIED_REPORT", reportId: stories.copiedReportId, dismissedAt: null });
    const [report, previous] = await Promise.all([
      db.progressReport.findUniqueOrThrow({ where: { id: copied!.reportId! } }),
      db.progressReport.findUniqueOrThrow({ where: { id: copied!.previousReportId! } }),
    ]);
    expect(copied!.value).toBe(trigramSimilarity(previous.progress, report.progress));
    expect(isCopied(copied!.value, 90)).toBe(true);
    expect(copied!.value).toBeLessThan(1);
    expect(report.status).toBe("SUBMITTED");
    expect(report.period.getTime() - previous.period.getTime()).toBeGreaterThan(0);
    // the office meets it in 进展审核
    const office = await actorOf("office");
    const queue = await reviewQueue(
      office,
      parseReviewFilters({ period: report.period.toISOString().slice(0, 7), unitId: report.unitId, kind: "LEAD" }),
    );
    expect(queue.rows.map((row) => row.id)).toContain(report.id);

    // the frozen percent: the last three approved lead reports, three months in a row, one percent, the task behind plan
    expect(frozen).toMatchObject({ kind: "FROZEN_PERCENT", taskId: stories.frozenTaskId, value: 2 });
    const task = await db.reformTask.findUniqueOrThrow({ where: { id: frozen!.taskId } });
    const approved = await db.progressReport.findMany({
      where: { taskId: task.id, unitId: task.leadUnitId, kind: "LEAD", status: "APPROVED", deletedAt: null },
      orderBy: { period: "desc" },
    });
    const run = latestRun(approved.map((row) => ({ period: row.period, percent: row.percent! })));
    expect(run).toMatchObject({ months: 2, percent: frozen!.percent });
    expect(task.actualPercent).toBe(frozen!.percent);
    const [light] = await db.$queryRaw<{ planned: number; actual: number; light: string }[]>(
      lightsSql({ scope: Prisma.sql`true`, year: 0, asOf: "2026-11-22", taskId: task.id }),
    );
    expect(isFrozen(run, 2, light!.planned > light!.actual)).toBe(true);
    expect(frozen!.planned).toBe(light!.planned);

    // the reused file: one file (by SHA-256) on two tasks' reports of one unit
    expect(reused).toMatchObject({ kind: "REUSED_FILE", attachmentId: stories.reusedAttachmentId, value: 1 });
    const files = await db.attachment.findMany({ where: { id: { in: [reused!.attachmentId!, reused!.previousAttachmentId!] } } });
    expect(new Set(files.map((file) => file.sha256)).size).toBe(1);
    const owners = await db.progressReport.findMany({ where: { id: { in: files.map((file) => file.entityId) } } });
    expect(new Set(owners.map((owner) => owner.taskId)).size).toBe(2);
    expect(new Set(owners.map((owner) => owner.unitId)).size).toBe(1);
    expect(stories.files.map((file) => file.bytes.subarray(0, 5).toString())).toEqual(["%PDF-", "%PDF-"]);

    // three different tasks, nothing dismissed, nothing more to find; the ledger's filter lists them
    expect(new Set(signals.map((signal) => signal.taskId)).size).toBe(3);
    expect(await runSignalRefresh(db, { committeeId: "cqhcommittee" }, TODAY)).toEqual({ inserted: 0, updated: 0, removed: 0 });
    const ledger = await listLedger(office, { ...DEFAULT_LEDGER_PARAMS, year: 2026, signal: "ANY", size: 100 });
    expect(ledger.rows.map((row) => row.id).sort()).toEqual(signals.map((signal) => signal.taskId).sort());
    const page = await listSignals(office, DEFAULT_SIGNAL_PARAMS);
    expect(page.total).toBe(3);
    expect(page.rows.find((row) => row.kind === "COPIED_REPORT")!.href).toMatch(/^\/reports\/review\?period=\d{4}-\d{2}&unitId=/);
  });

  it.each(["2026-12-02T07:06:00+08:00", "2027-01-06T09:00:00+08:00", "2026-06-30T16:00:00+08:00"])(
    "on %s raises only the stories the day has room for",
    async (when) => {
      const today = new Date(when);
      process.env.APP_NOW = today.toISOString();
      await seedDemo(db, { today });
      const stories = plantedSignalsOf(buildDemo(today, "x"))!;
      const expected: Record<string, number> = {};
      if (stories.copiedReportId) expected.COPIED_REPORT = 1;
      if (stories.frozenTaskId) expected.FROZEN_PERCENT = 1;
      if (stories.reusedAttachmentId) expected.REUSED_FILE = 1;
      expect(stories.copiedReportId).not.toBeNull();
      expect(await byKind()).toEqual(expected);
    },
  );
});

describe("a county's size", () => {
  it("refreshes 2,000 monthly reports and finds exactly what the rules in TypeScript find", async () => {
    process.env.APP_NOW = TODAY.toISOString();
    const committee = await createCommittee();
    const group = await createGroup(committee.id);
    const units = await Promise.all(Array.from({ length: 20 }, () => createUnit(committee.id)));
    const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年全面深化改革工作要点" } });
    const phrases = catalog.reportPhrases.progress;
    const TASKS = 200;
    const MONTHS = 10; // January to October
    const tasks = Array.from({ length: TASKS }, (_, i) => ({
      id: `csizetask${String(i).padStart(16, "0")}`,
      committeeId: committee.id,
      year: 2026,
      planId: plan.id,
      groupId: group.id,
      code: `2026-规模-${String(i + 1).padStart(3, "0")}`,
      title: `规模测试任务${i + 1}`,
      goal: "改革目标",
      leadUnitId: units[i % units.length]!.id,
      source: "SELF" as const,
      startDate: new Date("2026-01-01"),
      dueDate: new Date("2026-12-31"),
    }));
    await db.reformTask.createMany({ data: tasks });
    const reports: Prisma.ProgressReportCreateManyInput[] = [];
    tasks.forEach((task, i) => {
      let percent = 0;
      for (let m = 0; m < MONTHS; m++) {
        // every 10th task copies September into October; every 25th leaves its percent at August's
        const copy = i % 10 === 0 && m === 9;
        const freeze = i % 25 === 0 && m >= 8;
        if (!freeze) percent += 2 + ((i + m) % 7);
        const text = (month: number) =>
          `${phrases[(i + month * 5) % phrases.length]}${phrases[(i * 3 + month * 7 + 1) % phrases.length]}本月完成第${month + 1}批次${i % 13}项具体事项。`;
        reports.push({
          taskId: task.id,
          unitId: task.leadUnitId,
          period: new Date(Date.UTC(2026, m, 1)),
          progress: copy ? text(8) : text(m),
          percent,
          status: "APPROVED",
          submittedAt: new Date(Date.UTC(2026, m + 1, 3)),
          firstSubmittedAt: new Date(Date.UTC(2026, m + 1, 3)),
          reviewedAt: new Date(Date.UTC(2026, m + 1, 4)),
        });
      }
    });
    await db.progressReport.createMany({ data: reports });
    expect(reports).toHaveLength(2000);

    const started = performance.now();
    const counts = await runSignalRefresh(db, { committeeId: committee.id }, TODAY);
    const took = performance.now() - started;
    console.log(`[signals] refresh of ${reports.length} reports on ${TASKS} tasks: ${JSON.stringify(counts)} in ${took.toFixed(0)} ms`);

    // what the TypeScript rules find on the same rows (the plan: linear, 88 % on 22 November)
    const expectedCopies = new Set<string>();
    const expectedFrozen = new Set<string>();
    for (const task of tasks) {
      const mine = reports.filter((row) => row.taskId === task.id);
      mine.forEach((row, k) => {
        if (k > 0 && isCopied(trigramSimilarity(mine[k - 1]!.progress, row.progress), 90)) expectedCopies.add(`${task.id}:${k}`);
      });
      const run = latestRun(mine.map((row) => ({ period: row.period as Date, percent: row.percent! })));
      if (isFrozen(run, 2, 88 > (run?.percent ?? 0))) expectedFrozen.add(task.id);
    }
    const found = await db.signal.findMany({ where: { committeeId: committee.id }, select: { kind: true, taskId: true, period: true } });
    const copies = found.filter((signal) => signal.kind === "COPIED_REPORT");
    const frozen = found.filter((signal) => signal.kind === "FROZEN_PERCENT");
    expect(copies).toHaveLength(expectedCopies.size);
    expect(copies).toHaveLength(TASKS / 10);
    expect(frozen.map((signal) => signal.taskId).sort()).toEqual([...expectedFrozen].sort());
    expect(frozen).toHaveLength(TASKS / 25);
    expect(counts).toEqual({ inserted: found.length, updated: 0, removed: 0 });
    expect(await runSignalRefresh(db, { committeeId: committee.id }, TODAY)).toEqual({ inserted: 0, updated: 0, removed: 0 });
  });
});
