import { describe, expect, it } from "vitest";
import { conflictRows, formValuesOf, mergeOnto, type SavedTask } from "@/lib/tasks/conflict";
import type { TaskFormOptions } from "@/lib/tasks/types";

const options: TaskFormOptions = {
  plans: [{ id: "p1", label: "2026年工作要点", year: 2026 }],
  workPoints: [],
  groups: [{ id: "g1", label: "经济体制改革专项小组" }],
  units: [
    { id: "u1", label: "县发展改革局" },
    { id: "u2", label: "县财政局" },
    { id: "u3", label: "县农业农村局" },
  ],
  leaders: [{ id: "l1", label: "张县长" }],
};
const labels = {
  yes: "是",
  no: "否",
  none: "—",
  source: (value: string) => ({ SUPERIOR: "上级部署", SELF: "自主谋划", PILOT: "改革试点" })[value] ?? value,
  pilotLevel: (value: string) => value,
};
const saved: SavedTask = {
  version: 3,
  planId: "p1",
  workPointId: null,
  groupId: "g1",
  code: "2026-经济-001",
  title: "深化国有企业改革",
  goal: "完成县属国企整合",
  outcome: null,
  leadUnitId: "u1",
  cooperatingUnits: [{ id: "u2" }],
  leaderId: "l1",
  isKey: true,
  source: "SUPERIOR",
  pilotLevel: null,
  startDate: "2026-01-01",
  dueDate: "2026-12-31",
  milestones: [{ id: "m1", title: "制定方案", plannedDate: "2026-03-31", plannedPercent: 30 }],
};

describe("a stale task edit side by side", () => {
  const base = formValuesOf({ ...saved, version: 2, goal: "原目标" });

  it("lists only the fields that differ, naming units and leaders instead of ids", () => {
    const yours = { ...base, title: "深化国有企业改革（修订）", cooperatingUnitIds: ["u3", "u2"] };
    const rows = conflictRows(saved, base, yours, options, labels);
    expect(rows.map((row) => row.field)).toEqual(["title", "goal", "cooperatingUnits"]);
    expect(rows[0]).toEqual({ field: "title", saved: "深化国有企业改革", yours: "深化国有企业改革（修订）", changedByYou: true });
    expect(rows[1]).toMatchObject({ saved: "完成县属国企整合", yours: "原目标", changedByYou: false });
    expect(rows[2]?.yours).toBe("县财政局、县农业农村局"); // pinyin order, whatever order they were picked in
  });

  it("shows booleans, blanks and milestones as readable text", () => {
    const yours = { ...base, isKey: false, outcome: "  ", milestones: [] };
    const rows = conflictRows(saved, base, yours, options, labels);
    expect(rows.find((row) => row.field === "isKey")).toMatchObject({ saved: "是", yours: "否" });
    expect(rows.find((row) => row.field === "outcome")).toBeUndefined();
    expect(rows.find((row) => row.field === "milestones")).toMatchObject({ saved: "制定方案 2026-03-31 30%", yours: "—" });
  });

  it("treats a blank code as 'generate one', never as a disagreement", () => {
    const rows = conflictRows(saved, base, { ...base, code: "", goal: saved.goal }, options, labels);
    expect(rows).toEqual([]);
  });

  it("merges: the user's changed fields on top of the saved task, at the saved version", () => {
    const yours = { ...base, id: "t1", title: "新标题" };
    const merged = mergeOnto(saved, base, yours);
    expect(merged).toMatchObject({ id: "t1", version: 3, title: "新标题", goal: "完成县属国企整合" });
    expect(merged.milestones).toEqual(formValuesOf(saved).milestones);
  });
});
