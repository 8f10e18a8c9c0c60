"use client";

// The office sets a signal aside: a reason is required; the service audits it. A signal dismissed
// meanwhile by someone else comes back as a conflict and the page shows it as it now is.
import { useRouter } from "next/navigation";
import { Dialog } from "radix-ui";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n/client";
import { dismissSignalAction } from "@/lib/signals/actions";
import { DISMISS_REASON_MAX } from "@/lib/signals/schemas";

export function DismissSignalDialog({
  signal,
  summary,
  onDismissed,
}: {
  signal: { id: string; version: number };
  /** what is being dismissed, in words */
  summary: string;
  onDismissed?: () => void;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const reasonId = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = () =>
    startTransition(async () => {
      const result = await dismissSignalAction({ id: signal.id, version: signal.version, reason });
      if (result.ok) {
        setOpen(false);
        setReason("");
        setErrors([]);
        setMessage(null);
        onDismissed?.();
        router.refresh();
        return;
      }
      setErrors(result.fieldErrors?.reason ?? []);
      setMessage([result.message, ...(result.fieldErrors?._form ?? [])].join(" "));
      if (result.status === 409) router.refresh();
    });

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setErrors([]);
          setMessage(null);
        }
      }}
    >
      <Dialog.Trigger asChild>
        <Button type="button" variant="secondary" className="h-8 px-3 text-xs whitespace-nowrap" data-testid="signal-dismiss-open">
          {t("signals.dismiss.button")}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-[60] bg-slate-900/40" />
        <Dialog.Content
          data-testid="signal-dismiss-dialog"
          className="fixed top-1/2 left-1/2 z-[70] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 rounded-xl border border-slate-200 bg-white p-6 shadow-xl"
        >
          <Dialog.Title className="text-lg font-semibold text-slate-900">{t("signals.dismiss.title")}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-500">{t("signals.dismiss.description")}</Dialog.Description>
          <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{summary}</p>
          <div className="mt-4 space-y-1.5">
            <label htmlFor={reasonId} className="block text-sm font-medium text-slate-700">
              {t("signals.dismiss.reason")}
            </label>
            <textarea
              id={reasonId}
              rows={3}
              value={reason}
              maxLength={DISMISS_REASON_MAX}
              required
              data-testid="signal-dismiss-reason"
              onChange={(event) => setReason(event.target.value)}
              aria-invalid={errors.length ? true : undefined}
              aria-describedby={errors.length ? `${reasonId}-error` : undefined}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-500 focus:outline-none"
            />
            {errors.length > 0 && (
              <p id={`${reasonId}-error`} className="text-xs text-red-600">
                {errors.join("；")}
              </p>
            )}
          </div>
          {message && (
            <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {message}
            </p>
          )}
          <div className="mt-5 flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button type="button" variant="secondary" disabled={pending}>
                {t("signals.dismiss.cancel")}
              </Button>
            </Dialog.Close>
            <Button type="button" disabled={pending} onClick={submit} data-testid="signal-dismiss-submit">
              {t("signals.dismiss.submit")}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
