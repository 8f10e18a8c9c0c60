"use client";
// Average planned vs actual percent at each month end of the year (the last point may be the as-of day).
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CockpitTrendPoint } from "@/lib/dashboard/types";
import { useI18n } from "@/lib/i18n/client";

export function CockpitTrend({ points, dark = false }: { points: CockpitTrendPoint[]; dark?: boolean }) {
  const { t } = useI18n();
  const tick = dark ? "#cbd5e1" : "#334155";
  const data = points.map((point) => ({ ...point, label: t("cockpit.trend.month", { month: point.month }) }));
  return (
    <figure aria-label={t("cockpit.trend.chartLabel")} className={dark ? "h-full min-h-64 w-full" : "h-64 w-full"}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={dark ? "#334155" : "#e2e8f0"} />
          <XAxis dataKey="label" tick={{ fill: tick, fontSize: dark ? 16 : 12 }} stroke={tick} />
          <YAxis domain={[0, 100]} unit="%" width={48} tick={{ fill: tick, fontSize: dark ? 16 : 12 }} stroke={tick} />
          <Tooltip formatter={(value) => `${value}%`} />
          <Legend wrapperStyle={{ color: tick, fontSize: dark ? 16 : 12 }} />
          <Line
            type="monotone"
            dataKey="planned"
            name={t("cockpit.trend.planned")}
            stroke={dark ? "#94a3b8" : "#475569"}
            strokeDasharray="6 4"
            strokeWidth={2}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="actual"
            name={t("cockpit.trend.actual")}
            stroke={dark ? "#60a5fa" : "#1f52d6"}
            strokeWidth={3}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
