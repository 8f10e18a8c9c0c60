import "server-only";
// Writes of the assessment (考核): run (compute every unit's score as a new version), adjust (加减分,
// with a reason), publish (freeze the version), and objections (申诉) filed by a unit and answered by
// the office. A published run never changes: a later run is a new version with the next run number.
import type { Prisma as P } from "@/lib/db/prisma";
import { Prisma } from "@/lib/db/prisma";
import type { Actor } from "@/lib/auth/actor";
import { visibleCommitteeIds } from "@/lib/auth/permissions";
import { dueDaysOf } from "@/lib/reports/compliance";
import { defineServiceAction, type Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { dayOf } from "@/lib/tasks/rules";
import { gatherFacts, type UnitRawFacts } from "./facts";
import {
  assessmentDay,
  DEFAULT_SCHEME,
  INDICATOR_CODES,
  INDICATOR_NAMES,
  isoDay,
  rankTotals,
  round2,
  schemeProblems,
  scoreIndicators,
  totalScore,
  type IndicatorCode,
  type IndicatorResult,
  type IndicatorSpec,
  type LevelValue,
  type UnitFacts,
} from "./rules";
import {
  adjustScoreSchema,
  answerObjectionSchema,
  fileObjectionSchema,
  publishAssessmentSchema,
  runAssessmentSchema,
  updateSchemeSchema,
} from "./schemas";

/** The committee's scheme for the year, created with the default indicators the first time. */
async function schemeOf(tx: Tx, committeeId: string, year: number) {
  const existing = await tx.assessmentScheme.findUnique({
    where: { committeeId_year: { committeeId, year } },
    include: { indicators: true },
  });
  if (existing && existing.indicators.length) return existing;
  const scheme = existing ?? (await tx.assessmentScheme.create({ data: { committeeId, year, name: `${year}年度改革工作考核` } }));
  await tx.assessmentIndicator.createMany({
    data: DEFAULT_SCHEME.map((spec, index) => ({
      schemeId: scheme.id,
      code: spec.code,
      name: INDICATOR_NAMES[spec.code],
      weight: spec.weight,
      cap: spec.cap ?? null,
      params: spec.pointsByLevel ? { pointsByLevel: spec.pointsByLevel } : undefined,
      sortOrder: index,
    })),
  });
  return tx.assessmentScheme.findUniqueOrThrow({ where: { id: scheme.id }, include: { indicators: true } });
}

/** The stored indicators as the pure rules' specs. */
export function specsOf(
  indicators: { code: IndicatorCode; weight: P.Decimal; cap: P.Decimal | null; params: unknown; sortOrder: number }[],
) {
  return [...indicators]
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((indicator): IndicatorSpec => {
      const params = (indicator.params ?? {}) as { pointsByLevel?: Partial<Record<LevelValue, number>> };
      return {
        code: indicator.code,
        weight: Number(indicator.weight),
        cap: indicator.cap === null ? null : Number(indicator.cap),
        pointsByLevel: params.pointsByLevel,
      };
    });
}

/**
 * The raw facts (with their traces) as the counts the pure rules score. Each count is the number of
 * rows of its trace with a given outcome, so the drill-down (the trace, stored as the evidence) lists
 * exactly the records counted.
 */
export function unitFactsOf(raw: UnitRawFacts): UnitFacts {
  return {
    completion: {
      due: raw.completion.length,
      onTime: raw.completion.filter((item) => item.outcome === "ON_TIME").length,
      late: raw.completion.filter((item) => item.outcome === "LATE").length,
    },
    schedule: {
      counted: raw.schedule.reduce((sum, task) => sum + task.counted, 0),
      green: raw.schedule.reduce((sum, task) => sum + task.green, 0),
    },
    timeliness: {
      onTime: raw.timeliness.filter((report) => report.timeliness === "ON_TIME").length,
      late: raw.timeliness.filter((report) => report.timeliness === "LATE").length,
      missing: raw.timeliness.filter((report) => report.timeliness === "MISSING").length,
    },
    supervision: { received: raw.supervision.length, answeredOnTime: raw.supervision.filter((notice) => notice.onTime).length },
    innovation: raw.innovation.map((item) => ({ level: item.level })),
  };
}

/**
 * What each figure came from, for the score card's drill-down (stored as UnitScoreItem.evidence): the
 * counts, whether the unit takes part and what the indicator is worth for it, and every record counted.
 */
function evidenceOf(code: IndicatorCode, raw: UnitRawFacts, facts: UnitFacts, result: IndicatorResult, asOf: string): P.InputJsonValue {
  const base = { asOf, takesPart: result.takesPart, points: result.points };
  switch (code) {
    case "COMPLETION":
      return { ...base, ...facts.completion, items: raw.completion } as unknown as P.InputJsonValue;
    case "SCHEDULE":
      return { ...base, ...facts.schedule, tasks: raw.schedule } as unknown as P.InputJsonValue;
    case "TIMELINESS":
      return { ...base, ...facts.timeliness, reports: raw.timeliness } as unknown as P.InputJsonValue;
    case "SUPERVISION":
      return { ...base, ...facts.supervision, notices: raw.supervision } as unknown as P.InputJsonValue;
    case "INNOVATION":
      return { ...base, count: raw.innovation.length, innovations: raw.innovation } as unknown as P.InputJsonValue;
  }
}

/** The assessment instant of a year: now, or the last moment of 31 December (Beijing) once it is over. */
export function assessmentInstant(year: number, at: Date): { asOf: Date; asOfDay: Date } {
  const yearOver = new Date(Date.UTC(year + 1, 0, 1) - 8 * 3600_000);
  const asOf = at.getTime() < yearOver.getTime() ? at : new Date(yearOver.getTime() - 1);
  return { asOf, asOfDay: assessmentDay(year, dayOf(asOf)) };
}

async function loadAssessment(tx: Tx, actor: Actor, id: string) {
  const assessment = await tx.assessment.findFirst({
    where: { id, committeeId: { in: visibleCommitteeIds(actor, "assessment:read") } },
    select: { id: true, committeeId: true, status: true, version: true, year: true, runNumber: true },
  });
  if (!assessment) throw new NotFoundError();
  return assessment;
}

/** Recompute the totals (indicators + adjustments) and the ranking of a run. */
async function rerank(tx: Tx, assessmentId: string) {
  const rows = await tx.$queryRaw<{ id: string; total: number }[]>(Prisma.sql`
    SELECT s.id,
           (COALESCE((SELECT sum(i.score) FROM "UnitScoreItem" i WHERE i."unitScoreId" = s.id), 0)
            + COALESCE((SELECT sum(a.points) FROM "ScoreAdjustment" a WHERE a."assessmentId" = s."assessmentId" AND a."unitId" = s."unitId"), 0))::float8 AS total
    FROM "UnitScore" s JOIN "Unit" u ON u.id = s."unitId"
    WHERE s."assessmentId" = ${assessmentId}
    ORDER BY u."sortOrder", u.name`);
  const ranked = rankTotals(rows.map((row) => ({ id: row.id, total: totalScore([row.total]) })));
  if (ranked.length === 0) return;
  // one statement for the whole run, not an update per unit (a province has thousands)
  await tx.$executeRaw(Prisma.sql`
    UPDATE "UnitScore" s SET total = v.total, rank = v.rank
    FROM unnest(${ranked.map((row) => row.id)}::text[], ${ranked.map((row) => row.total)}::numeric[], ${ranked.map((row) => row.rank)}::int[])
      AS v(id, total, rank)
    WHERE s.id = v.id`);
}

// ───────────── run ─────────────

export const runAssessment = defineServiceAction({
  name: "assessment.run",
  permission: "assessment:run",
  input: runAssessmentSchema,
  timeoutMs: 60_000,
  run: async ({ tx, actor, input }) => {
    const committeeId = actor.committee.id;
    const at = now();
    // one run at a time per committee and year: the run numbers stay dense
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`assessment:${committeeId}:${input.year}`}))`;
    const scheme = await schemeOf(tx, committeeId, input.year);
    const specs = specsOf(scheme.indicators);
    const indicatorIds = new Map(scheme.indicators.map((indicator) => [indicator.code, indicator.id]));
    const { asOf, asOfDay } = assessmentInstant(input.year, at);
    const dueDays = await dueDaysOf(tx, committeeId);
    const raw = await gatherFacts(tx, { committeeId, year: input.year, asOf, asOfDay, monthlyDueDay: dueDays.monthly });

    const last = await tx.assessment.aggregate({ where: { committeeId, year: input.year }, _max: { runNumber: true } });
    const runNumber = (last._max.runNumber ?? 0) + 1;
    await tx.assessment.updateMany({ where: { committeeId, year: input.year, status: "DRAFT" }, data: { status: "SUPERSEDED" } });
    const assessment = await tx.assessment.create({
      data: { committeeId, schemeId: scheme.id, year: input.year, runNumber, computedAt: at, computedById: actor.userId },
    });

    const scored = [...raw].map(([unitId, unitRaw]) => {
      const facts = unitFactsOf(unitRaw);
      const results = scoreIndicators(specs, facts);
      return { unitId, unitRaw, facts, results, total: totalScore(Object.values(results).map((r) => r.score)) };
    });
    const ranked = rankTotals(scored);
    const scores = await tx.unitScore.createManyAndReturn({
      data: ranked.map((row) => ({ assessmentId: assessment.id, unitId: row.unitId, total: row.total, rank: row.rank })),
      select: { id: true, unitId: true },
    });
    const scoreIds = new Map(scores.map((score) => [score.unitId, score.id]));
    const day = isoDay(asOfDay);
    await tx.unitScoreItem.createMany({
      data: ranked.flatMap((row) =>
        INDICATOR_CODES.filter((code) => row.results[code]).map((code) => ({
          unitScoreId: scoreIds.get(row.unitId)!,
          indicatorId: indicatorIds.get(code)!,
          rawValue: row.results[code].raw,
          score: round2(row.results[code].score),
          evidence: evidenceOf(code, row.unitRaw, row.facts, row.results[code], day),
        })),
      ),
    });
    return {
      result: { id: assessment.id, runNumber, units: ranked.length },
      audit: {
        targetType: "Assessment",
        targetId: assessment.id,
        detail: `${input.year} #${runNumber} asOf ${day} units ${ranked.length}`,
      },
    };
  },
});

