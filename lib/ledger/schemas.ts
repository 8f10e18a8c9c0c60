// The task ledger's view state (filters, sort, page, columns, "as of" day), read leniently from the
// URL so any view can be bookmarked: a bad or unknown value falls back to its default, never a 500.
import { z } from "zod";
import { TaskSource, TaskStatus } from "@/lib/db/generated/enums";
import { SIGNAL_KINDS, type SignalKind } from "@/lib/signals/rules";
import { LIGHTS, type Light, type LightReasonDetail } from "@/lib/tasks/rules";

export const LEDGER_PAGE_SIZES = [20, 50, 100] as const;
export type LedgerPageSize = (typeof LEDGER_PAGE_SIZES)[number];

export const TASK_SOURCES = Object.values(TaskSource);
export const TASK_STATUSES = Object.values(TaskStatus);
/** 形式主义预警 filter (office only): tasks with an open signal of any kind, or of one kind */
export const LEDGER_SIGNALS = ["ANY", ...SIGNAL_KINDS] as const;
export type LedgerSignal = "ANY" | SignalKind;

/** Sortable columns; the SQL maps each to an expression (never user text). */
export const LEDGER_SORTS = ["code", "title", "group", "leadUnit", "leader", "dueDate", "planned", "actual", "lag", "light"] as const;
export type LedgerSort = (typeof LEDGER_SORTS)[number];

/** Every column of the ledger table, in display order; the chooser toggles all but the code. */
export const LEDGER_COLUMNS = [
  "light",
  "code",
  "title",
  "group",
  "leadUnit",
  "cooperatingUnits",
  "leader",
  "source",
  "status",
  "startDate",
  "dueDate",
  "planned",
  "actual",
  "lag",
] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];
export const DEFAULT_LEDGER_COLUMNS: readonly LedgerColumn[] = [
  "light",
  "code",
  "title",
  "group",
  "leadUnit",
  "leader",
  "dueDate",
  "planned",
  "actual",
  "lag",
];

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const CUID_LIKE = /^[A-Za-z0-9_-]{1,40}$/;

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

/** Values given as `a,b` or as repeated keys. */
function many(value: string | string[] | undefined): string[] {
  const values = Array.isArray(value) ? value : value ? [value] : [];
  return values
    .flatMap((item) => item.split(","))
    .map((item) => item.trim())
    .filter(Boolean);
}

function oneOf<T extends string>(allowed: readonly T[], value: string): T | null {
  return (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

const idParam = z.string().regex(CUID_LIKE).nullable().catch(null);

/** Calendar day `YYYY-MM-DD` as UTC midnight (how @db.Date values are held), or null when invalid. */
export function parseDay(value: string): Date | null {
  if (!ISO_DAY.test(value)) return null;
  const day = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value ? null : day;
}

export function isoDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}

export interface LedgerParams {
  /** null: the current year (decided on the server by `dayOf(now)`) */
  year: number | null;
  groupId: string | null;
  leadUnitId: string | null;
  cooperatingUnitId: string | null;
  leaderId: string | null;
  isKey: boolean | null;
  /** with (true) or without (false) an approved plan change (计划调整) */
  adjusted: boolean | null;
  source: TaskSource | null;
  status: TaskStatus | null;
  lights: Light[];
  /** open formalism signals (lib/signals); ignored for readers who may not see signals */
  signal: LedgerSignal | null;
  q: string;
  sort: LedgerSort;
  dir: "asc" | "desc";
  page: number;
  size: LedgerPageSize;
  columns: LedgerColumn[];
  /** null: today; the query clamps a future day to today and ignores it for roles without it */
  asOf: Date | null;
}

export const DEFAULT_LEDGER_PARAMS: LedgerParams = {
  year: null,
  groupId: null,
  leadUnitId: null,
  cooperatingUnitId: null,
  leaderId: null,
  isKey: null,
  adjusted: null,
  source: null,
  status: null,
  lights: [],
  signal: null,
  q: "",
  sort: "code",
  dir: "asc",
  page: 1,
  size: 20,
  columns: [...DEFAULT_LEDGER_COLUMNS],
  asOf: null,
};

/** Lenient: each bad value falls back to its own default; the rest of the view survives. */
export function parseLedgerParams(params: SearchParams): LedgerParams {
  const year = Number.parseInt(first(params.year), 10);
  const page = Number.parseInt(first(params.page), 10);
  const size = Number.parseInt(first(params.size), 10);
  const key = first(params.key);
  const adjusted = first(params.adjusted);
  const dir = first(params.dir);
  const columns = [...new Set(many(params.cols).map((column) => oneOf(LEDGER_COLUMNS, column)))].filter(
    (column): column is LedgerColumn => column !== null,
  );
  const lights = [...new Set(many(params.light).map((light) => oneOf(LIGHTS, light)))].filter((light): light is Light => light !== null);
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null,
    groupId: idParam.parse(first(params.group) || null),
    leadUnitId: idParam.parse(first(params.lead) || null),
    cooperatingUnitId: idParam.parse(first(params.coop) || null),
    leaderId: idParam.parse(first(params.leader) || null),
    isKey: key === "1" || key === "true" ? true : key === "0" || key === "false" ? false : null,
    adjusted: adjusted === "1" || adjusted === "true" ? true : adjusted === "0" || adjusted === "false" ? false : null,
    source: oneOf(TASK_SOURCES, first(params.source)),
    status: oneOf(TASK_STATUSES, first(params.status)),
    lights,
    signal: oneOf(LEDGER_SIGNALS, first(params.signal)),
    q: first(params.q).slice(0, 100),
    sort: oneOf(LEDGER_SORTS, first(params.sort)) ?? DEFAULT_LEDGER_PARAMS.sort,
    dir: dir === "desc" ? "desc" : "asc",
    page: Number.isInteger(page) && page > 0 ? Math.min(page, 10_000) : 1,
    size: (LEDGER_PAGE_SIZES as readonly number[]).includes(size) ? (size as LedgerPageSize) : DEFAULT_LEDGER_PARAMS.size,
    // the code column identifies the row and always stays
    columns: columns.length ? (columns.includes("code") ? columns : ["code", ...columns]) : [...DEFAULT_LEDGER_COLUMNS],
    asOf: parseDay(first(params.asOf)),
  };
}

