// The read-only task page: details, light with reasons, milestones on a timeline, reports, notices,
// close-out requests and the change history. Server components over the TaskDetail DTO.
import { ChangeLines } from "@/components/changes/change-lines";
import { CalendarClock, CheckCircle2, History } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/admin/list-kit";
import { LightBadge, ProgressBar } from "@/components/ledger/light-badge";
import { LightReasonList } from "@/components/ledger/light-reasons";
import { EvidenceList } from "@/components/attachments/evidence-list";
import { ProgressThreadEvents } from "@/components/reports/progress-thread";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatDate, formatDateTime, formatMonth, formatPercent } from "@/lib/i18n/format";
import { readableChangeRecord, readerFor } from "@/lib/audit/readable";
import { getTranslator } from "@/lib/i18n/server";
import { messagesFor, type MessageKey } from "@/lib/i18n/translate";
import type { TaskDetail } from "@/lib/ledger/queries";
import type { CloseOutRequestView } from "@/lib/tasks/types";
import { parseDay, taskHref } from "@/lib/ledger/schemas";

const day = (value: string) => parseDay(value) ?? new Date(value);

export function Section({ title, count, children, testId }: { title: string; count?: number; children: ReactNode; testId?: string }) {
  return (
    <Card className="overflow-hidden" data-testid={testId}>
      <div className="flex items-center justify-between border-b border-slate-100 px-5 py-3">
        <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
        {count !== undefined && <span className="text-xs text-slate-500 tabular-nums">{count}</span>}
      </div>
      <div className="px-5 py-4">{children}</div>
    </Card>
  );
}

function Empty({ text }: { text: string }) {
  return <p className="text-sm text-slate-400">{text}</p>;
}

export async function TaskHeader({ task }: { task: TaskDetail }) {
  const { t, locale } = await getTranslator();
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-mono text-xs text-slate-500">{task.code}</span>
        <LightBadge light={task.light.light} label={t(`ledger.lights.${task.light.light}`)} />
        {task.isKey && <Badge tone="red">{t("ledger.task.fields.isKey")}</Badge>}
        <Badge tone="grey">{t(`ledger.statuses.${task.status as "ACTIVE"}`)}</Badge>
      </div>
      <h2 className="text-xl font-semibold text-slate-900">{task.title}</h2>
      {/* on a phone the light's card comes after the reports: why it is red or yellow, right here */}
      <LightReasonList
        light={task.light.light}
        reasons={task.light.details}
        t={t}
        locale={locale}
        className="lg:hidden"
        testId="task-header-reasons"
      />
    </div>
  );
}

