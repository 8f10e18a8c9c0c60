"use client";

// The office's review of a submitted quarterly report: approve (with an optional comment) or return
// it for revision (with a reason, which the authors are notified of).
import { CircleCheck, Undo2 } from "lucide-react";
import { useId } from "react";
import { ActionDialog, text } from "@/components/admin/form-kit";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n/client";
import { approveQuarterlyAction, returnQuarterlyAction } from "@/lib/reports/quarterly-actions";

function CommentField({ label, errors, required, hint }: { label: string; errors?: string[]; required?: boolean; hint?: string }) {
  const id = useId();
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        {required && (
          <span className="ml-0.5 text-red-600" aria-hidden>
            *
          </span>
        )}
      </label>
      <textarea
        id={id}
        name="comment"
        rows={4}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : hint ? `${id}-hint` : undefined}
        data-testid="quarterly-review-comment"
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500"
      />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {errors.join("；")}
        </p>
      ) : null}
    </div>
  );
}

export function QuarterlyReview({ id, version }: { id: string; version: number }) {
  const { t } = useI18n();
  return (
    <div className="flex flex-wrap gap-2" data-testid="quarterly-review">
      <ActionDialog
        testId="quarterly-approve-dialog"
        title={t("quarterly.review.approveTitle")}
        submitLabel={t("quarterly.review.approve")}
        trigger={
          <Button type="button" data-testid="quarterly-approve">
            <CircleCheck className="size-4" aria-hidden />
            {t("quarterly.review.approve")}
          </Button>
        }
        onSubmit={(form) => approveQuarterlyAction({ id, version, comment: text(form, "comment") })}
      >
        {(errors) => <CommentField label={t("quarterly.review.comment")} errors={errors.comment} />}
      </ActionDialog>
      <ActionDialog
        testId="quarterly-return-dialog"
        title={t("quarterly.review.returnTitle")}
        submitLabel={t("quarterly.review.return")}
        trigger={
          <Button type="button" variant="secondary" data-testid="quarterly-return">
            <Undo2 className="size-4" aria-hidden />
            {t("quarterly.review.return")}
          </Button>
        }
        onSubmit={(form) => returnQuarterlyAction({ id, version, comment: text(form, "comment") })}
      >
        {(errors) => (
          <CommentField label={t("quarterly.review.returnComment")} errors={errors.comment} required hint={t("quarterly.review.returnHint")} />
        )}
      </ActionDialog>
    </div>
  );
}
