// Server-rendered pieces of the admin tables: search by GET form, page links, status badges.
// Search and paging live in the URL, so every state of a table can be linked and reloaded.
import { ChevronLeft, ChevronRight, Search } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { getTranslator } from "@/lib/i18n/server";
import { PAGE_SIZES } from "@/lib/org/schemas";

type Query = Record<string, string | number | boolean | null | undefined>;

export function hrefWith(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== null && value !== undefined && value !== "") params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export async function SearchBar({
  path,
  q,
  size,
  placeholder,
  children,
}: {
  path: string;
  q: string;
  size: number;
  placeholder: string;
  children?: ReactNode;
}) {
  const { t } = await getTranslator();
  return (
    <form method="get" action={path} role="search" className="flex flex-wrap items-end gap-3">
      <div className="min-w-56 flex-1 space-y-1">
        <label htmlFor="admin-search" className="block text-xs font-medium text-slate-500">
          {t("admin.common.search")}
        </label>
        <div className="relative">
          <Search className="pointer-events-none absolute top-2.5 left-3 size-4 text-slate-400" aria-hidden />
          <input
            id="admin-search"
            name="q"
            type="search"
            defaultValue={q}
            placeholder={placeholder}
            className="block w-full rounded-md border border-slate-300 bg-white py-2 pr-3 pl-9 text-sm focus:border-brand-500 focus:outline-none"
          />
        </div>
      </div>
      {children}
      <div className="space-y-1">
        <label htmlFor="admin-size" className="block text-xs font-medium text-slate-500">
          {t("admin.common.pageSize")}
        </label>
        <select
          id="admin-size"
          name="size"
          defaultValue={size}
          className="block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {PAGE_SIZES.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="h-9 rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800">
        {t("admin.common.search")}
      </button>
      <Link href={path} className="h-9 rounded-md px-3 py-2 text-sm text-slate-600 hover:bg-slate-100">
        {t("admin.common.reset")}
      </Link>
    </form>
  );
}

export async function Pagination({
  path,
  query,
  page,
  size,
  total,
}: {
  path: string;
  query: Query;
  page: number;
  size: number;
  total: number;
}) {
  const { t } = await getTranslator();
  const pages = Math.max(1, Math.ceil(total / size));
  const link = (target: number, label: string, icon: ReactNode, enabled: boolean) =>
    enabled ? (
      <Link
        href={hrefWith(path, { ...query, size, page: target })}
        className="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
      >
        {icon}
        {label}
      </Link>
    ) : (
      <span aria-disabled className="inline-flex items-center gap-1 rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-300">
        {icon}
        {label}
      </span>
    );
  return (
    <nav
      aria-label={t("admin.common.page", { page, pages })}
      className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-500"
    >
      <span>
        {t("admin.common.total", { total })} · {t("admin.common.page", { page: Math.min(page, pages), pages })}
      </span>
      <div className="flex gap-2">
        {link(page - 1, t("admin.common.previous"), <ChevronLeft className="size-4" aria-hidden />, page > 1)}
        {link(page + 1, t("admin.common.next"), <ChevronRight className="size-4" aria-hidden />, page < pages)}
      </div>
    </nav>
  );
}

const TONES = {
  green: "bg-green-50 text-light-green ring-green-600/20",
  grey: "bg-slate-100 text-slate-600 ring-slate-500/20",
  red: "bg-red-50 text-light-red ring-red-600/20",
  amber: "bg-amber-50 text-light-yellow ring-amber-600/20",
  blue: "bg-brand-50 text-brand-700 ring-brand-600/20",
} as const;

export function Badge({ tone, children }: { tone: keyof typeof TONES; children: ReactNode }) {
  return (
    <span
      className={cn(
        "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        TONES[tone],
      )}
    >
      {children}
    </span>
  );
}

/** A card holding a table; the header row and cells share these classes. */
export function TableCard({ children }: { children: ReactNode }) {
  return <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">{children}</div>;
}

export const th = "px-4 py-3 text-left text-xs font-semibold tracking-wide text-slate-500 whitespace-nowrap";
export const td = "px-4 py-3 align-top text-sm text-slate-700";

export function EmptyRow({ colSpan, text }: { colSpan: number; text: string }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-4 py-10 text-center text-sm text-slate-400">
        {text}
      </td>
    </tr>
  );
}

export function PageTitle({ title, actions, children }: { title: string; actions?: ReactNode; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="space-y-1">
        <h2 className="text-xl font-semibold text-slate-900">{title}</h2>
        {children}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}
