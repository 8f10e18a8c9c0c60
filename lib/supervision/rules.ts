// The pure rules of the supervision notice (督办单) cycle: numbering, the response deadline and its
// overdue test, and the allowed transitions of DESIGN §2. No I/O: the services and tests use them.
import { dayOf } from "@/lib/tasks/rules";

export const NOTICE_LEVELS = ["GENERAL", "KEY", "LISTED"] as const;
export type NoticeLevelValue = (typeof NOTICE_LEVELS)[number];
export const NOTICE_STATUSES = ["ISSUED", "ANSWERED", "RETURNED", "RECTIFYING", "CLOSED"] as const;
export type NoticeStatusValue = (typeof NOTICE_STATUSES)[number];

/** The steps after issuing: the lead unit answers, the office accepts or sends back, then closes. */
export type NoticeStep = "answer" | "accept" | "sendBack" | "close";

const TRANSITIONS: Record<NoticeStep, { from: readonly NoticeStatusValue[]; to: NoticeStatusValue }> = {
  answer: { from: ["ISSUED", "RETURNED"], to: "ANSWERED" },
  accept: { from: ["ANSWERED"], to: "RECTIFYING" },
  sendBack: { from: ["ANSWERED"], to: "RETURNED" },
  close: { from: ["RECTIFYING"], to: "CLOSED" },
};

/** The status a step leads to from `status`, or null when the step is not allowed there. */
export function nextStatus(status: NoticeStatusValue, step: NoticeStep): NoticeStatusValue | null {
  const rule = TRANSITIONS[step];
  return rule.from.includes(status) ? rule.to : null;
}

/** The steps open from a status (for the UI). */
export function allowedSteps(status: NoticeStatusValue): NoticeStep[] {
  return (Object.keys(TRANSITIONS) as NoticeStep[]).filter((step) => nextStatus(status, step) !== null);
}

/** 青改督〔2026〕7号: the committee's document prefix, 督, the year in 〔〕, the serial. */
export function noticeNumber(docPrefix: string, year: number, serial: number): string {
  return `${docPrefix}督〔${year}〕${serial}号`;
}

/** The next serial of a committee's year: one more than the highest used (1 for the first). */
export function nextSerial(used: readonly number[]): number {
  return used.reduce((highest, serial) => Math.max(highest, serial), 0) + 1;
}

/** Days the lead unit gets to answer by default. */
export const DEFAULT_RESPONSE_DAYS = 10;

/** The default response deadline: `days` Beijing calendar days after `issuedAt` (UTC midnight, as @db.Date stores it). */
export function defaultResponseDueDate(issuedAt: Date, days = DEFAULT_RESPONSE_DAYS): Date {
  return new Date(dayOf(issuedAt).getTime() + days * 86_400_000);
}

/** Still waiting for an answer (first issued, or sent back for a new one). */
export function awaitsAnswer(status: NoticeStatusValue): boolean {
  return status === "ISSUED" || status === "RETURNED";
}

/** The answer is overdue: awaited and the deadline day is over on the Beijing calendar. */
export function isAnswerOverdue(notice: { status: NoticeStatusValue; responseDueDate: Date }, asOf: Date): boolean {
  return awaitsAnswer(notice.status) && dayOf(asOf).getTime() > notice.responseDueDate.getTime();
}

/** The response deadline must not be before the day of issue. */
export function responseDueDateProblem(responseDueDate: Date, issuedAt: Date): string | null {
  return responseDueDate.getTime() < dayOf(issuedAt).getTime() ? "supervision.validation.dueBeforeToday" : null;
}
