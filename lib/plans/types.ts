// Plain data shapes the plan pages hand to their client components (no server code here).

export interface WorkPointRow {
  id: string;
  groupId: string;
  number: string;
  title: string;
  /** the stamp an edit is based on (optimistic locking) */
  updatedAt: string;
  tasks: number;
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
  updatedAt: string;
  /** the plan's points by special group, groups in the committee's order, points in the plan's */
  sections: { groupId: string; groupName: string; points: WorkPointRow[] }[];
  points: number;
  tasks: number;
  /** tasks of the plan under no work point */
  unassigned: number;
  /** live groups, for choosing a point's group */
  groups: { id: string; name: string }[];
}
