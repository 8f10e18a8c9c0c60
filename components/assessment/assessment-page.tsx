// 考核: the office runs, reviews, adjusts, publishes and exports; a unit reads its score card, the
// figures behind each indicator (linked down to the tasks, reports and notices) and files objections.
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { assessmentView, schemeView, type AssessmentParams } from "@/lib/assessment/queries";
import type { AssessmentView, DrillRecord, IndicatorCard, ObjectionView, ScoreCard } from "@/lib/assessment/types";
import type { Actor } from "@/lib/auth/actor";
import { formatDate, formatDateTime, formatMonth, formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import type { Translate } from "@/lib/i18n/translate";
import { DEFAULT_LEDGER_PARAMS, ledgerHref } from "@/lib/ledger/schemas";
import { AdjustDialog, AnswerDialog, ObjectionDialog, PublishButton, RunButton, SchemeDialog } from "./assessment-forms";

type Locale = Awaited<ReturnType<typeof getTranslator>>["locale"];

function one(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

export function parseAssessmentParams(search: Record<string, string | string[] | undefined>): AssessmentParams {
  const year = Number(one(search.year));
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null,
    run: one(search.run),
    unit: one(search.unit),
  };
}

function href(view: AssessmentView, overrides: { year?: number; run?: string | null; unit?: string | null }): string {
  const search = new URLSearchParams();
  search.set("year", String(overrides.year ?? view.year));
  const run = overrides.run === undefined ? view.current?.id : overrides.run;
  if (run) search.set("run", run);
  if (overrides.unit) search.set("unit", overrides.unit);
  return `/assessment?${search.toString()}`;
}

const points = (value: number, locale: Locale) => formatNumber(Math.round(value * 100) / 100, locale);

export async function AssessmentPage({
  actor,
  searchParams,
}: {
  actor: Actor;
  searchParams: Record<string, string | string[] | undefined>;
}) {
  const { t, locale } = await getTranslator();
  const view = await assessmentView(actor, parseAssessmentParams(searchParams));
  const scheme = view.canRun ? await schemeView(actor, view.year) : null;
  const current = view.current;
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold text-slate-900">{t("assessment.title")}</h1>
          <p className="max-w-3xl text-sm text-slate-600">{t("assessment.intro")}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {scheme && <SchemeDialog year={view.year} scheme={scheme} />}
          {view.canRun && <RunButton year={view.year} />}
          {view.canRun && current?.status === "DRAFT" && (
            <PublishButton assessmentId={current.id} version={current.version} run={current.runNumber} />
          )}
          {view.seesAll && current && (
            <a
              href={`/assessment/export?run=${encodeURIComponent(current.id)}`}
              data-testid="assessment-export"
              className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-800 hover:bg-slate-50"
            >
              {t("assessment.export")}
            </a>
          )}
        </div>
      </header>

      <nav aria-label={t("assessment.year")} className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-500">{t("assessment.year")}</span>
        {view.years.map((year) => (
          <Link
            key={year}
            href={href(view, { year, run: null })}
            aria-current={year === view.year ? "page" : undefined}
            className={cn(
              "rounded-md px-2 py-1",
              year === view.year ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100",
            )}
          >
            {year}
          </Link>
        ))}
        {view.runs.length > 0 && <span className="ml-4 text-slate-500">{t("assessment.version")}</span>}
        {view.runs.map((run) => (
          <Link
            key={run.id}
            href={href(view, { run: run.id })}
            data-testid="assessment-version"
            aria-current={run.id === current?.id ? "page" : undefined}
            className={cn(
              "rounded-md px-2 py-1",
              run.id === current?.id ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100",
            )}
          >
            {t("assessment.runLabel", { run: run.runNumber })} · {t(`assessment.status.${run.status}`)}
          </Link>
        ))}
      </nav>

      {!current ? (
        <Card className="p-6 text-sm text-slate-600">{view.seesAll ? t("assessment.noRun") : t("assessment.noRunUnit")}</Card>
      ) : (
        <>
          <p className="text-sm text-slate-600" data-testid="assessment-status">
            {t("assessment.runLabel", { run: current.runNumber })} · {t(`assessment.status.${current.status}`)} ·{" "}
            {t("assessment.computedAt", { at: formatDateTime(new Date(current.computedAt), locale) })}
            {current.publishedAt && (
              <> · {t("assessment.publishedAt", { at: formatDateTime(new Date(current.publishedAt), locale) })}</>
            )} · {t("assessment.units", { count: current.units })}
          </p>
          {view.seesAll && <Ranking view={view} t={t} locale={locale} />}
          {view.card && <ScoreCardView view={view} card={view.card} t={t} locale={locale} />}
          {view.seesAll ? (
            <ObjectionQueue view={view} objections={view.objections} t={t} locale={locale} />
          ) : (
            view.card && (
              <section className="space-y-3" data-testid="objection-thread">
                <div className="flex items-center justify-between">
                  <h2 className="text-lg font-semibold text-slate-900">{t("assessment.objection.title")}</h2>
                  {view.canObject && current.status === "PUBLISHED" && (
                    <ObjectionDialog assessmentId={current.id} unitId={view.card.unitId} />
                  )}
                </div>
                <ObjectionList objections={view.card.objections} t={t} locale={locale} />
              </section>
            )
          )}
        </>
      )}
    </div>
  );
}