// ───────────── adjust ─────────────

export const adjustScore = defineServiceAction({
  name: "assessment.adjust",
  permission: "assessment:run",
  input: adjustScoreSchema,
  load: async (tx, actor, input) => {
    const assessment = await loadAssessment(tx, actor, input.assessmentId);
    return { committeeId: assessment.committeeId, assessment };
  },
  run: async ({ tx, actor, input, target }) => {
    if (target.assessment.status !== "DRAFT") throw new ValidationError({ assessmentId: ["assessment.validation.frozen"] });
    const score = await tx.unitScore.findUnique({
      where: { assessmentId_unitId: { assessmentId: input.assessmentId, unitId: input.unitId } },
    });
    if (!score) throw new NotFoundError();
    const bumped = await tx.assessment.updateMany({
      where: { id: input.assessmentId, version: input.version, status: "DRAFT" },
      data: { version: { increment: 1 } },
    });
    if (bumped.count === 0) throw new ConflictError({ version: target.assessment.version });
    const adjustment = await tx.scoreAdjustment.create({
      data: {
        assessmentId: input.assessmentId,
        unitId: input.unitId,
        points: input.points,
        reason: input.reason,
        createdById: actor.userId,
      },
    });
    await rerank(tx, input.assessmentId);
    return {
      result: { id: adjustment.id, version: input.version + 1 },
      audit: {
        targetType: "UnitScore",
        targetId: score.id,
        changes: { points: [null, input.points], reason: [null, input.reason] },
        detail: `assessment ${input.assessmentId} unit ${input.unitId}`,
      },
    };
  },
});

