"use client";

import { CheckCircle2, FileCheck2, Paperclip, RotateCcw, Undo2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { IssueNoticeButton } from "@/components/supervision/issue-notice";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useI18n } from "@/lib/i18n/client";
import type { ActionResult } from "@/lib/forms/action-result";
import {
  applyCloseOutAction,
  approveCloseOutAction,
  completeMilestoneAction,
  reopenTaskAction,
  returnCloseOutAction,
  uploadCloseOutEvidenceAction,
} from "@/lib/tasks/actions";
import type { TaskActionState } from "@/lib/tasks/types";

const field =
  "w-full rounded-md border border-slate-300 px-3 py-2 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100";

function messageOf(result: ActionResult<unknown>): string | null {
  if (result.ok) return null;
  return [result.message, ...Object.values(result.fieldErrors ?? {}).flat()].join(" ");
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
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

/** 对账销号 from the lead unit: a summary and at least one evidence file. */
function ApplyCloseOut({ taskId }: { taskId: string }) {
  const { t } = useI18n();
  const { pending, error, setError, run } = useRun();
  const files = useRef<HTMLInputElement>(null);
  const [summary, setSummary] = useState("");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(async () => {
      const chosen = [...(files.current?.files ?? [])];
      const attachmentIds: string[] = [];
      for (const file of chosen) {
        const uploaded = await uploadCloseOutEvidenceAction({
          entityType: "CloseOutRequest",
          entityId: taskId,
          fileName: file.name,
          base64: await toBase64(file),
        });
        if (!uploaded.ok) {
          setError(`${file.name}：${messageOf(uploaded)}`);
          return null;
        }
        attachmentIds.push((uploaded.data as { id: string }).id);
      }
      return applyCloseOutAction({ taskId, summary, attachmentIds });
    });
  };

  return (
    <Panel title={t("taskActions.applyTitle")} icon={<FileCheck2 className="size-4 text-brand-700" aria-hidden />}>
      <form onSubmit={submit} noValidate className="space-y-3">
        <div className="space-y-1.5">
          <label htmlFor="closeout-summary" className="block text-sm font-medium text-slate-700">
            {t("taskActions.summary")}
          </label>
          <textarea id="closeout-summary" rows={3} value={summary} onChange={(event) => setSummary(event.target.value)} className={field} />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="closeout-files" className="flex items-center gap-1.5 text-sm font-medium text-slate-700">
            <Paperclip className="size-3.5" aria-hidden />
            {t("taskActions.evidence")}
          </label>
          <input
            id="closeout-files"
            ref={files}
            type="file"
            multiple
            accept=".pdf,.ofd,.doc,.docx,.xls,.xlsx,.wps,.jpg,.jpeg,.png,.zip"
            className="block text-sm"
          />
          <p className="text-xs text-slate-500">{t("taskActions.evidenceHint")}</p>
        </div>
        {error && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
        <Button type="submit" disabled={pending}>
          {t("taskActions.apply")}
        </Button>
      </form>
    </Panel>
  );
}

/** The office verifies the evidence: approve (销号) or return with a reason. */
function DecideCloseOut({ request }: { request: { id: string; version: number } }) {
  const { t } = useI18n();
  const { pending, error, run } = useRun();
  const [comment, setComment] = useState("");
  return (
    <Panel title={t("taskActions.decideTitle")} icon={<FileCheck2 className="size-4 text-brand-700" aria-hidden />}>
      <div className="space-y-1.5">
        <label htmlFor="closeout-comment" className="block text-sm font-medium text-slate-700">
          {t("taskActions.comment")}
        </label>
        <textarea id="closeout-comment" rows={2} value={comment} onChange={(event) => setComment(event.target.value)} className={field} />
      </div>
      {error && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      <div className="flex gap-2">
        <Button disabled={pending} onClick={() => run(() => approveCloseOutAction({ id: request.id, comment, version: request.version }))}>
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
    </Panel>
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

export function TaskActions({ state }: { state: TaskActionState }) {
  return (
    <div className="space-y-4">
      {state.canApply && !state.pendingCloseOut && <ApplyCloseOut taskId={state.taskId} />}
      {state.canDecide && state.pendingCloseOut && <DecideCloseOut request={state.pendingCloseOut} />}
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
