"use client";

// 催报 from the compliance page: one unit, or every unit with reports not yet in (一键催报), after
// a confirmation with an optional message. What was sent, and which units have no reporter to
// remind, is shown next to the button afterwards.
import { BellRing } from "lucide-react";
import { useId, useState } from "react";
import { ActionDialog, text } from "@/components/admin/form-kit";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useI18n } from "@/lib/i18n/client";
import { remindReportsAction } from "@/lib/reports/remind-actions";
import type { RemindResult } from "@/lib/reports/remind-service";

const MESSAGE_MAX = 500;

export function RemindButton({
  period,
  units,
  all = false,
  mail,
}: {
  period: string;
  units: { id: string; name: string }[];
  all?: boolean;
  /** e-mail copies are sent too (SMTP configured) */
  mail: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const [done, setDone] = useState<RemindResult | null>(null);
  const title = all ? t("compliance.remind.titleAll", { count: units.length }) : t("compliance.remind.titleOne", { unit: units[0]?.name ?? "" });
  const trigger = all ? (
    <Button type="button" data-testid="remind-all" className="h-9">
      <BellRing className="size-4" aria-hidden />
      {t("compliance.remind.all", { count: units.length })}
    </Button>
  ) : (
    <Button type="button" variant="secondary" data-testid="remind-unit" className="h-8 px-3 text-xs">
      {t("compliance.remind.one")}
    </Button>
  );
  return (
    <div className={cn("space-y-1", all ? "text-right" : "")}>
      <ActionDialog
        trigger={trigger}
        title={title}
        description={mail ? t("compliance.remind.descriptionMail") : t("compliance.remind.description")}
        submitLabel={t("compliance.remind.submit")}
        testId="remind-dialog"
        onSubmit={async (form) => {
          const result = await remindReportsAction({
            period,
            unitIds: units.map((unit) => unit.id),
            reportType: "MONTHLY_TASK",
            message: text(form, "message"),
          });
          setDone(result.ok ? result.data : null);
          return result;
        }}
      >
        {(errors) => (
          <div className="space-y-1.5">
            <label htmlFor={id} className="block text-sm font-medium text-slate-700">
              {t("compliance.remind.message")}
            </label>
            <textarea
              id={id}
              name="message"
              rows={4}
              maxLength={MESSAGE_MAX}
              data-testid="remind-message"
              aria-invalid={errors.message?.length ? true : undefined}
              aria-describedby={`${id}-hint${errors.message?.length ? ` ${id}-error` : ""}`}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500"
            />
            <p id={`${id}-hint`} className="text-xs text-slate-500">
              {t("compliance.remind.messageHint")}
            </p>
            {errors.message?.length ? (
              <p id={`${id}-error`} className="text-xs text-red-600">
                {errors.message.join("；")}
              </p>
            ) : null}
          </div>
        )}
      </ActionDialog>
      {done && (
        <div className="space-y-1 text-xs" data-testid="remind-result">
          {done.reminded.length > 0 && (
            <p role="status" className="text-light-green">
              {t("compliance.remind.sent", { units: done.reminded.length, people: done.notifications })}
            </p>
          )}
          {done.withoutReporters.length > 0 && (
            <p role="alert" className="text-amber-700">
              {t("compliance.remind.noReporters", { units: done.withoutReporters.map((unit) => unit.unitName).join("、") })}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
