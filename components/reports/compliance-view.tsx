// 报送情况, the read-only parts (server components): summary tiles, the tables by special group and
// by unit (sortable on the server through links), and the list of reports not yet submitted.
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { Locale } from "@/lib/i18n/config";
import { formatDate, formatDateTime, formatNumber, formatPercent } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import type { Translate } from "@/lib/i18n/translate";
import type { ComplianceFigures, ComplianceView, UnitSort } from "@/lib/reports/compliance";
import { RemindButton } from "./compliance-remind";

const TH = "px-3 py-2.5 text-right whitespace-nowrap";
const TD = "px-3 py-2 text-right tabular-nums";

/** The URL of the page for another sort (the same column again flips the direction). */
export function complianceHref(view: Pick<ComplianceView, "period" | "sort" | "dir">, sort: UnitSort): string {
  const dir = view.sort === sort ? (view.dir === "desc" ? "asc" : "desc") : sort === "unit" ? "asc" : "desc";
  return `/reports/compliance?period=${view.period}&sort=${sort}&dir=${dir}`;
}

const FIGURES = ["expected", "onTime", "late", "returned", "missing", "notDue", "rate"] as const;
type Figure = (typeof FIGURES)[number];

/**
 * A figure's definition one click away: a "?" button opening a native popover (keyboard and screen
 * reader friendly, closes with Esc or a click outside, no client JavaScript).
 */
function DefinitionButton({ figure, label, text, t }: { figure: Figure; label: string; text: string; t: Translate }) {
  const id = `compliance-def-${figure}`;
  return (
    <>
      <button
        type="button"
        popoverTarget={id}
        aria-label={t("compliance.definitions.open", { figure: label })}
        title={t("compliance.definitions.open", { figure: label })}
        data-testid={`compliance-def-button-${figure}`}
        className="inline-flex size-4 shrink-0 items-center justify-center rounded-full border border-slate-300 text-[10px] leading-none font-semibold text-slate-500 hover:border-brand-600 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        ?
      </button>
      <div
        id={id}
        popover="auto"
        role="dialog"
        aria-label={t("compliance.definitions.open", { figure: label })}
        data-testid={`compliance-def-${figure}`}
        className="m-auto w-[min(22rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-4 text-left text-sm leading-relaxed text-slate-700 shadow-xl backdrop:bg-slate-900/20"
      >
        <div className="mb-1 text-xs font-semibold tracking-wide text-slate-500">
          {t("compliance.definitions.title")} · {label}
        </div>
        <p>{text}</p>
        <button
          type="button"
          popoverTarget={id}
          popoverTargetAction="hide"
          className="mt-3 rounded-md border border-slate-300 px-2.5 py-1 text-xs text-slate-600 hover:bg-slate-50"
        >
          {t("compliance.definitions.close")}
        </button>
      </div>
    </>
  );
}

