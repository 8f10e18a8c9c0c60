"use client";

// Usage:
//   <EvidenceUploader maxMb={20} target={async () => ({ reportId })} onUploaded={(file) => …} />
// Adds evidence files by picking (several at once), dragging onto the zone, or on a phone the
// camera. Each file is posted on its own (multipart/form-data, field `file` after the `target`
// fields) to `endpoint` (default POST /attachments) with XMLHttpRequest, so each shows its own
// progress bar. `target` runs before the first upload and returns the form fields naming the
// record (e.g. it saves a draft first and returns its id); null stops the upload. The size cap and
// the extension are checked here too so a too-large file is refused before it is sent; the server
// checks everything again (size while reading, magic bytes) and its field message is shown.
// `compact` draws the zone as one line (for a form with an uploader on every row).
import { Camera, Paperclip, Upload } from "lucide-react";
import { useId, useRef, useState, type DragEvent } from "react";
import { cn } from "@/components/ui/cn";
import { ACCEPT_ATTRIBUTE, ALLOWED_EXTENSIONS, formatFileSize, maxBytesOf } from "@/lib/attachments/rules";
import type { EvidenceFile, UploadAnswer } from "@/lib/attachments/types";
import { useI18n } from "@/lib/i18n/client";

interface Progress {
  key: string;
  name: string;
  size: number;
  loaded: number;
  state: "uploading" | "done" | "failed";
  error?: string;
}

/** Posts one file; resolves with the server's answer (or a network failure as status 0). */
function post(endpoint: string, fields: Record<string, string>, file: File, onProgress: (loaded: number) => void): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append("file", file, file.name);
    const request = new XMLHttpRequest();
    request.open("POST", endpoint);
    request.responseType = "json";
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () => {
      const body = request.response as UploadAnswer | null;
      resolve(body && typeof body === "object" && "ok" in body ? body : { ok: false, status: request.status, message: "" });
    };
    request.onerror = () => resolve({ ok: false, status: 0, message: "" });
    request.onabort = () => resolve({ ok: false, status: 0, message: "" });
    request.send(form);
  });
}

