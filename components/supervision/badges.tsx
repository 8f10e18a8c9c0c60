// Level and status of a notice as text on a tint (never colour alone).
import { cn } from "@/components/ui/cn";
import type { NoticeLevelValue, NoticeStatusValue } from "@/lib/supervision/rules";

const LEVEL: Record<NoticeLevelValue, string> = {
  GENERAL: "bg-slate-50 text-slate-700 ring-slate-500/25",
  KEY: "bg-amber-50 text-light-yellow ring-amber-600/25",
  LISTED: "bg-red-50 text-light-red ring-red-600/25",
};

const STATUS: Record<NoticeStatusValue, string> = {
  ISSUED: "bg-brand-50 text-brand-700 ring-brand-600/25",
  ANSWERED: "bg-amber-50 text-light-yellow ring-amber-600/25",
  RETURNED: "bg-red-50 text-light-red ring-red-600/25",
  RECTIFYING: "bg-green-50 text-light-green ring-green-600/25",
  CLOSED: "bg-slate-100 text-slate-700 ring-slate-500/25",
};

const badge = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset";

export function NoticeLevelBadge({ level, label }: { level: NoticeLevelValue; label: string }) {
  return <span className={cn(badge, LEVEL[level])}>{label}</span>;
}

export function NoticeStatusBadge({ status, label }: { status: NoticeStatusValue; label: string }) {
  return (
    <span className={cn(badge, STATUS[status])} data-testid="notice-status">
      {label}
    </span>
  );
}
