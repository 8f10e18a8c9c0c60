// 改革办工作台: the office's cards (review queue, missing reports, new warnings, milestones,
// notices, close-outs), its committee's lights and the warning thresholds it may tune.
import { InstructionCardRow } from "@/components/instructions/pending-card";
import { LightBadge } from "@/components/ledger/light-badge";
import { Card } from "@/components/ui/card";
import type { OfficeWorkbench as Data } from "@/lib/dashboard/workbench-types";
import { formatDate, formatMonth, formatNumber, formatPercent } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { lightReasonsText } from "@/lib/tasks/reason-text";
import { LightCounts } from "./light-counts";
import { SignalSettingsList, SignalsCard } from "@/components/signals/signal-summary";
import { ThresholdsDialog } from "./thresholds-dialog";
import { WorkbenchCard, WorkbenchRow } from "./workbench-card";

const day = (value: string) => new Date(`${value.slice(0, 10)}T00:00:00Z`);

export async function OfficeWorkbench({ data }: { data: Data }) {
  const { t, locale } = await getTranslator();
  const n = (value: number) => formatNumber(value, locale);
  const date = (value: string) => formatDate(day(value), locale);
  const instant = (value: string | null) => (value ? formatDate(new Date(value), locale) : "—");
  const common = { viewAll: t("workbench.viewAll"), empty: t("workbench.empty") };
  const { awaitingReview, missing, turnedLights, milestonesDue, noticesAwaiting, closeOutsPending, thresholds, instructionsOverdue } = data;

  return (
    <section className="space-y-4" data-testid="workbench-office" aria-labelledby="workbench-office-title">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="workbench-office-title" className="text-lg font-semibold text-slate-900">
          {t("workbench.officeTitle")}
        </h2>
        <p className="text-xs text-slate-500">{t("workbench.asOf", { date: date(data.today) })}</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        <WorkbenchCard
          id="review"
          title={t("workbench.cards.review")}
          count={awaitingReview.total}
          countText={n(awaitingReview.total)}
          tone="brand"
          href={awaitingReview.href}
          summary={t("workbench.review.byKind", {
            progress: n(awaitingReview.byKind.PROGRESS),
            info: n(awaitingReview.byKind.INFO),
            quarterly: n(awaitingReview.byKind.QUARTERLY),
          })}
          {...common}
        >
          {awaitingReview.rows.map((row) => (
            <WorkbenchRow
              key={`${row.kind}-${row.id}`}
              testId="workbench-review-row"
              href={row.href}
              title={row.title}
              meta={[t(`workbench.review.kinds.${row.kind}`), row.unitName, row.period].filter(Boolean).join(" · ")}
              aside={<span className="text-slate-500">{t("workbench.review.submittedAt", { date: instant(row.submittedAt) })}</span>}
            />
          ))}
        </WorkbenchCard>

        <WorkbenchCard
          id="missing"
          title={t("workbench.cards.missing")}
          count={missing.total}
          countText={n(missing.total)}
          tone="red"
          href={missing.href}
          summary={t("workbench.missing.summary", {
            period: formatMonth(day(`${missing.period}-01`), locale),
            due: date(missing.dueOn),
            units: n(missing.units),
          })}
          {...common}
        >
          {missing.rows.map((row) => (
            <WorkbenchRow
              key={row.id}
              testId="workbench-missing-row"
              href={row.href}
              title={row.name}
              aside={<span className="font-medium text-light-red">{t("workbench.missing.count", { n: n(row.missing) })}</span>}
            />
          ))}
        </WorkbenchCard>

        <WorkbenchCard
          id="turned"
          title={t("workbench.cards.turned")}
          count={turnedLights.total}
          countText={n(turnedLights.total)}
          tone={turnedLights.red > 0 ? "red" : "yellow"}
          href={turnedLights.href}
          summary={t("workbench.turned.summary", { date: date(data.weekAgo), red: n(turnedLights.red), yellow: n(turnedLights.yellow) })}
          {...common}
        >
          {turnedLights.rows.map((row) => (
            <WorkbenchRow
              key={row.taskId}
              testId="workbench-turned-row"
              href={row.href}
              title={`${row.code} ${row.title}`}
              meta={
                <span title={lightReasonsText(row.reasons, t, locale)}>
                  {t("workbench.turned.from", { light: t(`ledger.lights.${row.previousLight}`) })}
                  {row.reasons.length > 0 && ` · ${lightReasonsText(row.reasons, t, locale)}`}
                </span>
              }
              aside={<LightBadge light={row.light} label={t(`ledger.lights.${row.light}`)} />}
            />
          ))}
        </WorkbenchCard>

        <WorkbenchCard
          id="milestones"
          title={t("workbench.cards.milestones", { days: milestonesDue.days })}
          count={milestonesDue.total}
          countText={n(milestonesDue.total)}
          tone="yellow"
          href={milestonesDue.href}
          {...common}
        >
          {milestonesDue.rows.map((row) => (
            <WorkbenchRow
              key={row.id}
              testId="workbench-milestone-row"
              href={row.href}
              title={row.title}
              meta={`${row.code} ${row.taskTitle} · ${row.unitName}`}
              aside={
                <>
                  <div className="font-medium text-slate-700">{t("workbench.milestones.due", { date: date(row.plannedDate) })}</div>
                  <div className="text-slate-500">
                    {t("workbench.milestones.planned", { percent: formatPercent(row.plannedPercent, locale) })}
                  </div>
                </>
              }
            />
          ))}
        </WorkbenchCard>

        <WorkbenchCard
          id="notices"
          title={t("workbench.cards.notices")}
          count={noticesAwaiting.total}
          countText={n(noticesAwaiting.total)}
          tone="red"
          href={noticesAwaiting.href}
          summary={noticesAwaiting.overdue > 0 ? t("workbench.notices.overdue", { n: n(noticesAwaiting.overdue) }) : undefined}
          {...common}
        >
          {noticesAwaiting.rows.map((row) => (
            <WorkbenchRow
              key={row.id}
              testId="workbench-notice-row"
              href={row.href}
              title={row.number}
              meta={`${row.code} ${row.taskTitle} · ${row.unitName}`}
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
          id="closeouts"
          title={t("workbench.cards.closeOuts")}
          count={closeOutsPending.total}
          countText={n(closeOutsPending.total)}
          tone="brand"
          href={closeOutsPending.href}
          {...common}
        >
          {closeOutsPending.rows.map((row) => (
            <WorkbenchRow
              key={row.id}
              testId="workbench-closeout-row"
              href={row.href}
              title={`${row.code} ${row.title}`}
              meta={row.unitName}
              aside={<span className="text-slate-500">{t("workbench.closeOuts.appliedAt", { date: instant(row.appliedAt) })}</span>}
            />
          ))}
        </WorkbenchCard>

        {instructionsOverdue && (
          <WorkbenchCard
            id="instructions-overdue"
            title={t("instructions.cards.overdueTitle")}
            count={instructionsOverdue.total}
            countText={n(instructionsOverdue.total)}
            tone="red"
            href={instructionsOverdue.href}
            summary={instructionsOverdue.total > 0 ? t("instructions.cards.overdueSummary") : undefined}
            className="sm:col-span-2 xl:col-span-3"
            {...common}
          >
            {instructionsOverdue.rows.map((row) => (
              <InstructionCardRow key={row.id} row={row} />
            ))}
          </WorkbenchCard>
        )}
        {data.signals ? <SignalsCard counts={data.signals} t={t} locale={locale} /> : null}

        <Card className="p-5 sm:col-span-2" data-testid="workbench-card-lights">
          <section aria-labelledby="workbench-lights-title" className="space-y-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 id="workbench-lights-title" className="text-sm font-semibold text-slate-700">
                {t("workbench.cards.lights")}
              </h3>
              <span className="text-xs text-slate-500" data-testid="workbench-count-lights">
                {t("workbench.lights.total", { year: data.today.slice(0, 4), n: n(data.lights.total) })}
              </span>
            </div>
            <LightCounts lights={data.lights} t={t} locale={locale} testId="workbench-lights" />
          </section>
        </Card>

        <Card className="p-5" data-testid="workbench-card-thresholds">
          <section aria-labelledby="workbench-thresholds-title" className="flex h-full flex-col gap-3">
            <h3 id="workbench-thresholds-title" className="text-sm font-semibold text-slate-700">
              {t("workbench.cards.thresholds")}
            </h3>
            <p className="text-xs text-slate-600">{t("workbench.thresholds.summary")}</p>
            <dl className="space-y-1.5 text-sm" data-testid="workbench-thresholds">
              <div className="flex justify-between gap-3">
                <dt className="text-slate-600">{t("workbench.thresholds.yellowLagPoints")}</dt>
                <dd className="font-medium text-slate-900" data-testid="workbench-threshold-yellow">
                  {t("workbench.thresholds.points", { n: thresholds.yellowLagPoints })}
                </dd>
              </div>
              <div className="flex justify-between gap-3">
                <dt className="text-slate-600">{t("workbench.thresholds.redLagPoints")}</dt>
                <dd className="font-medium text-slate-900" data-testid="workbench-threshold-red">
                  {t("workbench.thresholds.points", { n: thresholds.redLagPoints })}
                </dd>
              </div>
              <div className="flex justify-between gap-3">
                <dt className="text-slate-600">{t("workbench.thresholds.milestoneRedDays")}</dt>
                <dd className="font-medium text-slate-900" data-testid="workbench-threshold-milestone">
                  {t("workbench.thresholds.days", { n: thresholds.milestoneRedDays })}
                </dd>
              </div>
              <SignalSettingsList values={thresholds} t={t} locale={locale} />
            </dl>
            {thresholds.editable ? (
              <ThresholdsDialog
                values={{
                  yellowLagPoints: thresholds.yellowLagPoints,
                  redLagPoints: thresholds.redLagPoints,
                  milestoneRedDays: thresholds.milestoneRedDays,
                  signalCopySimilarity: thresholds.signalCopySimilarity,
                  signalFrozenMonths: thresholds.signalFrozenMonths,
                  signalCloseOutFloor: thresholds.signalCloseOutFloor,
                  version: thresholds.version,
                }}
              />
            ) : null}
          </section>
        </Card>
      </div>
    </section>
  );
}
