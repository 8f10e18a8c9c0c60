// Server-rendered pieces of the library lists: the tabs, a GET filter form (works without
// JavaScript, keeps the tab), the pager and the status badge.
import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import type { Translate } from "@/lib/i18n/translate";

export type LibraryTab = "micro" | "cases" | "honors";
export const LIBRARY_TABS: LibraryTab[] = ["micro", "cases", "honors"];

export function hrefWith(base: Record<string, string | undefined>, overrides: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...base, ...overrides })) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `/library?${query}` : "/library";
}

export function LibraryTabs({ current, t }: { current: LibraryTab; t: Translate }) {
  return (
    <nav className="flex gap-1 border-b border-slate-200" aria-label={t("library.title")}>
      {LIBRARY_TABS.map((tab) => (
        <Link
          key={tab}
          href={hrefWith({}, { tab })}
          data-testid={`library-tab-${tab}`}
          aria-current={tab === current ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-4 py-2 text-sm font-medium",
            tab === current ? "border-brand-700 text-brand-800" : "border-transparent text-slate-500 hover:text-slate-800",
          )}
        >
          {t(`library.tabs.${tab}`)}
        </Link>
      ))}
    </nav>
  );
}

const controlClass =
  "block rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 focus:border-brand-500 focus:outline-none";

export function FilterSelect({
  name,
  label,
  value,
  options,
  allLabel,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  allLabel: string;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={`filter-${name}`} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={controlClass} data-testid={`library-filter-${name}`}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterForm({
  tab,
  q,
  qPlaceholder,
  t,
  children,
}: {
  tab: LibraryTab;
  q: string | undefined;
  qPlaceholder: string;
  t: Translate;
  children: ReactNode;
}) {
  return (
    <form method="get" action="/library" className="flex flex-wrap items-end gap-3" data-testid="library-filters">
      <input type="hidden" name="tab" value={tab} />
      <div className="space-y-1">
        <label htmlFor="filter-q" className="block text-xs font-medium text-slate-600">
          {t("library.filters.q")}
        </label>
        <input
          id="filter-q"
          name="q"
          defaultValue={q ?? ""}
          placeholder={qPlaceholder}
          className={cn(controlClass, "w-64")}
          data-testid="library-filter-q"
        />
      </div>
      {children}
      <button
        type="submit"
        className="h-9 rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800"
        data-testid="library-filter-apply"
      >
        {t("library.filters.apply")}
      </button>
      <Link href={hrefWith({}, { tab })} className="h-9 px-2 py-2 text-sm text-slate-600 hover:text-slate-900">
        {t("library.filters.reset")}
      </Link>
    </form>
  );
}

export function Pager({
  total,
  page,
  size,
  base,
  t,
}: {
  total: number;
  page: number;
  size: number;
  base: Record<string, string | undefined>;
  t: Translate;
}) {
  const pages = Math.max(1, Math.ceil(total / size));
  const link = "rounded-md border border-slate-300 px-3 py-1 text-sm text-slate-700 hover:bg-slate-50";
  return (
    <div className="flex items-center justify-between gap-3 text-sm text-slate-600" data-testid="library-pager">
      <span>{t("library.pager.summary", { total, page: Math.min(page, pages), pages })}</span>
      <div className="flex gap-2">
        {page > 1 && (
          <Link className={link} href={hrefWith(base, { page: String(page - 1) })} data-testid="library-page-prev">
            {t("library.pager.prev")}
          </Link>
        )}
        {page < pages && (
          <Link className={link} href={hrefWith(base, { page: String(page + 1) })} data-testid="library-page-next">
            {t("library.pager.next")}
          </Link>
        )}
      </div>
    </div>
  );
}

const STATUS_STYLES: Record<string, string> = {
  PROPOSED: "bg-amber-50 text-amber-800 ring-amber-200",
  ACCEPTED: "bg-sky-50 text-sky-800 ring-sky-200",
  PROMOTED: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  REJECTED: "bg-slate-100 text-slate-700 ring-slate-200",
};

export function MicroStatusBadge({ status, t }: { status: "PROPOSED" | "ACCEPTED" | "PROMOTED" | "REJECTED"; t: Translate }) {
  return (
    <span className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", STATUS_STYLES[status])}>
      {t(`library.status.${status}`)}
    </span>
  );
}

export const th = "px-3 py-2 text-left text-xs font-medium text-slate-500";
export const td = "px-3 py-2 align-top text-sm text-slate-700";
