// Plain data shapes the task page hands to its client components (no server code here).
import type { EvidenceFile } from "@/lib/attachments/types";
import type { CloseOutWarning } from "./closeout-rules";
import type { Light, LightReason, LightReasonDetail } from "./rules";

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
  /** files the lead unit has chosen for its application, not yet applied with (only when canApply) */
  pendingFiles: EvidenceFile[];
  /** the upload cap in MB (ATTACHMENT_MAX_MB) */
  maxMb: number;
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

/** One close-out application with everything the 核验 panel shows of it. */
export interface CloseOutRequestView {
  id: string;
  version: number;
  status: "PENDING" | "APPROVED" | "RETURNED" | "WITHDRAWN";
  unit: string;
  appliedBy: string | null;
  appliedAt: string;
  summary: string;
  explanation: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionComment: string | null;
  /** the files as lib/attachments lists them (<EvidenceList>): open inline (PDF, images) or download */
  evidence: EvidenceFile[];
}

export interface CloseOutMilestoneView {
  id: string;
  title: string;
  plannedDate: string;
  plannedPercent: number;
  completedOn: string | null;
  overdue: boolean;
  daysLate: number;
}

/** The task's close-out facts now (the warnings the form and the panel show) and its applications, newest first. */
export interface CloseOutReview {
  taskId: string;
  warnings: CloseOutWarning[];
  lastApprovedPercent: number | null;
  light: Light;
  reasons: LightReason[];
  /** the same reasons with their facts, for the words of lib/tasks/reason-text.ts */
  details: LightReasonDetail[];
  milestones: CloseOutMilestoneView[];
  requests: CloseOutRequestView[];
}
