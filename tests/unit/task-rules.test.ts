import { describe, expect, it } from "vitest";
import { dayOf, milestoneProblems, nextTaskCode, plannedPercent, taskLight, type TaskFacts } from "@/lib/tasks/rules";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** an instant during the Beijing office day of `iso` */
const at = (iso: string) => new Date(`${iso}T02:00:00Z`);

const MILESTONES = [
  { plannedDate: d("2026-03-31"), plannedPercent: 20 },
  { plannedDate: d("2026-06-30"), plannedPercent: 50 },
  { plannedDate: d("2026-09-30"), plannedPercent: 80 },
  { plannedDate: d("2026-12-31"), plannedPercent: 100 },
];

function task(overrides: Partial<TaskFacts> = {}): TaskFacts {
  return { status: "ACTIVE", startDate: d("2026-01-01"), dueDate: d("2026-12-31"), actualPercent: 0, milestones: MILESTONES, ...overrides };
}

describe("calendar days", () => {
  it("uses the Beijing day of an instant", () => {
    expect(dayOf(new Date("2026-11-30T15:59:59Z"))).toEqual(d("2026-11-30"));
    expect(dayOf(new Date("2026-11-30T16:00:00Z"))).toEqual(d("2026-12-01"));
    expect(dayOf(d("2026-10-31"))).toEqual(d("2026-10-31"));
  });
});

describe("planned progress", () => {
  it("is the percent of the latest milestone on or before the day, 0 before the first", () => {
    expect(plannedPercent(task(), at("2026-03-30"))).toBe(0);
    expect(plannedPercent(task(), at("2026-03-31"))).toBe(20);
    expect(plannedPercent(task(), at("2026-06-29"))).toBe(20);
    expect(plannedPercent(task(), at("2026-06-30"))).toBe(50);
    expect(plannedPercent(task(), at("2027-01-15"))).toBe(100);
  });

  it("is linear from start to due date without milestones", () => {
    const linear = task({ milestones: [], startDate: d("2026-01-01"), dueDate: d("2026-01-11") });
    expect(plannedPercent(linear, at("2025-12-31"))).toBe(0);
    expect(plannedPercent(linear, at("2026-01-01"))).toBe(0);
    expect(plannedPercent(linear, at("2026-01-06"))).toBe(50);
    expect(plannedPercent(linear, at("2026-01-11"))).toBe(100);
    expect(plannedPercent(linear, at("2026-02-01"))).toBe(100);
  });
});

