"use client";

// The office reads one report and approves it, or returns it with a comment (required to return).
import { CheckCircle2, Undo2, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { Dialog } from "radix-ui";
import { useEffect, useId, useState, useTransition, type ReactNode } from "react";
import { EvidenceList } from "@/components/attachments/evidence-list";
import { ReportSignalPanel } from "@/components/signals/report-signal-panel";
import { LightBadge } from "@/components/ledger/light-badge";
import { LightReasonList } from "@/components/ledger/light-reasons";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ActionResult } from "@/lib/forms/action-result";
import { formatDate, formatDateTime, formatMonth, formatPercent } from "@/lib/i18n/format";
import { useI18n } from "@/lib/i18n/client";
import { approveReportAction, returnReportAction } from "@/lib/reports/actions";
import { reviewContextAction } from "@/lib/reports/progress-actions";
import { COMMENT_MAX } from "@/lib/reports/progress-schemas";
import { addMonths, parseMonthKey } from "@/lib/reports/rules";
import type { Light } from "@/lib/tasks/rules";
import type { MilestoneState, ReviewContext, ReviewRow } from "@/lib/reports/types";
import { inputClass, ProgressBadge, STATE_TONES } from "./progress-badge";

function Block({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm leading-relaxed whitespace-pre-line text-slate-800">{children}</dd>
    </div>
  );
}

const MILESTONE_TONES: Record<MilestoneState, "green" | "blue" | "red"> = { DONE: "green", OPEN: "blue", OVERDUE: "red" };
const MILESTONE_LABELS = {
  DONE: "reports.review.context.milestoneDone",
  OPEN: "reports.review.context.milestoneOpen",
  OVERDUE: "reports.review.context.milestoneOverdue",
} as const;

