// Inputs of the signal features: the dismissal, the settings (edited with the light thresholds) and
// the list's view state read leniently from the URL. Shared by forms, actions, services and the API.
import { z } from "zod";
import { idField, versionField } from "@/lib/validation/fields";
import { SIGNAL_KINDS, SIGNAL_SETTING_BOUNDS, type SignalKind } from "./rules";

export const DISMISS_REASON_MAX = 500;

export const dismissSignalSchema = z
  .object({
    id: idField,
    version: versionField,
    /** why the office sets the finding aside (required: a dismissal is a judgement someone must own) */
    reason: z.string("validation.required").trim().min(2, "signals.validation.reasonRequired").max(DISMISS_REASON_MAX, "validation.tooBig"),
  })
  .strict();

const setting = (name: keyof typeof SIGNAL_SETTING_BOUNDS) =>
  z
    .number("validation.required")
    .int("validation.invalid")
    .min(SIGNAL_SETTING_BOUNDS[name].min, "validation.tooSmall")
    .max(SIGNAL_SETTING_BOUNDS[name].max, "validation.tooBig");

/** The three settings of the rules; optional in the thresholds form's input, so older callers keep working. */
export const signalSettingsShape = {
  signalCopySimilarity: setting("signalCopySimilarity").optional(),
  signalFrozenMonths: setting("signalFrozenMonths").optional(),
  signalCloseOutFloor: setting("signalCloseOutFloor").optional(),
};

// ── The list page and the API list ──

export const SIGNAL_STATES = ["open", "dismissed", "all"] as const;
export type SignalState = (typeof SIGNAL_STATES)[number];
export const SIGNAL_PAGE_SIZES = [20, 50, 100] as const;

export interface SignalListParams {
  kind: SignalKind | null;
  state: SignalState;
  /** one task's signals (from the task or the ledger) */
  taskId: string | null;
  page: number;
  size: number;
}

export const DEFAULT_SIGNAL_PARAMS: SignalListParams = { kind: null, state: "open", taskId: null, page: 1, size: 20 };

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
const oneOf = <T extends string>(allowed: readonly T[], value: string): T | null =>
  (allowed as readonly string[]).includes(value) ? (value as T) : null;

/** Lenient: a bad value falls back to its default, never an error page. */
export function parseSignalParams(params: SearchParams): SignalListParams {
  const page = Number.parseInt(first(params.page), 10);
  const size = Number.parseInt(first(params.size), 10);
  const task = first(params.task);
  return {
    kind: oneOf(SIGNAL_KINDS, first(params.kind)),
    state: oneOf(SIGNAL_STATES, first(params.state)) ?? "open",
    taskId: /^[A-Za-z0-9_-]{1,40}$/.test(task) ? task : null,
    page: Number.isInteger(page) && page > 0 ? Math.min(page, 10_000) : 1,
    size: (SIGNAL_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_SIGNAL_PARAMS.size,
  };
}

/** The URL query of a view, defaults left out. */
export function signalQuery(params: SignalListParams, overrides: Partial<SignalListParams> = {}): Record<string, string> {
  const view = { ...params, ...overrides };
  const query: Record<string, string> = {};
  if (view.kind) query.kind = view.kind;
  if (view.state !== "open") query.state = view.state;
  if (view.taskId) query.task = view.taskId;
  if (view.page > 1) query.page = String(view.page);
  if (view.size !== DEFAULT_SIGNAL_PARAMS.size) query.size = String(view.size);
  return query;
}

export const SIGNALS_PATH = "/reports/signals";

export function signalsHref(overrides: Partial<SignalListParams> = {}): string {
  const search = new URLSearchParams(signalQuery(DEFAULT_SIGNAL_PARAMS, overrides)).toString();
  return search ? `${SIGNALS_PATH}?${search}` : SIGNALS_PATH;
}
