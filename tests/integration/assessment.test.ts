// 考核 on the demo county: the stored scores equal a fixture computed here from the raw rows with the
// pure rules (lights by `taskLight`, reports by `classifyReport`), publishing freezes a run, objections
// are seen by their unit and the office only, and a reporter can neither run nor publish.
import { describe, expect, it } from "vitest";
import { assessmentView } from "@/lib/assessment/queries";
import {
  completionOutcome,
  DEFAULT_SCHEME,
  monthEndsUpTo,
  rankTotals,
  scoreIndicators,
  totalScore,
  type IndicatorCode,
  type LevelValue,
  type UnitFacts,
} from "@/lib/assessment/rules";
import { adjustScore, answerObjection, fileObjection, publishAssessment, runAssessment, updateScheme } from "@/lib/assessment/service";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { classifyReport, isReportExpected, monthlyDueOn } from "@/lib/reports/rules";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { dayOf, taskLight, type TaskFacts } from "@/lib/tasks/rules";
import { createCommittee, createGroup, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

process.env.APP_NOW = "2026-11-22T02:00:00.000Z";
const TODAY = new Date(process.env.APP_NOW);

async function actorOf(username: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
  return actorFor(user.id);
}

function loadTasks(committeeId: string) {
  return db.reformTask.findMany({
    where: { committeeId, year: 2026, deletedAt: null, status: { not: "CANCELLED" } },
    include: { milestones: true, progressReports: true, closeOutRequests: true },
    orderBy: { code: "asc" },
  });
}
type Task = Awaited<ReturnType<typeof loadTasks>>[number];

/** A task's facts as of the end of a Beijing day, from its raw rows (the documented meaning of the ledger). */
function factsAsOf(task: Task, asOf: Date): TaskFacts {
  const endOfDay = asOf.getTime() + 16 * 3600_000;
  const by = (instant: Date | null) => instant !== null && instant.getTime() < endOfDay;
  let status: TaskFacts["status"] = task.status;
  if (task.status === "DONE" && !by(task.closedAt)) status = "ACTIVE";
  if (task.status === "PENDING_CLOSE" && !task.closeOutRequests.some((r) => r.status === "PENDING" && by(r.appliedAt))) status = "ACTIVE";
  const lead = task.progressReports.filter((r) => r.kind === "LEAD" && r.unitId === task.leadUnitId && r.deletedAt === null);
  const approved = lead
    .filter((r) => r.status === "APPROVED" && r.percent !== null && by(r.reviewedAt))
    .sort((a, b) => b.period.getTime() - a.period.getTime() || b.reviewedAt!.getTime() - a.reviewedAt!.getTime());
  return {
    status,
    startDate: task.startDate,
    dueDate: task.dueDate,
    actualPercent: approved[0]?.percent ?? 0,
    milestones: task.milestones.map((m) => ({
      plannedDate: m.plannedDate,
      plannedPercent: m.plannedPercent,
      completedOn: m.completedOn && m.completedOn.getTime() <= asOf.getTime() ? m.completedOn : null,
    })),
    reportedPeriods: lead.filter((r) => r.status !== "DRAFT" && by(r.firstSubmittedAt ?? r.submittedAt)).map((r) => r.period),
  };
}

/** Every unit's facts for 2026 as of TODAY, by hand from the raw rows. */
async function fixture(committeeId: string): Promise<Map<string, UnitFacts>> {
  const settings = await db.committeeSettings.findUniqueOrThrow({ where: { committeeId } });
  const asOfDay = dayOf(TODAY);
  const endOfDay = asOfDay.getTime() + 16 * 3600_000;
  const tasks = await loadTasks(committeeId);
  const facts = new Map<string, UnitFacts>();
  const of = (unitId: string) => {
    if (!facts.has(unitId))
      facts.set(unitId, {
        completion: { due: 0, onTime: 0, late: 0 },
        schedule: { counted: 0, green: 0 },
        timeliness: { onTime: 0, late: 0, missing: 0 },
        supervision: { received: 0, answeredOnTime: 0 },
        innovation: [],
      });
    return facts.get(unitId)!;
  };
  const monthEnds = monthEndsUpTo(2026, asOfDay);
  for (const task of tasks) {
    const unit = of(task.leadUnitId);
    // what was due by the day: the task (if due) and its milestones planned by then, by completionOutcome
    const closedOn = task.status === "DONE" && task.closedAt && task.closedAt.getTime() < endOfDay ? dayOf(task.closedAt) : null;
    const outcomes = [
      completionOutcome(task.dueDate, closedOn, asOfDay),
      ...task.milestones.map((m) =>
        completionOutcome(m.plannedDate, m.completedOn && m.completedOn.getTime() <= asOfDay.getTime() ? m.completedOn : closedOn, asOfDay),
      ),
    ];
    for (const outcome of outcomes) {
      if (outcome === null) continue;
      unit.completion.due++;
      if (outcome === "ON_TIME") unit.completion.onTime++;
      if (outcome === "LATE") unit.completion.late++;
    }
    for (const end of monthEnds) {
      const { light } = taskLight(factsAsOf(task, end), end, settings);
      if (["GREEN", "YELLOW", "RED", "PENDING_CLOSE"].includes(light)) unit.schedule.counted++;
      if (light === "GREEN" || light === "PENDING_CLOSE") unit.schedule.green++;
    }
    for (let month = 0; month < 12; month++) {
      const period = new Date(Date.UTC(2026, month, 1));
      const dueOn = monthlyDueOn(period, settings.monthlyReportDueDay);
      if (dueOn.getTime() > asOfDay.getTime() || !isReportExpected({ ...task, deleted: false }, period)) continue;
      const report =
        task.progressReports.find(
          (r) => r.kind === "LEAD" && r.unitId === task.leadUnitId && r.deletedAt === null && r.period.getTime() === period.getTime(),
        ) ?? null;
      const timeliness = classifyReport(report, dueOn, TODAY);
      if (timeliness === "ON_TIME") unit.timeliness.onTime++;
      if (timeliness === "LATE") unit.timeliness.late++;
      if (timeliness === "MISSING") unit.timeliness.missing++;
    }
  }
  const notices = await db.supervisionNotice.findMany({
    where: { committeeId, year: 2026, deletedAt: null, issuedAt: { lte: TODAY } },
    include: { responses: true },
  });
  for (const notice of notices) {
    if (!facts.has(notice.unitId)) continue;
    const first = notice.responses
      .map((r) => r.submittedAt)
      .filter((at) => at.getTime() <= TODAY.getTime())
      .sort((a, b) => a.getTime() - b.getTime())[0];
    if (!first && asOfDay.getTime() <= notice.responseDueDate.getTime()) continue;
    const unit = of(notice.unitId);
    unit.supervision.received++;
    // by the end of the due day in Beijing: before (due + 1 day) 00:00 +08:00, i.e. the due day 16:00Z
    if (first && first.getTime() < notice.responseDueDate.getTime() + 16 * 3600_000) unit.supervision.answeredOnTime++;
  }
  const items = await db.unitMonthlyReportItem.findMany({
    where: {
      level: { not: null },
      report: { committeeId, deletedAt: null, status: "APPROVED", period: { gte: new Date("2026-01-01"), lt: new Date("2027-01-01") } },
    },
    include: { report: { select: { unitId: true } } },
  });
  const cases = await db.typicalCase.findMany({ where: { committeeId, year: 2026, deletedAt: null } });
  const honors = await db.honor.findMany({ where: { committeeId, year: 2026, deletedAt: null } });
  const credit = (unitId: string, level: LevelValue) => {
    if (facts.has(unitId)) (of(unitId).innovation as { level: LevelValue }[]).push({ level });
  };
  for (const item of items) credit(item.report.unitId, item.level!);
  for (const row of [...cases, ...honors]) credit(row.unitId, row.level);
  return facts;
}

const scoresByCode = async (unitScoreId: string) => {
  const items = await db.unitScoreItem.findMany({ where: { unitScoreId }, include: { indicator: true } });
  return Object.fromEntries(items.map((item) => [item.indicator.code, Number(item.score)])) as Record<IndicatorCode, number>;
};

describe("assessment.run", () => {
  it("scores every lead unit of the demo county exactly as the pure rules do on the raw rows, with traces", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");
    const committeeId = office.committee.id;
    const expectedFacts = await fixture(committeeId);
    const run = await runAssessment(office, { year: 2026 });
    expect(run.runNumber).toBe(1);
    expect(run.units).toBe(expectedFacts.size);

    const expected = rankTotals(
      [...expectedFacts].map(([unitId, facts]) => {
        const results = scoreIndicators(DEFAULT_SCHEME, facts);
        return { unitId, results, total: totalScore(Object.values(results).map((r) => r.score)) };
      }),
    );
    const stored = await db.unitScore.findMany({ where: { assessmentId: run.id } });
    expect(stored).toHaveLength(expected.length);
    const byUnit = new Map(stored.map((row) => [row.unitId, row]));
    const ranks = new Set<number>();
    for (const row of expected) {
      const score = byUnit.get(row.unitId)!;
      expect({ unit: row.unitId, total: Number(score.total), rank: score.rank }).toEqual({
        unit: row.unitId,
        total: row.total,
        rank: row.rank,
      });
      expect(await scoresByCode(score.id)).toEqual(Object.fromEntries(Object.entries(row.results).map(([code, r]) => [code, r.score])));
      ranks.add(score.rank);
    }
    // the demo data spreads the units: not everyone has full marks
    expect(ranks.size).toBeGreaterThan(3);
    const facts = [...expectedFacts.values()];
    expect(facts.some((f) => f.timeliness.late + f.timeliness.missing > 0)).toBe(true);
    expect(facts.some((f) => f.schedule.counted > f.schedule.green)).toBe(true);
    expect(facts.some((f) => f.supervision.received > 0)).toBe(true);
    expect(facts.some((f) => f.innovation.length > 0)).toBe(true);

    // the trace names the tasks behind the completion figure
    const reporter = await actorOf("reporter");
    const unitId = reporter.unit!.id;
    const card = (await assessmentView(office, { year: 2026, unit: unitId })).card!;
    const completion = card.items.find((item) => item.code === "COMPLETION")!;
    const dueTasks = await db.reformTask.findMany({
      where: { committeeId, year: 2026, leadUnitId: unitId, deletedAt: null, status: { not: "CANCELLED" }, dueDate: { lte: dayOf(TODAY) } },
      select: { id: true },
    });
    const dueMilestones = await db.milestone.findMany({
      where: {
        plannedDate: { lte: dayOf(TODAY) },
        task: { committeeId, year: 2026, leadUnitId: unitId, deletedAt: null, status: { not: "CANCELLED" } },
      },
      select: { id: true },
    });
    const records = (kind: string) =>
      completion.records
        .filter((r) => r.kind === kind)
        .map((r) => r.id)
        .sort();
    expect(records("TASK")).toEqual(dueTasks.map((task) => task.id).sort());
    expect(records("MILESTONE")).toEqual(dueMilestones.map((m) => m.id).sort());
    expect(completion.records).toHaveLength(expectedFacts.get(unitId)!.completion.due);
    const schedule = card.items.find((item) => item.code === "SCHEDULE")!;
    expect(schedule.evidence.counted).toBe(expectedFacts.get(unitId)!.schedule.counted);
    expect(schedule.evidence.tasks!.reduce((sum, task) => sum + task.green!, 0)).toBe(expectedFacts.get(unitId)!.schedule.green);
    expect(card.items.map((item) => item.weight)).toEqual([40, 20, 20, 10, 10]);
  });
});

