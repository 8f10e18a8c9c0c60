"use client";

import { Lock, Pencil, Plus, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { Dialog } from "radix-ui";
import { useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { MilestoneEditor, fieldInput as input } from "./milestone-editor";
import { useI18n } from "@/lib/i18n/client";
import { createTaskAction, updateTaskAction } from "@/lib/tasks/actions";
import { conflictRows, formValuesOf, mergeOnto, type SavedTask } from "@/lib/tasks/conflict";
import type { TaskFormOptions, TaskFormValues } from "@/lib/tasks/types";

const SOURCES = ["SUPERIOR", "SELF", "PILOT"] as const;
const LEVELS = ["NATIONAL", "PROVINCIAL", "CITY", "COUNTY"] as const;

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

interface Conflict {
  task: SavedTask;
  lastChange: { actorName: string | null } | null;
}

/**
 * Create or edit a task with its milestones (序时进度). A stale edit is refused by the server; the
 * form then shows, field by field, what is saved now beside what the user typed, and lets the user
 * either start again from the saved task or keep their input on top of the new version.
 */
export function TaskFormDialog({
  options,
  values,
  mode,
  controlled = false,
}: {
  options: TaskFormOptions;
  values: TaskFormValues;
  mode: "create" | "edit";
  /** the task's plan is issued: its controlled fields change through a change request, not here */
  controlled?: boolean;
}) {
  const { t } = useI18n();
  const locked = mode === "edit" && controlled;
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<TaskFormValues>(values);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const alert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // braces: Chromium's scrollIntoView may return a promise, which React would take for a clean-up
    alert.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, [message]);
  const set = <K extends keyof TaskFormValues>(key: K, value: TaskFormValues[K]) => setForm((current) => ({ ...current, [key]: value }));

  const submit = () =>
    startTransition(async () => {
      const payload = {
        ...form,
        workPointId: form.workPointId || null,
        leaderId: form.leaderId || null,
        pilotLevel: form.pilotLevel || null,
        code: form.code || null,
        outcome: form.outcome || null,
      };
      const result = mode === "create" ? await createTaskAction(payload) : await updateTaskAction(payload);
      if (result.ok) {
        setOpen(false);
        setErrors({});
        setMessage(null);
        setConflict(null);
        setNotice(null);
        if (mode === "create") router.push(`/tasks/${(result.data as { id: string }).id}`);
        router.refresh();
        return;
      }
      setErrors(result.fieldErrors ?? {});
      setMessage(result.message);
      setNotice(null);
      const current = result.conflict as Partial<Conflict> | undefined;
      setConflict(current?.task ? { task: current.task, lastChange: current.lastChange ?? null } : null);
    });

  const resolve = (keepMine: boolean) => {
    if (!conflict) return;
    setForm(keepMine ? mergeOnto(conflict.task, values, form) : { ...formValuesOf(conflict.task), id: form.id });
    setConflict(null);
    setMessage(null);
    setNotice(t(keepMine ? "taskForm.conflict.kept" : "taskForm.conflict.reloaded"));
  };

  const points = options.workPoints.filter((point) => point.planId === form.planId);
  const select = (id: keyof TaskFormValues, list: { id: string; label: string }[], blank?: string, disabled = false) => (
    <select
      id={`task-${id}`}
      value={String(form[id] ?? "")}
      onChange={(event) => set(id, event.target.value as never)}
      className={input}
      disabled={disabled}
    >
      {blank !== undefined && <option value="">{blank}</option>}
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
          setConflict(null);
          setMessage(null);
          setNotice(null);
        }
      }}
    >
      <Dialog.Trigger asChild>
        <Button variant={mode === "create" ? "primary" : "secondary"} data-testid={mode === "create" ? "create-task" : "edit-task"}>
          {mode === "create" ? <Plus className="size-4" aria-hidden /> : <Pencil className="size-4" aria-hidden />}
          {mode === "create" ? t("taskForm.create") : t("taskForm.edit")}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[92vh] w-[calc(100vw-2rem)] max-w-3xl -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl border border-slate-200 bg-white p-6 shadow-xl">
          <div className="mb-4 flex items-start justify-between">
            <Dialog.Title className="text-lg font-semibold text-slate-900">
              {mode === "create" ? t("taskForm.create") : t("taskForm.edit")}
            </Dialog.Title>
            <Dialog.Description className="sr-only">{t("taskForm.edit")}</Dialog.Description>
            <Dialog.Close className="rounded-md p-1 text-slate-400 hover:bg-slate-100" aria-label={t("taskForm.cancel")}>
              <X className="size-4" aria-hidden />
            </Dialog.Close>
          </div>
          {message && !conflict && (
            <div ref={alert} role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {message}
            </div>
          )}
          {notice && (
            <p role="status" className="mb-4 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
              {notice}
            </p>
          )}
          {conflict && (
            <ConflictPanel
              conflict={conflict}
              rows={conflictRows(conflict.task, values, form, options, {
                yes: t("taskForm.conflict.yes"),
                no: t("taskForm.conflict.no"),
                none: "—",
                source: (value) => t(`taskForm.sources.${value}`),
                pilotLevel: (value) => (LEVELS.includes(value as never) ? t(`taskForm.levels.${value as (typeof LEVELS)[number]}`) : value),
              })}
              onResolve={resolve}
            />
          )}
          {locked && (
            <p
              className="mb-4 flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800"
              data-testid="controlled-hint"
            >
              <Lock className="mt-0.5 size-4 shrink-0" aria-hidden />
              {t("changes.controlledHint")}
            </p>
          )}
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id="task-planId" label={t("taskForm.plan")} errors={errors.planId}>
              {select("planId", options.plans)}
            </Field>
            <Field id="task-workPointId" label={t("taskForm.workPoint")} errors={errors.workPointId}>
              {select("workPointId", points, t("taskForm.none"))}
            </Field>
            <Field id="task-groupId" label={t("taskForm.group")} errors={errors.groupId}>
              {select("groupId", options.groups)}
            </Field>
            <Field id="task-code" label={t("taskForm.code")} errors={errors.code}>
              <input
                id="task-code"
                value={form.code}
                onChange={(event) => set("code", event.target.value)}
                placeholder={t("taskForm.codeHint")}
                className={input}
              />
            </Field>
            <Field id="task-title" label={t("taskForm.title")} errors={errors.title} wide>
              <input id="task-title" value={form.title} onChange={(event) => set("title", event.target.value)} className={input} />
            </Field>
            <Field id="task-goal" label={t("taskForm.goal")} errors={errors.goal} wide>
              <textarea
                id="task-goal"
                rows={3}
                value={form.goal}
                disabled={locked}
                onChange={(event) => set("goal", event.target.value)}
                className={`${input} h-auto py-2`}
              />
            </Field>
            <Field id="task-outcome" label={t("taskForm.outcome")} errors={errors.outcome}>
              <input
                id="task-outcome"
                value={form.outcome}
                disabled={locked}
                onChange={(event) => set("outcome", event.target.value)}
                className={input}
              />
            </Field>
            <Field id="task-leadUnitId" label={t("taskForm.leadUnit")} errors={errors.leadUnitId}>
              {select("leadUnitId", options.units, t("taskForm.choose"), locked)}
            </Field>
            <Field id="task-cooperating" label={t("taskForm.cooperatingUnits")} errors={errors.cooperatingUnitIds} wide>
              <select
                id="task-cooperating"
                multiple
                disabled={locked}
                value={form.cooperatingUnitIds}
                onChange={(event) =>
                  set(
                    "cooperatingUnitIds",
                    [...event.target.selectedOptions].map((option) => option.value),
                  )
                }
                className={`${input} h-28 py-1`}
              >
                {options.units.map((unit) => (
                  <option key={unit.id} value={unit.id}>
                    {unit.label}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="task-leaderId" label={t("taskForm.leader")} errors={errors.leaderId}>
              {select("leaderId", options.leaders, t("taskForm.none"), locked)}
            </Field>
            <Field id="task-source" label={t("taskForm.source")} errors={errors.source}>
              <select
                id="task-source"
                value={form.source}
                onChange={(event) => set("source", event.target.value as TaskFormValues["source"])}
                className={input}
              >
                {SOURCES.map((source) => (
                  <option key={source} value={source}>
                    {t(`taskForm.sources.${source}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="task-pilotLevel" label={t("taskForm.pilotLevel")} errors={errors.pilotLevel}>
              <select
                id="task-pilotLevel"
                value={form.pilotLevel}
                onChange={(event) => set("pilotLevel", event.target.value)}
                className={input}
              >
                <option value="">{t("taskForm.none")}</option>
                {LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {t(`taskForm.levels.${level}`)}
                  </option>
                ))}
              </select>
            </Field>
            <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
              <input type="checkbox" checked={form.isKey} disabled={locked} onChange={(event) => set("isKey", event.target.checked)} />
              {t("taskForm.isKey")}
            </label>
            <Field id="task-startDate" label={t("taskForm.startDate")} errors={errors.startDate}>
              <input
                id="task-startDate"
                type="date"
                value={form.startDate}
                disabled={locked}
                onChange={(event) => set("startDate", event.target.value)}
                className={input}
              />
            </Field>
            <Field id="task-dueDate" label={t("taskForm.dueDate")} errors={errors.dueDate}>
              <input
                id="task-dueDate"
                type="date"
                value={form.dueDate}
                disabled={locked}
                onChange={(event) => set("dueDate", event.target.value)}
                className={input}
              />
            </Field>
          </div>

          <MilestoneEditor
            milestones={form.milestones}
            dueDate={form.dueDate}
            errors={errors}
            onChange={(milestones) => set("milestones", milestones)}
            disabled={locked}
          />

          <div className="mt-6 flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="ghost">{t("taskForm.cancel")}</Button>
            </Dialog.Close>
            <Button onClick={submit} disabled={pending}>
              {t("taskForm.save")}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** The refused save, side by side: the saved value and the user's, for every field that differs. */
function ConflictPanel({
  conflict,
  rows,
  onResolve,
}: {
  conflict: Conflict;
  rows: ReturnType<typeof conflictRows>;
  onResolve: (keepMine: boolean) => void;
}) {
  const { t } = useI18n();
  const panel = useRef<HTMLDivElement>(null);
  // the save button is at the foot of a long dialog: bring the answer into view
  useEffect(() => {
    panel.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, [conflict]);
  return (
    <div ref={panel} role="alert" className="mb-4 space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-3" data-testid="task-conflict">
      <p className="text-sm font-medium text-amber-900">
        {t("taskForm.conflict.title", { name: conflict.lastChange?.actorName ?? t("taskForm.conflict.someone") })}
      </p>
      <div className="overflow-x-auto rounded-md border border-amber-200 bg-white">
        <table className="w-full text-left text-xs">
          <thead className="bg-slate-50 text-slate-500">
            <tr>
              <th className="w-28 px-2 py-1.5 font-semibold">{t("taskForm.conflict.field")}</th>
              <th className="px-2 py-1.5 font-semibold">{t("taskForm.conflict.saved")}</th>
              <th className="px-2 py-1.5 font-semibold">{t("taskForm.conflict.yours")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={3} className="px-2 py-2 text-slate-500">
                  {t("taskForm.conflict.same")}
                </td>
              </tr>
            )}
            {rows.map((row) => (
              <tr key={row.field} className="border-t border-slate-100 align-top" data-testid={`conflict-${row.field}`}>
                <th scope="row" className="px-2 py-1.5 font-medium text-slate-700">
                  {t(`taskForm.conflict.fields.${row.field}`)}
                </th>
                <td className="px-2 py-1.5 whitespace-pre-wrap text-slate-900">{row.saved}</td>
                <td className="bg-amber-50/60 px-2 py-1.5 whitespace-pre-wrap text-slate-900">
                  {row.changedByYou ? row.yours : <span className="text-slate-400">{t("taskForm.conflict.untouched")}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" className="h-8 px-3 text-xs" onClick={() => onResolve(false)} data-testid="conflict-use-saved">
          {t("taskForm.conflict.useSaved")}
        </Button>
        <Button variant="secondary" className="h-8 px-3 text-xs" onClick={() => onResolve(true)} data-testid="conflict-keep-mine">
          {t("taskForm.conflict.keepMine")}
        </Button>
      </div>
    </div>
  );
}
