// The cockpit's parts that need no browser script: the view picker (a plain GET form), headline tiles,
// the groups' data table, the unit rankings, the trend table and the task tables. Server components.
import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { LightBadge, LIGHT_STYLES, ProgressBar } from "@/components/ledger/light-badge";
import { LightReasonList } from "@/components/ledger/light-reasons";
import type { Cockpit, CockpitGroup, CockpitRanking, CockpitTask, CockpitTaskList, CockpitTrendPoint } from "@/lib/dashboard/types";
import { formatDate, formatNumber, formatPercent } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { parseDay, taskHref } from "@/lib/ledger/schemas";
import type { Light } from "@/lib/tasks/rules";

const HEADLINE: readonly Light[] = ["DONE", "GREEN", "YELLOW", "RED", "NOT_STARTED", "PENDING_CLOSE"];
const TABLE_LIGHTS: readonly Light[] = ["DONE", "PENDING_CLOSE", "GREEN", "YELLOW", "RED", "NOT_STARTED"];

const day = (value: string) => parseDay(value)!;

export async function CockpitFilters({ cockpit, path = "/dashboard" }: { cockpit: Cockpit; path?: string }) {
  const { t, locale } = await getTranslator();
  return (
    <form
      method="get"
      action={path}
      className="flex flex-wrap items-end gap-3"
      data-testid="cockpit-filters"
      aria-label={t("cockpit.filters.legend")}
    >
      <label className="flex flex-col gap-1 text-sm text-slate-700">
        {t("cockpit.filters.year")}
        <select
          name="year"
          defaultValue={String(cockpit.year)}
          data-testid="cockpit-year"
          className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900"
        >
          {cockpit.years.map((year) => (
            <option key={year} value={year}>
              {t("cockpit.filters.yearValue", { year })}
            </option>
          ))}
        </select>
      </label>
      {cockpit.asOfEditable && (
        <label className="flex flex-col gap-1 text-sm text-slate-700">
          {t("cockpit.filters.asOf")}
          <select
            name="asOf"
            defaultValue={cockpit.asOf === cockpit.today ? "" : cockpit.asOf}
            data-testid="cockpit-as-of"
            className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900"
          >
            <option value="">{t("cockpit.filters.today", { date: formatDate(day(cockpit.today), locale) })}</option>
            {cockpit.asOf !== cockpit.today && !cockpit.monthEnds.includes(cockpit.asOf) && (
              <option value={cockpit.asOf}>{formatDate(day(cockpit.asOf), locale)}</option>
            )}
            {cockpit.monthEnds.map((end) => (
              <option key={end} value={end}>
                {formatDate(day(end), locale)}
              </option>
            ))}
          </select>
        </label>
      )}
      <button
        type="submit"
        data-testid="cockpit-apply"
        className="h-9 rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700"
      >
        {t("cockpit.filters.apply")}
      </button>
    </form>
  );
}

