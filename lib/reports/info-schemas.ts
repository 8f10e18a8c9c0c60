// The unit monthly reform information report (改革信息月报, the "1" of "1+2"): inputs of its
// services, the rules across an item's fields, and the plain shapes its pages hand to client
// components. Messages are catalogue keys. No server code here: client forms use it too.
import { z } from "zod";
import type { EvidenceFile } from "@/lib/attachments/types";
import { Level, MonthlyItemKind, PilotStage } from "@/lib/db/generated/enums";
import type { Role } from "@/lib/db/generated/enums";
import { idField, nameField, optionalTextField, versionField } from "@/lib/validation/fields";
import { monthEnd, parseMonthKey } from "./rules";

export const INFO_ITEM_KINDS = Object.values(MonthlyItemKind);
export const INFO_LEVELS = Object.values(Level);
export const PILOT_STAGES = Object.values(PilotStage);
export const MAX_INFO_ITEMS = 100;

/** The audit/attachment/workflow name of the record. */
export const INFO_ENTITY = "UnitMonthlyReport";
/** The entityType of an item's evidence files (佐证材料: the approval document, the article's scan). */
export const INFO_ITEM_ENTITY = "UnitMonthlyReportItem";
/** At most this many files on one item. */
export const MAX_INFO_ITEM_FILES = 20;

/** "2026-10" → the month's first day (UTC midnight, as @db.Date stores it). */
export const periodField = z
  .string("validation.required")
  .trim()
  .transform((value, context) => {
    const period = parseMonthKey(value);
    if (!period) {
      context.addIssue({ code: "custom", message: "validation.invalid" });
      return z.NEVER;
    }
    return period;
  });

/** An optional choice from an enum: blank means none. */
const optionalChoice = <T extends Record<string, string>>(values: T) =>
  z
    .enum(values, "validation.invalid")
    .or(z.literal(""))
    .nullish()
    .transform((value) => (value ? value : null));

const optionalDay = z
  .iso.date("validation.invalid")
  .or(z.literal(""))
  .nullish()
  .transform((value) => (value ? new Date(`${value}T00:00:00Z`) : null));

export const infoItemSchema = z
  .object({
    /** an item already saved keeps its id (and its files); absent for a new item */
    id: idField.optional(),
    kind: z.enum(MonthlyItemKind, "validation.required"),
    title: nameField(200),
    level: optionalChoice(Level),
    /** 获批 or 验收: required for a pilot */
    pilotStage: optionalChoice(PilotStage),
    /** 刊发媒体/载体: required for a publication */
    outlet: optionalTextField(200),
    eventDate: optionalDay,
    description: optionalTextField(2000),
  })
  .strict();

export const saveInfoReportSchema = z
  .object({
    period: periodField,
    summary: optionalTextField(4000),
    items: z.array(infoItemSchema).max(MAX_INFO_ITEMS, "validation.tooBig").default([]),
    /** the version the reporter saw; absent when they started from a blank report */
    version: versionField.optional(),
  })
  .strict();

export const submitInfoReportSchema = z.object({ id: idField, version: versionField }).strict();

export const approveInfoReportSchema = z.object({ id: idField, version: versionField, comment: optionalTextField(1000) }).strict();

export const returnInfoReportSchema = z
  .object({
    id: idField,
    version: versionField,
    comment: z.string("validation.required").trim().min(1, "validation.required").max(1000, "validation.tooBig"),
  })
  .strict();

export type InfoItemInput = z.infer<typeof infoItemSchema>;
export type SaveInfoReportInput = z.infer<typeof saveInfoReportSchema>;

/**
 * The rules across an item's fields, keyed `items.<index>.<field>` like the schema's own messages:
 * a pilot needs its level and stage (获批/验收), a publication its outlet, and nothing may be dated
 * after the month reported on (an event of last month may still be reported now).
 */
export function infoItemProblems(period: Date, items: readonly InfoItemInput[]): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (index: number, field: string, key: string) => (problems[`items.${index}.${field}`] ??= []).push(key);
  const last = monthEnd(period).getTime();
  items.forEach((item, index) => {
    if (item.kind === "PILOT" && !item.level) add(index, "level", "infoReports.validation.levelRequired");
    if (item.kind === "PILOT" && !item.pilotStage) add(index, "pilotStage", "infoReports.validation.stageRequired");
    if (item.kind === "PUBLICATION" && !item.outlet) add(index, "outlet", "infoReports.validation.outletRequired");
    if (item.eventDate && item.eventDate.getTime() > last) add(index, "eventDate", "infoReports.validation.eventDateAfterPeriod");
  });
  return problems;
}

