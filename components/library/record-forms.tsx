"use client";

// The office's records of typical cases (典型案例) and honours (表彰/宣传推介): create, edit, delete.
import { Plus } from "lucide-react";
import { ActionDialog, ConfirmDialog, SelectField, smallButton, text, TextField, type FieldErrors } from "@/components/admin/form-kit";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n/client";
import {
  createCaseAction,
  createHonorAction,
  deleteCaseAction,
  deleteHonorAction,
  updateCaseAction,
  updateHonorAction,
} from "@/lib/library/actions";
import { CASE_LEVELS, HONOR_KINDS, HONOR_LEVELS } from "@/lib/library/schemas";
import type { CaseRow, HonorRow } from "@/lib/library/types";
import { AreaField, type TaskChoice } from "./micro-forms";

export interface RecordChoices {
  units: { id: string; name: string }[];
  tasks: TaskChoice[];
  micros: { id: string; title: string }[];
  year: number;
}

function CommonFields({
  errors,
  choices,
  unitId,
  taskId,
  year,
  label,
}: {
  errors: FieldErrors;
  choices: RecordChoices;
  unitId?: string;
  taskId?: string | null;
  year?: number;
  label: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <SelectField
        name="unitId"
        label={t("library.cases.unit")}
        required
        placeholder=""
        options={choices.units.map((unit) => ({ value: unit.id, label: unit.name }))}
        defaultValue={unitId}
        errors={errors.unitId}
      />
      <TextField
        name="year"
        type="number"
        label={t("library.cases.year")}
        required
        defaultValue={year ?? choices.year}
        errors={errors.year}
      />
      <SelectField
        name="taskId"
        label={label}
        placeholder={t("library.cases.none")}
        options={choices.tasks.map((task) => ({ value: task.id, label: `${task.code} ${task.title}` }))}
        defaultValue={taskId}
        errors={errors.taskId}
      />
    </>
  );
}

function caseInput(form: FormData) {
  return {
    unitId: text(form, "unitId"),
    year: text(form, "year"),
    taskId: text(form, "taskId"),
    microReformId: text(form, "microReformId"),
    title: text(form, "title"),
    summary: text(form, "summary"),
    level: text(form, "level"),
    publishedIn: text(form, "publishedIn"),
    publishedOn: text(form, "publishedOn"),
  };
}

function CaseFields({ errors, choices, row }: { errors: FieldErrors; choices: RecordChoices; row?: CaseRow }) {
  const { t } = useI18n();
  return (
    <>
      <TextField name="title" label={t("library.cases.title")} required defaultValue={row?.title} errors={errors.title} />
      <SelectField
        name="level"
        label={t("library.cases.level")}
        required
        placeholder=""
        options={CASE_LEVELS.map((level) => ({ value: level, label: t(`library.levels.${level}`) }))}
        defaultValue={row?.level}
        errors={errors.level}
      />
      <TextField
        name="publishedIn"
        label={t("library.cases.publishedIn")}
        hint={t("library.cases.publishedInHint")}
        defaultValue={row?.publishedIn}
        errors={errors.publishedIn}
      />
      <TextField
        name="publishedOn"
        type="date"
        label={t("library.cases.publishedOn")}
        defaultValue={row?.publishedOn}
        errors={errors.publishedOn}
      />
      <CommonFields
        errors={errors}
        choices={choices}
        unitId={row?.unitId}
        taskId={row?.taskId}
        year={row?.year}
        label={t("library.cases.task")}
      />
      <SelectField
        name="microReformId"
        label={t("library.cases.micro")}
        placeholder={t("library.cases.none")}
        options={choices.micros.map((micro) => ({ value: micro.id, label: micro.title }))}
        defaultValue={row?.microReformId}
        errors={errors.microReformId}
      />
      <AreaField id="case-summary" name="summary" label={t("library.cases.summary")} defaultValue={row?.summary} errors={errors.summary} />
    </>
  );
}

export function AddCaseButton({ choices }: { choices: RecordChoices }) {
  const { t } = useI18n();
  return (
    <ActionDialog
      testId="case-add-dialog"
      title={t("library.cases.add")}
      trigger={
        <Button data-testid="case-add">
          <Plus className="size-4" aria-hidden />
          {t("library.cases.add")}
        </Button>
      }
      onSubmit={(form) => createCaseAction(caseInput(form))}
    >
      {(errors) => <CaseFields errors={errors} choices={choices} />}
    </ActionDialog>
  );
}

