import { ArrowLeft, FileDown } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EvidenceList } from "@/components/attachments/evidence-list";
import { InstructionSection } from "@/components/instructions/instruction-section";
import { NoticeLevelBadge, NoticeStatusBadge } from "@/components/supervision/badges";
import { AnswerForm, CloseForm, DecideForm } from "@/components/supervision/notice-forms";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { requireSection } from "@/lib/auth/guards";
import { formatDate, formatDateTime } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { instructionsOfNotice } from "@/lib/instructions/queries";
import { NotFoundError } from "@/lib/server/errors";
import { getNotice } from "@/lib/supervision/queries";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("supervision.title") };
}

type ThreadAction = "CREATE" | "ANSWER" | "RESUBMIT" | "ACCEPT" | "RETURN" | "CLOSE" | "ESCALATE";
const THREAD_ACTIONS: readonly string[] = ["CREATE", "ANSWER", "RESUBMIT", "ACCEPT", "RETURN", "CLOSE", "ESCALATE"];

export default async function NoticePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireSection("supervision");
  const { t, locale } = await getTranslator();
  const { id } = await params;
  const notice = await getNotice(actor, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const instructions = await instructionsOfNotice(actor, notice.id);
  const day = (iso: string) => formatDate(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso), locale);
  const lastReturned = [...notice.responses].reverse().find((response) => response.decision === "RETURNED");
  const facts = [
    [t("supervision.detail.task"), `${notice.task.code} ${notice.task.title}`],
    [t("supervision.detail.unit"), notice.unit],
    [t("supervision.detail.issuedAt"), day(notice.issuedAt)],
    [t("supervision.detail.dueDate"), day(notice.responseDueDate)],
    ...(notice.closedAt ? [[t("supervision.detail.closedAt"), day(notice.closedAt)]] : []),
  ];

  return (
    <div className="space-y-5">
      <Link href="/supervision" className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-brand-700">
        <ArrowLeft className="size-4" aria-hidden />
        {t("supervision.back")}
      </Link>

      <Card className="space-y-4 p-5" data-testid="notice-header">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="space-y-1">
            <p className="text-sm text-slate-500" data-testid="notice-number">
              {notice.number}
            </p>
            <h1 className="text-xl font-bold text-slate-900">{t("supervision.docx.title", { task: notice.task.title })}</h1>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <NoticeLevelBadge level={notice.level} label={t(`supervision.levels.${notice.level}`)} />
            <NoticeStatusBadge status={notice.status} label={t(`supervision.statuses.${notice.status}`)} />
            {notice.overdue && <span className="text-xs font-medium text-light-red">{t("supervision.overdue")}</span>}
            {notice.escalatedAt && <span className="text-xs font-medium text-light-red">{t("supervision.escalated")}</span>}
            <a
              href={`/supervision/${notice.id}/docx`}
              data-testid="notice-docx"
              className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50"
            >
              <FileDown className="size-4" aria-hidden />
              {t("supervision.docx.download")}
            </a>
          </div>
        </div>
        <dl className="grid grid-cols-2 gap-4 border-t border-slate-100 pt-4 sm:grid-cols-4">
          {facts.map(([label, value]) => (
            <div key={label} className="space-y-0.5">
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="text-sm font-medium text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
        <div className="space-y-1 border-t border-slate-100 pt-4">
          <h2 className="text-sm font-semibold text-slate-700">{t("supervision.detail.reason")}</h2>
          <p className="text-sm whitespace-pre-line text-slate-800" data-testid="notice-reason">
            {notice.reason}
          </p>
          {notice.lagDescription && (
            <p className="text-sm text-slate-600">
              {t("supervision.detail.lag")}：{notice.lagDescription}
            </p>
          )}
          <Link href={`/tasks/${notice.task.id}`} className="text-sm text-brand-700 hover:underline">
            {t("supervision.openTask")}
          </Link>
        </div>
      </Card>

      <InstructionSection
        data={instructions}
        subjects={[{ type: "NOTICE", id: notice.id, label: notice.number }]}
        taskTitle={`${notice.number} ${notice.task.title}`}
        testId="notice-instructions"
      />

      {notice.canAnswer && (
        <AnswerForm
          id={notice.id}
          version={notice.version}
          returnedComment={lastReturned?.decisionComment ?? null}
          pendingFiles={notice.pendingFiles}
          maxMb={notice.maxMb}
        />
      )}
      {notice.canDecide && <DecideForm id={notice.id} version={notice.version} />}
      {notice.canClose && <CloseForm id={notice.id} version={notice.version} />}

      <Card className="space-y-4 p-5" data-testid="notice-responses">
        <h2 className="font-semibold text-slate-900">{t("supervision.responses.title")}</h2>
        {notice.responses.length === 0 && <p className="text-sm text-slate-500">{t("supervision.responses.none")}</p>}
        {notice.responses.map((response, index) => (
          <section key={response.id} className="space-y-2 rounded-lg border border-slate-200 p-4" data-testid="notice-response">
            <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
              <span className="font-medium text-slate-900">{t("supervision.responses.round", { round: index + 1 })}</span>
              <span className="text-slate-500">
                {response.submittedBy ? `${response.submittedBy} · ` : ""}
                {t("supervision.responses.submittedAt", { date: formatDateTime(new Date(response.submittedAt), locale) })}
              </span>
            </div>
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="text-xs text-slate-500">{t("supervision.answer.causeAnalysis")}</dt>
                <dd className="whitespace-pre-line text-slate-800">{response.causeAnalysis}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{t("supervision.answer.countermeasures")}</dt>
                <dd className="whitespace-pre-line text-slate-800">{response.countermeasures}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{t("supervision.answer.rectifyDeadline")}</dt>
                <dd className="text-slate-800">{day(response.rectifyDeadline)}</dd>
              </div>
              <div data-testid="notice-response-evidence">
                <dt className="text-xs text-slate-500">{t("supervision.responses.files")}</dt>
                <dd>
                  <EvidenceList files={response.files} emptyText={t("supervision.responses.noFiles")} className="mt-0.5" />
                </dd>
              </div>
            </dl>
            <p
              className={cn(
                "text-sm",
                response.decision === "RETURNED"
                  ? "text-light-red"
                  : response.decision === "ACCEPTED"
                    ? "text-light-green"
                    : "text-slate-500",
              )}
            >
              {t(`supervision.responses.decisions.${response.decision ?? "PENDING"}`)}
              {response.decisionComment && ` · ${t("supervision.responses.comment", { comment: response.decisionComment })}`}
            </p>
          </section>
        ))}
      </Card>

      <Card className="space-y-3 p-5" data-testid="notice-thread">
        <h2 className="font-semibold text-slate-900">{t("supervision.thread.title")}</h2>
        <ol className="space-y-2 border-l border-slate-200 pl-4 text-sm">
          {notice.thread.map((event) => (
            <li key={event.id} className="space-y-0.5">
              <div className="flex flex-wrap gap-x-2">
                <span className="font-medium text-slate-900">
                  {THREAD_ACTIONS.includes(event.action) ? t(`supervision.thread.actions.${event.action as ThreadAction}`) : event.action}
                </span>
                <span className="text-slate-500">{event.actor ?? t("supervision.thread.system")}</span>
                <span className="text-slate-400 tabular-nums">{formatDateTime(new Date(event.createdAt), locale)}</span>
              </div>
              {event.comment && <p className="whitespace-pre-line text-slate-700">{event.comment}</p>}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
