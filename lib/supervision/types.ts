// Shapes the supervision pages hand to their client components (no server code here).
import type { EvidenceFile } from "@/lib/attachments/types";
import type { Light } from "@/lib/tasks/rules";
import type { NoticeLevelValue, NoticeStatusValue } from "./rules";

export interface NoticeDraft {
  taskId: string;
  code: string;
  title: string;
  light: Light;
  reason: string;
  lagDescription: string;
  /** YYYY-MM-DD */
  responseDueDate: string;
}

export interface NoticeListRow {
  id: string;
  number: string;
  level: NoticeLevelValue;
  status: NoticeStatusValue;
  taskId: string;
  taskCode: string;
  taskTitle: string;
  unit: string;
  issuedAt: string;
  responseDueDate: string;
  overdue: boolean;
  escalated: boolean;
}

export interface NoticeResponseView {
  id: string;
  causeAnalysis: string;
  countermeasures: string;
  rectifyDeadline: string;
  submittedAt: string;
  submittedBy: string | null;
  decision: "ACCEPTED" | "RETURNED" | null;
  decisionComment: string | null;
  decidedAt: string | null;
  /** the evidence files (佐证材料) that came with this answer */
  files: EvidenceFile[];
}

export interface NoticeThreadEvent {
  id: string;
  action: string;
  comment: string | null;
  actor: string | null;
  createdAt: string;
}

export interface NoticeDetail {
  id: string;
  number: string;
  level: NoticeLevelValue;
  status: NoticeStatusValue;
  version: number;
  reason: string;
  lagDescription: string | null;
  issuedAt: string;
  responseDueDate: string;
  closedAt: string | null;
  escalatedAt: string | null;
  overdue: boolean;
  task: { id: string; code: string; title: string };
  unit: string;
  committeeName: string;
  officeName: string;
  responses: NoticeResponseView[];
  thread: NoticeThreadEvent[];
  canAnswer: boolean;
  canDecide: boolean;
  canClose: boolean;
  /** files uploaded for the answer being prepared (the lead unit's alone; empty for anyone else) */
  pendingFiles: EvidenceFile[];
  /** the evidence size cap (ATTACHMENT_MAX_MB) */
  maxMb: number;
}
