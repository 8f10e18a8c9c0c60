// Shapes the instruction pages, cards and the API hand on (no server code here: client components import them).
import type { EvidenceFile } from "@/lib/attachments/types";
import type { InstructionStatusValue, InstructionSubjectValue } from "./rules";

export interface InstructionAnswerView {
  id: string;
  round: number;
  content: string;
  /** ISO date-time */
  submittedAt: string;
  submittedBy: string | null;
  /** the evidence files (佐证材料) that came with this answer */
  files: EvidenceFile[];
}

/** One instruction as lists and cards show it. */
export interface InstructionRow {
  id: string;
  status: InstructionStatusValue;
  subject: {
    type: InstructionSubjectValue;
    /** the task's, the report's or the notice's id */
    id: string;
    /** REPORT: the report's month (YYYY-MM); NOTICE: the notice's number; TASK: empty */
    label: string;
    /** the page of the subject: the task, or the notice */
    href: string;
  };
  task: { id: string; code: string; title: string };
  leader: { id: string; name: string; title: string | null };
  /** who wrote it when not the leader (the office, 代录), else null */
  recordedBy: string | null;
  /** the unit that must answer */
  unit: { id: string; name: string };
  content: string;
  /** YYYY-MM-DD */
  answerDueDate: string;
  /** ISO date-time */
  createdAt: string;
  round: number;
  /** OPEN and past the answer-by date (Beijing calendar) */
  overdue: boolean;
  /** days from today to the answer-by date (negative when past) */
  daysLeft: number;
  /** the latest answer, if any */
  latestAnswer: InstructionAnswerView | null;
  href: string;
}

export interface InstructionThreadEvent {
  id: string;
  action: string;
  comment: string | null;
  actor: string | null;
  createdAt: string;
}

export interface InstructionDetail extends InstructionRow {
  version: number;
  answeredAt: string | null;
  closedAt: string | null;
  answers: InstructionAnswerView[];
  thread: InstructionThreadEvent[];
  /** the unit addressed, while the instruction waits for its answer */
  canAnswer: boolean;
  /** a leader or the office, once answered: confirm carried out (已落实) or ask again */
  canDecide: boolean;
  /** files uploaded for the answer being prepared (the unit's own; empty for anyone else) */
  pendingFiles: EvidenceFile[];
  /** the evidence size cap (ATTACHMENT_MAX_MB) */
  maxMb: number;
}

export interface LeaderOption {
  id: string;
  name: string;
  title: string | null;
}

/** What the write form needs: in whose name the actor may write, and the default answer-by date. */
export interface InstructionWriter {
  /** the office: names the leader (代录) */
  asOffice: boolean;
  /** a leader writing in their own name (null when the actor is not a leader) */
  selfName: string | null;
  leaders: LeaderOption[];
  /** YYYY-MM-DD */
  defaultDueDate: string;
  /** YYYY-MM-DD: the earliest answer-by date (today) */
  today: string;
}

/** What a write form can be about, for the task page's subject picker. */
export interface InstructionSubjectOption {
  type: InstructionSubjectValue;
  id: string;
  /** REPORT: YYYY-MM and the unit; NOTICE: the number; TASK: empty */
  label: string;
  unit?: string;
}

/** A record's instructions (a task, a report, a notice) and, for those who may, the write form's data. */
export interface InstructionsOf {
  rows: InstructionRow[];
  writer: InstructionWriter | null;
}

/** A card of open instructions (cockpit, workbenches): counts and the first rows. */
export interface InstructionCard {
  /** OPEN and ANSWERED (待落实) or, for a unit, OPEN (待办理) */
  total: number;
  /** OPEN and past the answer-by date */
  overdue: number;
  /** ANSWERED: awaiting the leader's confirmation */
  answered: number;
  rows: InstructionRow[];
  href: string;
  /** a leader's own (in whose name they were written), not the committee's */
  mine: boolean;
}

export interface InstructionListPage {
  rows: InstructionRow[];
  total: number;
  page: number;
  pages: number;
  counts: Record<InstructionStatusValue, number> & { all: number; overdue: number };
}
