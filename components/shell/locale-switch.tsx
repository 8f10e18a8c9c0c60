"use client";

import { Languages } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { cn } from "@/components/ui/cn";
import { setLocaleAction } from "@/lib/i18n/actions";
import { useI18n } from "@/lib/i18n/client";
import { LOCALES, type Locale } from "@/lib/i18n/config";

const LABELS: Record<Locale, string> = { "zh-CN": "中文", en: "EN" };

export function LocaleSwitch({ tone = "light" }: { tone?: "light" | "dark" }) {
  const { locale, t } = useI18n();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  return (
    <div role="group" aria-label={t("common.language")} className="inline-flex items-center gap-1 text-sm">
      <Languages aria-hidden className={cn("size-4", tone === "dark" ? "text-white/70" : "text-slate-500")} />
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          disabled={pending}
          aria-pressed={option === locale}
          onClick={() =>
            startTransition(async () => {
              await setLocaleAction(option);
              router.refresh();
            })
          }
          className={cn(
            "rounded px-2 py-0.5 transition-colors",
            tone === "dark"
              ? option === locale
                ? "bg-white/20 font-semibold text-white"
                : "text-white/70 hover:text-white"
              : option === locale
                ? "bg-brand-50 font-semibold text-brand-700"
                : "text-slate-500 hover:text-slate-900",
          )}
        >
          {LABELS[option]}
        </button>
      ))}
    </div>
  );
}
