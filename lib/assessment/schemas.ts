// zod schemas of the assessment (考核), shared by forms, actions and services; messages are catalogue keys.
import { z } from "zod";
import { idField, versionField } from "@/lib/validation/fields";

const year = z.number("validation.required").int("validation.invalid").min(2000, "validation.tooSmall").max(2100, "validation.tooBig");
const text = (max: number) => z.string("validation.required").trim().min(1, "validation.required").max(max, "validation.tooBig");

export const runAssessmentSchema = z.object({ year }).strict();

export const adjustScoreSchema = z
  .object({
    assessmentId: idField,
    version: versionField,
    unitId: idField,
    points: z
      .number("validation.required")
      .min(-50, "validation.tooSmall")
      .max(50, "validation.tooBig")
      .refine((value) => value !== 0 && Math.round(value * 100) === value * 100, "assessment.validation.points"),
    reason: text(500),
  })
  .strict();

export const publishAssessmentSchema = z.object({ assessmentId: idField, version: versionField }).strict();

export const fileObjectionSchema = z.object({ assessmentId: idField, unitId: idField, content: text(2000) }).strict();

export const answerObjectionSchema = z.object({ id: idField, answer: text(2000) }).strict();

const weight = z.number("validation.required").min(0, "validation.tooSmall").max(100, "validation.tooBig");

/** The scheme's weights (they must add up to 100, checked in the service) and the innovation cap. */
export const updateSchemeSchema = z
  .object({
    year,
    /** the scheme version the office saw; null before the year's scheme exists */
    version: z.number().int().min(1).nullable(),
    weights: z.object({ COMPLETION: weight, SCHEDULE: weight, TIMELINESS: weight, SUPERVISION: weight, INNOVATION: weight }).strict(),
    innovationCap: weight,
  })
  .strict();

export type RunAssessmentInput = z.infer<typeof runAssessmentSchema>;
export type AdjustScoreInput = z.infer<typeof adjustScoreSchema>;
