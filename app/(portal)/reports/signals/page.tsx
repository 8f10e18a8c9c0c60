import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SignalList } from "@/components/signals/signal-list";
import { requireSection } from "@/lib/auth/guards";
import { getTranslator } from "@/lib/i18n/server";
import { ForbiddenError, NotFoundError } from "@/lib/server/errors";
import { listSignals } from "@/lib/signals/queries";
import { parseSignalParams } from "@/lib/signals/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("signals.title") };
}

/** 形式主义预警: the office's list of its committee's signals (others: not found, and the refusal audited). */
export default async function SignalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSection("reports");
  const params = parseSignalParams(await searchParams);
  const page = await listSignals(actor, params).catch((error: unknown) => {
    if (error instanceof ForbiddenError || error instanceof NotFoundError) notFound();
    throw error;
  });
  return <SignalList page={page} params={params} />;
}
