// 考核: the annual scoring of units (DESIGN §3 "Assessment"), pure and unit-tested. The facts
// (counts of tasks, task-months, reports, notices, honours) come from SQL in service.ts; these
// functions turn them into points, totals and a ranking. No I/O.
//
// Default scheme, 100 points:
// - COMPLETION 40  — led tasks due by the assessment day that are closed out (销号) by then
// - SCHEDULE 20    — share of task-months green: at each month end, the light of every led task
//                    that was running (GREEN/YELLOW/RED/PENDING_CLOSE); GREEN or PENDING_CLOSE conform
// - TIMELINESS 20  — share of the monthly lead reports due so far that were first submitted on time
// - SUPERVISION 10 — share of the notices received (and due to be answered) answered on time
// - INNOVATION 10  — points per pilot / typical case / honour by level, capped at the weight
// A ratio indicator with nothing to judge (no task due, no notice received…) scores its full weight:
// a unit is not penalised for what was not asked of it.

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
  /** the figure behind the points: a ratio 0..1, or for INNOVATION the uncapped sum of points */
  raw: number;
  score: number;
}

/** `weight × part / whole`; the full weight when there is nothing to judge. */
export function ratioScore(weight: number, part: number, whole: number): IndicatorResult {
  if (whole <= 0) return { raw: 1, score: round2(weight) };
  const ratio = Math.min(1, Math.max(0, part / whole));
  return { raw: Math.round(ratio * 10_000) / 10_000, score: round2(weight * ratio) };
}

export interface CompletionFacts {
  /** led tasks due by the assessment day */
  due: number;
  /** of those, closed out by then */
  done: number;
}
export function completionScore(weight: number, facts: CompletionFacts): IndicatorResult {
  return ratioScore(weight, facts.done, facts.due);
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
  return { raw: round2(sum), score: round2(Math.min(cap, sum)) };
}

export interface UnitFacts {
  completion: CompletionFacts;
  schedule: ScheduleFacts;
  timeliness: TimelinessFacts;
  supervision: SupervisionFacts;
  innovation: readonly InnovationItem[];
}

/** Every indicator of the scheme for one unit. */
export function scoreIndicators(scheme: readonly IndicatorSpec[], facts: UnitFacts): Record<IndicatorCode, IndicatorResult> {
  const out = {} as Record<IndicatorCode, IndicatorResult>;
  for (const spec of scheme) {
    switch (spec.code) {
      case "COMPLETION":
        out.COMPLETION = completionScore(spec.weight, facts.completion);
        break;
      case "SCHEDULE":
        out.SCHEDULE = scheduleScore(spec.weight, facts.schedule);
        break;
      case "TIMELINESS":
        out.TIMELINESS = timelinessScore(spec.weight, facts.timeliness);
        break;
      case "SUPERVISION":
        out.SUPERVISION = supervisionScore(spec.weight, facts.supervision);
        break;
      case "INNOVATION":
        out.INNOVATION = innovationScore(spec, facts.innovation);
        break;
    }
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
