import type { Metadata } from "next";
import { InfoReportForm } from "@/components/reports/info-form";
import {
  InfoList,
  InfoPeriodPicker,
  InfoReportContent,
  InfoReportHeading,
  InfoReturnNote,
  InfoThread,
  InfoTotals,
} from "@/components/reports/info-view";
import { Card } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/guards";
import { getTranslator } from "@/lib/i18n/server";
import {
  canListInfoReports,
  infoItemTotals,
  infoReporterUnitId,
  infoReportingPeriod,
  infoReportList,
  infoUnitOptions,
  myInfoReport,
} from "@/lib/reports/info-queries";
import { parseInfoListParams } from "@/lib/reports/info-schemas";
import { addMonths, monthKey } from "@/lib/reports/rules";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("infoReports.title") };
}

/** 改革信息月报: a reporter fills in its unit's month; the office and leaders see every unit's, and the year's totals. */
export default async function InfoReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSection("reports");
  const { t } = await getTranslator();
  const params = parseInfoListParams(await searchParams);
  const current = await infoReportingPeriod(actor);
  const reporting = infoReporterUnitId(actor) !== null;
  // a reporter opens the month it is writing; the office the latest month whose deadline has passed
  const period = params.period ?? (reporting ? current.period : addMonths(current.period, -1));
  const listing = canListInfoReports(actor);

  const [report, list, units, totals] = await Promise.all([
    reporting ? myInfoReport(actor, period) : null,
    listing ? infoReportList(actor, { ...params, period }) : null,
    listing ? infoUnitOptions(actor) : [],
    listing ? infoItemTotals(actor, period.getUTCFullYear()) : [],
  ]);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h2 className="text-xl font-semibold text-slate-900">{t("infoReports.title")}</h2>
          <p className="max-w-3xl text-sm text-slate-500">{t("infoReports.intro")}</p>
        </div>
        <InfoPeriodPicker period={monthKey(period)} current={monthKey(current.period)} months={current.months.map(monthKey)} />
      </div>

      {report && (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-3" data-testid="info-mine">
          <Card className="space-y-4 p-5 lg:col-span-2">
            <InfoReportHeading report={report} heading="unit" />
            <InfoReturnNote report={report} />
            {report.canEdit ? (
              <InfoReportForm key={report.period} report={report} />
            ) : (
              <>
                <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600" data-testid="info-read-only">
                  {report.status === "SUBMITTED" || report.status === "APPROVED"
                    ? t(`infoReports.readOnly.${report.status}`)
                    : t("infoReports.readOnly.future")}
                </p>
                <InfoReportContent report={report} />
              </>
            )}
          </Card>
          <div className="space-y-4">
            <InfoThread report={report} />
          </div>
        </div>
      )}

      {list && <InfoList page={list} params={params} units={units} />}
      {listing && <InfoTotals year={period.getUTCFullYear()} rows={totals} />}

      {!report && !list && (
        <Card className="p-6 text-sm text-slate-600" data-testid="info-no-access">
          {t("infoReports.noAccess")}
        </Card>
      )}
    </div>
  );
}