export async function CockpitTiles({ cockpit, dark = false }: { cockpit: Cockpit; dark?: boolean }) {
  const { t, locale } = await getTranslator();
  const tiles = [
    { key: "total", label: t("cockpit.total"), figure: cockpit.headline.total, light: null },
    ...HEADLINE.map((light) => ({ key: light, label: t(`ledger.lights.${light}`), figure: cockpit.headline.lights[light], light })),
  ];
  return (
    <ul className={cn("grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7", dark && "gap-4")}>
      {tiles.map(({ key, label, figure, light }) => (
        <li key={key}>
          <Link
            href={figure.href}
            data-testid={`cockpit-tile-${key}`}
            aria-label={t("cockpit.tileLabel", { label, count: figure.count })}
            className={cn(
              "block rounded-xl border p-3 shadow-sm transition",
              dark ? "border-slate-700 bg-slate-900 hover:border-slate-500" : "border-slate-200 bg-white hover:border-brand-500",
            )}
          >
            <span className={cn("flex items-center gap-1.5 text-sm", dark ? "text-slate-200 text-lg" : "text-slate-600")}>
              {light && <span aria-hidden className={cn("size-2.5 rounded-full", LIGHT_STYLES[light].dot)} />}
              {label}
            </span>
            <span className={cn("mt-1 block font-semibold tabular-nums", dark ? "text-5xl text-white" : "text-2xl text-slate-900")}>
              {formatNumber(figure.count, locale)}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export async function CockpitGroupTable({ groups }: { groups: CockpitGroup[] }) {
  const { t, locale } = await getTranslator();
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-brand-700 hover:underline">{t("cockpit.groups.table")}</summary>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full min-w-[40rem] text-left" data-testid="cockpit-group-table">
          <thead className="text-xs text-slate-600">
            <tr>
              <th scope="col" className="py-1.5 pr-3 font-medium">
                {t("cockpit.groups.group")}
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                {t("cockpit.groups.total")}
              </th>
              {TABLE_LIGHTS.map((light) => (
                <th key={light} scope="col" className="px-2 py-1.5 text-right font-medium">
                  {t(`ledger.lights.${light}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {groups.map((group) => (
              <tr key={group.id}>
                <th scope="row" className="py-1.5 pr-3 font-normal text-slate-900">
                  {group.name}
                </th>
                <td className="px-2 py-1.5 text-right tabular-nums">
                  <Link href={group.total.href} className="text-brand-700 hover:underline">
                    {formatNumber(group.total.count, locale)}
                  </Link>
                </td>
                {TABLE_LIGHTS.map((light) => (
                  <td key={light} className="px-2 py-1.5 text-right tabular-nums">
                    <Link
                      href={group.lights[light].href}
                      aria-label={t("cockpit.groups.segment", {
                        group: group.name,
                        light: t(`ledger.lights.${light}`),
                        count: group.lights[light].count,
                      })}
                      className="text-brand-700 hover:underline"
                    >
                      {formatNumber(group.lights[light].count, locale)}
                    </Link>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

async function RankList({ title, units, testId }: { title: string; units: CockpitRanking["top"]; testId: string }) {
  const { t, locale } = await getTranslator();
  return (
    <div className="min-w-0 flex-1">
      <h4 className="mb-2 text-xs font-medium text-slate-600">{title}</h4>
      <ol className="space-y-2" data-testid={testId}>
        {units.map((unit, index) => (
          <li key={unit.id} className="text-sm">
            <Link href={unit.href} className="flex items-baseline justify-between gap-2 hover:underline">
              <span className="truncate text-slate-900">
                <span className="mr-1 text-slate-600 tabular-nums">{index + 1}.</span>
                {unit.name}
              </span>
              <span className="shrink-0 text-slate-700 tabular-nums">
                {formatPercent(unit.rate ?? 0, locale, 1)}
                <span className="ml-1 text-xs text-slate-600">{t("cockpit.ranking.detail", { good: unit.good, base: unit.base })}</span>
              </span>
            </Link>
            <div className="mt-1 h-1.5 rounded-full bg-slate-200" aria-hidden>
              <div className="h-1.5 rounded-full bg-brand-600" style={{ width: `${Math.max(0, Math.min(100, unit.rate ?? 0))}%` }} />
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}

export async function CockpitRankingCard({
  title,
  hint,
  ranking,
  testId,
}: {
  title: string;
  hint: string;
  ranking: CockpitRanking;
  testId: string;
}) {
  const { t } = await getTranslator();
  return (
    <Card className="p-4" data-testid={testId}>
      <h3 className="font-semibold text-slate-900">{title}</h3>
      <p className="mt-0.5 mb-3 text-xs text-slate-600">{hint}</p>
      {ranking.ranked === 0 ? (
        <p className="text-sm text-slate-600">{t("cockpit.ranking.empty")}</p>
      ) : (
        <div className="flex flex-col gap-4 sm:flex-row">
          <RankList title={t("cockpit.ranking.top", { n: ranking.top.length })} units={ranking.top} testId={`${testId}-top`} />
          {ranking.bottom.length > 0 && (
            <RankList
              title={t("cockpit.ranking.bottom", { n: ranking.bottom.length })}
              units={ranking.bottom}
              testId={`${testId}-bottom`}
            />
          )}
        </div>
      )}
    </Card>
  );
}

export async function CockpitTrendTable({ points }: { points: CockpitTrendPoint[] }) {
  const { t, locale } = await getTranslator();
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-brand-700 hover:underline">{t("cockpit.trend.table")}</summary>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full min-w-[28rem] text-left" data-testid="cockpit-trend-table">
          <thead className="text-xs text-slate-600">
            <tr>
              <th scope="col" className="py-1.5 pr-3 font-medium">
                {t("cockpit.trend.point")}
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                {t("cockpit.trend.planned")}
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                {t("cockpit.trend.actual")}
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                {t("cockpit.trend.done")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {points.map((point) => (
              <tr key={point.asOf}>
                <th scope="row" className="py-1.5 pr-3 font-normal">
                  {formatDate(day(point.asOf), locale)}
                </th>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatPercent(point.planned, locale, 1)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatPercent(point.actual, locale, 1)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatNumber(point.done, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export async function CockpitTaskTable({
  list,
  testId,
  empty,
  dark = false,
  asOf = null,
  action,
}: {
  list: CockpitTaskList;
  testId: string;
  empty: string;
  dark?: boolean;
  /** YYYY-MM-DD when the cockpit shows a past day: the task pages open as of that day */
  asOf?: string | null;
  /** a last column of row actions (a leader's 批示), with its header for screen readers */
  action?: { label: string; render: (task: CockpitTask) => ReactNode };
}) {
  const { t, locale } = await getTranslator();
  if (list.total === 0) return <p className={cn("text-sm", dark ? "text-slate-300" : "text-slate-600")}>{empty}</p>;
  const head = cn("px-2 py-1.5 font-medium whitespace-nowrap", dark ? "text-slate-300" : "text-slate-600");
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
        <table className={cn("w-full min-w-[48rem] text-left", dark ? "text-base text-slate-100" : "text-sm")} data-testid={testId}>
          <thead className="text-xs">
            <tr>
              <th scope="col" className={head}>
                {t("cockpit.columns.light")}
              </th>
              <th scope="col" className={head}>
                {t("cockpit.columns.title")}
              </th>
              <th scope="col" className={head}>
                {t("cockpit.columns.leadUnit")}
              </th>
              <th scope="col" className={head}>
                {t("cockpit.columns.leader")}
              </th>
              <th scope="col" className={head}>
                {t("cockpit.columns.planned")} / {t("cockpit.columns.actual")}
              </th>
              <th scope="col" className={head}>
                {t("cockpit.columns.dueDate")}
              </th>
              {action && (
                // relative: the hidden label stays inside the scrolling table on a phone
                <th scope="col" className={cn(head, "relative")}>
                  <span className="sr-only">{action.label}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className={cn("divide-y", dark ? "divide-slate-800" : "divide-slate-100")}>
            {list.rows.map((task) => (
              <tr key={task.id} data-testid={`${testId}-row`}>
                <td className="px-2 py-1.5 align-top">
                  <LightBadge light={task.light} label={t(`ledger.lights.${task.light}`)} />
                </td>
                <td className={cn("px-2 py-1.5 align-top", dark ? "max-w-[32rem] min-w-[18rem]" : "max-w-[22rem] min-w-[15rem]")}>
                  <Link href={taskHref(task.id, asOf)} className={cn("hover:underline", dark ? "text-white" : "text-slate-900")}>
                    <span className={cn("mr-1 text-xs tabular-nums", dark ? "text-slate-300" : "text-slate-600")}>{task.code}</span>
                    {task.title}
                  </Link>
                  <LightReasonList
                    light={task.light}
                    reasons={task.reasons}
                    t={t}
                    locale={locale}
                    tone={dark ? "dark" : "light"}
                    size={dark ? "sm" : "xs"}
                    className="mt-1"
                    testId={`${testId}-reasons`}
                  />
                </td>
                <td className="px-2 py-1.5 align-top whitespace-nowrap">{task.leadUnitName}</td>
                <td className="px-2 py-1.5 align-top whitespace-nowrap">{task.leaderName ?? "—"}</td>
                <td className="px-2 py-1.5 align-top whitespace-nowrap">
                  <span className="flex items-center gap-2">
                    <ProgressBar
                      planned={task.planned}
                      actual={task.actual}
                      light={task.light}
                      label={t("ledger.progressTitle", {
                        planned: formatPercent(task.planned, locale),
                        actual: formatPercent(task.actual, locale),
                      })}
                    />
                    <span className="text-xs tabular-nums">
                      {formatPercent(task.planned, locale)} / {formatPercent(task.actual, locale)}
                    </span>
                  </span>
                </td>
                <td className="px-2 py-1.5 align-top whitespace-nowrap tabular-nums">{formatDate(day(task.dueDate), locale)}</td>
                {action && <td className="px-2 py-1.5 text-right align-top">{action.render(task)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className={cn("text-xs", dark ? "text-slate-300" : "text-slate-600")}>
        {list.rows.length < list.total && (
          <span className="mr-2">{t("cockpit.moreRows", { shown: list.rows.length, total: list.total })}</span>
        )}
        <Link href={list.href} className={cn("hover:underline", dark ? "text-sky-300" : "text-brand-700")} data-testid={`${testId}-all`}>
          {t("cockpit.viewAll", { count: formatNumber(list.total, locale) })}
        </Link>
      </p>
    </div>
  );
}
