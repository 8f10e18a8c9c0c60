"use client";

import { CheckCircle2, FileCheck2, Paperclip, RotateCcw, Undo2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent, type ReactNode } from "react";
import { EvidenceList } from "@/components/attachments/evidence-list";
import { EvidenceUploader } from "@/components/attachments/evidence-uploader";
import { IssueNoticeButton } from "@/components/supervision/issue-notice";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { useI18n } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/translate";
import type { EvidenceFile } from "@/lib/attachments/types";
import type { ActionResult } from "@/lib/forms/action-result";
import {
  applyCloseOutAction,
  approveCloseOutAction,
  completeMilestoneAction,
  reopenTaskAction,
  detachFromCloseOutAction,
  returnCloseOutAction,
} from "@/lib/tasks/actions";
import { explanationProblem, type CloseOutWarning } from "@/lib/tasks/closeout-rules";
import type { TaskActionState } from "@/lib/tasks/types";
import { CloseOutWarnings } from "./closeout-warnings";

const field =
  "w-full rounded-md border border-slate-300 px-3 py-2 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100";

function messageOf(result: ActionResult<unknown>): string | null {
  if (result.ok) return null;
  return [result.message, ...Object.values(result.fieldErrors ?? {}).flat()].join(" ");
}

function useRun() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (work: () => Promise<ActionResult<unknown> | null>) =>
    startTransition(async () => {
      const result = await work();
      if (!result) return;
      setError(messageOf(result));
      if (result.ok) router.refresh();
    });
  return { pending, error, setError, run };
}

function Panel({ title, icon, children }: { title: string; icon: ReactNode; children: ReactNode }) {
  return (
    <Card className="space-y-3 p-5" data-testid="task-actions">
      <h2 className="flex items-center gap-2 font-semibold text-slate-900">
        {icon}
        {title}
      </h2>
      {children}
    </Card>
  );
}

function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="text-sm text-red-600">
      {messages.join(" ")}
    </p>
  );
}

/**
 * 对账销号 from the lead unit: a summary, the evidence files, and — when the task shows warnings
 * (open milestones, below 100 %, a red or yellow light) — an explanation, asked before any upload.
 */