describe("publishing", () => {
  it("freezes a run: adjustments need a reason and only touch drafts; a re-run is version 2 and version 1 never changes", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");
    const first = await runAssessment(office, { year: 2026 });
    const [top, second] = await db.unitScore.findMany({ where: { assessmentId: first.id }, orderBy: [{ rank: "asc" }, { unitId: "asc" }] });

    // a reason is required
    const noReason = await adjustScore(office, {
      assessmentId: first.id,
      version: 1,
      unitId: second!.unitId,
      points: 5,
      reason: " ",
    }).catch((error: unknown) => error);
    expect(noReason).toBeInstanceOf(ValidationError);
    expect((noReason as ValidationError).fieldErrors.reason).toEqual(["validation.required"]);

    // an adjustment moves the total and the ranking
    const bonus = Number(top!.total) - Number(second!.total) + 1;
    const adjusted = await adjustScore(office, {
      assessmentId: first.id,
      version: 1,
      unitId: second!.unitId,
      points: Math.round(bonus * 100) / 100,
      reason: "获评省级改革创新典型，经改革办审定加分",
    });
    expect(adjusted.version).toBe(2);
    const after = await db.unitScore.findUniqueOrThrow({ where: { id: second!.id } });
    expect(Number(after.total)).toBeCloseTo(Number(second!.total) + Math.round(bonus * 100) / 100, 2);
    expect(after.rank).toBe(1);
    // a stale version is a conflict
    await expect(
      adjustScore(office, { assessmentId: first.id, version: 1, unitId: top!.unitId, points: 1, reason: "重复" }),
    ).rejects.toBeInstanceOf(ConflictError);

    await publishAssessment(office, { assessmentId: first.id, version: 2 });
    const frozen = await db.unitScore.findMany({ where: { assessmentId: first.id }, include: { items: true }, orderBy: { unitId: "asc" } });
    const adjustmentError = await adjustScore(office, {
      assessmentId: first.id,
      version: 3,
      unitId: top!.unitId,
      points: 1,
      reason: "补充",
    }).catch((error: unknown) => error);
    expect((adjustmentError as ValidationError).fieldErrors).toEqual({ assessmentId: ["assessment.validation.frozen"] });
    await expect(publishAssessment(office, { assessmentId: first.id, version: 3 })).rejects.toBeInstanceOf(ValidationError);

    // new data, then a re-run: version 2, version 1 unchanged
    const task = await db.reformTask.findFirstOrThrow({ where: { leadUnitId: top!.unitId, year: 2026, status: "ACTIVE" } });
    await db.reformTask.update({ where: { id: task.id }, data: { status: "CANCELLED" } });
    const rerun = await runAssessment(office, { year: 2026 });
    expect(rerun.runNumber).toBe(2);
    const runs = await db.assessment.findMany({ where: { year: 2026 }, orderBy: { runNumber: "asc" } });
    expect(runs.map((run) => [run.runNumber, run.status])).toEqual([
      [1, "PUBLISHED"],
      [2, "DRAFT"],
    ]);
    expect(
      await db.unitScore.findMany({ where: { assessmentId: first.id }, include: { items: true }, orderBy: { unitId: "asc" } }),
    ).toEqual(frozen);
    expect(await db.scoreAdjustment.count({ where: { assessmentId: rerun.id } })).toBe(0);

    // the office sees both runs; a reporter only the published one
    const officeView = await assessmentView(office, { year: 2026 });
    expect(officeView.runs.map((run) => run.runNumber)).toEqual([2, 1]);
    const reporterView = await assessmentView(await actorOf("reporter"), { year: 2026 });
    expect(reporterView.runs.map((run) => run.runNumber)).toEqual([1]);
    expect(reporterView.ranking).toEqual([]);
    expect(reporterView.card?.unitId).toBe((await actorOf("reporter")).unit!.id);
  });
});