/** The URL query of a view (defaults left out, so links stay short); the inverse of parseLedgerParams. */
export function ledgerQuery(params: LedgerParams, overrides: Partial<LedgerParams> = {}): Record<string, string> {
  const view = { ...params, ...overrides };
  const query: Record<string, string> = {};
  if (view.year !== null) query.year = String(view.year);
  if (view.groupId) query.group = view.groupId;
  if (view.leadUnitId) query.lead = view.leadUnitId;
  if (view.cooperatingUnitId) query.coop = view.cooperatingUnitId;
  if (view.leaderId) query.leader = view.leaderId;
  if (view.isKey !== null) query.key = view.isKey ? "1" : "0";
  if (view.adjusted !== null) query.adjusted = view.adjusted ? "1" : "0";
  if (view.source) query.source = view.source;
  if (view.status) query.status = view.status;
  if (view.lights.length) query.light = view.lights.join(",");
  if (view.signal) query.signal = view.signal;
  if (view.q) query.q = view.q;
  if (view.sort !== DEFAULT_LEDGER_PARAMS.sort || view.dir !== DEFAULT_LEDGER_PARAMS.dir) {
    query.sort = view.sort;
    query.dir = view.dir;
  }
  if (view.page > 1) query.page = String(view.page);
  if (view.size !== DEFAULT_LEDGER_PARAMS.size) query.size = String(view.size);
  const defaultColumns = DEFAULT_LEDGER_COLUMNS.join(",");
  const columns = LEDGER_COLUMNS.filter((column) => view.columns.includes(column)).join(",");
  if (columns !== defaultColumns) query.cols = columns;
  if (view.asOf) query.asOf = isoDay(view.asOf);
  return query;
}

export function ledgerHref(params: LedgerParams, overrides: Partial<LedgerParams> = {}, path = "/tasks"): string {
  const search = new URLSearchParams(ledgerQuery(params, overrides)).toString();
  return search ? `${path}?${search}` : path;
}

/** Why an asked "as of" day was not used: not a day, after today, or a role that may not pick one. */
export type AsOfProblem = "invalid" | "future" | "notAllowed";

/**
 * The day a task page is computed for, from its `?asOf=`: the asked day when it is a valid day up to
 * today and the actor may pick one (office and leaders, as in the ledger); otherwise today, with the
 * reason the page tells the user. Today itself is no problem.
 */
export function resolveAsOf(asked: string | null | undefined, today: Date, editable: boolean): { asOf: Date; problem: AsOfProblem | null } {
  const value = asked?.trim() ?? "";
  if (!value) return { asOf: today, problem: null };
  const day = parseDay(value);
  if (!day) return { asOf: today, problem: "invalid" };
  if (day.getTime() === today.getTime()) return { asOf: today, problem: null };
  if (day.getTime() > today.getTime()) return { asOf: today, problem: "future" };
  if (!editable) return { asOf: today, problem: "notAllowed" };
  return { asOf: day, problem: null };
}

/** A task's page, as of the ledger's day when that is a past day (`asOf` YYYY-MM-DD, null: today). */
export function taskHref(id: string, asOf?: string | null): string {
  const path = `/tasks/${encodeURIComponent(id)}`;
  return asOf ? `${path}?${new URLSearchParams({ asOf })}` : path;
}

/** One ledger row as the SQL returns it (json: dates are YYYY-MM-DD strings). */
export interface LedgerSqlRow {
  id: string;
  committeeId: string;
  year: number;
  version: number;
  code: string;
  title: string;
  groupId: string;
  groupName: string;
  groupShortName: string;
  leadUnitId: string;
  leadUnitName: string;
  cooperatingUnits: string[];
  cooperatingUnitRefs: { id: string; name: string }[];
  leaderId: string | null;
  leaderName: string | null;
  leaderTitle: string | null;
  isKey: boolean;
  source: string;
  status: string;
  startDate: string;
  dueDate: string;
  planned: number;
  actual: number;
  lag: number;
  light: Light;
  /** why the light is red or yellow (empty for the other lights) */
  reasons: LightReasonDetail[];
  /** approved plan changes (计划调整) by the as-of day */
  adjustments: number;
}

/** A ledger row as the table shows it. */
export type LedgerRow = Omit<
  LedgerSqlRow,
  "committeeId" | "year" | "version" | "groupId" | "leadUnitId" | "leaderId" | "cooperatingUnitRefs"
>;
