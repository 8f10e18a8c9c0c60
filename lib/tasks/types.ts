// Plain data shapes the task page hands to its client components (no server code here).

/** What the actor may do on a task page, and the versions those actions are based on. */
export interface TaskActionState {
  taskId: string;
  version: number;
  status: "ACTIVE" | "PENDING_CLOSE" | "DONE" | "CANCELLED";
  pendingCloseOut: { id: string; version: number } | null;
  /** the lead unit's reporter may apply for close-out (对账销号) */
  canApply: boolean;
  /** the office may approve/return a close-out and reopen a done task */
  canDecide: boolean;
  /** the office may mark milestones complete */
  canEdit: boolean;
}

export interface TaskFormOptions {
  plans: { id: string; label: string; year: number }[];
  workPoints: { id: string; planId: string; label: string }[];
  groups: { id: string; label: string }[];
  units: { id: string; label: string }[];
  leaders: { id: string; label: string }[];
}

export interface TaskFormValues {
  id?: string;
  version?: number;
  planId: string;
  workPointId: string;
  groupId: string;
  code: string;
  title: string;
  goal: string;
  outcome: string;
  leadUnitId: string;
  cooperatingUnitIds: string[];
  leaderId: string;
  isKey: boolean;
  source: "SUPERIOR" | "SELF" | "PILOT";
  pilotLevel: string;
  startDate: string;
  dueDate: string;
  milestones: { id?: string; title: string; plannedDate: string; plannedPercent: number }[];
}
