// An instruction's state as colour AND text (never colour alone); no hooks, for server pages and client forms.
import { cn } from "@/components/ui/cn";
import type { InstructionStatusValue } from "@/lib/instructions/rules";

const STATUS: Record<InstructionStatusValue, string> = {
  OPEN: "bg-brand-50 text-brand-700 ring-brand-600/25",
  ANSWERED: "bg-amber-50 text-light-yellow ring-amber-600/25",
  CLOSED: "bg-green-50 text-light-green ring-green-600/25",
};
const OVERDUE = "bg-red-50 text-light-red ring-red-600/25";

const badge = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset";

export function InstructionStatusBadge({
  status,
  label,
  overdue = false,
  testId = "instruction-status",
}: {
  status: InstructionStatusValue;
  label: string;
  /** an open instruction past its answer-by date: red */
  overdue?: boolean;
  testId?: string;
}) {
  return (
    <span className={cn(badge, overdue ? OVERDUE : STATUS[status])} data-testid={testId} data-status={status}>
      {label}
    </span>
  );
}
