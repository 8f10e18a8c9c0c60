import { describe, expect, it } from "vitest";
import {
  allowedSteps,
  defaultResponseDueDate,
  isAnswerOverdue,
  nextSerial,
  nextStatus,
  noticeNumber,
  responseDueDateProblem,
} from "@/lib/supervision/rules";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("supervision notice rules", () => {
  it("numbers notices 青改督〔2026〕7号, one more than the highest serial of the year", () => {
    expect(noticeNumber("青改", 2026, 7)).toBe("青改督〔2026〕7号");
    expect(nextSerial([])).toBe(1);
    expect(nextSerial([1, 3, 2])).toBe(4);
  });

  it("allows only the cycle's transitions", () => {
    expect(nextStatus("ISSUED", "answer")).toBe("ANSWERED");
    expect(nextStatus("RETURNED", "answer")).toBe("ANSWERED");
    expect(nextStatus("ANSWERED", "answer")).toBeNull();
    expect(nextStatus("ANSWERED", "accept")).toBe("RECTIFYING");
    expect(nextStatus("ANSWERED", "sendBack")).toBe("RETURNED");
    expect(nextStatus("ISSUED", "accept")).toBeNull();
    expect(nextStatus("RECTIFYING", "close")).toBe("CLOSED");
    expect(nextStatus("ANSWERED", "close")).toBeNull();
    expect(nextStatus("CLOSED", "answer")).toBeNull();
    expect(allowedSteps("ANSWERED")).toEqual(["accept", "sendBack"]);
    expect(allowedSteps("CLOSED")).toEqual([]);
  });

  it("judges the response deadline on the Beijing calendar", () => {
    // 2026-11-21T20:00Z is already 22 November in Beijing
    expect(defaultResponseDueDate(new Date("2026-11-21T20:00:00Z"))).toEqual(day("2026-12-02"));
    expect(defaultResponseDueDate(new Date("2026-11-22T02:00:00Z"), 3)).toEqual(day("2026-11-25"));
    const notice = { status: "ISSUED" as const, responseDueDate: day("2026-11-25") };
    expect(isAnswerOverdue(notice, new Date("2026-11-25T15:59:00Z"))).toBe(false);
    expect(isAnswerOverdue(notice, new Date("2026-11-25T16:00:00Z"))).toBe(true);
    expect(isAnswerOverdue({ ...notice, status: "RETURNED" }, new Date("2026-12-01T02:00:00Z"))).toBe(true);
    expect(isAnswerOverdue({ ...notice, status: "ANSWERED" }, new Date("2026-12-01T02:00:00Z"))).toBe(false);
    expect(responseDueDateProblem(day("2026-11-21"), new Date("2026-11-22T02:00:00Z"))).toBe("supervision.validation.dueBeforeToday");
    expect(responseDueDateProblem(day("2026-11-22"), new Date("2026-11-22T02:00:00Z"))).toBeNull();
  });
});
