// The pure rules of a leader's instruction (领导批示) and its answers (办理反馈): the subjects it may
// be written on, the steps of its cycle, who must answer it, the answer-by date and its overdue
// test. No I/O: the services, the pages and the unit tests use the same functions.
import { dayOf } from "@/lib/tasks/rules";

export const INSTRUCTION_SUBJECTS = ["TASK", "REPORT", "NOTICE"] as const;
export type InstructionSubjectValue = (typeof INSTRUCTION_SUBJECTS)[number];
export const INSTRUCTION_STATUSES = ["OPEN", "ANSWERED", "CLOSED"] as const;
export type InstructionStatusValue = (typeof INSTRUCTION_STATUSES)[number];

/**
 * After writing: the unit answers (OPEN → ANSWERED); then a leader or the office either confirms it
 * carried out (已落实: ANSWERED → CLOSED) or asks again (再次批示: ANSWERED → OPEN, a new round).
 */
export type InstructionStep = "answer" | "close" | "reask";

const TRANSITIONS: Record<InstructionStep, { from: readonly InstructionStatusValue[]; to: InstructionStatusValue }> = {
  answer: { from: ["OPEN"], to: "ANSWERED" },
  close: { from: ["ANSWERED"], to: "CLOSED" },
  reask: { from: ["ANSWERED"], to: "OPEN" },
};

/** The status a step leads to, or null when the step is not open from `status`. */
export function nextInstructionStatus(status: InstructionStatusValue, step: InstructionStep): InstructionStatusValue | null {
  const rule = TRANSITIONS[step];
  return rule.from.includes(status) ? rule.to : null;
}

/**
 * Why a step cannot be taken from `status`, as a catalogue key (null: it can): a closed instruction
 * takes no answer, an answered one waits for the leader, an open one has nothing to confirm yet.
 */
export function stepProblem(status: InstructionStatusValue, step: InstructionStep): string | null {
  if (nextInstructionStatus(status, step)) return null;
  if (status === "CLOSED") return step === "answer" ? "instructions.validation.closedNoAnswer" : "instructions.validation.closed";
  if (step === "answer") return "instructions.validation.alreadyAnswered";
  return "instructions.validation.notAnswered";
}

/** The unit that answers: the unit a notice is addressed to; otherwise the task's lead unit. */
export function answeringUnitId(subject: { type: InstructionSubjectValue; taskLeadUnitId: string; noticeUnitId?: string | null }): string {
  return subject.type === "NOTICE" && subject.noticeUnitId ? subject.noticeUnitId : subject.taskLeadUnitId;
}

/** Days a unit gets to answer by default (办理时限). */
export const DEFAULT_ANSWER_DAYS = 7;
/** The latest answer-by date one may set: a year ahead. */
export const MAX_ANSWER_DAYS = 366;
const DAY_MS = 86_400_000;

/** The default answer-by date: `days` Beijing calendar days after `asOf` (UTC midnight, as @db.Date holds it). */
export function defaultAnswerDueDate(asOf: Date, days = DEFAULT_ANSWER_DAYS): Date {
  return new Date(dayOf(asOf).getTime() + days * DAY_MS);
}

/** The answer-by date must be today or later, and within a year. */
export function answerDueDateProblem(answerDueDate: Date, asOf: Date): string | null {
  const today = dayOf(asOf).getTime();
  if (answerDueDate.getTime() < today) return "instructions.validation.dueBeforeToday";
  if (answerDueDate.getTime() > today + MAX_ANSWER_DAYS * DAY_MS) return "instructions.validation.dueTooFar";
  return null;
}

/** Waiting for the unit's answer and the answer-by day is over on the Beijing calendar. */
export function isAnswerOverdue(instruction: { status: InstructionStatusValue; answerDueDate: Date }, asOf: Date): boolean {
  return instruction.status === "OPEN" && dayOf(asOf).getTime() > instruction.answerDueDate.getTime();
}

/** Whole Beijing days from `asOf` to the answer-by date (negative once it has passed). */
export function daysToAnswer(answerDueDate: Date, asOf: Date): number {
  return Math.round((answerDueDate.getTime() - dayOf(asOf).getTime()) / DAY_MS);
}
