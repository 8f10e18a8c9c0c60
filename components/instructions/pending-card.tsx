// 待落实批示 (the cockpit, a leader's home page) and the workbenches' instruction cards: how many,
// how many answered awaiting confirmation or overdue, and the first few, most urgent first. Server component.
import { ArrowRight, MessageSquareQuote } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import type { InstructionCard, InstructionRow } from "@/lib/instructions/types";
import { InstructionStatusBadge } from "./badges";
import { DueLine } from "./instruction-item";

/** One instruction as a workbench card's row: the text on its own lines, whose and on what, its state and date. */
export async function InstructionCardRow({ row, showUnit = true }: { row: InstructionRow; showUnit?: boolean }) {
  const { t } = await getTranslator();
  const meta = [
    t("instructions.leaderSays", { leader: row.leader.name }),
    `${row.task.code} ${row.task.title}`,
    showUnit ? row.unit.name : null,
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    <li className="min-w-0 space-y-1 py-2.5" data-testid="instruction-card-row" data-instruction-id={row.id}>
      <div className="flex items-start justify-between gap-2">
        <Link href={row.href} className="line-clamp-2 font-medium text-slate-800 hover:text-brand-700 hover:underline">
          {row.content}
        </Link>
        <InstructionStatusBadge
          status={row.status}
          overdue={row.overdue}
          label={row.overdue ? t("instructions.overdue") : t(`instructions.statuses.${row.status}`)}
          testId="instruction-card-status"
        />
      </div>
      <p className="truncate text-xs text-slate-500">{meta}</p>
      <DueLine row={row} className="block text-xs" />
    </li>
  );
}

/** The cockpit's and a leader's home page's 待落实批示: a card of its own, answers shown under each row. */
export async function PendingInstructionsCard({ card, testId = "pending-instructions" }: { card: InstructionCard; testId?: string }) {
  const { t, locale } = await getTranslator();
  const { mine } = card;
  const n = (value: number) => formatNumber(value, locale);
  return (
    <Card className="p-4 sm:p-5" data-testid={testId}>
      <section aria-labelledby={`${testId}-title`} className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 id={`${testId}-title`} className="flex items-center gap-2 font-semibold text-slate-900">
            <MessageSquareQuote className="size-4 text-accent-600" aria-hidden />
            {mine ? t("instructions.cards.pendingMine") : t("instructions.cards.pending")}
            <span
              className={cn("text-2xl leading-none font-bold tabular-nums", card.total > 0 ? "text-accent-600" : "text-slate-500")}
              data-testid={`${testId}-count`}
            >
              {n(card.total)}
            </span>
          </h3>
          {card.total > 0 && (
            <p className={cn("text-xs", card.overdue > 0 ? "font-medium text-light-red" : "text-slate-600")}>
              {t("instructions.cards.pendingSummary", { answered: n(card.answered), overdue: n(card.overdue) })}
            </p>
          )}
        </div>
        {card.rows.length === 0 ? (
          <p className="text-sm text-slate-500">{t("instructions.cards.empty")}</p>
        ) : (
          <ul className="grid grid-cols-1 gap-3 lg:grid-cols-2">
            {card.rows.map((row) => (
              <li
                key={row.id}
                data-testid={`${testId}-row`}
                data-instruction-id={row.id}
                className={cn(
                  "flex flex-col gap-2 rounded-lg border p-3",
                  row.overdue ? "border-red-200 bg-red-50/40" : "border-slate-200",
                )}
              >
                <div className="flex items-start justify-between gap-2">
                  <Link href={row.href} className="line-clamp-2 text-sm font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {row.content}
                  </Link>
                  <InstructionStatusBadge
                    status={row.status}
                    overdue={row.overdue}
                    label={row.overdue ? t("instructions.overdue") : t(`instructions.statuses.${row.status}`)}
                    testId={`${testId}-status`}
                  />
                </div>
                <p className="truncate text-xs text-slate-500">
                  {mine ? "" : `${t("instructions.leaderSays", { leader: row.leader.name })} · `}
                  <Link href={`/tasks/${row.task.id}`} className="hover:text-brand-700 hover:underline">
                    {row.task.code} {row.task.title}
                  </Link>
                </p>
                <p className="flex flex-wrap justify-between gap-x-3 gap-y-1 text-xs">
                  <span className="text-slate-600">
                    {t("instructions.unit")}：<span className="text-slate-800">{row.unit.name}</span>
                  </span>
                  <DueLine row={row} />
                </p>
                {row.latestAnswer && row.status === "ANSWERED" && (
                  <p className="line-clamp-2 rounded-md bg-amber-50/70 px-2 py-1.5 text-xs text-slate-700" data-testid={`${testId}-answer`}>
                    {t("instructions.latestAnswer", { unit: row.unit.name, content: row.latestAnswer.content })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
        <Link href={card.href} className="group inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:text-brand-800">
          {t("instructions.cards.viewAll")}
          <ArrowRight className="size-4 transition-transform group-hover:translate-x-0.5" aria-hidden />
        </Link>
      </section>
    </Card>
  );
}
