// 挂图作战: where things sit on the time axis. Pure (no I/O): days are calendar days held as UTC
// midnight (like @db.Date values), positions are percents of the zoom window's width, so the
// chart is plain HTML/CSS that scales to the screen, a phone (scrolled) and an A3 sheet alike.

export const TIMELINE_ZOOMS = ["year", "q1", "q2", "q3", "q4"] as const;
export type TimelineZoom = (typeof TIMELINE_ZOOMS)[number];

const DAY = 86_400_000;

export interface TimelineWindow {
  /** first day shown (UTC midnight) */
  start: Date;
  /** the day after the last day shown: the window is [start, end) */
  end: Date;
  /** number of days shown (366 in a leap year, 91 in a leap Q1) */
  days: number;
}

export function timelineWindow(year: number, zoom: TimelineZoom): TimelineWindow {
  const firstMonth = zoom === "year" ? 0 : (Number(zoom.slice(1)) - 1) * 3;
  const months = zoom === "year" ? 12 : 3;
  const start = new Date(Date.UTC(year, firstMonth, 1));
  const end = new Date(Date.UTC(year, firstMonth + months, 1));
  return { start, end, days: Math.round((end.getTime() - start.getTime()) / DAY) };
}

/** The x of an instant as a percent of the window (may fall outside 0–100). */
export function xOf(instant: Date, window: TimelineWindow): number {
  return ((instant.getTime() - window.start.getTime()) / (window.days * DAY)) * 100;
}

const clamp = (value: number) => Math.min(100, Math.max(0, value));
const round = (value: number) => Math.round(value * 1000) / 1000;

export interface BarLayout {
  /** percent of the window */
  left: number;
  width: number;
  /** the task starts before the window (the bar is cut at the left edge) */
  clippedStart: boolean;
  /** the task ends after the window */
  clippedEnd: boolean;
}

/**
 * A task's bar from the start of its start day to the end of its due day, clipped to the window;
 * null when the task lies wholly outside it (or its dates are inverted).
 */
export function barLayout(startDate: Date, dueDate: Date, window: TimelineWindow): BarLayout | null {
  const from = startDate.getTime();
  const to = dueDate.getTime() + DAY;
  if (to <= from || to <= window.start.getTime() || from >= window.end.getTime()) return null;
  const left = clamp(xOf(startDate, window));
  const right = clamp(xOf(new Date(to), window));
  return {
    left: round(left),
    width: round(right - left),
    clippedStart: from < window.start.getTime(),
    clippedEnd: to > window.end.getTime(),
  };
}

/** The middle of a day (a milestone, "today"), or null outside the window. */
export function dayX(day: Date, window: TimelineWindow): number | null {
  if (day.getTime() < window.start.getTime() || day.getTime() >= window.end.getTime()) return null;
  return round(xOf(new Date(day.getTime() + DAY / 2), window));
}

export interface Tick {
  day: Date;
  x: number;
  /** month starts are major (labelled); week starts (Mondays) in a quarter are minor */
  major: boolean;
  /** 1–12 for a major tick, the day of the month for a minor one */
  label: number;
}

/**
 * Grid lines: the first of every month in the window; in a quarter, also every Monday that is not
 * a month start (labelled with its day of the month).
 */
export function timelineTicks(window: TimelineWindow, zoom: TimelineZoom): Tick[] {
  const ticks: Tick[] = [];
  for (let at = window.start.getTime(); at < window.end.getTime(); at += DAY) {
    const day = new Date(at);
    const x = round(xOf(day, window));
    if (day.getUTCDate() === 1) ticks.push({ day, x, major: true, label: day.getUTCMonth() + 1 });
    else if (zoom !== "year" && day.getUTCDay() === 1) ticks.push({ day, x, major: false, label: day.getUTCDate() });
  }
  return ticks;
}

/** The width of a month column (percent) for its label, from a major tick to the next. */
export function monthSpans(window: TimelineWindow): { month: number; left: number; width: number }[] {
  const spans = [];
  for (let month = window.start; month.getTime() < window.end.getTime();) {
    const next = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
    const left = round(xOf(month, window));
    spans.push({ month: month.getUTCMonth() + 1, left, width: round(xOf(next, window) - left) });
    month = next;
  }
  return spans;
}

/** A milestone marker: filled once completed on or before the day the chart is drawn for. */
export function milestoneMarker(
  milestone: { plannedDate: Date; completedOn: Date | null },
  window: TimelineWindow,
  asOf: Date,
): { x: number; done: boolean } | null {
  const x = dayX(milestone.plannedDate, window);
  if (x === null) return null;
  return { x, done: milestone.completedOn !== null && milestone.completedOn.getTime() <= asOf.getTime() };
}

export function parseZoom(value: string | undefined): TimelineZoom {
  return (TIMELINE_ZOOMS as readonly string[]).includes(value ?? "") ? (value as TimelineZoom) : "year";
}
