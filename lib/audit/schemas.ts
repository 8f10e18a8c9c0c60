// Filters of the audit log, shared by the page (search params), the export route and the
// queries. A bad value is dropped, never an error: the log is a read-only search form.
import { z } from "zod";

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

/** Event families offered in the filter's select (the part before the first dot). */
export const AUDIT_EVENT_PREFIXES = [
  "auth",
  "user",
  "role",
  "unit",
  "group",
  "settings",
  "security",
  "plan",
  "task",
  "report",
  "notice",
  "assessment",
  "library",
  "signal",
  "audit",
] as const;
export type AuditEventPrefix = (typeof AUDIT_EVENT_PREFIXES)[number];

export const AUDIT_RESULTS = ["SUCCESS", "DENIED", "FAILURE", "CONFLICT"] as const;

/** Calendar days in Beijing time; 2026-02-30 and the like are not days. */
function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => value || undefined)
    .optional()
    .catch(undefined);

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isCalendarDay)
  .optional()
  .catch(undefined);

export const auditFiltersSchema = z.object({
  /** actor's name or username contains */
  actor: text(100),
  targetType: text(60),
  targetId: text(100),
  /** event family, e.g. "auth" → auth.* */
  prefix: z.enum(AUDIT_EVENT_PREFIXES).optional().catch(undefined),
  /** event code contains */
  event: text(100),
  result: z.enum(AUDIT_RESULTS).optional().catch(undefined),
  /** yyyy-MM-dd, Beijing time, inclusive */
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type AuditFilters = z.infer<typeof auditFiltersSchema>;

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

/** Search params (page props or a request URL) → filters; repeated keys take the first value. */
export function parseAuditFilters(raw: RawParams): AuditFilters {
  const record: Record<string, string | undefined> = {};
  for (const key of Object.keys(auditFiltersSchema.shape)) {
    const value = raw instanceof URLSearchParams ? (raw.get(key) ?? undefined) : raw[key];
    record[key] = Array.isArray(value) ? value[0] : value;
  }
  return auditFiltersSchema.parse(record);
}

/** Filters → query string (without `?`), for paging and export links; `page` only when asked. */
export function auditFiltersToQuery(filters: AuditFilters, options: { page?: number } = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (key !== "page" && value !== undefined) params.set(key, String(value));
  }
  if (options.page && options.page > 1) params.set("page", String(options.page));
  return params.toString();
}

/** The filters without paging, for the export's audit row. */
export function describeFilters(filters: AuditFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([key, value]) => key !== "page" && value !== undefined)) as Record<
    string,
    string
  >;
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Start of a Beijing calendar day as an instant. */
export function beijingDayStart(day: string): Date {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() - BEIJING_OFFSET_MS);
}

/** yyyy-MM-dd HH:mm:ss in Beijing time (China has no daylight saving time). */
export function formatBeijingTime(value: Date): string {
  return new Date(value.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}
