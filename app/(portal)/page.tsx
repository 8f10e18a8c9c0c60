import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/actor";
import { sectionsFor } from "@/lib/auth/sections";
import { getTranslator } from "@/lib/i18n/server";

export default async function HomePage() {
  const actor = await requireActor();
  const { t } = await getTranslator();
  const roles = [...new Set(actor.roles.map((grant) => grant.role))];
  const sections = sectionsFor(roles);

  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold text-slate-900" data-testid="greeting">
          {t("home.greeting", { name: actor.name })}
        </h1>
        <p className="text-slate-600">
          {t("home.intro", { roles: roles.map((role) => t(`roles.${role}`)).join("、"), committee: actor.committee.name })}
        </p>
      </div>
      <section className="space-y-3">
        <h2 className="text-sm font-semibold tracking-wide text-slate-500">{t("home.sections")}</h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {sections.map((section) => (
            <Link key={section} href={`/${section}`} className="group">
              <Card className="flex h-full flex-col gap-2 p-5 transition-shadow group-hover:shadow-md">
                <div className="flex items-center justify-between">
                  <span className="font-semibold text-slate-900">{t(`sections.${section}.title`)}</span>
                  <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800">
                    {t("common.underConstruction")}
                  </span>
                </div>
                <p className="flex-1 text-sm text-slate-600">{t(`sections.${section}.summary`)}</p>
                <ArrowRight className="size-4 text-brand-600 transition-transform group-hover:translate-x-1" aria-hidden />
              </Card>
            </Link>
          ))}
        </div>
      </section>
    </div>
  );
}
