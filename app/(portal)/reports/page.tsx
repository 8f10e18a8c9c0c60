import { CalendarClock, Handshake } from "lucide-react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ProgressBadge, STATE_TONES } from "@/components/reports/progress-badge";
import { ProgressContributionForm } from "@/components/reports/progress-contribution-form";
import { ProgressOwedBoard } from "@/components/reports/progress-owed-board";
import { ProgressPeriodPicker } from "@/components/reports/progress-period-picker";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { requireSection } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { formatDate, formatMonth } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { owedReports, reporterUnitId } from "@/lib/reports/progress-queries";
import type { OwedCounts } from "@/lib/reports/types";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("reportsNav.owed") };
}

const COUNT_STATES = [
  ["none", "NONE"],
  ["draft", "DRAFT"],
  ["submitted", "SUBMITTED"],
  ["approved", "APPROVED"],
  ["returned", "RETURNED"],
] as const;

/** 本月待报: the reporter's owed monthly reports, filled in and submitted on one page. */
export default async function OwedReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSection("reports");
  if (!can(actor, "report:write")) redirect(can(actor, "report:review") ? "/reports/review" : "/reports/compliance");
  const { t, locale } = await getTranslator();
  if (!reporterUnitId(actor)) return <p className="text-sm text-slate-500">{t("reports.owed.noUnit")}</p>;

  const { period: asked } = await searchParams;
  const data = await owedReports(actor, Array.isArray(asked) ? asked[0] : asked);
  const month = (key: string) => new Date(`${key}-01T00:00:00Z`);
  const due = formatDate(new Date(`${data.dueOn}T00:00:00Z`), locale);
  const days =
    data.daysLeft > 0
      ? t("reports.owed.daysLeft", { days: data.daysLeft })
      : data.daysLeft === 0
        ? t("reports.owed.dueToday")
        : t("reports.owed.overdue", { days: -data.daysLeft });
  const countLabel = (key: keyof OwedCounts) => t(`reports.owed.counts.${key}`);

  return (
    <div className="space-y-6">
      <Card className="space-y-4 p-5">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="space-y-1">
            <h2 className="text-xl font-semibold text-slate-900">
              {formatMonth(month(data.period), locale)} · {t("reportsNav.owed")}
            </h2>
            <p className="text-sm text-slate-500">{t("reports.owed.unit", { unit: data.unit.name })}</p>
          </div>
          <ProgressPeriodPicker period={data.period} current={data.currentPeriod} periods={data.periods} />
        </div>
        <div className="flex flex-wrap items-center gap-x-6 gap-y-3 border-t border-slate-100 pt-4">
          <p className="flex items-center gap-2 text-sm text-slate-700" data-testid="owed-deadline">
            <CalendarClock className="size-4 text-brand-700" aria-hidden />
            {t("reports.owed.deadline", { date: due })}
            <span
              className={cn(
                "rounded-full px-2 py-0.5 text-xs font-medium",
                data.daysLeft < 0 ? "bg-red-50 text-light-red" : data.daysLeft <= 3 ? "bg-amber-50 text-light-yellow" : "bg-slate-100 text-slate-600",
              )}
            >
              {days}
            </span>
          </p>
          <dl className="flex flex-wrap gap-2" data-testid="owed-counts">
            <div className="flex items-center gap-1.5 rounded-lg bg-slate-900 px-3 py-1.5 text-white">
              <dt className="text-xs">{countLabel("owed")}</dt>
              <dd className="text-sm font-semibold tabular-nums" data-testid="owed-count-owed">
                {data.counts.owed}
              </dd>
            </div>
            {COUNT_STATES.map(([key, state]) => (
              <div key={key} className="flex items-center gap-1.5 rounded-lg border border-slate-200 px-3 py-1.5">
                <dt>
                  <ProgressBadge tone={STATE_TONES[state]}>{countLabel(key)}</ProgressBadge>
                </dt>
                <dd className="text-sm font-semibold text-slate-900 tabular-nums" data-testid={`owed-count-${key}`}>
                  {data.counts[key]}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      </Card>

      {data.tasks.length === 0 ? (
        <Card className="px-5 py-10 text-center text-sm text-slate-400">{t("reports.owed.empty")}</Card>
      ) : (
        <ProgressOwedBoard key={data.period} period={data.period} tasks={data.tasks} maxMb={data.attachmentMaxMb} />
      )}

      <Card className="overflow-hidden" data-testid="cooperating-section">
        <div className="space-y-1 border-b border-slate-100 px-5 py-3">
          <h2 className="flex items-center gap-2 font-semibold text-slate-900">
            <Handshake className="size-4 text-brand-700" aria-hidden />
            {t("reports.cooperating.title")}
            <span className="text-xs font-normal text-slate-500 tabular-nums">{data.cooperating.length}</span>
          </h2>
          <p className="text-xs text-slate-500">{t("reports.cooperating.hint")}</p>
        </div>
        {data.cooperating.length === 0 ? (
          <p className="px-5 py-6 text-sm text-slate-400">{t("reports.cooperating.empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {data.cooperating.map((task) => (
              <ProgressContributionForm key={`${data.period}:${task.taskId}`} task={task} period={data.period} maxMb={data.attachmentMaxMb} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
