// What a close-out (对账销号) application must face before it is made and before it is approved:
// the facts that say the task may not be finished. Pure and unit-tested; the service enforces it
// (an explanation when there is any warning, an explicit confirmation from the office), the
// apply form and the 核验 panel show it. No server code here: client forms may use it.
import { dayOf, type Light, type LightReason } from "./rules";

export interface CloseOutMilestoneFacts {
  id: string;
  title: string;
  plannedDate: Date;
  plannedPercent: number;
  completedOn: Date | null;
}

export interface CloseOutFacts {
  milestones: readonly CloseOutMilestoneFacts[];
  /** cumulative percent of the latest approved lead report; null when none was approved */
  lastApprovedPercent: number | null;
  /** the task's light as if no close-out were pending (taskLight with status ACTIVE) */
  light: Light;
  reasons: readonly LightReason[];
}

export interface OpenMilestone {
  id: string;
  title: string;
  /** YYYY-MM-DD */
  plannedDate: string;
  plannedPercent: number;
  /** planned before `asOf`'s day and still not completed */
  overdue: boolean;
  /** days past its planned date (0 when not overdue) */
  daysLate: number;
}

export type CloseOutWarning =
  | { code: "openMilestones"; milestones: OpenMilestone[] }
  | { code: "percentBelow100"; percent: number | null }
  | { code: "light"; light: "RED" | "YELLOW"; reasons: LightReason[] };

const DAY = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The milestones not completed by `asOf`'s day, in planned order, each marked overdue or not. */
export function openMilestones(milestones: readonly CloseOutMilestoneFacts[], asOf: Date): OpenMilestone[] {
  const today = dayOf(asOf).getTime();
  return [...milestones]
    .filter((milestone) => !milestone.completedOn || milestone.completedOn.getTime() > today)
    .sort((a, b) => a.plannedDate.getTime() - b.plannedDate.getTime())
    .map((milestone) => {
      const daysLate = Math.max(0, Math.round((today - milestone.plannedDate.getTime()) / DAY));
      return {
        id: milestone.id,
        title: milestone.title,
        plannedDate: isoDay(milestone.plannedDate),
        plannedPercent: milestone.plannedPercent,
        overdue: daysLate > 0,
        daysLate,
      };
    });
}

/**
 * The warnings of a close-out on `asOf`, in the order they are shown: open milestones (which are
 * overdue), the last approved percent below 100 (or none approved), a red or yellow light with its
 * reasons. Empty when the task looks finished.
 */
export function closeOutWarnings(facts: CloseOutFacts, asOf: Date): CloseOutWarning[] {
  const warnings: CloseOutWarning[] = [];
  const open = openMilestones(facts.milestones, asOf);
  if (open.length) warnings.push({ code: "openMilestones", milestones: open });
  if (facts.lastApprovedPercent === null || facts.lastApprovedPercent < 100)
    warnings.push({ code: "percentBelow100", percent: facts.lastApprovedPercent });
  if (facts.light === "RED" || facts.light === "YELLOW") warnings.push({ code: "light", light: facts.light, reasons: [...facts.reasons] });
  return warnings;
}

export const EXPLANATION_REQUIRED = "tasks.validation.explanationRequired";
export const CONFIRMATION_REQUIRED = "tasks.validation.confirmationRequired";

/** The field error of an application's explanation: required (non-blank) exactly when there are warnings. */
export function explanationProblem(warnings: readonly CloseOutWarning[], explanation: string | null | undefined): string | null {
  if (warnings.length === 0) return null;
  return explanation && explanation.trim().length > 0 ? null : EXPLANATION_REQUIRED;
}

/** The field error of an approval: the office must confirm it has checked the warnings, when there are any. */
export function confirmationProblem(warnings: readonly CloseOutWarning[], confirmed: boolean | undefined): string | null {
  return warnings.length > 0 && confirmed !== true ? CONFIRMATION_REQUIRED : null;
}
