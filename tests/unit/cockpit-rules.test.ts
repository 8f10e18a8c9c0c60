import { describe, expect, it } from "vitest";
import { cockpitParams, monthEndOf, pastMonthEnds, rankUnits, rateOf, resolveAsOf, trendDays } from "@/lib/dashboard/cockpit-rules";
import type { CockpitUnitRate } from "@/lib/dashboard/types";

const unit = (name: string, good: number, base: number): CockpitUnitRate => ({
  id: name,
  name,
  good,
  base,
  rate: rateOf(good, base),
  href: `/tasks?lead=${name}`,
});

describe("cockpit rules", () => {
  it("knows month ends, leap years included", () => {
    expect(monthEndOf(2026, 2)).toBe("2026-02-28");
    expect(monthEndOf(2028, 2)).toBe("2028-02-29");
    expect(monthEndOf(2026, 12)).toBe("2026-12-31");
  });

  it("offers the past month ends of the year, newest first", () => {
    expect(pastMonthEnds(2026, "2026-03-31")).toEqual(["2026-02-28", "2026-01-31"]);
    expect(pastMonthEnds(2026, "2026-01-15")).toEqual([]);
    expect(pastMonthEnds(2025, "2026-11-22")).toHaveLength(12);
    expect(pastMonthEnds(2027, "2026-11-22")).toEqual([]);
  });

  it("takes a past day only from those who may pick it, today otherwise", () => {
    expect(resolveAsOf("2026-06-30", "2026-11-22", true)).toBe("2026-06-30");
    expect(resolveAsOf("2026-06-30", "2026-11-22", false)).toBe("2026-11-22");
    expect(resolveAsOf("2026-12-31", "2026-11-22", true)).toBe("2026-11-22");
    expect(resolveAsOf("2026-02-30", "2026-11-22", true)).toBe("2026-11-22");
    expect(resolveAsOf("yesterday", "2026-11-22", true)).toBe("2026-11-22");
    expect(resolveAsOf(undefined, "2026-11-22", true)).toBe("2026-11-22");
  });

  it("draws the trend through the month ends up to the day, and the day itself when mid-month", () => {
    expect(trendDays(2026, "2026-03-15")).toEqual(["2026-01-31", "2026-02-28", "2026-03-15"]);
    expect(trendDays(2026, "2026-02-28")).toEqual(["2026-01-31", "2026-02-28"]);
    expect(trendDays(2025, "2026-11-22")).toHaveLength(12);
    expect(trendDays(2027, "2026-11-22")).toEqual([]);
  });

  it("rates with one decimal and ranks units best first and worst first, unrated units left out", () => {
    expect(rateOf(2, 3)).toBe(66.7);
    expect(rateOf(0, 0)).toBeNull();
    const units = [unit("a", 9, 10), unit("b", 1, 4), unit("c", 3, 3), unit("d", 0, 0), unit("e", 2, 4), unit("f", 4, 4)];
    const ranking = rankUnits(units, 2);
    // c and f both 100%: the one judged on more tasks first
    expect(ranking.top.map((u) => u.name)).toEqual(["f", "c"]);
    expect(ranking.bottom.map((u) => u.name)).toEqual(["b", "e"]);
    expect(ranking.ranked).toBe(5);
    // few units: no unit in both lists
    const few = rankUnits([unit("a", 1, 2), unit("b", 2, 2), unit("c", 0, 2)], 2);
    expect(few.top.map((u) => u.name)).toEqual(["b", "a"]);
    expect(few.bottom.map((u) => u.name)).toEqual(["c"]);
  });

  it("reads the page's year and day leniently", () => {
    expect(cockpitParams({ year: "2025", asOf: "2025-06-30" })).toEqual({ year: 2025, asOf: "2025-06-30" });
    expect(cockpitParams({ year: "soon", asOf: ["2026-01-31", "x"] })).toEqual({ year: undefined, asOf: "2026-01-31" });
    expect(cockpitParams({})).toEqual({ year: undefined, asOf: undefined });
  });
});
