"use client";

// The forms of a notice's page: the lead unit's answer with its evidence, the office's review
// (accept / send back) and the office's closing. Each posts one service action from the version
// the page showed. The answer's files stream up as they are chosen and wait on the notice (only the
// lead unit sees them) until the answer carries them.
import { CheckCircle2, Send, Undo2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { EvidenceList } from "@/components/attachments/evidence-list";
import { EvidenceUploader } from "@/components/attachments/evidence-uploader";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { EvidenceFile } from "@/lib/attachments/types";
import type { ActionResult } from "@/lib/forms/action-result";
import { useI18n } from "@/lib/i18n/client";
import {
  acceptNoticeAction,
  answerNoticeAction,
  closeNoticeAction,
  detachFromNoticeAction,
  sendBackNoticeAction,
} from "@/lib/supervision/actions";
import { DateInput, formText, TextArea } from "./fields";

type Errors = Record<string, string[] | undefined>;

function useRun() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const run = (work: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      const result = await work();
      if (result.ok) {
        setErrors({});
        setMessage(null);
        router.refresh();
        return;
      }
      setErrors(result.fieldErrors ?? {});
      setMessage([result.message, ...(result.fieldErrors?._form ?? [])].join(" "));
    });
  return { pending, errors, message, run };
}

function Message({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </p>
  );
}

export function AnswerForm({
  id,
  version,
  returnedComment,
  pendingFiles,
  maxMb,
}: {
  id: string;
  version: number;
  returnedComment: string | null;
  /** files already uploaded for this answer (kept across reloads) */
  pendingFiles: EvidenceFile[];
  maxMb: number;
}) {
  const { t } = useI18n();
  const { pending, errors, message, run } = useRun();
  const [files, setFiles] = useState<EvidenceFile[]>(pendingFiles);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const remove = async (file: EvidenceFile) => {
    setBusyId(file.id);
    setFileError(null);
    const result = await detachFromNoticeAction({ id: file.id });
    setBusyId(null);
    if (result.ok) setFiles((previous) => previous.filter((other) => other.id !== file.id));
    else setFileError([result.message, ...Object.values(result.fieldErrors ?? {}).flat()].join(" "));
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    run(() =>
      answerNoticeAction({
        id,
        version,
        causeAnalysis: formText(form, "causeAnalysis"),
        countermeasures: formText(form, "countermeasures"),
        rectifyDeadline: formText(form, "rectifyDeadline"),
        attachmentIds: files.map((file) => file.id),
      }),
    );
  };
  const evidenceErrors = [...(errors.attachmentIds ?? []), ...(fileError ? [fileError] : [])];
  return (
    <Card className="space-y-3 p-5" data-testid="notice-answer-form">
      <h2 className="font-semibold text-slate-900">{t("supervision.answer.title")}</h2>
      <p className="text-sm text-slate-500">{t("supervision.answer.hint")}</p>
      {returnedComment && (
        <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-light-yellow">
          {t("supervision.answer.returnedNote", { comment: returnedComment })}
        </p>
      )}
      <form onSubmit={submit} noValidate className="space-y-4">
        <TextArea
          name="causeAnalysis"
          label={t("supervision.answer.causeAnalysis")}
          errors={errors.causeAnalysis}
          testId="notice-answer-cause"
        />
        <TextArea
          name="countermeasures"
          label={t("supervision.answer.countermeasures")}
          errors={errors.countermeasures}
          testId="notice-answer-measures"
        />
        <DateInput
          name="rectifyDeadline"
          label={t("supervision.answer.rectifyDeadline")}
          errors={errors.rectifyDeadline}
          testId="notice-answer-deadline"
        />
        <section className="space-y-1.5" data-testid="notice-answer-evidence" aria-labelledby="notice-answer-evidence-title">
          <h3 id="notice-answer-evidence-title" className="text-sm font-medium text-slate-700">
            {t("supervision.answer.evidence")}
          </h3>
          <EvidenceList files={files} canRemove={() => true} onRemove={(file) => void remove(file)} busyId={busyId} />
          <EvidenceUploader
            maxMb={maxMb}
            target={async () => ({ for: "notice", noticeId: id })}
            onUploaded={(file) => setFiles((previous) => [...previous, file])}
            testId="notice-answer-uploader"
          />
          <p className="text-xs text-slate-500">{t("supervision.answer.evidenceHint")}</p>
          {evidenceErrors.length > 0 && (
            <p role="alert" className="text-xs text-red-600" data-testid="notice-answer-evidence-error">
              {evidenceErrors.join("；")}
            </p>
          )}
        </section>
        <Message message={message} />
        <Button type="submit" disabled={pending} data-testid="notice-answer-submit">
          <Send className="size-4" aria-hidden />
          {t("supervision.answer.submit")}
        </Button>
      </form>
    </Card>
  );
}

export function DecideForm({ id, version }: { id: string; version: number }) {
  const { t } = useI18n();
  const { pending, errors, message, run } = useRun();
  const [comment, setComment] = useState("");
  return (
    <Card className="space-y-3 p-5" data-testid="notice-decide">
      <h2 className="font-semibold text-slate-900">{t("supervision.decide.title")}</h2>
      <div className="space-y-1.5">
        <label htmlFor="notice-comment" className="block text-sm font-medium text-slate-700">
          {t("supervision.decide.comment")}
        </label>
        <textarea
          id="notice-comment"
          rows={3}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          aria-invalid={errors.comment?.length ? true : undefined}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-500 focus:outline-none"
        />
        <p className="text-xs text-slate-500">{t("supervision.decide.commentHint")}</p>
        {errors.comment?.length ? <p className="text-xs text-red-600">{errors.comment.join("；")}</p> : null}
      </div>
      <Message message={message} />
      <div className="flex flex-wrap gap-2">
        <Button disabled={pending} data-testid="notice-accept" onClick={() => run(() => acceptNoticeAction({ id, version, comment }))}>
          <CheckCircle2 className="size-4" aria-hidden />
          {t("supervision.decide.accept")}
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          data-testid="notice-send-back"
          onClick={() => run(() => sendBackNoticeAction({ id, version, comment }))}
        >
          <Undo2 className="size-4" aria-hidden />
          {t("supervision.decide.sendBack")}
        </Button>
      </div>
    </Card>
  );
}

export function CloseForm({ id, version }: { id: string; version: number }) {
  const { t } = useI18n();
  const { pending, message, run } = useRun();
  const [comment, setComment] = useState("");
  return (
    <Card className="space-y-3 p-5" data-testid="notice-close-form">
      <h2 className="font-semibold text-slate-900">{t("supervision.decide.closeTitle")}</h2>
      <div className="space-y-1.5">
        <label htmlFor="notice-close-comment" className="block text-sm font-medium text-slate-700">
          {t("supervision.decide.closeComment")}
        </label>
        <textarea
          id="notice-close-comment"
          rows={2}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-500 focus:outline-none"
        />
      </div>
      <Message message={message} />
      <Button disabled={pending} data-testid="notice-close" onClick={() => run(() => closeNoticeAction({ id, version, comment }))}>
        <CheckCircle2 className="size-4" aria-hidden />
        {t("supervision.decide.close")}
      </Button>
    </Card>
  );
}
