// The light's reasons: which facts taskLight gives with each reason, and how the one formatter words
// them in Chinese and English.
import { describe, expect, it } from "vitest";
import { createTranslator, messagesFor } from "@/lib/i18n/translate";
import { lightReasonsText, lightReasonText } from "@/lib/tasks/reason-text";
import { taskLight, type LightReasonDetail, type TaskFacts } from "@/lib/tasks/rules";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const at = (iso: string) => new Date(`${iso}T02:00:00Z`);
const zh = createTranslator(messagesFor("zh-CN"));
const en = createTranslator(messagesFor("en"));

const MILESTONES = [
  { title: "完成调研摸底", plannedDate: d("2026-03-31"), plannedPercent: 20 },
  { title: "出台实施方案", plannedDate: d("2026-06-30"), plannedPercent: 50 },
  { title: "全面推开", plannedDate: d("2026-09-30"), plannedPercent: 80 },
  { title: "总结验收", plannedDate: d("2026-12-31"), plannedPercent: 100 },
];

function task(overrides: Partial<TaskFacts> = {}): TaskFacts {
  return { status: "ACTIVE", startDate: d("2026-01-01"), dueDate: d("2026-12-31"), actualPercent: 0, milestones: MILESTONES, ...overrides };
}

describe("the facts of each reason", () => {
  it("an overdue task at 100 % is red for being overdue alone, with its due date and days past it", () => {
    const light = taskLight(task({ actualPercent: 100 }), at("2027-02-14"));
    expect(light).toMatchObject({ light: "RED", planned: 100, actual: 100, lag: 0, reasons: ["overdue"] });
    expect(light.details).toEqual([{ code: "overdue", dueDate: "2026-12-31", days: 45 }]);
  });

  it("a red light gives only its red reasons, naming the oldest late milestone and counting the late ones", () => {
    // 2026-11-14: 全面推开 (80 %) is 45 days late, 出台实施方案 (50 %) 137; actual 45 % reaches neither
    const light = taskLight(task({ actualPercent: 45, reportedPeriods: [] }), at("2026-11-14"));
    expect(light.light).toBe("RED");
    expect(light.details).toEqual([
      { code: "milestoneLateLong", milestone: "出台实施方案", plannedDate: "2026-06-30", days: 137, lateMilestones: 2 },
      { code: "lagRed", planned: 80, actual: 45, lag: 35 },
    ]);
    // the missing October report is a yellow reason: not shown beside red ones
    expect(light.reasons).not.toContain("reportMissing");
  });

  it("a yellow light gives only its yellow reasons, the missing report with its month and deadline", () => {
    const light = taskLight(task({ actualPercent: 70, reportedPeriods: [d("2026-09-01")] }), at("2026-10-20"));
    expect(light.light).toBe("YELLOW");
    expect(light.details).toEqual([
      { code: "milestoneLate", milestone: "全面推开", plannedDate: "2026-09-30", days: 20, lateMilestones: 1 },
      { code: "lagYellow", planned: 80, actual: 70, lag: 10 },
    ]);
    const december = taskLight(task({ actualPercent: 80, reportedPeriods: [d("2026-10-01")] }), at("2026-12-06"));
    expect(december.details).toEqual([{ code: "reportMissing", period: "2026-11", dueOn: "2026-12-05" }]);
    // in January the report owed is December's, of the year before
    const january = taskLight(task({ dueDate: d("2027-06-30"), actualPercent: 100, reportedPeriods: [] }), at("2027-01-08"));
    expect(january.details).toEqual([{ code: "reportMissing", period: "2026-12", dueOn: "2027-01-05" }]);
  });

  it("green, done, pending and not started lights have no reasons", () => {
    for (const facts of [
      task({ actualPercent: 50 }),
      task({ status: "DONE" }),
      task({ status: "PENDING_CLOSE", actualPercent: 10 }),
      task({ startDate: d("2026-12-01") }),
    ]) {
      const light = taskLight(facts, at("2026-07-15"));
      expect([light.light, light.reasons, light.details]).toEqual([light.light, [], []]);
    }
  });

  it("between milestones of the same day it names the lower percent", () => {
    const sameDay = [
      { title: "第二项", plannedDate: d("2026-06-30"), plannedPercent: 60 },
      { title: "第一项", plannedDate: d("2026-06-30"), plannedPercent: 40 },
    ];
    const light = taskLight(task({ milestones: sameDay, actualPercent: 35 }), at("2026-07-10"));
    expect(light.details[0]).toMatchObject({ code: "milestoneLate", milestone: "第一项", days: 10, lateMilestones: 2 });
  });
});

describe("the reasons in words", () => {
  const overdue: LightReasonDetail = { code: "overdue", dueDate: "2026-12-31", days: 45 };
  const milestone: LightReasonDetail = {
    code: "milestoneLateLong",
    milestone: "出台实施方案",
    plannedDate: "2026-09-30",
    days: 45,
    lateMilestones: 1,
  };
  const lag: LightReasonDetail = { code: "lagRed", planned: 80, actual: 45, lag: 35 };
  const report: LightReasonDetail = { code: "reportMissing", period: "2026-11", dueOn: "2026-12-05" };

  it("reads in Chinese", () => {
    expect(lightReasonText(overdue, zh, "zh-CN")).toBe("已过完成时限（2026年12月31日）45天，仍未销号");
    expect(lightReasonText(milestone, zh, "zh-CN")).toBe("序时节点「出台实施方案」逾期45天未完成（计划2026年9月30日）");
    expect(lightReasonText({ ...milestone, code: "milestoneLate", lateMilestones: 3 }, zh, "zh-CN")).toBe(
      "序时节点「出台实施方案」逾期45天未完成（计划2026年9月30日），共3个节点逾期",
    );
    expect(lightReasonText(lag, zh, "zh-CN")).toBe("进度落后序时35个百分点（序时进度80%，实际进度45%）");
    expect(lightReasonText(report, zh, "zh-CN")).toBe("上月（2026年11月）进展未按时报送（应于2026年12月5日前报送）");
    expect(lightReasonsText([overdue, lag], zh, "zh-CN")).toBe(
      "已过完成时限（2026年12月31日）45天，仍未销号；进度落后序时35个百分点（序时进度80%，实际进度45%）",
    );
  });

  it("reads in English, one day singular", () => {
    expect(lightReasonText({ ...overdue, days: 1 }, en, "en")).toBe("1 day past its due date (December 31, 2026) and not closed out");
    expect(lightReasonText(milestone, en, "en")).toBe("Milestone “出台实施方案” is 45 days late (planned for September 30, 2026)");
    expect(lightReasonText({ ...lag, code: "lagYellow", planned: 50, actual: 38, lag: 12 }, en, "en")).toBe(
      "12 points behind schedule (planned 50%, actual 38%)",
    );
    expect(lightReasonText(report, en, "en")).toBe("Last month's report (November 2026) not submitted by its deadline (December 5, 2026)");
    expect(lightReasonsText([lag, report], en, "en")).toContain("actual 45%); Last month's");
  });

  it("is empty without reasons, and keeps hostile milestone titles as plain text", () => {
    expect(lightReasonsText([], zh, "zh-CN")).toBe("");
    const hostile = { ...milestone, milestone: "<img src=x onerror=alert(1)>{days}" };
    expect(lightReasonText(hostile, zh, "zh-CN")).toBe("序时节点「<img src=x onerror=alert(1)>{days}」逾期45天未完成（计划2026年9月30日）");
  });
});
