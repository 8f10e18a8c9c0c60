"use client";

// The quarterly report's editor: title, body, problems and next steps, the evidence files of the
// round being prepared; save, recompile a draft from the monthly data, and submit (saving first). Every rule is the service's; a stale save shows what
// was saved meanwhile, so nothing is overwritten unseen.
import { RefreshCw, Save, Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { ConfirmDialog, FormMessage } from "@/components/admin/form-kit";
import { Button } from "@/components/ui/button";
import type { EvidenceFile } from "@/lib/attachments/types";
import type { ActionResult } from "@/lib/forms/action-result";
import { useI18n } from "@/lib/i18n/client";
import { regenerateQuarterlyAction, saveQuarterlyAction, submitQuarterlyAction } from "@/lib/reports/quarterly-actions";
import type { QuarterlyStatus } from "@/lib/reports/quarterly-schemas";
import { QuarterlyEvidence } from "./quarterly-evidence";

interface Texts {
  title: string;
  body: string;
  problems: string;
  nextSteps: string;
}

/** What the server's 409 answer carries: the report as it is now. */
interface Conflict {
  report?: { version: number; title: string; body: string; problems: string | null; nextSteps: string | null };
}

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm leading-6 text-slate-900 shadow-xs focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500";

function Field({
  label,
  value,
  onChange,
  errors,
  rows,
  testId,
  hint,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  rows?: number;
  testId: string;
  hint?: string;
}) {
  const id = useId();
  const described = [hint && `${id}-hint`, errors?.length && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    value,
    "aria-invalid": errors?.length ? true : undefined,
    "aria-describedby": described,
    "data-testid": testId,
    className: inputClass,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  };
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {rows ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {errors.join("；")}
        </p>
      ) : null}
    </div>
  );
}

export function QuarterlyEditor({
  report,
  evidence,
}: {
  report: { id: string; version: number; status: QuarterlyStatus; title: string; body: string; problems: string | null; nextSteps: string | null };
  evidence: { files: EvidenceFile[]; pendingRound: number; maxMb: number };
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [texts, setTexts] = useState<Texts>({
    title: report.title,
    body: report.body,
    problems: report.problems ?? "",
    nextSteps: report.nextSteps ?? "",
  });
  const [version, setVersion] = useState(report.version);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [latest, setLatest] = useState<Conflict["report"] | null>(null);
  const [pending, startTransition] = useTransition();
  const set = (field: keyof Texts) => (value: string) => {
    setSaved(false);
    setTexts((current) => ({ ...current, [field]: value }));
  };

  /** Shows what went wrong; a conflict also shows the report as saved now and bases the next save on it. */
  const failed = (result: Extract<ActionResult<unknown>, { ok: false }>) => {
    setErrors(result.fieldErrors ?? {});
    if (result.status === 409) {
      const current = (result.conflict as Conflict | undefined)?.report;
      if (current) {
        setLatest(current);
        setVersion(current.version);
      }
      setMessage(t("quarterly.conflict"));
      router.refresh();
      return;
    }
    setMessage([result.message, ...(result.fieldErrors?._form ?? [])].join(" "));
  };

  const save = async (): Promise<number | null> => {
    const result = await saveQuarterlyAction({ id: report.id, version, ...texts });
    if (!result.ok) {
      failed(result);
      return null;
    }
    setVersion(result.data.version);
    setErrors({});
    setMessage(null);
    setLatest(null);
    return result.data.version;
  };

  const onSave = () =>
    startTransition(async () => {
      if ((await save()) !== null) {
        setSaved(true);
        router.refresh();
      }
    });

  const onSubmit = () =>
    startTransition(async () => {
      const savedVersion = await save();
      if (savedVersion === null) return;
      const result = await submitQuarterlyAction({ id: report.id, version: savedVersion });
      if (!result.ok) return failed(result);
      router.refresh();
    });

  const regenerate = async () => {
    const result = await regenerateQuarterlyAction({ id: report.id, version });
    if (result.ok) {
      setTexts((current) => ({
        ...current,
        body: result.data.body,
        problems: result.data.problems ?? "",
        nextSteps: result.data.nextSteps ?? "",
      }));
      setVersion(result.data.version);
      setErrors({});
      setMessage(null);
      setLatest(null);
    }
    return result;
  };

  return (
    // Not a <form>: the recompile confirmation is a dialog form, and React bubbles its submit through the portal.
    <div className="space-y-4" data-testid="quarterly-editor">
      <Field label={t("quarterly.fields.title")} value={texts.title} onChange={set("title")} errors={errors.title} testId="quarterly-title" />
      <Field
        label={t("quarterly.fields.body")}
        value={texts.body}
        onChange={set("body")}
        errors={errors.body}
        rows={18}
        testId="quarterly-body"
        hint={t("quarterly.bodyHint")}
      />
      <Field
        label={t("quarterly.fields.problems")}
        value={texts.problems}
        onChange={set("problems")}
        errors={errors.problems}
        rows={5}
        testId="quarterly-problems"
      />
      <Field
        label={t("quarterly.fields.nextSteps")}
        value={texts.nextSteps}
        onChange={set("nextSteps")}
        errors={errors.nextSteps}
        rows={5}
        testId="quarterly-next-steps"
      />

      <div className="border-t border-slate-100 pt-4">
        <QuarterlyEvidence
          key={evidence.files.map((file) => file.id).join()}
          reportId={report.id}
          initial={evidence.files}
          pendingRound={evidence.pendingRound}
          editable
          maxMb={evidence.maxMb}
        />
      </div>

      <FormMessage message={message} />
      {latest && (
        <div className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-slate-800" data-testid="quarterly-latest">
          <p className="font-medium text-light-yellow">{t("quarterly.latest")}</p>
          <p className="font-medium">{latest.title}</p>
          <p className="whitespace-pre-wrap">{latest.body}</p>
          {latest.problems && <p className="whitespace-pre-wrap">{`${t("quarterly.fields.problems")}：${latest.problems}`}</p>}
          {latest.nextSteps && <p className="whitespace-pre-wrap">{`${t("quarterly.fields.nextSteps")}：${latest.nextSteps}`}</p>}
        </div>
      )}

      <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-4">
        <Button type="button" variant="secondary" disabled={pending} onClick={onSave} data-testid="quarterly-save">
          <Save className="size-4" aria-hidden />
          {pending ? t("quarterly.saving") : t("quarterly.save")}
        </Button>
        <Button type="button" disabled={pending} onClick={onSubmit} data-testid="quarterly-submit">
          <Send className="size-4" aria-hidden />
          {report.status === "RETURNED" ? t("quarterly.resubmit") : t("quarterly.submit")}
        </Button>
        {report.status === "DRAFT" && (
          <ConfirmDialog
            title={t("quarterly.regenerate")}
            text={t("quarterly.regenerateConfirm")}
            onConfirm={regenerate}
            trigger={
              <Button type="button" variant="ghost" disabled={pending} data-testid="quarterly-regenerate">
                <RefreshCw className="size-4" aria-hidden />
                {t("quarterly.regenerate")}
              </Button>
            }
          />
        )}
        {saved && !message && (
          <span role="status" className="text-sm text-light-green">
            {t("quarterly.saved")}
          </span>
        )}
      </div>
    </div>
  );
}
