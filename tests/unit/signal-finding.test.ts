// Each signal's row says what was found in words, in both languages: months, percents, the
// similarity and the files' names — never a kind code, an id or a raw number of the read model.
import { describe, expect, it } from "vitest";
import { dismissalText, findingText, similarityText } from "@/components/signals/finding";
import { createTranslator, messagesFor } from "@/lib/i18n/translate";
import type { SignalView } from "@/lib/signals/types";

const base: SignalView = {
  id: "csignal000000000000000001",
  version: 1,
  kind: "COPIED_REPORT",
  task: { id: "ctask0000000000000000001", code: "2026-经济-003", title: "深化不动产登记改革" },
  unit: { id: "cunit0000000000000000001", name: "县自然资源和规划局" },
  period: "2026-10",
  value: 0.9523809523809523,
  percent: null,
  planned: null,
  report: { id: "creport00000000000000001", period: "2026-10", status: "SUBMITTED" },
  previousReport: { id: "creport00000000000000002", period: "2026-09", status: "APPROVED" },
  closeOut: null,
  attachment: null,
  previousAttachment: null,
  detectedAt: "2026-11-03T02:00:00.000Z",
  updatedAt: "2026-11-03T02:00:00.000Z",
  dismissed: null,
  href: "/reports/review?period=2026-10",
};

const zh = createTranslator(messagesFor("zh-CN"));
const en = createTranslator(messagesFor("en"));
const CODES = /COPIED_REPORT|FROZEN_PERCENT|LOW_CLOSEOUT|REUSED_FILE|ProgressReport|c[a-z0-9]{20,}/;

describe("a signal in words", () => {
  it("COPIED_REPORT: the two months and the similarity, truncated to one decimal", () => {
    expect(findingText(base, zh, "zh-CN")).toBe("2026年10月本月进展与2026年9月的报告相似度为 95.2%");
    expect(findingText(base, en, "en")).toBe("Progress of October 2026 is 95.2% similar to the report of September 2026");
    // never rounded up to the threshold: 89.99 % is not shown as 90 %
    expect(similarityText(0.89999, "zh-CN")).toBe("89.9%");
    expect(similarityText(1, "en")).toBe("100%");
  });

  it("FROZEN_PERCENT, LOW_CLOSEOUT and REUSED_FILE", () => {
    const frozen: SignalView = {
      ...base,
      kind: "FROZEN_PERCENT",
      value: 2,
      percent: 30,
      planned: 80,
      period: "2026-10",
      previousReport: { id: "x", period: "2026-08", status: "APPROVED" },
    };
    expect(findingText(frozen, zh, "zh-CN")).toBe("审核通过的进度自2026年8月至2026年10月连续 2 个月停留在 30%，当前序时进度 80%");
    expect(findingText(frozen, en, "en")).toBe(
      "The approved percent stayed at 30% for 2 months (August 2026 to October 2026); planned is now 80%",
    );

    const low: SignalView = {
      ...base,
      kind: "LOW_CLOSEOUT",
      value: 20,
      percent: 60,
      closeOut: { id: "y", appliedAt: "2026-11-10T02:00:00.000Z", status: "PENDING" },
    };
    expect(findingText(low, zh, "zh-CN")).toBe("2026年11月10日申请销号，此前最近审核通过的进度为 20%，低于 60%");
    expect(findingText({ ...low, report: null, value: 0 }, en, "en")).toBe(
      "Close-out applied for on November 10, 2026 with no approved percent yet, below 60%",
    );

    const file = (name: string, code: string, period: string) => ({
      id: "z",
      fileName: name,
      taskId: "t",
      taskCode: code,
      taskTitle: "推进低效工业用地改革",
      period,
      ownerType: "ProgressReport",
    });
    const reused: SignalView = {
      ...base,
      kind: "REUSED_FILE",
      value: 2,
      attachment: file("会议纪要.pdf", "2026-经济-003", "2026-10"),
      previousAttachment: file("会议纪要.pdf", "2026-经济-007", "2026-09"),
    };
    expect(findingText(reused, zh, "zh-CN")).toBe(
      "2026年10月报送的「会议纪要.pdf」与2026-经济-007 推进低效工业用地改革2026年9月月报的佐证材料是同一文件（此前已使用 2 次）",
    );
    expect(findingText(reused, en, "en")).toBe(
      "“会议纪要.pdf” filed for October 2026 is the same file as the evidence of 2026-经济-007 推进低效工业用地改革, September 2026 monthly report (used 2 time(s) before)",
    );
    for (const signal of [base, frozen, low, reused])
      for (const [t, locale] of [
        [zh, "zh-CN"],
        [en, "en"],
      ] as const)
        expect(findingText(signal, t, locale)).not.toMatch(CODES);
  });

  it("who dismissed it, when and why", () => {
    const dismissed = { ...base, dismissed: { at: "2026-11-05T02:00:00.000Z", by: "陈晓雯", reason: "经核实属实际情况" } };
    expect(dismissalText(dismissed, zh, "zh-CN")).toBe("陈晓雯于2026年11月5日排除：经核实属实际情况");
    expect(dismissalText(dismissed, en, "en")).toBe("Dismissed by 陈晓雯 on November 5, 2026: 经核实属实际情况");
    expect(dismissalText(base, zh, "zh-CN")).toBeNull();
  });
});
