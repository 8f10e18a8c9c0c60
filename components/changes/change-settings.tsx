"use client";

// The office's 计划调整 rule, on the 调整情况 page: whether a key task's change also needs its
// linked leader's consent after the office's. Saved at once; a stale version is told, not overwritten.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { updateChangeSettingsAction } from "@/lib/changes/actions";
import { useI18n } from "@/lib/i18n/client";

export function ChangeSettingsToggle({ keyChangesNeedLeader, version }: { keyChangesNeedLeader: boolean; version: number }) {
  const { t } = useI18n();
  const router = useRouter();
  const [checked, setChecked] = useState(keyChangesNeedLeader);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-1">
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          checked={checked}
          disabled={pending}
          data-testid="key-changes-need-leader"
          onChange={(event) => {
            const next = event.target.checked;
            setChecked(next);
            startTransition(async () => {
              const result = await updateChangeSettingsAction({ keyChangesNeedLeader: next, version });
              if (result.ok) {
                setError(null);
                router.refresh();
              } else {
                setChecked(!next);
                setError(result.message);
              }
            });
          }}
          className="size-4 accent-brand-700"
        />
        {t("changes.settings.keyChangesNeedLeader")}
      </label>
      <p className="text-xs text-slate-500">{t("changes.settings.hint")}</p>
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
