import { describe, expect, it } from "vitest";
import {
  assessmentDay,
  completionOutcome,
  completionScore,
  LATE_CREDIT,
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

const part = (raw: number, score: number, points: number) => ({ takesPart: true, raw, score, points });
const ABSENT = { takesPart: false, raw: 0, score: 0, points: 0 };
const scores = (results: Record<string, { score: number }>) =>
  Object.fromEntries(Object.entries(results).map(([code, r]) => [code, r.score]));
const worth = (results: Record<string, { points: number }>) =>
  Object.fromEntries(Object.entries(results).map(([code, r]) => [code, r.points]));
const EMPTY = {
  completion: { due: 0, onTime: 0, late: 0 },
  schedule: { counted: 0, green: 0 },
  timeliness: { onTime: 0, late: 0, missing: 0 },
  supervision: { received: 0, answeredOnTime: 0 },
  innovation: [],
};

describe("indicators", () => {
  it("completion: what was due by the as-of day, done on time 1, done late ½, open 0, times 40", () => {
    expect(completionScore(40, { due: 4, onTime: 3, late: 0 })).toEqual(part(0.75, 30, 40));
    expect(completionScore(40, { due: 3, onTime: 1, late: 0 })).toEqual(part(0.3333, 13.33, 40));
    // one late task among three milestones done on time: (3 + ½) / 4
    expect(completionScore(40, { due: 4, onTime: 3, late: 1 })).toEqual(part(0.875, 35, 40));
    expect(LATE_CREDIT).toBe(0.5);
  });

  it("completion as of a date: only tasks due and milestones planned by then count; done after the as-of day is open", () => {
    const asOf = day("2026-06-30");
    expect(completionOutcome(day("2026-12-31"), null, asOf)).toBeNull(); // due in December: not counted in June
    expect(completionOutcome(day("2026-06-30"), null, asOf)).toBe("OPEN"); // due today, not done
    expect(completionOutcome(day("2026-05-31"), day("2026-05-20"), asOf)).toBe("ON_TIME");
    expect(completionOutcome(day("2026-05-31"), day("2026-05-31"), asOf)).toBe("ON_TIME"); // on the day is on time
    expect(completionOutcome(day("2026-05-31"), day("2026-06-10"), asOf)).toBe("LATE");
    expect(completionOutcome(day("2026-05-31"), day("2026-07-10"), asOf)).toBe("OPEN"); // done after the as-of day
  });

  it("a ratio indicator with nothing due is not taken part in (不参与), never full marks", () => {
    expect(completionScore(40, { due: 0, onTime: 0, late: 0 })).toEqual(ABSENT);
    expect(scheduleScore(20, { counted: 0, green: 0 })).toEqual(ABSENT);
    expect(timelinessScore(20, { onTime: 0, late: 0, missing: 0 })).toEqual(ABSENT);
    expect(supervisionScore(10, { received: 0, answeredOnTime: 0 })).toEqual(ABSENT);
    expect(ratioScore(20, 0, 0)).toEqual(ABSENT);
  });

  it("schedule: share of task-months green, times 20", () => {
    expect(scheduleScore(20, { counted: 10, green: 7 })).toEqual(part(0.7, 14, 20));
  });

  it("timeliness: on-time reports over on time + late + missing, times 20", () => {
    expect(timelinessScore(20, { onTime: 6, late: 1, missing: 1 })).toEqual(part(0.75, 15, 20));
    expect(timelinessScore(20, { onTime: 0, late: 2, missing: 0 })).toEqual(part(0, 0, 20));
  });

  it("supervision: notices answered on time over notices received, times 10", () => {
    expect(supervisionScore(10, { received: 3, answeredOnTime: 2 })).toEqual(part(0.6667, 6.67, 10));
  });

  it("innovation: points by level, capped at the cap, the raw value keeps the uncapped sum; a bonus always taken part in", () => {
    const spec = DEFAULT_SCHEME.find((s) => s.code === "INNOVATION")!;
    expect(innovationScore(spec, [{ level: "PROVINCIAL" }, { level: "COUNTY" }])).toEqual(part(4, 4, 10));
    expect(innovationScore(spec, [{ level: "NATIONAL" }, { level: "NATIONAL" }, { level: "PROVINCIAL" }])).toEqual(part(11, 10, 10));
    expect(innovationScore({ weight: 10, cap: 5 }, [{ level: "NATIONAL" }, { level: "CITY" }])).toEqual(part(6, 5, 5));
    expect(innovationScore({ weight: 10, pointsByLevel: { COUNTY: 0.5 } }, [{ level: "COUNTY" }])).toEqual(part(0.5, 0.5, 10));
    expect(innovationScore(spec, [])).toEqual(part(0, 0, 10));
  });

  it("ratios never leave 0..1", () => {
    expect(ratioScore(20, 5, 4)).toEqual(part(1, 20, 20));
    expect(ratioScore(20, -1, 4)).toEqual(part(0, 0, 20));
  });

  it("scores a whole unit: a perfect unit gets 100, and the total adds adjustments", () => {
    const perfect = scoreIndicators(DEFAULT_SCHEME, {
      completion: { due: 2, onTime: 2, late: 0 },
      schedule: { counted: 20, green: 20 },
      timeliness: { onTime: 20, late: 0, missing: 0 },
      supervision: { received: 1, answeredOnTime: 1 },
      innovation: [{ level: "NATIONAL" }, { level: "NATIONAL" }, { level: "NATIONAL" }],
    });
    expect(totalScore(Object.values(perfect).map((r) => r.score))).toBe(100);
    const mixed = scoreIndicators(DEFAULT_SCHEME, {
      completion: { due: 4, onTime: 2, late: 0 },
      schedule: { counted: 10, green: 5 },
      timeliness: { onTime: 3, late: 1, missing: 0 },
      supervision: { received: 2, answeredOnTime: 1 },
      innovation: [{ level: "CITY" }],
    });
    expect(scores(mixed)).toEqual({ COMPLETION: 20, SCHEDULE: 10, TIMELINESS: 15, SUPERVISION: 5, INNOVATION: 2 });
    expect(worth(mixed)).toEqual({ COMPLETION: 40, SCHEDULE: 20, TIMELINESS: 20, SUPERVISION: 10, INNOVATION: 10 });
    expect(totalScore([20, 10, 15, 5, 2], [1.5, -3])).toBe(50.5);
    expect(totalScore([1], [-5])).toBe(0);
  });
});

describe("nothing due: 不参与 and redistribution", () => {
  it("redistributes an absent indicator's weight over the others in proportion to their weights", () => {
    // no notice received: SUPERVISION's 10 points go to the other 80 ratio points, × 90/80
    const result = scoreIndicators(DEFAULT_SCHEME, {
      ...EMPTY,
      completion: { due: 4, onTime: 2, late: 0 },
      schedule: { counted: 10, green: 5 },
      timeliness: { onTime: 3, late: 1, missing: 0 },
    });
    expect(result.SUPERVISION).toEqual(ABSENT);
    expect(worth(result)).toEqual({ COMPLETION: 45, SCHEDULE: 22.5, TIMELINESS: 22.5, SUPERVISION: 0, INNOVATION: 10 });
    // ½ × 45, ½ × 22.5, ¾ × 22.5
    expect(scores(result)).toEqual({ COMPLETION: 22.5, SCHEDULE: 11.25, TIMELINESS: 16.88, SUPERVISION: 0, INNOVATION: 0 });
    // a perfect unit without notices still has 90 ratio points to earn, not 100 for free nor 80
    const perfect = scoreIndicators(DEFAULT_SCHEME, {
      ...EMPTY,
      completion: { due: 1, onTime: 1, late: 0 },
      schedule: { counted: 3, green: 3 },
      timeliness: { onTime: 3, late: 0, missing: 0 },
    });
    expect(totalScore(Object.values(perfect).map((r) => r.score))).toBe(90);
  });

  it("in December a unit with nothing due for completion is not given 40/40, and one late task is not 0/40", () => {
    // nothing of the unit due yet, everything else perfect: completion 不参与, the 90 ratio points over the other 50
    const early = scoreIndicators(DEFAULT_SCHEME, {
      ...EMPTY,
      schedule: { counted: 11, green: 11 },
      timeliness: { onTime: 11, late: 0, missing: 0 },
      supervision: { received: 1, answeredOnTime: 1 },
    });
    expect(early.COMPLETION).toEqual(ABSENT);
    expect(worth(early)).toEqual({ COMPLETION: 0, SCHEDULE: 36, TIMELINESS: 36, SUPERVISION: 18, INNOVATION: 10 });
    // one task closed a month late, its three milestones met: (3 + ½) / 4 of 40
    const late = scoreIndicators(DEFAULT_SCHEME, {
      ...EMPTY,
      completion: { due: 4, onTime: 3, late: 1 },
      schedule: { counted: 11, green: 11 },
    });
    // completion and schedule taken part in (60 of 90 ratio points): completion worth 60, 0.875 of it
    expect(late.COMPLETION).toEqual(part(0.875, 52.5, 60));
    expect(late.SCHEDULE).toEqual(part(1, 30, 30));
  });

  it("a unit with nothing due at all takes part in no ratio indicator and scores only its innovation bonus", () => {
    const january = scoreIndicators(DEFAULT_SCHEME, { ...EMPTY, innovation: [{ level: "CITY" }] });
    expect(january).toEqual({ COMPLETION: ABSENT, SCHEDULE: ABSENT, TIMELINESS: ABSENT, SUPERVISION: ABSENT, INNOVATION: part(2, 2, 10) });
  });

  it("keeps the total of points worth at 100 whichever indicators are taken part in, for any scheme", () => {
    const scheme = DEFAULT_SCHEME.map((spec) => ({
      ...spec,
      weight: { COMPLETION: 50, SCHEDULE: 10, TIMELINESS: 20, SUPERVISION: 10, INNOVATION: 10 }[spec.code],
    }));
    const facts = { ...EMPTY, completion: { due: 2, onTime: 1, late: 1 }, timeliness: { onTime: 1, late: 0, missing: 0 } };
    const result = scoreIndicators(scheme, facts);
    expect(Object.values(result).reduce((sum, r) => sum + r.points, 0)).toBeCloseTo(100, 2);
    // 50 and 20 of 70 ratio points taken part in, of 90: × 90/70
    expect(worth(result)).toEqual({ COMPLETION: 64.29, SCHEDULE: 0, TIMELINESS: 25.71, SUPERVISION: 0, INNOVATION: 10 });
    // completion ¾ of 64.2857…
    expect(result.COMPLETION.score).toBe(48.21);
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
