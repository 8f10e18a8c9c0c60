// The state of a reform information report as colour AND text, for server and client components alike.
import { cn } from "@/components/ui/cn";
import type { InfoListStatus } from "@/lib/reports/info-schemas";

/** NEW: nothing saved yet for the month (the reporter's view); MISSING: not reported (the office's list). */
export type InfoBadgeStatus = InfoListStatus | "NEW";

const TONES: Record<InfoBadgeStatus, string> = {
  NEW: "bg-slate-50 text-slate-600 ring-slate-500/25",
  DRAFT: "bg-slate-100 text-slate-700 ring-slate-500/25",
  SUBMITTED: "bg-brand-50 text-brand-700 ring-brand-600/25",
  APPROVED: "bg-green-50 text-light-green ring-green-600/25",
  RETURNED: "bg-amber-50 text-light-yellow ring-amber-600/25",
  MISSING: "bg-red-50 text-light-red ring-red-600/25",
};

export function InfoStatusBadge({ status, label, className }: { status: InfoBadgeStatus; label: string; className?: string }) {
  return (
    <span
      data-testid="info-status"
      data-status={status}
      className={cn(
        "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        TONES[status],
        className,
      )}
    >
      {label}
    </span>
  );
}
