// The views' tabs (待办 / 逾期 / 已完成) and a GET form for the grouping, year and "as of" day, so
// every view is a bookmarkable URL and works without JavaScript.
import { Download } from "lucide-react";
import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { getTranslator } from "@/lib/i18n/server";
import { VIEW_GROUPINGS, VIEW_KINDS, viewHref, type ViewParams, type ViewResult } from "@/lib/dashboard/views";
import { formatNumber } from "@/lib/i18n/format";

const selectClass =
  "block h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-700 focus:border-brand-500 focus:outline-none";

export async function ViewsToolbar({ params, result, years }: { params: ViewParams; result: ViewResult; years: number[] }) {
  const { t, locale } = await getTranslator();
  const current = { ...params, year: result.year };
  const yearChoices = [...new Set([result.year, ...years])].sort((a, b) => b - a);
  return (
    <div className="space-y-3" data-print="hide">
      <nav aria-label={t("views.filters.view")} className="flex flex-wrap gap-2">
        {VIEW_KINDS.map((kind) => (
          <Link
            key={kind}
            href={viewHref(current, { view: kind })}
            aria-current={kind === result.view ? "page" : undefined}
            data-testid={`views-tab-${kind}`}
            className={cn(
              "inline-flex h-9 items-center rounded-md border px-3 text-sm font-medium",
              kind === result.view
                ? "border-brand-600 bg-brand-600 text-white"
                : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
            )}
          >
            {t(`views.kinds.${kind}`)}
            {kind === result.view && <span className="ml-1.5 tabular-nums">({formatNumber(result.total, locale)})</span>}
          </Link>
        ))}
      </nav>
      <form method="get" action="/tasks/views" className="flex flex-wrap items-end gap-3" data-testid="views-filters">
        <input type="hidden" name="view" value={result.view} />
        <div className="w-44 space-y-1">
          <label htmlFor="views-by" className="block text-xs font-medium text-slate-500">
            {t("views.filters.by")}
          </label>
          <select id="views-by" name="by" defaultValue={result.by} className={selectClass} data-testid="views-by">
            {VIEW_GROUPINGS.map((by) => (
              <option key={by} value={by}>
                {t(`views.by.${by}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="w-32 space-y-1">
          <label htmlFor="views-year" className="block text-xs font-medium text-slate-500">
            {t("views.filters.year")}
          </label>
          <select id="views-year" name="year" defaultValue={String(result.year)} className={selectClass} data-testid="views-year">
            {yearChoices.map((year) => (
              <option key={year} value={year}>
                {t("views.filters.yearValue", { year })}
              </option>
            ))}
          </select>
        </div>
        {result.asOfEditable && (
          <div className="w-44 space-y-1">
            <label htmlFor="views-as-of" className="block text-xs font-medium text-slate-500">
              {t("views.filters.asOf")}
            </label>
            <input
              id="views-as-of"
              type="date"
              name="asOf"
              max={result.today}
              defaultValue={result.asOf === result.today ? "" : result.asOf}
              className={selectClass}
              data-testid="views-as-of"
            />
          </div>
        )}
        <button
          type="submit"
          className="inline-flex h-9 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700"
          data-testid="views-apply"
        >
          {t("views.filters.apply")}
        </button>
        <a
          href={viewHref(current, {}, "/tasks/views/export")}
          data-testid="views-export"
          className="ml-auto inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          <Download className="size-4" aria-hidden />
          {t("views.export.button")}
        </a>
      </form>
    </div>
  );
}
