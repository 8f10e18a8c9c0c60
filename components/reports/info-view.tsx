// Server-rendered pieces of the reform information report pages (改革信息月报): the period picker,
// a report's content and thread, the month's list across units, and the year's totals.
import { FileText, History, MessageSquareWarning, Paperclip } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { EmptyRow, hrefWith, Pagination, TableCard, td, th } from "@/components/admin/list-kit";
import { EvidenceList } from "@/components/attachments/evidence-list";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatDate, formatDateTime, formatMonth, formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import {
  INFO_ITEM_KINDS,
  INFO_LEVELS,
  INFO_LIST_STATUSES,
  type InfoListPage,
  type InfoListParams,
  type InfoReportView,
  type InfoTotalsRow,
} from "@/lib/reports/info-schemas";
import { parseMonthKey } from "@/lib/reports/rules";
import { InfoStatusBadge } from "./info-badge";

const PATH = "/reports/info";
const monthOfKey = (key: string) => parseMonthKey(key)!;
const dayOfKey = (key: string) => new Date(`${key}T00:00:00Z`);

export function InfoSection({ title, icon, count, children }: { title: string; icon?: ReactNode; count?: number; children: ReactNode }) {
  return (
    <Card className="overflow-hidden">
      <div className="flex items-center justify-between border-b border-slate-100 px-5 py-3">
        <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-900">
          {icon}
          {title}
        </h3>
        {count !== undefined && <span className="text-xs text-slate-500 tabular-nums">{count}</span>}
      </div>
      <div className="px-5 py-4">{children}</div>
    </Card>
  );
}

/** A GET form, so the month lives in the URL and the picker works without JavaScript. */
export async function InfoPeriodPicker({ period, current, months }: { period: string; current: string; months: string[] }) {
  const { t, locale } = await getTranslator();
  const choices = months.includes(period) ? months : [period, ...months];
  return (
    <form method="get" action={PATH} className="flex items-end gap-2" role="search">
      <div className="space-y-1">
        <label htmlFor="info-period" className="block text-xs font-medium text-slate-500">
          {t("infoReports.periodLabel")}
        </label>
        <select
          id="info-period"
          name="period"
          defaultValue={period}
          data-testid="info-period"
          className="block h-9 rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-700 focus:border-brand-500 focus:outline-none"
        >
          {choices.map((key) => {
            const label = formatMonth(monthOfKey(key), locale);
            return (
              <option key={key} value={key}>
                {key === current ? t("infoReports.currentPeriod", { period: label }) : label}
              </option>
            );
          })}
        </select>
      </div>
      <button
        type="submit"
        data-testid="info-period-show"
        className="h-9 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
      >
        {t("infoReports.show")}
      </button>
    </form>
  );
}

export async function InfoReportStatus({ report }: { report: InfoReportView }) {
  const { t } = await getTranslator();
  const status = report.status ?? "NEW";
  return <InfoStatusBadge status={status} label={t(`infoReports.status.${status}`)} />;
}

/** The office's return comment, shown while the report is back with the unit. */
export async function InfoReturnNote({ report }: { report: InfoReportView }) {
  if (report.status !== "RETURNED" || !report.reviewComment) return null;
  const { t, locale } = await getTranslator();
  return (
    <div data-testid="info-return-comment" className="flex gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <MessageSquareWarning className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div className="space-y-1">
        <p className="font-medium">
          {t("infoReports.returned")}
          {report.reviewedAt && <span className="ml-2 text-xs font-normal text-amber-800">{formatDateTime(new Date(report.reviewedAt), locale)}</span>}
        </p>
        <p className="whitespace-pre-line">{report.reviewComment}</p>
      </div>
    </div>
  );
}

