// Inputs of the quarterly-report services (季报, the "2") and the plain shapes the quarterly pages hand
// to their client components. Messages are catalogue keys. No server code here: client forms use it.
import { z } from "zod";
import type { EvidenceFile } from "@/lib/attachments/types";
import type { Light } from "@/lib/tasks/rules";
import { idField, optionalTextField, versionField } from "@/lib/validation/fields";
import type { Timeliness } from "./rules";

export const QUARTERLY_KINDS = ["GROUP", "KEY_TASK"] as const;
export type QuarterlyKind = (typeof QUARTERLY_KINDS)[number];
export type QuarterlyStatus = "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED";

/** "G:<groupId>" (a special group's report) or "T:<taskId>" (a key task's report). */
const SUBJECT_KEY = /^[GT]:[A-Za-z0-9_-]{1,40}$/;

export function parseSubjectKey(key: string): { kind: QuarterlyKind; id: string } | null {
  if (!SUBJECT_KEY.test(key)) return null;
  return { kind: key.startsWith("G:") ? "GROUP" : "KEY_TASK", id: key.slice(2) };
}

export const groupSubjectKey = (groupId: string) => `G:${groupId}`;
export const taskSubjectKey = (taskId: string) => `T:${taskId}`;

const text = (max: number) => z.string().trim().min(1, "validation.required").max(max, "validation.tooBig");

export const draftQuarterlySchema = z
  .object({
    year: z.number("validation.required").int("validation.invalid").min(2000, "validation.tooSmall").max(2100, "validation.tooBig"),
    quarter: z.number("validation.required").int("validation.invalid").min(1, "validation.tooSmall").max(4, "validation.tooBig"),
    subjectKey: z.string().trim().regex(SUBJECT_KEY, "quarterly.validation.subject"),
  })
  .strict();

export const regenerateQuarterlySchema = z.object({ id: idField, version: versionField }).strict();

export const saveQuarterlySchema = z
  .object({
    id: idField,
    version: versionField,
    title: text(200),
    body: text(20_000),
    problems: optionalTextField(5_000),
    nextSteps: optionalTextField(5_000),
  })
  .strict();

export const submitQuarterlySchema = z.object({ id: idField, version: versionField }).strict();

export const approveQuarterlySchema = z.object({ id: idField, version: versionField, comment: optionalTextField(1_000) }).strict();

export const returnQuarterlySchema = z.object({ id: idField, version: versionField, comment: text(1_000) }).strict();

export type DraftQuarterlyInput = z.infer<typeof draftQuarterlySchema>;
export type SaveQuarterlyInput = z.infer<typeof saveQuarterlySchema>;

// ───────────── What the pages show ─────────────

/** One expected report of a quarter (a special group, or a leader-linked key task) and where it stands. */
export interface QuarterSubjectRow {
  subjectKey: string;
  kind: QuarterlyKind;
  /** the group's name, or the task's title */
  name: string;
  /** key tasks: the task's code */
  code: string | null;
  /** who writes it: the liaison unit and liaisons of a group, the lead unit of a key task */
  authorUnit: string | null;
  authorPeople: string[];
  report: { id: string; status: QuarterlyStatus; version: number; title: string; firstSubmittedAt: string | null } | null;
  /** YYYY-MM-DD */
  dueOn: string;
  timeliness: Timeliness;
  /** may the actor draft or edit it */
  canWrite: boolean;
}

export interface QuarterOverview {
  year: number;
  quarter: number;
  /** "2026-Q3" */
  key: string;
  dueOn: string;
  rows: QuarterSubjectRow[];
  counts: Record<Timeliness, number> & { expected: number; submitted: number; approved: number };
}

export interface QuarterlyThreadEntry {
  id: string;
  action: string;
  comment: string | null;
  actorName: string | null;
  /** ISO instant */
  at: string;
}

export interface QuarterlyDetail {
  id: string;
  kind: QuarterlyKind;
  subjectKey: string;
  subjectName: string;
  code: string | null;
  authorUnit: string | null;
  year: number;
  quarter: number;
  quarterKey: string;
  title: string;
  body: string;
  problems: string | null;
  nextSteps: string | null;
  status: QuarterlyStatus;
  version: number;
  submittedAt: string | null;
  firstSubmittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  dueOn: string;
  timeliness: Timeliness;
  /** the actor may edit (DRAFT or RETURNED) and submit it */
  canEdit: boolean;
  /** the office may approve or return it (SUBMITTED) */
  canReview: boolean;
  thread: QuarterlyThreadEntry[];
  /** the evidence files (佐证材料) by round: the submitted rounds, and for its writers the one being prepared */
  files: EvidenceFile[];
  /** the round a file added now belongs to (submissions so far + 1) */
  pendingRound: number;
  /** the evidence size cap (ATTACHMENT_MAX_MB) */
  maxMb: number;
}

// ───────────── The Word compilation (汇编) ─────────────

export interface CompiledReport {
  title: string;
  body: string;
  problems: string | null;
  nextSteps: string | null;
}

export interface CompiledTaskRow {
  code: string;
  title: string;
  leadUnit: string;
  /** cumulative percent as of the quarter's last day */
  percent: number;
  light: Light;
}

export interface CompiledGroup {
  name: string;
  /** null: no submitted or approved report (未报送) */
  report: CompiledReport | null;
  tasks: CompiledTaskRow[];
}

export interface CompiledKeyTask {
  code: string;
  title: string;
  leadUnit: string;
  leader: string | null;
  report: CompiledReport | null;
}

/** Everything the .docx shows, as plain data (lib/reports/quarterly-docx.ts builds the file from it). */
export interface QuarterlyCompilation {
  regionName: string;
  officeName: string;
  year: number;
  quarter: number;
  /** the day the lights are computed for: the quarter's last day, or today while it runs */
  asOf: Date;
  madeAt: Date;
  groups: CompiledGroup[];
  keyTasks: CompiledKeyTask[];
}
