"use client";

// 下达: the office issues a plan with its 文号 and date; from then on its tasks' controlled fields
// change through change requests (the service says so, and refuses a second issue).
import { Send } from "lucide-react";
import { ActionDialog, TextField, smallButton, text } from "@/components/admin/form-kit";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n/client";
import { issuePlanAction } from "@/lib/plans/actions";

export function IssuePlanButton({ plan }: { plan: { id: string; docNumber: string | null; issuedOn: string | null; updatedAt: string } }) {
  const { t } = useI18n();
  return (
    <ActionDialog
      testId="issue-plan"
      title={t("plans.issueTitle")}
      description={t("plans.issueHint")}
      submitLabel={t("plans.issueConfirm")}
      trigger={
        <Button className={smallButton} data-testid="issue-plan-button">
          <Send className="size-3.5" aria-hidden />
          {t("plans.issue")}
        </Button>
      }
      onSubmit={(form) =>
        issuePlanAction({
          id: plan.id,
          expectedUpdatedAt: plan.updatedAt,
          docNumber: text(form, "docNumber"),
          issuedOn: text(form, "issuedOn"),
        })
      }
    >
      {(errors) => (
        <>
          <TextField name="docNumber" label={t("plans.docNumber")} defaultValue={plan.docNumber} errors={errors.docNumber} required />
          <TextField
            name="issuedOn"
            type="date"
            label={t("plans.issuedOn")}
            defaultValue={plan.issuedOn}
            errors={errors.issuedOn}
            required
          />
        </>
      )}
    </ActionDialog>
  );
}
