"use client";

// 作出批示: a leader writes in their own name; the office records a leader's instruction on their
// behalf (代录) and names the leader (by default the task's linked leader). The dialog posts one
// service action; the page refreshes and shows the instruction in its 批示 section.
import { MessageSquarePlus } from "lucide-react";
import { useId } from "react";
import { ActionDialog, SelectField, text } from "@/components/admin/form-kit";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useI18n } from "@/lib/i18n/client";
import { formatMonth } from "@/lib/i18n/format";
import { createInstructionAction } from "@/lib/instructions/actions";
import { CONTENT_MAX } from "@/lib/instructions/schemas";
import type { InstructionSubjectOption, InstructionWriter } from "@/lib/instructions/types";

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500";

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={id} className="text-xs text-red-600">
      {errors.join("；")}
    </p>
  ) : null;
}

export function WriteInstructionButton({
  writer,
  subjects,
  taskTitle,
  taskLeaderName,
  compact = false,
  testId = "write-instruction",
}: {
  writer: InstructionWriter;
  /** what the instruction may be on; the first is the default (a select when there are several) */
  subjects: InstructionSubjectOption[];
  taskTitle: string;
  /** the task's linked leader, the office's default */
  taskLeaderName?: string | null;
  /** a small button for a table row */
  compact?: boolean;
  testId?: string;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const subjectLabel = (subject: InstructionSubjectOption) =>
    subject.type === "TASK"
      ? t("instructions.write.subjectTask")
      : subject.type === "REPORT"
        ? t("instructions.write.subjectReport", {
            month: formatMonth(new Date(`${subject.label}-01T00:00:00Z`), locale),
            unit: subject.unit ?? "",
          })
        : t("instructions.write.subjectNotice", { number: subject.label });
  const leaderOptions = [
    {
      value: "",
      label: writer.selfName
        ? t("instructions.write.self", { name: writer.selfName })
        : taskLeaderName
          ? t("instructions.write.taskLeaderNamed", { name: taskLeaderName })
          : t("instructions.write.taskLeader"),
    },
    ...writer.leaders.map((leader) => ({ value: leader.id, label: leader.title ? `${leader.name}（${leader.title}）` : leader.name })),
  ];
  const first = subjects[0];
  if (!first) return null;
  return (
    <ActionDialog
      testId={`${testId}-dialog`}
      title={t("instructions.write.title")}
      description={t("instructions.write.description", { task: taskTitle })}
      submitLabel={t("instructions.write.submit")}
      onSubmit={async (form) => {
        const [type, subjectId] = (text(form, "subject") || `${first.type}:${first.id}`).split(":");
        const leaderId = text(form, "leaderId");
        return createInstructionAction({
          subjectType: type,
          subjectId,
          content: text(form, "content"),
          answerDueDate: text(form, "answerDueDate"),
          ...(leaderId ? { leaderId } : {}),
        });
      }}
      trigger={
        compact ? (
          <button
            type="button"
            data-testid={testId}
            aria-label={t("instructions.write.buttonLabel", { task: taskTitle })}
            className="inline-flex h-7 items-center gap-1 rounded-md border border-red-200 bg-white px-2 text-xs font-medium whitespace-nowrap text-accent-600 hover:bg-red-50"
          >
            <MessageSquarePlus className="size-3.5" aria-hidden />
            {t("instructions.write.button")}
          </button>
        ) : (
          <Button variant="secondary" data-testid={testId} className="h-9 border-red-200 text-accent-600 hover:bg-red-50">
            <MessageSquarePlus className="size-4" aria-hidden />
            {t("instructions.write.sectionButton")}
          </Button>
        )
      }
    >
      {(errors) => (
        <>
          {subjects.length > 1 ? (
            <SelectField
              name="subject"
              label={t("instructions.write.subject")}
              errors={[...(errors.subjectType ?? []), ...(errors.subjectId ?? [])]}
              defaultValue={`${first.type}:${first.id}`}
              options={subjects.map((subject) => ({ value: `${subject.type}:${subject.id}`, label: subjectLabel(subject) }))}
            />
          ) : null}
          {writer.asOffice ? (
            <div className="space-y-1.5">
              <SelectField name="leaderId" label={t("instructions.write.leader")} errors={errors.leaderId} options={leaderOptions} />
              <p className="text-xs text-slate-500">{t("instructions.write.onBehalfNote")}</p>
            </div>
          ) : (
            <div className="space-y-1">
              <p className="text-sm text-slate-700">{t("instructions.write.selfNote", { name: writer.selfName ?? "" })}</p>
              <Errors id={`${id}-leader-error`} errors={errors.leaderId} />
            </div>
          )}
          <div className="space-y-1.5">
            <label htmlFor={`${id}-content`} className="block text-sm font-medium text-slate-700">
              {t("instructions.write.content")}
            </label>
            <textarea
              id={`${id}-content`}
              name="content"
              rows={5}
              maxLength={CONTENT_MAX}
              data-testid={`${testId}-content`}
              aria-invalid={errors.content?.length ? true : undefined}
              aria-describedby={`${id}-content-hint`}
              className={inputClass}
            />
            <p id={`${id}-content-hint`} className="text-xs text-slate-500">
              {t("instructions.write.contentHint")}
            </p>
            <Errors id={`${id}-content-error`} errors={errors.content} />
          </div>
          <div className="space-y-1.5">
            <label htmlFor={`${id}-due`} className="block text-sm font-medium text-slate-700">
              {t("instructions.write.dueDate")}
            </label>
            <input
              id={`${id}-due`}
              name="answerDueDate"
              type="date"
              min={writer.today}
              defaultValue={writer.defaultDueDate}
              data-testid={`${testId}-due`}
              aria-invalid={errors.answerDueDate?.length ? true : undefined}
              className={cn(inputClass, "max-w-xs")}
            />
            <Errors id={`${id}-due-error`} errors={errors.answerDueDate} />
          </div>
        </>
      )}
    </ActionDialog>
  );
}
