import { ArrowRight, Info } from "lucide-react";
import Link from "next/link";

/** Says what a liaison's or reporter's plan figures count, and where their tasks themselves are. */
export function ScopeNote({ note, ledger, toLedger, href }: { note: string; ledger: string; toLedger: string; href: string }) {
  return (
    <div
      className="flex flex-col gap-3 rounded-lg border border-brand-100 bg-brand-50/60 px-4 py-3 sm:flex-row sm:items-center sm:justify-between"
      data-testid="plan-scope-note"
    >
      <div className="flex items-start gap-2.5">
        <Info className="mt-0.5 size-4 shrink-0 text-brand-700" aria-hidden />
        <p className="text-sm leading-6 text-slate-700">
          {note}
          <span className="text-slate-500"> {ledger}</span>
        </p>
      </div>
      <Link
        href={href}
        className="inline-flex h-8 shrink-0 items-center gap-1.5 self-start rounded-md border border-brand-200 bg-white px-3 text-xs font-medium text-brand-700 hover:bg-brand-50 sm:self-center"
      >
        {toLedger}
        <ArrowRight className="size-3.5" aria-hidden />
      </Link>
    </div>
  );
}
