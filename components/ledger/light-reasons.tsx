// The reasons of a red or yellow light as a list of sentences (lib/tasks/reason-text.ts words them),
// each with a warning sign in the light's colour. No hooks: the ledger (client), the task page and
// the cockpit (server) render it alike, passing their translator.
import { AlertTriangle } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/translate";
import { lightReasonText } from "@/lib/tasks/reason-text";
import type { Light, LightReasonDetail } from "@/lib/tasks/rules";

export function LightReasonList({
  light,
  reasons,
  t,
  locale,
  tone = "light",
  size = "sm",
  className,
  testId = "light-reasons",
}: {
  light: Light;
  reasons: readonly LightReasonDetail[];
  t: Translate;
  locale: Locale;
  /** "dark": the big screen and the tooltip */
  tone?: "light" | "dark";
  size?: "xs" | "sm";
  className?: string;
  testId?: string;
}) {
  if (reasons.length === 0) return null;
  const icon =
    tone === "dark" ? (light === "RED" ? "text-red-400" : "text-amber-300") : light === "RED" ? "text-light-red" : "text-light-yellow";
  return (
    <ul className={cn("space-y-1", size === "xs" ? "text-xs" : "text-sm", className)} data-testid={testId}>
      {reasons.map((reason) => (
        <li
          key={reason.code}
          className={cn("flex items-start gap-1.5 leading-snug", tone === "dark" ? "text-slate-100" : "text-slate-700")}
        >
          <AlertTriangle className={cn("mt-0.5 shrink-0", size === "xs" ? "size-3.5" : "size-4", icon)} aria-hidden />
          <span className="min-w-0 break-words">{lightReasonText(reason, t, locale)}</span>
        </li>
      ))}
    </ul>
  );
}
