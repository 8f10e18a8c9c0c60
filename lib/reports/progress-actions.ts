"use server";

import { getActor } from "@/lib/auth/actor";
import type { ActionResult } from "@/lib/forms/action-result";
import { getLocale } from "@/lib/i18n/server";
import { createTranslator, messagesFor } from "@/lib/i18n/translate";
import { AppError } from "@/lib/server/errors";
import { reviewContext } from "./progress-queries";
import type { ReviewContext } from "./types";

/** The review dialog loads its context when it opens, so the queue page stays one query per page. */
export async function reviewContextAction(reportId: unknown): Promise<ActionResult<ReviewContext>> {
  const t = createTranslator(messagesFor(await getLocale()));
  const actor = await getActor();
  if (!actor) return { ok: false, status: 401, message: t("errors.unauthorized") };
  try {
    return { ok: true, data: await reviewContext(actor, String(reportId ?? "")) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, status: error.status, message: t(error.messageKey) };
    throw error;
  }
}
