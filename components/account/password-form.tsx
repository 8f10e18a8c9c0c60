"use client";

import { signOut } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { changePasswordAction } from "@/lib/account/actions";
import { useI18n } from "@/lib/i18n/client";

const FIELDS = ["currentPassword", "newPassword", "confirmPassword"] as const;
type Field = (typeof FIELDS)[number];

export function PasswordForm() {
  const { t } = useI18n();
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: "", newPassword: "", confirmPassword: "" });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await changePasswordAction(values);
    setPending(false);
    if (result.ok) {
      // The change ended every session, this one included: sign in again with the new password.
      await signOut({ callbackUrl: "/login" });
      return;
    }
    setFieldErrors(result.fieldErrors ?? {});
    setError(result.fieldErrors ? null : result.message);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      {error && <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      {FIELDS.map((field) => (
        <div key={field} className="space-y-1.5">
          <label htmlFor={field} className="block text-sm font-medium text-slate-700">
            {t(`account.${field}`)}
          </label>
          <input
            id={field}
            type="password"
            autoComplete={field === "currentPassword" ? "current-password" : "new-password"}
            value={values[field]}
            onChange={(event) => setValues({ ...values, [field]: event.target.value })}
            aria-invalid={Boolean(fieldErrors[field])}
            className="h-10 w-full rounded-md border border-slate-300 px-3 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
          />
          {fieldErrors[field]?.map((message) => (
            <p key={message} className="text-sm text-red-600">
              {message}
            </p>
          ))}
        </div>
      ))}
      <Button type="submit" disabled={pending} className="w-full">
        {t("account.save")}
      </Button>
    </form>
  );
}
