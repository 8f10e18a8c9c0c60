// A leader's or a liaison's landing: the tasks of their scope counted by light, with the ledger
// and the leaders' cockpit one click away.
import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { OverviewWorkbench as Data } from "@/lib/dashboard/workbench-types";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { LightCounts } from "./light-counts";

export async function OverviewWorkbench({ data }: { data: Data }) {
  const { t, locale } = await getTranslator();
  return (
    <Card className="p-5" data-testid="workbench-overview">
      <section aria-labelledby="workbench-overview-title" className="space-y-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="workbench-overview-title" className="text-lg font-semibold text-slate-900">
            {t("workbench.overviewTitle")}
          </h2>
          <p className="text-xs text-slate-500">{t("workbench.asOf", { date: formatDate(new Date(`${data.today}T00:00:00Z`), locale) })}</p>
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
  );
}
