// Plain data shapes the report pages hand to their client components (no server code here).
import type { EvidenceFile } from "@/lib/attachments/types";
import type { LightReasonDetail } from "@/lib/tasks/rules";

export type ReportStatus = "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED";
export type ReportKind = "LEAD" | "CONTRIBUTION";
/** a report's state on 本月待报: none until the unit saves something */
export type ReportState = "NONE" | ReportStatus;
export type WorkflowStep = "CREATE" | "SUBMIT" | "APPROVE" | "RETURN" | "RESUBMIT" | "WITHDRAW" | "REMIND";

/** What a saved report is now (the result of a save, and what a stale editor is shown). */
export interface ReportSnapshot {
  id: string;
  version: number;
  status: ReportStatus;
  progress: string;
  percent: number | null;
  percentDropReason: string | null;
  problems: string | null;
  nextSteps: string | null;
  updatedAt: string;
}

/** The editable fields of a lead report card. */
export interface LeadValues {
  progress: string;
  /** "" when blank: the input's own text */
  percent: string;
  percentDropReason: string;
  problems: string;
  nextSteps: string;
}

export interface ContributionView {
  id: string;
  unitName: string;
  status: ReportStatus;
  progress: string;
  submittedAt: string | null;
}

/** One task the unit leads and owes a report on for the month. */
export interface OwedTask {
  taskId: string;
  code: string;
  title: string;
  groupName: string;
  isKey: boolean;
  dueDate: string;
  cooperatingUnits: string[];
  /** the last approved cumulative percent before this month (null: none yet) */
  lastApprovedPercent: number | null;
  state: ReportState;
  report: ReportSnapshot | null;
  returnComment: string | null;
  /** last month's report, offered as a starting point when nothing is saved for this month yet */
  prefill: { progress: string; problems: string | null; nextSteps: string | null; percent: number | null } | null;
  /** the cooperating units' submitted contributions for the month */
  contributions: ContributionView[];
  /** the report's evidence files, every round */
  files: EvidenceFile[];
  /** the round a file added now belongs to (files of this round may still be removed) */
  pendingRound: number;
}

/** One task the unit cooperates on, with its own contribution for the month. */
export interface CooperatingTask {
  taskId: string;
  code: string;
  title: string;
  leadUnitName: string;
  state: ReportState;
  contribution: ReportSnapshot | null;
  returnComment: string | null;
  files: EvidenceFile[];
  pendingRound: number;
}

export interface OwedCounts {
  owed: number;
  none: number;
  draft: number;
  submitted: number;
  approved: number;
  returned: number;
}

export interface OwedReports {
  unit: { id: string; name: string };
  /** "2026-10" */
  period: string;
  /** the month being worked on today (本月待报 by default) */
  currentPeriod: string;
  /** months a report may be filed for, newest first */
  periods: string[];
  /** YYYY-MM-DD */
  dueOn: string;
  /** whole days until the deadline (negative once past) */
  daysLeft: number;
  counts: OwedCounts;
  tasks: OwedTask[];
  cooperating: CooperatingTask[];
  /** the evidence cap (ATTACHMENT_MAX_MB) */
  attachmentMaxMb: number;
}

export interface ReviewRow {
  id: string;
  version: number;
  kind: ReportKind;
  status: ReportStatus;
  period: string;
  taskId: string;
  taskCode: string;
  taskTitle: string;
  groupName: string;
  unitName: string;
  progress: string;
  percent: number | null;
  previousPercent: number | null;
  percentDropReason: string | null;
  problems: string | null;
  nextSteps: string | null;
  reviewComment: string | null;
  submittedAt: string | null;
  firstSubmittedAt: string | null;
  late: boolean;
  /** resubmitted after a return */
  resubmitted: boolean;
}

export interface ReviewFilters {
  period: string | null;
  groupId: string | null;
  unitId: string | null;
  kind: ReportKind | null;
  status: ReportStatus;
  page: number;
  size: number;
}

export interface ReviewQueue {
  rows: ReviewRow[];
  total: number;
  filters: ReviewFilters;
  options: {
    periods: string[];
    groups: { value: string; label: string }[];
    units: { value: string; label: string }[];
  };
}

export interface ThreadEvent {
  id: string;
  action: WorkflowStep;
  comment: string | null;
  actorName: string | null;
  at: string;
  /** on a SUBMIT or RESUBMIT step: the evidence files that came with that submission */
  files?: EvidenceFile[];
}

export type MilestoneState = "DONE" | "OPEN" | "OVERDUE";

/** What the review dialog shows beside the report: last month, the evidence, milestones, the light. */
export interface ReviewContext {
  previous: { period: string; progress: string; percent: number | null; status: ReportStatus } | null;
  files: EvidenceFile[];
  milestones: { id: string; title: string; plannedDate: string; plannedPercent: number; completedOn: string | null; state: MilestoneState }[];
  light: { light: string; planned: number; actual: number; reasons: string[]; details: LightReasonDetail[] };
}

export interface ThreadReport {
  id: string;
  period: string;
  kind: ReportKind;
  unitName: string;
  status: ReportStatus;
  progress: string;
  percent: number | null;
  percentDropReason: string | null;
  problems: string | null;
  nextSteps: string | null;
  reviewComment: string | null;
  firstSubmittedAt: string | null;
  events: ThreadEvent[];
}
