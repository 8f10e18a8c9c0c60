"use client";

// The month picker of 报送情况: choosing a month reloads the page for it (the month and the sort live in the URL).
import { useRouter } from "next/navigation";
import { useId } from "react";
import { useI18n } from "@/lib/i18n/client";
import { formatMonth } from "@/lib/i18n/format";

const INPUT =
  "block rounded-md border border-slate-300 bg-white px-3 py-2 pr-8 text-sm text-slate-900 shadow-xs focus:border-brand-500 focus:outline-none";
const monthDate = (key: string) => new Date(`${key}-01T00:00:00Z`);

export function CompliancePeriodPicker({
  period,
  current,
  periods,
  query,
}: {
  period: string;
  current: string;
  /** newest first */
  periods: string[];
  /** the rest of the URL's query (the sort), kept when the month changes */
  query: string;
}) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const id = useId();
  const choices = periods.includes(period) ? periods : [period, ...periods];
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium whitespace-nowrap text-slate-700">
        {t("compliance.periodLabel")}
      </label>
      <select
        id={id}
        data-testid="compliance-period"
        value={period}
        onChange={(event) => router.push(`/reports/compliance?period=${event.target.value}${query ? `&${query}` : ""}`)}
        className={INPUT}
      >
        {choices.map((key) => (
          <option key={key} value={key}>
            {formatMonth(monthDate(key), locale)}
            {key === current ? `（${t("compliance.currentPeriod")}）` : ""}
          </option>
        ))}
      </select>
    </div>
  );
}
