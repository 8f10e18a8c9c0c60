"use client";

import { KeyRound, LoaderCircle, LockKeyhole, User } from "lucide-react";
import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { SIGN_IN_ERRORS } from "@/lib/auth/schemas";
import { useI18n } from "@/lib/i18n/client";

export interface DemoAccountView {
  username: string;
  label: string;
  description: string;
}

type FieldErrors = Partial<Record<"username" | "password", string>>;

export function LoginForm({ demoAccounts, demoPassword }: { demoAccounts: DemoAccountView[]; demoPassword?: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const searchParams = useSearchParams();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [totp, setTotp] = useState("");
  const [needsTotp, setNeedsTotp] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!username.trim()) errors.username = t("login.required", { field: t("login.username") });
    if (!password) errors.password = t("login.required", { field: t("login.password") });
    setFieldErrors(errors);
    setError(null);
    if (errors.username || errors.password) return;

    setPending(true);
    const result = await signIn("credentials", { username, password, totp: needsTotp ? totp : "", redirect: false });
    if (!result || result.error) {
      setPending(false);
      if (result?.error === SIGN_IN_ERRORS.totp_required) {
        setNeedsTotp(true);
        setError(t("login.totpHint"));
      } else if (result?.error === SIGN_IN_ERRORS.totp_invalid) {
        setTotp("");
        setError(t("login.totpInvalid"));
      } else if (result?.error === SIGN_IN_ERRORS.no_role) {
        setError(t("login.noRole"));
      } else if (result?.error === SIGN_IN_ERRORS.rate_limited) {
        setError(t("login.rateLimited"));
      } else {
        setError(t("login.invalid"));
      }
      return;
    }
    const next = searchParams.get("callbackUrl");
    // Only same-site paths: never follow an absolute URL from the query string.
    router.replace(next && next.startsWith("/") && !next.startsWith("//") ? next : "/");
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("login.title")}>
        {error && (
          <p data-testid="login-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        )}
        <Field id="username" label={t("login.username")} error={fieldErrors.username} icon={<User className="size-4" />}>
          <input
            id="username"
            name="username"
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            aria-invalid={Boolean(fieldErrors.username)}
            aria-describedby={fieldErrors.username ? "username-error" : undefined}
            className="h-11 w-full rounded-md border border-slate-300 bg-white pr-3 pl-9 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
          />
        </Field>
        <Field id="password" label={t("login.password")} error={fieldErrors.password} icon={<LockKeyhole className="size-4" />}>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={Boolean(fieldErrors.password)}
            aria-describedby={fieldErrors.password ? "password-error" : undefined}
            className="h-11 w-full rounded-md border border-slate-300 bg-white pr-3 pl-9 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
          />
        </Field>
        {needsTotp && (
          <Field id="totp" label={t("login.totp")} icon={<KeyRound className="size-4" />}>
            <input
              id="totp"
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              autoFocus
              value={totp}
              onChange={(event) => setTotp(event.target.value.replace(/\D/g, ""))}
              className="h-11 w-full rounded-md border border-slate-300 bg-white pr-3 pl-9 text-sm tracking-widest outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
            />
          </Field>
        )}
        <Button type="submit" disabled={pending} className="h-11 w-full text-base">
          {pending && <LoaderCircle className="size-4 animate-spin" aria-hidden />}
          {pending ? t("login.submitting") : t("login.submit")}
        </Button>
      </form>

      {demoAccounts.length > 0 && demoPassword && (
        <details className="rounded-lg border border-dashed border-slate-300 bg-slate-50 p-3 text-sm" open>
          <summary className="cursor-pointer font-medium text-slate-700">{t("login.demoHint", { password: demoPassword })}</summary>
          <ul className="mt-2 grid grid-cols-2 gap-1.5">
            {demoAccounts.map((account) => (
              <li key={account.username}>
                <button
                  type="button"
                  onClick={() => {
                    setUsername(account.username);
                    setPassword(demoPassword);
                  }}
                  className="w-full rounded-md border border-slate-200 bg-white px-2 py-1.5 text-left hover:border-brand-200 hover:bg-brand-50"
                  title={account.description}
                >
                  <span className="font-mono text-brand-700">{account.username}</span>
                  <span className="ml-1.5 text-slate-600">{account.label}</span>
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function Field({
  id,
  label,
  error,
  icon,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  icon: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="relative">
        <span className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-slate-400">{icon}</span>
        {children}
      </div>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