// ───────────── publish ─────────────

export const publishAssessment = defineServiceAction({
  name: "assessment.publish",
  permission: "assessment:run",
  input: publishAssessmentSchema,
  load: async (tx, actor, input) => {
    const assessment = await loadAssessment(tx, actor, input.assessmentId);
    return { committeeId: assessment.committeeId, assessment };
  },
  run: async ({ tx, actor, input, target }) => {
    if (target.assessment.status !== "DRAFT") throw new ValidationError({ assessmentId: ["assessment.validation.frozen"] });
    const at = now();
    const updated = await tx.assessment.updateMany({
      where: { id: input.assessmentId, version: input.version, status: "DRAFT" },
      data: { status: "PUBLISHED", publishedAt: at, publishedById: actor.userId, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError({ version: target.assessment.version });
    return {
      result: { id: input.assessmentId, version: input.version + 1 },
      audit: {
        targetType: "Assessment",
        targetId: input.assessmentId,
        changes: { status: ["DRAFT", "PUBLISHED"] },
        detail: `${target.assessment.year} #${target.assessment.runNumber}`,
      },
    };
  },
});

// ───────────── objections ─────────────

export const fileObjection = defineServiceAction({
  name: "objection.file",
  permission: "objection:file",
  input: fileObjectionSchema,
  load: async (tx, actor, input) => {
    const assessment = await loadAssessment(tx, actor, input.assessmentId);
    // a unit objects to its own score: the target is that unit
    return { committeeId: assessment.committeeId, unitIds: [input.unitId], assessment };
  },
  run: async ({ tx, actor, input, target }) => {
    if (target.assessment.status !== "PUBLISHED") throw new ValidationError({ assessmentId: ["assessment.validation.notPublished"] });
    const score = await tx.unitScore.findUnique({
      where: { assessmentId_unitId: { assessmentId: input.assessmentId, unitId: input.unitId } },
    });
    if (!score) throw new NotFoundError();
    const objection = await tx.assessmentObjection.create({
      data: { assessmentId: input.assessmentId, unitId: input.unitId, content: input.content, createdById: actor.userId, createdAt: now() },
    });
    return {
      result: { id: objection.id },
      audit: { targetType: "AssessmentObjection", targetId: objection.id, detail: `assessment ${input.assessmentId} unit ${input.unitId}` },
    };
  },
});

export const answerObjection = defineServiceAction({
  name: "objection.answer",
  permission: "assessment:run",
  input: answerObjectionSchema,
  load: async (tx, actor, input) => {
    const objection = await tx.assessmentObjection.findFirst({
      where: { id: input.id, assessment: { committeeId: { in: visibleCommitteeIds(actor, "assessment:read") } } },
      select: { id: true, unitId: true, status: true, assessment: { select: { committeeId: true } } },
    });
    if (!objection) throw new NotFoundError();
    return { committeeId: objection.assessment.committeeId, unitIds: [objection.unitId], objection };
  },
  run: async ({ tx, actor, input, target }) => {
    const updated = await tx.assessmentObjection.updateMany({
      where: { id: input.id, status: "OPEN" },
      data: { status: "ANSWERED", answer: input.answer, answeredAt: now(), answeredById: actor.userId },
    });
    if (updated.count === 0) throw new ConflictError({ status: target.objection.status });
    return {
      result: { id: input.id },
      audit: { targetType: "AssessmentObjection", targetId: input.id, changes: { status: ["OPEN", "ANSWERED"] } },
    };
  },
});

// ───────────── scheme ─────────────

/**
 * The year's indicator weights and the innovation cap (DESIGN §3: configurable, 100 points in all).
 * A change applies to the next run; published runs keep the scores they were published with.
 */
export const updateScheme = defineServiceAction({
  name: "assessment.updateScheme",
  permission: "assessment:run",
  input: updateSchemeSchema,
  async load(tx, actor, input) {
    return { committeeId: actor.committee.id, scheme: await schemeOf(tx, actor.committee.id, input.year) };
  },
  async run({ tx, input, target: { scheme } }) {
    if (input.version !== null && input.version !== scheme.version) throw new ConflictError();
    const specs = specsOf(scheme.indicators).map((spec) => ({
      ...spec,
      weight: input.weights[spec.code],
      cap: spec.code === "INNOVATION" ? input.innovationCap : spec.cap,
    }));
    const problems = schemeProblems(specs);
    if (input.innovationCap > input.weights.INNOVATION) problems.push("assessment.validation.capAboveWeight");
    if (problems.length) throw new ValidationError({ weights: problems });
    const changes: Record<string, [unknown, unknown]> = {};
    for (const indicator of scheme.indicators) {
      const weight = input.weights[indicator.code];
      const cap = indicator.code === "INNOVATION" ? input.innovationCap : indicator.cap === null ? null : Number(indicator.cap);
      if (Number(indicator.weight) !== weight) changes[`${indicator.code}.weight`] = [Number(indicator.weight), weight];
      if ((indicator.cap === null ? null : Number(indicator.cap)) !== cap) changes[`${indicator.code}.cap`] = [Number(indicator.cap), cap];
      await tx.assessmentIndicator.update({ where: { id: indicator.id }, data: { weight, cap } });
    }
    const updated = await tx.assessmentScheme.updateMany({
      where: { id: scheme.id, version: scheme.version },
      data: { version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError();
    return {
      result: { version: scheme.version + 1 },
      audit: { targetType: "AssessmentScheme", targetId: scheme.id, changes },
    };
  },
});
