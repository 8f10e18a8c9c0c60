import { ArrowLeft, Printer } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { TimelineChart, TimelineLegend } from "@/components/timeline/timeline-chart";
import { TimelineToolbar } from "@/components/timeline/timeline-toolbar";
import { requireSection } from "@/lib/auth/guards";
import { parseTimelineParams, timelineData, timelineHref } from "@/lib/dashboard/timeline";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { ledgerOptions } from "@/lib/ledger/queries";
import { parseDay } from "@/lib/ledger/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("timeline.title") };
}

const linkClass =
  "inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50";

export default async function TimelinePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSection("tasks");
  const { t, locale } = await getTranslator();
  const params = parseTimelineParams(await searchParams);
  const [data, options] = await Promise.all([timelineData(actor, params), ledgerOptions(actor)]);
  const view = { ...params, year: data.year };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <Link href="/tasks" className="inline-flex items-center gap-1.5 text-sm text-slate-600 hover:text-brand-700" data-print="hide">
            <ArrowLeft className="size-4" aria-hidden />
            {t("ledger.title")}
          </Link>
          <h2 className="text-xl font-semibold text-slate-900">
            {t("timeline.title")} · {t(`timeline.zooms.${data.zoom}`)}
          </h2>
          <p className="text-sm text-slate-500">
            {t("timeline.subtitle", { year: data.year, asOf: formatDate(parseDay(data.today)!, locale) })}
          </p>
        </div>
        {!params.all && data.pages > 1 && (
          <a href={timelineHref(view, { all: true, page: 1 })} className={linkClass} data-print="hide" data-testid="timeline-print-all">
            <Printer className="size-4" aria-hidden />
            {t("timeline.printAll")}
          </a>
        )}
      </div>
      <TimelineToolbar params={params} data={data} years={options.years} />
      <TimelineLegend />
      <TimelineChart data={data} />
      {data.pages > 1 && (
        <nav
          className="flex items-center justify-between gap-3 text-sm text-slate-600"
          aria-label={t("timeline.pageOf", { page: data.page, pages: data.pages, total: data.total })}
          data-print="hide"
        >
          <span>{t("timeline.pageOf", { page: data.page, pages: data.pages, total: formatNumber(data.total, locale) })}</span>
          <span className="flex gap-2">
            {data.page > 1 && (
              <Link href={timelineHref(view, { page: data.page - 1 })} className={linkClass} data-testid="timeline-prev">
                {t("timeline.prev")}
              </Link>
            )}
            {data.page < data.pages && (
              <Link href={timelineHref(view, { page: data.page + 1 })} className={linkClass} data-testid="timeline-next">
                {t("timeline.next")}
              </Link>
            )}
          </span>
        </nav>
      )}
    </div>
  );
}
