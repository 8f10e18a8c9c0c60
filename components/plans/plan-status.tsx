// 草案 / 已下达: a plan's status as a small badge (the plan list and the plan page).
import { cn } from "@/components/ui/cn";

export function PlanStatusBadge({ status, label }: { status: "DRAFT" | "ISSUED"; label: string }) {
  return (
    <span
      className={cn(
        "rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        status === "ISSUED" ? "bg-emerald-50 text-emerald-700" : "bg-slate-100 text-slate-600",
      )}
      data-testid="plan-status"
    >
      {label}
    </span>
  );
}
