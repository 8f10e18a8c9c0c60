import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge, TimelinessBadge } from "@/components/reports/quarterly-badges";
import { QuarterlyEditor } from "@/components/reports/quarterly-editor";
import { QuarterlyEvidence } from "@/components/reports/quarterly-evidence";
import { QuarterlyReview } from "@/components/reports/quarterly-review";
import { Card } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/guards";
import { formatDate, formatDateTime } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { getQuarterly } from "@/lib/reports/quarterly-queries";
import { NotFoundError } from "@/lib/server/errors";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("quarterly.title") };
}

type ThreadAction = "CREATE" | "SUBMIT" | "RESUBMIT" | "APPROVE" | "RETURN";

export default async function QuarterlyReportPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireSection("reports");
  const { t, locale } = await getTranslator();
  const { id } = await params;
  const report = await getQuarterly(actor, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });

  const facts = [
    [t("quarterly.facts.kind"), t(`quarterly.kinds.${report.kind}`)],
    [t("quarterly.facts.author"), report.authorUnit ?? "—"],
    [t("quarterly.facts.due"), formatDate(new Date(`${report.dueOn}T00:00:00Z`), locale)],
    [t("quarterly.facts.firstSubmittedAt"), report.firstSubmittedAt ? formatDateTime(new Date(report.firstSubmittedAt), locale) : "—"],
  ] as const;

  return (
    <div className="space-y-5">
      <Link
        href={`/reports/quarterly?quarter=${report.quarterKey}`}
        className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-brand-700"
        data-testid="quarterly-back"
      >
        <ArrowLeft className="size-4" aria-hidden />
        {t("quarterly.back")}
      </Link>

      <Card className="space-y-4 p-5" data-testid="quarterly-header">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="space-y-1">
            <p className="text-sm text-slate-500">
              {report.subjectName}
              {report.code && <span className="ml-2 font-mono text-xs">{report.code}</span>}
            </p>
            <h2 className="text-xl font-bold text-slate-900" data-testid="quarterly-heading">
              {report.title}
            </h2>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={report.status} label={t(`quarterly.statuses.${report.status}`)} />
            <TimelinessBadge timeliness={report.timeliness} label={t(`quarterly.timeliness.${report.timeliness}`)} />
          </div>
        </div>
        <dl className="grid grid-cols-2 gap-4 border-t border-slate-100 pt-4 sm:grid-cols-4">
          {facts.map(([label, value]) => (
            <div key={label} className="space-y-0.5">
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="text-sm font-medium text-slate-900 tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
        {report.status === "RETURNED" && report.reviewComment && (
          <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-light-yellow" data-testid="quarterly-returned">
            {t("quarterly.returnedNote", { comment: report.reviewComment })}
          </p>
        )}
        {report.status === "SUBMITTED" && !report.canReview && (
          <p role="note" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700">
            {t("quarterly.submittedNote")}
          </p>
        )}
        {report.status === "APPROVED" && (
          <p role="note" className="rounded-md bg-green-50 px-3 py-2 text-sm text-light-green">
            {t("quarterly.approvedNote")}
            {report.reviewComment ? ` ${report.reviewComment}` : ""}
          </p>
        )}
        {report.canReview && <QuarterlyReview id={report.id} version={report.version} />}
      </Card>

      <Card className="p-5">
        {report.canEdit ? (
          <QuarterlyEditor
            report={{
              id: report.id,
              version: report.version,
              status: report.status,
              title: report.title,
              body: report.body,
              problems: report.problems,
              nextSteps: report.nextSteps,
            }}
            evidence={{ files: report.files, pendingRound: report.pendingRound, maxMb: report.maxMb }}
          />
        ) : (
          <article className="space-y-4 text-sm leading-7 text-slate-800" data-testid="quarterly-text">
            <p className="whitespace-pre-wrap">{report.body}</p>
            {report.problems && (
              <section className="space-y-1">
                <h3 className="font-semibold text-slate-900">{t("quarterly.fields.problems")}</h3>
                <p className="whitespace-pre-wrap">{report.problems}</p>
              </section>
            )}
            {report.nextSteps && (
              <section className="space-y-1">
                <h3 className="font-semibold text-slate-900">{t("quarterly.fields.nextSteps")}</h3>
                <p className="whitespace-pre-wrap">{report.nextSteps}</p>
              </section>
            )}
            <div className="border-t border-slate-100 pt-4 leading-normal">
              <QuarterlyEvidence
                key={report.files.map((file) => file.id).join()}
                reportId={report.id}
                initial={report.files}
                pendingRound={report.pendingRound}
                editable={false}
                maxMb={report.maxMb}
              />
            </div>
          </article>
        )}
      </Card>

      <Card className="space-y-3 p-5" data-testid="quarterly-thread">
        <h3 className="text-sm font-semibold text-slate-900">{t("quarterly.thread.title")}</h3>
        {report.thread.length === 0 ? (
          <p className="text-sm text-slate-500">{t("quarterly.thread.empty")}</p>
        ) : (
          <ol className="space-y-2">
            {report.thread.map((entry) => (
              <li key={entry.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
                <time dateTime={entry.at} className="text-xs whitespace-nowrap text-slate-500 tabular-nums">
                  {formatDateTime(new Date(entry.at), locale)}
                </time>
                <span className="font-medium text-slate-900">{entry.actorName ?? t("quarterly.thread.unknownActor")}</span>
                <span className="text-slate-700">
                  {t(`quarterly.thread.actions.${entry.action as ThreadAction}`)}
                </span>
                {entry.comment && <span className="text-slate-600">“{entry.comment}”</span>}
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
