// The task page's 计划调整 section: every request on the task, newest first — what it changes
// (old → new), why, its files, who decided what and when the new baseline took effect — with the
// actions the reader may take. A server component over TaskChanges (lib/changes/queries.ts).
import { FilePenLine } from "lucide-react";
import { Badge } from "@/components/admin/list-kit";
import { EvidenceList } from "@/components/attachments/evidence-list";
import { Card } from "@/components/ui/card";
import { readableChanges, readerFor } from "@/lib/audit/readable";
import type { TaskChanges } from "@/lib/changes/queries";
import type { ChangeStatus } from "@/lib/changes/schemas";
import { formatDate, formatDateTime } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { messagesFor } from "@/lib/i18n/translate";
import { ChangeLines } from "./change-lines";
import { DecideChange, WithdrawChange } from "./change-actions";

export const CHANGE_TONES: Record<ChangeStatus, "green" | "grey" | "red" | "amber" | "blue"> = {
  PENDING: "amber",
  LEADER_PENDING: "amber",
  APPROVED: "green",
  REJECTED: "red",
  WITHDRAWN: "grey",
};

export async function TaskChangesSection({ changes, action }: { changes: TaskChanges; action?: React.ReactNode }) {
  const { t, locale } = await getTranslator();
  const reader = readerFor(locale, messagesFor(locale));
  if (!changes.controlled && changes.items.length === 0) return null;
  return (
    <Card className="overflow-hidden" id="changes" data-testid="task-changes">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-5 py-3">
        <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-900">
          <FilePenLine className="size-4 text-slate-400" aria-hidden />
          {t("changes.title")}
          {changes.approvedCount > 0 && (
            <span className="rounded bg-sky-600/10 px-1.5 text-[11px] font-medium text-sky-700" data-testid="adjusted-count">
              {t("changes.adjustedTimes", { count: changes.approvedCount })}
            </span>
          )}
        </h3>
        {action}
      </div>
      <div className="space-y-4 px-5 py-4">
        {changes.items.length === 0 && <p className="text-sm text-slate-500">{t("changes.none")}</p>}
        <ol className="space-y-4">
          {changes.items.map((item) => (
            <li key={item.id} className="space-y-2 border-l-2 border-slate-200 pl-3 text-sm" data-testid="change-item">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={CHANGE_TONES[item.status]}>{t(`changes.statuses.${item.status}`)}</Badge>
                <span className="text-xs text-slate-500">
                  {t("changes.requestedBy", { name: item.requestedByName, date: formatDateTime(new Date(item.createdAt), locale) })}
                </span>
              </div>
              <ChangeLines
                changes={readableChanges(reader, item.changes, "ChangeRequest")}
                none={t("ledger.task.none")}
                testId="change-lines"
              />
              <p className="text-slate-600">
                <span className="text-slate-500">{t("changes.reason")}：</span>
                {item.reason}
              </p>
              {item.files.length > 0 && <EvidenceList files={item.files} />}
              {item.decidedAt && item.status !== "WITHDRAWN" && (
                <p className="text-xs text-slate-500">
                  {t("changes.decidedBy", { name: item.decidedByName ?? "—", date: formatDateTime(new Date(item.decidedAt), locale) })}
                  {item.decisionComment ? ` · ${item.decisionComment}` : ""}
                </p>
              )}
              {item.status === "APPROVED" && item.decidedAt && (
                <p className="text-xs font-medium text-sky-700" data-testid="change-effective">
                  {t("changes.effectiveFrom", { date: formatDate(new Date(item.decidedAt), locale) })}
                </p>
              )}
              {item.status === "LEADER_PENDING" && <p className="text-xs text-amber-700">{t("changes.waitingLeader")}</p>}
              {item.canDecide && <DecideChange request={item} mode="decide" />}
              {item.canEndorse && <DecideChange request={item} mode="endorse" />}
              {item.canWithdraw && <WithdrawChange request={item} />}
            </li>
          ))}
        </ol>
      </div>
    </Card>
  );
}