function Ranking({ view, t, locale }: { view: AssessmentView; t: Translate; locale: Locale }) {
  const current = view.current!;
  const editable = view.canRun && current.status === "DRAFT";
  return (
    <Card className="overflow-x-auto">
      <h2 className="px-4 pt-4 text-lg font-semibold text-slate-900">{t("assessment.ranking.title")}</h2>
      <table className="mt-3 w-full text-sm" data-testid="assessment-ranking">
        <thead className="bg-slate-50 text-left text-xs text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("assessment.ranking.rank")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("assessment.ranking.unit")}
            </th>
            {view.indicators.map((indicator) => (
              <th key={indicator.code} scope="col" className="px-3 py-2 text-right">
                {t(`assessment.indicators.${indicator.code}`)}
                <span className="block font-normal text-slate-500">{t("assessment.weight", { weight: indicator.weight })}</span>
              </th>
            ))}
            <th scope="col" className="px-3 py-2 text-right">
              {t("assessment.ranking.adjustments")}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t("assessment.ranking.total")}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t("assessment.ranking.objections")}
            </th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">{t("assessment.ranking.view")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {view.ranking.map((row) => (
            <tr
              key={row.unitId}
              data-testid="score-row"
              data-unit={row.unitId}
              className={cn(view.card?.unitId === row.unitId && "bg-brand-50/50")}
            >
              <td className="px-3 py-2 tabular-nums">{row.rank}</td>
              <td className="px-3 py-2">
                <Link href={href(view, { unit: row.unitId })} className="text-brand-700 hover:underline">
                  {row.unitName}
                </Link>
              </td>
              {view.indicators.map((indicator) => (
                <td key={indicator.code} className="px-3 py-2 text-right tabular-nums">
                  {row.absent.includes(indicator.code) ? (
                    <span className="text-slate-500" title={t("assessment.trace.notTakingPart")} data-testid="ranking-absent">
                      —<span className="sr-only">{t("assessment.trace.notTakingPart")}</span>
                    </span>
                  ) : (
                    points(row.items[indicator.code] ?? 0, locale)
                  )}
                </td>
              ))}
              <td className="px-3 py-2 text-right tabular-nums">{row.adjustments ? points(row.adjustments, locale) : "—"}</td>
              <td className="px-3 py-2 text-right font-semibold tabular-nums">{points(row.total, locale)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{row.openObjections || "—"}</td>
              <td className="px-3 py-2 text-right whitespace-nowrap">
                {editable && (
                  <AdjustDialog assessmentId={current.id} version={current.version} unitId={row.unitId} unitName={row.unitName} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function ScoreCardView({ view, card, t, locale }: { view: AssessmentView; card: ScoreCard; t: Translate; locale: Locale }) {
  return (
    <Card className="space-y-4 p-4" data-testid="score-card">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold text-slate-900">{t("assessment.card.title", { unit: card.unitName })}</h2>
        <p className="text-sm text-slate-600">
          {t("assessment.card.total")}{" "}
          <span className="text-2xl font-semibold text-slate-900 tabular-nums">{points(card.total, locale)}</span> ·{" "}
          {t("assessment.card.rank", { rank: card.rank, count: card.unitsCount })}
        </p>
      </div>
      {card.items.length > 0 && card.items.every((item) => item.code === "INNOVATION" || !item.takesPart) && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="score-card-nothing-due">
          {t("assessment.trace.nothingAssessable", { asOf: asOfText(card.items[0]?.evidence.asOf, locale) })}
        </p>
      )}
      <ul className="divide-y divide-slate-100">
        {card.items.map((item) => (
          <IndicatorRow key={item.code} item={item} t={t} locale={locale} />
        ))}
      </ul>
      <div className="flex flex-wrap items-start justify-between gap-3 text-xs text-slate-500">
        <details>
          <summary className="cursor-pointer">{t("assessment.trace.rule")}</summary>
          <p className="mt-1 max-w-3xl">{t("assessment.trace.ruleText")}</p>
        </details>
        <Link
          href={ledgerHref(DEFAULT_LEDGER_PARAMS, { year: view.year, leadUnitId: card.unitId })}
          className={linkClass}
          data-testid="indicator-ledger"
        >
          {t("assessment.trace.ledger")}
        </Link>
      </div>
      <div>
        <h3 className="text-sm font-semibold text-slate-800">{t("assessment.adjust.list")}</h3>
        {card.adjustments.length === 0 ? (
          <p className="text-sm text-slate-500">{t("assessment.adjust.none")}</p>
        ) : (
          <ul className="mt-1 space-y-1 text-sm" data-testid="assessment-adjustments">
            {card.adjustments.map((adjustment) => (
              <li key={adjustment.id}>
                <span className="font-medium tabular-nums">
                  {adjustment.points > 0 ? "+" : ""}
                  {points(adjustment.points, locale)}
                </span>{" "}
                {adjustment.reason} <span className="text-slate-500">{formatDateTime(new Date(adjustment.createdAt), locale)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

const linkClass = "text-brand-700 hover:underline";

const OUTCOME_TONE: Record<NonNullable<DrillRecord["outcome"]>, string> = {
  ON_TIME: "bg-green-50 text-light-green ring-green-600/20",
  LATE: "bg-amber-50 text-amber-700 ring-amber-600/20",
  OPEN: "bg-red-50 text-light-red ring-red-600/20",
  MISSING: "bg-red-50 text-light-red ring-red-600/20",
  NOT_ON_TIME: "bg-red-50 text-light-red ring-red-600/20",
};

/** The as-of day of a run's evidence (YYYY-MM-DD) as the user reads dates. */
const asOfText = (asOf: string | undefined, locale: Locale) => (asOf ? formatDate(new Date(`${asOf}T00:00:00Z`), locale) : "");

function IndicatorRow({ item, t, locale }: { item: IndicatorCard; t: Translate; locale: Locale }) {
  const key = item.code.toLowerCase();
  const asOf = asOfText(item.evidence.asOf, locale);
  const redistributed = item.takesPart && item.code !== "INNOVATION" && Math.abs(item.points - item.weight) >= 0.005;
  return (
    <li className="py-3" data-testid={`indicator-${key}`} data-takes-part={item.takesPart ? "true" : "false"}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <span className="font-medium text-slate-800">{t(`assessment.indicators.${item.code}`)}</span>
        {item.takesPart ? (
          <span className="text-slate-600 tabular-nums" data-testid="indicator-score">
            <span className="text-lg font-semibold text-slate-900">{points(item.score, locale)}</span>
            <span className="ml-1 text-xs">
              {redistributed
                ? t("assessment.trace.redistributed", { points: points(item.points, locale), weight: item.weight })
                : t("assessment.trace.outOf", { points: points(item.points, locale) })}
            </span>
          </span>
        ) : (
          <span className="inline-flex items-center gap-1.5 text-slate-500" data-testid="indicator-absent">
            <span className="text-lg font-semibold text-slate-500" aria-hidden>
              —
            </span>
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">
              {t("assessment.trace.notTakingPart")}
            </span>
          </span>
        )}
      </div>
      {!item.takesPart && <p className="mt-1 text-xs text-slate-500">{t("assessment.trace.notTakingPartHint", { asOf })}</p>}
      <Trace item={item} t={t} locale={locale} />
    </li>
  );
}

function summaryOf(item: IndicatorCard, t: Translate, locale: Locale): string {
  const e = item.evidence;
  switch (item.code) {
    case "COMPLETION":
      return t("assessment.trace.completion", {
        asOf: asOfText(e.asOf, locale),
        due: e.due ?? 0,
        onTime: e.onTime ?? 0,
        late: e.late ?? 0,
        open: (e.due ?? 0) - (e.onTime ?? 0) - (e.late ?? 0),
      });
    case "SCHEDULE":
      return t("assessment.trace.schedule", { counted: e.counted ?? 0, green: e.green ?? 0 });
    case "TIMELINESS":
      return t("assessment.trace.timeliness", {
        total: (e.onTime ?? 0) + (e.late ?? 0) + (e.missing ?? 0),
        onTime: e.onTime ?? 0,
        late: e.late ?? 0,
        missing: e.missing ?? 0,
      });
    case "SUPERVISION":
      return t("assessment.trace.supervision", { received: e.received ?? 0, answeredOnTime: e.answeredOnTime ?? 0 });
    case "INNOVATION":
      return t("assessment.trace.innovation", { count: e.count ?? 0, raw: item.raw, cap: item.cap ?? item.weight });
  }
}

/** The figure's drill-down: every record it was computed from, each linking to its page. */
function Trace({ item, t, locale }: { item: IndicatorCard; t: Translate; locale: Locale }) {
  const key = item.code.toLowerCase();
  const day = (value: string) =>
    value.length === 7 ? formatMonth(new Date(`${value}-01T00:00:00Z`), locale) : formatDate(new Date(`${value}T00:00:00Z`), locale);
  return (
    <details className="group mt-1 text-sm text-slate-600" data-testid={`indicator-trace-${key}`}>
      <summary className="cursor-pointer rounded-sm hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600">
        {summaryOf(item, t, locale)}
        <span className="ml-2 text-xs text-slate-500">{t("assessment.trace.records", { n: item.records.length })}</span>
      </summary>
      {item.records.length === 0 ? (
        <p className="mt-2 pl-4 text-slate-500">{t("assessment.trace.none")}</p>
      ) : (
        <ul
          className="mt-2 max-h-96 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200"
          data-testid={`indicator-records-${key}`}
        >
          {item.records.map((record) => (
            <li
              key={record.key}
              className="grid grid-cols-[3.5rem_minmax(0,1fr)] items-baseline gap-x-3 gap-y-0.5 px-3 py-1.5 sm:flex sm:flex-wrap"
              data-testid="drill-record"
              data-kind={record.kind}
              data-id={record.id}
              data-outcome={record.outcome ?? ""}
            >
              <span className="text-xs text-slate-500 sm:w-16 sm:shrink-0">{t(`assessment.trace.kinds.${record.kind}`)}</span>
              <Link href={record.href} className={cn(linkClass, "min-w-0 flex-1")}>
                {record.label && <span className="mr-1.5 font-mono text-xs">{record.label}</span>}
                {record.title}
              </Link>
              <span className="col-start-2 flex flex-wrap items-baseline gap-2 text-xs text-slate-500 sm:ml-auto sm:shrink-0">
                {record.date && (
                  <span>
                    {record.kind === "REPORT" || record.kind === "NOTICE"
                      ? day(record.date)
                      : t("assessment.trace.dueOn", { date: day(record.date) })}
                  </span>
                )}
                {record.doneOn && <span>{t("assessment.trace.doneOn", { date: day(record.doneOn) })}</span>}
                {record.kind === "TASK_MONTHS" && (
                  <span>{t("assessment.trace.greenOf", { green: record.green ?? 0, counted: record.counted ?? 0 })}</span>
                )}
                {record.level && <span>{t(`assessment.trace.levels.${record.level}`)}</span>}
                {record.outcome && (
                  <span className={cn("rounded-full px-2 py-0.5 font-medium ring-1 ring-inset", OUTCOME_TONE[record.outcome])}>
                    {record.kind === "REPORT" && record.outcome !== "OPEN" && record.outcome !== "NOT_ON_TIME"
                      ? t(`assessment.trace.reportOutcomes.${record.outcome}`)
                      : record.kind === "NOTICE"
                        ? record.outcome === "ON_TIME"
                          ? t("assessment.trace.onTime")
                          : t("assessment.trace.notOnTime")
                        : t(`assessment.trace.outcomes.${record.outcome}`)}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

function ObjectionList({
  objections,
  t,
  locale,
  answerable,
}: {
  objections: ObjectionView[];
  t: Translate;
  locale: Locale;
  answerable?: boolean;
}) {
  if (!objections.length) return <p className="text-sm text-slate-500">{t("assessment.objection.none")}</p>;
  return (
    <ul className="space-y-3">
      {objections.map((objection) => (
        <li
          key={objection.id}
          className="rounded-md border border-slate-200 p-3 text-sm"
          data-testid="objection-item"
          data-status={objection.status}
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="font-medium text-slate-800">{objection.unitName}</span>
            <span className={cn("text-xs", objection.status === "OPEN" ? "text-light-yellow" : "text-light-green")}>
              {t(`assessment.objection.status.${objection.status}`)}
            </span>
          </div>
          <p className="mt-1 whitespace-pre-wrap text-slate-700">{objection.content}</p>
          <p className="text-xs text-slate-500">
            {t("assessment.objection.filedAt", { at: formatDateTime(new Date(objection.createdAt), locale) })}
          </p>
          {objection.answer && (
            <div className="mt-2 rounded bg-slate-50 p-2">
              <p className="whitespace-pre-wrap text-slate-700">{objection.answer}</p>
              {objection.answeredAt && (
                <p className="text-xs text-slate-500">
                  {t("assessment.objection.answeredAt", { at: formatDateTime(new Date(objection.answeredAt), locale) })}
                </p>
              )}
            </div>
          )}
          {answerable && objection.status === "OPEN" && (
            <div className="mt-2">
              <AnswerDialog id={objection.id} unitName={objection.unitName} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

function ObjectionQueue({
  view,
  objections,
  t,
  locale,
}: {
  view: AssessmentView;
  objections: ObjectionView[];
  t: Translate;
  locale: Locale;
}) {
  return (
    <section className="space-y-3" data-testid="objection-queue">
      <h2 className="text-lg font-semibold text-slate-900">{t("assessment.objection.queue")}</h2>
      <ObjectionList objections={objections} t={t} locale={locale} answerable={view.canRun} />
    </section>
  );
}
