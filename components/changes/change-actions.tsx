"use client";

// 计划调整 on the task page: the request form (the controlled fields prefilled with the task's,
// a required reason, the files that back it), the office's (or the linked leader's) decision, and
// withdrawing one's own request. Every rule is the service's; these collect input and show answers.
import { FilePenLine, Paperclip, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { Dialog } from "radix-ui";
import { useState, useTransition, type ReactNode } from "react";
import { EvidenceList } from "@/components/attachments/evidence-list";
import { EvidenceUploader } from "@/components/attachments/evidence-uploader";
import { MilestoneEditor, fieldInput } from "@/components/task-actions/milestone-editor";
import { Button } from "@/components/ui/button";
import type { EvidenceFile } from "@/lib/attachments/types";
import {
  decideChangeAction,
  detachFromChangeRequestAction,
  endorseChangeAction,
  requestChangeAction,
  withdrawChangeAction,
} from "@/lib/changes/actions";
import { useI18n } from "@/lib/i18n/client";
import type { TaskFormOptions, TaskFormValues } from "@/lib/tasks/types";

function Field({
  id,
  label,
  errors,
  children,
  wide,
}: {
  id: string;
  label: string;
  errors?: string[];
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={wide ? "space-y-1 sm:col-span-2" : "space-y-1"}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
      {errors?.map((message) => (
        <p key={message} className="text-xs text-red-600">
          {message}
        </p>
      ))}
    </div>
  );
}

export type ControlledForm = Pick<
  TaskFormValues,
  "startDate" | "dueDate" | "goal" | "outcome" | "leadUnitId" | "cooperatingUnitIds" | "leaderId" | "isKey" | "milestones"
>;

export function RequestChangeDialog({
  taskId,
  values,
  options,
  pendingFiles,
  maxMb,
}: {
  taskId: string;
  values: ControlledForm;
  options: Pick<TaskFormOptions, "units" | "leaders">;
  pendingFiles: EvidenceFile[];
  maxMb: number;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<ControlledForm>(values);
  const [reason, setReason] = useState("");
  const [files, setFiles] = useState<EvidenceFile[]>(pendingFiles);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const set = <K extends keyof ControlledForm>(key: K, value: ControlledForm[K]) => setForm((current) => ({ ...current, [key]: value }));

  const remove = async (file: EvidenceFile) => {
    setBusyId(file.id);
    const result = await detachFromChangeRequestAction({ id: file.id });
    setBusyId(null);
    if (result.ok) setFiles((previous) => previous.filter((other) => other.id !== file.id));
    else setMessage(result.message);
  };

  const submit = () =>
    startTransition(async () => {
      // the controlled fields alone (the form was filled from the whole task)
      const result = await requestChangeAction({
        taskId,
        reason,
        attachmentIds: files.map((file) => file.id),
        startDate: form.startDate,
        dueDate: form.dueDate,
        goal: form.goal,
        outcome: form.outcome || null,
        leadUnitId: form.leadUnitId,
        cooperatingUnitIds: form.cooperatingUnitIds,
        leaderId: form.leaderId || null,
        isKey: form.isKey,
        milestones: form.milestones,
      });
      if (result.ok) {
        setOpen(false);
        router.refresh();
        return;
      }
      setErrors(result.fieldErrors ?? {});
      setMessage([result.message, ...(result.fieldErrors?._form ?? [])].join(" "));
    });

  const select = (id: "leadUnitId" | "leaderId", list: { id: string; label: string }[], blank: string) => (
    <select id={`change-${id}`} value={form[id]} onChange={(event) => set(id, event.target.value)} className={fieldInput}>
      <option value="">{blank}</option>
      {list.map((option) => (
        <option key={option.id} value={option.id}>
          {option.label}
        </option>
      ))}
    </select>
  );

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setForm(values);
          setErrors({});
          setMessage(null);
        }
      }}
    >
      <Dialog.Trigger asChild>
        <Button variant="secondary" data-testid="request-change">
          <FilePenLine className="size-4" aria-hidden />
          {t("changes.request")}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content
          data-testid="change-dialog"
          className="fixed top-1/2 left-1/2 z-50 max-h-[92vh] w-[calc(100vw-2rem)] max-w-3xl -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl border border-slate-200 bg-white p-6 shadow-xl"
        >
          <div className="mb-3 flex items-start justify-between gap-4">
            <div className="space-y-1">
              <Dialog.Title className="text-lg font-semibold text-slate-900">{t("changes.requestTitle")}</Dialog.Title>
              <Dialog.Description className="text-sm text-slate-500">{t("changes.requestHint")}</Dialog.Description>
            </div>
            <Dialog.Close className="rounded-md p-1 text-slate-400 hover:bg-slate-100" aria-label={t("changes.cancel")}>
              <X className="size-4" aria-hidden />
            </Dialog.Close>
          </div>
          {message && (
            <div role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {message}
            </div>
          )}
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id="change-startDate" label={t("taskForm.startDate")} errors={errors.startDate}>
              <input
                id="change-startDate"
                type="date"
                value={form.startDate}
                onChange={(event) => set("startDate", event.target.value)}
                className={fieldInput}
              />
            </Field>
            <Field id="change-dueDate" label={t("taskForm.dueDate")} errors={errors.dueDate}>
              <input
                id="change-dueDate"
                type="date"
                value={form.dueDate}
                onChange={(event) => set("dueDate", event.target.value)}
                className={fieldInput}
              />
            </Field>
            <Field id="change-goal" label={t("taskForm.goal")} errors={errors.goal} wide>
              <textarea
                id="change-goal"
                rows={3}
                value={form.goal}
                onChange={(event) => set("goal", event.target.value)}
                className={`${fieldInput} h-auto py-2`}
              />
            </Field>
            <Field id="change-outcome" label={t("taskForm.outcome")} errors={errors.outcome}>
              <input
                id="change-outcome"
                value={form.outcome}
                onChange={(event) => set("outcome", event.target.value)}
                className={fieldInput}
              />
            </Field>
            <Field id="change-leadUnitId" label={t("taskForm.leadUnit")} errors={errors.leadUnitId}>
              {select("leadUnitId", options.units, t("taskForm.choose"))}
            </Field>
            <Field id="change-cooperating" label={t("taskForm.cooperatingUnits")} errors={errors.cooperatingUnitIds} wide>
              <select
                id="change-cooperating"
                multiple
                value={form.cooperatingUnitIds}
                onChange={(event) =>
                  set(
                    "cooperatingUnitIds",
                    [...event.target.selectedOptions].map((option) => option.value),
                  )
                }
                className={`${fieldInput} h-28 py-1`}
              >
                {options.units.map((unit) => (
                  <option key={unit.id} value={unit.id}>
                    {unit.label}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="change-leaderId" label={t("taskForm.leader")} errors={errors.leaderId}>
              {select("leaderId", options.leaders, t("taskForm.none"))}
            </Field>
            <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
              <input type="checkbox" checked={form.isKey} onChange={(event) => set("isKey", event.target.checked)} />
              {t("taskForm.isKey")}
            </label>
          </div>
          <MilestoneEditor
            milestones={form.milestones}
            dueDate={form.dueDate}
            errors={errors}
            onChange={(milestones) => set("milestones", milestones)}
          />
          <div className="mt-5 space-y-1">
            <label htmlFor="change-reason" className="block text-sm font-medium text-slate-700">
              {t("changes.reason")} <span className="text-red-600">*</span>
            </label>
            <textarea
              id="change-reason"
              rows={3}
              value={reason}
              placeholder={t("changes.reasonPlaceholder")}
              onChange={(event) => setReason(event.target.value)}
              aria-invalid={Boolean(errors.reason?.length)}
              className={`${fieldInput} h-auto py-2`}
            />
            {errors.reason?.map((text) => (
              <p key={text} className="text-xs text-red-600">
                {text}
              </p>
            ))}
          </div>
          <section className="mt-4 space-y-1.5" data-testid="change-evidence" aria-label={t("changes.evidence")}>
            <h3 className="flex items-center gap-1.5 text-sm font-medium text-slate-700">
              <Paperclip className="size-3.5" aria-hidden />
              {t("changes.evidence")}
            </h3>
            <EvidenceList files={files} canRemove={() => true} onRemove={(file) => void remove(file)} busyId={busyId} />
            <EvidenceUploader
              maxMb={maxMb}
              target={async () => ({ for: "change", taskId })}
              onUploaded={(file) => setFiles((previous) => [...previous, file])}
              testId="change-uploader"
            />
            {errors.attachmentIds?.map((text) => (
              <p key={text} className="text-xs text-red-600">
                {text}
              </p>
            ))}
          </section>
          <div className="mt-6 flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="ghost">{t("changes.cancel")}</Button>
            </Dialog.Close>
            <Button onClick={submit} disabled={pending} data-testid="submit-change">
              {t("changes.submit")}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** The office's decision on a pending request, or (mode "endorse") the linked leader's consent. */
export function DecideChange({ request, mode }: { request: { id: string; version: number }; mode: "decide" | "endorse" }) {
  const { t } = useI18n();
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const decide = (decision: "approve" | "reject") =>
    startTransition(async () => {
      const action = mode === "decide" ? decideChangeAction : endorseChangeAction;
      const result = await action({ id: request.id, version: request.version, decision, comment: comment || null });
      if (result.ok) {
        setError(null);
        router.refresh();
        return;
      }
      setError([result.message, ...Object.values(result.fieldErrors ?? {}).flat()].join(" "));
    });
  return (
    <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="change-decision">
      <label htmlFor={`change-comment-${request.id}`} className="block text-xs font-medium text-slate-600">
        {t("changes.decisionComment")} <span className="font-normal text-slate-400">（{t("changes.decisionCommentHint")}）</span>
      </label>
      <textarea
        id={`change-comment-${request.id}`}
        rows={2}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        className={`${fieldInput} h-auto py-2`}
      />
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => decide("approve")} disabled={pending} data-testid="approve-change">
          {mode === "decide" ? t("changes.approve") : t("changes.endorse")}
        </Button>
        <Button variant="secondary" onClick={() => decide("reject")} disabled={pending} data-testid="reject-change">
          {t("changes.reject")}
        </Button>
      </div>
    </div>
  );
}

export function WithdrawChange({ request }: { request: { id: string; version: number } }) {
  const { t } = useI18n();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-1">
      <Button
        variant="ghost"
        className="h-8 px-2 text-xs"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await withdrawChangeAction({ id: request.id, version: request.version });
            if (result.ok) router.refresh();
            else setError(result.message);
          })
        }
      >
        {t("changes.withdraw")}
      </Button>
      {error && <p className="text-xs text-red-700">{error}</p>}
    </div>
  );
}
