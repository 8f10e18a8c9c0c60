"use client";

import { Printer } from "lucide-react";
import { useI18n } from "@/lib/i18n/client";

/** Prints the ledger as it is shown (the print style sheet in globals.css keeps only the table). */
export function PrintButton() {
  const { t } = useI18n();
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
    >
      <Printer className="size-4" aria-hidden />
      {t("ledger.print")}
    </button>
  );
}
