"use client";

// The facts that say a task may not be finished (lib/tasks/closeout-rules.ts), as the applicant
// sees them before submitting and the office before approving: one amber box, each fact on a line.
import { AlertTriangle } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { formatDate, formatPercent } from "@/lib/i18n/format";
import { useI18n } from "@/lib/i18n/client";
import type { CloseOutWarning } from "@/lib/tasks/closeout-rules";

const day = (value: string) => new Date(`${value}T00:00:00Z`);

export function CloseOutWarnings({ warnings, title, className }: { warnings: CloseOutWarning[]; title: string; className?: string }) {
  const { t, locale } = useI18n();
  if (warnings.length === 0) return null;
  return (
    <div role="alert" data-testid="closeout-warnings" className={cn("rounded-lg border border-amber-300 bg-amber-50 px-4 py-3", className)}>
      <p className="flex items-center gap-2 text-sm font-semibold text-amber-900">
        <AlertTriangle className="size-4 shrink-0 text-amber-600" aria-hidden />
        {title}
      </p>
      <ul className="mt-2 space-y-1.5 pl-6 text-sm text-amber-950">
        {warnings.map((warning) => {
          if (warning.code === "openMilestones") {
            const overdue = warning.milestones.filter((milestone) => milestone.overdue).length;
            return (
              <li key={warning.code} className="list-disc">
                {t("closeOut.warnings.openMilestones", { count: warning.milestones.length, overdue })}
                <ul className="mt-1 space-y-0.5">
                  {warning.milestones.map((milestone) => (
                    <li key={milestone.id} className="flex flex-wrap items-baseline gap-x-2 text-amber-900">
                      <span>「{milestone.title}」</span>
                      <span className="text-xs text-amber-800 tabular-nums">
                        {t("closeOut.planned", {
                          date: formatDate(day(milestone.plannedDate), locale),
                          percent: formatPercent(milestone.plannedPercent, locale),
                        })}
                      </span>
                      {milestone.overdue && (
                        <span className="rounded bg-red-100 px-1.5 text-xs font-medium text-red-700">
                          {t("closeOut.milestoneOverdue", { days: milestone.daysLate })}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            );
          }
          if (warning.code === "percentBelow100")
            return (
              <li key={warning.code} className="list-disc">
                {warning.percent === null
                  ? t("closeOut.warnings.noApproved")
                  : t("closeOut.warnings.percentBelow100", { percent: formatPercent(warning.percent, locale) })}
              </li>
            );
          return (
            <li key={warning.code} className="list-disc">
              {t("closeOut.warnings.light", {
                light: t(`ledger.lights.${warning.light}`),
                reasons: warning.reasons.map((reason) => t(`ledger.reasons.${reason}`)).join("；") || t("closeOut.none"),
              })}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
