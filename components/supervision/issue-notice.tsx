"use client";

// 发督办单: the office's button on an active task, prominent when its light is red or yellow; the
// dialog is pre-filled from the task's light reasons and lag (lib/supervision/queries.ts noticeDraft).
import { FileWarning } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ActionDialog, SelectField, TextField } from "@/components/admin/form-kit";
import { LightBadge } from "@/components/ledger/light-badge";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n/client";
import { issueNoticeAction, noticeDraftAction } from "@/lib/supervision/actions";
import { NOTICE_LEVELS } from "@/lib/supervision/rules";
import type { NoticeDraft } from "@/lib/supervision/types";
import { DateInput, formText, TextArea } from "./fields";

export function IssueNoticeButton({ taskId }: { taskId: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [draft, setDraft] = useState<NoticeDraft | null>(null);
  useEffect(() => {
    let live = true;
    void noticeDraftAction(taskId).then((loaded) => {
      if (live) setDraft(loaded);
    });
    return () => {
      live = false;
    };
  }, [taskId]);
  if (!draft) return null;
  const urgent = draft.light === "RED" || draft.light === "YELLOW";
  return (
    <ActionDialog
      testId="issue-notice-dialog"
      title={t("supervision.issue.title")}
      description={t("supervision.issue.description", { task: `${draft.code} ${draft.title}` })}
      submitLabel={t("supervision.issue.submit")}
      onSubmit={async (form) => {
        const result = await issueNoticeAction({
          taskId,
          level: formText(form, "level"),
          reason: formText(form, "reason"),
          lagDescription: formText(form, "lagDescription"),
          responseDueDate: formText(form, "responseDueDate"),
        });
        if (result.ok) router.push(`/supervision/${result.data.id}`);
        return result;
      }}
      trigger={
        <Button
          variant={urgent ? "primary" : "secondary"}
          data-testid="issue-notice"
          className={urgent ? "bg-light-red hover:bg-red-800" : undefined}
        >
          <FileWarning className="size-4" aria-hidden />
          {t("supervision.issue.button")}
        </Button>
      }
    >
      {(errors) => (
        <>
          <p className="flex items-center gap-2 text-sm text-slate-600">
            {t("supervision.issue.light", { light: "" })}
            <LightBadge light={draft.light} label={t(`ledger.lights.${draft.light}`)} />
          </p>
          <SelectField
            name="level"
            label={t("supervision.issue.level")}
            errors={errors.level}
            defaultValue={draft.light === "RED" ? "KEY" : "GENERAL"}
            options={NOTICE_LEVELS.map((level) => ({ value: level, label: t(`supervision.levels.${level}`) }))}
          />
          <TextArea name="reason" label={t("supervision.issue.reason")} rows={6} defaultValue={draft.reason} errors={errors.reason} />
          <TextField
            name="lagDescription"
            label={t("supervision.issue.lag")}
            defaultValue={draft.lagDescription}
            errors={errors.lagDescription}
          />
          <DateInput
            name="responseDueDate"
            label={t("supervision.issue.dueDate")}
            defaultValue={draft.responseDueDate}
            errors={errors.responseDueDate}
          />
        </>
      )}
    </ActionDialog>
  );
}
