"use client";
// The special groups' tasks by light as stacked horizontal bars; each segment is a link to the ledger
// listing exactly its tasks (an SVG <a> with an accessible name), so a leader can drill down.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis, type BarShapeProps } from "recharts";
import type { CockpitGroup } from "@/lib/dashboard/types";
import { useI18n } from "@/lib/i18n/client";
import type { Light } from "@/lib/tasks/rules";

/** Segment colours, the same hues as LIGHT_STYLES (components/ledger/light-badge.tsx). */
export const LIGHT_FILL: Record<Light, string> = {
  DONE: "#64748b",
  PENDING_CLOSE: "#1f52d6",
  GREEN: "#15803d",
  YELLOW: "#f59e0b",
  RED: "#b91c1c",
  NOT_STARTED: "#94a3b8",
};

/** Left to right: finished work first, then on schedule, then what needs attention. */
export const STACK_ORDER: readonly Light[] = ["DONE", "PENDING_CLOSE", "GREEN", "YELLOW", "RED", "NOT_STARTED"];

interface Row {
  shortName: string;
  name: string;
  group: CockpitGroup;
  [light: string]: unknown;
}

export function CockpitGroupBars({ groups, dark = false }: { groups: CockpitGroup[]; dark?: boolean }) {
  const { t } = useI18n();
  const data: Row[] = groups.map((group) => ({
    shortName: group.shortName,
    name: group.name,
    group,
    ...Object.fromEntries(STACK_ORDER.map((light) => [light, group.lights[light].count])),
  }));
  const tick = dark ? "#cbd5e1" : "#334155";
  const height = Math.max(160, groups.length * (dark ? 48 : 36) + 40);

  function segment(light: Light) {
    function SegmentLink(props: BarShapeProps) {
      const row = props.payload as Row | undefined;
      const figure = row?.group.lights[light];
      if (!row || !figure || figure.count === 0 || !(props.width > 0)) return <g />;
      const label = t("cockpit.groups.segment", { group: row.name, light: t(`ledger.lights.${light}`), count: figure.count });
      return (
        <a href={figure.href} aria-label={label} data-testid={`group-bar-${row.shortName}-${light}`}>
          <title>{label}</title>
          <rect x={props.x} y={props.y} width={props.width} height={props.height} fill={LIGHT_FILL[light]} className="hover:opacity-80" />
        </a>
      );
    }
    return SegmentLink;
  }

  return (
    <div role="group" aria-label={t("cockpit.groups.chartLabel")} style={{ height }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          accessibilityLayer={false}
          data={data}
          layout="vertical"
          margin={{ top: 4, right: 12, bottom: 4, left: 4 }}
          barCategoryGap="22%"
        >
          <CartesianGrid horizontal={false} stroke={dark ? "#334155" : "#e2e8f0"} />
          <XAxis type="number" allowDecimals={false} tick={{ fill: tick, fontSize: dark ? 16 : 12 }} stroke={tick} />
          <YAxis
            type="category"
            dataKey="shortName"
            width={dark ? 120 : 76}
            tick={{ fill: tick, fontSize: dark ? 18 : 12 }}
            stroke={tick}
          />
          {STACK_ORDER.map((light) => (
            <Bar
              key={light}
              dataKey={light}
              name={t(`ledger.lights.${light}`)}
              stackId="lights"
              fill={LIGHT_FILL[light]}
              isAnimationActive={false}
              shape={segment(light)}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The colour key, with every light's text label (never colour alone). */
export function CockpitLightLegend({ dark = false }: { dark?: boolean }) {
  const { t } = useI18n();
  return (
    <ul className={`flex flex-wrap gap-x-4 gap-y-1 text-xs ${dark ? "text-slate-200" : "text-slate-700"}`}>
      {STACK_ORDER.map((light) => (
        <li key={light} className="inline-flex items-center gap-1.5">
          <span aria-hidden className="size-3 rounded-sm" style={{ backgroundColor: LIGHT_FILL[light] }} />
          {t(`ledger.lights.${light}`)}
        </li>
      ))}
    </ul>
  );
}
