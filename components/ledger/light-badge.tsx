// The schedule light as colour AND text (never colour alone), shared by the ledger and the task page.
import { cn } from "@/components/ui/cn";
import type { Light } from "@/lib/tasks/rules";

export const LIGHT_STYLES: Record<Light, { badge: string; dot: string; bar: string }> = {
  RED: { badge: "bg-red-50 text-light-red ring-red-600/25", dot: "bg-light-red", bar: "bg-light-red" },
  YELLOW: { badge: "bg-amber-50 text-light-yellow ring-amber-600/25", dot: "bg-amber-500", bar: "bg-amber-500" },
  GREEN: { badge: "bg-green-50 text-light-green ring-green-600/25", dot: "bg-light-green", bar: "bg-light-green" },
  NOT_STARTED: { badge: "bg-slate-50 text-slate-600 ring-slate-500/25", dot: "bg-slate-400", bar: "bg-slate-400" },
  PENDING_CLOSE: { badge: "bg-brand-50 text-brand-700 ring-brand-600/25", dot: "bg-brand-600", bar: "bg-brand-600" },
  DONE: { badge: "bg-slate-100 text-slate-700 ring-slate-500/25", dot: "bg-slate-600", bar: "bg-slate-500" },
};

export function LightBadge({ light, label, className }: { light: Light; label: string; className?: string }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        LIGHT_STYLES[light].badge,
        className,
      )}
    >
      <span aria-hidden className={cn("size-2 rounded-full", LIGHT_STYLES[light].dot)} />
      {label}
    </span>
  );
}

/** Planned vs actual on one bar: the fill is actual, the tick is planned. */
export function ProgressBar({
  planned,
  actual,
  light,
  label,
  className,
}: {
  planned: number;
  actual: number;
  light: Light;
  label: string;
  className?: string;
}) {
  const clamp = (value: number) => Math.max(0, Math.min(100, value));
  return (
    <div className={cn("relative h-1.5 w-24 rounded-full bg-slate-200", className)} role="img" aria-label={label} title={label}>
      <div className={cn("absolute inset-y-0 left-0 rounded-full", LIGHT_STYLES[light].bar)} style={{ width: `${clamp(actual)}%` }} />
      <div className="absolute -top-1 -bottom-1 w-0.5 rounded bg-slate-800" style={{ left: `calc(${clamp(planned)}% - 1px)` }} />
    </div>
  );
}