function ApplyCloseOut({ state, warnings }: { state: TaskActionState; warnings: CloseOutWarning[] }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [files, setFiles] = useState<EvidenceFile[]>(state.pendingFiles);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [summary, setSummary] = useState("");
  const [explanation, setExplanation] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  const remove = async (file: EvidenceFile) => {
    setBusyId(file.id);
    const result = await detachFromCloseOutAction({ id: file.id });
    setBusyId(null);
    if (result.ok) setFiles((previous) => previous.filter((other) => other.id !== file.id));
    else setError(messageOf(result));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = explanationProblem(warnings, explanation);
    setError(null);
    setFieldErrors(problem ? { explanation: [t(problem as MessageKey)] } : {});
    if (problem) {
      document.getElementById("closeout-explanation")?.focus();
      return;
    }
    startTransition(async () => {
      const result = await applyCloseOutAction({
        taskId: state.taskId,
        summary,
        explanation: explanation || null,
        attachmentIds: files.map((file) => file.id),
      });
      if (result.ok) {
        router.refresh();
        return;
      }
      const { summary: summaryErrors, explanation: explanationErrors, ...rest } = result.fieldErrors ?? {};
      setFieldErrors({ summary: summaryErrors ?? [], explanation: explanationErrors ?? [] });
      const others = Object.values(rest).flat();
      setError(summaryErrors || explanationErrors ? others.join(" ") || null : [result.message, ...others].join(" "));
    });
  };

  return (
    <Panel title={t("taskActions.applyTitle")} icon={<FileCheck2 className="size-4 text-brand-700" aria-hidden />}>
      <form onSubmit={submit} noValidate className="space-y-3">
        <CloseOutWarnings warnings={warnings} title={t("taskActions.warningsBefore")} />
        {warnings.length === 0 && (
          <p className="flex items-center gap-2 text-sm text-light-green">
            <CheckCircle2 className="size-4 shrink-0" aria-hidden />
            {t("taskActions.noWarnings")}
          </p>
        )}
        <div className="space-y-1.5">
          <label htmlFor="closeout-summary" className="block text-sm font-medium text-slate-700">
            {t("taskActions.summary")}
          </label>
          <textarea
            id="closeout-summary"
            rows={3}
            value={summary}
            onChange={(event) => setSummary(event.target.value)}
            aria-invalid={Boolean(fieldErrors.summary?.length)}
            aria-describedby="closeout-summary-error"
            className={field}
          />
          <FieldError id="closeout-summary-error" messages={fieldErrors.summary} />
        </div>
        {warnings.length > 0 && (
          <div className="space-y-1.5">
            <label htmlFor="closeout-explanation" className="block text-sm font-medium text-slate-700">
              {t("taskActions.explanation")} <span className="text-red-600">*</span>
            </label>
            <p id="closeout-explanation-hint" className="text-xs text-slate-500">
              {t("taskActions.explanationHint")}
            </p>
            <textarea
              id="closeout-explanation"
              rows={3}
              value={explanation}
              onChange={(event) => setExplanation(event.target.value)}
              aria-invalid={Boolean(fieldErrors.explanation?.length)}
              aria-describedby="closeout-explanation-hint closeout-explanation-error"
              className={cn(field, fieldErrors.explanation?.length && "border-red-400")}
            />
            <FieldError id="closeout-explanation-error" messages={fieldErrors.explanation} />
          </div>
        )}
        <section className="space-y-1.5" data-testid="closeout-evidence" aria-label={t("taskActions.evidence")}>
          <h3 className="flex items-center gap-1.5 text-sm font-medium text-slate-700">
            <Paperclip className="size-3.5" aria-hidden />
            {t("taskActions.evidence")}
          </h3>
          <EvidenceList files={files} canRemove={() => true} onRemove={(file) => void remove(file)} busyId={busyId} />
          <EvidenceUploader
            maxMb={state.maxMb}
            target={async () => ({ for: "closeout", taskId: state.taskId })}
            onUploaded={(file) => setFiles((previous) => [...previous, file])}
            testId="closeout-uploader"
          />
        </section>
        {error && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
        <Button type="submit" disabled={pending}>
          {t("taskActions.apply")}
        </Button>
      </form>
    </Panel>
  );
}

/**
 * The office's decision on a pending application: approve (销号) or return with a reason. With
 * warnings, approving needs the explicit confirmation that they were checked (the server insists too).
 */
export function DecideCloseOut({ request, warningCount }: { request: { id: string; version: number }; warningCount: number }) {
  const { t } = useI18n();
  const { pending, error, run } = useRun();
  const [comment, setComment] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const mustConfirm = warningCount > 0;
  return (
    <div className="space-y-3" data-testid="closeout-decision">
      <div className="space-y-1.5">
        <label htmlFor="closeout-comment" className="block text-sm font-medium text-slate-700">
          {t("taskActions.comment")}
        </label>
        <textarea id="closeout-comment" rows={2} value={comment} onChange={(event) => setComment(event.target.value)} className={field} />
      </div>
      {mustConfirm && (
        <label className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <input
            type="checkbox"
            checked={confirmed}
            onChange={(event) => setConfirmed(event.target.checked)}
            className="mt-0.5 size-4 accent-brand-700"
          />
          <span>
            <span className="font-medium">{t("taskActions.confirmWarnings")}</span>
            <span className="block text-xs text-amber-800">{t("taskActions.confirmHint")}</span>
          </span>
        </label>
      )}
      {error && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      <div className="flex flex-wrap gap-2">
        <Button
          disabled={pending || (mustConfirm && !confirmed)}
          onClick={() =>
            run(() => approveCloseOutAction({ id: request.id, comment, version: request.version, ...(mustConfirm ? { confirmed } : {}) }))
          }
        >
          <CheckCircle2 className="size-4" aria-hidden />
          {t("taskActions.approve")}
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => run(() => returnCloseOutAction({ id: request.id, reason: comment, version: request.version }))}
        >
          <Undo2 className="size-4" aria-hidden />
          {t("taskActions.return")}
        </Button>
      </div>
    </div>
  );
}

function Reopen({ taskId, version }: { taskId: string; version: number }) {
  const { t } = useI18n();
  const { pending, error, run } = useRun();
  const [reason, setReason] = useState("");
  return (
    <Panel title={t("taskActions.reopenTitle")} icon={<RotateCcw className="size-4 text-brand-700" aria-hidden />}>
      <div className="space-y-1.5">
        <label htmlFor="reopen-reason" className="block text-sm font-medium text-slate-700">
          {t("taskActions.reason")}
        </label>
        <textarea id="reopen-reason" rows={2} value={reason} onChange={(event) => setReason(event.target.value)} className={field} />
      </div>
      {error && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      <Button variant="secondary" disabled={pending} onClick={() => run(() => reopenTaskAction({ id: taskId, reason, version }))}>
        {t("taskActions.reopen")}
      </Button>
    </Panel>
  );
}

export function TaskActions({ state, warnings }: { state: TaskActionState; warnings: CloseOutWarning[] }) {
  return (
    <div className="space-y-4">
      {state.canApply && !state.pendingCloseOut && <ApplyCloseOut state={state} warnings={warnings} />}
      {/* the office decides in the 核验 panel (components/tasks/closeout-review.tsx), beside the evidence */}
      {state.canDecide && state.status === "DONE" && <Reopen taskId={state.taskId} version={state.version} />}
      {/* 发督办单: the office on an active task (the button loads its pre-filled draft; none when not allowed) */}
      {state.canDecide && state.status === "ACTIVE" && <IssueNoticeButton taskId={state.taskId} />}
    </div>
  );
}

/** The office marks a milestone reached today, or clears the mark. */
export function MilestoneToggle({
  milestoneId,
  completed,
  version,
  today,
}: {
  milestoneId: string;
  completed: boolean;
  version: number;
  today: string;
}) {
  const { t } = useI18n();
  const { pending, error, run } = useRun();
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        onClick={() => run(() => completeMilestoneAction({ id: milestoneId, completedOn: completed ? null : today, version }))}
        className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50 disabled:opacity-50"
      >
        {completed ? t("taskActions.uncomplete") : t("taskActions.complete")}
      </button>
      {error && <span className="text-xs text-red-600">{error}</span>}
    </span>
  );
}
