import { describe, expect, it } from "vitest";
import {
  answerDueDateProblem,
  answeringUnitId,
  daysToAnswer,
  defaultAnswerDueDate,
  isAnswerOverdue,
  nextInstructionStatus,
  stepProblem,
} from "@/lib/instructions/rules";
import { instructionsHref, parseInstructionFilters } from "@/lib/instructions/schemas";

const day = (value: string) => new Date(`${value}T00:00:00Z`);

describe("the cycle of a leader's instruction", () => {
  it("is answered when open, then confirmed carried out or asked again; nothing else", () => {
    expect(nextInstructionStatus("OPEN", "answer")).toBe("ANSWERED");
    expect(nextInstructionStatus("ANSWERED", "close")).toBe("CLOSED");
    expect(nextInstructionStatus("ANSWERED", "reask")).toBe("OPEN");
    for (const [status, step] of [
      ["OPEN", "close"],
      ["OPEN", "reask"],
      ["ANSWERED", "answer"],
      ["CLOSED", "answer"],
      ["CLOSED", "close"],
      ["CLOSED", "reask"],
    ] as const)
      expect(nextInstructionStatus(status, step), `${status} ${step}`).toBeNull();
  });

  it("says why a step is refused", () => {
    expect(stepProblem("CLOSED", "answer")).toBe("instructions.validation.closedNoAnswer");
    expect(stepProblem("CLOSED", "reask")).toBe("instructions.validation.closed");
    expect(stepProblem("ANSWERED", "answer")).toBe("instructions.validation.alreadyAnswered");
    expect(stepProblem("OPEN", "close")).toBe("instructions.validation.notAnswered");
    expect(stepProblem("OPEN", "answer")).toBeNull();
  });

  it("is answered by the task's lead unit, or by the unit a notice is addressed to", () => {
    expect(answeringUnitId({ type: "TASK", taskLeadUnitId: "lead" })).toBe("lead");
    expect(answeringUnitId({ type: "REPORT", taskLeadUnitId: "lead" })).toBe("lead");
    expect(answeringUnitId({ type: "NOTICE", taskLeadUnitId: "lead", noticeUnitId: "addressed" })).toBe("addressed");
  });
});

describe("the answer-by date", () => {
  // 2026-11-22 23:30 in Beijing is still the 22nd; 16:30 UTC is already the 23rd there
  const lateEvening = new Date("2026-11-22T15:30:00Z");
  const pastMidnight = new Date("2026-11-22T16:30:00Z");

  it("defaults to a week after today on the Beijing calendar", () => {
    expect(defaultAnswerDueDate(lateEvening)).toEqual(day("2026-11-29"));
    expect(defaultAnswerDueDate(pastMidnight)).toEqual(day("2026-11-30"));
  });

  it("may be today, not yesterday, and at most a year ahead", () => {
    expect(answerDueDateProblem(day("2026-11-22"), lateEvening)).toBeNull();
    expect(answerDueDateProblem(day("2026-11-22"), pastMidnight)).toBe("instructions.validation.dueBeforeToday");
    expect(answerDueDateProblem(day("2027-11-23"), lateEvening)).toBeNull();
    expect(answerDueDateProblem(day("2027-11-24"), lateEvening)).toBe("instructions.validation.dueTooFar");
  });

  it("is overdue only for an open instruction once its day is over in Beijing", () => {
    const open = { status: "OPEN" as const, answerDueDate: day("2026-11-22") };
    expect(isAnswerOverdue(open, lateEvening)).toBe(false);
    expect(isAnswerOverdue(open, pastMidnight)).toBe(true);
    expect(isAnswerOverdue({ ...open, status: "ANSWERED" }, pastMidnight)).toBe(false);
    expect(isAnswerOverdue({ ...open, status: "CLOSED" }, pastMidnight)).toBe(false);
    expect(daysToAnswer(day("2026-11-29"), lateEvening)).toBe(7);
    expect(daysToAnswer(day("2026-11-22"), pastMidnight)).toBe(-1);
  });
});

describe("the list's filters", () => {
  it("are read leniently from the URL and written back the same way", () => {
    const filters = parseInstructionFilters({ status: "OPEN", overdue: "1", mine: "1", task: "cqhtask2026001", page: "3" });
    expect(filters).toEqual({ status: "OPEN", overdue: true, mine: true, taskId: "cqhtask2026001", page: 3 });
    expect(instructionsHref(filters)).toBe("/instructions?status=OPEN&overdue=1&mine=1&task=cqhtask2026001&page=3");
    expect(parseInstructionFilters({ status: "PURPLE", task: "'; DROP TABLE", page: "-1", overdue: ["0", "1"] })).toEqual({
      status: null,
      overdue: false,
      mine: false,
      taskId: null,
      page: 1,
    });
    expect(instructionsHref({})).toBe("/instructions");
  });
});
