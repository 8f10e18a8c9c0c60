"use client";

// The review dialog's 形式主义预警: a report's signals, loaded when the dialog opens — for a copy, the
// two reports side by side with the differences marked — and the office's dismissal with a reason.
// Nothing shows for readers who may not see signals, or when there are none.
import { AlertTriangle } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { formatMonth } from "@/lib/i18n/format";
import { useI18n } from "@/lib/i18n/client";
import { reportSignalsAction } from "@/lib/signals/actions";
import type { ReportSignals } from "@/lib/signals/types";
import { DismissSignalDialog } from "./dismiss-dialog";
import { dismissalText, findingText, similarityText } from "./finding";
import { TextDiff } from "./text-diff";

export function ReportSignalPanel({ reportId, version }: { reportId: string; version: number }) {
  const { t, locale } = useI18n();
  const [data, setData] = useState<ReportSignals | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((value) => value + 1), []);

  useEffect(() => {
    let live = true;
    void reportSignalsAction(reportId).then((result) => {
      if (!live) return;
      if (result.ok) setData(result.data);
      else setError(result.message);
    });
    return () => {
      live = false;
    };
  }, [reportId, version, round]);

  if (error)
    return (
      <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
        {error}
      </p>
    );
  if (!data || data.signals.length === 0) return null;
  const month = (key: string) => formatMonth(new Date(`${key}-01T00:00:00+08:00`), locale);

  return (
    <section
      className="mt-4 space-y-3 rounded-lg border border-amber-200 bg-amber-50/50 p-4"
      data-testid="review-signals"
      aria-labelledby={`signals-${reportId}`}
    >
      <h3 id={`signals-${reportId}`} className="flex items-center gap-2 text-sm font-semibold text-amber-900">
        <AlertTriangle className="size-4" aria-hidden />
        {t("signals.review.title")}
      </h3>
      {data.signals.map((signal) => {
        const finding = findingText(signal, t, locale);
        return (
          <article
            key={signal.id}
            className="space-y-2 rounded-md bg-white p-3 ring-1 ring-amber-100"
            data-testid="review-signal"
            data-kind={signal.kind}
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <p className="text-sm text-slate-800">
                <span className="mr-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
                  {t(`signals.kinds.${signal.kind}`)}
                </span>
                {finding}
              </p>
              {signal.dismissed ? (
                <span className="text-xs text-slate-500" data-testid="review-signal-dismissed">
                  {dismissalText(signal, t, locale)}
                </span>
              ) : (
                data.canDismiss && (
                  <DismissSignalDialog
                    signal={{ id: signal.id, version: signal.version }}
                    summary={`${t(`signals.kinds.${signal.kind}`)} · ${signal.task.code}：${finding}`}
                    onDismissed={reload}
                  />
                )
              )}
            </div>
            {signal.texts && (
              <div className="space-y-1">
                <p className="text-xs font-medium text-slate-600">
                  {t("signals.compare.title")} · {t("signals.compare.similarity", { similarity: similarityText(signal.value, locale) })}
                </p>
                <TextDiff
                  before={signal.texts.previous.progress}
                  after={signal.texts.current.progress}
                  beforeLabel={t("signals.compare.previous", { month: month(signal.texts.previous.period) })}
                  afterLabel={t("signals.compare.current", { month: month(signal.texts.current.period) })}
                />
              </div>
            )}
          </article>
        );
      })}
    </section>
  );
}
