"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";
import { writeClipboard } from "@/components/ui/clipboard";
import { cn } from "@/components/ui/cn";
import { useI18n } from "@/lib/i18n/client";

export function CopyButton({ text, className }: { text: string; className?: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const label = state === "copied" ? t("apiDocs.copied") : state === "failed" ? t("apiDocs.copyFailed") : t("apiDocs.copy");
  return (
    <button
      type="button"
      onClick={async () => setState((await writeClipboard(text)) ? "copied" : "failed")}
      className={cn(
        "inline-flex h-7 items-center gap-1.5 rounded-md border border-white/15 bg-white/10 px-2 text-xs font-medium text-slate-100 hover:bg-white/20",
        className,
      )}
    >
      {state === "copied" ? <Check className="size-3.5" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
      <span aria-live="polite">{label}</span>
    </button>
  );
}
