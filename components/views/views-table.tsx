// One view as a table: a header row per group (special group, lead unit or leader), its tasks, and
// a subtotal row; the light always as colour and text.
import Link from "next/link";
import { LightBadge } from "@/components/ledger/light-badge";
import { getTranslator } from "@/lib/i18n/server";
import { formatDate, formatNumber, formatPercent } from "@/lib/i18n/format";
import { overdueText, groupLabel } from "@/lib/dashboard/views-export";
import type { ViewResult } from "@/lib/dashboard/views";
import { parseDay } from "@/lib/ledger/schemas";

const th = "px-3 py-2 text-left text-xs font-semibold whitespace-nowrap text-slate-600";
const td = "px-3 py-2 align-top text-sm text-slate-700";

export async function ViewsTable({ result }: { result: ViewResult }) {
  const { t, locale } = await getTranslator();
  const day = (iso: string | null) => (iso ? formatDate(parseDay(iso.slice(0, 10))!, locale) : "");
  const extra = result.view === "overdue" ? 2 : result.view === "completed" ? 1 : 0;
  const span = 7 + extra;
  if (result.total === 0)
    return (
      <p className="rounded-lg border border-slate-200 bg-white py-10 text-center text-sm text-slate-500" data-testid="views-empty">
        {t("views.empty")}
      </p>
    );
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full min-w-[960px] border-collapse" data-testid="views-table">
        <caption className="sr-only">{t(`views.kinds.${result.view}`)}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>
              {t("ledger.columns.code")}
            </th>
            <th scope="col" className={th}>
              {t("ledger.columns.title")}
            </th>
            <th scope="col" className={th}>
              {t("ledger.columns.leadUnit")}
            </th>
            <th scope="col" className={th}>
              {t("ledger.columns.leader")}
            </th>
            <th scope="col" className={th}>
              {t("ledger.columns.dueDate")}
            </th>
            <th scope="col" className={th}>
              {t("views.columns.plannedActual")}
            </th>
            <th scope="col" className={th}>
              {t("ledger.columns.light")}
            </th>
            {result.view === "overdue" && (
              <>
                <th scope="col" className={th}>
                  {t("views.columns.daysOverdue")}
                </th>
                <th scope="col" className={th}>
                  {t("views.columns.reasons")}
                </th>
              </>
            )}
            {result.view === "completed" && (
              <th scope="col" className={th}>
                {t("views.columns.closedOn")}
              </th>
            )}
          </tr>
        </thead>
        {result.groups.map((group) => (
          <tbody key={group.key} data-testid="views-group" data-group-key={group.key} className="border-t border-slate-200">
            <tr className="bg-slate-50/70">
              <th scope="colgroup" colSpan={span} className="px-3 py-2 text-left text-sm font-semibold text-slate-900">
                {groupLabel(group, t)}
                <span className="ml-2 text-xs font-normal text-slate-500">
                  {t("views.groupCount", { count: formatNumber(group.count, locale) })}
                </span>
              </th>
            </tr>
            {group.rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-100" data-testid="views-row" data-code={row.code}>
                <td className={`${td} whitespace-nowrap`}>
                  <Link href={`/tasks/${row.id}`} className="font-mono text-brand-700 hover:underline">
                    {row.code}
                  </Link>
                </td>
                <td className={`${td} min-w-64`}>{row.title}</td>
                <td className={td}>{row.leadUnitName}</td>
                <td className={`${td} whitespace-nowrap`}>{row.leaderName ?? ""}</td>
                <td className={`${td} whitespace-nowrap`}>{day(row.dueDate)}</td>
                <td className={`${td} whitespace-nowrap tabular-nums`}>
                  {formatPercent(row.planned, locale)} / {formatPercent(row.actual, locale)}
                </td>
                <td className={td}>
                  <LightBadge light={row.light} label={t(`ledger.lights.${row.light}`)} />
                </td>
                {result.view === "overdue" && (
                  <>
                    <td className={`${td} whitespace-nowrap tabular-nums`}>
                      {row.daysOverdue !== null ? t("views.columns.dayCount", { days: formatNumber(row.daysOverdue, locale) }) : "—"}
                    </td>
                    <td className={td}>{overdueText(row, t)}</td>
                  </>
                )}
                {result.view === "completed" && <td className={`${td} whitespace-nowrap`}>{day(row.closedOn)}</td>}
              </tr>
            ))}
            <tr className="border-t border-slate-200 bg-white" data-testid="views-subtotal">
              <td colSpan={span} className="px-3 py-1.5 text-right text-xs font-medium text-slate-600">
                {t("views.subtotal", { name: groupLabel(group, t), count: formatNumber(group.count, locale) })}
              </td>
            </tr>
          </tbody>
        ))}
        <tfoot>
          <tr className="border-t-2 border-slate-300 bg-slate-50">
            <td colSpan={span} className="px-3 py-2 text-right text-sm font-semibold text-slate-900" data-testid="views-total">
              {t("views.total", { count: formatNumber(result.total, locale) })}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
