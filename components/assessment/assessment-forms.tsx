"use client";

// The assessment's writes: run, publish, adjust (office); file an objection (unit); answer it (office).
import { ActionDialog, ConfirmDialog, smallButton, text, TextField } from "@/components/admin/form-kit";
import { Button } from "@/components/ui/button";
import {
  adjustScoreAction,
  answerObjectionAction,
  fileObjectionAction,
  publishAssessmentAction,
  runAssessmentAction,
  updateSchemeAction,
} from "@/lib/assessment/actions";
import type { SchemeView } from "@/lib/assessment/types";
import { useI18n } from "@/lib/i18n/client";
import { useId } from "react";

function AreaField({ name, label, errors }: { name: string; label: string; errors?: string[] }) {
  const id = useId();
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        <span className="ml-0.5 text-red-600" aria-hidden>
          *
        </span>
      </label>
      <textarea
        id={id}
        name={name}
        rows={5}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500"
      />
      {errors?.length ? (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {errors.join("；")}
        </p>
      ) : null}
    </div>
  );
}

export function RunButton({ year }: { year: number }) {
  const { t } = useI18n();
  return (
    <ConfirmDialog
      trigger={<Button data-testid="assessment-run">{t("assessment.run")}</Button>}
      title={t("assessment.runTitle", { year })}
      text={t("assessment.runHint")}
      onConfirm={() => runAssessmentAction({ year })}
    />
  );
}

export function PublishButton({ assessmentId, version, run }: { assessmentId: string; version: number; run: number }) {
  const { t } = useI18n();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" data-testid="assessment-publish">
          {t("assessment.publish")}
        </Button>
      }
      title={t("assessment.publishTitle")}
      text={t("assessment.publishConfirm", { run })}
      onConfirm={() => publishAssessmentAction({ assessmentId, version })}
    />
  );
}

export function AdjustDialog({
  assessmentId,
  version,
  unitId,
  unitName,
}: {
  assessmentId: string;
  version: number;
  unitId: string;
  unitName: string;
}) {
  const { t } = useI18n();
  return (
    <ActionDialog
      testId={`assessment-adjust-${unitId}`}
      trigger={
        <Button variant="ghost" className={smallButton} data-testid="assessment-adjust">
          {t("assessment.adjust.action")}
        </Button>
      }
      title={t("assessment.adjust.title", { unit: unitName })}
      onSubmit={(form) =>
        adjustScoreAction({
          assessmentId,
          version,
          unitId,
          points: text(form, "points").trim() === "" ? undefined : Number(text(form, "points")),
          reason: text(form, "reason"),
        })
      }
    >
      {(errors) => (
        <>
          <TextField name="points" type="number" label={t("assessment.adjust.points")} required errors={errors.points} />
          <AreaField name="reason" label={t("assessment.adjust.reason")} errors={errors.reason} />
        </>
      )}
    </ActionDialog>
  );
}

export function ObjectionDialog({ assessmentId, unitId }: { assessmentId: string; unitId: string }) {
  const { t } = useI18n();
  return (
    <ActionDialog
      testId="objection-form"
      trigger={<Button data-testid="objection-file">{t("assessment.objection.file")}</Button>}
      title={t("assessment.objection.fileTitle")}
      onSubmit={(form) => fileObjectionAction({ assessmentId, unitId, content: text(form, "content") })}
    >
      {(errors) => <AreaField name="content" label={t("assessment.objection.content")} errors={errors.content} />}
    </ActionDialog>
  );
}

export function AnswerDialog({ id, unitName }: { id: string; unitName: string }) {
  const { t } = useI18n();
  return (
    <ActionDialog
      testId={`objection-answer-form-${id}`}
      trigger={
        <Button variant="secondary" className={smallButton} data-testid={`objection-answer-${id}`}>
          {t("assessment.objection.answer")}
        </Button>
      }
      title={t("assessment.objection.answerTitle", { unit: unitName })}
      onSubmit={(form) => answerObjectionAction({ id, answer: text(form, "answer") })}
    >
      {(errors) => <AreaField name="answer" label={t("assessment.objection.answerText")} errors={errors.answer} />}
    </ActionDialog>
  );
}

/** A number field's value: blank stays blank (the server says "required"), anything else as typed. */
function decimal(form: FormData, name: string): number | null {
  const raw = String(form.get(name) ?? "").trim();
  return raw === "" ? null : Number(raw);
}

/** 考核方案: the points of each indicator (adding up to 100) and the innovation bonus cap. */
export function SchemeDialog({ year, scheme }: { year: number; scheme: SchemeView }) {
  const { t } = useI18n();
  const innovation = scheme.indicators.find((indicator) => indicator.code === "INNOVATION");
  return (
    <ActionDialog
      testId="assessment-scheme-dialog"
      trigger={
        <Button variant="secondary" data-testid="assessment-scheme">
          {t("assessment.scheme.button")}
        </Button>
      }
      title={t("assessment.scheme.title", { year })}
      description={t("assessment.scheme.hint")}
      submitLabel={t("admin.common.confirm")}
      onSubmit={(form) =>
        updateSchemeAction({
          year,
          version: scheme.version,
          weights: Object.fromEntries(scheme.indicators.map((indicator) => [indicator.code, decimal(form, indicator.code)])),
          innovationCap: decimal(form, "innovationCap"),
        })
      }
    >
      {(errors) => (
        <>
          {scheme.indicators.map((indicator) => (
            <TextField
              key={indicator.code}
              name={indicator.code}
              type="number"
              min={0}
              max={100}
              label={t("assessment.scheme.weight", { name: t(`assessment.indicators.${indicator.code}`) })}
              defaultValue={indicator.weight}
              errors={indicator.code === "COMPLETION" ? errors.weights : errors[`weights.${indicator.code}`]}
              required
            />
          ))}
          <TextField
            name="innovationCap"
            type="number"
            min={0}
            max={100}
            label={t("assessment.scheme.cap")}
            defaultValue={innovation?.cap ?? innovation?.weight ?? 10}
            errors={errors.innovationCap}
            required
          />
        </>
      )}
    </ActionDialog>
  );
}
