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
    id: idField.optional().meta({ description: "修改时保留的已有节点 id（其完成日期随之保留）；新节点不填" }),
    title: nameField(200).meta({ description: "节点内容" }),
    plannedDate: dayField.meta({ description: "计划完成日期 YYYY-MM-DD" }),
    // The range (1–100, increasing) is a rule of the set: milestoneProblems reports it per index.
    plannedPercent: z.number("validation.required").int("validation.invalid").meta({ description: "到该日应完成的累计百分比" }),
  })
  .strict();

// The descriptions are what the API's OpenAPI document and /help/api show for each field.
export const taskFields = {
  planId: idField.meta({ description: "年度工作要点（WorkPlan）id；任务的年度随之确定" }),
  workPointId: optionalIdField.meta({ description: "所属工作要点条目 id，可空" }),
  groupId: idField.meta({ description: "专项小组 id" }),
  /** blank: the next free code of the group and year (2026-经济-001) */
  code: optionalTextField(40).meta({ description: "任务编号；留空则自动编为“年度-小组简称-序号”" }),
  title: nameField(200).meta({ description: "任务名称" }),
  goal: text(2000).meta({ description: "改革目标" }),
  outcome: optionalTextField(500).meta({ description: "成果形式（如 制度文件、工作机制）" }),
  leadUnitId: idField.meta({ description: "牵头单位 id" }),
  cooperatingUnitIds: z.array(idField).max(50, "validation.tooBig").default([]).meta({ description: "配合单位 id 列表（不含牵头单位）" }),
  leaderId: optionalIdField.meta({ description: "挂钩县领导的用户 id，可空" }),
  isKey: z.boolean().default(false).meta({ description: "是否重点改革任务" }),
  source: z.enum(TaskSource, "validation.required").meta({ description: "任务来源：SUPERIOR 上级部署 · SELF 自主谋划 · PILOT 改革试点" }),
  pilotLevel: z
    .enum(Level, "validation.invalid")
    .nullish()
    .transform((value) => value ?? null)
    .meta({ description: "试点层级（试点任务）：NATIONAL · PROVINCIAL · CITY · COUNTY" }),
  startDate: dayField.meta({ description: "开始日期 YYYY-MM-DD" }),
  dueDate: dayField.meta({ description: "完成时限 YYYY-MM-DD，不早于开始日期" }),
  milestones: z
    .array(milestoneInputSchema)
    .max(50, "validation.tooBig")
    .default([])
    .meta({ description: "序时进度节点：计划日期在起止之间且不倒序，百分比 1–100 递增" }),
};

type TaskShape = {
  leadUnitId: string;
  cooperatingUnitIds: string[];
  startDate: Date;
  dueDate: Date;
  milestones: { plannedDate: Date; plannedPercent: number }[];
};

/** The rules across fields: start ≤ due, lead not also cooperating, the milestone set (DESIGN §3). */
export function taskShapeIssues(input: TaskShape): { path: (string | number)[]; message: string }[] {
  // zod runs the refinement even when a field failed (e.g. 2026-02-30): those values are not dates yet
  if (!Array.isArray(input.milestones) || !Array.isArray(input.cooperatingUnitIds)) return [];
  const days = [input.startDate, input.dueDate, ...input.milestones.map((milestone) => milestone?.plannedDate)];
  if (!days.every((day) => day instanceof Date)) return [];
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (input.startDate.getTime() > input.dueDate.getTime()) issues.push({ path: ["dueDate"], message: "tasks.validation.dueBeforeStart" });
  if (input.cooperatingUnitIds.includes(input.leadUnitId))
    issues.push({ path: ["cooperatingUnitIds"], message: "tasks.validation.leadIsCooperating" });
  for (const problem of milestoneProblems(input.milestones, input))
    issues.push({ path: ["milestones", problem.index, problem.field], message: problem.message });
  return issues;
}

function checkTask(input: TaskShape, context: z.RefinementCtx) {
  for (const issue of taskShapeIssues(input)) context.addIssue({ code: "custom", ...issue });
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
    /** why the task is done despite its warnings (closeout-rules); required by the service when there are any */
    explanation: optionalTextField(2000),
    attachmentIds: z.array(idField).min(1, "tasks.validation.evidenceRequired").max(20, "validation.tooBig"),
  })
  .strict();

export const approveCloseOutSchema = z
  .object({
    id: idField,
    comment: optionalTextField(1000),
    version: versionField,
    /** the office has checked the warnings it was shown (已核实上述情况); required when there are any */
    confirmed: z.boolean().optional(),
  })
  .strict();

export const returnCloseOutSchema = z.object({ id: idField, reason: text(1000), version: versionField }).strict();

export const reopenTaskSchema = z.object({ id: idField, reason: text(1000), version: versionField }).strict();

export type CreateTaskInput = z.infer<typeof createTaskSchema>;
export type UpdateTaskInput = z.infer<typeof updateTaskSchema>;
export type MilestoneInput = z.infer<typeof milestoneInputSchema>;

/**
 * The one rule for task titles (issue 15, Build 9): within a plan a title names one task — the plan
 * workbook finds its tasks by title, so an exported plan must import again. Given the plan's tasks
 * as they would stand after a save or an import, every later task holding an earlier one's title
 * is an issue at `[index, "title"]`. The task form and the API (through the services) and the
 * plan import all check with this schema.
 */
export const planTaskTitlesSchema = z.array(z.object({ id: z.string(), title: z.string() })).superRefine((tasks, context) => {
  const holders = new Map<string, string>();
  tasks.forEach((task, index) => {
    const key = task.title.trim();
    const holder = holders.get(key);
    if (holder === undefined) holders.set(key, task.id);
    else if (holder !== task.id) context.addIssue({ code: "custom", path: [index, "title"], message: DUPLICATE_TITLE });
  });
});

export const DUPLICATE_TITLE = "tasks.validation.duplicateTitle";

/** The ids of the tasks whose title an earlier task of the list already has. */
export function duplicateTitleIds(tasks: readonly { id: string; title: string }[]): Set<string> {
  const parsed = planTaskTitlesSchema.safeParse(tasks);
  if (parsed.success) return new Set();
  return new Set(parsed.error.issues.map((issue) => tasks[issue.path[0] as number]!.id));
}
