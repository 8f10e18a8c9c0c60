// 形式主义预警: the four rules at their thresholds (just below, at, just above), and the similarity
// they rest on (code points, whitespace, case).
import { describe, expect, it } from "vitest";
import {
  characterTrigrams,
  comparableCharacters,
  DEFAULT_SIGNAL_SETTINGS,
  isCopied,
  isFrozen,
  isLowCloseOut,
  latestRun,
  reusedFiles,
  trigramSimilarity,
  type FileUse,
} from "@/lib/signals/rules";

/** `n` different Chinese characters: a text with exactly n − 2 distinct trigrams. */
const chinese = (n: number, from = 0) => Array.from({ length: n }, (_, i) => String.fromCodePoint(0x6539 + from + i)).join("");

describe("character-trigram similarity", () => {
  it("is the Jaccard index of the distinct trigrams: shared ÷ all", () => {
    const text = chinese(12); // 10 trigrams
    expect(characterTrigrams(text).size).toBe(10);
    expect(trigramSimilarity(text, text)).toBe(1);
    expect(trigramSimilarity(text, text.slice(0, 11))).toBe(9 / 10); // 9 shared of 10
    expect(trigramSimilarity(text, `${text}额`)).toBe(10 / 11);
    expect(trigramSimilarity(chinese(5), chinese(5, 100))).toBe(0);
    expect(trigramSimilarity("本月召开推进会2次", "本月召开推进会3次")).toBeCloseTo(5 / 9, 10);
  });

  it("reads code points, not UTF-16 units, and ignores whitespace and the case of A–Z", () => {
    expect(comparableCharacters("𠀋𠀋a")).toEqual(["𠀋", "𠀋", "a"]);
    expect(characterTrigrams("𠀋𠀋𠀋x")).toEqual(new Set(["𠀋𠀋𠀋", "𠀋𠀋x"]));
    expect(trigramSimilarity("本月 完成\n调研\u3000报告", "本月完成调研报告")).toBe(1);
    expect(trigramSimilarity("APP上线", "app上线")).toBe(1);
    // only ASCII letters fold: full-width letters and other scripts stay as typed
    expect(trigramSimilarity("ＡＢＣ", "ａｂｃ")).toBe(0);
  });

  it("treats short and empty texts as their own single gram", () => {
    expect(characterTrigrams("无")).toEqual(new Set(["无"]));
    expect(trigramSimilarity("无", "无")).toBe(1);
    expect(trigramSimilarity("无", "有")).toBe(0);
    expect(trigramSimilarity("", "")).toBe(1);
    expect(trigramSimilarity("", "本月完成")).toBe(0);
  });
});

describe("COPIED_REPORT at the threshold", () => {
  const threshold = DEFAULT_SIGNAL_SETTINGS.signalCopySimilarity;
  it("defaults to 90 %", () => expect(threshold).toBe(90));

  it("is not copied just below, is at the threshold, and is above it", () => {
    const base = chinese(31); // 29 trigrams
    const below = trigramSimilarity(base, base.slice(0, 28)); // 26 / 29 = 0.897
    const at = trigramSimilarity(chinese(22), chinese(20)); // 18 / 20 = 0.9 exactly
    const above = trigramSimilarity(chinese(23), chinese(21)); // 19 / 21 = 0.905
    expect(below).toBeLessThan(0.9);
    expect(at).toBe(0.9);
    expect(above).toBeGreaterThan(0.9);
    expect(isCopied(below, threshold)).toBe(false);
    expect(isCopied(at, threshold)).toBe(true);
    expect(isCopied(above, threshold)).toBe(true);
  });

  it("follows the committee's setting", () => {
    const similarity = trigramSimilarity(chinese(12), chinese(10)); // 8 / 10
    expect(isCopied(similarity, 81)).toBe(false);
    expect(isCopied(similarity, 80)).toBe(true);
    expect(isCopied(1, 100)).toBe(true);
    expect(isCopied(0.99, 100)).toBe(false);
  });
});

const month = (m: number) => new Date(Date.UTC(2026, m - 1, 1));
const reports = (...percents: number[]) => percents.map((percent, i) => ({ period: month(i + 1), percent }));

