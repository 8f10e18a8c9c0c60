// The 核验 panel: what the office checks before it closes a task out (issue 14 item 4) — the
// applicant's summary and explanation, every evidence file, the milestones (open ones highlighted,
// overdue ones marked), the last approved percent and the light with its reasons, the warnings,
// and the decision. Server component over the CloseOutReview DTO; the decision is a client form.
import type { ReactNode } from "react";
import { Badge } from "@/components/admin/list-kit";
import { EvidenceList } from "@/components/attachments/evidence-list";
import { LightBadge } from "@/components/ledger/light-badge";
import { LightReasonList } from "@/components/ledger/light-reasons";
import { CloseOutWarnings } from "@/components/task-actions/closeout-warnings";
import { DecideCloseOut } from "@/components/task-actions/task-actions";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatDate, formatDateTime, formatPercent } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import type { CloseOutRequestView, CloseOutReview } from "@/lib/tasks/types";

const day = (value: string) => new Date(`${value}T00:00:00Z`);

function Heading({ children }: { children: ReactNode }) {
  return <h4 className="text-xs font-medium tracking-wide text-slate-500">{children}</h4>;
}

/** The office's verify view of the pending application; `canDecide` adds the decision form. */
export async function CloseOutReviewPanel({
  review,
  request,
  canDecide,
}: {
  review: CloseOutReview;
  request: CloseOutRequestView;
  canDecide: boolean;
}) {
  const { t, locale } = await getTranslator();
  return (
    <Card className="overflow-hidden border-brand-200" data-testid="closeout-review">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-brand-100 bg-brand-50/60 px-5 py-3">
        <h3 className="text-sm font-semibold text-slate-900">{t("closeOut.panelTitle")}</h3>
        <Badge tone="blue">{t("ledger.task.closeOutStatuses.PENDING")}</Badge>
        <span className="text-xs text-slate-500">
          {t("closeOut.pendingSince", {
            unit: request.unit,
            name: request.appliedBy ?? t("closeOut.unknownUser"),
            date: formatDateTime(new Date(request.appliedAt), locale),
          })}
        </span>
      </div>
      <div className="space-y-5 px-5 py-4">
        <CloseOutWarnings warnings={review.warnings} title={t("closeOut.warningTitle")} />

        <div className="grid gap-4 md:grid-cols-3">
          <div className="space-y-3 md:col-span-2">
            <div>
              <Heading>{t("closeOut.summary")}</Heading>
              <p className="mt-1 text-sm leading-relaxed whitespace-pre-line text-slate-800">{request.summary}</p>
            </div>
            {request.explanation && (
              <div>
                <Heading>{t("closeOut.explanation")}</Heading>
                <p className="mt-1 rounded-md bg-amber-50 px-3 py-2 text-sm leading-relaxed whitespace-pre-line text-slate-800">
                  {request.explanation}
                </p>
              </div>
            )}
          </div>
          <dl className="grid grid-cols-1 gap-2 sm:grid-cols-2 md:grid-cols-1">
            <div className="rounded-lg bg-slate-50 px-3 py-2">
              <dt className="text-xs text-slate-500">{t("closeOut.lastApproved")}</dt>
              <dd
                className={cn(
                  "mt-0.5 text-lg font-semibold tabular-nums",
                  review.lastApprovedPercent === 100 ? "text-slate-900" : "text-amber-700",
                )}
                data-testid="closeout-last-percent"
              >
                {review.lastApprovedPercent === null ? (
                  <span className="text-sm font-normal text-slate-500">{t("closeOut.noApproved")}</span>
                ) : (
                  formatPercent(review.lastApprovedPercent, locale)
                )}
              </dd>
            </div>
            <div className="rounded-lg bg-slate-50 px-3 py-2">
              <dt className="text-xs text-slate-500">{t("closeOut.light")}</dt>
              <dd className="mt-1 space-y-1">
                <LightBadge light={review.light} label={t(`ledger.lights.${review.light}`)} />
                <LightReasonList light={review.light} reasons={review.details} t={t} locale={locale} size="xs" />
              </dd>
            </div>
          </dl>
        </div>

        <div className="space-y-2">
          <Heading>
            {t("closeOut.evidence")}（{request.evidence.length}）
          </Heading>
          <EvidenceList
            files={request.evidence}
            emptyText={t("closeOut.noEvidence")}
            testId="closeout-evidence"
            className="rounded-lg border border-slate-200 px-3"
          />
        </div>

        <div className="space-y-2">
          <Heading>{t("closeOut.milestones")}</Heading>
          {review.milestones.length === 0 ? (
            <p className="text-sm text-slate-400">{t("closeOut.noMilestones")}</p>
          ) : (
            <ol className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200" data-testid="closeout-milestones">
              {review.milestones.map((milestone) => (
                <li
                  key={milestone.id}
                  data-state={milestone.completedOn ? "done" : milestone.overdue ? "overdue" : "open"}
                  className={cn(
                    "flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm",
                    !milestone.completedOn && (milestone.overdue ? "bg-red-50/70" : "bg-amber-50/60"),
                  )}
                >
                  <span className="min-w-0 basis-full text-slate-800 sm:basis-0 sm:flex-1">{milestone.title}</span>
                  <span className="text-xs text-slate-500 tabular-nums">
                    {t("closeOut.planned", {
                      date: formatDate(day(milestone.plannedDate), locale),
                      percent: formatPercent(milestone.plannedPercent, locale),
                    })}
                  </span>
                  {milestone.completedOn ? (
                    <Badge tone="green">{t("closeOut.milestoneDone", { date: formatDate(day(milestone.completedOn), locale) })}</Badge>
                  ) : milestone.overdue ? (
                    <Badge tone="red">{t("closeOut.milestoneOverdue", { days: milestone.daysLate })}</Badge>
                  ) : (
                    <Badge tone="amber">{t("closeOut.milestoneOpen")}</Badge>
                  )}
                </li>
              ))}
            </ol>
          )}
        </div>

        {canDecide && (
          <div className="border-t border-slate-100 pt-4">
            <DecideCloseOut request={{ id: request.id, version: request.version }} warningCount={review.warnings.length} />
          </div>
        )}
      </div>
    </Card>
  );
}
