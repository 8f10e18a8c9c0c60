"use server";

import { getActor } from "@/lib/auth/actor";
import type { ActionResult } from "@/lib/forms/action-result";
import { getLocale } from "@/lib/i18n/server";
import { createTranslator, messagesFor } from "@/lib/i18n/translate";
import { AppError } from "@/lib/server/errors";
import { runAction } from "@/lib/server/run-action";
import { reportSignals } from "./queries";
import { dismissSignal } from "./service";
import type { ReportSignals } from "./types";

export async function dismissSignalAction(input: unknown) {
  return runAction(dismissSignal, input);
}

/** The review dialog loads a report's signals when it opens (empty for readers who may not see signals). */
export async function reportSignalsAction(reportId: unknown): Promise<ActionResult<ReportSignals>> {
  const t = createTranslator(messagesFor(await getLocale()));
  const actor = await getActor();
  if (!actor) return { ok: false, status: 401, message: t("errors.unauthorized") };
  try {
    return { ok: true, data: await reportSignals(actor, String(reportId ?? "").slice(0, 64)) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, status: error.status, message: t(error.messageKey) };
    throw error;
  }
}
