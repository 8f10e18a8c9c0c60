"use client";

import { useI18n } from "@/lib/i18n/client";
import { updateSecurityPolicyAction, updateSettingsAction } from "@/lib/org/actions";
import { ActionForm, CheckboxField, int, TextField } from "./form-kit";

export interface SettingsValues {
  yellowLagPoints: number;
  redLagPoints: number;
  milestoneRedDays: number;
  monthlyReportDueDay: number;
  quarterlyReportDueDay: number;
  passwordMinLength: number;
  passwordMaxAgeDaysAdmin: number | null;
  lockoutThreshold: number;
  lockoutMinutes: number;
  requireTotpForAdmins: boolean;
  version: number;
}

const THRESHOLDS = ["yellowLagPoints", "redLagPoints", "milestoneRedDays", "monthlyReportDueDay", "quarterlyReportDueDay"] as const;

export function ThresholdsForm({ values, editable }: { values: SettingsValues; editable: boolean }) {
  const { t } = useI18n();
  return (
    <ActionForm
      testId="settings-thresholds"
      disabled={!editable}
      onSubmit={(form) =>
        updateSettingsAction({ ...Object.fromEntries(THRESHOLDS.map((name) => [name, int(form, name)])), version: values.version })
      }
    >
      {(errors) => (
        <div className="grid gap-4 sm:grid-cols-2">
          {THRESHOLDS.map((name) => (
            <TextField
              key={name}
              name={name}
              type="number"
              label={t(`admin.settings.${name}`)}
              defaultValue={values[name]}
              errors={errors[name]}
              required
            />
          ))}
        </div>
      )}
    </ActionForm>
  );
}

export function SecurityPolicyForm({ values, editable }: { values: SettingsValues; editable: boolean }) {
  const { t } = useI18n();
  return (
    <ActionForm
      testId="settings-security"
      disabled={!editable}
      onSubmit={(form) =>
        updateSecurityPolicyAction({
          passwordMinLength: int(form, "passwordMinLength"),
          passwordMaxAgeDaysAdmin: int(form, "passwordMaxAgeDaysAdmin", null),
          lockoutThreshold: int(form, "lockoutThreshold"),
          lockoutMinutes: int(form, "lockoutMinutes"),
          requireTotpForAdmins: form.get("requireTotpForAdmins") === "on",
          version: values.version,
        })
      }
    >
      {(errors) => (
        <>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              name="passwordMinLength"
              type="number"
              label={t("admin.settings.passwordMinLength")}
              defaultValue={values.passwordMinLength}
              errors={errors.passwordMinLength}
              required
            />
            <TextField
              name="passwordMaxAgeDaysAdmin"
              type="number"
              label={t("admin.settings.passwordMaxAgeDaysAdmin")}
              hint={t("admin.settings.passwordMaxAgeHint")}
              defaultValue={values.passwordMaxAgeDaysAdmin}
              errors={errors.passwordMaxAgeDaysAdmin}
            />
            <TextField
              name="lockoutThreshold"
              type="number"
              label={t("admin.settings.lockoutThreshold")}
              defaultValue={values.lockoutThreshold}
              errors={errors.lockoutThreshold}
              required
            />
            <TextField
              name="lockoutMinutes"
              type="number"
              label={t("admin.settings.lockoutMinutes")}
              defaultValue={values.lockoutMinutes}
              errors={errors.lockoutMinutes}
              required
            />
          </div>
          <CheckboxField
            name="requireTotpForAdmins"
            label={t("admin.settings.requireTotpForAdmins")}
            defaultChecked={values.requireTotpForAdmins}
            errors={errors.requireTotpForAdmins}
          />
        </>
      )}
    </ActionForm>
  );
}
