"use client";

// The office's review of a submitted reform information report: approve, or return with a comment.
import { CheckCircle2, Undo2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ActionResult } from "@/lib/forms/action-result";
import { useI18n } from "@/lib/i18n/client";
import { approveInfoReportAction, returnInfoReportAction } from "@/lib/reports/info-actions";

export function InfoReviewPanel({ id, version }: { id: string; version: number }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [comment, setComment] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [commentErrors, setCommentErrors] = useState<string[]>([]);

  const run = (action: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setMessage(null);
        setCommentErrors([]);
        router.refresh();
        return;
      }
      const { comment: onComment = [], ...rest } = result.fieldErrors ?? {};
      setCommentErrors(onComment);
      setMessage([result.message, ...Object.values(rest).flat()].join(" "));
    });

  return (
    <Card className="space-y-3 p-5" data-testid="info-review">
      <h2 className="font-semibold text-slate-900">{t("infoReports.review.title")}</h2>
      <div className="space-y-1.5">
        <label htmlFor="info-review-comment" className="block text-sm font-medium text-slate-700">
          {t("infoReports.review.comment")}
        </label>
        <textarea
          id="info-review-comment"
          rows={3}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          data-testid="info-review-comment"
          aria-invalid={commentErrors.length ? true : undefined}
          aria-describedby="info-review-comment-hint"
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500"
        />
        <p id="info-review-comment-hint" className="text-xs text-slate-500">
          {t("infoReports.review.commentHint")}
        </p>
        {commentErrors.length > 0 && <p className="text-xs text-red-600">{commentErrors.join("；")}</p>}
      </div>
      {message && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {message}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button disabled={pending} data-testid="info-approve" onClick={() => run(() => approveInfoReportAction({ id, version, comment }))}>
          <CheckCircle2 className="size-4" aria-hidden />
          {t("infoReports.review.approve")}
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          data-testid="info-return"
          onClick={() => run(() => returnInfoReportAction({ id, version, comment }))}
        >
          <Undo2 className="size-4" aria-hidden />
          {t("infoReports.review.return")}
        </Button>
      </div>
    </Card>
  );
}
