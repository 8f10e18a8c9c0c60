// Inputs of the monthly progress report services (月报: the lead unit's report, the cooperating
// units' contributions, the office's review), shared by the forms, the actions and the services.
// Messages are catalogue keys. No server code here: client forms may use it.
import { z } from "zod";
import { idField, optionalTextField, versionField } from "@/lib/validation/fields";
import { parseMonthKey, percentProblem } from "./rules";

export const PROGRESS_MAX = 2000;
export const PROBLEMS_MAX = 2000;
export const NEXT_STEPS_MAX = 2000;
export const DROP_REASON_MAX = 500;
export const COMMENT_MAX = 1000;

/** "2026-10" → the month's first day (UTC midnight, as @db.Date stores it). */
export const periodField = z
  .string("validation.required")
  .trim()
  .transform((value, context) => {
    const period = parseMonthKey(value);
    if (!period) {
      context.addIssue({ code: "custom", message: "reports.validation.period" });
      return z.NEVER;
    }
    return period;
  });

/** A draft's text may be blank (checked when submitted): blank is stored as "". */
const draftText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooBig")
    .nullish()
    .transform((value) => value ?? "");

/** 0–100, whole numbers; blank (null) in a draft. The drop rule needs the database: the service checks it. */
const percentField = z
  .number("validation.invalid")
  .nullish()
  .transform((value) => value ?? null)
  .superRefine((value, context) => {
    const problem = value === null ? null : percentProblem(value, null, null);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

export const saveDraftSchema = z
  .object({
    taskId: idField,
    period: periodField.meta({ description: "月份 YYYY-MM" }),
    progress: draftText(PROGRESS_MAX).meta({ description: "本月进展（提交时必填）" }),
    percent: percentField.meta({ description: "累计完成百分比 0–100（提交时必填）" }),
    percentDropReason: optionalTextField(DROP_REASON_MAX).meta({ description: "低于上次审核通过的百分比时，说明原因" }),
    problems: optionalTextField(PROBLEMS_MAX).meta({ description: "存在问题" }),
    nextSteps: optionalTextField(NEXT_STEPS_MAX).meta({ description: "下步打算" }),
    /** the version the user saw; absent when no report existed yet */
    version: versionField.nullish().meta({ description: "修改已有草稿或被退回的报告时带回其 version；新报告不填" }),
  })
  .strict();

/** Save and (optionally) submit in one step: the API's monthly report. */
export const fileReportSchema = saveDraftSchema.extend({
  submit: z.boolean("validation.invalid").default(false).meta({ description: "true：保存并提交审核；false（默认）：保存为草稿" }),
});

export const submitReportSchema = z.object({ id: idField, version: versionField }).strict();

export const submitManySchema = z
  .object({
    ids: z
      .array(z.object({ id: idField, version: versionField }).strict())
      .min(1, "validation.required")
      .max(200, "validation.tooBig"),
  })
  .strict();

export const approveReportSchema = z.object({ id: idField, version: versionField, comment: optionalTextField(COMMENT_MAX) }).strict();

export const returnReportSchema = z
  .object({
    id: idField,
    version: versionField,
    comment: z.string("validation.required").trim().min(1, "validation.required").max(COMMENT_MAX, "validation.tooBig"),
  })
  .strict();

/** A contribution is a few lines of text: saved only with something in it. */
export const saveContributionSchema = z
  .object({
    taskId: idField,
    period: periodField,
    progress: z.string("validation.required").trim().min(1, "validation.required").max(PROGRESS_MAX, "validation.tooBig"),
    version: versionField.nullish(),
  })
  .strict();

export const submitContributionSchema = submitReportSchema;

export type SaveDraftInput = z.input<typeof saveDraftSchema>;
export type SaveContributionInput = z.input<typeof saveContributionSchema>;