describe("objections", () => {
  it("are filed by a unit on its own published score, seen by that unit and the office only, and answered by the office", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");
    const reporter = await actorOf("reporter");
    const reporter2 = await actorOf("reporter2");
    const run = await runAssessment(office, { year: 2026 });
    const unitId = reporter.unit!.id;

    // not before publication
    await expect(fileObjection(reporter, { assessmentId: run.id, unitId, content: "完成率计算有误" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await publishAssessment(office, { assessmentId: run.id, version: 1 });
    // not on another unit's score
    await expect(fileObjection(reporter2, { assessmentId: run.id, unitId, content: "代为申诉" })).rejects.toBeInstanceOf(NotFoundError);
    // the office does not file objections
    await expect(fileObjection(office, { assessmentId: run.id, unitId, content: "代为申诉" })).rejects.toBeInstanceOf(ForbiddenError);

    const filed = await fileObjection(reporter, { assessmentId: run.id, unitId, content: "2026-经济-003 已于10月销号，完成率应计入" });
    const own = await assessmentView(reporter, { year: 2026 });
    expect(own.objections.map((o) => o.id)).toEqual([filed.id]);
    expect(own.card!.objections.map((o) => o.id)).toEqual([filed.id]);
    const otherUnit = await assessmentView(reporter2, { year: 2026 });
    expect(otherUnit.objections).toEqual([]);
    expect(otherUnit.card?.unitId).toBe(reporter2.unit!.id);
    expect(otherUnit.card?.objections).toEqual([]);
    const officeView = await assessmentView(office, { year: 2026 });
    expect(officeView.objections.map((o) => [o.id, o.status])).toEqual([[filed.id, "OPEN"]]);
    expect(officeView.ranking.find((row) => row.unitId === unitId)!.openObjections).toBe(1);

    await expect(answerObjection(reporter, { id: filed.id, answer: "自行答复" })).rejects.toBeInstanceOf(ForbiddenError);
    await answerObjection(office, { id: filed.id, answer: "经核实，该任务销号日期为11月，已在第2版中计入。" });
    await expect(answerObjection(office, { id: filed.id, answer: "再次答复" })).rejects.toBeInstanceOf(ConflictError);
    const answered = (await assessmentView(reporter, { year: 2026 })).objections[0]!;
    expect(answered).toMatchObject({ status: "ANSWERED", answer: "经核实，该任务销号日期为11月，已在第2版中计入。" });
    expect(await db.auditEvent.count({ where: { event: { in: ["objection.file", "objection.answer"] }, result: "SUCCESS" } })).toBe(2);
  });
});

describe("permissions", () => {
  it("a reporter or a leader can neither run nor publish nor adjust", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");
    const run = await runAssessment(office, { year: 2026 });
    const unitId = (await db.unitScore.findFirstOrThrow({ where: { assessmentId: run.id } })).unitId;
    for (const username of ["reporter", "leader"]) {
      const actor = await actorOf(username);
      await expect(runAssessment(actor, { year: 2026 })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(publishAssessment(actor, { assessmentId: run.id, version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(adjustScore(actor, { assessmentId: run.id, version: 1, unitId, points: 1, reason: "x" })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    expect(await db.assessment.count()).toBe(1);
    expect((await db.assessment.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("DRAFT");
  });
});

describe("the scheme", () => {
  const weights = { COMPLETION: 50, SCHEDULE: 10, TIMELINESS: 20, SUPERVISION: 10, INNOVATION: 10 };

  it("lets the office set the weights for the next run; published scores keep theirs; 100 points in all", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");
    const first = await runAssessment(office, { year: 2026 });
    await publishAssessment(office, { assessmentId: first.id, version: 1 });
    const before = await db.unitScoreItem.findMany({ where: { unitScore: { assessmentId: first.id } }, orderBy: { id: "asc" } });

    const wrong = await updateScheme(office, { year: 2026, version: 1, weights: { ...weights, COMPLETION: 55 }, innovationCap: 10 }).catch(
      (error: unknown) => error,
    );
    expect(wrong).toBeInstanceOf(ValidationError);
    expect((wrong as ValidationError).fieldErrors.weights).toEqual(["assessment.validation.weights"]);

    expect(await updateScheme(office, { year: 2026, version: 1, weights, innovationCap: 8 })).toEqual({ version: 2 });
    await expect(updateScheme(office, { year: 2026, version: 1, weights, innovationCap: 8 })).rejects.toBeInstanceOf(ConflictError);
    const [audit, conflict] = await db.auditEvent
      .findMany({ where: { event: "assessment.updateScheme" }, orderBy: { id: "desc" }, take: 2 })
      .then((rows) => rows.reverse());
    expect(audit!.changes).toMatchObject({ "COMPLETION.weight": [40, 50], "SCHEDULE.weight": [20, 10], "INNOVATION.cap": [10, 8] });
    // the stale second save is recorded as not saved
    expect(conflict).toMatchObject({ result: "CONFLICT", changes: null });

    const second = await runAssessment(office, { year: 2026 });
    const items = await db.unitScoreItem.findMany({
      where: { unitScore: { assessmentId: second.id } },
      include: { indicator: { select: { code: true } } },
    });
    const best = (code: string) => Math.max(...items.filter((item) => item.indicator.code === code).map((item) => Number(item.score)));
    expect(best("COMPLETION")).toBeGreaterThan(40);
    // never more than what the indicator is worth for the unit: its weight, redistributed when the unit
    // does not take part in another ratio indicator (at most weight × 90 / the weights it takes part in)
    for (const item of items) {
      const evidence = item.evidence as { points: number; takesPart: boolean };
      expect(Number(item.score)).toBeLessThanOrEqual(evidence.points);
      if (item.indicator.code === "INNOVATION") expect(evidence.points).toBe(8);
      if (!evidence.takesPart) expect(Number(item.score)).toBe(0);
    }
    expect(best("INNOVATION")).toBeLessThanOrEqual(8);
    // the published run is frozen: its items did not change
    expect(await db.unitScoreItem.findMany({ where: { unitScore: { assessmentId: first.id } }, orderBy: { id: "asc" } })).toEqual(before);
  });

  it("is the office's: a reporter or a leader cannot change it", async () => {
    await seedDemo(db, { today: TODAY });
    for (const username of ["reporter", "leader"]) {
      const actor = await actorOf(username);
      await expect(updateScheme(actor, { year: 2026, version: null, weights, innovationCap: 10 })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

// ───────────── assessment at any date: a small fixture scored by hand (docs/decisions/0012) ─────────────

async function smallCounty() {
  const committee = await createCommittee();
  const group = await createGroup(committee.id);
  const a = await db.unit.create({ data: { committeeId: committee.id, name: "县甲局", kind: "GOV_DEPT", sortOrder: 1 } });
  const b = await db.unit.create({ data: { committeeId: committee.id, name: "县乙镇", kind: "TOWN", sortOrder: 2 } });
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年改革工作要点" } });
  const task = (code: string, unitId: string, extra: Record<string, unknown>) =>
    db.reformTask.create({
      data: {
        committeeId: committee.id,
        year: 2026,
        planId: plan.id,
        groupId: group.id,
        code,
        title: `任务${code}`,
        goal: "改革目标",
        leadUnitId: unitId,
        source: "SELF",
        startDate: new Date("2026-05-01"),
        dueDate: new Date("2026-12-31"),
        ...extra,
      },
    });
  const milestone = (taskId: string, title: string, plannedDate: string, plannedPercent: number, completedOn: string | null) =>
    db.milestone.create({
      data: { taskId, title, plannedDate: new Date(plannedDate), plannedPercent, completedOn: completedOn ? new Date(completedOn) : null },
    });
  const report = (taskId: string, unitId: string, period: string, submitted: string, percent: number, reviewed: string) =>
    db.progressReport.create({
      data: {
        taskId,
        unitId,
        period: new Date(period),
        progress: "本月进展",
        percent,
        status: "APPROVED",
        firstSubmittedAt: new Date(submitted),
        submittedAt: new Date(submitted),
        reviewedAt: new Date(reviewed),
      },
    });

  // A1: 1 May – 20 June, its one milestone met on 18 June and closed out that day; May's report on time
  const a1 = await task("A-01", a.id, { dueDate: new Date("2026-06-20"), status: "DONE", closedAt: new Date("2026-06-18T02:00:00Z") });
  const a1m = await milestone(a1.id, "完成方案报批", "2026-06-20", 100, "2026-06-18");
  await report(a1.id, a.id, "2026-05-01", "2026-06-03T02:00:00Z", 80, "2026-06-04T02:00:00Z");
  // A2: 1 May – 31 December; milestone 40 % planned 15 June met on 10 July, 100 % planned 31 December open;
  // May's report late (8 June, 20 %), nothing after
  const a2 = await task("A-02", a.id, {});
  const a2m1 = await milestone(a2.id, "完成试点", "2026-06-15", 40, "2026-07-10");
  const a2m2 = await milestone(a2.id, "全面推开", "2026-12-31", 100, null);
  await report(a2.id, a.id, "2026-05-01", "2026-06-08T02:00:00Z", 20, "2026-06-09T02:00:00Z");
  // two notices to A: the first answered on time (9 June, due 10 June), the second late (15 July, due 10 July)
  const notice = (serial: number, taskId: string, issued: string, due: string, answered: string) =>
    db.supervisionNotice.create({
      data: {
        committeeId: committee.id,
        taskId,
        unitId: a.id,
        year: 2026,
        serial,
        number: `测改督〔2026〕${serial}号`,
        reason: "进度滞后",
        issuedAt: new Date(issued),
        responseDueDate: new Date(due),
        status: "ANSWERED",
        responses: {
          create: {
            causeAnalysis: "原因",
            countermeasures: "措施",
            rectifyDeadline: new Date("2026-08-31"),
            submittedAt: new Date(answered),
          },
        },
      },
    });
  const n1 = await notice(1, a2.id, "2026-06-01T02:00:00Z", "2026-06-10", "2026-06-09T02:00:00Z");
  const n2 = await notice(2, a2.id, "2026-07-01T02:00:00Z", "2026-07-10", "2026-07-15T02:00:00Z");
  // B1: 1 October – 31 December, milestone met and closed out on 20 December; October and November reported on time
  const b1 = await task("B-01", b.id, { startDate: new Date("2026-10-01"), status: "DONE", closedAt: new Date("2026-12-20T02:00:00Z") });
  const b1m = await milestone(b1.id, "通过验收", "2026-12-31", 100, "2026-12-20");
  await report(b1.id, b.id, "2026-10-01", "2026-11-03T02:00:00Z", 60, "2026-11-04T02:00:00Z");
  await report(b1.id, b.id, "2026-11-01", "2026-12-04T02:00:00Z", 90, "2026-12-04T06:00:00Z");
  // a county-level honour of B: 1 innovation point
  await db.honor.create({
    data: { committeeId: committee.id, unitId: b.id, year: 2026, title: "县级改革创新奖", kind: "COMMENDATION", level: "COUNTY" },
  });
  const office = await actorFor((await createUser(committee.id, { role: "OFFICE" })).id);
  return { office, a, b, a1, a1m, a2, a2m1, a2m2, n1, n2, b1, b1m };
}

/** Runs the assessment with the clock at `at`, and returns the office's view of the run. */
async function runAt(office: Actor, at: string) {
  const before = process.env.APP_NOW;
  process.env.APP_NOW = at;
  try {
    const run = await runAssessment(office, { year: 2026 });
    return run;
  } finally {
    process.env.APP_NOW = before;
  }
}

async function cardOf(office: Actor, run: string, unit: string) {
  const card = (await assessmentView(office, { year: 2026, run, unit })).card!;
  const byCode = Object.fromEntries(card.items.map((item) => [item.code, item])) as Record<IndicatorCode, (typeof card.items)[number]>;
  return { card, byCode, scores: Object.fromEntries(card.items.map((item) => [item.code, item.takesPart ? item.score : "—"])) };
}

describe("assessment at any date", () => {
  it("on 30 June scores what was due by then, shows 不参与 for a unit with nothing due, and drills down to exactly the records counted", async () => {
    const w = await smallCounty();
    const run = await runAt(w.office, "2026-06-30T04:00:00.000Z");

    // A: completion A-01 and its milestone on time, A-02's June milestone open: 2 of 3 → 40 × 2/3;
    // schedule: A-01 green on 31 May (done by 30 June), A-02 green on 31 May and yellow on 30 June: 2 of 3 → 20 × 2/3;
    // timeliness: May's reports, A-01 on time and A-02 late: 1 of 2 → 10; supervision: notice 1 on time → 10
    const a = await cardOf(w.office, run.id, w.a.id);
    expect(a.scores).toEqual({ COMPLETION: 26.67, SCHEDULE: 13.33, TIMELINESS: 10, SUPERVISION: 10, INNOVATION: 0 });
    expect(a.card.total).toBe(60);
    expect(a.card.rank).toBe(1);
    // B: its only task starts in October — nothing due, so no indicator is taken part in (the old rule gave it 91)
    const b = await cardOf(w.office, run.id, w.b.id);
    expect(b.scores).toEqual({ COMPLETION: "—", SCHEDULE: "—", TIMELINESS: "—", SUPERVISION: "—", INNOVATION: 1 });
    expect(b.card.items.filter((item) => item.code !== "INNOVATION").map((item) => [item.score, item.points])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(b.card.total).toBe(1);
    expect(b.card.rank).toBe(2);
    const ranking = (await assessmentView(w.office, { year: 2026, run: run.id })).ranking;
    expect(ranking.map((row) => [row.unitName, row.total, row.absent])).toEqual([
      ["县甲局", 60, []],
      ["县乙镇", 1, ["COMPLETION", "SCHEDULE", "TIMELINESS", "SUPERVISION"]],
    ]);

    // the drill-down lists exactly the records counted, each linking to its page
    const rows = (code: IndicatorCode) => a.byCode[code].records.map((r) => [r.kind, r.id, r.outcome, r.href]);
    expect(rows("COMPLETION")).toEqual([
      ["TASK", w.a1.id, "ON_TIME", `/tasks/${w.a1.id}`],
      ["MILESTONE", w.a1m.id, "ON_TIME", `/tasks/${w.a1.id}`],
      ["MILESTONE", w.a2m1.id, "OPEN", `/tasks/${w.a2.id}`],
    ]);
    expect(a.byCode.SCHEDULE.records.map((r) => [r.id, r.green, r.counted, r.href])).toEqual([
      [w.a1.id, 1, 1, `/tasks/${w.a1.id}`],
      [w.a2.id, 1, 2, `/tasks/${w.a2.id}`],
    ]);
    expect(a.byCode.TIMELINESS.records.map((r) => [r.id, r.date, r.outcome])).toEqual([
      [w.a1.id, "2026-05", "ON_TIME"],
      [w.a2.id, "2026-05", "LATE"],
    ]);
    expect(rows("SUPERVISION")).toEqual([["NOTICE", w.n1.id, "ON_TIME", `/supervision/${w.n1.id}`]]);
    expect(b.byCode.COMPLETION.records).toEqual([]);
    expect(b.byCode.INNOVATION.records.map((r) => [r.kind, r.title, r.level])).toEqual([["HONOR", "县级改革创新奖", "COUNTY"]]);
    // and the counts are those of the records
    for (const card of [a, b]) {
      const e = (code: IndicatorCode) => card.byCode[code].evidence;
      const records = (code: IndicatorCode) => card.byCode[code].records;
      expect(records("COMPLETION")).toHaveLength(e("COMPLETION").due!);
      expect(records("COMPLETION").filter((r) => r.outcome === "ON_TIME")).toHaveLength(e("COMPLETION").onTime!);
      expect(records("COMPLETION").filter((r) => r.outcome === "LATE")).toHaveLength(e("COMPLETION").late!);
      expect(records("SCHEDULE").reduce((sum, r) => sum + r.counted!, 0)).toBe(e("SCHEDULE").counted);
      expect(records("SCHEDULE").reduce((sum, r) => sum + r.green!, 0)).toBe(e("SCHEDULE").green);
      expect(records("TIMELINESS").filter((r) => r.outcome === "ON_TIME")).toHaveLength(e("TIMELINESS").onTime!);
      expect(records("TIMELINESS")).toHaveLength(e("TIMELINESS").onTime! + e("TIMELINESS").late! + e("TIMELINESS").missing!);
      expect(records("SUPERVISION")).toHaveLength(e("SUPERVISION").received!);
      expect(records("SUPERVISION").filter((r) => r.outcome === "ON_TIME")).toHaveLength(e("SUPERVISION").answeredOnTime!);
      expect(records("INNOVATION")).toHaveLength(e("INNOVATION").count!);
    }
  });

  it("on 31 December scores the whole year: late work earns half, an indicator without notices is redistributed", async () => {
    const w = await smallCounty();
    // after the year: the assessment is of the end of 31 December
    const run = await runAt(w.office, "2027-01-05T02:00:00.000Z");

    // A: completion A-01 + milestone on time, A-02's June milestone late (½), A-02 and its December milestone open:
    // (2 + ½) / 5 → 20; schedule: A-01 1 of 1, A-02 green only on 31 May of 8 month ends (yellow June–November,
    // red 31 December): 2 of 9 → 4.44; timeliness: A-01 May on time, A-02 May late and June–November missing:
    // 1 of 8 → 2.5; supervision: 1 of 2 notices on time → 5
    const a = await cardOf(w.office, run.id, w.a.id);
    expect(a.scores).toEqual({ COMPLETION: 20, SCHEDULE: 4.44, TIMELINESS: 2.5, SUPERVISION: 5, INNOVATION: 0 });
    expect(a.card.total).toBe(31.94);
    // B: everything on time, no notice: supervision 不参与, its 10 points spread over 80 → × 90/80:
    // completion 45, schedule 22.5, timeliness 22.5, plus the honour 1
    const b = await cardOf(w.office, run.id, w.b.id);
    expect(b.scores).toEqual({ COMPLETION: 45, SCHEDULE: 22.5, TIMELINESS: 22.5, SUPERVISION: "—", INNOVATION: 1 });
    expect(b.card.items.map((item) => item.points)).toEqual([45, 22.5, 22.5, 0, 10]);
    expect(b.card.total).toBe(91);
    expect([a.card.rank, b.card.rank]).toEqual([2, 1]);

    expect(a.byCode.COMPLETION.records.map((r) => [r.kind, r.id, r.outcome, r.doneOn])).toEqual([
      ["TASK", w.a1.id, "ON_TIME", "2026-06-18"],
      ["MILESTONE", w.a1m.id, "ON_TIME", "2026-06-18"],
      ["TASK", w.a2.id, "OPEN", null],
      ["MILESTONE", w.a2m1.id, "LATE", "2026-07-10"],
      ["MILESTONE", w.a2m2.id, "OPEN", null],
    ]);
    expect(a.byCode.SCHEDULE.records.map((r) => [r.id, r.green, r.counted])).toEqual([
      [w.a1.id, 1, 1],
      [w.a2.id, 1, 8],
    ]);
    expect(a.byCode.TIMELINESS.records.map((r) => [r.label, r.date, r.outcome])).toEqual([
      ["A-01", "2026-05", "ON_TIME"],
      ["A-02", "2026-05", "LATE"],
      ["A-02", "2026-06", "MISSING"],
      ["A-02", "2026-07", "MISSING"],
      ["A-02", "2026-08", "MISSING"],
      ["A-02", "2026-09", "MISSING"],
      ["A-02", "2026-10", "MISSING"],
      ["A-02", "2026-11", "MISSING"],
    ]);
    expect(a.byCode.SUPERVISION.records.map((r) => [r.id, r.outcome])).toEqual([
      [w.n1.id, "ON_TIME"],
      [w.n2.id, "NOT_ON_TIME"],
    ]);
    expect(b.byCode.COMPLETION.records.map((r) => [r.id, r.outcome])).toEqual([
      [w.b1.id, "ON_TIME"],
      [w.b1m.id, "ON_TIME"],
    ]);
    expect(b.byCode.SUPERVISION.records).toEqual([]);
  });
});
