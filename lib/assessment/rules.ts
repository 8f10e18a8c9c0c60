// 考核: the annual scoring of units (DESIGN §3 "Assessment", §6 "Assessment at any date"), pure and
// unit-tested. The facts (the tasks, milestones, task-months, reports, notices, honours counted) come
// from SQL in facts.ts; these functions turn them into points, totals and a ranking. No I/O.
//
// Default scheme, 100 points (docs/decisions/0012-assessment-at-any-date.md):
// - COMPLETION 40  — what was due by the as-of day: led tasks due and their milestones planned by then;
//                    each counts 1 when done by its date, LATE_CREDIT (½) when done later but by the
//                    as-of day, 0 when still open
// - SCHEDULE 20    — share of task-months green: at each month end, the light of every led task
//                    that was running (GREEN/YELLOW/RED/PENDING_CLOSE); GREEN or PENDING_CLOSE conform
// - TIMELINESS 20  — share of the monthly lead reports due so far that were first submitted on time
// - SUPERVISION 10 — share of the notices received (and due to be answered) answered on time
// - INNOVATION 10  — points per pilot / typical case / honour by level, capped at the weight (a bonus)
// A ratio indicator with nothing due for a unit by the as-of day (no task or milestone due, no month
// ended, no report due, no notice to answer) is not taken part in (不参与, shown "—"), never full
// marks; its weight is redistributed over the ratio indicators the unit does take part in, in
// proportion to their weights, so every unit is scored out of the same 100 points.

export const INDICATOR_CODES = ["COMPLETION", "SCHEDULE", "TIMELINESS", "SUPERVISION", "INNOVATION"] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

export const LEVELS = ["NATIONAL", "PROVINCIAL", "CITY", "COUNTY"] as const;
export type LevelValue = (typeof LEVELS)[number];

export interface IndicatorSpec {
  code: IndicatorCode;
  weight: number;
  /** the most points the indicator can give (INNOVATION); the weight when absent */
  cap?: number | null;
  /** INNOVATION: points per item by level */
  pointsByLevel?: Partial<Record<LevelValue, number>>;
}

export const DEFAULT_POINTS_BY_LEVEL: Record<LevelValue, number> = { NATIONAL: 4, PROVINCIAL: 3, CITY: 2, COUNTY: 1 };

export const DEFAULT_SCHEME: readonly IndicatorSpec[] = [
  { code: "COMPLETION", weight: 40 },
  { code: "SCHEDULE", weight: 20 },
  { code: "TIMELINESS", weight: 20 },
  { code: "SUPERVISION", weight: 10 },
  { code: "INNOVATION", weight: 10, cap: 10, pointsByLevel: DEFAULT_POINTS_BY_LEVEL },
];

export const FULL_MARKS = 100;

/** The indicators' names as the scheme stores them (the office's wording; the UI shows translated ones). */
export const INDICATOR_NAMES: Record<IndicatorCode, string> = {
  COMPLETION: "牵头任务完成情况",
  SCHEDULE: "序时进度符合情况",
  TIMELINESS: "进度报送及时性",
  SUPERVISION: "督办落实情况",
  INNOVATION: "改革创新加分",
};

/** Catalogue keys of what is wrong with a scheme (weights must add up to 100, every indicator once). */
export function schemeProblems(scheme: readonly IndicatorSpec[]): string[] {
  const problems: string[] = [];
  const codes = new Set(scheme.map((spec) => spec.code));
  if (codes.size !== scheme.length || INDICATOR_CODES.some((code) => !codes.has(code))) problems.push("assessment.validation.indicators");
  if (Math.abs(scheme.reduce((sum, spec) => sum + spec.weight, 0) - FULL_MARKS) > 1e-9) problems.push("assessment.validation.weights");
  if (scheme.some((spec) => spec.weight < 0 || (spec.cap ?? 0) < 0)) problems.push("assessment.validation.negative");
  return problems;
}

/** Two decimals, half away from zero (the points are stored as DECIMAL(7,2)). */
export function round2(value: number): number {
  return (Math.sign(value) * Math.round(Math.abs(value) * 100 + 1e-9)) / 100;
}

