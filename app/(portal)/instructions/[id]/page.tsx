import { ArrowLeft, MessageSquareQuote } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { EvidenceList } from "@/components/attachments/evidence-list";
import { InstructionStatusBadge } from "@/components/instructions/badges";
import { AnswerInstructionForm, DecideInstructionForm } from "@/components/instructions/instruction-forms";
import { DueLine, subjectText } from "@/components/instructions/instruction-item";
import { Card } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/guards";
import { formatDate, formatDateTime } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { getInstruction } from "@/lib/instructions/queries";
import { defaultAnswerDueDate } from "@/lib/instructions/rules";
import { now } from "@/lib/server/clock";
import { NotFoundError } from "@/lib/server/errors";
import { dayOf } from "@/lib/tasks/rules";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("instructions.title") };
}

const THREAD_ACTIONS = ["CREATE", "ANSWER", "REOPEN", "CLOSE", "ESCALATE"] as const;
type ThreadAction = (typeof THREAD_ACTIONS)[number];
const isThreadAction = (action: string): action is ThreadAction => (THREAD_ACTIONS as readonly string[]).includes(action);

export default async function InstructionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireSection("instructions");
  const { t, locale } = await getTranslator();
  const { id } = await params;
  const instruction = await getInstruction(actor, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const subject = await subjectText(instruction);
  const leader = instruction.leader.title ? `${instruction.leader.name}（${instruction.leader.title}）` : instruction.leader.name;
  const reask = instruction.round > 1 ? [...instruction.thread].reverse().find((event) => event.action === "REOPEN") : undefined;
  const today = dayOf(now());
  const facts: [string, ReactNode][] = [
    [t("instructions.leader"), leader],
    [t("instructions.unit"), instruction.unit.name],
    [t("instructions.fields.answerDueDate"), <DueLine key="due" row={instruction} withLabel={false} className="whitespace-normal" />],
    [
      t("instructions.fields.createdAt"),
      instruction.recordedBy
        ? `${formatDate(new Date(instruction.createdAt), locale)}（${t("instructions.recordedBy", { name: instruction.recordedBy })}）`
        : formatDate(new Date(instruction.createdAt), locale),
    ],
  ];

  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <Link href="/instructions" className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-brand-700">
        <ArrowLeft className="size-4" aria-hidden />
        {t("instructions.back")}
      </Link>

      <Card className="space-y-4 p-5 sm:p-6" data-testid="instruction-header">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="flex min-w-0 items-start gap-3">
            <span className="mt-0.5 rounded-lg bg-red-50 p-2 text-accent-600">
              <MessageSquareQuote className="size-5" aria-hidden />
            </span>
            <div className="min-w-0 space-y-1">
              <h1 className="text-xl font-bold text-slate-900">{t("instructions.leaderSays", { leader: instruction.leader.name })}</h1>
              <p className="text-sm text-slate-600">
                <Link href={`/tasks/${instruction.task.id}`} className="hover:text-brand-700 hover:underline">
                  <span className="mr-1 tabular-nums text-slate-500">{instruction.task.code}</span>
                  {instruction.task.title}
                </Link>
                {subject && (
                  <>
                    {" · "}
                    <Link href={instruction.subject.href} className="hover:text-brand-700 hover:underline">
                      {t("instructions.section.subjectLabel", { subject })}
                    </Link>
                  </>
                )}
              </p>
            </div>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            {instruction.round > 1 && (
              <span className="text-xs text-slate-500">{t("instructions.round", { round: instruction.round })}</span>
            )}
            <InstructionStatusBadge
              status={instruction.status}
              overdue={instruction.overdue}
              label={instruction.overdue ? t("instructions.overdue") : t(`instructions.statuses.${instruction.status}`)}
            />
          </div>
        </div>
        <blockquote
          className="border-l-4 border-accent-600 bg-red-50/40 px-4 py-3 text-base leading-relaxed whitespace-pre-line text-slate-900"
          data-testid="instruction-content"
        >
          {instruction.content}
        </blockquote>
        <dl className="grid grid-cols-2 gap-4 border-t border-slate-100 pt-4 sm:grid-cols-4">
          {facts.map(([label, value]) => (
            <div key={label} className="space-y-0.5">
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="text-sm font-medium text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>

      {instruction.canAnswer && (
        <AnswerInstructionForm
          id={instruction.id}
          version={instruction.version}
          reaskComment={reask?.comment ?? null}
          pendingFiles={instruction.pendingFiles}
          maxMb={instruction.maxMb}
        />
      )}
      {instruction.canDecide && (
        <DecideInstructionForm
          id={instruction.id}
          version={instruction.version}
          defaultDueDate={defaultAnswerDueDate(today).toISOString().slice(0, 10)}
          today={today.toISOString().slice(0, 10)}
        />
      )}

      <Card className="space-y-4 p-5" data-testid="instruction-answers">
        <h2 className="font-semibold text-slate-900">{t("instructions.answers.title")}</h2>
        {instruction.answers.length === 0 && <p className="text-sm text-slate-500">{t("instructions.answers.none")}</p>}
        {instruction.answers.map((answer) => (
          <section key={answer.id} className="space-y-2 rounded-lg border border-slate-200 p-4" data-testid="instruction-answer">
            <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
              <span className="font-medium text-slate-900">{t("instructions.answers.round", { round: answer.round })}</span>
              <span className="text-slate-500">
                {answer.submittedBy ? `${answer.submittedBy} · ` : ""}
                {t("instructions.answers.submittedAt", { date: formatDateTime(new Date(answer.submittedAt), locale) })}
              </span>
            </div>
            <p className="text-sm whitespace-pre-line text-slate-800">{answer.content}</p>
            <div>
              <p className="text-xs text-slate-500">{t("instructions.answers.files")}</p>
              {answer.files.length ? (
                <EvidenceList files={answer.files} className="mt-0.5" />
              ) : (
                <p className="text-xs text-slate-500">{t("instructions.answers.noFiles")}</p>
              )}
            </div>
          </section>
        ))}
      </Card>

      <Card className="space-y-3 p-5" data-testid="instruction-thread">
        <h2 className="font-semibold text-slate-900">{t("instructions.thread.title")}</h2>
        <ol className="space-y-2 border-l border-slate-200 pl-4 text-sm">
          {instruction.thread.map((event) => (
            <li key={event.id} className="space-y-0.5">
              <div className="flex flex-wrap gap-x-2">
                <span className="font-medium text-slate-900">
                  {isThreadAction(event.action) ? t(`instructions.thread.actions.${event.action}`) : t("instructions.thread.system")}
                </span>
                <span className="text-slate-500">{event.actor ?? t("instructions.thread.system")}</span>
                <span className="text-slate-500 tabular-nums">{formatDateTime(new Date(event.createdAt), locale)}</span>
              </div>
              {event.comment && <p className="whitespace-pre-line text-slate-700">{event.comment}</p>}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
