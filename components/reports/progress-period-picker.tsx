"use client";

// The month picker of 本月待报: choosing a month reloads the page for it (the month lives in the URL).
import { useRouter } from "next/navigation";
import { useId } from "react";
import { formatMonth } from "@/lib/i18n/format";
import { useI18n } from "@/lib/i18n/client";
import { inputClass } from "./progress-badge";

const monthDate = (key: string) => new Date(`${key}-01T00:00:00Z`);

export function ProgressPeriodPicker({ period, current, periods }: { period: string; current: string; periods: string[] }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const id = useId();
  const label = (key: string) => {
    const month = formatMonth(monthDate(key), locale);
    return key === current ? t("reports.owed.current", { month }) : month;
  };
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium whitespace-nowrap text-slate-700">
        {t("reports.fields.period")}
      </label>
      <select
        id={id}
        data-testid="owed-period"
        value={period}
        onChange={(event) => router.push(`/reports?period=${event.target.value}`)}
        className={`${inputClass} w-auto pr-8`}
      >
        {periods.map((key) => (
          <option key={key} value={key}>
            {label(key)}
          </option>
        ))}
      </select>
    </div>
  );
}
