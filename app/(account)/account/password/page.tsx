import type { Metadata } from "next";
import { PasswordForm } from "@/components/account/password-form";
import { requireActor } from "@/lib/auth/actor";
import { getTranslator } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("account.changePassword") };
}

export default async function ChangePasswordPage() {
  const actor = await requireActor({ allowSetup: true });
  const { t } = await getTranslator();
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold text-slate-900">{t("account.changePassword")}</h1>
        {actor.passwordChangeRequired && (
          <p
            data-testid="password-change-required"
            className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800"
          >
            {t("account.mustChange")}
          </p>
        )}
        <p className="text-sm text-slate-500">{t("account.policy")}</p>
      </div>
      <PasswordForm />
    </div>
  );
}
