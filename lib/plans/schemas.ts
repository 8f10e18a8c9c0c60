import { z } from "zod";
import { idField, optionalTextField } from "@/lib/validation/fields";

const year = z.number("validation.required").int("validation.invalid").min(2000, "validation.tooSmall").max(2100, "validation.tooBig");
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.invalid")
  .transform((value) => new Date(`${value}T00:00:00Z`))
  .refine((value) => !Number.isNaN(value.getTime()), "validation.invalid");

export const createPlanSchema = z
  .object({
    year,
    title: z.string().trim().min(1, "validation.required").max(200, "validation.tooBig"),
    docNumber: optionalTextField(60),
    issuedOn: day.nullish().or(z.literal("").transform(() => null)),
  })
  .strict();

export const copyUnfinishedSchema = z.object({ planId: idField, fromPlanId: idField }).strict();

/**
 * The `updatedAt` an edit was based on: work points have no version column, and a plan is locked
 * the same way so that the plan page's two kinds of edit behave alike. A stale stamp is a conflict.
 */
const expectedUpdatedAt = z.iso.datetime("validation.invalid").transform((value) => new Date(value));

export const updatePlanSchema = createPlanSchema.omit({ year: true }).extend({ id: idField, expectedUpdatedAt }).strict();

/** 下达: the plan's 文号 and date are required; from then on its tasks change through change requests. */
export const issuePlanSchema = z
  .object({
    id: idField,
    docNumber: z.string().trim().min(1, "plans.validation.docNumberRequired").max(60, "validation.tooBig"),
    issuedOn: day,
    expectedUpdatedAt,
  })
  .strict();

const workPointFields = {
  groupId: idField,
  /** 一、 or （一）: the import finds points by it, so it is unique within the plan */
  number: z.string().trim().min(1, "validation.required").max(20, "validation.tooBig"),
  title: z.string().trim().min(1, "validation.required").max(500, "validation.tooBig"),
};

export const createWorkPointSchema = z.object({ planId: idField, ...workPointFields }).strict();
export const updateWorkPointSchema = z.object({ id: idField, expectedUpdatedAt, ...workPointFields }).strict();
export const moveWorkPointSchema = z.object({ id: idField, direction: z.enum(["up", "down"], "validation.invalid") }).strict();
export const deleteWorkPointSchema = z.object({ id: idField }).strict();