describe("schedule light", () => {
  it("is DONE or PENDING_CLOSE by status, and NOT_STARTED before the start date", () => {
    expect(taskLight(task({ status: "DONE", actualPercent: 40 }), at("2027-03-01"))).toMatchObject({ light: "DONE", actual: 100, lag: 0 });
    expect(taskLight(task({ status: "PENDING_CLOSE" }), at("2027-03-01")).light).toBe("PENDING_CLOSE");
    expect(taskLight(task({ startDate: d("2026-12-01") }), at("2026-11-30")).light).toBe("NOT_STARTED");
    expect(taskLight(task({ startDate: d("2026-12-01"), milestones: [] }), at("2026-12-01")).light).toBe("GREEN");
  });

  it("turns YELLOW at 10 points behind and RED at 30", () => {
    // on 2026-07-15 the plan says 50 and the milestone of 30 June is late by 15 days unless reached
    expect(taskLight(task({ actualPercent: 50 }), at("2026-07-15"))).toMatchObject({ light: "GREEN", planned: 50, lag: 0 });
    expect(taskLight(task({ actualPercent: 41 }), at("2026-07-15"))).toMatchObject({ light: "YELLOW", lag: 9, reasons: ["milestoneLate"] });
    expect(taskLight(task({ actualPercent: 40 }), at("2026-07-15")).reasons).toEqual(["milestoneLate", "lagYellow"]);
    expect(taskLight(task({ actualPercent: 21 }), at("2026-07-15"))).toMatchObject({ light: "YELLOW", lag: 29 });
    expect(taskLight(task({ actualPercent: 20 }), at("2026-07-15"))).toMatchObject({ light: "RED", lag: 30, reasons: ["lagRed"] });
  });

  it("turns RED when a milestone is more than 30 days late, YELLOW up to 30", () => {
    const facts = task({
      actualPercent: 45,
      milestones: [
        { plannedDate: d("2026-06-30"), plannedPercent: 50 },
        { plannedDate: d("2026-12-31"), plannedPercent: 100 },
      ],
    });
    expect(taskLight(facts, at("2026-06-30")).light).toBe("GREEN");
    expect(taskLight(facts, at("2026-07-01")).light).toBe("YELLOW");
    expect(taskLight(facts, at("2026-07-30")).light).toBe("YELLOW");
    expect(taskLight(facts, at("2026-07-31"))).toMatchObject({ light: "RED", reasons: ["milestoneLateLong"] });
  });

  it("does not count a milestone marked complete or already reached", () => {
    const late = [
      { plannedDate: d("2026-06-30"), plannedPercent: 50, completedOn: d("2026-07-10") },
      { plannedDate: d("2026-12-31"), plannedPercent: 100 },
    ];
    expect(taskLight(task({ actualPercent: 45, milestones: late }), at("2026-09-01")).light).toBe("GREEN");
  });

  it("turns RED the day after the due date unless done", () => {
    expect(taskLight(task({ actualPercent: 100 }), at("2026-12-31")).light).toBe("GREEN");
    expect(taskLight(task({ actualPercent: 100 }), at("2027-01-01"))).toMatchObject({ light: "RED", reasons: ["overdue"] });
  });

  it("turns YELLOW when last month's report is missing after day 5", () => {
    const reported = task({ actualPercent: 80, reportedPeriods: [d("2026-09-01")] });
    expect(taskLight(reported, at("2026-11-05")).light).toBe("GREEN");
    expect(taskLight(reported, at("2026-11-06"))).toMatchObject({ light: "YELLOW", reasons: ["reportMissing"] });
    expect(taskLight({ ...reported, reportedPeriods: [d("2026-10-01")] }, at("2026-11-06")).light).toBe("GREEN");
    // a task that started this month owes no report for last month
    expect(
      taskLight(task({ startDate: d("2026-11-01"), milestones: [], dueDate: d("2027-06-30"), reportedPeriods: [] }), at("2026-11-20"))
        .light,
    ).toBe("GREEN");
  });

  it("follows the committee's thresholds", () => {
    const strict = { yellowLagPoints: 5, redLagPoints: 15, milestoneRedDays: 10, monthlyReportDueDay: 3 };
    expect(taskLight(task({ actualPercent: 45 }), at("2026-07-05"), strict).light).toBe("YELLOW");
    expect(taskLight(task({ actualPercent: 35 }), at("2026-07-05"), strict).light).toBe("RED");
  });
});

describe("task codes", () => {
  it("numbers each group's tasks per year from 001", () => {
    expect(nextTaskCode(2026, "经济", [])).toBe("2026-经济-001");
    expect(nextTaskCode(2026, "经济", ["2026-经济-001", "2026-经济-012", "2026-农村-030", "2025-经济-099"])).toBe("2026-经济-013");
    expect(nextTaskCode(2026, "经济", ["2026-经济-999"])).toBe("2026-经济-1000");
    expect(nextTaskCode(2026, "经济", ["2026-经济-abc"])).toBe("2026-经济-001");
  });
});

describe("milestone validation", () => {
  const span = { startDate: d("2026-01-01"), dueDate: d("2026-12-31") };

  it("accepts increasing percents up to 100 within the task's dates", () => {
    expect(milestoneProblems(MILESTONES, span)).toEqual([]);
  });

  it("names the milestone and field of every problem", () => {
    const problems = milestoneProblems(
      [
        { plannedDate: d("2025-12-31"), plannedPercent: 30 },
        { plannedDate: d("2026-05-01"), plannedPercent: 30 },
        { plannedDate: d("2026-04-01"), plannedPercent: 101 },
        { plannedDate: d("2026-08-01"), plannedPercent: 0 },
      ],
      span,
    );
    expect(problems).toEqual([
      { index: 0, field: "plannedDate", message: "validation.milestoneDateOutside" },
      { index: 1, field: "plannedPercent", message: "validation.milestonePercentIncreasing" },
      { index: 2, field: "plannedPercent", message: "validation.milestonePercentRange" },
      { index: 2, field: "plannedDate", message: "validation.milestoneDateOrder" },
      { index: 3, field: "plannedPercent", message: "validation.milestonePercentRange" },
    ]);
  });
});
