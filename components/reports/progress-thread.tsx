// A report's workflow steps as a thread on the task page: who submitted, returned (with the
// comment), resubmitted or approved it, and when. A server component over plain data.
import { CheckCircle2, CornerDownLeft, Send, type LucideIcon } from "lucide-react";
import { EvidenceList } from "@/components/attachments/evidence-list";
import { cn } from "@/components/ui/cn";
import { readableThreadEvent, readerFor } from "@/lib/audit/readable";
import { formatDateTime } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { messagesFor } from "@/lib/i18n/translate";
import type { ThreadEvent, WorkflowStep } from "@/lib/reports/types";

const STEP_STYLES: Partial<Record<WorkflowStep, { icon: LucideIcon; tone: string }>> = {
  SUBMIT: { icon: Send, tone: "text-brand-700" },
  RESUBMIT: { icon: Send, tone: "text-brand-700" },
  RETURN: { icon: CornerDownLeft, tone: "text-light-red" },
  APPROVE: { icon: CheckCircle2, tone: "text-light-green" },
};

export async function ProgressThreadEvents({ events, dropReason }: { events: ThreadEvent[]; dropReason?: string | null }) {
  const { t, locale } = await getTranslator();
  const reader = readerFor(locale, messagesFor(locale));
  return (
    <div className="mt-3 space-y-2">
      {dropReason && <p className="text-xs text-amber-800">{t("reports.thread.dropReason", { reason: dropReason })}</p>}
      {events.length > 0 && (
        <ol className="space-y-1.5 border-l-2 border-slate-100 pl-3" aria-label={t("reports.thread.title")} data-testid="report-thread">
          {events.map((event) => {
            const style = STEP_STYLES[event.action];
            const Icon = style?.icon ?? Send;
            const shown = readableThreadEvent(reader, event);
            return (
              <li key={event.id} className="text-xs text-slate-600" data-action={event.action}>
                <span className="inline-flex items-center gap-1">
                  <Icon className={cn("size-3.5", style?.tone ?? "text-slate-400")} aria-hidden />
                  <span className="font-medium text-slate-800">{shown.action}</span>
                </span>
                <span className="ml-2 text-slate-500">
                  {shown.actor} · {formatDateTime(new Date(event.at), locale)}
                </span>
                                {shown.comment && <p className="mt-0.5 ml-4.5 whitespace-pre-line text-slate-700">{shown.comment}</p>}
                {event.files && event.files.length > 0 && (
                  <div className="mt-1 ml-4.5" aria-label={t("attachments.title")}>
                    <EvidenceList files={event.files} testId="thread-evidence" />
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
