"use client";

import { CopyPlus, Download, Plus, Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { ActionDialog, TextField, int, smallButton, text } from "@/components/admin/form-kit";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/translate";
import { copyUnfinishedTasksAction, createPlanAction, importPlanAction } from "@/lib/plans/actions";
import { importErrorCsv } from "@/lib/plans/error-report";
import type { ImportError } from "@/lib/plans/excel";

export function CreatePlanButton({ defaultYear }: { defaultYear: number }) {
  const { t } = useI18n();
  return (
    <ActionDialog
      testId="create-plan"
      title={t("plans.create")}
      submitLabel={t("plans.save")}
      trigger={
        <Button data-testid="create-plan-button">
          <Plus className="size-4" aria-hidden />
          {t("plans.create")}
        </Button>
      }
      onSubmit={(form) =>
        createPlanAction({
          year: int(form, "year"),
          title: text(form, "title"),
          docNumber: text(form, "docNumber"),
          issuedOn: text(form, "issuedOn"),
        })
      }
    >
      {(errors) => (
        <>
          <TextField name="year" type="number" label={t("plans.year")} defaultValue={String(defaultYear)} errors={errors.year} required />
          <TextField name="title" label={t("plans.planTitle")} errors={errors.title} required />
          <TextField name="docNumber" label={t("plans.docNumber")} errors={errors.docNumber} />
          <TextField name="issuedOn" type="date" label={t("plans.issuedOn")} errors={errors.issuedOn} />
        </>
      )}
    </ActionDialog>
  );
}

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

type Outcome =
  | { kind: "imported"; created: number; updated: number; points: number; milestones: number }
  | { kind: "rejected"; errors: ImportError[] }
  | { kind: "failed"; message: string };

/** Upload a filled-in workbook; on rejection, show every problem by sheet, row and column. */
export function ImportPlan({ planId }: { planId: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const upload = (file: File) =>
    startTransition(async () => {
      const result = await importPlanAction({ planId, file: await fileToBase64(file) });
      if (!result.ok)
        setOutcome({ kind: "failed", message: [result.message, ...Object.values(result.fieldErrors ?? {}).flat()].join(" ") });
      else if (result.data.imported) {
        setOutcome({ kind: "imported", ...result.data });
        router.refresh();
      } else setOutcome({ kind: "rejected", errors: result.data.errors });
      if (input.current) input.current.value = "";
    });

  const describe = (message: string) => (/^[a-z]+(\.[A-Za-z]+)+$/.test(message) ? t(message as MessageKey) : message);

  /** The problems as a CSV file, built here from the answer already on screen (nothing is sent again). */
  const downloadReport = (errors: ImportError[]) => {
    const headers = {
      sheet: t("plans.sheet"),
      row: t("plans.row"),
      column: t("plans.column"),
      problem: t("plans.problem"),
      value: t("plans.value"),
    };
    const url = URL.createObjectURL(new Blob([importErrorCsv(errors, headers, describe)], { type: "text/csv;charset=utf-8" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: t("plans.errorReportFile") });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="space-y-3">
      <input
        ref={input}
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        className="sr-only"
        aria-label={t("plans.import")}
        data-testid={`import-${planId}`}
        onChange={(event) => event.target.files?.[0] && upload(event.target.files[0])}
      />
      <Button variant="secondary" className={smallButton} disabled={pending} onClick={() => input.current?.click()}>
        <Upload className="size-3.5" aria-hidden />
        {pending ? t("plans.importing") : t("plans.import")}
      </Button>
      {outcome?.kind === "imported" && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("plans.imported", {
            created: outcome.created,
            updated: outcome.updated,
            points: outcome.points,
            milestones: outcome.milestones,
          })}
        </p>
      )}
      {outcome?.kind === "failed" && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{outcome.message}</p>}
      {outcome?.kind === "rejected" && (
        <div className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3" data-testid="import-errors">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <p className="text-sm font-medium text-red-800">{t("plans.rejected", { count: outcome.errors.length })}</p>
            <Button
              variant="secondary"
              className={smallButton}
              data-testid="import-error-report"
              onClick={() => downloadReport(outcome.errors)}
            >
              <Download className="size-3.5" aria-hidden />
              {t("plans.downloadErrors")}
            </Button>
          </div>
          <div className="max-h-72 overflow-auto rounded border border-red-100 bg-white">
            <table className="w-full text-left text-xs">
              <thead className="sticky top-0 bg-slate-50 text-slate-500">
                <tr>
                  {(["sheet", "row", "column", "problem", "value"] as const).map((key) => (
                    <th key={key} className="px-2 py-1.5 font-semibold">
                      {t(`plans.${key}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {outcome.errors.map((error, index) => (
                  <tr key={index} className="border-t border-slate-100">
                    <td className="px-2 py-1">{error.sheet}</td>
                    <td className="px-2 py-1 tabular-nums">{error.row || ""}</td>
                    <td className="px-2 py-1">{error.column}</td>
                    <td className="px-2 py-1 text-red-700">{describe(error.message)}</td>
                    <td className="px-2 py-1 text-slate-500">{error.value ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}

export function CopyUnfinished({ planId, fromPlanId }: { planId: string; fromPlanId: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        className={smallButton}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await copyUnfinishedTasksAction({ planId, fromPlanId });
            setMessage(
              result.ok
                ? result.data.skipped
                  ? t("plans.copiedSkipped", { copied: result.data.copied, skipped: result.data.skipped })
                  : t("plans.copied", { copied: result.data.copied })
                : result.message,
            );
            if (result.ok) router.refresh();
          })
        }
      >
        <CopyPlus className="size-3.5" aria-hidden />
        {t("plans.copy")}
      </Button>
      {message && <p className="text-sm text-slate-600">{message}</p>}
    </div>
  );
}
