import { describe, expect, it } from "vitest";
import {
  addMonths,
  classifyReport,
  complianceStatus,
  compileQuarterlyDraft,
  currentReportingPeriod,
  currentReportingQuarter,
  daysUntil,
  EMPTY_COUNTS,
  expectedTasks,
  isReportExpected,
  monthEnd,
  monthKey,
  monthlyDueOn,
  monthOf,
  onTimeRate,
  parseMonthKey,
  parseQuarterKey,
  percentProblem,
  quarterlyDueOn,
  quarterMonths,
  quarterOf,
  tally,
  type MonthlyFact,
  type ReportableTask,
} from "@/lib/reports/rules";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString().slice(0, 10);

describe("months", () => {
  it("takes the month of an instant in Beijing time", () => {
    expect(iso(monthOf(at("2026-11-30T15:59:00Z")))).toBe("2026-11-01");
    expect(iso(monthOf(at("2026-11-30T16:00:00Z")))).toBe("2026-12-01"); // 00:00 on 1 December in Beijing
    expect(iso(monthOf(at("2026-12-31T16:30:00Z")))).toBe("2027-01-01");
  });

  it("adds months across year ends and knows month ends", () => {
    expect(iso(addMonths(d("2026-11-01"), 2))).toBe("2027-01-01");
    expect(iso(addMonths(d("2026-01-01"), -1))).toBe("2025-12-01");
    expect(iso(monthEnd(d("2028-02-01")))).toBe("2028-02-29");
    expect(iso(monthEnd(d("2026-02-01")))).toBe("2026-02-28");
  });

  it("round-trips month keys and refuses anything else", () => {
    expect(monthKey(d("2026-03-01"))).toBe("2026-03");
    expect(iso(parseMonthKey("2026-03")!)).toBe("2026-03-01");
    for (const bad of ["2026-13", "2026-3", "26-03", "", null, "2026-00", "1999-12"]) expect(parseMonthKey(bad)).toBeNull();
  });
});

describe("quarters", () => {
  it("maps months to quarters and back", () => {
    expect(quarterOf(d("2026-03-01"))).toEqual({ year: 2026, quarter: 1 });
    expect(quarterOf(d("2026-10-01"))).toEqual({ year: 2026, quarter: 4 });
    expect(quarterMonths({ year: 2026, quarter: 4 }).map(iso)).toEqual(["2026-10-01", "2026-11-01", "2026-12-01"]);
    expect(parseQuarterKey("2026-Q3")).toEqual({ year: 2026, quarter: 3 });
    expect(parseQuarterKey("2026-Q5")).toBeNull();
  });
});

describe("deadlines", () => {
  it("puts the monthly report for M on day 5 of M+1, across the year end", () => {
    expect(iso(monthlyDueOn(d("2026-10-01"), 5))).toBe("2026-11-05");
    expect(iso(monthlyDueOn(d("2026-12-01"), 5))).toBe("2027-01-05");
  });

  it("clamps a due day beyond the month's end to its last day", () => {
    expect(iso(monthlyDueOn(d("2026-01-01"), 31))).toBe("2026-02-28");
    expect(iso(monthlyDueOn(d("2027-12-01"), 0))).toBe("2028-01-01");
  });

  it("puts the quarterly report on day 10 after the quarter", () => {
    expect(iso(quarterlyDueOn({ year: 2026, quarter: 3 }, 10))).toBe("2026-10-10");
    expect(iso(quarterlyDueOn({ year: 2026, quarter: 4 }, 10))).toBe("2027-01-10");
  });

  it("works on last month's report until its deadline has passed (Beijing days)", () => {
    expect(iso(currentReportingPeriod(at("2026-11-05T15:59:00Z"), 5))).toBe("2026-10-01"); // 23:59 on 5 Nov in Beijing
    expect(iso(currentReportingPeriod(at("2026-11-05T16:00:00Z"), 5))).toBe("2026-11-01"); // 00:00 on 6 Nov
    expect(iso(currentReportingPeriod(at("2027-01-03T02:00:00Z"), 5))).toBe("2026-12-01");
  });

  it("works on last quarter's report until its deadline has passed", () => {
    expect(currentReportingQuarter(at("2027-01-10T10:00:00Z"), 10)).toEqual({ year: 2026, quarter: 4 });
    expect(currentReportingQuarter(at("2027-01-11T10:00:00Z"), 10)).toEqual({ year: 2027, quarter: 1 });
  });

  it("counts the days left by calendar day", () => {
    expect(daysUntil(d("2026-12-05"), at("2026-12-02T01:00:00Z"))).toBe(3);
    expect(daysUntil(d("2026-12-05"), at("2026-12-05T15:00:00Z"))).toBe(0);
    expect(daysUntil(d("2026-12-05"), at("2026-12-05T16:30:00Z"))).toBe(-1);
  });
});

