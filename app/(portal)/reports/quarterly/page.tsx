import { FileDown } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { smallButton } from "@/components/admin/form-kit";
import { QuarterlyDraftButton } from "@/components/reports/quarterly-draft-button";
import { StatusBadge, TimelinessBadge } from "@/components/reports/quarterly-badges";
import { QuarterPicker } from "@/components/reports/quarterly-quarter-picker";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { requireSection } from "@/lib/auth/guards";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { defaultQuarter, quarterName, quarterOverview, recentQuarters } from "@/lib/reports/quarterly-queries";
import { parseQuarterKey, quarterKey } from "@/lib/reports/rules";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("quarterly.title") };
}

const linkButton =
  "inline-flex items-center justify-center gap-2 rounded-md font-medium transition-colors border border-slate-300 bg-white text-slate-800 hover:bg-slate-50";

export default async function QuarterlyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSection("reports");
  const { t, locale } = await getTranslator();
  const raw = (await searchParams).quarter;
  const quarter = parseQuarterKey(Array.isArray(raw) ? raw[0] : raw) ?? (await defaultQuarter(actor));
  const overview = await quarterOverview(actor, quarter);
  const key = quarterKey(quarter);
  const options = recentQuarters();
  if (!options.some((option) => quarterKey(option) === key)) options.push(quarter);
  const day = (iso: string) => formatDate(new Date(`${iso}T00:00:00Z`), locale);
  const count = (value: number) => formatNumber(value, locale);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h2 className="text-lg font-semibold text-slate-900">
            {t("quarterly.title")} · {quarterName(t, quarter)}
          </h2>
          <p className="max-w-3xl text-sm text-slate-500">{t("quarterly.intro")}</p>
          <p className="text-sm text-slate-600" data-testid="quarterly-counts">
            {t("quarterly.dueOn", { due: day(overview.dueOn) })} ·{" "}
            {t("quarterly.counts", {
              expected: count(overview.counts.expected),
              submitted: count(overview.counts.submitted),
              approved: count(overview.counts.approved),
              missing: count(overview.counts.MISSING),
            })}
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <QuarterPicker
            label={t("quarterly.quarter")}
            submitLabel={t("quarterly.show")}
            value={key}
            options={options.map((option) => ({ value: quarterKey(option), label: quarterName(t, option) }))}
          />
          <a
            href={`/reports/quarterly/export?quarter=${key}`}
            className={cn(linkButton, "h-10 px-4 text-sm")}
            title={t("quarterly.exportHint")}
            data-testid="quarterly-export"
          >
            <FileDown className="size-4" aria-hidden />
            {t("quarterly.exportWord")}
          </a>
        </div>
      </div>

      {overview.rows.length === 0 ? (
        <Card className="p-8 text-center text-slate-600">{t("quarterly.empty")}</Card>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="quarterly-table">
            <thead className="bg-slate-50">
              <tr>
                {(["subject", "kind", "author", "status", "due", "timeliness", "actions"] as const).map((column) => (
                  <th key={column} scope="col" className="px-3 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-500">
                    {t(`quarterly.columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {overview.rows.map((row) => (
                <tr key={row.subjectKey} data-testid={`quarterly-row-${row.subjectKey}`} className="align-top">
                  <td className="px-3 py-3">
                    <div className="max-w-md min-w-48 space-y-0.5">
                      <p className="font-medium text-slate-900">{row.name}</p>
                      {row.code && <p className="font-mono text-xs text-slate-500">{row.code}</p>}
                      {row.report && row.report.title !== row.name && <p className="text-xs text-slate-500">{row.report.title}</p>}
                    </div>
                  </td>
                  <td className="px-3 py-3 whitespace-nowrap text-slate-700">{t(`quarterly.kinds.${row.kind}`)}</td>
                  <td className="px-3 py-3 text-slate-700">
                    <div className="max-w-56 min-w-32">
                      <p>{row.authorUnit ?? "—"}</p>
                      {row.authorPeople.length > 0 && <p className="text-xs text-slate-500">{row.authorPeople.join("、")}</p>}
                    </div>
                  </td>
                  <td className="px-3 py-3">
                    <StatusBadge
                      status={row.report?.status ?? "NONE"}
                      label={t(`quarterly.statuses.${row.report?.status ?? "NONE"}`)}
                    />
                  </td>
                  <td className="px-3 py-3 whitespace-nowrap text-slate-700 tabular-nums">{day(row.dueOn)}</td>
                  <td className="px-3 py-3">
                    <TimelinessBadge timeliness={row.timeliness} label={t(`quarterly.timeliness.${row.timeliness}`)} />
                  </td>
                  <td className="px-3 py-3">
                    {row.report ? (
                      <Link
                        href={`/reports/quarterly/${row.report.id}`}
                        className={cn(linkButton, smallButton, "whitespace-nowrap")}
                        data-testid="quarterly-open"
                      >
                        {row.canWrite && (row.report.status === "DRAFT" || row.report.status === "RETURNED")
                          ? t("quarterly.draftOrEdit")
                          : t("quarterly.open")}
                      </Link>
                    ) : row.canWrite ? (
                      <QuarterlyDraftButton year={quarter.year} quarter={quarter.quarter} subjectKey={row.subjectKey} />
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
