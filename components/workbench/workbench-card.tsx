// One card of a workbench: a title, a big count, a line of context, a short list and a "查看全部"
// link to the full view of exactly what was counted. Server component (no client state).
import { ArrowRight } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

export type CardTone = "neutral" | "red" | "yellow" | "brand";

const TONES: Record<CardTone, string> = {
  neutral: "text-slate-900",
  red: "text-light-red",
  yellow: "text-light-yellow",
  brand: "text-brand-700",
};

export function WorkbenchCard({
  id,
  title,
  count,
  countText,
  tone = "neutral",
  summary,
  href,
  viewAll,
  empty,
  children,
  footer,
  className,
}: {
  /** stable key: data-testid workbench-card-<id> and workbench-count-<id> */
  id: string;
  title: string;
  count: number;
  /** the count as displayed (formatted for the locale) */
  countText: string;
  tone?: CardTone;
  summary?: ReactNode;
  href?: string | null;
  viewAll: string;
  /** shown when there is nothing to list */
  empty?: string;
  /** the list rows (<li> elements) */
  children?: ReactNode;
  footer?: ReactNode;
  className?: string;
}) {
  const headingId = `workbench-${id}-title`;
  const hasRows = Array.isArray(children) ? children.flat().length > 0 : Boolean(children);
  return (
    <Card className={cn("flex min-w-0 flex-col p-5", className)} data-testid={`workbench-card-${id}`}>
      <section aria-labelledby={headingId} className="flex flex-1 flex-col gap-3">
        <div className="flex items-start justify-between gap-3">
          <h3 id={headingId} className="text-sm font-semibold text-slate-700">
            {title}
          </h3>
          <span
            className={cn("text-3xl leading-none font-bold tabular-nums", count > 0 ? TONES[tone] : "text-slate-500")}
            data-testid={`workbench-count-${id}`}
          >
            {countText}
          </span>
        </div>
        {summary ? <p className="text-xs text-slate-600">{summary}</p> : null}
        {hasRows ? (
          <ul className="flex-1 divide-y divide-slate-100 text-sm">{children}</ul>
        ) : (
          <p className="flex-1 text-sm text-slate-500">{empty}</p>
        )}
        {footer}
        {href ? (
          <Link
            href={href}
            className="group inline-flex items-center gap-1 self-start rounded text-sm font-medium text-brand-700 hover:text-brand-800 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            {viewAll}
            <span className="sr-only">：{title}</span>
            <ArrowRight className="size-4 transition-transform group-hover:translate-x-0.5" aria-hidden />
          </Link>
        ) : null}
      </section>
    </Card>
  );
}

/** One row of a card's list: a main line linking to the record and a muted second line. */
export function WorkbenchRow({
  href,
  title,
  meta,
  aside,
  testId,
}: {
  href: string;
  title: ReactNode;
  meta?: ReactNode;
  aside?: ReactNode;
  testId?: string;
}) {
  return (
    <li className="flex items-start justify-between gap-3 py-2" data-testid={testId}>
      <div className="min-w-0">
        <Link href={href} className="block truncate font-medium text-slate-800 hover:text-brand-700 hover:underline">
          {title}
        </Link>
        {meta ? <div className="mt-0.5 truncate text-xs text-slate-500">{meta}</div> : null}
      </div>
      {aside ? <div className="shrink-0 text-right text-xs">{aside}</div> : null}
    </li>
  );
}
