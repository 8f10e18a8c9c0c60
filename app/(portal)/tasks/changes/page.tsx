import { ArrowLeft, Download } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ChangeLines } from "@/components/changes/change-lines";
import { CHANGE_TONES } from "@/components/changes/task-changes";
import { Badge } from "@/components/admin/list-kit";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { readableChanges, readerFor } from "@/lib/audit/readable";
import { requireSection } from "@/lib/auth/guards";
import { listChanges } from "@/lib/changes/queries";
import { CHANGE_STATUSES, parseChangeListParams, type ChangeStatus } from "@/lib/changes/schemas";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { messagesFor } from "@/lib/i18n/translate";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("changes.listTitle") };
}

const PAGE_SIZE = 50;

function href(year: number, status: ChangeStatus | null, page = 1, path = "/tasks/changes"): string {
  const query = new URLSearchParams({ year: String(year) });
  if (status) query.set("status", status);
  if (page > 1) query.set("page", String(page));
  return `${path}?${query}`;
}

/** 调整情况: the year's change requests on the tasks the reader sees, by status, with the Excel list. */
export default async function ChangesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSection("tasks");
  const { t, locale } = await getTranslator();
  const params = parseChangeListParams(await searchParams);
  const list = await listChanges(actor, { ...params, pageSize: PAGE_SIZE });
  const reader = readerFor(locale, messagesFor(locale), list.names);
  const all = Object.values(list.counts).reduce((sum, n) => sum + (n ?? 0), 0);
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const tiles: { key: string; status: ChangeStatus | null; label: string; value: number }[] = [
    { key: "all", status: null, label: t("changes.filters.all"), value: all },
    ...CHANGE_STATUSES.map((status) => ({ key: status, status, label: t(`changes.statuses.${status}`), value: list.counts[status] ?? 0 })),
  ];

  return (
    <div className="mx-auto max-w-6xl space-y-5">
      <Link href={`/tasks?year=${list.year}`} className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-brand-700">
        <ArrowLeft className="size-4" aria-hidden />
        {t("ledger.task.back")}
      </Link>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-xl font-bold text-slate-900">{t("changes.listTitle")}</h1>
          <p className="text-sm text-slate-500">{t("changes.listSubtitle", { year: list.year, count: formatNumber(all, locale) })}</p>
        </div>
        <div className="flex items-center gap-2">
          <form method="get" className="flex items-center gap-2">
            <label htmlFor="changes-year" className="text-sm text-slate-600">
              {t("changes.filters.year")}
            </label>
            <input
              id="changes-year"
              name="year"
              type="number"
              min={2000}
              max={2100}
              defaultValue={list.year}
              className="h-9 w-24 rounded-md border border-slate-300 px-2 text-sm"
            />
            {params.status && <input type="hidden" name="status" value={params.status} />}
            <button type="submit" className="h-9 rounded-md border border-slate-300 bg-white px-3 text-sm hover:bg-slate-50">
              {t("changes.filters.apply")}
            </button>
          </form>
          <a
            href={href(list.year, params.status, 1, "/tasks/changes/export")}
            data-testid="changes-export"
            className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            <Download className="size-4" aria-hidden />
            {t("changes.export")}
          </a>
        </div>
      </div>

      <div className="grid grid-cols-3 gap-3 sm:grid-cols-6" data-testid="change-counts">
        {tiles.map((tile) => (
          <Link
            key={tile.key}
            href={href(list.year, tile.status)}
            className={cn(
              "rounded-lg border bg-white p-3 hover:border-brand-500",
              params.status === tile.status ? "border-brand-600 ring-2 ring-brand-100" : "border-slate-200",
            )}
          >
            <div className="text-xs text-slate-500">{tile.label}</div>
            <div className="text-2xl font-semibold tabular-nums">{formatNumber(tile.value, locale)}</div>
          </Link>
        ))}
      </div>

      <Card className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="changes-table">
          <thead className="bg-slate-50 text-left text-xs text-slate-500">
            <tr>
              <th className="px-3 py-2 font-medium">{t("changes.columns.task")}</th>
              <th className="px-3 py-2 font-medium">{t("changes.columns.changes")}</th>
              <th className="px-3 py-2 font-medium">{t("changes.columns.reason")}</th>
              <th className="px-3 py-2 font-medium whitespace-nowrap">{t("changes.columns.requester")}</th>
              <th className="px-3 py-2 font-medium">{t("changes.columns.status")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {list.items.length === 0 && (
              <tr>
                <td colSpan={5} className="px-3 py-8 text-center text-slate-500">
                  {t("changes.empty")}
                </td>
              </tr>
            )}
            {list.items.map((item) => (
              <tr key={item.id} data-testid="change-row">
                <td className="px-3 py-2">
                  <Link href={`/tasks/${item.taskId}#changes`} className="font-mono text-xs text-brand-700 hover:underline">
                    {item.taskCode}
                  </Link>
                  <div className="max-w-56 font-medium text-slate-900">{item.taskTitle}</div>
                  <div className="text-xs text-slate-500">{item.leadUnitName}</div>
                </td>
                <td className="max-w-sm px-3 py-2">
                  <ChangeLines changes={readableChanges(reader, item.changes, "ChangeRequest")} none={t("ledger.task.none")} />
                </td>
                <td className="max-w-xs px-3 py-2 text-slate-700">{item.reason}</td>
                <td className="px-3 py-2 text-xs whitespace-nowrap text-slate-600">
                  {item.requestedByName}
                  <div className="text-slate-400">{formatDateTime(new Date(item.createdAt), locale)}</div>
                </td>
                <td className="px-3 py-2">
                  <Badge tone={CHANGE_TONES[item.status]}>{t(`changes.statuses.${item.status}`)}</Badge>
                  {item.decidedAt && item.decidedByName && (
                    <div className="mt-1 text-xs text-slate-500">
                      {item.decidedByName} · {formatDateTime(new Date(item.decidedAt), locale)}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {pages > 1 && (
        <nav className="flex items-center justify-end gap-3 text-sm" aria-label={t("ledger.page", { page: list.page, pages })}>
          {list.page > 1 && <Link href={href(list.year, params.status, list.page - 1)}>{t("ledger.previous")}</Link>}
          <span className="text-slate-500">{t("ledger.page", { page: list.page, pages })}</span>
          {list.page < pages && <Link href={href(list.year, params.status, list.page + 1)}>{t("ledger.next")}</Link>}
        </nav>
      )}
    </div>
  );
}
