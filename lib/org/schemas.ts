// Inputs of the organisation services (units, special groups, committee settings) and the list
// parameters of the admin tables. Shared by the forms, the actions and the services.
import { z } from "zod";
import { GroupMemberRole, UnitKind } from "@/lib/db/generated/enums";
import { idField, nameField, optionalIdField, optionalTextField, versionField } from "@/lib/validation/fields";

export const UNIT_KINDS = Object.values(UnitKind);
export const GROUP_MEMBER_ROLES = Object.values(GroupMemberRole);
export const PAGE_SIZES = [20, 50, 100] as const;

const id = idField;
const version = versionField;
const name = nameField(100);
const optionalText = optionalTextField;
const optionalId = optionalIdField;

// ── Units ──

export const createUnitSchema = z
  .object({
    name,
    shortName: optionalText(30),
    kind: z.enum(UnitKind, "validation.required"),
    sortOrder: z.number().int().min(0, "validation.tooSmall").max(9999, "validation.tooBig").optional(),
  })
  .strict();

export const renameUnitSchema = z.object({ id, name, shortName: optionalText(30), version }).strict();

export const unitStateSchema = z.object({ id, version }).strict();

export const mergeUnitSchema = z.object({ id, intoId: id, version }).strict();

// ── Special groups ──

export const createGroupSchema = z
  .object({
    name,
    shortName: z.string().trim().min(1, "validation.required").max(10, "validation.tooBig"),
    liaisonUnitId: optionalId,
  })
  .strict();

export const renameGroupSchema = z
  .object({ id, name, shortName: z.string().trim().min(1, "validation.required").max(10, "validation.tooBig"), version })
  .strict();

export const setLiaisonUnitSchema = z.object({ id, liaisonUnitId: optionalId, version }).strict();

export const addGroupMemberSchema = z
  .object({ groupId: id, role: z.enum(GroupMemberRole, "validation.required"), userId: optionalId, unitId: optionalId })
  .strict()
  .superRefine((input, context) => {
    const needsUser = input.role === "HEAD" || input.role === "DEPUTY";
    const needsUnit = input.role === "MEMBER_UNIT";
    if (needsUser && !input.userId) context.addIssue({ code: "custom", path: ["userId"], message: "validation.required" });
    if (needsUser && input.unitId) context.addIssue({ code: "custom", path: ["unitId"], message: "validation.unknownField" });
    if (needsUnit && !input.unitId) context.addIssue({ code: "custom", path: ["unitId"], message: "validation.required" });
    if (needsUnit && input.userId) context.addIssue({ code: "custom", path: ["userId"], message: "validation.unknownField" });
    if (input.role === "LIAISON" && Boolean(input.userId) === Boolean(input.unitId))
      context.addIssue({ code: "custom", path: ["userId"], message: input.userId ? "validation.unknownField" : "validation.required" });
  });

export const removeGroupMemberSchema = z.object({ id }).strict();

// ── Committee settings ──

const int = (min: number, max: number) =>
  z.number("validation.required").int("validation.invalid").min(min, "validation.tooSmall").max(max, "validation.tooBig");

/** Warning thresholds and report deadlines: the system administrator's part of the settings. */
export const updateSettingsSchema = z
  .object({
    yellowLagPoints: int(1, 99),
    redLagPoints: int(2, 100),
    milestoneRedDays: int(1, 365),
    monthlyReportDueDay: int(1, 28),
    quarterlyReportDueDay: int(1, 31),
    version,
  })
  .strict();

/** Password, lockout and second-factor policy: the security administrator's part (三员分立). */
export const updateSecurityPolicySchema = z
  .object({
    passwordMinLength: int(8, 64),
    /** null: admin passwords never expire */
    passwordMaxAgeDaysAdmin: int(1, 3650).nullable(),
    lockoutThreshold: int(3, 20),
    lockoutMinutes: int(1, 1440),
    requireTotpForAdmins: z.boolean(),
    version,
  })
  .strict();

// ── Admin tables: search and paging from the URL ──

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

export interface ListParams {
  q: string;
  page: number;
  size: (typeof PAGE_SIZES)[number];
}

/** Lenient: a bad or missing value falls back to its default instead of failing the page. */
export function parseListParams(params: SearchParams): ListParams {
  const page = Number.parseInt(first(params.page), 10);
  const size = Number.parseInt(first(params.size), 10);
  return {
    q: first(params.q).slice(0, 100),
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 10_000) : 1,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? (size as ListParams["size"]) : PAGE_SIZES[0],
  };
}

export interface UnitListParams extends ListParams {
  kind: UnitKind | null;
  active: boolean | null;
}

export function parseUnitListParams(params: SearchParams): UnitListParams {
  const kind = first(params.kind);
  const active = first(params.active);
  return {
    ...parseListParams(params),
    kind: (UNIT_KINDS as string[]).includes(kind) ? (kind as UnitKind) : null,
    active: active === "true" ? true : active === "false" ? false : null,
  };
}

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  size: number;
}
