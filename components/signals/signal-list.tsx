// 形式主义预警: the office's list — filters (kind, state) in the URL, one readable row per signal
// (task, unit, month, what was found), a link to where the record is reviewed, and the dismissal.
// Server component; the dismissal dialog is the only client part.
import Link from "next/link";
import { Badge, EmptyRow, Pagination, TableCard, td, th } from "@/components/admin/list-kit";
import { inputClass } from "@/components/reports/progress-badge";
import { cn } from "@/components/ui/cn";
import { formatDateTime, formatMonth, formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { SIGNAL_KINDS } from "@/lib/signals/rules";
import { SIGNAL_PAGE_SIZES, SIGNAL_STATES, SIGNALS_PATH, signalQuery, type SignalListParams } from "@/lib/signals/schemas";
import type { SignalPage } from "@/lib/signals/types";
import { DismissSignalDialog } from "./dismiss-dialog";
import { dismissalText, findingText } from "./finding";

const KIND_TONES = { COPIED_REPORT: "amber", FROZEN_PERCENT: "red", LOW_CLOSEOUT: "red", REUSED_FILE: "blue" } as const;

export async function SignalList({ page, params }: { page: SignalPage; params: SignalListParams }) {
  const { t, locale } = await getTranslator();
  const month = (key: string | null) => (key ? formatMonth(new Date(`${key}-01T00:00:00+08:00`), locale) : "—");
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <p className="text-sm text-slate-600">{t("signals.subtitle")}</p>
        <p className="text-xs text-slate-500" data-testid="signals-refreshed">
          {page.refreshedAt
            ? t("signals.refreshedAt", { time: formatDateTime(new Date(page.refreshedAt), locale) })
            : t("signals.notYetRefreshed")}
        </p>
      </div>

      <ul className="flex flex-wrap gap-2" aria-label={t("signals.filters.kind")} data-testid="signals-kinds">
        {SIGNAL_KINDS.map((kind) => (
          <li key={kind}>
            <Link
              href={`${SIGNALS_PATH}?${new URLSearchParams(signalQuery(params, { kind: params.kind === kind ? null : kind, page: 1 }))}`}
              aria-pressed={params.kind === kind}
              title={t(`signals.kindHints.${kind}`)}
              className={cn(
                "inline-flex items-center gap-2 rounded-full border px-3 py-1 text-sm",
                params.kind === kind
                  ? "border-brand-700 bg-brand-700 text-white"
                  : "border-slate-200 bg-white text-slate-700 hover:bg-slate-50",
              )}
              data-testid={`signals-kind-${kind}`}
            >
              {t(`signals.kinds.${kind}`)}
              <span className="rounded-full bg-slate-900/5 px-1.5 text-xs font-semibold tabular-nums">
                {formatNumber(page.openByKind[kind], locale)}
              </span>
            </Link>
          </li>
        ))}
      </ul>

      <form
        method="get"
        action={SIGNALS_PATH}
        className="flex flex-wrap items-end gap-3"
        data-testid="signals-filters"
        aria-label={t("signals.filters.legend")}
      >
        {params.taskId && <input type="hidden" name="task" value={params.taskId} />}
        <div className="space-y-1">
          <label htmlFor="signals-kind" className="block text-xs font-medium text-slate-500">
            {t("signals.filters.kind")}
          </label>
          <select id="signals-kind" name="kind" defaultValue={params.kind ?? ""} className={cn(inputClass, "w-auto min-w-32 pr-8")}>
            <option value="">{t("signals.filters.allKinds")}</option>
            {SIGNAL_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`signals.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="signals-state" className="block text-xs font-medium text-slate-500">
            {t("signals.filters.state")}
          </label>
          <select id="signals-state" name="state" defaultValue={params.state} className={cn(inputClass, "w-auto min-w-28 pr-8")}>
            {SIGNAL_STATES.map((state) => (
              <option key={state} value={state}>
                {t(`signals.states.${state}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="signals-size" className="block text-xs font-medium text-slate-500">
            {t("admin.common.pageSize")}
          </label>
          <select id="signals-size" name="size" defaultValue={String(params.size)} className={cn(inputClass, "w-auto min-w-20 pr-8")}>
            {SIGNAL_PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="h-9 rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800">
          {t("signals.filters.apply")}
        </button>
        <Link href={SIGNALS_PATH} className="h-9 rounded-md px-3 py-2 text-sm text-slate-600 hover:bg-slate-100">
          {t("signals.filters.reset")}
        </Link>
      </form>

      <TableCard>
        <table className="min-w-full divide-y divide-slate-200" data-testid="signals-table">
          <thead className="bg-slate-50">
            <tr>
              <th className={th}>{t("signals.columns.kind")}</th>
              <th className={th}>{t("signals.columns.task")}</th>
              <th className={th}>{t("signals.columns.unit")}</th>
              <th className={th}>{t("signals.columns.period")}</th>
              <th className={th}>{t("signals.columns.finding")}</th>
              <th className={th}>{t("signals.columns.state")}</th>
              <th className={th}>
                <span className="sr-only">{t("signals.columns.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.rows.length === 0 && <EmptyRow colSpan={7} text={t("signals.empty")} />}
            {page.rows.map((signal) => {
              const finding = findingText(signal, t, locale);
              return (
                <tr
                  key={signal.id}
                  data-testid="signal-row"
                  data-kind={signal.kind}
                  data-task-code={signal.task.code}
                  data-signal-id={signal.id}
                >
                  <td className={td}>
                    <Badge tone={KIND_TONES[signal.kind]}>{t(`signals.kinds.${signal.kind}`)}</Badge>
                  </td>
                  <td className={td}>
                    <span className="block font-mono text-xs text-slate-500">{signal.task.code}</span>
                    <Link href={`/tasks/${signal.task.id}`} className="text-slate-900 hover:text-brand-700 hover:underline">
                      {signal.task.title}
                    </Link>
                  </td>
                  <td className={td}>{signal.unit?.name ?? "—"}</td>
                  <td className={cn(td, "whitespace-nowrap")}>{month(signal.period)}</td>
                  <td className={cn(td, "max-w-md")} data-testid="signal-finding">
                    {finding}
                  </td>
                  <td className={td}>
                    {signal.dismissed ? (
                      <>
                        <Badge tone="grey">{t("signals.states.dismissed")}</Badge>
                        <span className="mt-1 block max-w-xs text-xs text-slate-500" data-testid="signal-dismissal">
                          {dismissalText(signal, t, locale)}
                        </span>
                      </>
                    ) : (
                      <Badge tone="amber">{t("signals.states.open")}</Badge>
                    )}
                  </td>
                  <td className={cn(td, "text-right whitespace-nowrap")}>
                    <div className="flex justify-end gap-2">
                      <Link
                        href={signal.href}
                        className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-xs font-medium text-slate-800 hover:bg-slate-50"
                        data-testid="signal-open"
                      >
                        {signal.href.startsWith("/reports/review") ? t("signals.actions.review") : t("signals.actions.task")}
                      </Link>
                      {page.canDismiss && !signal.dismissed && (
                        <DismissSignalDialog
                          signal={{ id: signal.id, version: signal.version }}
                          summary={`${t(`signals.kinds.${signal.kind}`)} · ${signal.task.code} ${signal.task.title}：${finding}`}
                        />
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableCard>
      <Pagination
        path={SIGNALS_PATH}
        query={{ kind: params.kind, state: params.state === "open" ? null : params.state, task: params.taskId }}
        page={params.page}
        size={params.size}
        total={page.total}
      />
    </div>
  );
}
