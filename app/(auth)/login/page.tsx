import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { getActor } from "@/lib/auth/actor";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/demo/accounts";
import { getTranslator } from "@/lib/i18n/server";
import { env } from "@/lib/server/env";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("login.title") };
}

export default async function LoginPage() {
  if (await getActor()) redirect("/");
  const { locale, t } = await getTranslator();
  const demo = env().DEMO_MODE === "1";
  const demoAccounts = demo
    ? DEMO_ACCOUNTS.map((account) => ({
        username: account.username,
        label: t(`roles.${account.role}`),
        description: locale === "en" ? account.descriptionEn : account.descriptionZh,
      }))
    : [];

  return (
    <main className="grid min-h-screen lg:grid-cols-[1.1fr_1fr]">
      <section className="relative hidden overflow-hidden bg-gradient-to-br from-brand-900 via-brand-800 to-brand-700 p-12 text-white lg:flex lg:flex-col lg:justify-between">
        <div className="absolute inset-x-0 top-0 h-1.5 bg-accent-600" aria-hidden />
        <div className="flex items-center gap-3">
          <img src="/icon.svg" alt="" className="size-10 rounded-lg ring-1 ring-white/20" />
          <span className="text-lg font-bold tracking-wide">{t("app.name")}</span>
        </div>
        <div className="max-w-lg space-y-5">
          <h1 className="text-4xl leading-tight font-bold">{t("app.name")}</h1>
          <p className="text-lg text-white/80">{t("app.tagline")}</p>
          <ul className="grid grid-cols-2 gap-3 pt-4 text-sm text-white/85">
            {(["tasks", "reports", "supervision", "assessment"] as const).map((section) => (
              <li key={section} className="rounded-lg bg-white/10 px-4 py-3 ring-1 ring-white/15">
                <div className="font-semibold text-white">{t(`sections.${section}.title`)}</div>
              </li>
            ))}
          </ul>
        </div>
        <p className="text-sm text-white/60">{t("login.footer")}</p>
      </section>

      <section className="flex flex-col px-6 py-8 sm:px-12">
        <div className="flex justify-end">
          <LocaleSwitch />
        </div>
        <div className="mx-auto flex w-full max-w-sm flex-1 flex-col justify-center py-10">
          <div className="mb-8 space-y-2">
            <p className="text-sm font-semibold tracking-wide text-brand-700 lg:hidden">{t("app.name")}</p>
            <h2 className="text-2xl font-bold text-slate-900">{t("login.title")}</h2>
            <p className="text-sm text-slate-500">{t("login.subtitle")}</p>
          </div>
          <Suspense>
            <LoginForm demoAccounts={demoAccounts} demoPassword={demo ? DEMO_PASSWORD : undefined} />
          </Suspense>
        </div>
      </section>
    </main>
  );
}
