import { Construction } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { Section } from "@/lib/auth/sections";
import { getTranslator } from "@/lib/i18n/server";
import { messagesFor } from "@/lib/i18n/translate";

/** The honest page of a section whose issue is still open: what it will do, nothing fake. */
export async function UnderConstruction({ section }: { section: Section }) {
  const { locale, t } = await getTranslator();
  const features = messagesFor(locale).sections[section].features;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="flex items-center gap-3">
        <h1 className="text-2xl font-bold text-slate-900">{t(`sections.${section}.title`)}</h1>
        <span className="inline-flex items-center gap-1 rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-800">
          <Construction className="size-3.5" aria-hidden />
          {t("common.underConstruction")}
        </span>
      </div>
      <Card className="space-y-4 p-6">
        <p className="text-slate-700">{t(`sections.${section}.summary`)}</p>
        <p className="text-sm text-slate-500">{t("common.underConstructionHint")}</p>
        <ul className="grid gap-2 sm:grid-cols-2">
          {features.map((feature) => (
            <li key={feature} className="flex items-start gap-2 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700">
              <span className="mt-1.5 size-1.5 shrink-0 rounded-full bg-brand-500" aria-hidden />
              {feature}
            </li>
          ))}
        </ul>
        <p className="text-xs text-slate-400">{t("common.tracked", { issue: t(`sections.${section}.issue`) })}</p>
      </Card>
      <Link href="/" className="inline-block text-sm font-medium text-brand-700 hover:underline">
        ← {t("common.backHome")}
      </Link>
    </div>
  );
}
