import { cn } from "@/components/ui/cn";
import type { AuditResult } from "@/lib/db/generated/enums";

const STYLES: Record<AuditResult, string> = {
  SUCCESS: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  DENIED: "bg-amber-50 text-amber-800 ring-amber-600/30",
  FAILURE: "bg-red-50 text-red-700 ring-red-600/20",
  CONFLICT: "bg-violet-50 text-violet-800 ring-violet-600/20",
};

/** Result as colour and word, so it reads without colour too. */
export function ResultBadge({ result, label }: { result: AuditResult; label: string }) {
  return (
    <span
      data-result={result}
      className={cn(
        "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        STYLES[result],
      )}
    >
      {label}
    </span>
  );
}
