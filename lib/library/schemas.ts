// The micro-reform library (微改革项目库), typical cases (典型案例) and honours (表彰/宣传推介):
// inputs of the services, list filters, and the plain shapes pages hand to client components.
// Messages are catalogue keys. No server code here: client forms use it too.
import { z } from "zod";
import { HonorKind, Level, MicroReformStatus } from "@/lib/db/generated/enums";
import { idField, nameField, optionalIdField, optionalTextField, versionField } from "@/lib/validation/fields";

export const MICRO_STATUSES = Object.values(MicroReformStatus);
/** recognition levels of a case: a county case is not a typical case */
export const CASE_LEVELS = ["NATIONAL", "PROVINCIAL", "CITY"] as const;
export const HONOR_LEVELS = Object.values(Level);
export const HONOR_KINDS = Object.values(HonorKind);
export const MICRO_ENTITY = "MicroReform";
export const LIBRARY_PAGE_SIZE = 20;

const yearField = z.coerce
  .number("validation.invalid")
  .int("validation.invalid")
  .min(2000, "validation.invalid")
  .max(2100, "validation.invalid");
const textField = (max: number) => z.string("validation.required").trim().min(1, "validation.required").max(max, "validation.tooBig");
const optionalCount = z
  .union([z.number(), z.string().trim()])
  .nullish()
  .transform((value, context) => {
    if (value === null || value === undefined || value === "") return null;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0 || number > 100_000_000) {
      context.addIssue({ code: "custom", message: "validation.invalid" });
      return z.NEVER;
    }
    return number;
  });
const optionalDay = z.iso
  .date("validation.invalid")
  .or(z.literal(""))
  .nullish()
  .transform((value) => (value ? new Date(`${value}T00:00:00Z`) : null));

const microFields = {
  title: nameField(200),
  /** 痛点/阻点/难点/堵点 addressed */
  problem: textField(2000),
  measures: textField(4000),
  effect: optionalTextField(2000),
  citizensServed: optionalCount,
  /** optional: a task of the proposing unit */
  taskId: optionalIdField,
};

export const proposeMicroSchema = z
  .object({
    ...microFields,
    /** the proposing unit; a reporter's own unit when absent */
    unitId: optionalIdField,
    year: yearField.optional(),
  })
  .strict();

export const updateMicroSchema = z.object({ id: idField, version: versionField, ...microFields }).strict();
export const curateMicroSchema = z.object({ id: idField, version: versionField }).strict();
export const returnMicroSchema = z.object({ id: idField, version: versionField, reason: textField(1000) }).strict();

const caseFields = {
  unitId: idField,
  taskId: optionalIdField,
  microReformId: optionalIdField,
  year: yearField,
  title: nameField(200),
  summary: optionalTextField(4000),
  level: z.enum(CASE_LEVELS, "validation.required"),
  /** e.g. 省委改革办《改革简报》, 《中国改革报》 */
  publishedIn: optionalTextField(200),
  publishedOn: optionalDay,
};
export const createCaseSchema = z.object(caseFields).strict();
export const updateCaseSchema = z.object({ id: idField, version: versionField, ...caseFields }).strict();

const honorFields = {
  unitId: idField,
  taskId: optionalIdField,
  year: yearField,
  title: nameField(200),
  kind: z.enum(HonorKind, "validation.required"),
  level: z.enum(Level, "validation.required"),
  /** issuing body or outlet */
  source: optionalTextField(200),
  awardedOn: optionalDay,
};
export const createHonorSchema = z.object(honorFields).strict();
export const updateHonorSchema = z.object({ id: idField, version: versionField, ...honorFields }).strict();
export const deleteRecordSchema = z.object({ id: idField, version: versionField }).strict();

export type ProposeMicroInput = z.input<typeof proposeMicroSchema>;

// ───────────── list filters (from the URL) ─────────────

const optionalParam = z
  .string()
  .trim()
  .max(200)
  .optional()
  .catch(undefined)
  .transform((value) => value || undefined);
const optionalYear = z.coerce.number().int().min(2000).max(2100).optional().catch(undefined);

export const microFilterSchema = z.object({
  q: optionalParam,
  status: z.enum(MicroReformStatus).optional().catch(undefined),
  unit: optionalParam,
  promoted: z.enum(["yes", "no"]).optional().catch(undefined),
  year: optionalYear,
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type MicroFilter = z.infer<typeof microFilterSchema>;

export const recordFilterSchema = z.object({
  q: optionalParam,
  unit: optionalParam,
  level: z.enum(Level).optional().catch(undefined),
  year: optionalYear,
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type RecordFilter = z.infer<typeof recordFilterSchema>;
