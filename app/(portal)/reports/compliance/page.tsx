import type { Metadata } from "next";
import { CompliancePeriodPicker } from "@/components/reports/compliance-period";
import { ComplianceTiles, GroupComplianceTable, UnitComplianceTable, UnsubmittedTable } from "@/components/reports/compliance-view";
import { requireSection } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { formatDate, formatDateTime, formatMonth } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { mailConfigured } from "@/lib/notifications/mail";
import { complianceFor, UNIT_SORTS, type UnitSort } from "@/lib/reports/compliance";
import { addMonths, monthKey, parseMonthKey } from "@/lib/reports/rules";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("compliance.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The months offered: from January of last year to the current reporting period, newest first. */
function periodChoices(current: string): string[] {
  const end = parseMonthKey(current)!;
  const start = new Date(Date.UTC(end.getUTCFullYear() - 1, 0, 1));
  const months: string[] = [];
  for (let month = end; month.getTime() >= start.getTime(); month = addMonths(month, -1)) months.push(monthKey(month));
  return months;
}

/** 报送情况: who has reported the month's task progress on time, who is late, who is missing — and 催报. */
export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireSection("reports");
  const { locale, t } = await getTranslator();
  const params = await searchParams;
  const sort = first(params.sort);
  const dir = first(params.dir);
  const view = await complianceFor(actor, {
    period: first(params.period),
    sort: UNIT_SORTS.includes(sort as UnitSort) ? (sort as UnitSort) : undefined,
    dir: dir === "asc" || dir === "desc" ? dir : undefined,
  });
  const canRemind = can(actor, "report:remind", { committeeId: actor.committeeId });
  const month = (key: string) => formatMonth(new Date(`${key}-01T00:00:00Z`), locale);

  return (
    <div className="space-y-5" data-testid="compliance-page">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h2 className="text-lg font-semibold text-slate-900">{t("compliance.title")}</h2>
          <p className="text-sm text-slate-600">
            {t("compliance.subtitle", { period: month(view.period), due: formatDate(new Date(`${view.dueOn}T00:00:00Z`), locale) })}
            <span className="mx-2 text-slate-300">·</span>
            {t(`compliance.scope.${view.scope}`)}
          </p>
          <p className="text-xs text-slate-500">{t("compliance.asOf", { time: formatDateTime(new Date(view.asOf), locale) })}</p>
        </div>
        <CompliancePeriodPicker
          period={view.period}
          current={view.currentPeriod}
          periods={periodChoices(view.currentPeriod)}
          query={`sort=${view.sort}&dir=${view.dir}`}
        />
      </div>
      <ComplianceTiles totals={view.totals} dueOn={view.dueOn} />
      <UnitComplianceTable view={view} canRemind={canRemind} mail={mailConfigured()} />
      {view.scope !== "unit" && <GroupComplianceTable view={view} />}
      <UnsubmittedTable view={view} />
    </div>
  );
}