describe("FROZEN_PERCENT at the threshold", () => {
  const months = DEFAULT_SIGNAL_SETTINGS.signalFrozenMonths;
  it("defaults to 2 months: three monthly approved reports with one percent", () => expect(months).toBe(2));

  it("is not frozen one month short, is at the threshold, and is above it", () => {
    const short = latestRun(reports(10, 20, 30, 30)); // unchanged 1 month
    const at = latestRun(reports(10, 20, 30, 30, 30)); // 2 months
    const above = latestRun(reports(10, 30, 30, 30, 30)); // 3 months
    expect(short).toMatchObject({ months: 1, percent: 30 });
    expect(at).toMatchObject({ months: 2, percent: 30, first: month(3), last: month(5) });
    expect(above).toMatchObject({ months: 3, first: month(2) });
    expect(isFrozen(short, months, true)).toBe(false);
    expect(isFrozen(at, months, true)).toBe(true);
    expect(isFrozen(above, months, true)).toBe(true);
  });

  it("needs consecutive months, the latest reports, a task that lags and a percent below 100", () => {
    const gap = [
      { period: month(1), percent: 40 },
      { period: month(2), percent: 40 },
      { period: month(4), percent: 40 },
    ];
    expect(latestRun(gap)).toMatchObject({ months: 0 });
    expect(isFrozen(latestRun(gap), months, true)).toBe(false);
    // an old run that has since moved on
    expect(isFrozen(latestRun(reports(30, 30, 30, 45)), months, true)).toBe(false);
    expect(isFrozen(latestRun(reports(30, 30, 30)), months, false)).toBe(false);
    expect(isFrozen(latestRun(reports(100, 100, 100)), months, true)).toBe(false);
    expect(isFrozen(latestRun(reports(99, 99, 99)), months, true)).toBe(true);
    expect(latestRun([])).toBeNull();
    expect(isFrozen(null, months, true)).toBe(false);
    // order of the input does not matter
    expect(latestRun(reports(10, 30, 30, 30).reverse())).toMatchObject({ months: 2 });
  });
});

describe("LOW_CLOSEOUT at the threshold", () => {
  const floor = DEFAULT_SIGNAL_SETTINGS.signalCloseOutFloor;
  it("defaults to 60 %", () => expect(floor).toBe(60));

  it("is low just below the floor, not at it, not above it", () => {
    expect(isLowCloseOut(59, floor)).toBe(true);
    expect(isLowCloseOut(60, floor)).toBe(false);
    expect(isLowCloseOut(61, floor)).toBe(false);
    expect(isLowCloseOut(20, floor)).toBe(true);
    // no approved report at all: from 0 %
    expect(isLowCloseOut(null, floor)).toBe(true);
    expect(isLowCloseOut(100, 100)).toBe(false);
  });
});

describe("REUSED_FILE", () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 9, 5, 2, minute));
  const use = (id: string, sha: string, taskId: string, month: string, minute: number): FileUse => ({
    attachmentId: id,
    sha256: sha,
    taskId,
    month,
    createdAt: at(minute),
  });

  it("flags each later use on another task or in another month, with its first such use", () => {
    const found = reusedFiles([
      use("c1", "aa", "t1", "2026-09", 1),
      use("c2", "aa", "t1", "2026-09", 2), // same task, same month: the lead report and a contribution
      use("c3", "aa", "t1", "2026-10", 3), // next month
      use("c4", "aa", "t2", "2026-09", 4), // another task
      use("c5", "bb", "t3", "2026-10", 5), // another file
    ]);
    expect(found.map(({ use, first, earlier }) => [use.attachmentId, first.attachmentId, earlier])).toEqual([
      ["c3", "c1", 2],
      ["c4", "c1", 3],
    ]);
  });

  it("does not flag a file used once, or twice on one record's task and month", () => {
    expect(reusedFiles([use("c1", "aa", "t1", "2026-09", 1)])).toEqual([]);
    expect(reusedFiles([use("c1", "aa", "t1", "2026-09", 1), use("c2", "aa", "t1", "2026-09", 1)])).toEqual([]);
  });
});
