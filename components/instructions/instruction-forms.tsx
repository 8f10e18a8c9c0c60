"use client";

// The forms of an instruction's page: the unit's answer (办理反馈) with its evidence, and the
// leader's or the office's confirmation (已落实) or further instruction (再次批示). Each posts one
// service action from the version the page showed; a stale version comes back as a message (409).
// The answer's files stream up as they are chosen and wait on the instruction (only the unit
// addressed sees them) until the answer carries them.
import { CheckCircle2, RotateCcw, Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { EvidenceList } from "@/components/attachments/evidence-list";
import { EvidenceUploader } from "@/components/attachments/evidence-uploader";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { EvidenceFile } from "@/lib/attachments/types";
import type { ActionResult } from "@/lib/forms/action-result";
import { useI18n } from "@/lib/i18n/client";
import {
  answerInstructionAction,
  closeInstructionAction,
  detachFromInstructionAction,
  reaskInstructionAction,
} from "@/lib/instructions/actions";
import { ANSWER_MAX, COMMENT_MAX, CONTENT_MAX } from "@/lib/instructions/schemas";

type Errors = Record<string, string[] | undefined>;

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500";

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
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="instruction-form-message">
      {message}
    </p>
  );
}

function Field({
  label,
  name,
  errors,
  rows = 4,
  max,
  testId,
  hint,
}: {
  label: string;
  name: string;
  errors?: string[];
  rows?: number;
  max: number;
  testId?: string;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        maxLength={max}
        data-testid={testId}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className={inputClass}
      />
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {errors.join("；")}
        </p>
      ) : null}
    </div>
  );
}

const formText = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

export function AnswerInstructionForm({
  id,
  version,
  reaskComment,
  pendingFiles,
  maxMb,
}: {
  id: string;
  version: number;
  /** the leader's further instruction, when this is a later round */
  reaskComment: string | null;
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
    const result = await detachFromInstructionAction({ id: file.id });
    setBusyId(null);
    if (result.ok) setFiles((previous) => previous.filter((other) => other.id !== file.id));
    else setFileError([result.message, ...Object.values(result.fieldErrors ?? {}).flat()].join(" "));
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    run(() => answerInstructionAction({ id, version, content: formText(form, "content"), attachmentIds: files.map((file) => file.id) }));
  };
  const evidenceErrors = [...(errors.attachmentIds ?? []), ...(fileError ? [fileError] : [])];
  return (
    <Card className="space-y-3 border-brand-200 p-5" data-testid="instruction-answer-form">
      <h2 className="font-semibold text-slate-900">{t("instructions.answer.title")}</h2>
      <p className="text-sm text-slate-500">{t("instructions.answer.hint")}</p>
      {reaskComment && (
        <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-light-yellow">
          {t("instructions.answer.reaskNote", { comment: reaskComment })}
        </p>
      )}
      <form onSubmit={submit} noValidate className="space-y-4">
        <Field
          name="content"
          label={t("instructions.answer.content")}
          errors={errors.content}
          rows={5}
          max={ANSWER_MAX}
          testId="instruction-answer-content"
        />
        <section className="space-y-1.5" data-testid="instruction-answer-evidence" aria-labelledby="instruction-answer-evidence-title">
          <h3 id="instruction-answer-evidence-title" className="text-sm font-medium text-slate-700">
            {t("instructions.answer.evidence")}
          </h3>
          <EvidenceList files={files} canRemove={() => true} onRemove={(file) => void remove(file)} busyId={busyId} />
          <EvidenceUploader
            maxMb={maxMb}
            target={async () => ({ for: "instruction", instructionId: id })}
            onUploaded={(file) => setFiles((previous) => [...previous, file])}
            testId="instruction-answer-uploader"
          />
          <p className="text-xs text-slate-500">{t("instructions.answer.evidenceHint")}</p>
          {evidenceErrors.length > 0 && (
            <p role="alert" className="text-xs text-red-600">
              {evidenceErrors.join("；")}
            </p>
          )}
        </section>
        <Message message={message} />
        <Button type="submit" disabled={pending} data-testid="instruction-answer-submit">
          <Send className="size-4" aria-hidden />
          {t("instructions.answer.submit")}
        </Button>
      </form>
    </Card>
  );
}

export function DecideInstructionForm({
  id,
  version,
  defaultDueDate,
  today,
}: {
  id: string;
  version: number;
  defaultDueDate: string;
  today: string;
}) {
  const { t } = useI18n();
  const close = useRun();
  const reask = useRun();
  const dueId = useId();
  const [mode, setMode] = useState<"close" | "reask">("close");
  const tab = (active: boolean) =>
    cn(
      "rounded-md px-3 py-1.5 text-sm font-medium",
      active ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900",
    );
  return (
    <Card className="space-y-4 border-amber-200 p-5" data-testid="instruction-decide">
      <div className="space-y-1">
        <h2 className="font-semibold text-slate-900">{t("instructions.decide.title")}</h2>
        <p className="text-sm text-slate-500">{t("instructions.decide.hint")}</p>
      </div>
      <div className="inline-flex gap-1 rounded-lg bg-slate-100 p-1" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={mode === "close"}
          className={tab(mode === "close")}
          onClick={() => setMode("close")}
        >
          {t("instructions.decide.close")}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={mode === "reask"}
          className={tab(mode === "reask")}
          onClick={() => setMode("reask")}
          data-testid="instruction-reask-tab"
        >
          {t("instructions.decide.reaskTitle")}
        </button>
      </div>
      {mode === "close" ? (
        <form
          noValidate
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            close.run(() => closeInstructionAction({ id, version, comment: formText(form, "comment") }));
          }}
        >
          <Field name="comment" label={t("instructions.decide.comment")} errors={close.errors.comment} rows={2} max={COMMENT_MAX} />
          <Message message={close.message} />
          <Button type="submit" disabled={close.pending} data-testid="instruction-close">
            <CheckCircle2 className="size-4" aria-hidden />
            {t("instructions.decide.close")}
          </Button>
        </form>
      ) : (
        <form
          noValidate
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            reask.run(() =>
              reaskInstructionAction({ id, version, content: formText(form, "content"), answerDueDate: formText(form, "answerDueDate") }),
            );
          }}
        >
          <Field
            name="content"
            label={t("instructions.decide.reaskContent")}
            errors={reask.errors.content}
            rows={3}
            max={CONTENT_MAX}
            testId="instruction-reask-content"
          />
          <div className="space-y-1.5">
            <label htmlFor={dueId} className="block text-sm font-medium text-slate-700">
              {t("instructions.decide.reaskDue")}
            </label>
            <input
              id={dueId}
              name="answerDueDate"
              type="date"
              min={today}
              defaultValue={defaultDueDate}
              aria-invalid={reask.errors.answerDueDate?.length ? true : undefined}
              className={cn(inputClass, "max-w-xs")}
            />
            {reask.errors.answerDueDate?.length ? <p className="text-xs text-red-600">{reask.errors.answerDueDate.join("；")}</p> : null}
          </div>
          <Message message={reask.message} />
          <Button type="submit" variant="secondary" disabled={reask.pending} data-testid="instruction-reask">
            <RotateCcw className="size-4" aria-hidden />
            {t("instructions.decide.reask")}
          </Button>
        </form>
      )}
    </Card>
  );
}
