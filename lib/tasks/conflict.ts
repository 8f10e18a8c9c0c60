// A stale task edit, side by side: what is saved now (someone else's change) against what this
// user typed. Pure and client-safe, so the form can show it and a unit test can pin it down.
import type { TaskFormOptions, TaskFormValues } from "./types";

/** The saved task as the server's conflict answer carries it (the fields the form edits). */
export interface SavedTask {
  version: number;
  planId: string;
  workPointId: string | null;
  groupId: string;
  code: string;
  title: string;
  goal: string;
  outcome: string | null;
  leadUnitId: string;
  cooperatingUnits: { id: string }[];
  leaderId: string | null;
  isKey: boolean;
  source: TaskFormValues["source"];
  pilotLevel: string | null;
  startDate: string | null;
  dueDate: string | null;
  milestones: { id: string; title: string; plannedDate: string | null; plannedPercent: number }[];
}

export type ConflictField =
  | "plan"
  | "workPoint"
  | "group"
  | "code"
  | "title"
  | "goal"
  | "outcome"
  | "leadUnit"
  | "cooperatingUnits"
  | "leader"
  | "isKey"
  | "source"
  | "pilotLevel"
  | "startDate"
  | "dueDate"
  | "milestones";

/** One differing field: the saved value and the user's value as display text, and whether the user changed it. */
export interface ConflictRow {
  field: ConflictField;
  saved: string;
  yours: string;
  /** false: the user left this field as it was, so keeping their edit takes the saved value */
  changedByYou: boolean;
}

const FORM_KEYS: Record<ConflictField, keyof TaskFormValues> = {
  plan: "planId",
  workPoint: "workPointId",
  group: "groupId",
  code: "code",
  title: "title",
  goal: "goal",
  outcome: "outcome",
  leadUnit: "leadUnitId",
  cooperatingUnits: "cooperatingUnitIds",
  leader: "leaderId",
  isKey: "isKey",
  source: "source",
  pilotLevel: "pilotLevel",
  startDate: "startDate",
  dueDate: "dueDate",
  milestones: "milestones",
};

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The user's edit replayed on the saved task (a three-way merge): the fields the user changed
 * since opening the form keep the user's value, every other field takes the saved one.
 */
export function mergeOnto(saved: SavedTask, base: TaskFormValues, yours: TaskFormValues): TaskFormValues {
  const merged: TaskFormValues = { ...formValuesOf(saved), id: yours.id };
  for (const key of Object.values(FORM_KEYS)) {
    if (!same(base[key], yours[key])) (merged as unknown as Record<string, unknown>)[key] = yours[key];
  }
  return merged;
}

export interface ConflictLabels {
  yes: string;
  no: string;
  none: string;
  source: (value: TaskFormValues["source"]) => string;
  pilotLevel: (value: string) => string;
}

/** The form's values as they would be if the user started again from the saved task. */
export function formValuesOf(task: SavedTask): TaskFormValues {
  return {
    id: undefined,
    version: task.version,
    planId: task.planId,
    workPointId: task.workPointId ?? "",
    groupId: task.groupId,
    code: task.code,
    title: task.title,
    goal: task.goal,
    outcome: task.outcome ?? "",
    leadUnitId: task.leadUnitId,
    cooperatingUnitIds: task.cooperatingUnits.map((unit) => unit.id),
    leaderId: task.leaderId ?? "",
    isKey: task.isKey,
    source: task.source,
    pilotLevel: task.pilotLevel ?? "",
    startDate: task.startDate ?? "",
    dueDate: task.dueDate ?? "",
    milestones: task.milestones.map((milestone) => ({
      id: milestone.id,
      title: milestone.title,
      plannedDate: milestone.plannedDate ?? "",
      plannedPercent: milestone.plannedPercent,
    })),
  };
}

/** Every field where the saved task and the user's form differ, in form order. */
export function conflictRows(
  saved: SavedTask,
  base: TaskFormValues,
  yours: TaskFormValues,
  options: TaskFormOptions,
  labels: ConflictLabels,
): ConflictRow[] {
  const theirs = formValuesOf(saved);
  const name = (list: { id: string; label: string }[], id: string) =>
    id ? (list.find((option) => option.id === id)?.label ?? id) : labels.none;
  const text = (value: string) => value.trim() || labels.none;
  const units = (ids: string[]) =>
    ids.length
      ? ids
          .map((id) => name(options.units, id))
          .sort((a, b) => a.localeCompare(b, "zh-CN"))
          .join("、")
      : labels.none;
  const milestones = (list: TaskFormValues["milestones"]) =>
    list.length
      ? list.map((milestone) => `${milestone.title.trim()} ${milestone.plannedDate} ${milestone.plannedPercent}%`).join("；")
      : labels.none;

  const show: Record<ConflictField, (values: TaskFormValues) => string> = {
    plan: (values) => name(options.plans, values.planId),
    workPoint: (values) => name(options.workPoints, values.workPointId),
    group: (values) => name(options.groups, values.groupId),
    code: (values) => text(values.code),
    title: (values) => text(values.title),
    goal: (values) => text(values.goal),
    outcome: (values) => text(values.outcome),
    leadUnit: (values) => name(options.units, values.leadUnitId),
    cooperatingUnits: (values) => units(values.cooperatingUnitIds),
    leader: (values) => name(options.leaders, values.leaderId),
    isKey: (values) => (values.isKey ? labels.yes : labels.no),
    source: (values) => labels.source(values.source),
    pilotLevel: (values) => (values.pilotLevel ? labels.pilotLevel(values.pilotLevel) : labels.none),
    startDate: (values) => text(values.startDate),
    dueDate: (values) => text(values.dueDate),
    milestones: (values) => milestones(values.milestones),
  };
  return (Object.keys(show) as ConflictField[]).flatMap((field) => {
    const before = show[field](theirs);
    const after = show[field](yours);
    // A blank code means "generate one": it never disagrees with the saved code.
    if (field === "code" && !yours.code.trim()) return [];
    const key = FORM_KEYS[field];
    return before === after ? [] : [{ field, saved: before, yours: after, changedByYou: !same(base[key], yours[key]) }];
  });
}
