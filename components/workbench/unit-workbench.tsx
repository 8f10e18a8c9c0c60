// 单位工作台: a reporter's unit — its lead tasks and their lights, the reports it owes this period,
// what the office sent back, the notices to answer and the deadlines of the next weeks.
import { InstructionCardRow } from "@/components/instructions/pending-card";
import { LightBadge } from "@/components/ledger/light-badge";
import type { UnitWorkbench as Data } from "@/lib/dashboard/workbench-types";
import { formatDate, formatMonth, formatNumber, formatPercent } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { LightCounts } from "./light-counts";
import { WorkbenchCard, WorkbenchRow } from "./workbench-card";

const day = (value: string) => new Date(`${value.slice(0, 10)}T00:00:00Z`);

export async function UnitWorkbench({ data }: { data: Data }) {
  const { t, locale } = await getTranslator();
  const n = (value: number) => formatNumber(value, locale);
  const date = (value: string) => formatDate(day(value), locale);
  const month = (key: string) => formatMonth(day(`${key}-01`), locale);
  const period = (key: string) => (/^\d{4}-\d{2}$/.test(key) ? month(key) : key);
  const common = { viewAll: t("workbench.viewAll"), empty: t("workbench.empty") };
  const { lights, tasks, owed, returned, notices, deadlines, instructions } = data;

  return (
    <section className="space-y-4" data-testid="workbench-unit" aria-labelledby="workbench-unit-title">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="workbench-unit-title" className="text-lg font-semibold text-slate-900">
          {t("workbench.unitTitle", { unit: data.unit.name })}
        </h2>
        <p className="text-xs text-slate-500">{t("workbench.asOf", { date: date(data.today) })}</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        <WorkbenchCard
          id="tasks"
          title={t("workbench.cards.tasks")}
          count={tasks.total}
          countText={n(tasks.total)}
          tone={tasks.red > 0 ? "red" : "yellow"}
          href={tasks.href}
          summary={t("workbench.tasks.summary", {
            year: data.today.slice(0, 4),
            led: n(tasks.led),
            red: n(tasks.red),
            yellow: n(tasks.yellow),
          })}
          className="sm:col-span-2"
          {...common}
          footer={<LightCounts lights={lights} t={t} locale={locale} testId="workbench-unit-lights" />}
        >
          {tasks.rows.map((row) => (
            <WorkbenchRow
              key={row.id}
              testId="workbench-task-row"
              href={row.href}
              title={`${row.code} ${row.title}`}
              meta={`${formatPercent(row.actual, locale)} / ${formatPercent(row.planned, locale)} · ${date(row.dueDate)}`}
              aside={<LightBadge light={row.light} label={t(`ledger.lights.${row.light}`)} />}
            />
          ))}
        </WorkbenchCard>

        {instructions && (
          <WorkbenchCard
            id="instructions"
            title={t("instructions.cards.unit")}
            count={instructions.total}
            countText={n(instructions.total)}
            tone="red"
            href={instructions.href}
            summary={instructions.overdue > 0 ? t("instructions.cards.unitSummary", { overdue: n(instructions.overdue) }) : undefined}
            {...common}
          >
            {instructions.rows.map((row) => (
              <InstructionCardRow key={row.id} row={row} showUnit={false} />
            ))}
          </WorkbenchCard>
        )}

        <WorkbenchCard
          id="owed"
          title={t("workbench.cards.owed")}
          count={owed.total}
          countText={n(owed.total)}
          tone={owed.daysLeft < 0 ? "red" : "brand"}
          href={owed.href}
          summary={
            <>
              {t("workbench.owed.summary", {
                period: month(owed.period),
                due: date(owed.dueOn),
                submitted: n(owed.submitted),
                expected: n(owed.expected),
              })}
              {owed.total > 0 ? (
                <span className={owed.daysLeft < 0 ? "ml-1 font-medium text-light-red" : "ml-1 font-medium text-slate-700"}>
                  {owed.daysLeft < 0 ? t("workbench.owed.overdue") : t("workbench.owed.daysLeft", { days: n(owed.daysLeft) })}
                </span>
              ) : null}
            </>
          }
          {...common}
        >
          {owed.rows.map((row) => (
            <WorkbenchRow
              key={row.taskId}
              testId="workbench-owed-row"
              href={row.href}
              title={`${row.code} ${row.title}`}
              aside={
                <span className={row.state === "RETURNED" ? "font-medium text-light-red" : "text-slate-600"}>
                  {t(`workbench.owed.states.${row.state}`)}
                </span>
              }
            />
          ))}
        </WorkbenchCard>

        <WorkbenchCard
          id="returned"
          title={t("workbench.cards.returned")}
          count={returned.total}
          countText={n(returned.total)}
          tone="red"
          href={returned.href}
          {...common}
        >
          {returned.rows.map((row) => (
            <WorkbenchRow
              key={`${row.kind}-${row.id}`}
              testId="workbench-returned-row"
              href={row.href}
              title={row.kind === "INFO" ? period(row.period) : row.title}
              meta={[t(`workbench.returned.kinds.${row.kind}`), period(row.period), row.comment].filter(Boolean).join(" · ")}
            />
          ))}
        </WorkbenchCard>

        <WorkbenchCard
          id="notices"
          title={t("workbench.cards.unitNotices")}
          count={notices.total}
          countText={n(notices.total)}
          tone="red"
          href={notices.href}
          summary={notices.overdue > 0 ? t("workbench.notices.overdue", { n: n(notices.overdue) }) : undefined}
          {...common}
        >
          {notices.rows.map((row) => (
            <WorkbenchRow
              key={row.id}
              testId="workbench-notice-row"
              href={row.href}
              title={row.number}
              meta={`${row.code} ${row.taskTitle}`}
              aside={
                <>
                  <div className={row.overdue ? "font-medium text-light-red" : "text-slate-700"}>
                    {row.overdue ? t("workbench.notices.overdueTag") : t(`workbench.notices.statuses.${row.status}`)}
                  </div>
                  <div className="text-slate-500">{t("workbench.notices.due", { date: date(row.responseDueDate) })}</div>
                </>
              }
            />
          ))}
        </WorkbenchCard>

        <WorkbenchCard
          id="deadlines"
          title={t("workbench.cards.deadlines", { days: deadlines.days })}
          count={deadlines.total}
          countText={n(deadlines.total)}
          tone="yellow"
          href={deadlines.href}
          className={instructions ? "sm:col-span-2 xl:col-span-3" : undefined}
          {...common}
        >
          {deadlines.rows.map((row) => (
            <WorkbenchRow
              key={row.id}
              testId="workbench-deadline-row"
              href={row.href}
              title={row.kind === "REPORT" ? t("workbench.deadlines.report", { period: month(row.title) }) : row.title}
              meta={row.code ?? undefined}
              aside={
                <>
                  <div className="font-medium text-slate-700">{date(row.date)}</div>
                  <div className="text-slate-500">
                    {row.daysLeft === 0 ? t("workbench.deadlines.today") : t("workbench.deadlines.inDays", { n: n(row.daysLeft) })}
                  </div>
                </>
              }
            />
          ))}
        </WorkbenchCard>
      </div>
    </section>
  );
}
