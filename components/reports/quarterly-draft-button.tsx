"use client";

// 起草: creates the quarter's report of a subject from the monthly data (or finds the one already
// drafted) and opens it in the editor.
import { FilePenLine } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { smallButton } from "@/components/admin/form-kit";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n/client";
import { draftQuarterlyAction } from "@/lib/reports/quarterly-actions";

export function QuarterlyDraftButton({ year, quarter, subjectKey }: { year: number; quarter: number; subjectKey: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const draft = () =>
    startTransition(async () => {
      setMessage(null);
      const result = await draftQuarterlyAction({ year, quarter, subjectKey });
      if (result.ok) {
        router.push(`/reports/quarterly/${result.data.id}`);
        return;
      }
      setMessage([result.message, ...Object.values(result.fieldErrors ?? {}).flat()].join(" "));
    });
  return (
    <div className="space-y-1">
      <Button type="button" className={`${smallButton} whitespace-nowrap`} onClick={draft} disabled={pending} data-testid="quarterly-draft">
        <FilePenLine className="size-3.5" aria-hidden />
        {pending ? t("quarterly.drafting") : t("quarterly.draftOrEdit")}
      </Button>
      {message && (
        <p role="alert" className="max-w-48 text-xs text-red-700">
          {message}
        </p>
      )}
    </div>
  );
}
