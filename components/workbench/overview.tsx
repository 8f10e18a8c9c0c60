// A leader's or a liaison's landing: the tasks of their scope counted by light, with the ledger
// and the leaders' cockpit one click away; for a leader also their own linked tasks (挂钩任务) with
// their lights, red first, and their instructions not yet carried out (待落实批示).
import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { PendingInstructionsCard } from "@/components/instructions/pending-card";
import { LightBadge, ProgressBar } from "@/components/ledger/light-badge";
import { Card } from "@/components/ui/card";
import type { OverviewWorkbench as Data } from "@/lib/dashboard/workbench-types";
import { formatDate, formatNumber, formatPercent } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { LightCounts } from "./light-counts";

const day = (value: string) => new Date(`${value.slice(0, 10)}T00:00:00Z`);

async function MyTasks({ data }: { data: NonNullable<Data["myTasks"]> & { year: number } }) {
  const { t, locale } = await getTranslator();
  const n = (value: number) => formatNumber(value, locale);
  const percent = (value: number) => formatPercent(value, locale);
  return (
    <Card className="p-5" data-testid="workbench-my-tasks">
      <section aria-labelledby="workbench-my-tasks-title" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="workbench-my-tasks-title" className="text-lg font-semibold text-slate-900">
            {t("workbench.myTasks.title")}
          </h2>
          <p className="text-xs text-slate-600" data-testid="workbench-my-tasks-summary">
            {t("workbench.myTasks.summary", {
              year: data.year,
              n: n(data.total),
              red: n(data.lights.counts.RED),
              yellow: n(data.lights.counts.YELLOW),
            })}
          </p>
        </div>
        {data.rows.length === 0 ? (
          <p className="text-sm text-slate-500">{t("workbench.myTasks.empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {data.rows.map((row) => (
              <li
                key={row.id}
                className="flex flex-col gap-2 py-2.5 sm:flex-row sm:items-center sm:gap-4"
                data-testid="workbench-my-task-row"
              >
                <div className="flex min-w-0 flex-1 items-start gap-2.5">
                  <LightBadge light={row.light} label={t(`ledger.lights.${row.light}`)} className="mt-0.5 shrink-0" />
                  <div className="min-w-0">
                    <Link href={row.href} className="block font-medium text-slate-900 hover:text-brand-700 hover:underline sm:truncate">
                      <span className="mr-1.5 text-xs text-slate-500 tabular-nums">{row.code}</span>
                      {row.title}
                    </Link>
                    <p className="text-xs text-slate-500">
                      {row.leadUnitName} · {t("workbench.myTasks.due", { date: formatDate(day(row.dueDate), locale) })}
                    </p>
                  </div>
                </div>
                <div className="flex shrink-0 items-center gap-2 pl-1 sm:pl-0">
                  <ProgressBar
                    planned={row.planned}
                    actual={row.actual}
                    light={row.light}
                    label={t("ledger.progressTitle", { planned: percent(row.planned), actual: percent(row.actual) })}
                  />
                  <span className="w-36 text-xs text-slate-600 tabular-nums">
                    {t("workbench.myTasks.progress", { actual: percent(row.actual), planned: percent(row.planned) })}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
        <LightCounts lights={data.lights} t={t} locale={locale} testId="workbench-my-tasks-lights" />
        <Link href={data.href} className="group inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:text-brand-800">
          {t("workbench.myTasks.viewAll", { n: n(data.total) })}
          <ArrowRight className="size-4 transition-transform group-hover:translate-x-0.5" aria-hidden />
        </Link>
      </section>
    </Card>
  );
}

export async function OverviewWorkbench({ data }: { data: Data }) {
  const { t, locale } = await getTranslator();
  return (
    <div className="space-y-4">
      {data.myTasks && <MyTasks data={{ ...data.myTasks, year: data.year }} />}
      {data.myInstructions && <PendingInstructionsCard card={data.myInstructions} testId="workbench-my-instructions" />}
      <Card className="p-5" data-testid="workbench-overview">
        <section aria-labelledby="workbench-overview-title" className="space-y-4">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="workbench-overview-title" className="text-lg font-semibold text-slate-900">
              {t("workbench.overviewTitle")}
            </h2>
            <p className="text-xs text-slate-500">
              {t("workbench.asOf", { date: formatDate(new Date(`${data.today}T00:00:00Z`), locale) })}
            </p>
          </div>
          <p className="text-sm text-slate-600" data-testid="workbench-count-overview">
            {t("workbench.lights.total", { year: data.year, n: formatNumber(data.lights.total, locale) })}
          </p>
          <LightCounts lights={data.lights} t={t} locale={locale} testId="workbench-overview-lights" />
          <div className="flex flex-wrap gap-4 text-sm font-medium">
            <Link href={data.lights.href} className="inline-flex items-center gap-1 text-brand-700 hover:text-brand-800">
              {t("workbench.lights.ledger")}
              <ArrowRight className="size-4" aria-hidden />
            </Link>
            {data.dashboardHref ? (
              <Link
                href={data.dashboardHref}
                className="inline-flex items-center gap-1 text-brand-700 hover:text-brand-800"
                data-testid="workbench-dashboard-link"
              >
                {t("workbench.lights.dashboard")}
                <ArrowRight className="size-4" aria-hidden />
              </Link>
            ) : null}
          </div>
        </section>
      </Card>
    </div>
  );
}
