// One instruction in a record's 批示 section or a list: who instructed (and who recorded it for
// them), on what, the text, the unit that answers by when, the latest answer. Server component.
import { ArrowRight, MessageSquareQuote } from "lucide-react";
import Link from "next/link";
import { EvidenceList } from "@/components/attachments/evidence-list";
import { cn } from "@/components/ui/cn";
import { formatDate, formatMonth, formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import type { InstructionRow } from "@/lib/instructions/types";
import { InstructionStatusBadge } from "./badges";

const day = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);

/** "办理时限 2026年11月30日 · 还剩 7 天" in words, red once overdue. */
export async function DueLine({ row, className, withLabel = true }: { row: InstructionRow; className?: string; withLabel?: boolean }) {
  const { t, locale } = await getTranslator();
  const n = (value: number) => formatNumber(value, locale);
  const left =
    row.status !== "OPEN"
      ? null
      : row.overdue
        ? t("instructions.overdueDays", { days: n(-row.daysLeft) })
        : row.daysLeft === 0
          ? t("instructions.dueToday")
          : t("instructions.daysLeft", { days: n(row.daysLeft) });
  return (
    <span className={cn("whitespace-nowrap", row.overdue ? "font-medium text-light-red" : "text-slate-600", className)}>
      {withLabel ? t("instructions.due", { date: formatDate(day(row.answerDueDate), locale) }) : formatDate(day(row.answerDueDate), locale)}
      {left ? ` · ${left}` : ""}
    </span>
  );
}

/** 批示于 2026年10月进展 / 督办单 青改督〔2026〕7号 (nothing for the task itself, unless asked). */
export async function subjectText(row: InstructionRow): Promise<string | null> {
  const { t, locale } = await getTranslator();
  if (row.subject.type === "REPORT") return t("instructions.onReport", { month: formatMonth(day(`${row.subject.label}-01`), locale) });
  if (row.subject.type === "NOTICE") return t("instructions.onNotice", { number: row.subject.label });
  return null;
}

export async function InstructionItem({ row, showTask = false }: { row: InstructionRow; showTask?: boolean }) {
  const { t, locale } = await getTranslator();
  const subject = await subjectText(row);
  const leader = row.leader.title ? `${row.leader.name}（${row.leader.title}）` : row.leader.name;
  return (
    <article
      className={cn("space-y-2.5 rounded-lg border p-4", row.overdue ? "border-red-200 bg-red-50/40" : "border-slate-200 bg-white")}
      data-testid="instruction-item"
      data-instruction-id={row.id}
    >
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 items-start gap-2">
          <MessageSquareQuote className="mt-0.5 size-4 shrink-0 text-accent-600" aria-hidden />
          <div className="min-w-0 text-sm">
            <p className="font-semibold text-slate-900">{t("instructions.leaderSays", { leader })}</p>
            <p className="text-xs text-slate-500">
              {t("instructions.writtenAt", { date: formatDate(new Date(row.createdAt), locale) })}
              {row.recordedBy ? ` · ${t("instructions.recordedBy", { name: row.recordedBy })}` : ""}
              {row.round > 1 ? ` · ${t("instructions.round", { round: row.round })}` : ""}
            </p>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <InstructionStatusBadge
            status={row.status}
            overdue={row.overdue}
            label={row.overdue ? t("instructions.overdue") : t(`instructions.statuses.${row.status}`)}
          />
        </div>
      </header>
      {(showTask || subject) && (
        <p className="text-xs text-slate-600">
          {showTask && (
            <Link href={`/tasks/${row.task.id}`} className="font-medium text-slate-800 hover:text-brand-700 hover:underline">
              <span className="mr-1 tabular-nums text-slate-500">{row.task.code}</span>
              {row.task.title}
            </Link>
          )}
          {showTask && subject ? " · " : ""}
          {subject && (
            <Link href={row.subject.href} className="hover:text-brand-700 hover:underline">
              {t("instructions.section.subjectLabel", { subject })}
            </Link>
          )}
        </p>
      )}
      <p className="text-sm leading-relaxed whitespace-pre-line text-slate-900" data-testid="instruction-content">
        {row.content}
      </p>
      <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs">
        <span className="text-slate-600">
          {t("instructions.unit")}：<span className="font-medium text-slate-800">{row.unit.name}</span>
        </span>
        <DueLine row={row} />
      </p>
      {row.latestAnswer && (
        <div
          className="space-y-1.5 rounded-md border-l-4 border-amber-400 bg-amber-50/60 px-3 py-2"
          data-testid="instruction-latest-answer"
        >
          <p className="text-xs text-slate-600">
            <span className="font-medium text-slate-800">{t("instructions.answers.round", { round: row.latestAnswer.round })}</span>
            {" · "}
            {row.latestAnswer.submittedBy ? `${row.latestAnswer.submittedBy} · ` : ""}
            {t("instructions.answers.submittedAt", { date: formatDate(new Date(row.latestAnswer.submittedAt), locale) })}
          </p>
          <p className="text-sm whitespace-pre-line text-slate-800">{row.latestAnswer.content}</p>
          {row.latestAnswer.files.length > 0 && <EvidenceList files={row.latestAnswer.files} className="mt-1" />}
        </div>
      )}
      <Link
        href={row.href}
        className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:text-brand-800"
        data-testid="instruction-open"
      >
        {t("instructions.open")}
        <ArrowRight className="size-4" aria-hidden />
      </Link>
    </article>
  );
}
