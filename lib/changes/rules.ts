// 计划调整 (plan change control), the pure part: which fields of a task an issued plan controls,
// what a change request changes, and which schedule (baseline) was in force on a given day.
// No I/O; the service (service.ts) and the ledger SQL (lib/ledger/light-sql.ts) follow these rules,
// and tests/unit/change-rules.test.ts pins them down.

/** The fields of a task that, once its plan is issued (下达), change only through an approved request. */
export const CONTROLLED_FIELDS = [
  "startDate",
  "dueDate",
  "goal",
  "outcome",
  "leadUnitId",
  "cooperatingUnitIds",
  "leaderId",
  "isKey",
  "milestones",
] as const;
export type ControlledField = (typeof CONTROLLED_FIELDS)[number];

export interface PlannedMilestone {
  title: string;
  /** YYYY-MM-DD */
  plannedDate: string;
  plannedPercent: number;
}

/** The controlled values of a task as the forms and the API carry them (days as YYYY-MM-DD). */
export interface ControlledValues {
  startDate: string;
  dueDate: string;
  goal: string;
  outcome: string | null;
  leadUnitId: string;
  cooperatingUnitIds: string[];
  leaderId: string | null;
  isKey: boolean;
  milestones: PlannedMilestone[];
}

const blank = (value: string | null | undefined) => (value ?? "").trim() || null;

/**
 * Whether one controlled field differs. Cooperating units are a set; milestones compare by their
 * planned dates and percents in order (a reworded milestone title is not a change of plan, nor is
 * a milestone's completion).
 */
export function fieldDiffers(field: ControlledField, before: ControlledValues, after: ControlledValues): boolean {
  switch (field) {
    case "cooperatingUnitIds":
      return [...new Set(before.cooperatingUnitIds)].sort().join(",") !== [...new Set(after.cooperatingUnitIds)].sort().join(",");
    case "milestones": {
      const line = (milestones: PlannedMilestone[]) => milestones.map((m) => `${m.plannedDate}@${m.plannedPercent}`).join(";");
      return line(before.milestones) !== line(after.milestones);
    }
    case "outcome":
    case "leaderId":
      return blank(before[field]) !== blank(after[field]);
    case "goal":
      return before.goal.trim() !== after.goal.trim();
    default:
      return before[field] !== after[field];
  }
}

/** The controlled fields an edit or a request changes, in the form's order. */
export function changedFields(before: ControlledValues, after: ControlledValues): ControlledField[] {
  return CONTROLLED_FIELDS.filter((field) => fieldDiffers(field, before, after));
}

/** Plans in draft are edited freely; an issued plan's tasks keep their controlled fields. */
export function isControlled(plan: { status: "DRAFT" | "ISSUED" }): boolean {
  return plan.status === "ISSUED";
}

/**
 * A key task's change needs its linked leader's consent after the office's when the committee
 * turned that on (and the task has a linked leader to ask).
 */
export function needsLeaderConsent(task: { isKey: boolean; leaderId: string | null }, keyChangesNeedLeader: boolean): boolean {
  return keyChangesNeedLeader && task.isKey && task.leaderId !== null;
}

// ───────────── The baseline in force on a day ─────────────

/** What the light and the planned progress are computed from. */
export interface Baseline {
  startDate: Date;
  dueDate: Date;
  leadUnitId: string;
  milestones: { title?: string; plannedDate: Date; plannedPercent: number; completedOn: Date | null }[];
}

/** An approved change: the moment it took effect and the baseline it replaced. */
export interface ApprovedChange {
  decidedAt: Date;
  baselineBefore: Baseline;
}

/** The end of a Beijing calendar day given as UTC midnight (as @db.Date stores days): the next 00:00 +08:00. */
export function endOfDay(day: Date): Date {
  return new Date(day.getTime() + 16 * 3600_000);
}

/**
 * The baseline in force by the end of `day` (a calendar day at UTC midnight): an approval takes
 * effect on the day it is given, so a day before the earliest approval decided after it keeps
 * that approval's "before"; with none, the task's current values (its latest approved baseline).
 */
export function baselineAt(current: Baseline, approved: readonly ApprovedChange[], day: Date): Baseline {
  const end = endOfDay(day).getTime();
  let earliest: ApprovedChange | null = null;
  for (const change of approved) {
    if (change.decidedAt.getTime() < end) continue;
    if (!earliest || change.decidedAt.getTime() < earliest.decidedAt.getTime()) earliest = change;
  }
  return earliest ? earliest.baselineBefore : current;
}

/** A baseline as stored (JSON): days as YYYY-MM-DD. */
export interface StoredBaseline {
  startDate: string;
  dueDate: string;
  leadUnitId: string;
  milestones: { title: string; plannedDate: string; plannedPercent: number; completedOn: string | null }[];
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const dayOfIso = (value: string) => new Date(`${value}T00:00:00Z`);

export function storeBaseline(baseline: Baseline): StoredBaseline {
  return {
    startDate: isoDay(baseline.startDate),
    dueDate: isoDay(baseline.dueDate),
    leadUnitId: baseline.leadUnitId,
    milestones: baseline.milestones.map((milestone) => ({
      title: milestone.title ?? "",
      plannedDate: isoDay(milestone.plannedDate),
      plannedPercent: milestone.plannedPercent,
      completedOn: milestone.completedOn ? isoDay(milestone.completedOn) : null,
    })),
  };
}

export function loadBaseline(stored: StoredBaseline): Baseline {
  return {
    startDate: dayOfIso(stored.startDate),
    dueDate: dayOfIso(stored.dueDate),
    leadUnitId: stored.leadUnitId,
    milestones: stored.milestones.map((milestone) => ({
      title: milestone.title,
      plannedDate: dayOfIso(milestone.plannedDate),
      plannedPercent: milestone.plannedPercent,
      completedOn: milestone.completedOn ? dayOfIso(milestone.completedOn) : null,
    })),
  };
}