export function EvidenceUploader({
  maxMb,
  target,
  onUploaded,
  endpoint = "/attachments",
  disabled,
  compact = false,
  testId = "evidence-uploader",
}: {
  maxMb: number;
  target: () => Promise<Record<string, string> | null>;
  onUploaded: (file: EvidenceFile) => void;
  endpoint?: string;
  disabled?: boolean;
  compact?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const pickRef = useRef<HTMLInputElement>(null);
  const cameraRef = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<Progress[]>([]);
  const [dragging, setDragging] = useState(false);
  const busy = items.some((item) => item.state === "uploading");
  const maxBytes = maxBytesOf(maxMb);

  const patch = (key: string, change: Partial<Progress>) =>
    setItems((previous) => previous.map((item) => (item.key === key ? { ...item, ...change } : item)));

  /** A message for a file refused before sending (same words as the server's). */
  function precheck(file: File): string | null {
    const dot = file.name.lastIndexOf(".");
    const extension = dot > 0 ? file.name.slice(dot + 1).toLowerCase() : "";
    if (!ALLOWED_EXTENSIONS.includes(extension)) return t("validation.upload.type");
    if (file.size === 0) return t("attachments.validation.empty");
    if (file.size > maxBytes) return t("attachments.validation.tooLarge", { max: maxMb });
    return null;
  }

  async function upload(list: File[]) {
    if (list.length === 0 || disabled) return;
    const queued = list.map((file, index) => ({ file, key: `${Date.now()}-${index}-${file.name}`, error: precheck(file) }));
    setItems((previous) => [
      ...previous.filter((item) => item.state === "uploading"),
      ...queued.map(({ file, key, error }) => ({
        key,
        name: file.name,
        size: file.size,
        loaded: 0,
        state: error ? ("failed" as const) : ("uploading" as const),
        error: error ?? undefined,
      })),
    ]);
    const sendable = queued.filter((item) => !item.error);
    if (sendable.length === 0) return;
    const fields = await target();
    if (!fields) {
      setItems((previous) => previous.filter((item) => !sendable.some((queuedItem) => queuedItem.key === item.key)));
      return;
    }
    for (const { file, key } of sendable) {
      const result = await post(endpoint, fields, file, (loaded) => patch(key, { loaded: Math.min(loaded, file.size) }));
      if (result.ok) {
        patch(key, { state: "done", loaded: file.size });
        onUploaded(result.file);
      } else {
        const reason =
          result.status === 0
            ? t("attachments.interrupted")
            : [...Object.values(result.fieldErrors ?? {}).flat()].join("；") || result.message || t("attachments.interrupted");
        patch(key, { state: "failed", error: reason });
      }
    }
  }

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void upload([...event.dataTransfer.files]);
  };

  const failures = items.filter((item) => item.state === "failed");

  return (
    <div className="space-y-2" data-testid={testId}>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          if (!disabled) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="evidence-dropzone"
        className={cn(
          "rounded-lg border border-dashed text-sm transition-colors",
          compact ? "flex flex-wrap items-center gap-x-3 gap-y-1.5 px-3 py-2" : "px-4 py-3",
          dragging ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-white",
          disabled && "opacity-60",
        )}
      >
        {!compact && (
          <div className="flex flex-wrap items-center gap-2">
            <Upload className="size-4 text-slate-400" aria-hidden />
            <span className="text-slate-600">{t("attachments.drop")}</span>
          </div>
        )}
        <div className={cn("flex flex-wrap gap-2", !compact && "mt-2")}>
          <button
            type="button"
            disabled={disabled}
            onClick={() => pickRef.current?.click()}
            className="inline-flex h-8 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed"
          >
            <Paperclip className="size-3.5" aria-hidden />
            {t("attachments.pick")}
          </button>
          {/* `capture` only applies to a camera-capable type: the photo input accepts images alone */}
          <button
            type="button"
            disabled={disabled}
            onClick={() => cameraRef.current?.click()}
            className="inline-flex h-8 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed sm:hidden"
          >
            <Camera className="size-3.5" aria-hidden />
            {t("attachments.camera")}
          </button>
        </div>
        <label htmlFor={`${id}-pick`} className="sr-only">
          {t("attachments.pick")}
        </label>
        <input
          ref={pickRef}
          id={`${id}-pick`}
          type="file"
          multiple
          accept={ACCEPT_ATTRIBUTE}
          className="sr-only"
          disabled={disabled}
          data-testid="evidence-input"
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = "";
            void upload(files);
          }}
        />
        <input
          ref={cameraRef}
          type="file"
          accept="image/jpeg,image/png"
          capture="environment"
          className="sr-only"
          tabIndex={-1}
          aria-hidden
          disabled={disabled}
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = "";
            void upload(files);
          }}
        />
        {compact ? (
          <p
            id={`${id}-hint`}
            className="w-full text-xs text-slate-500 sm:w-auto sm:min-w-0 sm:flex-1"
            title={t("attachments.hint", { max: maxMb })}
          >
            {t("attachments.dropCompact", { max: maxMb })}
          </p>
        ) : (
          <p id={`${id}-hint`} className="mt-2 text-xs text-slate-500">
            {t("attachments.hint", { max: maxMb })}
          </p>
        )}
      </div>
      {items.length > 0 && (
        <ul className="space-y-1.5" aria-live="polite">
          {items
            .filter((item) => item.state !== "failed")
            .map((item) => {
              const percent = item.size ? Math.round((item.loaded / item.size) * 100) : 100;
              return (
                <li key={item.key} className="text-xs text-slate-600" data-testid="evidence-progress" data-state={item.state}>
                  <div className="flex justify-between gap-2">
                    <span className="truncate">
                      {item.state === "done"
                        ? t("attachments.uploaded", { name: item.name })
                        : t("attachments.uploading", { name: item.name })}
                    </span>
                    <span className="shrink-0 tabular-nums">
                      {formatFileSize(item.size)} · {percent}%
                    </span>
                  </div>
                  <progress
                    className="mt-0.5 h-1.5 w-full overflow-hidden rounded [&::-webkit-progress-bar]:bg-slate-100 [&::-webkit-progress-value]:bg-brand-600"
                    max={100}
                    value={percent}
                    aria-label={item.name}
                  />
                </li>
              );
            })}
        </ul>
      )}
      {failures.length > 0 && (
        <ul role="alert" className="space-y-1" data-testid="evidence-error">
          {failures.map((item) => (
            <li key={item.key} className="text-xs text-red-600">
              {t("attachments.failed", { name: item.name, reason: item.error ?? "" })}
            </li>
          ))}
        </ul>
      )}
      {busy && <span className="sr-only">{t("attachments.uploading", { name: "" })}</span>}
    </div>
  );
}
