// Inputs of the task services (改革任务, 序时进度, 对账销号), shared by the forms, the actions and the
// services. Dates travel as "YYYY-MM-DD" and arrive as UTC midnight, the way @db.Date stores them.
// Messages are catalogue keys. No server code here: client forms may use it.
import { z } from "zod";
import { Level, TaskSource } from "@/lib/db/generated/enums";
import { idField, nameField, optionalIdField, optionalTextField, versionField } from "@/lib/validation/fields";
import { milestoneProblems } from "./rules";

export const TASK_SOURCES = Object.values(TaskSource);
export const PILOT_LEVELS = Object.values(Level);

/** A calendar day "2026-03-31" → Date at UTC midnight. */
export const dayField = z.iso.date("validation.invalid").transform((value) => new Date(`${value}T00:00:00Z`));

const text = (max: number) => z.string().trim().min(1, "validation.required").max(max, "validation.tooBig");

export const milestoneInputSchema = z
  .object({
    /** an existing milestone kept in an edit (its completion date stays); absent for a new one */
    id: idField.optional(),
    title: nameField(200),
    plannedDate: dayField,
    // The range (1–100, increasing) is a rule of the set: milestoneProblems reports it per index.
    plannedPercent: z.number("validation.required").int("validation.invalid"),
  })
  .strict();

const taskFields = {
  planId: idField,
  workPointId: optionalIdField,
  groupId: idField,
  /** blank: the next free code of the group and year (2026-经济-001) */
  code: optionalTextField(40),
  title: nameField(200),
  goal: text(2000),
  outcome: optionalTextField(500),
  leadUnitId: idField,
  cooperatingUnitIds: z.array(idField).max(50, "validation.tooBig").default([]),
  leaderId: optionalIdField,
  isKey: z.boolean().default(false),
  source: z.enum(TaskSource, "validation.required"),
  pilotLevel: z
    .enum(Level, "validation.invalid")
    .nullish()
    .transform((value) => value ?? null),
  startDate: dayField,
  dueDate: dayField,
  milestones: z.array(milestoneInputSchema).max(50, "validation.tooBig").default([]),
};

type TaskShape = {
  leadUnitId: string;
  cooperatingUnitIds: string[];
  startDate: Date;
  dueDate: Date;
  milestones: { plannedDate: Date; plannedPercent: number }[];
};

/** The rules across fields: start ≤ due, lead not also cooperating, the milestone set (DESIGN §3). */
function checkTask(input: TaskShape, context: z.RefinementCtx) {
  // zod runs this refinement even when a field failed (e.g. 2026-02-30): those values are not dates yet
  if (!Array.isArray(input.milestones) || !Array.isArray(input.cooperatingUnitIds)) return;
  const days = [input.startDate, input.dueDate, ...input.milestones.map((milestone) => milestone?.plannedDate)];
  if (!days.every((day) => day instanceof Date)) return;
  if (input.startDate.getTime() > input.dueDate.getTime())
    context.addIssue({ code: "custom", path: ["dueDate"], message: "tasks.validation.dueBeforeStart" });
  if (input.cooperatingUnitIds.includes(input.leadUnitId))
    context.addIssue({ code: "custom", path: ["cooperatingUnitIds"], message: "tasks.validation.leadIsCooperating" });
  for (const problem of milestoneProblems(input.milestones, input))
    context.addIssue({ code: "custom", path: ["milestones", problem.index, problem.field], message: problem.message });
}

export const createTaskSchema = z.object(taskFields).strict().superRefine(checkTask);

export const updateTaskSchema = z
  .object({ id: idField, version: versionField, ...taskFields })
  .strict()
  .superRefine(checkTask);

/**
 * A partial edit (the API's PATCH): any of the task's fields, none defaulted, plus the version it
 * was based on. The service merges it onto the saved task and validates the whole as an update.
 */
export const taskPatchSchema = z
  .object({
    ...taskFields,
    cooperatingUnitIds: z.array(idField).max(50, "validation.tooBig"),
    isKey: z.boolean(),
    milestones: z.array(milestoneInputSchema).max(50, "validation.tooBig"),
  })
  .partial()
  .extend({ version: versionField })
  .strict();

export const completeMilestoneSchema = z
  .object({
    id: idField,
    /** null clears the completion */
    completedOn: dayField.nullable(),
    /** the task's version the edit was based on */
    version: versionField,
  })
  .strict();

export const applyCloseOutSchema = z
  .object({
    taskId: idField,
    summary: text(2000),
    attachmentIds: z.array(idField).min(1, "tasks.validation.evidenceRequired").max(20, "validation.tooBig"),
  })
  .strict();

export const approveCloseOutSchema = z.object({ id: idField, comment: optionalTextField(1000), version: versionField }).strict();

export const returnCloseOutSchema = z.object({ id: idField, reason: text(1000), version: versionField }).strict();

export const reopenTaskSchema = z.object({ id: idField, reason: text(1000), version: versionField }).strict();

export type CreateTaskInput = z.infer<typeof createTaskSchema>;
export type UpdateTaskInput = z.infer<typeof updateTaskSchema>;
export type MilestoneInput = z.infer<typeof milestoneInputSchema>;
