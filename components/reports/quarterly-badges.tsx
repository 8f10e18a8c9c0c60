// A quarterly report's state and timeliness as colour AND text (never colour alone).
import { cn } from "@/components/ui/cn";
import type { Timeliness } from "@/lib/reports/rules";
import type { QuarterlyStatus } from "@/lib/reports/quarterly-schemas";

const badge = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset";

const STATUS_STYLES: Record<QuarterlyStatus | "NONE", string> = {
  NONE: "bg-slate-50 text-slate-500 ring-slate-400/25",
  DRAFT: "bg-slate-100 text-slate-700 ring-slate-500/25",
  SUBMITTED: "bg-brand-50 text-brand-700 ring-brand-600/25",
  APPROVED: "bg-green-50 text-light-green ring-green-600/25",
  RETURNED: "bg-amber-50 text-light-yellow ring-amber-600/25",
};

const TIMELINESS_STYLES: Record<Timeliness, string> = {
  ON_TIME: "bg-green-50 text-light-green ring-green-600/25",
  LATE: "bg-amber-50 text-light-yellow ring-amber-600/25",
  MISSING: "bg-red-50 text-light-red ring-red-600/25",
  NOT_DUE: "bg-slate-50 text-slate-600 ring-slate-500/25",
};

export function StatusBadge({ status, label }: { status: QuarterlyStatus | "NONE"; label: string }) {
  return (
    <span className={cn(badge, STATUS_STYLES[status])} data-status={status}>
      {label}
    </span>
  );
}

export function TimelinessBadge({ timeliness, label }: { timeliness: Timeliness; label: string }) {
  return (
    <span className={cn(badge, TIMELINESS_STYLES[timeliness])} data-timeliness={timeliness}>
      {label}
    </span>
  );
}
