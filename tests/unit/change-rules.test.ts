// 计划调整, the pure rules: which baseline was in force on a day, what a request changes, and when
// a key task's linked leader must consent.
import { describe, expect, it } from "vitest";
import {
  baselineAt,
  changedFields,
  endOfDay,
  isControlled,
  loadBaseline,
  needsLeaderConsent,
  storeBaseline,
  type Baseline,
  type ControlledValues,
} from "@/lib/changes/rules";
import { plannedPercent, taskLight } from "@/lib/tasks/rules";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** An instant in Beijing time (UTC+8), as people read the clock. */
const beijing = (iso: string, time: string) => new Date(`${iso}T${time}+08:00`);

const original: Baseline = {
  startDate: day("2026-01-01"),
  dueDate: day("2026-09-30"),
  leadUnitId: "unit-a",
  milestones: [
    { title: "方案", plannedDate: day("2026-03-31"), plannedPercent: 30, completedOn: day("2026-03-25") },
    { title: "试行", plannedDate: day("2026-09-30"), plannedPercent: 100, completedOn: null },
  ],
};
/** Approved on 15 July at 15:00 Beijing time: the due date put back to the year's end. */
const extended: Baseline = {
  ...original,
  dueDate: day("2026-12-31"),
  milestones: [original.milestones[0]!, { title: "试行", plannedDate: day("2026-12-31"), plannedPercent: 100, completedOn: null }],
};
const approvedOn15July = { decidedAt: beijing("2026-07-15", "15:00:00"), baselineBefore: original };

describe("the baseline in force on a day", () => {
  it("is the one replaced by an approval on every day before the approval's day", () => {
    expect(baselineAt(extended, [approvedOn15July], day("2026-07-14"))).toBe(original);
    expect(baselineAt(extended, [approvedOn15July], day("2026-03-01"))).toBe(original);
  });

  it("is the new one from the approval's own day on (an approval counts from the day it is given)", () => {
    expect(baselineAt(extended, [approvedOn15July], day("2026-07-15"))).toBe(extended);
    expect(baselineAt(extended, [approvedOn15July], day("2026-12-31"))).toBe(extended);
  });

  it("counts the day in Beijing time: an approval at 23:30 on 15 July Beijing time is still the 15th", () => {
    const late = { decidedAt: beijing("2026-07-15", "23:30:00"), baselineBefore: original };
    expect(late.decidedAt.toISOString()).toBe("2026-07-15T15:30:00.000Z");
    expect(baselineAt(extended, [late], day("2026-07-15"))).toBe(extended);
    expect(baselineAt(extended, [late], day("2026-07-14"))).toBe(original);
    expect(endOfDay(day("2026-07-15")).toISOString()).toBe("2026-07-15T16:00:00.000Z");
  });

  it("with two approvals, takes the baseline each replaced, day by day", () => {
    const second: Baseline = { ...extended, dueDate: day("2027-03-31") };
    const approvedOn1Nov = { decidedAt: beijing("2026-11-01", "10:00:00"), baselineBefore: extended };
    const changes = [approvedOn1Nov, approvedOn15July];
    expect(baselineAt(second, changes, day("2026-06-30")).dueDate).toEqual(day("2026-09-30"));
    expect(baselineAt(second, changes, day("2026-08-31")).dueDate).toEqual(day("2026-12-31"));
    expect(baselineAt(second, changes, day("2026-11-01")).dueDate).toEqual(day("2027-03-31"));
  });

  it("gives the light of each day from its own baseline: red (overdue) before the approval, green from its day", () => {
    // the due date of 30 Sep passes with the task at 30 %; the extension is approved on 20 Oct
    const approvedOn20Oct = { decidedAt: beijing("2026-10-20", "09:30:00"), baselineBefore: original };
    const onDay = (iso: string) =>
      taskLight({ status: "ACTIVE", ...baselineAt(extended, [approvedOn20Oct], day(iso)), actualPercent: 30 }, day(iso));
    expect(onDay("2026-09-29").light).toBe("GREEN");
    expect(onDay("2026-10-19")).toMatchObject({ light: "RED", planned: 100, lag: 70 });
    expect(onDay("2026-10-19").reasons).toContain("overdue");
    expect(onDay("2026-10-20")).toMatchObject({ light: "GREEN", planned: 30, lag: 0, reasons: [] });
    expect(plannedPercent(baselineAt(extended, [approvedOn20Oct], day("2026-12-31")), day("2026-12-31"))).toBe(100);
  });

  it("survives being stored as JSON", () => {
    expect(loadBaseline(JSON.parse(JSON.stringify(storeBaseline(original))))).toEqual(original);
  });
});

const values: ControlledValues = {
  startDate: "2026-01-01",
  dueDate: "2026-12-31",
  goal: "建立统一的数据共享机制",
  outcome: "制度文件",
  leadUnitId: "unit-a",
  cooperatingUnitIds: ["unit-b", "unit-c"],
  leaderId: "leader-1",
  isKey: true,
  milestones: [
    { title: "方案", plannedDate: "2026-03-31", plannedPercent: 30 },
    { title: "试行", plannedDate: "2026-12-31", plannedPercent: 100 },
  ],
};

describe("what a request changes", () => {
  it("lists each controlled field that differs, in the form's order", () => {
    expect(changedFields(values, { ...values, dueDate: "2027-03-31", isKey: false })).toEqual(["dueDate", "isKey"]);
  });

  it("sees nothing in a reordered set of cooperating units, blank versus null, or a reworded milestone title", () => {
    const same = {
      ...values,
      cooperatingUnitIds: ["unit-c", "unit-b"],
      outcome: "制度文件 ",
      goal: " 建立统一的数据共享机制",
      milestones: values.milestones.map((m) => ({ ...m, title: `${m.title}（修订）` })),
    };
    expect(changedFields(values, same)).toEqual([]);
    expect(changedFields({ ...values, leaderId: null }, { ...values, leaderId: "" as unknown as null })).toEqual([]);
  });

  it("sees a milestone moved, re-weighted, added or removed", () => {
    const moved = values.milestones.map((m, i) => (i === 0 ? { ...m, plannedDate: "2026-04-30" } : m));
    const weighted = values.milestones.map((m, i) => (i === 0 ? { ...m, plannedPercent: 40 } : m));
    expect(changedFields(values, { ...values, milestones: moved })).toEqual(["milestones"]);
    expect(changedFields(values, { ...values, milestones: weighted })).toEqual(["milestones"]);
    expect(changedFields(values, { ...values, milestones: values.milestones.slice(1) })).toEqual(["milestones"]);
  });

  it("applies only to issued plans", () => {
    expect(isControlled({ status: "ISSUED" })).toBe(true);
    expect(isControlled({ status: "DRAFT" })).toBe(false);
  });
});

describe("a key task's linked leader", () => {
  it("consents after the office only when the committee asks it, the task is key and has a leader", () => {
    expect(needsLeaderConsent({ isKey: true, leaderId: "leader-1" }, true)).toBe(true);
    expect(needsLeaderConsent({ isKey: true, leaderId: "leader-1" }, false)).toBe(false);
    expect(needsLeaderConsent({ isKey: false, leaderId: "leader-1" }, true)).toBe(false);
    expect(needsLeaderConsent({ isKey: true, leaderId: null }, true)).toBe(false);
  });
});
