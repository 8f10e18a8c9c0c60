// "What was found", in words: one sentence per signal for the list, the review panel and the tests.
// Pure (the translator and the locale are passed in), so server and client components share it.
import type { Locale } from "@/lib/i18n/config";
import { formatDate, formatMonth, formatNumber, formatPercent } from "@/lib/i18n/format";
import type { Translate } from "@/lib/i18n/translate";
import type { SignalView } from "@/lib/signals/types";

const month = (key: string | null, locale: Locale) => (key ? formatMonth(new Date(`${key}-01T00:00:00+08:00`), locale) : "—");

/** The similarity as a percent with one decimal: 95.2%. */
export function similarityText(value: number, locale: Locale): string {
  return formatPercent(Math.floor(value * 1000) / 10, locale, 1);
}

export function findingText(signal: SignalView, t: Translate, locale: Locale): string {
  switch (signal.kind) {
    case "COPIED_REPORT":
      return t("signals.findings.COPIED_REPORT", {
        month: month(signal.report?.period ?? signal.period, locale),
        previous: month(signal.previousReport?.period ?? null, locale),
        similarity: similarityText(signal.value, locale),
      });
    case "FROZEN_PERCENT":
      return t("signals.findings.FROZEN_PERCENT", {
        months: formatNumber(signal.value, locale),
        percent: formatPercent(signal.percent ?? 0, locale),
        from: month(signal.previousReport?.period ?? null, locale),
        to: month(signal.report?.period ?? signal.period, locale),
        planned: formatPercent(signal.planned ?? 0, locale),
      });
    case "LOW_CLOSEOUT": {
      const applied = signal.closeOut ? formatDate(new Date(signal.closeOut.appliedAt), locale) : month(signal.period, locale);
      const floor = formatPercent(signal.percent ?? 0, locale);
      return signal.report
        ? t("signals.findings.LOW_CLOSEOUT", { applied, percent: formatPercent(signal.value, locale), floor })
        : t("signals.findings.LOW_CLOSEOUT_NONE", { applied, floor });
    }
    case "REUSED_FILE": {
      const first = signal.previousAttachment;
      const text = t("signals.findings.REUSED_FILE", {
        month: month(signal.period, locale),
        file: signal.attachment?.fileName ?? "—",
        otherTask: first ? `${first.taskCode} ${first.taskTitle}` : "—",
        otherMonth: first
          ? t("signals.findings.ownerMonth", {
              month: month(first.period, locale),
              owner: t(`signals.owners.${first.ownerType as "ProgressReport"}`),
            })
          : "",
      });
      return signal.value > 1 ? `${text}${t("signals.findings.earlierUses", { n: formatNumber(signal.value, locale) })}` : text;
    }
  }
}

/** Who set the signal aside, when and why. */
export function dismissalText(signal: SignalView, t: Translate, locale: Locale): string | null {
  if (!signal.dismissed) return null;
  const at = formatDate(new Date(signal.dismissed.at), locale);
  return signal.dismissed.by
    ? t("signals.dismissedBy", { by: signal.dismissed.by, at, reason: signal.dismissed.reason })
    : t("signals.dismissedNoName", { at, reason: signal.dismissed.reason });
}
