import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { OfficeWorkbench } from "@/components/workbench/office-workbench";
import { OverviewWorkbench } from "@/components/workbench/overview";
import { UnitWorkbench } from "@/components/workbench/unit-workbench";
import { requireActor } from "@/lib/auth/actor";
import { sectionsFor } from "@/lib/auth/sections";
import { getOfficeWorkbench, getOverview, getUnitWorkbench, workbenchesOf } from "@/lib/dashboard/workbench";
import { getTranslator } from "@/lib/i18n/server";

export default async function HomePage() {
  const actor = await requireActor();
  const { t } = await getTranslator();
  const roles = [...new Set(actor.roles.map((grant) => grant.role))];
  const show = workbenchesOf(actor);
  const [office, unit, overview] = await Promise.all([
    show.office ? getOfficeWorkbench(actor) : null,
    show.unit ? getUnitWorkbench(actor) : null,
    show.overview ? getOverview(actor) : null,
  ]);
  // the administrators (三员) have no reform content: they get their sections instead
  const sections = office || unit || overview ? [] : sectionsFor(roles);

  return (
    <div className="mx-auto max-w-6xl space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold text-slate-900" data-testid="greeting">
          {t("home.greeting", { name: actor.name })}
        </h1>
        <p className="text-slate-600">
          {t("home.intro", { roles: roles.map((role) => t(`roles.${role}`)).join("、"), committee: actor.committee.name })}
        </p>
      </div>
      {office ? <OfficeWorkbench data={office} /> : null}
      {unit ? <UnitWorkbench data={unit} /> : null}
      {overview ? <OverviewWorkbench data={overview} /> : null}
      {sections.length ? (
        <section className="space-y-3">
          <h2 className="text-sm font-semibold tracking-wide text-slate-500">{t("home.sections")}</h2>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {sections.map((section) => (
              <Link key={section} href={`/${section}`} className="group">
                <Card className="flex h-full flex-col gap-2 p-5 transition-shadow group-hover:shadow-md">
                  <span className="font-semibold text-slate-900">{t(`sections.${section}.title`)}</span>
                  <p className="flex-1 text-sm text-slate-600">{t(`sections.${section}.summary`)}</p>
                  <ArrowRight className="size-4 text-brand-600 transition-transform group-hover:translate-x-1" aria-hidden />
                </Card>
              </Link>
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}
