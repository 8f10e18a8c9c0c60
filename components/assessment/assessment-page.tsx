// 考核: the office runs, reviews, adjusts, publishes and exports; a unit reads its score card, the
// figures behind each indicator (linked down to the tasks, reports and notices) and files objections.
import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { assessmentView, schemeView, type AssessmentParams } from "@/lib/assessment/queries";
import type { IndicatorCode } from "@/lib/assessment/rules";
import type { AssessmentView, IndicatorCard, ObjectionView, ScoreCard } from "@/lib/assessment/types";
import type { Actor } from "@/lib/auth/actor";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
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
                <span className="block font-normal text-slate-400">{t("assessment.weight", { weight: indicator.weight })}</span>
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
                  {points(row.items[indicator.code] ?? 0, locale)}
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
      <ul className="divide-y divide-slate-100">
        {card.items.map((item) => (
          <li key={item.code} className="py-3" data-testid={`indicator-${item.code.toLowerCase()}`}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <span className="font-medium text-slate-800">{t(`assessment.indicators.${item.code}`)}</span>
              <span className="tabular-nums text-slate-700">
                <span className="font-semibold text-slate-900">{points(item.score, locale)}</span> / {item.weight}
              </span>
            </div>
            <Trace view={view} card={card} item={item} t={t} />
          </li>
        ))}
      </ul>
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
                {adjustment.reason} <span className="text-slate-400">{formatDateTime(new Date(adjustment.createdAt), locale)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

const linkClass = "text-brand-700 hover:underline";

function Trace({ view, card, item, t }: { view: AssessmentView; card: ScoreCard; item: IndicatorCard; t: Translate }) {
  const e = item.evidence;
  const key = item.code.toLowerCase();
  const code: IndicatorCode = item.code;
  const ledger = ledgerHref(DEFAULT_LEDGER_PARAMS, { year: view.year, leadUnitId: card.unitId });
  let summary = "";
  let list: ReactNode = null;
  switch (code) {
    case "COMPLETION":
      summary = t("assessment.trace.completion", { asOf: e.asOf ?? "", due: e.due ?? 0, done: e.done ?? 0 });
      list = e.tasks?.map((task) => (
        <li key={task.id}>
          <Link href={`/tasks/${task.id}`} className={linkClass}>
            {task.code}
          </Link>{" "}
          {task.done ? t("assessment.trace.done") : t("assessment.trace.notDone")}
        </li>
      ));
      break;
    case "SCHEDULE":
      summary = t("assessment.trace.schedule", { counted: e.counted ?? 0, green: e.green ?? 0 });
      list = e.tasks?.map((task) => (
        <li key={task.id}>
          <Link href={`/tasks/${task.id}`} className={linkClass}>
            {task.code}
          </Link>{" "}
          {t("assessment.trace.greenOf", { green: task.green ?? 0, counted: task.counted ?? 0 })}
        </li>
      ));
      break;
    case "TIMELINESS":
      summary = t("assessment.trace.timeliness", {
        total: (e.onTime ?? 0) + (e.late ?? 0) + (e.missing ?? 0),
        onTime: e.onTime ?? 0,
        late: e.late ?? 0,
        missing: e.missing ?? 0,
      });
      list = e.reports?.map((report) => (
        <li key={`${report.taskId}-${report.period}`}>
          <Link href={`/tasks/${report.taskId}`} className={linkClass}>
            {report.code}
          </Link>{" "}
          <Link href={`/reports/compliance?period=${report.period}`} className={linkClass}>
            {report.period}
          </Link>{" "}
          {t(`assessment.trace.${report.timeliness}`)}
        </li>
      ));
      break;
    case "SUPERVISION":
      summary = t("assessment.trace.supervision", { received: e.received ?? 0, answeredOnTime: e.answeredOnTime ?? 0 });
      list = e.notices?.map((notice) => (
        <li key={notice.id}>
          <Link href={`/supervision/${notice.id}`} className={linkClass}>
            {notice.number}
          </Link>{" "}
          {notice.onTime ? t("assessment.trace.onTime") : t("assessment.trace.notOnTime")}
        </li>
      ));
      break;
    case "INNOVATION":
      summary = t("assessment.trace.innovation", { count: e.count ?? 0, raw: item.raw, cap: item.cap ?? item.weight });
      list = e.items?.map((entry) => (
        <li key={entry.id}>
          {t(`assessment.trace.sources.${entry.source}`)} · {t(`assessment.trace.levels.${entry.level}`)} ·{" "}
          {entry.source === "MONTHLY" ? (
            entry.title
          ) : (
            <Link href="/library" className={linkClass}>
              {entry.title}
            </Link>
          )}
        </li>
      ));
      break;
  }
  return (
    <details className="mt-1 text-sm text-slate-600" data-testid={`indicator-trace-${key}`}>
      <summary className="cursor-pointer">{summary}</summary>
      <div className="mt-2 space-y-2 pl-4">
        {(code === "COMPLETION" || code === "SCHEDULE") && (
          <Link href={ledger} className={linkClass} data-testid={`indicator-ledger-${key}`}>
            {t("assessment.trace.ledger")}
          </Link>
        )}
        {Array.isArray(list) && list.length > 0 ? (
          <ul className="grid gap-x-6 gap-y-1 sm:grid-cols-2">{list}</ul>
        ) : (
          <p className="text-slate-400">{t("assessment.trace.none")}</p>
        )}
      </div>
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
          <p className="text-xs text-slate-400">
            {t("assessment.objection.filedAt", { at: formatDateTime(new Date(objection.createdAt), locale) })}
          </p>
          {objection.answer && (
            <div className="mt-2 rounded bg-slate-50 p-2">
              <p className="whitespace-pre-wrap text-slate-700">{objection.answer}</p>
              {objection.answeredAt && (
                <p className="text-xs text-slate-400">
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
