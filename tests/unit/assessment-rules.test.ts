import { describe, expect, it } from "vitest";
import {
  assessmentDay,
  completionScore,
  DEFAULT_SCHEME,
  innovationScore,
  monthEndsUpTo,
  rankTotals,
  ratioScore,
  round2,
  scheduleScore,
  schemeProblems,
  scoreIndicators,
  supervisionScore,
  timelinessScore,
  totalScore,
} from "@/lib/assessment/rules";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe("the default scheme", () => {
  it("has the five indicators of DESIGN §3 with weights summing to 100", () => {
    expect(DEFAULT_SCHEME.map((spec) => [spec.code, spec.weight])).toEqual([
      ["COMPLETION", 40],
      ["SCHEDULE", 20],
      ["TIMELINESS", 20],
      ["SUPERVISION", 10],
      ["INNOVATION", 10],
    ]);
    expect(DEFAULT_SCHEME.reduce((sum, spec) => sum + spec.weight, 0)).toBe(100);
    expect(schemeProblems(DEFAULT_SCHEME)).toEqual([]);
  });

  it("rejects weights that do not add up to 100 and missing or repeated indicators", () => {
    expect(schemeProblems(DEFAULT_SCHEME.map((spec) => (spec.code === "COMPLETION" ? { ...spec, weight: 45 } : spec)))).toEqual([
      "assessment.validation.weights",
    ]);
    expect(schemeProblems(DEFAULT_SCHEME.slice(1))).toContain("assessment.validation.indicators");
    expect(schemeProblems([...DEFAULT_SCHEME, DEFAULT_SCHEME[0]!])).toContain("assessment.validation.indicators");
  });
});

describe("indicators", () => {
  it("completion: share of led tasks due that are closed out, times 40", () => {
    expect(completionScore(40, { due: 4, done: 3 })).toEqual({ raw: 0.75, score: 30 });
    expect(completionScore(40, { due: 3, done: 1 })).toEqual({ raw: 0.3333, score: 13.33 });
    expect(completionScore(40, { due: 0, done: 0 })).toEqual({ raw: 1, score: 40 });
  });

  it("schedule: share of task-months green, times 20", () => {
    expect(scheduleScore(20, { counted: 10, green: 7 })).toEqual({ raw: 0.7, score: 14 });
    expect(scheduleScore(20, { counted: 0, green: 0 })).toEqual({ raw: 1, score: 20 });
  });

  it("timeliness: on-time reports over on time + late + missing, times 20", () => {
    expect(timelinessScore(20, { onTime: 6, late: 1, missing: 1 })).toEqual({ raw: 0.75, score: 15 });
    expect(timelinessScore(20, { onTime: 0, late: 2, missing: 0 })).toEqual({ raw: 0, score: 0 });
  });

  it("supervision: notices answered on time over notices received, times 10; none received is full marks", () => {
    expect(supervisionScore(10, { received: 3, answeredOnTime: 2 })).toEqual({ raw: 0.6667, score: 6.67 });
    expect(supervisionScore(10, { received: 0, answeredOnTime: 0 })).toEqual({ raw: 1, score: 10 });
  });

  it("innovation: points by level, capped at the cap, the raw value keeps the uncapped sum", () => {
    const spec = DEFAULT_SCHEME.find((s) => s.code === "INNOVATION")!;
    expect(innovationScore(spec, [{ level: "PROVINCIAL" }, { level: "COUNTY" }])).toEqual({ raw: 4, score: 4 });
    expect(innovationScore(spec, [{ level: "NATIONAL" }, { level: "NATIONAL" }, { level: "PROVINCIAL" }])).toEqual({ raw: 11, score: 10 });
    expect(innovationScore({ weight: 10, cap: 5 }, [{ level: "NATIONAL" }, { level: "CITY" }])).toEqual({ raw: 6, score: 5 });
    expect(innovationScore({ weight: 10, pointsByLevel: { COUNTY: 0.5 } }, [{ level: "COUNTY" }])).toEqual({ raw: 0.5, score: 0.5 });
    expect(innovationScore(spec, [])).toEqual({ raw: 0, score: 0 });
  });

  it("ratios never leave 0..1", () => {
    expect(ratioScore(20, 5, 4)).toEqual({ raw: 1, score: 20 });
    expect(ratioScore(20, -1, 4)).toEqual({ raw: 0, score: 0 });
  });

  it("scores a whole unit: a perfect unit gets 100, and the total adds adjustments", () => {
    const perfect = scoreIndicators(DEFAULT_SCHEME, {
      completion: { due: 2, done: 2 },
      schedule: { counted: 20, green: 20 },
      timeliness: { onTime: 20, late: 0, missing: 0 },
      supervision: { received: 0, answeredOnTime: 0 },
      innovation: [{ level: "NATIONAL" }, { level: "NATIONAL" }, { level: "NATIONAL" }],
    });
    expect(totalScore(Object.values(perfect).map((r) => r.score))).toBe(100);
    const mixed = scoreIndicators(DEFAULT_SCHEME, {
      completion: { due: 4, done: 2 },
      schedule: { counted: 10, green: 5 },
      timeliness: { onTime: 3, late: 1, missing: 0 },
      supervision: { received: 2, answeredOnTime: 1 },
      innovation: [{ level: "CITY" }],
    });
    expect(Object.fromEntries(Object.entries(mixed).map(([code, r]) => [code, r.score]))).toEqual({
      COMPLETION: 20,
      SCHEDULE: 10,
      TIMELINESS: 15,
      SUPERVISION: 5,
      INNOVATION: 2,
    });
    expect(totalScore([20, 10, 15, 5, 2], [1.5, -3])).toBe(50.5);
    expect(totalScore([1], [-5])).toBe(0);
  });
});

describe("ranking", () => {
  it("ranks by total, highest first; ties share a rank and the next rank skips", () => {
    const ranked = rankTotals([
      { unit: "a", total: 90 },
      { unit: "b", total: 95 },
      { unit: "c", total: 100 },
      { unit: "d", total: 95 },
      { unit: "e", total: 80.5 },
    ]);
    expect(ranked.map((r) => [r.unit, r.rank])).toEqual([
      ["c", 1],
      ["b", 2],
      ["d", 2],
      ["a", 4],
      ["e", 5],
    ]);
    expect(rankTotals([{ total: 50 }, { total: 50 }]).map((r) => r.rank)).toEqual([1, 1]);
    expect(rankTotals([])).toEqual([]);
  });
});

describe("dates", () => {
  it("assesses up to today during the year, up to 31 December after it", () => {
    expect(assessmentDay(2026, day("2026-11-22"))).toEqual(day("2026-11-22"));
    expect(assessmentDay(2025, day("2026-11-22"))).toEqual(day("2025-12-31"));
  });

  it("counts the month ends on or before the assessment day", () => {
    expect(monthEndsUpTo(2026, day("2026-03-30")).map((d) => d.toISOString().slice(0, 10))).toEqual(["2026-01-31", "2026-02-28"]);
    expect(monthEndsUpTo(2026, day("2026-03-31"))).toHaveLength(3);
    expect(monthEndsUpTo(2025, day("2025-12-31"))).toHaveLength(12);
  });

  it("rounds half away from zero to two decimals", () => {
    expect(round2(13.335)).toBe(13.34);
    expect(round2(-1.005)).toBe(-1.01);
  });
});
