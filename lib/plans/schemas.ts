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
