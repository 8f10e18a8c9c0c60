"use client";

// The 序时进度 rows of a task, edited as a set: the task form and the change-request form share it.
// Errors arrive keyed as the server reports them ("milestones.2.plannedDate").
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n/client";
import type { TaskFormValues } from "@/lib/tasks/types";

export const fieldInput =
  "h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 disabled:bg-slate-50 disabled:text-slate-500";

type Milestones = TaskFormValues["milestones"];

function Errors({ messages }: { messages: string[] }) {
  return messages.map((text) => (
    <p key={text} className="text-xs text-red-600">
      {text}
    </p>
  ));
}

export function MilestoneEditor({
  milestones,
  dueDate,
  errors,
  onChange,
  disabled = false,
}: {
  milestones: Milestones;
  /** a new milestone starts on the task's due date at 100 % */
  dueDate: string;
  errors: Record<string, string[]>;
  onChange: (milestones: Milestones) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const update = (index: number, patch: Partial<Milestones[number]>) =>
    onChange(milestones.map((milestone, at) => (at === index ? { ...milestone, ...patch } : milestone)));
  return (
    <div className="mt-5 space-y-2">
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-semibold text-slate-900">{t("taskForm.milestones")}</h3>
        {!disabled && (
          <Button
            variant="ghost"
            className="h-8 px-2 text-xs"
            onClick={() => onChange([...milestones, { title: "", plannedDate: dueDate, plannedPercent: 100 }])}
          >
            <Plus className="size-3.5" aria-hidden />
            {t("taskForm.addMilestone")}
          </Button>
        )}
      </div>
      {errors.milestones && <Errors messages={errors.milestones} />}
      {milestones.map((milestone, index) => {
        const fieldErrors = (name: string) => errors[`milestones.${index}.${name}`] ?? [];
        return (
          <div
            key={milestone.id ?? `new-${index}`}
            className="grid grid-cols-[1fr_9rem_6rem_2rem] items-start gap-2"
            data-testid={`milestone-row-${index}`}
          >
            <div>
              <input
                aria-label={t("taskForm.milestoneTitle")}
                value={milestone.title}
                onChange={(event) => update(index, { title: event.target.value })}
                className={fieldInput}
              />
              <Errors messages={fieldErrors("title")} />
            </div>
            <div>
              <input
                aria-label={t("taskForm.milestoneDate")}
                type="date"
                value={milestone.plannedDate}
                onChange={(event) => update(index, { plannedDate: event.target.value })}
                className={fieldInput}
                disabled={disabled}
              />
              <Errors messages={fieldErrors("plannedDate")} />
            </div>
            <div>
              <input
                aria-label={t("taskForm.milestonePercent")}
                type="number"
                min={1}
                max={100}
                value={milestone.plannedPercent}
                onChange={(event) => update(index, { plannedPercent: Number(event.target.value) })}
                className={fieldInput}
                disabled={disabled}
              />
              <Errors messages={fieldErrors("plannedPercent")} />
            </div>
            {disabled ? (
              <span />
            ) : (
              <button
                type="button"
                aria-label={t("taskForm.removeMilestone")}
                onClick={() => onChange(milestones.filter((_, at) => at !== index))}
                className="mt-1.5 rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-red-600"
              >
                <Trash2 className="size-4" aria-hidden />
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}