export async function ComplianceTiles({ totals, dueOn }: { totals: ComplianceFigures; dueOn: string }) {
  const { locale, t } = await getTranslator();
  const number = (value: number) => formatNumber(value, locale);
  const due = formatDate(new Date(`${dueOn}T00:00:00Z`), locale);
  const define = (figure: Figure) => t(`compliance.definitions.${figure}`, { due });
  const tiles: { key: Figure; value: string; tone: string }[] = [
    { key: "expected", value: number(totals.expected), tone: "text-slate-900" },
    { key: "onTime", value: number(totals.onTime), tone: "text-light-green" },
    { key: "late", value: number(totals.late), tone: "text-light-yellow" },
    { key: "returned", value: number(totals.returned), tone: "text-amber-700" },
    { key: "missing", value: number(totals.missing), tone: "text-light-red" },
    { key: "notDue", value: number(totals.notDue), tone: "text-slate-700" },
    {
      key: "rate",
      value: totals.onTimeRate === null ? t("compliance.none") : formatPercent(totals.onTimeRate, locale),
      tone: "text-brand-700",
    },
  ];
  return (
    <div className="space-y-2">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7">
        {tiles.map((tile) => (
          <Card
            key={tile.key}
            className={cn("px-4 py-3", tile.key === "rate" && "col-span-2 sm:col-span-1")}
            data-testid={`compliance-tile-${tile.key}`}
          >
            <div className="flex items-start justify-between gap-2">
              <span className="text-xs leading-snug text-slate-500">{t(`compliance.tiles.${tile.key}`)}</span>
              <DefinitionButton figure={tile.key} label={t(`compliance.tiles.${tile.key}`)} text={define(tile.key)} t={t} />
            </div>
            <div className={cn("mt-1 text-2xl font-bold tabular-nums", tile.tone)} data-testid="compliance-tile-value">
              {tile.value}
            </div>
          </Card>
        ))}
      </div>
      <details className="group rounded-lg border border-slate-200 bg-white text-sm" data-testid="compliance-definitions">
        <summary className="cursor-pointer px-4 py-2 text-xs font-medium text-slate-600 hover:text-slate-900">
          {t("compliance.definitions.panel")}
        </summary>
        <dl className="grid gap-x-6 gap-y-2 border-t border-slate-100 px-4 py-3 sm:grid-cols-2">
          {FIGURES.map((figure) => (
            <div key={figure}>
              <dt className="font-medium text-slate-800">{t(`compliance.tiles.${figure}`)}</dt>
              <dd className="text-slate-600">{define(figure)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}

function figureCells(row: ComplianceFigures, t: Translate, locale: Locale) {
  const number = (value: number, tone?: string) => <span className={value > 0 ? tone : "text-slate-300"}>{formatNumber(value, locale)}</span>;
  return (
    <>
      <td className={TD}>{formatNumber(row.expected, locale)}</td>
      <td className={TD}>{number(row.onTime, "text-slate-900")}</td>
      <td className={TD}>{number(row.late, "text-light-yellow")}</td>
      <td className={TD} data-testid="cell-returned">
        {number(row.returned, "font-medium text-amber-700")}
      </td>
      <td className={TD} data-testid="cell-missing">
        {number(row.missing, "font-semibold text-light-red")}
      </td>
      <td className={TD}>{number(row.notDue, "text-slate-700")}</td>
      <td className={TD}>{row.onTimeRate === null ? <span className="text-slate-300">{t("compliance.none")}</span> : formatPercent(row.onTimeRate, locale)}</td>
    </>
  );
}

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Card className="overflow-hidden">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
        {action}
      </div>
      <div className="overflow-x-auto">{children}</div>
    </Card>
  );
}

export async function GroupComplianceTable({ view }: { view: ComplianceView }) {
  const { locale, t } = await getTranslator();
  return (
    <Section title={t("compliance.byGroup")}>
      <table data-testid="compliance-groups" className="w-full min-w-[48rem] text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2.5 text-left">
              {t("compliance.columns.group")}
            </th>
            {(["expected", "onTime", "late", "returned", "missing", "notDue", "rate"] as const).map((column) => (
              <th key={column} scope="col" className={TH}>
                {t(`compliance.columns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {view.byGroup.length === 0 && (
            <tr>
              <td colSpan={8} className="px-3 py-8 text-center text-slate-500">
                {t("compliance.empty")}
              </td>
            </tr>
          )}
          {view.byGroup.map((row) => (
            <tr key={row.id} data-testid="compliance-group-row" className="hover:bg-slate-50/60">
              <th scope="row" className="px-3 py-2 text-left font-medium text-slate-800">
                {row.name}
              </th>
              {figureCells(row, t, locale)}
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

async function SortHeader({ view, sort, label }: { view: ComplianceView; sort: UnitSort; label: string }) {
  const { t } = await getTranslator();
  const active = view.sort === sort;
  const Icon = !active ? ArrowUpDown : view.dir === "desc" ? ArrowDown : ArrowUp;
  return (
    <th
      scope="col"
      aria-sort={active ? (view.dir === "desc" ? "descending" : "ascending") : "none"}
      className={sort === "unit" ? "px-3 py-2.5 text-left" : TH}
    >
      <Link
        href={complianceHref(view, sort)}
        data-testid={`sort-${sort}`}
        title={t("compliance.sortBy", { column: label })}
        className={cn("inline-flex items-center gap-1 hover:text-slate-900", active && "text-slate-900")}
      >
        {label}
        <Icon className={cn("size-3.5", active ? "text-brand-700" : "text-slate-400")} aria-hidden />
      </Link>
    </th>
  );
}

export async function UnitComplianceTable({ view, canRemind, mail }: { view: ComplianceView; canRemind: boolean; mail: boolean }) {
  const { locale, t } = await getTranslator();
  const owing = view.byUnit.filter((row) => row.unsubmitted > 0).map((row) => ({ id: row.id, name: row.name }));
  const plain = (column: "onTime" | "late" | "notDue" | "returned") => (
    <th key={column} scope="col" className={TH}>
      {t(`compliance.columns.${column}`)}
    </th>
  );
  return (
    <Section
      title={t("compliance.byUnit")}
      action={canRemind && owing.length > 0 ? <RemindButton period={view.period} units={owing} all mail={mail} /> : undefined}
    >
      <table data-testid="compliance-units" className="w-full min-w-[60rem] text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold text-slate-600">
          <tr>
            <SortHeader view={view} sort="unit" label={t("compliance.columns.unit")} />
            <SortHeader view={view} sort="expected" label={t("compliance.columns.expected")} />
            {plain("onTime")}
            {plain("late")}
            {plain("returned")}
            <SortHeader view={view} sort="missing" label={t("compliance.columns.missing")} />
            {plain("notDue")}
            <SortHeader view={view} sort="rate" label={t("compliance.columns.rate")} />
            {canRemind && (
              <>
                <th scope="col" className="px-3 py-2.5 text-left whitespace-nowrap">
                  {t("compliance.columns.reminded")}
                </th>
                <th scope="col" className="px-3 py-2.5 text-left whitespace-nowrap">
                  {t("compliance.columns.actions")}
                </th>
              </>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {view.byUnit.length === 0 && (
            <tr>
              <td colSpan={canRemind ? 10 : 8} className="px-3 py-8 text-center text-slate-500">
                {t("compliance.empty")}
              </td>
            </tr>
          )}
          {view.byUnit.map((row) => (
              <tr key={row.id} data-testid="compliance-unit-row" data-unit={row.name} className="hover:bg-slate-50/60">
                <th scope="row" className="px-3 py-2 text-left font-medium text-slate-800">
                  {row.name}
                </th>
                {figureCells(row, t, locale)}
                {canRemind && (
                  <>
                    <td className="px-3 py-2 text-xs whitespace-nowrap text-slate-500">
                      {row.lastRemindedAt ? t("compliance.remindedAt", { time: formatDateTime(new Date(row.lastRemindedAt), locale) }) : ""}
                    </td>
                    <td className="px-3 py-2">
                      {row.unsubmitted > 0 && <RemindButton period={view.period} units={[{ id: row.id, name: row.name }]} mail={mail} />}
                    </td>
                  </>
                )}
              </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

export async function UnsubmittedTable({ view }: { view: ComplianceView }) {
  const { locale, t } = await getTranslator();
  return (
    <Section title={`${t("compliance.unsubmitted.title")}（${formatNumber(view.unsubmittedTotal, locale)}）`}>
      <table data-testid="compliance-unsubmitted" className="w-full min-w-[48rem] text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold text-slate-600">
          <tr>
            {(["unit", "code", "task", "group", "state"] as const).map((column) => (
              <th key={column} scope="col" className="px-3 py-2.5 whitespace-nowrap">
                {t(`compliance.unsubmitted.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {view.unsubmitted.length === 0 && (
            <tr>
              <td colSpan={5} className="px-3 py-8 text-center text-slate-500">
                {t("compliance.unsubmitted.empty")}
              </td>
            </tr>
          )}
          {view.unsubmitted.map((row) => (
            <tr key={row.taskId} data-testid="compliance-unsubmitted-row" className="hover:bg-slate-50/60">
              <td className="px-3 py-2 whitespace-nowrap text-slate-700">{row.unitName}</td>
              <td className="px-3 py-2 font-mono text-xs whitespace-nowrap text-slate-600">{row.code}</td>
              <td className="px-3 py-2">
                <Link href={`/tasks/${row.taskId}`} className="text-brand-700 hover:underline">
                  {row.title}
                </Link>
              </td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-600">{row.groupName}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                <span
                  className={cn(
                    "inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
                    row.timeliness === "MISSING" ? "bg-red-50 text-light-red ring-red-600/25" : "bg-slate-50 text-slate-600 ring-slate-500/25",
                  )}
                >
                  {row.timeliness === "MISSING" ? t("compliance.unsubmitted.missing") : t("compliance.unsubmitted.notDue")}
                </span>
                {row.reportStatus === "DRAFT" && <span className="ml-2 text-xs text-slate-500">{t("compliance.unsubmitted.draft")}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.unsubmittedTotal > view.unsubmitted.length && (
        <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
          {t("compliance.unsubmitted.more", { shown: view.unsubmitted.length, total: view.unsubmittedTotal })}
        </p>
      )}
    </Section>
  );
}