describe("expected reports", () => {
  const task = (patch: Partial<ReportableTask> = {}): ReportableTask => ({
    id: "t",
    year: 2026,
    status: "ACTIVE",
    startDate: d("2026-03-15"),
    closedAt: null,
    ...patch,
  });

  it("expects a report from the month the task starts", () => {
    expect(isReportExpected(task(), d("2026-02-01"))).toBe(false);
    expect(isReportExpected(task(), d("2026-03-01"))).toBe(true);
    expect(isReportExpected(task({ startDate: d("2026-03-31") }), d("2026-03-01"))).toBe(true);
  });

  it("expects reports only in the task's plan year", () => {
    expect(isReportExpected(task(), d("2026-12-01"))).toBe(true);
    expect(isReportExpected(task(), d("2027-01-01"))).toBe(false);
  });

  it("stops in the month the task is closed out (Beijing day of the closing)", () => {
    const closed = task({ status: "DONE", closedAt: at("2026-06-30T17:00:00Z") }); // 1 July in Beijing
    expect(isReportExpected(closed, d("2026-06-01"))).toBe(true);
    expect(isReportExpected(closed, d("2026-07-01"))).toBe(false);
    expect(isReportExpected(task({ status: "DONE", closedAt: at("2026-06-10T02:00:00Z") }), d("2026-06-01"))).toBe(false);
  });

  it("expects nothing of cancelled or deleted tasks, and keeps overdue ones reporting", () => {
    expect(isReportExpected(task({ status: "CANCELLED" }), d("2026-05-01"))).toBe(false);
    expect(isReportExpected(task({ deleted: true }), d("2026-05-01"))).toBe(false);
    expect(isReportExpected(task({ status: "PENDING_CLOSE" }), d("2026-05-01"))).toBe(true);
    expect(expectedTasks([task({ id: "a" }), task({ id: "b", startDate: d("2026-09-01") })], d("2026-05-01")).map((t) => t.id)).toEqual([
      "a",
    ]);
  });
});

describe("on time, late, missing", () => {
  const due = d("2026-11-05");
  const submitted = (firstSubmittedAt: string, status: "SUBMITTED" | "APPROVED" | "RETURNED" = "SUBMITTED") => ({
    status,
    firstSubmittedAt: at(firstSubmittedAt),
  });

  it("is on time when first submitted by the end of the due day in Beijing", () => {
    expect(classifyReport(submitted("2026-11-05T15:30:00Z"), due, at("2026-11-20T00:00:00Z"))).toBe("ON_TIME");
    expect(classifyReport(submitted("2026-11-05T16:00:00Z"), due, at("2026-11-20T00:00:00Z"))).toBe("LATE");
  });

  it("judges by the first submission, whatever happened after", () => {
    expect(classifyReport(submitted("2026-11-03T02:00:00Z", "RETURNED"), due, at("2026-11-20T00:00:00Z"))).toBe("ON_TIME");
  });

  it("is missing once the due day has passed without a submission; a draft is not one", () => {
    expect(classifyReport(null, due, at("2026-11-05T15:00:00Z"))).toBe("NOT_DUE");
    expect(classifyReport(null, due, at("2026-11-05T16:00:00Z"))).toBe("MISSING");
    expect(classifyReport({ status: "DRAFT", firstSubmittedAt: null }, due, at("2026-11-06T02:00:00Z"))).toBe("MISSING");
  });

  it("looks at the report as it was on the day asked about", () => {
    // submitted late on 8 Nov; on 6 Nov it was missing
    expect(classifyReport(submitted("2026-11-08T02:00:00Z"), due, at("2026-11-06T02:00:00Z"))).toBe("MISSING");
  });

  it("puts a returned report awaiting resubmission in a figure of its own, on time or late once resubmitted", () => {
    const late = "2026-11-07T02:00:00Z";
    expect(complianceStatus(submitted("2026-11-03T02:00:00Z", "RETURNED"), due, at("2026-11-20T00:00:00Z"))).toBe("RETURNED");
    expect(complianceStatus(submitted(late, "RETURNED"), due, at("2026-11-20T00:00:00Z"))).toBe("RETURNED");
    // resubmitted: judged by the first submission again
    expect(complianceStatus(submitted("2026-11-03T02:00:00Z", "SUBMITTED"), due, at("2026-11-20T00:00:00Z"))).toBe("ON_TIME");
    expect(complianceStatus(submitted(late, "APPROVED"), due, at("2026-11-20T00:00:00Z"))).toBe("LATE");
    // not submitted yet on the day asked about: missing or not due, whatever its status today
    expect(complianceStatus(submitted(late, "RETURNED"), due, at("2026-11-06T02:00:00Z"))).toBe("MISSING");
    expect(complianceStatus(null, due, at("2026-11-04T02:00:00Z"))).toBe("NOT_DUE");
  });

  it("tallies disjoint figures; the rate counts a returned report in the base but not as on time", () => {
    let counts = EMPTY_COUNTS;
    counts = tally(counts, "ON_TIME");
    counts = tally(counts, "ON_TIME");
    counts = tally(counts, "RETURNED");
    counts = tally(counts, "LATE");
    counts = tally(counts, "MISSING");
    counts = tally(counts, "NOT_DUE");
    expect(counts).toEqual({ expected: 6, onTime: 2, late: 1, missing: 1, notDue: 1, returned: 1 });
    // 2 on time of the 5 due (2 on time, 1 returned, 1 late, 1 missing)
    expect(onTimeRate(counts)).toBe(40);
    expect(onTimeRate(tally(tally(EMPTY_COUNTS, "RETURNED"), "NOT_DUE"))).toBe(0);
    expect(onTimeRate(EMPTY_COUNTS)).toBeNull();
  });
});

