import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import type { Metadata } from "next";
import { CockpitGroupBars, CockpitLightLegend } from "@/components/dashboard/cockpit-group-bars";
import { CockpitRefresh } from "@/components/dashboard/cockpit-refresh";
import { CockpitTaskTable, CockpitTiles } from "@/components/dashboard/cockpit-sections";
import { CockpitTrend } from "@/components/dashboard/cockpit-trend";
import { requireSection } from "@/lib/auth/guards";
import { getCockpit } from "@/lib/dashboard/cockpit";
import { cockpitParams } from "@/lib/dashboard/cockpit-rules";
import { formatDate } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { parseDay } from "@/lib/ledger/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: `${t("cockpit.title")} · ${t("cockpit.screen.open")}` };
}

/** 大屏: the cockpit for a meeting-room display, dark, covering the portal's shell, refreshing itself. */
export default async function DashboardScreenPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireSection("dashboard");
  const { t, locale } = await getTranslator();
  const params = cockpitParams(await searchParams);
  const cockpit = await getCockpit(actor, params);
  const back = new URLSearchParams({ year: String(cockpit.year), ...(cockpit.asOf !== cockpit.today ? { asOf: cockpit.asOf } : {}) });

  return (
    <div className="fixed inset-0 z-50 overflow-y-auto bg-slate-950 p-4 text-slate-100 lg:p-8" data-testid="cockpit-screen">
      <CockpitRefresh seconds={60} />
      <div className="mx-auto flex min-h-full max-w-[1920px] flex-col gap-6">
        <header className="flex flex-wrap items-center justify-between gap-4">
          <div>
            <h1 className="text-2xl font-bold text-white lg:text-4xl">{t("cockpit.screen.title", { committee: actor.committee.name })}</h1>
            <p className="mt-1 text-base text-slate-300 lg:text-lg">
              {t("cockpit.subtitle", { year: cockpit.year, asOf: formatDate(parseDay(cockpit.asOf)!, locale) })} ·{" "}
              {t("cockpit.screen.refresh")}
            </p>
          </div>
          <Link
            href={`/dashboard?${back}`}
            data-testid="cockpit-screen-back"
            className="inline-flex h-10 items-center gap-2 rounded-md border border-slate-600 px-4 text-base text-slate-100 hover:bg-slate-800"
          >
            <ArrowLeft className="size-4" aria-hidden />
            {t("cockpit.screen.back")}
          </Link>
        </header>

        <CockpitTiles cockpit={cockpit} dark />

        <div className="grid flex-1 gap-6 xl:grid-cols-2">
          <section className="min-w-0 space-y-3 rounded-xl border border-slate-800 bg-slate-900 p-4" aria-labelledby="screen-groups">
            <h2 id="screen-groups" className="text-xl font-semibold text-white">
              {t("cockpit.groups.title")}
            </h2>
            <CockpitLightLegend dark />
            <CockpitGroupBars groups={cockpit.groups} dark />
          </section>
          <section
            className="flex min-w-0 flex-col space-y-3 rounded-xl border border-slate-800 bg-slate-900 p-4"
            aria-labelledby="screen-trend"
          >
            <h2 id="screen-trend" className="text-xl font-semibold text-white">
              {t("cockpit.trend.title")}
            </h2>
            {cockpit.trend.length === 0 ? (
              <p className="text-slate-300">{t("cockpit.trend.empty")}</p>
            ) : (
              <div className="h-80 flex-1">
                <CockpitTrend points={cockpit.trend} dark />
              </div>
            )}
          </section>
        </div>

        <section className="min-w-0 space-y-3 rounded-xl border border-slate-800 bg-slate-900 p-4" aria-labelledby="screen-key">
          <h2 id="screen-key" className="text-xl font-semibold text-white">
            {t("cockpit.keyTasks.title")}
          </h2>
          <CockpitTaskTable
            list={cockpit.keyTasks}
            testId="screen-key-task"
            empty={t("cockpit.keyTasks.empty")}
            dark
            asOf={cockpit.asOf !== cockpit.today ? cockpit.asOf : null}
          />
        </section>
      </div>
    </div>
  );
}
