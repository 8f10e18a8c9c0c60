// Inputs of the instruction services (领导批示), shared by the forms, the actions, the services and
// the API. Messages are catalogue keys. No server code here: client forms may use it.
import { z } from "zod";
import { idField, optionalTextField, versionField } from "@/lib/validation/fields";
import { INSTRUCTION_STATUSES, INSTRUCTION_SUBJECTS, type InstructionStatusValue } from "./rules";

export const CONTENT_MAX = 2000;
export const ANSWER_MAX = 4000;
export const COMMENT_MAX = 1000;
/** Evidence files one answer may carry (and may wait on an instruction for it). */
export const MAX_ANSWER_FILES = 20;

const dayField = z.iso.date("validation.invalid").transform((value) => new Date(`${value}T00:00:00Z`));
const requiredText = (max: number) => z.string("validation.required").trim().min(1, "validation.required").max(max, "validation.tooBig");

export const createInstructionSchema = z
  .object({
    subjectType: z.enum(INSTRUCTION_SUBJECTS, "validation.invalid").meta({
      description: "TASK 改革任务 · REPORT 月度进展报告 · NOTICE 督办单",
    }),
    subjectId: idField.meta({ description: "任务、月报或督办单的 id" }),
    content: requiredText(CONTENT_MAX).meta({ description: "批示内容" }),
    answerDueDate: dayField.meta({ description: "办理时限 YYYY-MM-DD（不早于今天）" }),
    /** the office writes on a leader's behalf: whose instruction it is (default: the task's linked leader) */
    leaderId: idField.optional().meta({ description: "批示领导（用户 id）：改革办代录时填写，默认为任务的挂钩领导；领导本人批示时省略" }),
  })
  .strict();

export const answerInstructionSchema = z
  .object({
    id: idField,
    version: versionField.meta({ description: "读取批示时的 version" }),
    content: requiredText(ANSWER_MAX).meta({ description: "办理反馈：落实情况" }),
    /** evidence uploaded for this answer (waiting on the instruction), moved onto the answer */
    attachmentIds: z.array(idField).max(MAX_ANSWER_FILES, "validation.tooBig").default([]).meta({
      description: "随反馈提交的佐证材料 id（先在门户上传）",
    }),
  })
  .strict();

export const closeInstructionSchema = z.object({ id: idField, version: versionField, comment: optionalTextField(COMMENT_MAX) }).strict();

export const reaskInstructionSchema = z
  .object({
    id: idField,
    version: versionField,
    content: requiredText(CONTENT_MAX),
    answerDueDate: dayField,
  })
  .strict();

export const INSTRUCTION_PAGE_SIZE = 20;

/** The list's URL filters (lenient: anything unknown falls back to its default). */
export interface InstructionFilters {
  status: InstructionStatusValue | null;
  /** open and past the answer-by date */
  overdue: boolean;
  /** the actor's own, as the leader in whose name they were written */
  mine: boolean;
  taskId: string | null;
  page: number;
}

export const DEFAULT_INSTRUCTION_FILTERS: InstructionFilters = { status: null, overdue: false, mine: false, taskId: null, page: 1 };

export function parseInstructionFilters(params: Record<string, string | string[] | undefined>): InstructionFilters {
  const one = (key: string) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value)?.trim() || null;
  };
  const status = one("status");
  const task = one("task");
  const page = Number(one("page") ?? "1");
  return {
    status: (INSTRUCTION_STATUSES as readonly string[]).includes(status ?? "") ? (status as InstructionStatusValue) : null,
    overdue: one("overdue") === "1",
    mine: one("mine") === "1",
    taskId: task && /^[A-Za-z0-9_-]{1,64}$/.test(task) ? task : null,
    page: Number.isInteger(page) && page > 0 && page <= 10_000 ? page : 1,
  };
}

/** The list's URL for a set of filters. */
export function instructionsHref(filters: Partial<InstructionFilters> = {}): string {
  const query = new URLSearchParams();
  if (filters.status) query.set("status", filters.status);
  if (filters.overdue) query.set("overdue", "1");
  if (filters.mine) query.set("mine", "1");
  if (filters.taskId) query.set("task", filters.taskId);
  if (filters.page && filters.page > 1) query.set("page", String(filters.page));
  const text = query.toString();
  return text ? `/instructions?${text}` : "/instructions";
}
