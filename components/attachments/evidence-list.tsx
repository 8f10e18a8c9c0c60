"use client";

// Usage: <EvidenceList files={files} /> lists evidence files (佐证材料) with name, size, uploader
// and time; images show as thumbnails that open large in a lightbox, PDFs open in the browser
// (GET /attachments/{id}?inline=1), other types download. Pass `canRemove` + `onRemove` to offer
// removal (drafts only: the service refuses anything else), and `byRound` to group the files by
// the submission they came with (a report's thread). Files come from lib/attachments (EvidenceFile).
import { Download, ExternalLink, FileText, Trash2, X } from "lucide-react";
import { Dialog } from "radix-ui";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import { formatFileSize } from "@/lib/attachments/rules";
import type { EvidenceFile } from "@/lib/attachments/types";
import { useI18n } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/i18n/format";

const isImage = (file: EvidenceFile) => file.mimeType.startsWith("image/") && file.inlineUrl !== null;

function Lightbox({ file, onClose }: { file: EvidenceFile; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-[60] bg-slate-950/80" />
        <Dialog.Content
          data-testid="evidence-lightbox"
          className="fixed inset-4 z-[70] flex flex-col items-center justify-center gap-3 outline-none"
          aria-describedby={undefined}
        >
          <div className="flex w-full max-w-5xl items-center justify-between gap-3 text-sm text-white">
            <Dialog.Title className="truncate font-medium">{file.fileName}</Dialog.Title>
            <div className="flex shrink-0 items-center gap-2">
              <a href={file.url} className="inline-flex items-center gap-1 rounded px-2 py-1 hover:bg-white/10">
                <Download className="size-4" aria-hidden />
                {t("attachments.download")}
              </a>
              <Dialog.Close className="rounded p-1 hover:bg-white/10" aria-label={t("attachments.close")}>
                <X className="size-5" aria-hidden />
              </Dialog.Close>
            </div>
          </div>
          <img src={file.inlineUrl!} alt={file.fileName} className="max-h-[85vh] max-w-full rounded bg-white object-contain" />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function FileRow({ file, removable, onRemove, busy }: { file: EvidenceFile; removable: boolean; onRemove?: () => void; busy?: boolean }) {
  const { t, locale } = useI18n();
  const [large, setLarge] = useState(false);
  const meta = `${formatFileSize(file.size)} · ${t("attachments.uploadedBy", {
    name: file.uploadedBy ?? "—",
    time: formatDateTime(new Date(file.uploadedAt), locale),
  })}`;
  return (
    <li className="flex items-center gap-3 py-2" data-testid="evidence-file" data-file-name={file.fileName}>
      {isImage(file) ? (
        <button
          type="button"
          onClick={() => setLarge(true)}
          className="size-12 shrink-0 overflow-hidden rounded border border-slate-200 bg-slate-50"
          aria-label={t("attachments.enlarge", { name: file.fileName })}
          data-testid="evidence-thumbnail"
        >
          <img src={file.inlineUrl!} alt="" loading="lazy" className="size-full object-cover" />
        </button>
      ) : (
        <span className="flex size-12 shrink-0 items-center justify-center rounded border border-slate-200 bg-slate-50 text-slate-400">
          <FileText className="size-6" aria-hidden />
        </span>
      )}
      <div className="min-w-0 flex-1">
        {file.inlineUrl && !isImage(file) ? (
          <a
            href={file.inlineUrl}
            target="_blank"
            rel="noopener"
            className="inline-flex max-w-full items-center gap-1 truncate text-sm font-medium text-brand-700 hover:underline"
            data-testid="evidence-open"
            title={t("attachments.open")}
          >
            <span className="truncate">{file.fileName}</span>
            <ExternalLink className="size-3.5 shrink-0" aria-hidden />
          </a>
        ) : isImage(file) ? (
          <button
            type="button"
            onClick={() => setLarge(true)}
            className="max-w-full truncate text-left text-sm font-medium text-brand-700 hover:underline"
          >
            {file.fileName}
          </button>
        ) : (
          <a href={file.url} className="block truncate text-sm font-medium text-brand-700 hover:underline" data-testid="evidence-download">
            {file.fileName}
          </a>
        )}
        {/* on a phone the size, uploader and time wrap rather than lose the time */}
        <p className="text-xs text-slate-500 sm:truncate">{meta}</p>
      </div>
      <a
        href={file.url}
        className="rounded p-1.5 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
        aria-label={`${t("attachments.download")} ${file.fileName}`}
      >
        <Download className="size-4" aria-hidden />
      </a>
      {removable && onRemove && (
        <button
          type="button"
          disabled={busy}
          onClick={onRemove}
          className="rounded p-1.5 text-slate-400 hover:bg-red-50 hover:text-red-700 disabled:opacity-50"
          aria-label={`${t("attachments.remove")} ${file.fileName}`}
          data-testid="evidence-remove"
        >
          <Trash2 className="size-4" aria-hidden />
        </button>
      )}
      {large && <Lightbox file={file} onClose={() => setLarge(false)} />}
    </li>
  );
}

export function EvidenceList({
  files,
  canRemove,
  onRemove,
  busyId,
  byRound = false,
  pendingRound,
  emptyText,
  className,
  testId = "evidence-list",
}: {
  files: EvidenceFile[];
  canRemove?: (file: EvidenceFile) => boolean;
  onRemove?: (file: EvidenceFile) => void;
  /** the file being removed */
  busyId?: string | null;
  /** group by submission round ("第 N 次报送") */
  byRound?: boolean;
  /** the round not yet submitted: its group reads "本次新增" */
  pendingRound?: number | null;
  /** shown when there are no files (nothing is rendered when omitted) */
  emptyText?: string;
  className?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  if (files.length === 0) {
    return emptyText ? (
      <p className={cn("text-xs text-slate-400", className)} data-testid={testId}>
        {emptyText}
      </p>
    ) : null;
  }
  const row = (file: EvidenceFile) => (
    <FileRow
      key={file.id}
      file={file}
      removable={Boolean(canRemove?.(file))}
      onRemove={onRemove ? () => onRemove(file) : undefined}
      busy={busyId === file.id}
    />
  );
  if (!byRound) {
    return (
      <ul className={cn("divide-y divide-slate-100", className)} data-testid={testId}>
        {files.map(row)}
      </ul>
    );
  }
  const rounds = [...new Set(files.map((file) => file.round ?? 1))].sort((a, b) => a - b);
  return (
    <div className={cn("space-y-2", className)} data-testid={testId}>
      {rounds.map((round) => (
        <div key={round} data-testid="evidence-round" data-round={round}>
          <p className="text-xs font-medium text-slate-500">
            {round === pendingRound ? t("attachments.roundPending") : t("attachments.round", { round })}
          </p>
          <ul className="divide-y divide-slate-100">{files.filter((file) => (file.round ?? 1) === round).map(row)}</ul>
        </div>
      ))}
    </div>
  );
}