export function CaseRowActions({ row, choices }: { row: CaseRow; choices: RecordChoices }) {
  const { t } = useI18n();
  return (
    <div className="flex gap-1">
      <ActionDialog
        title={t("library.cases.edit")}
        trigger={
          <Button variant="ghost" className={smallButton} data-testid="case-edit">
            {t("library.cases.edit")}
          </Button>
        }
        onSubmit={(form) => updateCaseAction({ id: row.id, version: row.version, ...caseInput(form) })}
      >
        {(errors) => <CaseFields errors={errors} choices={choices} row={row} />}
      </ActionDialog>
      <ConfirmDialog
        title={t("library.cases.delete")}
        text={t("library.cases.deleteConfirm", { title: row.title })}
        trigger={
          <Button variant="ghost" className={smallButton} data-testid="case-delete">
            {t("library.cases.delete")}
          </Button>
        }
        onConfirm={() => deleteCaseAction({ id: row.id, version: row.version })}
      />
    </div>
  );
}

function honorInput(form: FormData) {
  return {
    unitId: text(form, "unitId"),
    year: text(form, "year"),
    taskId: text(form, "taskId"),
    title: text(form, "title"),
    kind: text(form, "kind"),
    level: text(form, "level"),
    source: text(form, "source"),
    awardedOn: text(form, "awardedOn"),
  };
}

function HonorFields({ errors, choices, row }: { errors: FieldErrors; choices: RecordChoices; row?: HonorRow }) {
  const { t } = useI18n();
  return (
    <>
      <TextField name="title" label={t("library.honors.title")} required defaultValue={row?.title} errors={errors.title} />
      <SelectField
        name="kind"
        label={t("library.honors.kind")}
        required
        placeholder=""
        options={HONOR_KINDS.map((kind) => ({ value: kind, label: t(`library.kinds.${kind}`) }))}
        defaultValue={row?.kind}
        errors={errors.kind}
      />
      <SelectField
        name="level"
        label={t("library.honors.level")}
        required
        placeholder=""
        options={HONOR_LEVELS.map((level) => ({ value: level, label: t(`library.levels.${level}`) }))}
        defaultValue={row?.level}
        errors={errors.level}
      />
      <TextField name="source" label={t("library.honors.source")} defaultValue={row?.source} errors={errors.source} />
      <TextField
        name="awardedOn"
        type="date"
        label={t("library.honors.awardedOn")}
        defaultValue={row?.awardedOn}
        errors={errors.awardedOn}
      />
      <CommonFields
        errors={errors}
        choices={choices}
        unitId={row?.unitId}
        taskId={row?.taskId}
        year={row?.year}
        label={t("library.honors.task")}
      />
    </>
  );
}

export function AddHonorButton({ choices }: { choices: RecordChoices }) {
  const { t } = useI18n();
  return (
    <ActionDialog
      testId="honor-add-dialog"
      title={t("library.honors.add")}
      trigger={
        <Button data-testid="honor-add">
          <Plus className="size-4" aria-hidden />
          {t("library.honors.add")}
        </Button>
      }
      onSubmit={(form) => createHonorAction(honorInput(form))}
    >
      {(errors) => <HonorFields errors={errors} choices={choices} />}
    </ActionDialog>
  );
}

export function HonorRowActions({ row, choices }: { row: HonorRow; choices: RecordChoices }) {
  const { t } = useI18n();
  return (
    <div className="flex gap-1">
      <ActionDialog
        title={t("library.honors.edit")}
        trigger={
          <Button variant="ghost" className={smallButton} data-testid="honor-edit">
            {t("library.honors.edit")}
          </Button>
        }
        onSubmit={(form) => updateHonorAction({ id: row.id, version: row.version, ...honorInput(form) })}
      >
        {(errors) => <HonorFields errors={errors} choices={choices} row={row} />}
      </ActionDialog>
      <ConfirmDialog
        title={t("library.honors.delete")}
        text={t("library.honors.deleteConfirm", { title: row.title })}
        trigger={
          <Button variant="ghost" className={smallButton} data-testid="honor-delete">
            {t("library.honors.delete")}
          </Button>
        }
        onConfirm={() => deleteHonorAction({ id: row.id, version: row.version })}
      />
    </div>
  );
}
