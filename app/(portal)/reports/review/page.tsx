import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyRow, Pagination, TableCard, td, th } from "@/components/admin/list-kit";
import { inputClass, ProgressBadge, STATE_TONES } from "@/components/reports/progress-badge";
import { InstructionStatusBadge } from "@/components/instructions/badges";
import { ProgressReviewDialog } from "@/components/reports/progress-review-dialog";
import { cn } from "@/components/ui/cn";
import { requireSection } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { formatDateTime, formatMonth, formatPercent } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { instructionsOfReports } from "@/lib/instructions/queries";
import { parseReviewFilters, REVIEW_PAGE_SIZES, reviewQueue } from "@/lib/reports/progress-queries";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("reportsNav.review") };
}

const PATH = "/reports/review";
const month = (key: string) => new Date(`${key}-01T00:00:00Z`);

function Select({
  name,
  label,
  value,
  options,
  all,
}: {
  name: string;
  label: string;
  value: string | null;
  options: { value: string; label: string }[];
  all?: string;
}) {
  const id = `review-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-500">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className={cn(inputClass, "w-auto min-w-32 pr-8")} data-testid={id}>
        {all !== undefined && <option value="">{all}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** 进展审核: the office's queue of monthly reports and contributions, filtered and paged on the server. */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSection("reports");
  if (!can(actor, "report:review")) notFound();
  const { t, locale } = await getTranslator();
  const filters = parseReviewFilters(await searchParams);
  const queue = await reviewQueue(actor, filters);
  // the leaders' instructions on the reports of this page (领导批示), shown under their task
  const instructions = await instructionsOfReports(
    actor,
    queue.rows.map((row) => row.id),
  );
  const all = t("reports.review.filters.all");
  const query = {
    period: filters.period,
    groupId: filters.groupId,
    unitId: filters.unitId,
    kind: filters.kind,
    status: filters.status === "SUBMITTED" ? null : filters.status,
  };

  return (
    <div className="space-y-4">
      <form method="get" action={PATH} className="flex flex-wrap items-end gap-3" data-testid="review-filters">
        <Select
          name="period"
          label={t("reports.review.filters.period")}
          value={filters.period}
          all={all}
          options={queue.options.periods.map((key) => ({ value: key, label: formatMonth(month(key), locale) }))}
        />
        <Select name="groupId" label={t("reports.review.filters.group")} value={filters.groupId} all={all} options={queue.options.groups} />
        <Select name="unitId" label={t("reports.review.filters.unit")} value={filters.unitId} all={all} options={queue.options.units} />
        <Select
          name="kind"
          label={t("reports.review.filters.kind")}
          value={filters.kind}
          all={all}
          options={(["LEAD", "CONTRIBUTION"] as const).map((kind) => ({ value: kind, label: t(`reports.kinds.${kind}`) }))}
        />
        <Select
          name="status"
          label={t("reports.review.filters.status")}
          value={filters.status}
          options={(["SUBMITTED", "APPROVED", "RETURNED"] as const).map((status) => ({ value: status, label: t(`reports.states.${status}`) }))}
        />
        <Select
          name="size"
          label={t("admin.common.pageSize")}
          value={String(filters.size)}
          options={REVIEW_PAGE_SIZES.map((size) => ({ value: String(size), label: String(size) }))}
        />
        <button type="submit" className="h-9 rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800">
          {t("reports.review.filters.apply")}
        </button>
        <Link href={PATH} className="h-9 rounded-md px-3 py-2 text-sm text-slate-600 hover:bg-slate-100">
          {t("reports.review.filters.reset")}
        </Link>
      </form>

      <TableCard>
        <table className="min-w-full divide-y divide-slate-200" data-testid="review-table">
          <thead className="bg-slate-50">
            <tr>
              <th className={th}>{t("reports.review.columns.task")}</th>
              <th className={th}>{t("reports.review.columns.unit")}</th>
              <th className={th}>{t("reports.review.columns.period")}</th>
              <th className={th}>{t("reports.review.columns.kind")}</th>
              <th className={cn(th, "text-right")}>{t("reports.review.columns.percent")}</th>
              <th className={th}>{t("reports.review.columns.submittedAt")}</th>
              <th className={th}>{t("reports.review.columns.status")}</th>
              {/* relative: the hidden label stays inside the scrolling table on a phone */}
              <th className={cn(th, "relative")}>
                <span className="sr-only">{t("reports.review.columns.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {queue.rows.length === 0 && (
              <EmptyRow colSpan={8} text={filters.status === "SUBMITTED" ? t("reports.review.emptySubmitted") : t("reports.review.empty")} />
            )}
            {queue.rows.map((row) => (
              <tr key={row.id} data-testid="review-row" data-task-code={row.taskCode} data-kind={row.kind}>
                <td className={td}>
                  <span className="block font-mono text-xs text-slate-500">{row.taskCode}</span>
                  <Link href={`/tasks/${row.taskId}`} className="text-slate-900 hover:text-brand-700 hover:underline">
                    {row.taskTitle}
                  </Link>
                  <span className="block text-xs text-slate-500">{row.groupName}</span>
                  {(instructions.get(row.id) ?? []).map((instruction) => (
                    <Link
                      key={instruction.id}
                      href={instruction.href}
                      data-testid="review-instruction"
                      className="mt-1.5 flex max-w-md items-start gap-1.5 rounded-md bg-red-50/60 px-2 py-1 text-xs text-slate-700 hover:bg-red-50"
                    >
                      <InstructionStatusBadge
                        status={instruction.status}
                        overdue={instruction.overdue}
                        label={instruction.overdue ? t("instructions.overdue") : t(`instructions.statuses.${instruction.status}`)}
                      />
                      <span className="line-clamp-2">
                        {t("instructions.reviewLine", { leader: instruction.leader.name, content: instruction.content })}
                      </span>
                    </Link>
                  ))}
                </td>
                <td className={td}>{row.unitName}</td>
                <td className={cn(td, "whitespace-nowrap")}>{formatMonth(month(row.period), locale)}</td>
                <td className={td}>
                  <ProgressBadge tone={row.kind === "LEAD" ? "blue" : "grey"}>{t(`reports.kinds.${row.kind}`)}</ProgressBadge>
                </td>
                <td className={cn(td, "text-right whitespace-nowrap tabular-nums")}>
                  {row.percent === null ? "—" : formatPercent(row.percent, locale)}
                  {row.previousPercent !== null && row.percent !== null && row.percent < row.previousPercent && (
                    <span className="block text-xs text-light-red">
                      {t("reports.review.previousPercent", { percent: formatPercent(row.previousPercent, locale) })}
                    </span>
                  )}
                </td>
                <td className={cn(td, "whitespace-nowrap")}>
                  {row.submittedAt ? formatDateTime(new Date(row.submittedAt), locale) : "—"}
                  <span className="mt-1 flex gap-1">
                    {row.late && <ProgressBadge tone="red">{t("reports.review.late")}</ProgressBadge>}
                    {row.resubmitted && <ProgressBadge tone="amber">{t("reports.review.resubmitted")}</ProgressBadge>}
                  </span>
                </td>
                <td className={td}>
                  <ProgressBadge tone={STATE_TONES[row.status]}>{t(`reports.states.${row.status}`)}</ProgressBadge>
                </td>
                <td className={cn(td, "text-right")}>
                  <ProgressReviewDialog row={row} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableCard>
      <Pagination path={PATH} query={query} page={filters.page} size={filters.size} total={queue.total} />
    </div>
  );
}
