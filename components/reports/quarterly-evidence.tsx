"use client";

// A quarterly report's evidence (佐证材料), grouped by the submission each file came with. While the
// report may change (a draft, or returned), its writers add files to the round being prepared and
// remove those not yet submitted; a submitted round stays as it was sent.
import { useState } from "react";
import { EvidenceList } from "@/components/attachments/evidence-list";
import { EvidenceUploader } from "@/components/attachments/evidence-uploader";
import type { EvidenceFile } from "@/lib/attachments/types";
import { useI18n } from "@/lib/i18n/client";
import { detachFromQuarterlyAction } from "@/lib/reports/quarterly-actions";

export function QuarterlyEvidence({
  reportId,
  initial,
  pendingRound,
  editable,
  maxMb,
}: {
  reportId: string;
  initial: EvidenceFile[];
  /** the round a file added now belongs to */
  pendingRound: number;
  editable: boolean;
  maxMb: number;
}) {
  const { t } = useI18n();
  const [files, setFiles] = useState(initial);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const remove = async (file: EvidenceFile) => {
    setBusyId(file.id);
    setError(null);
    const result = await detachFromQuarterlyAction({ id: file.id });
    setBusyId(null);
    if (result.ok) setFiles((previous) => previous.filter((other) => other.id !== file.id));
    else setError([result.message, ...Object.values(result.fieldErrors ?? {}).flat()].join(" "));
  };
  return (
    <section className="space-y-2" data-testid="quarterly-evidence" aria-labelledby={`${reportId}-evidence`}>
      <h3 id={`${reportId}-evidence`} className="text-sm font-semibold text-slate-900">
        {t("quarterly.evidence.title")}
      </h3>
      <EvidenceList
        files={files}
        byRound={!editable || pendingRound > 1 || files.some((file) => (file.round ?? 1) > 1)}
        pendingRound={editable ? pendingRound : null}
        canRemove={(file) => editable && file.round === pendingRound}
        onRemove={(file) => void remove(file)}
        busyId={busyId}
        emptyText={editable ? undefined : t("quarterly.evidence.none")}
      />
      {error && (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      )}
      {editable && (
        <>
          <EvidenceUploader
            maxMb={maxMb}
            target={async () => ({ for: "quarterly", quarterlyId: reportId })}
            onUploaded={(file) => setFiles((previous) => [...previous, file])}
            testId="quarterly-uploader"
          />
          <p className="text-xs text-slate-500">{pendingRound > 1 ? t("attachments.frozenHint") : t("quarterly.evidence.hint")}</p>
        </>
      )}
    </section>
  );
}
