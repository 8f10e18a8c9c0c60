// The light's reasons in words, in the reader's language: one pure formatter for the ledger, its
// Excel export and print view, the cockpit, the big screen, the task page and the API. Dates and
// percents go through the shared formatters (2026年12月31日, 80%).
import type { Locale } from "@/lib/i18n/config";
import { formatDate, formatMonth, formatPercent } from "@/lib/i18n/format";
import type { Translate } from "@/lib/i18n/translate";
import type { LightReasonDetail } from "./rules";

/** YYYY-MM-DD or YYYY-MM as the UTC midnight the formatters (Beijing time) show as that day. */
const dayOf = (iso: string) => new Date(`${iso.length === 7 ? `${iso}-01` : iso}T00:00:00Z`);

/** One reason as a sentence, e.g. 序时节点「完成试点」逾期45天未完成（计划2026年10月8日）. */
export function lightReasonText(reason: LightReasonDetail, t: Translate, locale: Locale): string {
  const date = (iso: string) => formatDate(dayOf(iso), locale);
  const days = (count: number) => (count === 1 ? t("ledger.reasonTexts.oneDay") : t("ledger.reasonTexts.days", { count }));
  switch (reason.code) {
    case "overdue":
      return t("ledger.reasonTexts.overdue", { dueDate: date(reason.dueDate), days: days(reason.days) });
    case "milestoneLateLong":
    case "milestoneLate":
      return t(reason.lateMilestones > 1 ? "ledger.reasonTexts.milestones" : "ledger.reasonTexts.milestone", {
        milestone: reason.milestone,
        plannedDate: date(reason.plannedDate),
        days: days(reason.days),
        count: reason.lateMilestones,
      });
    case "lagRed":
    case "lagYellow":
      return t("ledger.reasonTexts.lag", {
        lag: reason.lag,
        planned: formatPercent(reason.planned, locale),
        actual: formatPercent(reason.actual, locale),
      });
    case "reportMissing":
      return t("ledger.reasonTexts.reportMissing", { month: formatMonth(dayOf(reason.period), locale), dueOn: date(reason.dueOn) });
  }
}

/** Every reason of a light as one line (the Excel cell, a tooltip); empty without reasons. */
export function lightReasonsText(reasons: readonly LightReasonDetail[], t: Translate, locale: Locale): string {
  return reasons.map((reason) => lightReasonText(reason, t, locale)).join(t("ledger.reasonTexts.separator"));
}
