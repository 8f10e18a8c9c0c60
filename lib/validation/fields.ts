// zod building blocks shared by the features' schemas (forms, actions, services, imports);
// messages are catalogue keys. No server code here: client forms may use it.
import { z } from "zod";

export const idField = z.string().trim().min(1, "validation.required").max(64, "validation.tooBig");
/** the optimistic-locking version an edit was based on */
export const versionField = z.number().int().min(1);
export const nameField = (max: number) => z.string().trim().min(1, "validation.required").max(max, "validation.tooBig");
/** An optional text: blank means none. */
export const optionalTextField = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooBig")
    .nullish()
    .transform((value) => value || null);
/** An optional reference: blank means none. */
export const optionalIdField = idField
  .nullish()
  .or(z.literal(""))
  .transform((value) => value || null);