export async function TaskFields({ task }: { task: TaskDetail }) {
  const { t, locale } = await getTranslator();
  const none = t("ledger.task.none");
  const rows: [MessageKey, ReactNode][] = [
    [
      "ledger.task.fields.code",
      <span key="code" className="font-mono text-xs">
        {task.code}
      </span>,
    ],
    ["ledger.task.fields.year", t("ledger.filters.yearValue", { year: task.year })],
    ["ledger.task.fields.group", task.group],
    ["ledger.task.fields.plan", task.planTitle],
    ["ledger.task.fields.workPoint", task.workPoint ? `${task.workPoint.number} ${task.workPoint.title}` : none],
    ["ledger.task.fields.leadUnit", task.leadUnit],
    ["ledger.task.fields.cooperatingUnits", task.cooperatingUnits.length ? task.cooperatingUnits.join("、") : none],
    ["ledger.task.fields.leader", task.leader ? `${task.leader.name}${task.leader.title ? `（${task.leader.title}）` : ""}` : none],
    ["ledger.task.fields.isKey", task.isKey ? t("ledger.task.yes") : t("ledger.task.no")],
    ["ledger.task.fields.source", t(`ledger.sources.${task.source as "SELF"}`)],
    ["ledger.task.fields.pilotLevel", task.pilotLevel ? t(`ledger.levels.${task.pilotLevel as "COUNTY"}`) : none],
    ["ledger.task.fields.startDate", formatDate(day(task.startDate), locale)],
    ["ledger.task.fields.dueDate", formatDate(day(task.dueDate), locale)],
    ["ledger.task.fields.status", t(`ledger.statuses.${task.status as "ACTIVE"}`)],
    ["ledger.task.fields.closedAt", task.closedAt ? formatDateTime(new Date(task.closedAt), locale) : none],
  ];
  return (
    <Section title={t("ledger.task.basics")}>
      <div className="space-y-4">
        <div>
          <h4 className="text-xs font-medium text-slate-500">{t("ledger.task.fields.goal")}</h4>
          <p className="mt-1 text-sm leading-relaxed whitespace-pre-line text-slate-800">{task.goal}</p>
        </div>
        <div>
          <h4 className="text-xs font-medium text-slate-500">{t("ledger.task.fields.outcome")}</h4>
          <p className="mt-1 text-sm text-slate-800">{task.outcome ?? none}</p>
        </div>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 border-t border-slate-100 pt-4 sm:grid-cols-2 lg:grid-cols-3">
          {rows.map(([key, value]) => (
            <div key={key}>
              <dt className="text-xs text-slate-500">{t(key)}</dt>
              <dd className="mt-0.5 text-sm text-slate-800">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </Section>
  );
}

/**
 * Above the task: which day the page is computed for when it is not today (with the way back), and
 * why an `?asOf=` asked for could not be used.
 */
export async function TaskAsOfNotice({ task }: { task: TaskDetail }) {
  const { t, locale } = await getTranslator();
  return (
    <>
      {task.asOfProblem && (
        <p role="alert" data-testid="task-as-of-problem" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t(`ledger.task.asOfProblems.${task.asOfProblem.problem}`, { asked: task.asOfProblem.asked })}
        </p>
      )}
      {task.asOf !== task.today && (
        <p
          data-testid="task-as-of-past"
          className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <CalendarClock className="size-4 shrink-0" aria-hidden />
          <span className="min-w-0 flex-1">{t("ledger.task.asOfPast", { date: formatDate(day(task.asOf), locale) })}</span>
          <Link href={taskHref(task.id)} className="font-medium text-brand-700 hover:underline">
            {t("ledger.backToToday")}
          </Link>
        </p>
      )}
    </>
  );
}

export async function TaskLightCard({ task }: { task: TaskDetail }) {
  const { t, locale } = await getTranslator();
  const { light } = task;
  const percent = (value: number) => formatPercent(value, locale);
  return (
    <Section title={t("ledger.task.lightTitle")} testId="task-light-card">
      <div className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <span data-testid="task-light">
            <LightBadge light={light.light} label={t(`ledger.lights.${light.light}`)} className="px-3 py-1 text-sm" />
          </span>
          <span className="text-xs text-slate-500" data-testid="task-light-as-of">
            {t("ledger.task.lightAsOf", { date: formatDate(day(task.asOf), locale) })}
          </span>
        </div>
        {task.asOfEditable && (
          // a plain GET form: the page is computed for the day picked (empty: today)
          <form method="get" action={taskHref(task.id)} className="flex items-end gap-2" data-testid="task-as-of-form">
            <label className="flex min-w-0 flex-1 flex-col gap-1 text-xs text-slate-500">
              {t("ledger.task.asOfPick")}
              <input
                type="date"
                name="asOf"
                max={task.today}
                defaultValue={task.asOf !== task.today ? task.asOf : ""}
                className="h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-700 focus:border-brand-500 focus:outline-none"
              />
            </label>
            <button
              type="submit"
              className="h-9 shrink-0 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              {t("ledger.task.asOfApply")}
            </button>
          </form>
        )}
        <div className="grid grid-cols-3 gap-2 text-center">
          {(
            [
              ["ledger.task.planned", percent(light.planned)],
              ["ledger.task.actual", percent(light.actual)],
              ["ledger.task.lag", t("ledger.lagPoints", { lag: light.lag })],
            ] as const
          ).map(([key, value]) => (
            <div key={key} className="rounded-lg bg-slate-50 px-2 py-2">
              <div className="text-xs text-slate-500">{t(key)}</div>
              <div className="mt-0.5 text-lg font-semibold text-slate-900 tabular-nums">{value}</div>
            </div>
          ))}
        </div>
        <ProgressBar
          planned={light.planned}
          actual={light.actual}
          light={light.light}
          className="w-full"
          label={t("ledger.progressTitle", { planned: percent(light.planned), actual: percent(light.actual) })}
        />
        {light.details.length > 0 ? (
          <div>
            <h4 className="mb-1.5 text-xs font-medium text-slate-500">{t("ledger.reasonsTitle")}</h4>
            <LightReasonList light={light.light} reasons={light.details} t={t} locale={locale} testId="task-light-reasons" />
          </div>
        ) : (
          light.light === "GREEN" && (
            <p className="flex items-center gap-2 text-sm text-light-green">
              <CheckCircle2 className="size-4" aria-hidden />
              {t("ledger.task.reasonsNone")}
            </p>
          )
        )}
      </div>
    </Section>
  );
}

/** Milestones on a horizontal axis from the start date to the due date, with a today marker. */
export async function MilestoneTimeline({
  task,
  action,
}: {
  task: TaskDetail;
  /** a control per milestone for those who may change it (rendered by the page) */
  action?: (milestone: TaskDetail["milestones"][number]) => ReactNode;
}) {
  const { t, locale } = await getTranslator();
  const start = day(task.startDate).getTime();
  const end = Math.max(day(task.dueDate).getTime(), start + 1);
  const at = (value: string) => Math.max(0, Math.min(100, ((day(value).getTime() - start) / (end - start)) * 100));
  // the marker stands on the day the page is computed for: today, or the past day picked
  const today = day(task.asOf).getTime();
  const todayIn = today >= start && today <= end;
  const stateOf = (milestone: TaskDetail["milestones"][number]) =>
    milestone.completedOn ? (milestone.late ? "doneLate" : "done") : milestone.late ? "late" : "open";
  const STATE = {
    done: { dot: "bg-light-green border-light-green", label: t("ledger.task.milestoneDone"), tone: "green" },
    doneLate: { dot: "bg-amber-500 border-amber-500", label: t("ledger.task.milestoneDoneLate"), tone: "amber" },
    late: { dot: "bg-white border-light-red border-2", label: t("ledger.task.milestoneLate"), tone: "red" },
    open: { dot: "bg-white border-slate-400 border-2", label: t("ledger.task.milestoneOpen"), tone: "grey" },
  } as const;

  return (
    <Section title={t("ledger.task.milestones")} count={task.milestones.length}>
      {task.milestones.length === 0 && <Empty text={t("ledger.task.noMilestones")} />}
      <div className="px-2 pt-8 pb-6">
        <div className="relative h-1.5 rounded-full bg-slate-200">
          <div
            className="absolute inset-y-0 left-0 rounded-full bg-brand-200"
            style={{ width: `${todayIn ? at(task.asOf) : today > end ? 100 : 0}%` }}
          />
          {task.milestones.map((milestone) => {
            const state = STATE[stateOf(milestone)];
            return (
              <span
                key={milestone.id}
                title={`${milestone.title} · ${formatDate(day(milestone.plannedDate), locale)} · ${formatPercent(milestone.plannedPercent, locale)}`}
                className={cn("absolute top-1/2 size-3.5 -translate-x-1/2 -translate-y-1/2 rounded-full border", state.dot)}
                style={{ left: `${at(milestone.plannedDate)}%` }}
              />
            );
          })}
          {todayIn && (
            <span className="absolute -top-6 -bottom-3 w-px bg-brand-700" style={{ left: `${at(task.asOf)}%` }}>
              <span className="absolute -top-1 left-1/2 -translate-x-1/2 rounded bg-brand-700 px-1.5 py-0.5 text-[10px] whitespace-nowrap text-white">
                {task.asOf === task.today ? t("ledger.task.todayMarker") : t("ledger.task.asOfMarker")}
              </span>
            </span>
          )}
        </div>
        <div className="mt-2 flex justify-between text-xs text-slate-500">
          <span>{formatDate(day(task.startDate), locale)}</span>
          <span>{formatDate(day(task.dueDate), locale)}</span>
        </div>
      </div>
      {task.milestones.length > 0 && (
        <ol className="divide-y divide-slate-100 border-t border-slate-100">
          {task.milestones.map((milestone, index) => {
            const state = STATE[stateOf(milestone)];
            return (
              <li key={milestone.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2.5 text-sm">
                <span className="w-5 text-xs text-slate-400 tabular-nums">{index + 1}</span>
                <span className="min-w-40 flex-1 text-slate-800">{milestone.title}</span>
                <span className="text-slate-500 tabular-nums">{formatDate(day(milestone.plannedDate), locale)}</span>
                <span className="w-12 text-right font-medium text-slate-900 tabular-nums">
                  {formatPercent(milestone.plannedPercent, locale)}
                </span>
                {action?.(milestone)}
                <span className="w-36 text-right">
                  <Badge tone={state.tone}>{state.label}</Badge>
                  {milestone.completedOn && (
                    <span className="block text-xs text-slate-500">
                      {t("ledger.task.completedOn", { date: formatDate(day(milestone.completedOn), locale) })}
                    </span>
                  )}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}

const REPORT_TONES = { DRAFT: "grey", SUBMITTED: "blue", APPROVED: "green", RETURNED: "red" } as const;

export async function ReportList({ task }: { task: TaskDetail }) {
  const { t, locale } = await getTranslator();
  return (
    <Section title={t("ledger.task.reports")} count={task.reports.length}>
      {task.reports.length === 0 && <Empty text={t("ledger.task.noReports")} />}
      <ol className="space-y-4">
        {task.reports.map((report) => (
          <li key={report.id} className="rounded-lg border border-slate-200 p-4">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-semibold text-slate-900">{formatMonth(day(report.period), locale)}</span>
              <Badge tone={REPORT_TONES[report.status as keyof typeof REPORT_TONES] ?? "grey"}>
                {t(`ledger.task.reportStatuses.${report.status as "SUBMITTED"}`)}
              </Badge>
              <span className="text-xs text-slate-500">
                {report.unit} · {t(`ledger.task.reportKinds.${report.kind as "LEAD"}`)}
              </span>
              {report.percent !== null && (
                <span className="ml-auto text-sm font-medium text-slate-900">
                  {t("ledger.task.cumulative", { percent: formatPercent(report.percent, locale) })}
                </span>
              )}
            </div>
            <dl className="mt-3 grid gap-3 text-sm md:grid-cols-3">
              {(
                [
                  ["ledger.task.progress", report.progress],
                  ["ledger.task.problems", report.problems],
                  ["ledger.task.nextSteps", report.nextSteps],
                ] as const
              ).map(([key, value]) => (
                <div key={key}>
                  <dt className="text-xs text-slate-500">{t(key)}</dt>
                  <dd className="mt-0.5 leading-relaxed whitespace-pre-line text-slate-800">{value || t("ledger.task.none")}</dd>
                </div>
              ))}
            </dl>
            {report.reviewComment && (
              <p className="mt-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
                <span className="text-xs text-slate-500">{t("ledger.task.reviewComment")}：</span>
                {report.reviewComment}
              </p>
            )}
            <ProgressThreadEvents events={report.events} dropReason={report.percentDropReason} />
          </li>
        ))}
      </ol>
    </Section>
  );
}

const NOTICE_TONES = { ISSUED: "amber", ANSWERED: "blue", RETURNED: "red", RECTIFYING: "amber", CLOSED: "green" } as const;
const CLOSEOUT_TONES = { PENDING: "blue", APPROVED: "green", RETURNED: "red", WITHDRAWN: "grey" } as const;

export async function NoticeList({ task }: { task: TaskDetail }) {
  const { t, locale } = await getTranslator();
  return (
    <Section title={t("ledger.task.notices")} count={task.notices.length}>
      {task.notices.length === 0 && <Empty text={t("ledger.task.noNotices")} />}
      <ul className="space-y-3">
        {task.notices.map((notice) => (
          <li key={notice.id} className="space-y-1.5 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-slate-900">{notice.number}</span>
              <Badge tone={notice.level === "GENERAL" ? "grey" : "red"}>{t(`ledger.task.noticeLevels.${notice.level as "KEY"}`)}</Badge>
              <Badge tone={NOTICE_TONES[notice.status as keyof typeof NOTICE_TONES] ?? "grey"}>
                {t(`ledger.task.noticeStatuses.${notice.status as "ISSUED"}`)}
              </Badge>
            </div>
            <p className="text-slate-700">{notice.reason}</p>
            <p className="flex flex-wrap gap-x-3 text-xs text-slate-500">
              <span>{t("ledger.task.issuedAt", { date: formatDate(new Date(notice.issuedAt), locale) })}</span>
              <span>{t("ledger.task.responseDue", { date: formatDate(day(notice.responseDueDate), locale) })}</span>
            </p>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** Every close-out application of the task with its summary, explanation, evidence files and decision. */
export async function CloseOutList({ requests }: { requests: CloseOutRequestView[] }) {
  const { t, locale } = await getTranslator();
  return (
    <Section title={t("ledger.task.closeOuts")} count={requests.length}>
      {requests.length === 0 && <Empty text={t("ledger.task.noCloseOuts")} />}
      <ul className="divide-y divide-slate-100" data-testid="closeout-list">
        {requests.map((request) => (
          <li key={request.id} className="space-y-2 py-3 text-sm first:pt-0 last:pb-0">
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={CLOSEOUT_TONES[request.status as keyof typeof CLOSEOUT_TONES] ?? "grey"}>
                {t(`ledger.task.closeOutStatuses.${request.status as "PENDING"}`)}
              </Badge>
              <span className="text-xs text-slate-500">
                {t("ledger.task.appliedAt", { unit: request.unit, date: formatDate(new Date(request.appliedAt), locale) })}
              </span>
            </div>
            <p className="whitespace-pre-line text-slate-700">{request.summary}</p>
            {request.explanation && (
              <p className="rounded-md bg-amber-50 px-2.5 py-1.5 text-xs whitespace-pre-line text-slate-700">
                <span className="text-slate-500">{t("closeOut.explanation")}：</span>
                {request.explanation}
              </p>
            )}
            <EvidenceList files={request.evidence} />
            {request.decidedAt && (
              <p className="text-xs text-slate-500">
                {t("ledger.task.decidedAt", { date: formatDate(new Date(request.decidedAt), locale) })}
                {request.decisionComment && ` · ${request.decisionComment}`}
              </p>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

export async function ChangeHistory({ task }: { task: TaskDetail }) {
  const { t, locale } = await getTranslator();
  const reader = readerFor(locale, messagesFor(locale), task.historyNames);
  return (
    <Section title={t("ledger.task.history")} count={task.history.length}>
      {task.history.length === 0 && <Empty text={t("ledger.task.noHistory")} />}
      <ol className="space-y-4" data-testid="task-history">
        {task.history.map((record) => {
          const shown = readableChangeRecord(reader, record, "ReformTask");
          return (
            <li key={record.id} className="flex gap-3 text-sm">
              <History className="mt-0.5 size-4 shrink-0 text-slate-400" aria-hidden />
              <div className="min-w-0 flex-1 space-y-1">
                <p className="text-xs text-slate-500">
                  {formatDateTime(new Date(record.at), locale)} · {t("ledger.task.changedBy", { name: shown.actor })}
                </p>
                <ChangeLines changes={shown.changes} none={t("ledger.task.none")} />
                {shown.reason && <p className="text-xs text-slate-500">{t("ledger.task.reason", { reason: shown.reason })}</p>}
              </div>
            </li>
          );
        })}
      </ol>
    </Section>
  );
}
