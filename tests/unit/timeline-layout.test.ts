import { describe, expect, it } from "vitest";
import {
  barLayout,
  dayX,
  milestoneMarker,
  monthSpans,
  parseZoom,
  timelineTicks,
  timelineWindow,
  xOf,
} from "@/lib/dashboard/timeline-layout";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("timeline window", () => {
  it("spans the year or the quarter, counting leap days", () => {
    expect(timelineWindow(2026, "year")).toEqual({ start: d("2026-01-01"), end: d("2027-01-01"), days: 365 });
    expect(timelineWindow(2024, "year").days).toBe(366);
    expect(timelineWindow(2024, "q1")).toEqual({ start: d("2024-01-01"), end: d("2024-04-01"), days: 91 });
    expect(timelineWindow(2026, "q1").days).toBe(90);
    expect(timelineWindow(2026, "q4")).toEqual({ start: d("2026-10-01"), end: d("2027-01-01"), days: 92 });
  });

  it("parses the zoom leniently", () => {
    expect(parseZoom("q3")).toBe("q3");
    expect(parseZoom("q5")).toBe("year");
    expect(parseZoom(undefined)).toBe("year");
  });
});

describe("positions", () => {
  it("places days proportionally across the window", () => {
    const year = timelineWindow(2026, "year");
    expect(xOf(d("2026-01-01"), year)).toBe(0);
    expect(xOf(d("2027-01-01"), year)).toBe(100);
    // 1 July 2026 is day 181 of 365
    expect(xOf(d("2026-07-01"), year)).toBeCloseTo((181 / 365) * 100, 6);
    // in a leap year 1 July is day 182 of 366
    expect(xOf(d("2024-07-01"), timelineWindow(2024, "year"))).toBeCloseTo((182 / 366) * 100, 6);
  });

  it("draws a bar from the start of the start day to the end of the due day", () => {
    const year = timelineWindow(2026, "year");
    expect(barLayout(d("2026-01-01"), d("2026-12-31"), year)).toEqual({ left: 0, width: 100, clippedStart: false, clippedEnd: false });
    const bar = barLayout(d("2026-03-01"), d("2026-03-31"), year)!;
    expect(bar.left).toBeCloseTo((59 / 365) * 100, 2);
    expect(bar.width).toBeCloseTo((31 / 365) * 100, 2);
    expect(bar.clippedStart || bar.clippedEnd).toBe(false);
  });

  it("clips bars at the edges of a quarter and drops bars outside it", () => {
    const q2 = timelineWindow(2026, "q2");
    expect(barLayout(d("2026-02-01"), d("2026-05-15"), q2)).toMatchObject({ left: 0, clippedStart: true, clippedEnd: false });
    const right = barLayout(d("2026-06-01"), d("2026-09-30"), q2)!;
    expect(right.left + right.width).toBeCloseTo(100, 6);
    expect(right).toMatchObject({ clippedStart: false, clippedEnd: true });
    expect(barLayout(d("2026-01-01"), d("2026-12-31"), q2)).toEqual({ left: 0, width: 100, clippedStart: true, clippedEnd: true });
    // a task due on the day before the quarter, or starting on the day after it, is not drawn
    expect(barLayout(d("2026-01-01"), d("2026-03-31"), q2)).toBeNull();
    expect(barLayout(d("2026-07-01"), d("2026-08-31"), q2)).toBeNull();
    // due on the quarter's first day: one day wide
    expect(barLayout(d("2026-03-01"), d("2026-04-01"), q2)!.width).toBeCloseTo((1 / 91) * 100, 2);
    // inverted dates draw nothing
    expect(barLayout(d("2026-05-10"), d("2026-05-01"), q2)).toBeNull();
  });

  it("puts a milestone or today in the middle of its day, and nowhere outside the window", () => {
    const q1 = timelineWindow(2024, "q1");
    expect(dayX(d("2024-01-01"), q1)).toBeCloseTo((0.5 / 91) * 100, 2);
    expect(dayX(d("2024-02-29"), q1)).toBeCloseTo((59.5 / 91) * 100, 2);
    expect(dayX(d("2024-03-31"), q1)).toBeCloseTo((90.5 / 91) * 100, 2);
    expect(dayX(d("2024-04-01"), q1)).toBeNull();
    expect(dayX(d("2023-12-31"), q1)).toBeNull();
  });

  it("fills a milestone only when it was completed by the day drawn", () => {
    const year = timelineWindow(2026, "year");
    const milestone = { plannedDate: d("2026-06-30"), completedOn: d("2026-07-10") };
    expect(milestoneMarker(milestone, year, d("2026-07-01"))!.done).toBe(false);
    expect(milestoneMarker(milestone, year, d("2026-07-10"))!.done).toBe(true);
    expect(milestoneMarker({ plannedDate: d("2026-06-30"), completedOn: null }, year, d("2026-11-22"))!.done).toBe(false);
    expect(milestoneMarker(milestone, timelineWindow(2026, "q1"), d("2026-11-22"))).toBeNull();
  });
});

describe("ticks", () => {
  it("marks the 12 month starts of a year, with their positions", () => {
    const year = timelineWindow(2024, "year");
    const ticks = timelineTicks(year, "year");
    expect(ticks).toHaveLength(12);
    expect(ticks.every((tick) => tick.major)).toBe(true);
    expect(ticks.map((tick) => tick.label)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // March starts after the 29 days of February 2024
    expect(ticks[2]!.x).toBeCloseTo((60 / 366) * 100, 2);
  });

  it("adds the Mondays of a quarter as minor ticks", () => {
    const q1 = timelineWindow(2026, "q1");
    const ticks = timelineTicks(q1, "q1");
    expect(ticks.filter((tick) => tick.major).map((tick) => tick.label)).toEqual([1, 2, 3]);
    const mondays = ticks.filter((tick) => !tick.major);
    // every Monday of Q1 2026 (none falls on a 1st)
    expect(mondays.map((tick) => tick.day.toISOString().slice(0, 10))).toEqual([
      "2026-01-05",
      "2026-01-12",
      "2026-01-19",
      "2026-01-26",
      "2026-02-02",
      "2026-02-09",
      "2026-02-16",
      "2026-02-23",
      "2026-03-02",
      "2026-03-09",
      "2026-03-16",
      "2026-03-23",
      "2026-03-30",
    ]);
    expect(mondays.every((tick) => tick.day.getUTCDay() === 1)).toBe(true);
    // ticks are in order across the window
    expect(ticks.map((tick) => tick.x)).toEqual([...ticks.map((tick) => tick.x)].sort((a, b) => a - b));
  });

  it("splits the window into month spans that add up to the whole width", () => {
    for (const zoom of ["year", "q1", "q2", "q3", "q4"] as const) {
      const spans = monthSpans(timelineWindow(2024, zoom));
      expect(spans).toHaveLength(zoom === "year" ? 12 : 3);
      expect(spans.reduce((sum, span) => sum + span.width, 0)).toBeCloseTo(100, 1);
    }
    const feb = monthSpans(timelineWindow(2024, "q1"))[1]!;
    expect(feb.month).toBe(2);
    expect(feb.width).toBeCloseTo((29 / 91) * 100, 2);
  });
});
