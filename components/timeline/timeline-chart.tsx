// 挂图作战 as server-rendered HTML/CSS: a row per task with its bar (start → due, coloured by light,
// the light's name in the label and the legend), milestone diamonds (filled when completed), a
// "today" line and month grid lines; groups under headers. Positions come from timeline-layout.ts as
// percents, so the chart scales to any width; on a phone it scrolls inside its own container, and
// printed (A3 landscape, globals.css) every group starts on a new page.
import Link from "next/link";
import { LIGHT_STYLES } from "@/components/ledger/light-badge";
import { cn } from "@/components/ui/cn";
import type { TimelineData } from "@/lib/dashboard/timeline";
import {
  barLayout,
  dayX,
  milestoneMarker,
  monthSpans,
  timelineTicks,
  timelineWindow,
  type TimelineWindow,
  type TimelineZoom,
} from "@/lib/dashboard/timeline-layout";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { parseDay } from "@/lib/ledger/schemas";
import { LIGHTS } from "@/lib/tasks/rules";

const LABEL = "grid grid-cols-[12rem_1fr] sm:grid-cols-[18rem_1fr]";

/** The month (and, in a quarter, week) grid as one background, instead of a line element per row. */
function gridBackground(window: TimelineWindow, zoom: TimelineZoom): string {
  const stops = timelineTicks(window, zoom)
    .filter((tick) => tick.x > 0)
    .map((tick) => {
      const colour = tick.major ? "#cbd5e1" : "#eef2f6";
      return `transparent ${tick.x}%, ${colour} ${tick.x}%, ${colour} calc(${tick.x}% + 1px), transparent calc(${tick.x}% + 1px)`;
    });
  return stops.length ? `linear-gradient(to right, ${stops.join(", ")})` : "none";
}

export function Diamond({ done, className }: { done: boolean; className?: string }) {
  return (
    <span aria-hidden className={cn("block size-2.5 rotate-45 border-2 border-slate-800", done ? "bg-slate-800" : "bg-white", className)} />
  );
}

export async function TimelineLegend() {
  const { t } = await getTranslator();
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-slate-700" data-testid="timeline-legend">
      <span className="font-medium text-slate-500">{t("timeline.legend")}</span>
      <ul className="flex flex-wrap items-center gap-x-4 gap-y-2">
        {LIGHTS.map((light) => (
          <li key={light} className="inline-flex items-center gap-1.5">
            <span aria-hidden className={cn("inline-block h-2.5 w-5 rounded-sm", LIGHT_STYLES[light].bar)} />
            {t(`ledger.lights.${light}`)}
          </li>
        ))}
        <li className="inline-flex items-center gap-1.5">
          <Diamond done />
          {t("timeline.milestoneDone")}
        </li>
        <li className="inline-flex items-center gap-1.5">
          <Diamond done={false} />
          {t("timeline.milestoneOpen")}
        </li>
        <li className="inline-flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-3 w-0.5 bg-red-600" />
          {t("timeline.today")}
        </li>
      </ul>
    </div>
  );
}

