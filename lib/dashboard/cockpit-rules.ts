// Pure rules of the leader cockpit: which days it may be computed for, the points of its trend, and
// how lead units are ranked. The figures themselves are SQL aggregates (cockpit.ts).
import type { CockpitRanking, CockpitUnitRate } from "./types";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string): Date | null {
  if (!ISO_DAY.test(value)) return null;
  const parsed = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value ? null : parsed;
}

const iso = (value: Date) => value.toISOString().slice(0, 10);

/** The last day of a month (1–12) as YYYY-MM-DD. */
export function monthEndOf(year: number, month: number): string {
  return iso(new Date(Date.UTC(year, month, 0)));
}

/** The month ends of `year` strictly before `today` (a past month end), newest first: the as-of picker. */
export function pastMonthEnds(year: number, today: string): string[] {
  const ends: string[] = [];
  for (let month = 12; month >= 1; month--) {
    const end = monthEndOf(year, month);
    if (end < today) ends.push(end);
  }
  return ends;
}

/**
 * The day the cockpit is computed for: a valid past day when the actor may pick one (office and
 * leaders, as in the ledger), else today — a future or malformed day is today.
 */
export function resolveAsOf(requested: string | null | undefined, today: string, editable: boolean): string {
  if (!editable || !requested) return today;
  const parsed = day(requested);
  return parsed && iso(parsed) < today ? iso(parsed) : today;
}

/**
 * The trend's days for a year seen as of a day: every month end of the year up to the day, and the
 * day itself when it falls inside the year and is not a month end (the current, partial month).
 */
export function trendDays(year: number, asOf: string): string[] {
  const days: string[] = [];
  for (let month = 1; month <= 12; month++) {
    const end = monthEndOf(year, month);
    if (end <= asOf) days.push(end);
  }
  if (asOf.startsWith(`${year}-`) && !days.includes(asOf)) days.push(asOf);
  return days;
}

/** A rate on the 0–100 scale with one decimal; null without a denominator. */
export function rateOf(good: number, base: number): number | null {
  return base > 0 ? Math.round((good / base) * 1000) / 10 : null;
}

/**
 * Top and bottom `size` units by rate; units without a denominator are not ranked. Ties go to the
 * unit with more tasks judged (a rate over more tasks says more), then by name. When there are
 * fewer than 2 × size units, the bottom list holds those not in the top list.
 */
export function rankUnits(units: readonly CockpitUnitRate[], size: number): CockpitRanking {
  const ranked = units
    .filter((unit) => unit.rate !== null)
    .sort((a, b) => b.rate! - a.rate! || b.base - a.base || a.name.localeCompare(b.name, "zh-CN"));
  const top = ranked.slice(0, size);
  const bottom = ranked.slice(Math.max(size, ranked.length - size)).reverse();
  return { top, bottom, ranked: ranked.length };
}

/** The page's `?year=2026&asOf=2026-10-31`, read leniently (getCockpit clamps both). */
export function cockpitParams(search: Record<string, string | string[] | undefined>): { year?: number; asOf?: string } {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
  const year = Number.parseInt(first(search.year), 10);
  return { year: Number.isInteger(year) ? year : undefined, asOf: first(search.asOf) || undefined };
}