describe("cumulative percent", () => {
  it("may not drop below the last approved percent without a reason", () => {
    expect(percentProblem(40, 50, null)).toBe("reports.validation.percentDropReason");
    expect(percentProblem(40, 50, "  ")).toBe("reports.validation.percentDropReason");
    expect(percentProblem(40, 50, "目标任务调增")).toBeNull();
    expect(percentProblem(50, 50, null)).toBeNull();
    expect(percentProblem(10, null, null)).toBeNull();
    expect(percentProblem(101, 50, null)).toBe("reports.validation.percentRange");
    expect(percentProblem(12.5, null, null)).toBe("reports.validation.percentRange");
  });
});

describe("quarterly draft", () => {
  const fact = (period: string, code: string, patch: Partial<MonthlyFact> = {}): MonthlyFact => ({
    period: d(period),
    taskCode: code,
    taskTitle: `任务${code}`,
    leadUnitName: "县发展改革局",
    progress: `${period}进展。`,
    percent: 10,
    problems: null,
    nextSteps: null,
    ...patch,
  });

  it("lists each task's months in order with the latest percent; problems and next steps from the last month", () => {
    const draft = compileQuarterlyDraft("经济体制改革专项小组2026年第三季度", [
      fact("2026-08-01", "2026-经济-002", { progress: "完成方案起草", percent: 30, problems: "资金未到位", nextSteps: "报县政府审定" }),
      fact("2026-07-01", "2026-经济-002", { progress: "开展调研", percent: 20, problems: "调研不深" }),
      fact("2026-09-01", "2026-经济-001", { progress: "召开推进会；", percent: 60, problems: "资金未到位。", nextSteps: "全面推开" }),
    ]);
    expect(draft.body.split("\n")).toEqual([
      "经济体制改革专项小组2026年第三季度",
      "1. 任务2026-经济-001（2026-经济-001，牵头单位：县发展改革局）。9月：召开推进会。截至9月累计完成60%。",
      "2. 任务2026-经济-002（2026-经济-002，牵头单位：县发展改革局）。7月：开展调研。8月：完成方案起草。截至8月累计完成30%。",
    ]);
    expect(draft.problems).toBe("资金未到位。"); // the same problem of two tasks once; July's is superseded
    expect(draft.nextSteps).toBe("1. 全面推开。\n2. 报县政府审定。");
  });

  it("writes a single task's report without numbering, and says so when nothing was approved", () => {
    const single = compileQuarterlyDraft("", [fact("2026-07-01", "2026-经济-001", { progress: "开展调研", percent: null })]);
    expect(single.body).toBe("7月：开展调研。");
    expect(compileQuarterlyDraft("标题", []).body).toBe("标题\n本季度暂无已审核的月度进展。");
  });
});