/** The unit a user reports for: the unit of their 单位填报员 grant (a report is always the actor's own unit's). */
export function reportingUnitId(actor: { roles: readonly { role: Role; unitId: string | null }[] }): string | null {
  return actor.roles.find((grant) => grant.role === "UNIT_REPORTER" && grant.unitId)?.unitId ?? null;
}

// ───────────── what the pages hand to client components ─────────────

export type InfoStatus = "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED";
/** in lists: a unit with no report for the month */
export type InfoListStatus = InfoStatus | "MISSING";
export const INFO_LIST_STATUSES: readonly InfoListStatus[] = ["SUBMITTED", "RETURNED", "APPROVED", "DRAFT", "MISSING"];

export interface InfoItemView {
  id: string;
  kind: MonthlyItemKind;
  title: string;
  level: Level | null;
  pilotStage: PilotStage | null;
  outlet: string | null;
  /** YYYY-MM-DD */
  eventDate: string | null;
  description: string | null;
  /** the item's evidence the viewer may see, oldest first (the round being prepared only for its unit's reporters) */
  files: EvidenceFile[];
}

export interface InfoThreadEntry {
  id: string;
  action: string;
  comment: string | null;
  actorName: string | null;
  /** ISO instant */
  at: string;
}

export interface InfoReportView {
  /** null: nothing saved yet for this unit and month */
  id: string | null;
  version: number | null;
  unit: { id: string; name: string };
  /** YYYY-MM */
  period: string;
  /** YYYY-MM-DD */
  dueOn: string;
  status: InfoStatus | null;
  summary: string | null;
  items: InfoItemView[];
  submittedAt: string | null;
  firstSubmittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  thread: InfoThreadEntry[];
  /** the unit's reporter may still change it (a blank, draft or returned report of a month already begun) */
  canEdit: boolean;
  /** the office may approve or return it (submitted, awaiting review) */
  canReview: boolean;
  /** the submission a file added now belongs to (submissions so far + 1); earlier rounds are frozen */
  evidenceRound: number;
  /** the upload cap (ATTACHMENT_MAX_MB) */
  attachmentMaxMb: number;
}

// ───────────── the office's list, from the URL ─────────────

export const INFO_PAGE_SIZES = [20, 50, 100] as const;

export interface InfoListParams {
  /** null: the current reporting period */
  period: Date | null;
  unitId: string | null;
  status: InfoListStatus | null;
  page: number;
  size: (typeof INFO_PAGE_SIZES)[number];
}

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? "";

/** Lenient: a bad or missing value falls back to its default instead of failing the page. */
export function parseInfoListParams(params: SearchParams): InfoListParams {
  const page = Number.parseInt(first(params.page), 10);
  const size = Number.parseInt(first(params.size), 10);
  const status = first(params.status) as InfoListStatus;
  const unitId = first(params.unit);
  return {
    period: parseMonthKey(first(params.period)),
    unitId: unitId && unitId.length <= 64 ? unitId : null,
    status: INFO_LIST_STATUSES.includes(status) ? status : null,
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 10_000) : 1,
    size: (INFO_PAGE_SIZES as readonly number[]).includes(size) ? (size as InfoListParams["size"]) : INFO_PAGE_SIZES[0],
  };
}

export interface InfoListRow {
  unitId: string;
  unitName: string;
  reportId: string | null;
  status: InfoListStatus;
  pilots: number;
  innovations: number;
  publications: number;
  /** ISO instants */
  submittedAt: string | null;
  firstSubmittedAt: string | null;
  reviewedAt: string | null;
}

export interface InfoListPage {
  /** YYYY-MM */
  period: string;
  /** YYYY-MM-DD: the month's deadline */
  dueOn: string;
  rows: InfoListRow[];
  total: number;
  page: number;
  size: number;
  /** units per status for the period, under the unit filter but not the status filter */
  counts: Record<InfoListStatus, number>;
}

/** Per unit, a year's items in approved reports: what honours and the assessment bonus count. */
export interface InfoTotalsRow {
  unitId: string;
  unitName: string;
  pilotsApproved: number;
  pilotsAccepted: number;
  pilotsByLevel: Record<Level, number>;
  innovations: number;
  publications: number;
  publicationsByLevel: Record<Level, number>;
}
