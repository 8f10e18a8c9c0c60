"use client";

import { ShieldCheck, ShieldOff } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { disableTotpAction, enableTotpAction } from "@/lib/account/actions";
import { useI18n } from "@/lib/i18n/client";

export function TotpSettings({ enabled, secret, qrCode }: { enabled: boolean; secret: string | null; qrCode: string | null }) {
  const { t } = useI18n();
  const router = useRouter();
  const [value, setValue] = useState("");
  const [errors, setErrors] = useState<string[]>([]);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = enabled ? await disableTotpAction({ currentPassword: value }) : await enableTotpAction({ secret, code: value });
    setPending(false);
    if (result.ok) {
      setValue("");
      setErrors([]);
      router.push("/account/security");
      router.refresh();
      return;
    }
    setErrors(result.fieldErrors ? Object.values(result.fieldErrors).flat() : [result.message]);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex items-center gap-2 font-semibold text-slate-900">
        {enabled ? (
          <ShieldCheck className="size-5 text-green-700" aria-hidden />
        ) : (
          <ShieldOff className="size-5 text-slate-400" aria-hidden />
        )}
        {t("account.totpTitle")}
      </div>
      <p className="text-sm text-slate-600" data-testid="totp-status">
        {enabled ? t("account.totpOn") : t("account.totpOff")}
      </p>
      {!enabled && secret && (
        <div className="space-y-2 text-sm text-slate-700">
          <p>{t("account.totpStep1")}</p>
          {qrCode && <img src={qrCode} alt="" width={176} height={176} className="rounded-md border border-slate-200" />}
          <code data-testid="totp-secret" className="block rounded-md bg-slate-100 px-3 py-2 font-mono text-base tracking-widest break-all">
            {secret.replace(/(.{4})/g, "$1 ").trim()}
          </code>
          <p>{t("account.totpStep2")}</p>
        </div>
      )}
      <div className="space-y-1.5">
        <label htmlFor="totp-value" className="block text-sm font-medium text-slate-700">
          {enabled ? t("account.currentPassword") : t("account.totpCode")}
        </label>
        <input
          id="totp-value"
          type={enabled ? "password" : "text"}
          inputMode={enabled ? undefined : "numeric"}
          autoComplete={enabled ? "current-password" : "one-time-code"}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          className="h-10 w-full rounded-md border border-slate-300 px-3 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
        />
        {errors.map((message) => (
          <p key={message} className="text-sm text-red-600">
            {message}
          </p>
        ))}
      </div>
      <Button type="submit" variant={enabled ? "secondary" : "primary"} disabled={pending}>
        {enabled ? t("account.totpDisable") : t("account.totpEnable")}
      </Button>
    </form>
  );
}
