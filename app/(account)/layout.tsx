import Link from "next/link";
import type { ReactNode } from "react";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { getTranslator } from "@/lib/i18n/server";

/** A bare frame for what must happen before the portal opens (the forced password change). */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const { t } = await getTranslator();
  return (
    <div className="min-h-screen">
      <div className="h-1 bg-accent-600" aria-hidden />
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-6 py-4">
        <Link href="/" className="flex items-center gap-2.5">
          <img src="/icon.svg" alt="" className="size-8 rounded-md" />
          <span className="font-bold text-slate-900">{t("app.name")}</span>
        </Link>
        <LocaleSwitch />
      </header>
      <main className="mx-auto max-w-md px-6 py-12">{children}</main>
    </div>
  );
}
