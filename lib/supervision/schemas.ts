// Inputs of the supervision notice services, shared by the forms, the actions and the services.
// Messages are catalogue keys. No server code here: client forms may use it.
import { z } from "zod";
import { idField, optionalTextField, versionField } from "@/lib/validation/fields";
import { NOTICE_LEVELS, NOTICE_STATUSES } from "./rules";

export const REASON_MAX = 2000;
export const LAG_MAX = 500;
export const ANSWER_MAX = 4000;
export const COMMENT_MAX = 1000;
/** Evidence files one answer may carry (and may wait on a notice for it). */
export const MAX_ANSWER_FILES = 20;

const dayField = z.iso.date("validation.invalid").transform((value) => new Date(`${value}T00:00:00Z`));
const requiredText = (max: number) => z.string("validation.required").trim().min(1, "validation.required").max(max, "validation.tooBig");

export const issueNoticeSchema = z
  .object({
    taskId: idField,
    level: z.enum(NOTICE_LEVELS, "validation.invalid"),
    reason: requiredText(REASON_MAX),
    lagDescription: optionalTextField(LAG_MAX),
    responseDueDate: dayField,
  })
  .strict();

export const answerNoticeSchema = z
  .object({
    id: idField,
    version: versionField,
    causeAnalysis: requiredText(ANSWER_MAX),
    countermeasures: requiredText(ANSWER_MAX),
    rectifyDeadline: dayField,
    /** evidence uploaded for this answer (pending on the notice), moved onto the answer */
    attachmentIds: z.array(idField).max(MAX_ANSWER_FILES, "validation.tooBig").default([]),
  })
  .strict();

export const decideNoticeSchema = z.object({ id: idField, version: versionField, comment: optionalTextField(COMMENT_MAX) }).strict();

export const sendBackNoticeSchema = z.object({ id: idField, version: versionField, comment: requiredText(COMMENT_MAX) }).strict();

/** The list's URL filters. */
export interface NoticeFilters {
  status: (typeof NOTICE_STATUSES)[number] | null;
  level: (typeof NOTICE_LEVELS)[number] | null;
  unitId: string | null;
  overdue: boolean;
  page: number;
}

export function parseNoticeFilters(params: Record<string, string | string[] | undefined>): NoticeFilters {
  const one = (key: string) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value)?.trim() || null;
  };
  const status = one("status");
  const level = one("level");
  const page = Number(one("page") ?? "1");
  return {
    status: (NOTICE_STATUSES as readonly string[]).includes(status ?? "") ? (status as NoticeFilters["status"]) : null,
    level: (NOTICE_LEVELS as readonly string[]).includes(level ?? "") ? (level as NoticeFilters["level"]) : null,
    unitId: one("unit"),
    overdue: one("overdue") === "1",
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}
