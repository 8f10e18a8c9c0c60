"use client";

// 配合任务: a cooperating unit's short contribution to a task for the month — save, then submit it
// to the lead unit and the office. A stale save keeps the text and offers the current version.
import { AlertTriangle, MessageSquareWarning } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ActionResult } from "@/lib/forms/action-result";
import { formatDateTime } from "@/lib/i18n/format";
import { useI18n } from "@/lib/i18n/client";
import { saveContributionAction, submitContributionAction } from "@/lib/reports/actions";
import { PROGRESS_MAX } from "@/lib/reports/progress-schemas";
import type { CooperatingTask, ReportSnapshot, ReportState } from "@/lib/reports/types";
import { inputClass, ProgressBadge, STATE_TONES } from "./progress-badge";
import { ReportEvidence } from "./progress-report-card";

type Failure = Extract<ActionResult<unknown>, { ok: false }>;

export function ProgressContributionForm({ task, period, maxMb }: { task: CooperatingTask; period: string; maxMb: number }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [saved, setSaved] = useState<ReportSnapshot | null>(task.contribution);
  const [progress, setProgress] = useState(task.contribution?.progress ?? "");
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  const [conflict, setConflict] = useState<{ current: ReportSnapshot | null } | null>(null);
  const state: ReportState = saved?.status ?? "NONE";
  const editable = state === "NONE" || state === "DRAFT" || state === "RETURNED";

  const fail = (result: Failure) => {
    if (result.status === 409) {
      setConflict({ current: (result.conflict as { report?: ReportSnapshot | null } | undefined)?.report ?? null });
      setNotice(null);
      return;
    }
    setErrors(result.fieldErrors?.progress ?? []);
    setNotice({ tone: "error", text: [result.message, ...(result.fieldErrors?._form ?? []), ...(result.fieldErrors?.period ?? [])].join(" ") });
  };

  async function save(base: ReportSnapshot | null): Promise<ReportSnapshot | null> {
    const result = await saveContributionAction({ taskId: task.taskId, period, progress, version: base?.version ?? null });
    if (!result.ok) {
      fail(result);
      return null;
    }
    const report = (result.data as { report: ReportSnapshot }).report;
    setSaved(report);
    setDirty(false);
    setErrors([]);
    setConflict(null);
    return report;
  }

  const run = (work: () => Promise<void>) =>
    startTransition(async () => {
      setNotice(null);
      await work();
      router.refresh();
    });

  const onSave = (base: ReportSnapshot | null = saved) =>
    run(async () => {
      if (await save(base)) setNotice({ tone: "ok", text: t("reports.owed.saved") });
    });

  const onSubmit = () =>
    run(async () => {
      const current = dirty || !saved ? await save(saved) : saved;
      if (!current) return;
      const result = await submitContributionAction({ id: current.id, version: current.version });
      if (!result.ok) return fail(result);
      setSaved((result.data as { report: ReportSnapshot }).report);
      setNotice({ tone: "ok", text: t("reports.owed.submittedOne") });
    });

  return (
    <li className="space-y-3 px-5 py-4" data-testid={`contribution-${task.code}`} data-state={state}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="text-xs text-slate-500">
            <span className="font-mono">{task.code}</span> · {t("reports.cooperating.leadUnit", { unit: task.leadUnitName })}
          </p>
          <Link href={`/tasks/${task.taskId}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
            {task.title}
          </Link>
        </div>
        <ProgressBadge tone={STATE_TONES[state]} testId="contribution-state">
          {t(`reports.states.${state}`)}
        </ProgressBadge>
      </div>
      {state === "RETURNED" && task.returnComment && (
        <p className="flex gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          <MessageSquareWarning className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>
            <span className="font-medium">{t("reports.owed.returnComment")}：</span>
            {task.returnComment}
          </span>
        </p>
      )}
      {conflict && (
        <div role="alert" className="space-y-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="flex gap-2">
            <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
            {conflict.current
              ? t("reports.owed.conflict", {
                  status: t(`reports.states.${conflict.current.status}`),
                  time: formatDateTime(new Date(conflict.current.updatedAt), locale),
                })
              : t("reports.owed.conflictGone")}
          </p>
          {conflict.current && (
            <div className="flex flex-wrap gap-2">
              <Button type="button" variant="secondary" className="h-8 px-3 text-xs" disabled={pending} onClick={() => onSave(conflict.current)}>
                {t("reports.owed.keepMine")}
              </Button>
              <Button
                type="button"
                variant="secondary"
                className="h-8 px-3 text-xs"
                disabled={pending}
                onClick={() => {
                  setSaved(conflict.current);
                  setProgress(conflict.current?.progress ?? "");
                  setDirty(false);
                  setConflict(null);
                }}
              >
                {t("reports.owed.takeTheirs")}
              </Button>
            </div>
          )}
        </div>
      )}
      {editable ? (
        <div className="space-y-1.5">
          <label htmlFor={id} className="block text-sm font-medium text-slate-700">
            {t("reports.fields.contribution")}
          </label>
          <textarea
            id={id}
            rows={2}
            value={progress}
            maxLength={PROGRESS_MAX}
            data-testid="contribution-progress"
            onChange={(event) => {
              setProgress(event.target.value);
              setDirty(true);
            }}
            aria-invalid={errors.length ? true : undefined}
            aria-describedby={errors.length ? `${id}-error` : undefined}
            className={inputClass}
          />
          {errors.length > 0 && (
            <p id={`${id}-error`} className="text-xs text-red-600">
              {errors.join("；")}
            </p>
          )}
        </div>
      ) : (
        <p className="text-sm whitespace-pre-line text-slate-700">{saved?.progress}</p>
      )}
      <ReportEvidence
        key={task.files.map((file) => file.id).join()}
        initial={task.files}
        pendingRound={task.pendingRound}
        editable={editable}
        maxMb={maxMb}
        ensureReport={async () => (saved ? saved.id : ((await save(null))?.id ?? null))}
      />
      {notice && (
        <p
          role={notice.tone === "error" ? "alert" : "status"}
          className={cn("rounded-md px-3 py-2 text-sm", notice.tone === "error" ? "bg-red-50 text-red-700" : "bg-green-50 text-light-green")}
        >
          {notice.text}
        </p>
      )}
      {editable && (
        <div className="flex gap-2">
          <Button type="button" variant="secondary" className="h-8 px-3 text-xs" disabled={pending} onClick={() => onSave()} data-testid="contribution-save">
            {t("reports.cooperating.save")}
          </Button>
          <Button type="button" className="h-8 px-3 text-xs" disabled={pending} onClick={onSubmit} data-testid="contribution-submit">
            {t("reports.cooperating.submit")}
          </Button>
        </div>
      )}
    </li>
  );
}