export interface IndicatorResult {
  /** false when nothing was due for the indicator by the as-of day (不参与): raw and score 0 */
  takesPart: boolean;
  /** the figure behind the points: a ratio 0..1, or for INNOVATION the uncapped sum of points */
  raw: number;
  score: number;
  /**
   * what the indicator is worth for this unit: its weight, or more when the unit does not take part in
   * another ratio indicator (redistributed); 0 when it does not take part; INNOVATION its cap
   */
  points: number;
}

const NOT_TAKING_PART: IndicatorResult = { takesPart: false, raw: 0, score: 0, points: 0 };

/** `weight × part / whole`; not taken part in (不参与) when there is nothing to judge. */
export function ratioScore(weight: number, part: number, whole: number): IndicatorResult {
  if (whole <= 0) return NOT_TAKING_PART;
  const ratio = Math.min(1, Math.max(0, part / whole));
  return { takesPart: true, raw: Math.round(ratio * 10_000) / 10_000, score: round2(weight * ratio), points: weight };
}

/** Credit of a task or milestone done after its date (but by the as-of day); on time is 1, open 0. */
export const LATE_CREDIT = 0.5;

export type CompletionOutcome = "ON_TIME" | "LATE" | "OPEN";

/** A led task due, or a milestone of one planned, on `dueOn`: done on `doneOn` (null: not by the as-of day). */
export function completionOutcome(dueOn: Date, doneOn: Date | null, asOfDay: Date): CompletionOutcome | null {
  if (dueOn.getTime() > asOfDay.getTime()) return null; // not due yet: not counted
  if (!doneOn || doneOn.getTime() > asOfDay.getTime()) return "OPEN";
  return doneOn.getTime() <= dueOn.getTime() ? "ON_TIME" : "LATE";
}

export interface CompletionFacts {
  /** led tasks due and milestones of led tasks planned by the as-of day */
  due: number;
  /** of those, done by their date */
  onTime: number;
  /** of those, done after their date but by the as-of day */
  late: number;
}
export function completionScore(weight: number, facts: CompletionFacts): IndicatorResult {
  return ratioScore(weight, facts.onTime + LATE_CREDIT * facts.late, facts.due);
}

export interface ScheduleFacts {
  /** task-months judged (the task was running at the month end) */
  counted: number;
  /** of those, green (or awaiting close-out) */
  green: number;
}
export function scheduleScore(weight: number, facts: ScheduleFacts): IndicatorResult {
  return ratioScore(weight, facts.green, facts.counted);
}

export interface TimelinessFacts {
  onTime: number;
  late: number;
  missing: number;
}
export function timelinessScore(weight: number, facts: TimelinessFacts): IndicatorResult {
  return ratioScore(weight, facts.onTime, facts.onTime + facts.late + facts.missing);
}

export interface SupervisionFacts {
  /** notices received whose answer is due (or already given) by the assessment day */
  received: number;
  /** of those, first answered by the end of the response due day */
  answeredOnTime: number;
}
export function supervisionScore(weight: number, facts: SupervisionFacts): IndicatorResult {
  return ratioScore(weight, facts.answeredOnTime, facts.received);
}

export interface InnovationItem {
  level: LevelValue;
}
/** Points of pilots, typical cases and honours by level, capped (the raw value keeps the uncapped sum). */
export function innovationScore(
  spec: Pick<IndicatorSpec, "weight" | "cap" | "pointsByLevel">,
  items: readonly InnovationItem[],
): IndicatorResult {
  const points = { ...DEFAULT_POINTS_BY_LEVEL, ...spec.pointsByLevel };
  const sum = items.reduce((total, item) => total + (points[item.level] ?? 0), 0);
  const cap = spec.cap ?? spec.weight;
  return { takesPart: true, raw: round2(sum), score: round2(Math.min(cap, sum)), points: cap };
}

export interface UnitFacts {
  completion: CompletionFacts;
  schedule: ScheduleFacts;
  timeliness: TimelinessFacts;
  supervision: SupervisionFacts;
  innovation: readonly InnovationItem[];
}

/** The indicators measured as a share of what was due: the ones a unit may not take part in. */
export const RATIO_CODES: readonly IndicatorCode[] = ["COMPLETION", "SCHEDULE", "TIMELINESS", "SUPERVISION"];

