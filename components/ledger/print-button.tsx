"use client";

import { Printer } from "lucide-react";
import { useEffect } from "react";
import { useI18n } from "@/lib/i18n/client";

/** Prints the page as it is (the print style sheet in globals.css keeps only the sheet). */
export function PrintButton() {
  const { t } = useI18n();
  return (
    <button
      type="button"
      onClick={() => window.print()}
      data-testid="print-now"
      className="inline-flex h-9 items-center gap-2 rounded-md bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-700"
    >
      <Printer className="size-4" aria-hidden />
      {t("ledger.printView.print")}
    </button>
  );
}

/** Opens the browser's print dialog once the print view has rendered (when asked to by the URL). */
export function AutoPrint() {
  useEffect(() => {
    const timer = window.setTimeout(() => window.print(), 300);
    return () => window.clearTimeout(timer);
  }, []);
  return null;
}
