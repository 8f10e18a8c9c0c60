// 形式主义预警 at a glance: the office's workbench card and the cockpit's line — open signals per kind,
// each a link to the list filtered to that kind — and the rules' settings on the 预警规则 card.
// Server components (the translator is passed in).
import Link from "next/link";
import { WorkbenchCard, WorkbenchRow } from "@/components/workbench/workbench-card";
import type { ThresholdValues } from "@/lib/dashboard/workbench-types";
import type { Locale } from "@/lib/i18n/config";
import { formatNumber, formatPercent } from "@/lib/i18n/format";
import type { Translate } from "@/lib/i18n/translate";
import { SIGNAL_KINDS } from "@/lib/signals/rules";
import type { SignalCounts } from "@/lib/signals/types";

export function SignalsCard({ counts, t, locale }: { counts: SignalCounts; t: Translate; locale: Locale }) {
  return (
    <WorkbenchCard
      id="signals"
      title={t("signals.title")}
      count={counts.total}
      countText={formatNumber(counts.total, locale)}
      tone="yellow"
      href={counts.href}
      summary={t("signals.summary.hint")}
      viewAll={t("workbench.viewAll")}
      empty={t("signals.summary.none")}
    >
      {SIGNAL_KINDS.filter((kind) => counts.byKind[kind] > 0).map((kind) => (
        <WorkbenchRow
          key={kind}
          testId="workbench-signal-row"
          href={counts.hrefs[kind]}
          title={t(`signals.kinds.${kind}`)}
          aside={
            <span className="font-medium text-light-yellow">
              {t("signals.summary.count", { n: formatNumber(counts.byKind[kind], locale) })}
            </span>
          }
        />
      ))}
    </WorkbenchCard>
  );
}

/** The cockpit's strip: the total and each kind, linked to the list. */
export function SignalsStrip({ counts, t, locale }: { counts: SignalCounts; t: Translate; locale: Locale }) {
  return (
    <section
      aria-labelledby="cockpit-signals-title"
      className="rounded-xl border border-amber-200 bg-amber-50/60 px-4 py-3"
      data-testid="cockpit-signals"
    >
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <h2 id="cockpit-signals-title" className="text-sm font-semibold text-amber-900">
          <Link href={counts.href} className="hover:underline" data-testid="cockpit-signals-total">
            {t("signals.title")} · {t("signals.summary.open", { n: formatNumber(counts.total, locale) })}
          </Link>
        </h2>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {SIGNAL_KINDS.map((kind) => (
            <li key={kind}>
              <Link href={counts.hrefs[kind]} className="text-amber-900 hover:underline" data-testid={`cockpit-signals-${kind}`}>
                {t(`signals.kinds.${kind}`)} <span className="font-semibold tabular-nums">{formatNumber(counts.byKind[kind], locale)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

/** The rules' settings, as lines of the 预警规则 card's list. */
export function SignalSettingsList({ values, t, locale }: { values: ThresholdValues; t: Translate; locale: Locale }) {
  const rows = [
    ["signalCopySimilarity", t("signals.settings.similarityValue", { percent: formatPercent(values.signalCopySimilarity, locale) })],
    ["signalFrozenMonths", t("signals.settings.monthsValue", { n: values.signalFrozenMonths })],
    ["signalCloseOutFloor", t("signals.settings.floorValue", { percent: formatPercent(values.signalCloseOutFloor, locale) })],
  ] as const;
  return (
    <>
      {rows.map(([name, value]) => (
        <div key={name} className="flex justify-between gap-3">
          <dt className="text-slate-600">{t(`signals.settings.${name}`)}</dt>
          <dd className="font-medium text-slate-900" data-testid={`workbench-threshold-${name}`}>
            {value}
          </dd>
        </div>
      ))}
    </>
  );
}
