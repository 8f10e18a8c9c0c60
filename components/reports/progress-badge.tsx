// A report's state as colour AND text, for server pages and client forms alike (no hooks here).
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import type { ReportState } from "@/lib/reports/types";

const TONES = {
  grey: "bg-slate-100 text-slate-600 ring-slate-500/20",
  amber: "bg-amber-50 text-light-yellow ring-amber-600/20",
  blue: "bg-brand-50 text-brand-700 ring-brand-600/20",
  green: "bg-green-50 text-light-green ring-green-600/20",
  red: "bg-red-50 text-light-red ring-red-600/20",
} as const;

export type Tone = keyof typeof TONES;

export const STATE_TONES: Record<ReportState, Tone> = {
  NONE: "grey",
  DRAFT: "amber",
  SUBMITTED: "blue",
  APPROVED: "green",
  RETURNED: "red",
};

export function ProgressBadge({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  return (
    <span
      data-testid={testId}
      className={cn(
        "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        TONES[tone],
      )}
    >
      {children}
    </span>
  );
}

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus:border-brand-500 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500 aria-[invalid=true]:border-red-500";
