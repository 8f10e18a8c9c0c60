import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ViewsTable } from "@/components/views/views-table";
import { ViewsToolbar } from "@/components/views/views-toolbar";
import { requireSection } from "@/lib/auth/guards";
import { listView, parseViewParams } from "@/lib/dashboard/views";
import { formatDate } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { ledgerOptions } from "@/lib/ledger/queries";
import { parseDay } from "@/lib/ledger/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("views.title") };
}

export default async function TaskViewsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSection("tasks");
  const { t, locale } = await getTranslator();
  const params = parseViewParams(await searchParams);
  const [result, options] = await Promise.all([listView(actor, params), ledgerOptions(actor)]);

  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <Link href="/tasks" className="inline-flex items-center gap-1.5 text-sm text-slate-600 hover:text-brand-700" data-print="hide">
          <ArrowLeft className="size-4" aria-hidden />
          {t("ledger.title")}
        </Link>
        <h2 className="text-xl font-semibold text-slate-900">{t(`views.kinds.${result.view}`)}</h2>
        <p className="text-sm text-slate-500">
          {t("views.subtitle", { year: result.year, asOf: formatDate(parseDay(result.asOf)!, locale) })}
        </p>
      </div>
      <ViewsToolbar params={params} result={result} years={options.years} />
      <p className="text-sm text-slate-600" data-testid="views-hint">
        {t(`views.hints.${result.view}`, { days: result.milestoneRedDays })}
      </p>
      <ViewsTable result={result} />
    </div>
  );
}