/** Last month's report, the evidence, the milestones and the light: loaded when the dialog opens. */
function ReviewContextPanel({ context, error }: { context: ReviewContext | null; error: string | null }) {
  const { t, locale } = useI18n();
  if (error)
    return (
      <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
        {error}
      </p>
    );
  if (!context) return <p className="mt-4 text-xs text-slate-500">{t("reports.review.context.loading")}</p>;
  return (
    <div className="mt-4 space-y-4 border-t border-slate-100 pt-4" data-testid="review-context">
      <section className="space-y-2" data-testid="review-evidence">
        <h3 className="text-sm font-medium text-slate-700">{t("attachments.title")}</h3>
        <EvidenceList
          files={context.files}
          byRound={context.files.some((file) => (file.round ?? 1) > 1)}
          emptyText={t("attachments.none")}
        />
      </section>
      <section className="space-y-2" data-testid="review-milestones">
        <h3 className="text-sm font-medium text-slate-700">{t("reports.review.context.milestones")}</h3>
        {context.milestones.length === 0 ? (
          <p className="text-xs text-slate-400">{t("reports.review.context.noMilestones")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {context.milestones.map((milestone) => (
              <li key={milestone.id} className="flex flex-wrap items-center gap-2 py-1.5" data-state={milestone.state}>
                <span className="min-w-0 flex-1 text-slate-800">{milestone.title}</span>
                <span className="text-xs text-slate-500">
                  {formatDate(new Date(`${milestone.plannedDate}T00:00:00Z`), locale)} · {formatPercent(milestone.plannedPercent, locale)}
                </span>
                <ProgressBadge tone={MILESTONE_TONES[milestone.state]}>{t(MILESTONE_LABELS[milestone.state])}</ProgressBadge>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="space-y-1.5" data-testid="review-light">
        <h3 className="flex items-center gap-2 text-sm font-medium text-slate-700">
          {t("reports.review.context.light")}
          <LightBadge light={context.light.light as Light} label={t(`ledger.lights.${context.light.light as Light}`)} />
        </h3>
        {context.light.reasons.length === 0 ? (
          <p className="text-xs text-slate-500">{t("reports.review.context.noReasons")}</p>
        ) : (
          <LightReasonList light={context.light.light as Light} reasons={context.light.details} t={t} locale={locale} size="xs" />
        )}
      </section>
    </div>
  );
}

export function ProgressReviewDialog({ row }: { row: ReviewRow }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const commentId = useId();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState("");
  const [errors, setErrors] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [context, setContext] = useState<ReviewContext | null>(null);
  const [contextError, setContextError] = useState<string | null>(null);
  const reviewable = row.status === "SUBMITTED";

  useEffect(() => {
    if (!open) return;
    let live = true;
    void reviewContextAction(row.id).then((result) => {
      if (!live) return;
      if (result.ok) setContext(result.data);
      else setContextError(result.message);
    });
    return () => {
      live = false;
    };
  }, [open, row.id, row.version]);
  const none = t("ledger.task.none");
  const percent = (value: number) => formatPercent(value, locale);

  const decide = (action: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setOpen(false);
        setComment("");
        setErrors([]);
        setMessage(null);
        router.refresh();
        return;
      }
      setErrors(result.fieldErrors?.comment ?? []);
      setMessage([result.message, ...(result.fieldErrors?._form ?? [])].join(" "));
      if (result.status === 409) router.refresh();
    });

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setErrors([]);
          setMessage(null);
        }
      }}
    >
      <Dialog.Trigger asChild>
        <Button variant={reviewable ? "primary" : "secondary"} className="h-8 px-3 text-xs whitespace-nowrap" data-testid="review-open">
          {reviewable ? t("reports.review.open") : t("reports.review.view")}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content
          data-testid="review-dialog"
          className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-4xl -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl border border-slate-200 bg-white p-6 shadow-xl"
        >
          <div className="mb-4 flex items-start justify-between gap-4">
            <div className="space-y-1">
              <Dialog.Title className="text-lg font-semibold text-slate-900">
                {t("reports.review.dialogTitle", { code: row.taskCode, month: formatMonth(new Date(`${row.period}-01T00:00:00Z`), locale) })}
              </Dialog.Title>
              <Dialog.Description className="text-sm text-slate-500">
                {row.taskTitle} · {row.unitName} · {t(`reports.kinds.${row.kind}`)}
              </Dialog.Description>
              <div className="flex flex-wrap gap-2 pt-1">
                <ProgressBadge tone={STATE_TONES[row.status]}>{t(`reports.states.${row.status}`)}</ProgressBadge>
                {row.late && <ProgressBadge tone="red">{t("reports.review.late")}</ProgressBadge>}
                {row.resubmitted && <ProgressBadge tone="amber">{t("reports.review.resubmitted")}</ProgressBadge>}
              </div>
            </div>
            <Dialog.Close className="rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700" aria-label={t("admin.common.cancel")}>
              <X className="size-4" aria-hidden />
            </Dialog.Close>
          </div>

          <div className="grid gap-4 md:grid-cols-2">
          <dl className="space-y-3" data-testid="review-this-month">
            <p className="text-xs font-medium text-slate-600">
              {t("reports.review.context.thisMonth", { month: formatMonth(new Date(`${row.period}-01T00:00:00Z`), locale) })}
            </p>
            <Block label={t("reports.fields.progress")}>{row.progress || none}</Block>
            {row.kind === "LEAD" && (
              <Block label={t("reports.fields.percent")}>
                {row.percent === null ? none : percent(row.percent)}
                {row.previousPercent !== null && (
                  <span className="ml-2 text-xs text-slate-500">{t("reports.review.previousPercent", { percent: percent(row.previousPercent) })}</span>
                )}
                {row.percentDropReason && (
                  <span className="mt-1 block rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">
                    {t("reports.review.dropReason", { reason: row.percentDropReason })}
                  </span>
                )}
              </Block>
            )}
            {row.kind === "LEAD" && (
              <div className="grid gap-3 md:grid-cols-2">
                <Block label={t("reports.fields.problems")}>{row.problems || none}</Block>
                <Block label={t("reports.fields.nextSteps")}>{row.nextSteps || none}</Block>
              </div>
            )}
          </dl>
          <dl className={cn("space-y-3 rounded-lg bg-slate-50 p-3", !context?.previous && "text-slate-500")} data-testid="review-last-month">
            <p className="text-xs font-medium text-slate-600">
              {t("reports.review.context.lastMonth", {
                month: formatMonth(addMonths(parseMonthKey(row.period)!, -1), locale),
              })}
            </p>
            {context?.previous ? (
              <>
                <Block label={t("reports.fields.progress")}>{context.previous.progress || none}</Block>
                {row.kind === "LEAD" && (
                  <Block label={t("reports.fields.percent")}>
                    {context.previous.percent === null ? none : percent(context.previous.percent)}
                  </Block>
                )}
              </>
            ) : (
              context && <p className="text-sm">{t("reports.review.context.noLastMonth")}</p>
            )}
          </dl>
          </div>
          <p className="mt-3 flex flex-wrap gap-x-4 text-xs text-slate-500">
            {row.firstSubmittedAt && (
              <span>{t("reports.review.firstSubmittedAt", { time: formatDateTime(new Date(row.firstSubmittedAt), locale) })}</span>
            )}
            {row.submittedAt && row.resubmitted && (
              <span>
                {t("reports.review.columns.submittedAt")}：{formatDateTime(new Date(row.submittedAt), locale)}
              </span>
            )}
          </p>
          {row.reviewComment && (
            <p className="mt-2 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
              {reviewable ? t("reports.review.lastReturn", { comment: row.reviewComment }) : `${t("reports.fields.comment")}：${row.reviewComment}`}
            </p>
          )}

          <ReportSignalPanel reportId={row.id} version={row.version} />

          <ReviewContextPanel context={context} error={contextError} />

          {reviewable && (
            <div className="mt-5 space-y-3 border-t border-slate-100 pt-4">
              <div className="space-y-1.5">
                <label htmlFor={commentId} className="block text-sm font-medium text-slate-700">
                  {t("reports.fields.comment")}
                </label>
                <textarea
                  id={commentId}
                  rows={3}
                  value={comment}
                  maxLength={COMMENT_MAX}
                  data-testid="review-comment"
                  onChange={(event) => setComment(event.target.value)}
                  aria-invalid={errors.length ? true : undefined}
                  aria-describedby={`${commentId}-hint${errors.length ? ` ${commentId}-error` : ""}`}
                  className={inputClass}
                />
                <p id={`${commentId}-hint`} className="text-xs text-slate-500">
                  {t("reports.review.commentHint")}
                </p>
                {errors.length > 0 && (
                  <p id={`${commentId}-error`} className="text-xs text-red-600">
                    {errors.join("；")}
                  </p>
                )}
              </div>
              {message && (
                <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
                  {message}
                </p>
              )}
              <div className="flex flex-wrap justify-end gap-2">
                <Button
                  type="button"
                  variant="secondary"
                  disabled={pending}
                  data-testid="review-return"
                  onClick={() => decide(() => returnReportAction({ id: row.id, version: row.version, comment }))}
                >
                  <Undo2 className="size-4" aria-hidden />
                  {t("reports.review.return")}
                </Button>
                <Button
                  type="button"
                  disabled={pending}
                  data-testid="review-approve"
                  onClick={() => decide(() => approveReportAction({ id: row.id, version: row.version, comment }))}
                >
                  <CheckCircle2 className="size-4" aria-hidden />
                  {t("reports.review.approve")}
                </Button>
              </div>
            </div>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