export async function TimelineChart({ data }: { data: TimelineData }) {
  const { t, locale } = await getTranslator();
  const window = timelineWindow(data.year, data.zoom);
  const today = parseDay(data.today)!;
  const todayX = dayX(today, window);
  const background = gridBackground(window, data.zoom);
  const day = (iso: string) => formatDate(parseDay(iso.slice(0, 10))!, locale);
  const minor = timelineTicks(window, data.zoom).filter((tick) => !tick.major);

  if (data.groups.length === 0)
    return (
      <p className="rounded-lg border border-slate-200 bg-white py-10 text-center text-sm text-slate-500" data-testid="timeline-empty">
        {t("timeline.empty")}
      </p>
    );

  return (
    <div
      role="region"
      aria-label={t("timeline.chartLabel")}
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white print:overflow-visible print:border-0"
      data-testid="timeline-chart"
    >
      <div className="min-w-[960px] print:min-w-0">
        <div className={cn(LABEL, "sticky top-0 z-10 border-b border-slate-300 bg-slate-50 text-xs text-slate-600")} aria-hidden>
          <div className="px-3 py-2 font-medium">{t("timeline.task")}</div>
          <div className={cn("relative", data.zoom === "year" ? "h-8" : "h-12")}>
            {monthSpans(window).map((span) => (
              <div
                key={span.month}
                className="absolute top-0 flex h-8 items-center justify-center border-l border-slate-300 font-medium"
                style={{ left: `${span.left}%`, width: `${span.width}%` }}
              >
                {t("timeline.month", { month: span.month })}
              </div>
            ))}
            {minor.map((tick) => (
              <div key={tick.x} className="absolute top-8 -translate-x-1/2 text-[10px] text-slate-500" style={{ left: `${tick.x}%` }}>
                {tick.label}
              </div>
            ))}
            {todayX !== null && (
              <div
                className="absolute bottom-0 -translate-x-1/2 rounded bg-red-600 px-1 text-[10px] leading-4 text-white"
                style={{ left: `${todayX}%` }}
                data-testid="timeline-today"
              >
                {t("timeline.today")}
              </div>
            )}
          </div>
        </div>
        {data.groups.map((group, index) => {
          const continued = index === 0 && data.page > 1 && group.tasks.length < group.count;
          return (
            <section
              key={group.key}
              aria-labelledby={`timeline-group-${group.key}`}
              className={cn(index > 0 && "print:break-before-page")}
              data-testid="timeline-group"
              data-group-key={group.key}
            >
              <h3
                id={`timeline-group-${group.key}`}
                className="border-b border-slate-200 bg-slate-100 px-3 py-1.5 text-sm font-semibold text-slate-900"
              >
                {t("timeline.groupHeader", { name: group.name, count: formatNumber(group.count, locale) })}
                {continued && t("timeline.continued")}
              </h3>
              <ul>
                {group.tasks.map((task) => {
                  const bar = barLayout(parseDay(task.startDate.slice(0, 10))!, parseDay(task.dueDate.slice(0, 10))!, window);
                  const lightText = t(`ledger.lights.${task.light}`);
                  const barLabel = [
                    t("timeline.bar", {
                      code: task.code,
                      title: task.title,
                      light: lightText,
                      start: day(task.startDate),
                      due: day(task.dueDate),
                      planned: task.planned,
                      actual: task.actual,
                    }),
                    bar?.clippedStart ? t("timeline.clippedStart") : "",
                    bar?.clippedEnd ? t("timeline.clippedEnd") : "",
                  ]
                    .filter(Boolean)
                    .join("；");
                  return (
                    <li
                      key={task.id}
                      className={cn(LABEL, "border-b border-slate-100 break-inside-avoid")}
                      data-testid="timeline-row"
                      data-code={task.code}
                    >
                      <div className="flex min-w-0 items-center gap-2 px-3 py-1 text-xs">
                        <Link href={`/tasks/${task.id}`} className="shrink-0 font-mono text-brand-700 hover:underline">
                          {task.code}
                        </Link>
                        <span className="truncate text-slate-700" title={task.title}>
                          {task.title}
                        </span>
                      </div>
                      <div className="relative h-8" style={{ backgroundImage: background }}>
                        {bar && (
                          <div
                            role="img"
                            aria-label={barLabel}
                            title={barLabel}
                            data-testid="timeline-bar"
                            data-light={task.light}
                            className={cn(
                              "absolute top-2 h-4",
                              LIGHT_STYLES[task.light].bar,
                              !bar.clippedStart && "rounded-l",
                              !bar.clippedEnd && "rounded-r",
                            )}
                            style={{ left: `${bar.left}%`, width: `max(${bar.width}%, 2px)` }}
                          />
                        )}
                        {task.milestones.map((milestone, at) => {
                          const marker = milestoneMarker(
                            {
                              plannedDate: parseDay(milestone.plannedDate.slice(0, 10))!,
                              completedOn: milestone.completedOn ? parseDay(milestone.completedOn.slice(0, 10)) : null,
                            },
                            window,
                            today,
                          );
                          if (!marker) return null;
                          const label =
                            t("timeline.milestone", {
                              title: milestone.title,
                              date: day(milestone.plannedDate),
                              percent: milestone.plannedPercent,
                            }) +
                            (marker.done
                              ? t("timeline.milestoneDoneOn", { date: day(milestone.completedOn!) })
                              : t("timeline.milestoneNotDone"));
                          return (
                            <span
                              key={at}
                              role="img"
                              aria-label={label}
                              title={label}
                              data-testid="timeline-milestone"
                              data-done={marker.done ? "1" : "0"}
                              className="absolute top-1/2 -translate-x-1/2 -translate-y-1/2"
                              style={{ left: `${marker.x}%` }}
                            >
                              <Diamond done={marker.done} className="bg-clip-padding" />
                            </span>
                          );
                        })}
                        {todayX !== null && (
                          <span aria-hidden className="absolute inset-y-0 w-0.5 bg-red-600/70" style={{ left: `${todayX}%` }} />
                        )}
                      </div>
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
