import { describe, expect, it } from "vitest";
import {
  closeOutWarnings,
  confirmationProblem,
  explanationProblem,
  openMilestones,
  type CloseOutFacts,
  type CloseOutMilestoneFacts,
} from "@/lib/tasks/closeout-rules";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** an instant during the Beijing office day of `iso` */
const at = (iso: string) => new Date(`${iso}T02:00:00Z`);

const milestone = (id: string, plannedDate: string, plannedPercent: number, completedOn: string | null = null): CloseOutMilestoneFacts => ({
  id,
  title: `节点${id}`,
  plannedDate: d(plannedDate),
  plannedPercent,
  completedOn: completedOn ? d(completedOn) : null,
});

const finished: CloseOutFacts = {
  milestones: [milestone("1", "2026-03-31", 40, "2026-03-28"), milestone("2", "2026-09-30", 100, "2026-09-20")],
  lastApprovedPercent: 100,
  light: "GREEN",
  reasons: [],
};

describe("close-out warnings", () => {
  it("has none for a task whose milestones are all completed, approved at 100 % and green", () => {
    expect(closeOutWarnings(finished, at("2026-10-10"))).toEqual([]);
  });

  it("lists the open milestones in planned order and marks those past their planned date as overdue, with the days late", () => {
    const facts: CloseOutFacts = {
      ...finished,
      milestones: [milestone("3", "2026-12-31", 100), milestone("1", "2026-03-31", 40, "2026-03-28"), milestone("2", "2026-09-30", 70)],
    };
    expect(closeOutWarnings(facts, at("2026-10-10"))).toEqual([
      {
        code: "openMilestones",
        milestones: [
          { id: "2", title: "节点2", plannedDate: "2026-09-30", plannedPercent: 70, overdue: true, daysLate: 10 },
          { id: "3", title: "节点3", plannedDate: "2026-12-31", plannedPercent: 100, overdue: false, daysLate: 0 },
        ],
      },
    ]);
  });

  it("treats a milestone due today as open but not overdue, and one completed only after today as open", () => {
    expect(openMilestones([milestone("1", "2026-10-10", 50), milestone("2", "2026-09-01", 80, "2026-10-20")], at("2026-10-10"))).toEqual([
      { id: "2", title: "节点2", plannedDate: "2026-09-01", plannedPercent: 80, overdue: true, daysLate: 39 },
      { id: "1", title: "节点1", plannedDate: "2026-10-10", plannedPercent: 50, overdue: false, daysLate: 0 },
    ]);
  });

  it("warns when the last approved percent is below 100, and when no report was ever approved", () => {
    expect(closeOutWarnings({ ...finished, lastApprovedPercent: 99 }, at("2026-10-10"))).toEqual([
      { code: "percentBelow100", percent: 99 },
    ]);
    expect(closeOutWarnings({ ...finished, lastApprovedPercent: null }, at("2026-10-10"))).toEqual([
      { code: "percentBelow100", percent: null },
    ]);
  });

  it("warns on a red or yellow light with its reasons, not on green or not started", () => {
    expect(closeOutWarnings({ ...finished, light: "RED", reasons: ["overdue", "lagRed"] }, at("2026-10-10"))).toEqual([
      { code: "light", light: "RED", reasons: ["overdue", "lagRed"] },
    ]);
    expect(closeOutWarnings({ ...finished, light: "YELLOW", reasons: ["reportMissing"] }, at("2026-10-10"))).toEqual([
      { code: "light", light: "YELLOW", reasons: ["reportMissing"] },
    ]);
    expect(closeOutWarnings({ ...finished, light: "NOT_STARTED" }, at("2026-10-10"))).toEqual([]);
  });

  it("gives all three warnings for the task of issue 14: 20 % actual, an overdue milestone, red", () => {
    const facts: CloseOutFacts = {
      milestones: [milestone("1", "2026-06-30", 50), milestone("2", "2026-12-31", 100)],
      lastApprovedPercent: 20,
      light: "RED",
      reasons: ["milestoneLateLong", "lagRed"],
    };
    expect(closeOutWarnings(facts, at("2026-10-10")).map((warning) => warning.code)).toEqual([
      "openMilestones",
      "percentBelow100",
      "light",
    ]);
  });
});

describe("explanation and confirmation", () => {
  const warnings = closeOutWarnings({ ...finished, lastApprovedPercent: 20 }, at("2026-10-10"));

  it("requires a non-blank explanation when there are warnings", () => {
    expect(explanationProblem(warnings, "")).toBe("tasks.validation.explanationRequired");
    expect(explanationProblem(warnings, "   ")).toBe("tasks.validation.explanationRequired");
    expect(explanationProblem(warnings, null)).toBe("tasks.validation.explanationRequired");
    expect(explanationProblem(warnings, "剩余节点已由上级调整取消")).toBeNull();
  });

  it("does not require an explanation without warnings", () => {
    expect(explanationProblem([], "")).toBeNull();
    expect(explanationProblem([], undefined)).toBeNull();
  });

  it("requires the office's confirmation exactly when there are warnings", () => {
    expect(confirmationProblem(warnings, undefined)).toBe("tasks.validation.confirmationRequired");
    expect(confirmationProblem(warnings, false)).toBe("tasks.validation.confirmationRequired");
    expect(confirmationProblem(warnings, true)).toBeNull();
    expect(confirmationProblem([], undefined)).toBeNull();
  });
});
