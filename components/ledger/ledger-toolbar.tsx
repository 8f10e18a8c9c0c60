// The ledger's filters: a GET form (so the view lives in the URL and works without JavaScript) and
// the light chips with their counts under the other filters.
import { CalendarClock, Search } from "lucide-react";
import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { getTranslator } from "@/lib/i18n/server";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import type { LedgerOptions, LedgerPage, Option } from "@/lib/ledger/queries";
import { LEDGER_SIGNALS, ledgerHref, ledgerQuery, parseDay, TASK_SOURCES, TASK_STATUSES, type LedgerParams } from "@/lib/ledger/schemas";
import { LIGHTS, type Light } from "@/lib/tasks/rules";
import { LIGHT_STYLES } from "./light-badge";

const selectClass =
  "block h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-700 focus:border-brand-500 focus:outline-none";

function Field({ id, label, children, className }: { id: string; label: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-500">
        {label}
      </label>
      {children}
    </div>
  );
}

function Choice({ id, name, value, options, all }: { id: string; name: string; value: string; options: Option[]; all: string }) {
  return (
    <select id={id} name={name} defaultValue={value} className={selectClass}>
      <option value="">{all}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

export async function LedgerToolbar({ params, page, options }: { params: LedgerParams; page: LedgerPage; options: LedgerOptions }) {
  const { t, locale } = await getTranslator();
  const all = t("ledger.filters.all");
  // what the form does not show, it carries along; a new filter starts again on page 1
  const carried = ledgerQuery(params, { page: 1 });
  const hidden = (["sort", "dir", "size", "cols", "light"] as const).filter((key) => carried[key]);
  const pastDay = page.asOf !== page.today;

  return (
    <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <form method="get" action="/tasks" role="search" className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-6">
        {hidden.map((key) => (
          <input key={key} type="hidden" name={key} value={carried[key]} />
        ))}
        <Field id="ledger-q" label={t("ledger.filters.search")} className="col-span-2">
          <div className="relative">
            <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-400" aria-hidden />
            <input
              id="ledger-q"
              name="q"
              type="search"
              defaultValue={params.q}
              placeholder={t("ledger.filters.searchPlaceholder")}
              className="block h-9 w-full rounded-md border border-slate-300 bg-white pr-3 pl-8 text-sm focus:border-brand-500 focus:outline-none"
            />
          </div>
        </Field>
        <Field id="ledger-year" label={t("ledger.filters.year")}>
          <select id="ledger-year" name="year" defaultValue={String(page.year)} className={selectClass}>
            {options.years.map((year) => (
              <option key={year} value={year}>
                {t("ledger.filters.yearValue", { year })}
              </option>
            ))}
          </select>
        </Field>
        <Field id="ledger-group" label={t("ledger.filters.group")}>
          <Choice id="ledger-group" name="group" value={params.groupId ?? ""} options={options.groups} all={all} />
        </Field>
        <Field id="ledger-lead" label={t("ledger.filters.leadUnit")}>
          <Choice id="ledger-lead" name="lead" value={params.leadUnitId ?? ""} options={options.units} all={all} />
        </Field>
        <Field id="ledger-coop" label={t("ledger.filters.cooperatingUnit")}>
          <Choice id="ledger-coop" name="coop" value={params.cooperatingUnitId ?? ""} options={options.units} all={all} />
        </Field>
        <Field id="ledger-leader" label={t("ledger.filters.leader")}>
          <Choice id="ledger-leader" name="leader" value={params.leaderId ?? ""} options={options.leaders} all={all} />
        </Field>
        <Field id="ledger-key" label={t("ledger.filters.key")}>
          <Choice
            id="ledger-key"
            name="key"
            value={params.isKey === null ? "" : params.isKey ? "1" : "0"}
            options={[
              { value: "1", label: t("ledger.filters.keyOnly") },
              { value: "0", label: t("ledger.filters.nonKey") },
            ]}
            all={all}
          />
        </Field>
        <Field id="ledger-adjusted" label={t("ledger.filters.adjusted")}>
          <Choice
            id="ledger-adjusted"
            name="adjusted"
            value={params.adjusted === null ? "" : params.adjusted ? "1" : "0"}
            options={[
              { value: "1", label: t("ledger.filters.adjustedOnly") },
              { value: "0", label: t("ledger.filters.notAdjusted") },
            ]}
            all={all}
          />
        </Field>
        <Field id="ledger-source" label={t("ledger.filters.source")}>
          <Choice
            id="ledger-source"
            name="source"
            value={params.source ?? ""}
            options={TASK_SOURCES.map((source) => ({ value: source, label: t(`ledger.sources.${source}`) }))}
            all={all}
          />
        </Field>
        <Field id="ledger-status" label={t("ledger.filters.status")}>
          <Choice
            id="ledger-status"
            name="status"
            value={params.status ?? ""}
            options={TASK_STATUSES.map((status) => ({ value: status, label: t(`ledger.statuses.${status}`) }))}
            all={all}
          />
        </Field>
        {page.signalFilter && (
          <Field id="ledger-signal" label={t("signals.ledger.filter")}>
            <Choice
              id="ledger-signal"
              name="signal"
              value={params.signal ?? ""}
              options={LEDGER_SIGNALS.map((signal) => ({ value: signal, label: t(`signals.kinds.${signal}`) }))}
              all={t("signals.ledger.none")}
            />
          </Field>
        )}
        {page.asOfEditable && (
          <Field id="ledger-asof" label={t("ledger.filters.asOf")}>
            <input
              id="ledger-asof"
              name="asOf"
              type="date"
              max={page.today}
              defaultValue={pastDay ? page.asOf : ""}
              className="block h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-700 focus:border-brand-500 focus:outline-none"
            />
          </Field>
        )}
        <div className="flex items-end gap-2">
          <button type="submit" className="h-9 rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800">
            {t("ledger.filters.apply")}
          </button>
          <Link href="/tasks" className="inline-flex h-9 items-center rounded-md px-3 text-sm text-slate-600 hover:bg-slate-100">
            {t("ledger.filters.reset")}
          </Link>
        </div>
      </form>

      {pastDay && (
        <p className="flex items-center gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <CalendarClock className="size-4" aria-hidden />
          {t("ledger.asOfPast", { date: formatDate(parseDay(page.asOf)!, locale) })}
          <Link href={ledgerHref(params, { asOf: null, page: 1 })} className="ml-auto font-medium text-brand-700 hover:underline">
            {t("ledger.backToToday")}
          </Link>
        </p>
      )}

      <LightChips params={params} page={page} />
    </div>
  );
}

async function LightChips({ params, page }: { params: LedgerParams; page: LedgerPage }) {
  const { t, locale } = await getTranslator();
  const total = LIGHTS.reduce((sum, light) => sum + page.counts[light], 0);
  const toggle = (light: Light) =>
    params.lights.includes(light) ? params.lights.filter((item) => item !== light) : [...params.lights, light];
  const chip = "inline-flex items-center gap-2 rounded-full border px-3 py-1 text-sm transition-colors";
  return (
    <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3" aria-label={t("ledger.columns.light")}>
      <Link
        href={ledgerHref(params, { lights: [], page: 1 })}
        aria-current={params.lights.length === 0 ? "true" : undefined}
        className={cn(
          chip,
          params.lights.length === 0
            ? "border-brand-700 bg-brand-700 text-white"
            : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
        )}
      >
        {t("ledger.filters.allLights")}
        <span className="tabular-nums opacity-80">{formatNumber(total, locale)}</span>
      </Link>
      {LIGHTS.map((light) => {
        const active = params.lights.includes(light);
        return (
          <Link
            key={light}
            href={ledgerHref(params, { lights: toggle(light), page: 1 })}
            // a link cannot be "pressed": the chosen light filters are the current ones
            aria-current={active ? "true" : undefined}
            className={cn(
              chip,
              active
                ? cn(LIGHT_STYLES[light].badge, "border-transparent font-medium ring-2")
                : "border-slate-200 bg-white text-slate-700 hover:bg-slate-50",
            )}
          >
            <span aria-hidden className={cn("size-2.5 rounded-full", LIGHT_STYLES[light].dot)} />
            {t(`ledger.lights.${light}`)}
            <span className="rounded-full bg-slate-900/5 px-1.5 text-xs font-semibold tabular-nums">
              {formatNumber(page.counts[light], locale)}
            </span>
          </Link>
        );
      })}
    </div>
  );
}
