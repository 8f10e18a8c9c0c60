import { cn } from "@/components/ui/cn";
import type { HttpMethod } from "./model";

// the colours readers know from other API references: read blue, create green, change amber, delete red
const COLOURS: Record<HttpMethod, string> = {
  GET: "bg-sky-100 text-sky-800 ring-sky-200",
  POST: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  PUT: "bg-amber-100 text-amber-900 ring-amber-200",
  PATCH: "bg-amber-100 text-amber-900 ring-amber-200",
  DELETE: "bg-red-100 text-red-800 ring-red-200",
};

export function MethodBadge({ method, size = "md" }: { method: HttpMethod; size?: "sm" | "md" }) {
  return (
    <span
      className={cn(
        "inline-flex shrink-0 items-center justify-center rounded font-mono font-semibold tracking-wide ring-1 ring-inset",
        size === "sm" ? "w-14 py-0.5 text-[0.6875rem]" : "w-16 py-1 text-xs",
        COLOURS[method],
      )}
    >
      {method}
    </span>
  );
}
