// Plain data shapes the plan pages hand to their client components (no server code here).
import type { PlanReach } from "./rules";

export type { PlanReach };

export interface WorkPointRow {
  id: string;
  groupId: string;
  number: string;
  title: string;
  /** the stamp an edit is based on (optimistic locking) */
  updatedAt: string;
  /** tasks under the point that the actor reads (all of them when the plan is read whole) */
  tasks: number;
  /** of those, the tasks the actor's unit leads (only when the plan is read by unit, else null) */
  leadTasks: number | null;
  /** first / last of its group: the bounds of moving up and down */
  first: boolean;
  last: boolean;
}

export interface PlanDetail {
  id: string;
  committeeId: string;
  year: number;
  title: string;
  docNumber: string | null;
  issuedOn: Date | null;
  status: "DRAFT" | "ISSUED";
  updatedAt: string;
  /** how much of the plan the actor reads: every figure below counts only that */
  reach: PlanReach;
  /** may the actor take the plan's workbook (the whole plan, the import template) */
  workbook: boolean;
  /** the plan's points by special group, groups in the committee's order, points in the plan's */
  sections: { groupId: string; groupName: string; tasks: number; points: WorkPointRow[] }[];
  points: number;
  tasks: number;
  /** tasks of the plan under no work point */
  unassigned: number;
  /** live groups, for choosing a point's group */
  groups: { id: string; name: string }[];
}
