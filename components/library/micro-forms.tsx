"use client";

// A unit's micro-reform proposal (new, or an edit of a proposed/returned one) and the office's
// review of it: accept into the library, return with a reason, mark promoted.
import { CheckCircle2, Megaphone, Plus, Undo2 } from "lucide-react";
import { ActionDialog, int, SelectField, smallButton, text, TextField, type FieldErrors } from "@/components/admin/form-kit";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n/client";
import {
  acceptMicroReformAction,
  promoteMicroReformAction,
  proposeMicroReformAction,
  returnMicroReformAction,
  updateMicroReformAction,
} from "@/lib/library/actions";

export interface TaskChoice {
  id: string;
  code: string;
  title: string;
}

export interface MicroDraft {
  id: string;
  version: number;
  title: string;
  problem: string;
  measures: string;
  effect: string | null;
  citizensServed: number | null;
  taskId: string | null;
}

const areaClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500";

/** A labelled textarea with its field messages (form-kit has single-line fields only). */
export function AreaField({
  id,
  name,
  label,
  errors,
  defaultValue,
  required,
  hint,
  rows = 3,
}: {
  id: string;
  name: string;
  label: string;
  errors?: string[];
  defaultValue?: string | null;
  required?: boolean;
  hint?: string;
  rows?: number;
}) {
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
        name={name}
        rows={rows}
        defaultValue={defaultValue ?? ""}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={areaClass}
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

function microInput(form: FormData) {
  return {
    title: text(form, "title"),
    problem: text(form, "problem"),
    measures: text(form, "measures"),
    effect: text(form, "effect"),
    citizensServed: int(form, "citizensServed", null),
    taskId: text(form, "taskId"),
  };
}

function MicroFields({ errors, tasks, draft }: { errors: FieldErrors; tasks: TaskChoice[]; draft?: MicroDraft }) {
  const { t } = useI18n();
  return (
    <>
      <TextField name="title" label={t("library.micro.title")} required errors={errors.title} defaultValue={draft?.title} />
      <AreaField
        id="micro-problem"
        name="problem"
        label={t("library.micro.problem")}
        required
        errors={errors.problem}
        defaultValue={draft?.problem}
      />
      <AreaField
        id="micro-measures"
        name="measures"
        label={t("library.micro.measures")}
        required
        errors={errors.measures}
        defaultValue={draft?.measures}
        rows={4}
      />
      <AreaField id="micro-effect" name="effect" label={t("library.micro.effect")} errors={errors.effect} defaultValue={draft?.effect} />
      <TextField
        name="citizensServed"
        type="number"
        min={0}
        label={t("library.micro.citizensServed")}
        errors={errors.citizensServed}
        defaultValue={draft?.citizensServed}
      />
      <SelectField
        name="taskId"
        label={t("library.micro.task")}
        placeholder={t("library.micro.noTask")}
        options={tasks.map((task) => ({ value: task.id, label: `${task.code} ${task.title}` }))}
        defaultValue={draft?.taskId}
        errors={errors.taskId}
      />
      {(errors.id || errors.unitId || errors.year) && (
        <p className="text-xs text-red-600">{[...(errors.id ?? []), ...(errors.unitId ?? []), ...(errors.year ?? [])].join("；")}</p>
      )}
    </>
  );
}

export function ProposeMicroButton({ tasks }: { tasks: TaskChoice[] }) {
  const { t } = useI18n();
  return (
    <ActionDialog
      testId="micro-propose-dialog"
      title={t("library.micro.propose")}
      description={t("library.micro.proposeHint")}
      trigger={
        <Button data-testid="micro-propose">
          <Plus className="size-4" aria-hidden />
          {t("library.micro.propose")}
        </Button>
      }
      onSubmit={(form) => proposeMicroReformAction(microInput(form))}
    >
      {(errors) => <MicroFields errors={errors} tasks={tasks} />}
    </ActionDialog>
  );
}

export function EditMicroButton({ draft, tasks }: { draft: MicroDraft; tasks: TaskChoice[] }) {
  const { t } = useI18n();
  return (
    <ActionDialog
      testId="micro-edit-dialog"
      title={t("library.micro.edit")}
      trigger={
        <Button variant="secondary" data-testid="micro-edit">
          {t("library.micro.edit")}
        </Button>
      }
      onSubmit={(form) => updateMicroReformAction({ id: draft.id, version: draft.version, ...microInput(form) })}
    >
      {(errors) => <MicroFields errors={errors} tasks={tasks} draft={draft} />}
    </ActionDialog>
  );
}

/** The office's buttons on a micro-reform, by its status. */
export function MicroCuration({ id, version, status }: { id: string; version: number; status: string }) {
  const { t } = useI18n();
  if (status === "PROPOSED")
    return (
      <div className="flex flex-wrap gap-2">
        <ActionDialog
          title={t("library.micro.accept")}
          submitLabel={t("library.micro.accept")}
          trigger={
            <Button data-testid="micro-accept">
              <CheckCircle2 className="size-4" aria-hidden />
              {t("library.micro.accept")}
            </Button>
          }
          onSubmit={() => acceptMicroReformAction({ id, version })}
        >
          {() => null}
        </ActionDialog>
        <ActionDialog
          testId="micro-return-dialog"
          title={t("library.micro.return")}
          submitLabel={t("library.micro.return")}
          trigger={
            <Button variant="secondary" data-testid="micro-return">
              <Undo2 className="size-4" aria-hidden />
              {t("library.micro.return")}
            </Button>
          }
          onSubmit={(form) => returnMicroReformAction({ id, version, reason: text(form, "reason") })}
        >
          {(errors) => (
            <AreaField
              id="micro-return-reason"
              name="reason"
              label={t("library.micro.returnReason")}
              hint={t("library.micro.returnReasonHint")}
              required
              errors={errors.reason}
            />
          )}
        </ActionDialog>
      </div>
    );
  if (status === "ACCEPTED")
    return (
      <ActionDialog
        title={t("library.micro.promote")}
        submitLabel={t("library.micro.promote")}
        trigger={
          <Button className={smallButton} data-testid="micro-promote">
            <Megaphone className="size-4" aria-hidden />
            {t("library.micro.promote")}
          </Button>
        }
        onSubmit={() => promoteMicroReformAction({ id, version })}
      >
        {() => null}
      </ActionDialog>
    );
  return null;
}
