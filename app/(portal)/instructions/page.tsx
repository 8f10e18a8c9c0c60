import type { Metadata } from "next";
import Link from "next/link";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { InstructionItem } from "@/components/instructions/instruction-item";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { requireSection } from "@/lib/auth/guards";
import { formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { listInstructions } from "@/lib/instructions/queries";
import { INSTRUCTION_STATUSES } from "@/lib/instructions/rules";
import { instructionsHref, parseInstructionFilters, type InstructionFilters } from "@/lib/instructions/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("instructions.title") };
}

/** 领导批示: every instruction the actor may read, by status, the most urgent first. */
export default async function InstructionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSection("instructions");
  const { t, locale } = await getTranslator();
  const filters = parseInstructionFilters(await searchParams);
  const list = await listInstructions(actor, filters);
  const count = (value: number) => formatNumber(value, locale);
  const isLeader = actor.isLeader || actor.roles.some((grant) => grant.role === "LEADER");
  const to = (overrides: Partial<InstructionFilters>) => instructionsHref({ ...filters, page: 1, ...overrides });
  const tiles: { key: string; label: string; value: number; href: string; active: boolean }[] = [
    {
      key: "all",
      label: t("instructions.list.all"),
      value: list.counts.all,
      href: to({ status: null, overdue: false }),
      active: !filters.status && !filters.overdue,
    },
    ...INSTRUCTION_STATUSES.map((status) => ({
      key: status,
      label: t(`instructions.statuses.${status}`),
      value: list.counts[status],
      href: to({ status, overdue: false }),
      active: filters.status === status && !filters.overdue,
    })),
    {
      key: "overdue",
      label: t("instructions.list.overdue"),
      value: list.counts.overdue,
      href: to({ status: null, overdue: true }),
      active: filters.overdue,
    },
  ];

  return (
    <div className="mx-auto max-w-5xl space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-xl font-bold text-slate-900">{t("instructions.title")}</h1>
          <p className="max-w-3xl text-sm text-slate-500">{t("instructions.intro")}</p>
        </div>
        {isLeader && (
          <div className="inline-flex gap-1 rounded-lg bg-slate-100 p-1 text-sm" data-testid="instructions-mine">
            {[false, true].map((mine) => (
              <Link
                key={String(mine)}
                href={instructionsHref({ ...filters, page: 1, mine })}
                aria-current={filters.mine === mine ? "page" : undefined}
                className={cn(
                  "rounded-md px-3 py-1.5 font-medium",
                  filters.mine === mine ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900",
                )}
              >
                {mine ? t("instructions.list.mine") : t("instructions.list.all")}
              </Link>
            ))}
          </div>
        )}
      </div>

      <div className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="instruction-counts">
        {tiles.map((tile) => (
          <Link
            key={tile.key}
            href={tile.href}
            data-testid={`instruction-count-${tile.key}`}
            aria-current={tile.active ? "page" : undefined}
            className={cn(
              "rounded-lg border bg-white p-3 hover:border-brand-500",
              tile.active ? "border-brand-600 ring-2 ring-brand-100" : "border-slate-200",
              tile.key === "overdue" && tile.value > 0 && "text-light-red",
            )}
          >
            <div className="text-xs text-slate-500">{tile.label}</div>
            <div className="text-2xl font-semibold tabular-nums">{count(tile.value)}</div>
          </Link>
        ))}
      </div>

      {list.rows.length === 0 ? (
        <Card className="p-8 text-center text-sm text-slate-500" data-testid="instruction-list-empty">
          {t("instructions.list.empty")}
        </Card>
      ) : (
        <div className="space-y-3" data-testid="instruction-list">
          {list.rows.map((row) => (
            <InstructionItem key={row.id} row={row} showTask />
          ))}
        </div>
      )}

      <nav
        className="flex items-center justify-between text-sm text-slate-600"
        aria-label={t("instructions.list.pageOf", { page: list.page, pages: list.pages })}
      >
        <span>{t("instructions.list.total", { total: count(list.total) })}</span>
        {list.pages > 1 && (
          <span className="flex items-center gap-3">
            {list.page > 1 ? (
              <Link
                href={instructionsHref({ ...filters, page: list.page - 1 })}
                className="inline-flex items-center gap-1 hover:text-brand-700"
              >
                <ChevronLeft className="size-4" aria-hidden />
                {t("instructions.list.previous")}
              </Link>
            ) : null}
            <span>{t("instructions.list.pageOf", { page: list.page, pages: list.pages })}</span>
            {list.page < list.pages ? (
              <Link
                href={instructionsHref({ ...filters, page: list.page + 1 })}
                className="inline-flex items-center gap-1 hover:text-brand-700"
              >
                {t("instructions.list.next")}
                <ChevronRight className="size-4" aria-hidden />
              </Link>
            ) : null}
          </span>
        )}
      </nav>
    </div>
  );
}