/** The ratio of a result (part / whole) before rounding, from the facts. */
function ratioOf(code: IndicatorCode, facts: UnitFacts): number | null {
  const share = (part: number, whole: number) => (whole > 0 ? Math.min(1, Math.max(0, part / whole)) : null);
  switch (code) {
    case "COMPLETION":
      return share(facts.completion.onTime + LATE_CREDIT * facts.completion.late, facts.completion.due);
    case "SCHEDULE":
      return share(facts.schedule.green, facts.schedule.counted);
    case "TIMELINESS":
      return share(facts.timeliness.onTime, facts.timeliness.onTime + facts.timeliness.late + facts.timeliness.missing);
    case "SUPERVISION":
      return share(facts.supervision.answeredOnTime, facts.supervision.received);
    case "INNOVATION":
      return null;
  }
}

/**
 * Every indicator of the scheme for one unit. A ratio indicator with nothing due is not taken part
 * in (score 0, points 0); the weights of those are redistributed over the ratio indicators the unit
 * takes part in, in proportion to their weights: each is worth `weight × Σ ratio weights ÷ Σ weights
 * taken part in`. With none taken part in, only INNOVATION scores (nothing else was asked yet).
 */
export function scoreIndicators(scheme: readonly IndicatorSpec[], facts: UnitFacts): Record<IndicatorCode, IndicatorResult> {
  const out = {} as Record<IndicatorCode, IndicatorResult>;
  const ratios = scheme.filter((spec) => RATIO_CODES.includes(spec.code));
  const pool = ratios.reduce((sum, spec) => sum + spec.weight, 0);
  const takenPart = ratios.filter((spec) => ratioOf(spec.code, facts) !== null);
  const base = takenPart.reduce((sum, spec) => sum + spec.weight, 0);
  for (const spec of scheme) {
    if (spec.code === "INNOVATION") {
      out.INNOVATION = innovationScore(spec, facts.innovation);
      continue;
    }
    const ratio = ratioOf(spec.code, facts);
    if (ratio === null || base <= 0) {
      out[spec.code] = NOT_TAKING_PART;
      continue;
    }
    const points = (spec.weight * pool) / base;
    out[spec.code] = { takesPart: true, raw: Math.round(ratio * 10_000) / 10_000, score: round2(points * ratio), points: round2(points) };
  }
  return out;
}

/** The total: the indicators' points plus the manual adjustments (加减分), never below zero. */
export function totalScore(scores: readonly number[], adjustments: readonly number[] = []): number {
  const sum = [...scores, ...adjustments].reduce((total, value) => total + value, 0);
  return Math.max(0, round2(sum));
}

/**
 * Ranking by total, highest first; equal totals share a rank and the next rank skips
 * (100, 95, 95, 90 → 1, 2, 2, 4). Ties are listed in the order given (e.g. the units' sort order).
 */
export function rankTotals<T extends { total: number }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = rows.map((row, index) => ({ row, index })).sort((a, b) => b.row.total - a.row.total || a.index - b.index);
  const ranked: (T & { rank: number })[] = [];
  sorted.forEach(({ row }, position) => {
    const previous = ranked[position - 1];
    const rank = previous && Math.abs(previous.total - row.total) < 0.005 ? previous.rank : position + 1;
    ranked.push({ ...row, rank });
  });
  return ranked;
}

// ───────────── dates of the assessment ─────────────

const DAY = 86_400_000;

/** The day the assessment is computed for: today, or the last day of the year once it is over. YYYY-MM-DD. */
export function assessmentDay(year: number, today: Date): Date {
  const yearEnd = new Date(Date.UTC(year, 11, 31));
  return today.getTime() < yearEnd.getTime() ? today : yearEnd;
}

/** The month ends of the year on or before `asOf`: the days whose lights make the task-months. */
export function monthEndsUpTo(year: number, asOf: Date): Date[] {
  const ends: Date[] = [];
  for (let month = 0; month < 12; month++) {
    const end = new Date(Date.UTC(year, month + 1, 1) - DAY);
    if (end.getTime() <= asOf.getTime()) ends.push(end);
  }
  return ends;
}

export function isoDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}

/** May the office still change this run? Published and superseded runs are frozen. */
export function isEditable(status: "DRAFT" | "PUBLISHED" | "SUPERSEDED"): boolean {
  return status === "DRAFT";
}
