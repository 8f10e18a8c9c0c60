import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { NoticeLevelBadge, NoticeStatusBadge } from "@/components/supervision/badges";
import { requireSection } from "@/lib/auth/guards";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { listNotices } from "@/lib/supervision/queries";
import { NOTICE_LEVELS, NOTICE_STATUSES } from "@/lib/supervision/rules";
import { parseNoticeFilters, type NoticeFilters } from "@/lib/supervision/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("sections.supervision.title") };
}

function href(filters: NoticeFilters, overrides: Partial<NoticeFilters>): string {
  const next = { ...filters, page: 1, ...overrides };
  const query = new URLSearchParams();
  if (next.status) query.set("status", next.status);
  if (next.level) query.set("level", next.level);
  if (next.unitId) query.set("unit", next.unitId);
  if (next.overdue) query.set("overdue", "1");
  if (next.page > 1) query.set("page", String(next.page));
  const text = query.toString();
  return text ? `/supervision?${text}` : "/supervision";
}

const select = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900";

export default async function SupervisionPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSection("supervision");
  const { t, locale } = await getTranslator();
  const filters = parseNoticeFilters(await searchParams);
  const list = await listNotices(actor, filters);
  const count = (value: number) => formatNumber(value, locale);
  const day = (iso: string) => formatDate(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso), locale);
  const tiles: { key: string; label: string; value: number; to: Partial<NoticeFilters>; active: boolean }[] = [
    {
      key: "all",
      label: t("supervision.counts.all"),
      value: list.counts.all,
      to: { status: null, overdue: false },
      active: !filters.status && !filters.overdue,
    },
    ...NOTICE_STATUSES.map((status) => ({
      key: status,
      label: t(`supervision.statuses.${status}`),
      value: list.counts[status],
      to: { status, overdue: false },
      active: filters.status === status && !filters.overdue,
    })),
    {
      key: "overdue",
      label: t("supervision.counts.overdue"),
      value: list.counts.overdue,
      to: { status: null, overdue: true },
      active: filters.overdue,
    },
  ];

  return (
    <div className="space-y-5">
      <div className="space-y-1">
        <h1 className="text-xl font-bold text-slate-900">{t("supervision.title")}</h1>
        <p className="text-sm text-slate-500">{t("supervision.intro")}</p>
      </div>

      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7" data-testid="notice-counts">
        {tiles.map((tile) => (
          <Link
            key={tile.key}
            href={href(filters, tile.to)}
            data-testid={`notice-count-${tile.key}`}
            className={cn(
              "rounded-lg border bg-white p-3 hover:border-brand-500",
              tile.active ? "border-brand-600 ring-2 ring-brand-100" : "border-slate-200",
              tile.key === "overdue" && tile.value > 0 && "text-light-red",
            )}
          >
            <div className="text-xs text-slate-500">{tile.label}</div>
            <div className="text-2xl font-semibold tabular-nums">{count(tile.value)}</div>
          </Link>
        ))}
      </div>

      <Card className="p-4">
        <form method="get" className="flex flex-wrap items-end gap-3" data-testid="notice-filters">
          <label className="space-y-1 text-sm text-slate-700">
            <span className="block">{t("supervision.filters.status")}</span>
            <select name="status" defaultValue={filters.status ?? ""} className={select}>
              <option value="">{t("supervision.filters.all")}</option>
              {NOTICE_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`supervision.statuses.${status}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="space-y-1 text-sm text-slate-700">
            <span className="block">{t("supervision.filters.level")}</span>
            <select name="level" defaultValue={filters.level ?? ""} className={select}>
              <option value="">{t("supervision.filters.all")}</option>
              {NOTICE_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t(`supervision.levels.${level}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="space-y-1 text-sm text-slate-700">
            <span className="block">{t("supervision.filters.unit")}</span>
            <select name="unit" defaultValue={filters.unitId ?? ""} className={select}>
              <option value="">{t("supervision.filters.all")}</option>
              {list.units.map((unit) => (
                <option key={unit.id} value={unit.id}>
                  {unit.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
            <input type="checkbox" name="overdue" value="1" defaultChecked={filters.overdue} className="size-4 accent-brand-700" />
            {t("supervision.filters.overdue")}
          </label>
          <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
            {t("supervision.filters.apply")}
          </button>
          <Link href="/supervision" className="px-2 py-1.5 text-sm text-slate-600 hover:text-brand-700">
            {t("supervision.filters.reset")}
          </Link>
        </form>
      </Card>

      <Card className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="notice-table">
          <thead className="bg-slate-50 text-left text-xs text-slate-500">
            <tr>
              <th className="px-3 py-2 font-medium">{t("supervision.columns.number")}</th>
              <th className="px-3 py-2 font-medium">{t("supervision.columns.task")}</th>
              <th className="px-3 py-2 font-medium">{t("supervision.columns.unit")}</th>
              <th className="px-3 py-2 font-medium">{t("supervision.columns.level")}</th>
              <th className="px-3 py-2 font-medium">{t("supervision.columns.issuedAt")}</th>
              <th className="px-3 py-2 font-medium">{t("supervision.columns.dueDate")}</th>
              <th className="px-3 py-2 font-medium">{t("supervision.columns.status")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.rows.map((row) => (
              <tr key={row.id} data-testid="notice-row" className="hover:bg-slate-50">
                <td className="px-3 py-2 whitespace-nowrap">
                  <Link href={`/supervision/${row.id}`} className="font-medium text-brand-700 hover:underline">
                    {row.number}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  <span className="mr-2 font-mono text-xs text-slate-500">{row.taskCode}</span>
                  {row.taskTitle}
                </td>
                <td className="px-3 py-2">{row.unit}</td>
                <td className="px-3 py-2">
                  <NoticeLevelBadge level={row.level} label={t(`supervision.levels.${row.level}`)} />
                </td>
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">{day(row.issuedAt)}</td>
                <td className={cn("px-3 py-2 whitespace-nowrap tabular-nums", row.overdue && "font-medium text-light-red")}>
                  {day(row.responseDueDate)}
                  {row.overdue && <span className="ml-1 text-xs">（{t("supervision.overdue")}）</span>}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <NoticeStatusBadge status={row.status} label={t(`supervision.statuses.${row.status}`)} />
                  {row.escalated && <span className="ml-1 text-xs text-light-red">{t("supervision.escalated")}</span>}
                </td>
              </tr>
            ))}
            {list.rows.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-8 text-center text-slate-500">
                  {t("supervision.empty")}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </Card>

      <div className="flex items-center justify-between text-sm text-slate-600">
        <span>{t("supervision.total", { total: count(list.total) })}</span>
        <div className="flex items-center gap-3">
          {list.page > 1 && <Link href={href(filters, { page: list.page - 1 })}>{t("supervision.previous")}</Link>}
          <span>{t("supervision.pageOf", { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages && <Link href={href(filters, { page: list.page + 1 })}>{t("supervision.next")}</Link>}
        </div>
      </div>
    </div>
  );
}