/** A report's summary and items by section, read-only, each item with its evidence (by submission once there are several). */
export async function InfoReportContent({ report }: { report: InfoReportView }) {
  const { t, locale } = await getTranslator();
  return (
    <div className="space-y-6" data-testid="info-content">
      <div>
        <h3 className="text-xs font-medium text-slate-500">{t("infoReports.summary")}</h3>
        <p className="mt-1 text-sm leading-relaxed whitespace-pre-line text-slate-800">
          {report.summary ?? <span className="text-slate-400">{t("infoReports.noSummary")}</span>}
        </p>
      </div>
      {INFO_ITEM_KINDS.map((kind) => {
        const items = report.items.filter((item) => item.kind === kind);
        return (
          <section key={kind} data-testid={`info-section-${kind}`} className="space-y-2">
            <h3 className="border-b border-slate-100 pb-1 text-sm font-semibold text-slate-900">
              {t(`infoReports.sections.${kind}`)}
              <span className="ml-2 text-xs font-normal text-slate-500 tabular-nums">{items.length}</span>
            </h3>
            {items.length === 0 ? (
              <p className="text-sm text-slate-400">{t("infoReports.noItems")}</p>
            ) : (
              <ol className="space-y-2">
                {items.map((item, index) => (
                  <li key={item.id} data-testid={`info-item-${kind}`} data-item-id={item.id} className="rounded-md bg-slate-50 px-3 py-2 text-sm">
                    <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                      <span className="font-medium text-slate-900">
                        {index + 1}. {item.title}
                      </span>
                      {item.level && <span className="text-xs text-slate-600">{t(`infoReports.levels.${item.level}`)}</span>}
                      {item.pilotStage && <span className="text-xs text-slate-600">{t(`infoReports.stages.${item.pilotStage}`)}</span>}
                      {item.outlet && (
                        <span className="text-xs text-slate-600">{t("history.pair", { label: t("infoReports.fields.outlet"), value: item.outlet })}</span>
                      )}
                      {item.eventDate && <span className="text-xs text-slate-500">{formatDate(dayOfKey(item.eventDate), locale)}</span>}
                    </div>
                    {item.description && <p className="mt-1 text-slate-700 whitespace-pre-line">{item.description}</p>}
                    <div className="mt-2" data-testid="info-item-evidence">
                      {item.files.length === 0 ? (
                        <p className="inline-flex items-center gap-1 text-xs text-amber-700" data-testid="info-item-no-evidence">
                          <Paperclip className="size-3.5" aria-hidden />
                          {t("infoReports.evidence.none")}
                        </p>
                      ) : (
                        <>
                          <p className="flex items-center gap-1 text-xs font-medium text-slate-500">
                            <Paperclip className="size-3.5" aria-hidden />
                            {t("attachments.title")} · {t("infoReports.evidence.count", { count: item.files.length })}
                          </p>
                          <EvidenceList
                            files={item.files}
                            byRound={item.files.some((file) => (file.round ?? 1) > 1)}
                            className={cn(
                              "mt-1 rounded-md border border-slate-200 bg-white px-3",
                              item.files.some((file) => (file.round ?? 1) > 1) ? "py-2" : "py-0.5",
                            )}
                          />
                        </>
                      )}
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** Who did what to the report, oldest first: the thread survives returns and resubmissions. */
export async function InfoThread({ report }: { report: InfoReportView }) {
  const { t, locale } = await getTranslator();
  const actions = ["CREATE", "SUBMIT", "RESUBMIT", "APPROVE", "RETURN"] as const;
  return (
    <InfoSection title={t("infoReports.thread.title")} icon={<History className="size-4 text-slate-400" aria-hidden />}>
      {report.thread.length === 0 ? (
        <p className="text-sm text-slate-400">{t("infoReports.thread.empty")}</p>
      ) : (
        <ol className="space-y-3" data-testid="info-thread">
          {report.thread.map((entry) => {
            const action = actions.find((known) => known === entry.action);
            return (
              <li key={entry.id} data-testid="info-thread-entry" data-action={entry.action} className="border-l-2 border-slate-200 pl-3 text-sm">
                <p className="text-slate-800">
                  <span className="font-medium">{action ? t(`infoReports.thread.actions.${action}`) : entry.action}</span>
                  <span className="ml-2 text-slate-500">{entry.actorName ?? t("infoReports.thread.unknownActor")}</span>
                </p>
                <p className="text-xs text-slate-400">{formatDateTime(new Date(entry.at), locale)}</p>
                {entry.comment && <p className="mt-1 whitespace-pre-line text-slate-700">{entry.comment}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </InfoSection>
  );
}

/** The month's reports by unit: filters and status chips in the URL, a server-paged table. */
export async function InfoList({
  page,
  params,
  units,
}: {
  page: InfoListPage;
  params: InfoListParams;
  units: { value: string; label: string }[];
}) {
  const { t, locale } = await getTranslator();
  const query = { period: page.period, unit: params.unitId ?? undefined, status: params.status ?? undefined };
  const all = Object.values(page.counts).reduce((sum, n) => sum + n, 0);
  const selectClass =
    "block h-9 rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-700 focus:border-brand-500 focus:outline-none";
  const chip = (status: (typeof INFO_LIST_STATUSES)[number] | null, label: string, count: number) => {
    const active = params.status === status;
    return (
      <Link
        key={status ?? "all"}
        href={hrefWith(PATH, { ...query, status: status ?? undefined })}
        aria-current={active ? "page" : undefined}
        data-testid={`info-chip-${status ?? "ALL"}`}
        className={cn(
          "inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-xs font-medium",
          active ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-200 bg-white text-slate-600 hover:bg-slate-50",
        )}
      >
        {label}
        <span className="tabular-nums">{formatNumber(count, locale)}</span>
      </Link>
    );
  };

  return (
    <section className="space-y-3" data-testid="info-list">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold text-slate-900">{t("infoReports.list.title")}</h2>
          <p className="text-sm text-slate-500">
            {t("infoReports.list.subtitle", {
              month: formatMonth(monthOfKey(page.period), locale),
              count: formatNumber(all, locale),
              due: formatDate(dayOfKey(page.dueOn), locale),
            })}
          </p>
        </div>
        <form method="get" action={PATH} role="search" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="period" value={page.period} />
          <div className="space-y-1">
            <label htmlFor="info-filter-unit" className="block text-xs font-medium text-slate-500">
              {t("infoReports.list.unit")}
            </label>
            <select id="info-filter-unit" name="unit" defaultValue={params.unitId ?? ""} className={cn(selectClass, "max-w-56")}>
              <option value="">{t("infoReports.list.all")}</option>
              {units.map((unit) => (
                <option key={unit.value} value={unit.value}>
                  {unit.label}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="info-filter-status" className="block text-xs font-medium text-slate-500">
              {t("infoReports.list.status")}
            </label>
            <select id="info-filter-status" name="status" defaultValue={params.status ?? ""} className={selectClass}>
              <option value="">{t("infoReports.list.all")}</option>
              {INFO_LIST_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`infoReports.status.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" data-testid="info-filter" className="h-9 rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800">
            {t("infoReports.list.filter")}
          </button>
        </form>
      </div>
      <div className="flex flex-wrap gap-2">
        {chip(null, t("infoReports.list.all"), all)}
        {INFO_LIST_STATUSES.map((status) => chip(status, t(`infoReports.status.${status}`), page.counts[status]))}
      </div>
      <TableCard>
        <table className="min-w-full divide-y divide-slate-200">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>
                {t("infoReports.list.unit")}
              </th>
              <th scope="col" className={th}>
                {t("infoReports.list.status")}
              </th>
              <th scope="col" className={cn(th, "text-right")}>
                {t("infoReports.list.pilots")}
              </th>
              <th scope="col" className={cn(th, "text-right")}>
                {t("infoReports.list.innovations")}
              </th>
              <th scope="col" className={cn(th, "text-right")}>
                {t("infoReports.list.publications")}
              </th>
              <th scope="col" className={th}>
                {t("infoReports.list.firstSubmittedAt")}
              </th>
              <th scope="col" className={th}>
                <span className="sr-only">{t("infoReports.list.open")}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.rows.length === 0 ? (
              <EmptyRow colSpan={7} text={t("infoReports.list.empty")} />
            ) : (
              page.rows.map((row) => (
                <tr key={row.unitId} data-testid="info-list-row" data-unit={row.unitName} data-status={row.status} className="hover:bg-slate-50">
                  <td className={cn(td, "font-medium text-slate-900")}>{row.unitName}</td>
                  <td className={td}>
                    <InfoStatusBadge status={row.status} label={t(`infoReports.status.${row.status}`)} />
                  </td>
                  <td className={cn(td, "text-right tabular-nums")}>{row.reportId ? row.pilots : "—"}</td>
                  <td className={cn(td, "text-right tabular-nums")}>{row.reportId ? row.innovations : "—"}</td>
                  <td className={cn(td, "text-right tabular-nums")}>{row.reportId ? row.publications : "—"}</td>
                  <td className={cn(td, "whitespace-nowrap text-slate-500")}>
                    {row.firstSubmittedAt ? formatDateTime(new Date(row.firstSubmittedAt), locale) : "—"}
                  </td>
                  <td className={cn(td, "text-right")}>
                    {row.reportId && (
                      <Link
                        href={`${PATH}/${row.reportId}`}
                        data-testid="info-open"
                        className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline"
                      >
                        <FileText className="size-3.5" aria-hidden />
                        {t("infoReports.list.open")}
                      </Link>
                    )}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </TableCard>
      <Pagination path={PATH} query={query} page={page.page} size={page.size} total={page.total} />
    </section>
  );
}

/** Per unit, the year's items of approved reports: what honours and the assessment bonus count. */
export async function InfoTotals({ year, rows }: { year: number; rows: InfoTotalsRow[] }) {
  const { t } = await getTranslator();
  const sum = (pick: (row: InfoTotalsRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const columns: ((row: InfoTotalsRow) => number)[] = [
    (row) => row.pilotsApproved,
    (row) => row.pilotsAccepted,
    ...INFO_LEVELS.map((level) => (row: InfoTotalsRow) => row.pilotsByLevel[level]),
    (row) => row.innovations,
    (row) => row.publications,
    ...INFO_LEVELS.map((level) => (row: InfoTotalsRow) => row.publicationsByLevel[level]),
  ];
  const num = cn(td, "text-right tabular-nums");
  const group = "border-l border-slate-200";
  const starts = new Set([0, 2 + INFO_LEVELS.length, 3 + INFO_LEVELS.length]);
  return (
    <section className="space-y-3" data-testid="info-totals">
      <div>
        <h2 className="text-lg font-semibold text-slate-900">{t("infoReports.totals.title", { year })}</h2>
        <p className="text-sm text-slate-500">{t("infoReports.totals.hint")}</p>
      </div>
      <TableCard>
        <table className="min-w-full divide-y divide-slate-200">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" rowSpan={2} className={th}>
                {t("infoReports.totals.unit")}
              </th>
              <th scope="colgroup" colSpan={2 + INFO_LEVELS.length} className={cn(th, group, "text-center")}>
                {t("infoReports.totals.pilots")}
              </th>
              <th scope="col" rowSpan={2} className={cn(th, group, "text-right")}>
                {t("infoReports.totals.innovations")}
              </th>
              <th scope="colgroup" colSpan={1 + INFO_LEVELS.length} className={cn(th, group, "text-center")}>
                {t("infoReports.totals.publications")}
              </th>
            </tr>
            <tr>
              <th scope="col" className={cn(th, group, "text-right")}>
                {t("infoReports.totals.pilotsApproved")}
              </th>
              <th scope="col" className={cn(th, "text-right")}>
                {t("infoReports.totals.pilotsAccepted")}
              </th>
              {INFO_LEVELS.map((level) => (
                <th key={`pilot-${level}`} scope="col" className={cn(th, "text-right")}>
                  {t(`infoReports.levels.${level}`)}
                </th>
              ))}
              <th scope="col" className={cn(th, group, "text-right")}>
                {t("infoReports.totals.count")}
              </th>
              {INFO_LEVELS.map((level) => (
                <th key={`publication-${level}`} scope="col" className={cn(th, "text-right")}>
                  {t(`infoReports.levels.${level}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <EmptyRow colSpan={1 + columns.length} text={t("infoReports.totals.empty")} />
            ) : (
              <>
                {rows.map((row) => (
                  <tr key={row.unitId} data-testid="info-totals-row" data-unit={row.unitName}>
                    <td className={cn(td, "font-medium whitespace-nowrap text-slate-900")}>{row.unitName}</td>
                    {columns.map((column, index) => (
                      <td key={index} className={cn(num, starts.has(index) && group)}>
                        {column(row) || <span className="text-slate-300">0</span>}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr className="bg-slate-50 font-semibold" data-testid="info-totals-sum">
                  <td className={cn(td, "text-slate-900")}>{t("infoReports.totals.sum")}</td>
                  {columns.map((column, index) => (
                    <td key={index} className={cn(num, "text-slate-900", starts.has(index) && group)}>
                      {sum(column)}
                    </td>
                  ))}
                </tr>
              </>
            )}
          </tbody>
        </table>
      </TableCard>
    </section>
  );
}

/** The heading line of a report: its unit and month, state and deadline. */
export async function InfoReportHeading({ report, heading }: { report: InfoReportView; heading: "unit" | "detail" }) {
  const { t, locale } = await getTranslator();
  const month = formatMonth(monthOfKey(report.period), locale);
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <h2 className="text-lg font-semibold text-slate-900" data-testid="info-heading">
        {heading === "detail" ? t("infoReports.detail.heading", { unit: report.unit.name, month }) : `${report.unit.name} · ${month}`}
      </h2>
      <InfoReportStatus report={report} />
      <span className="text-sm text-slate-500">{t("infoReports.dueOn", { date: formatDate(dayOfKey(report.dueOn), locale) })}</span>
    </div>
  );
}

/** Submission and review times of a report, for the office's detail page. */
export async function InfoReportDates({ report }: { report: InfoReportView }) {
  const { t, locale } = await getTranslator();
  const rows = [
    ["infoReports.detail.firstSubmittedAt", report.firstSubmittedAt],
    ["infoReports.detail.submittedAt", report.submittedAt],
    ["infoReports.detail.reviewedAt", report.reviewedAt],
  ] as const;
  return (
    <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-3">
      {rows.map(([key, value]) => (
        <div key={key}>
          <dt className="text-xs text-slate-500">{t(key)}</dt>
          <dd className="mt-0.5 text-slate-800">{value ? formatDateTime(new Date(value), locale) : "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
