"use client";

import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n/client";

// Unexpected errors: a generic message and the digest Next logs beside the real error.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { t } = useI18n();
  return (
    <div className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-4 text-center">
      <h1 className="text-xl font-bold text-slate-900">{t("common.errorTitle")}</h1>
      <p className="text-slate-600">{t("common.errorHint")}</p>
      {error.digest && <code className="rounded bg-slate-100 px-2 py-1 text-xs text-slate-500">{error.digest}</code>}
      <Button variant="secondary" onClick={reset}>
        {t("common.retry")}
      </Button>
    </div>
  );
}
