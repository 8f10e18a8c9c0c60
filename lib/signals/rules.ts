// 形式主义预警 (formalism signals): the rules of the four kinds, pure and unit-tested. The database
// computes the same rules in SQL (lib/signals/refresh-sql.ts and the migration's
// char_trigram_similarity, docs/decisions/0020); tests/integration/signals.test.ts checks that SQL
// and these functions agree. A signal is a prompt for the office, never a penalty.

export const SIGNAL_KINDS = ["COPIED_REPORT", "FROZEN_PERCENT", "LOW_CLOSEOUT", "REUSED_FILE"] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** The committee settings of the rules (CommitteeSettings), with their defaults and bounds. */
export interface SignalSettings {
  /** percent: a report at least this similar to the previous one is "copied" */
  signalCopySimilarity: number;
  /** months: the approved percent unchanged this long while lagging is "frozen" */
  signalFrozenMonths: number;
  /** percent: a close-out applied from a last approved percent below this is "low" */
  signalCloseOutFloor: number;
}

export const DEFAULT_SIGNAL_SETTINGS: SignalSettings = { signalCopySimilarity: 90, signalFrozenMonths: 2, signalCloseOutFloor: 60 };

export const SIGNAL_SETTING_BOUNDS: Record<keyof SignalSettings, { min: number; max: number }> = {
  // below half the trigrams shared, two reports on the same task are simply on the same subject
  signalCopySimilarity: { min: 50, max: 100 },
  signalFrozenMonths: { min: 1, max: 12 },
  signalCloseOutFloor: { min: 1, max: 100 },
};

// ───────────── COPIED_REPORT: character-trigram similarity ─────────────

/**
 * Characters that do not count: ASCII whitespace, the no-break, ideographic and zero-width spaces,
 * the byte-order mark. A copy with a space added is still a copy. The SQL function drops the same set.
 */
export const IGNORED_CODE_POINTS: readonly number[] = [9, 10, 11, 12, 13, 32, 160, 8203, 12288, 65279];
const IGNORED = new Set(IGNORED_CODE_POINTS);

/**
 * The text as compared: its Unicode code points (not UTF-16 units: 𠀋 is one character, as in
 * PostgreSQL), whitespace dropped, ASCII letters lowercased. Nothing depends on a locale.
 */
export function comparableCharacters(text: string): string[] {
  const out: string[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (IGNORED.has(code)) continue;
    out.push(code >= 65 && code <= 90 ? String.fromCodePoint(code + 32) : char);
  }
  return out;
}

/** The distinct runs of three consecutive characters; a text of one or two characters is its own single gram. */
export function characterTrigrams(text: string): Set<string> {
  const chars = comparableCharacters(text);
  if (chars.length === 0) return new Set();
  if (chars.length < 3) return new Set([chars.join("")]);
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  return grams;
}

/** Jaccard index of the two texts' character trigrams: shared ÷ all, 0–1; two empty texts are the same (1). */
export function trigramSimilarity(a: string, b: string): number {
  const left = characterTrigrams(a);
  const right = characterTrigrams(b);
  if (left.size + right.size === 0) return 1;
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared++;
  return shared / (left.size + right.size - shared);
}

/** Copied when the similarity reaches the setting (percent): at the threshold counts. */
export function isCopied(similarity: number, thresholdPercent: number): boolean {
  return similarity >= thresholdPercent / 100;
}

// ───────────── FROZEN_PERCENT: the approved percent unchanged for months ─────────────

export interface ApprovedPercent {
  /** first day of the reported month (UTC midnight) */
  period: Date;
  percent: number;
}

export interface FrozenRun {
  /** months the percent stayed unchanged: one fewer than the reports of the run */
  months: number;
  percent: number;
  first: Date;
  last: Date;
}

const monthIndex = (day: Date) => day.getUTCFullYear() * 12 + day.getUTCMonth();

/**
 * The run of the latest approved lead reports (one per month) with the same percent in consecutive
 * months, ending with the latest; null without reports. A gap of a month ends the run.
 */
export function latestRun(reports: readonly ApprovedPercent[]): FrozenRun | null {
  const sorted = [...reports].sort((a, b) => b.period.getTime() - a.period.getTime());
  const latest = sorted[0];
  if (!latest) return null;
  let first = latest;
  for (const older of sorted.slice(1)) {
    if (older.percent !== first.percent || monthIndex(first.period) - monthIndex(older.period) !== 1) break;
    first = older;
  }
  return {
    months: monthIndex(latest.period) - monthIndex(first.period),
    percent: latest.percent,
    first: first.period,
    last: latest.period,
  };
}

/**
 * Frozen: the latest run lasts at least `months` months (months + 1 monthly approved reports) below
 * 100 %, while the task lags (planned above actual, from the ledger's light SQL).
 */
export function isFrozen(run: FrozenRun | null, months: number, lagging: boolean): boolean {
  return run !== null && lagging && run.percent < 100 && run.months >= months;
}

// ───────────── LOW_CLOSEOUT ─────────────

/** A close-out applied when the last approved percent (none: 0) was below the floor: at the floor is not low. */
export function isLowCloseOut(lastApprovedPercent: number | null, floor: number): boolean {
  return (lastApprovedPercent ?? 0) < floor;
}

// ───────────── REUSED_FILE ─────────────

export interface FileUse {
  attachmentId: string;
  sha256: string;
  taskId: string;
  /** the month of the record the file is on (YYYY-MM) */
  month: string;
  createdAt: Date;
}

/**
 * Each later use of a file that an earlier use on another task or in another month precedes: the
 * later use and its first such earlier use. The same file twice on one task in one month (a lead
 * report and a contribution) is not a reuse.
 */
export function reusedFiles(uses: readonly FileUse[]): { use: FileUse; first: FileUse; earlier: number }[] {
  const order = (a: FileUse, b: FileUse) =>
    a.createdAt.getTime() - b.createdAt.getTime() || (a.attachmentId < b.attachmentId ? -1 : a.attachmentId > b.attachmentId ? 1 : 0);
  const sorted = [...uses].sort(order);
  const found: { use: FileUse; first: FileUse; earlier: number }[] = [];
  sorted.forEach((use, index) => {
    const before = sorted.slice(0, index).filter((other) => other.sha256 === use.sha256);
    const first = before.find((other) => other.taskId !== use.taskId || other.month !== use.month);
    if (first) found.push({ use, first, earlier: before.length });
  });
  return found;
}
