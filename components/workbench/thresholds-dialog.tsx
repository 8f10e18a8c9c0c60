"use client";

// 预警规则: the office edits the light thresholds and the rules of the formalism signals in a
// dialog; field messages come back translated.
import { ActionDialog, int, TextField } from "@/components/admin/form-kit";
import { Button } from "@/components/ui/button";
import { updateThresholdsAction } from "@/lib/dashboard/thresholds-actions";
import type { ThresholdValues } from "@/lib/dashboard/workbench-types";
import { useI18n } from "@/lib/i18n/client";
import { SIGNAL_SETTING_BOUNDS } from "@/lib/signals/rules";

const FIELDS = ["yellowLagPoints", "redLagPoints", "milestoneRedDays"] as const;
const SIGNAL_FIELDS = ["signalCopySimilarity", "signalFrozenMonths", "signalCloseOutFloor"] as const;

export function ThresholdsDialog({ values }: { values: ThresholdValues }) {
  const { t } = useI18n();
  return (
    <ActionDialog
      testId="workbench-thresholds-dialog"
      title={t("workbench.thresholds.edit")}
      description={t("workbench.thresholds.dialogDescription")}
      trigger={
        <Button type="button" variant="secondary" className="h-8 self-start px-3 text-xs" data-testid="workbench-thresholds-edit">
          {t("workbench.thresholds.edit")}
        </Button>
      }
      onSubmit={(form) =>
        updateThresholdsAction({
          ...Object.fromEntries([...FIELDS, ...SIGNAL_FIELDS].map((name) => [name, int(form, name)])),
          version: values.version,
        })
      }
    >
      {(errors) => (
        <div className="space-y-4">
          {FIELDS.map((name) => (
            <TextField
              key={name}
              name={name}
              type="number"
              min={1}
              max={name === "milestoneRedDays" ? 365 : 100}
              label={t(`workbench.thresholds.${name}`)}
              defaultValue={values[name]}
              errors={errors[name]}
              required
            />
          ))}
          <fieldset className="space-y-4 border-t border-slate-100 pt-4" data-testid="workbench-signal-settings">
            <legend className="text-sm font-medium text-slate-700">{t("signals.settings.title")}</legend>
            <p className="text-xs text-slate-500">{t("signals.settings.hint")}</p>
            {SIGNAL_FIELDS.map((name) => (
              <TextField
                key={name}
                name={name}
                type="number"
                min={SIGNAL_SETTING_BOUNDS[name].min}
                max={SIGNAL_SETTING_BOUNDS[name].max}
                label={t(`signals.settings.${name}`)}
                defaultValue={values[name]}
                errors={errors[name]}
                required
              />
            ))}
          </fieldset>
        </div>
      )}
    </ActionDialog>
  );
}
