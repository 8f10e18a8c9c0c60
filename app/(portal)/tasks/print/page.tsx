import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { LIGHT_STYLES } from "@/components/ledger/light-badge";
import { AutoPrint, PrintButton } from "@/components/ledger/print-button";
import { cn } from "@/components/ui/cn";
import { requireSection } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { ledgerPrintView } from "@/lib/ledger/export";
import { ledgerHref, parseLedgerParams } from "@/lib/ledger/schemas";
import { ledgerSheetColumns } from "@/lib/ledger/sheet";
import { now } from "@/lib/server/clock";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("ledger.printView.title") };
}

/**
 * Every row of the current ledger view as the office's printed 台账 (same columns as the Excel
 * export), not just the page on screen. `?print=1` opens the print dialog when it has rendered.
 */
export default async function LedgerPrintPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSection("tasks");
  const { t, locale } = await getTranslator();
  const query = await searchParams;
  const params = parseLedgerParams(query);
  const view = await ledgerPrintView(actor, params);
  const columns = ledgerSheetColumns(t, locale);
  const total = columns.reduce((sum, column) => sum + column.width, 0);

  return (
    <div className="mx-auto max-w-[1600px] space-y-4 bg-white" data-testid="ledger-print">
      {query.print === "1" && <AutoPrint />}
      <div className="flex items-center justify-between gap-3" data-print="hide">
        <Link href={ledgerHref(params)} className="inline-flex items-center gap-1.5 text-sm text-slate-600 hover:text-brand-700">
          <ArrowLeft className="size-4" aria-hidden />
          {t("ledger.printView.back")}
        </Link>
        <PrintButton />
      </div>
      <header className="space-y-1 text-center">
        <h1 className="text-xl font-bold text-slate-900">
          {t("ledger.export.title", { committee: actor.committee.name, year: view.year })}
        </h1>
        <p className="text-xs text-slate-500">
          {t("ledger.export.subtitle", { asOf: view.asOf, at: formatDateTime(now(), locale), count: view.total })} ·{" "}
          {t("ledger.printView.printedBy", { name: actor.name })}
        </p>
      </header>
      {view.rows.length === 0 ? (
        <p className="py-10 text-center text-sm text-slate-500">{t("ledger.printView.empty")}</p>
      ) : (
        <table className="w-full table-fixed border-collapse text-xs leading-snug text-slate-900">
          <colgroup>
            {columns.map((column) => (
              <col key={column.key} style={{ width: `${((column.width / total) * 100).toFixed(2)}%` }} />
            ))}
          </colgroup>
          <thead className="table-header-group">
            <tr>
              {columns.map((column) => (
                <th key={column.key} className="border border-slate-400 bg-slate-100 px-1.5 py-1 text-center font-semibold">
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row, index) => (
              <tr key={row.id} className="break-inside-avoid">
                {columns.map((column) => {
                  const value = column.value(row, index);
                  return (
                    <td
                      key={column.key}
                      className={cn(
                        "border border-slate-300 px-1.5 py-1 align-top break-words",
                        column.nowrap && "whitespace-nowrap",
                        column.kind === "light" && cn("text-center font-medium", LIGHT_STYLES[row.light].badge),
                        (column.kind === "percent" || typeof value === "number") && "text-right tabular-nums",
                      )}
                    >
                      {column.kind === "percent" ? `${Math.round(Number(value) * 100)}%` : value}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
