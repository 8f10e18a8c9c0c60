import "server-only";
import { getActor } from "@/lib/auth/actor";
import { getLocale } from "@/lib/i18n/server";
import { createTranslator, lookup, messagesFor, type MessageKey } from "@/lib/i18n/translate";
import type { ServiceAction } from "./action";
import { getRequestContext, isSameOrigin } from "./context";
import { AppError, ConflictError, ValidationError } from "./errors";

import type { ActionResult } from "@/lib/forms/action-result";

export type { ActionResult };

/**
 * The body of every 'use server' function: check the Origin, get the actor from the session,
 * call the service (which parses, authorizes, writes and audits), and translate what went wrong.
 * Server actions are public endpoints, so none of this may be skipped.
 */
export async function runAction<R>(service: ServiceAction<R>, input: unknown): Promise<ActionResult<R>> {
  const messages = messagesFor(await getLocale());
  const t = createTranslator(messages);
  // Field messages are catalogue keys ("validation.required", "admin.validation.notLeader"); anything else is shown as given.
  const translate = (key: string) => (typeof lookup(messages, key) === "string" ? t(key as MessageKey) : key);
  const context = await getRequestContext();
  if (!isSameOrigin(context)) return { ok: false, status: 403, message: t("errors.badOrigin") };
  const actor = await getActor();
  if (!actor) return { ok: false, status: 401, message: t("errors.unauthorized") };
  try {
    return { ok: true, data: await service(actor, input) };
  } catch (error) {
    if (error instanceof ValidationError) {
      const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, keys]) => [field, keys.map(translate)]));
      return { ok: false, status: 422, message: t("errors.invalid"), fieldErrors };
    }
    // a stale edit shows the record as it now is, so nothing is overwritten unseen (SECURITY.md 19)
    if (error instanceof ConflictError) return { ok: false, status: 409, message: t(error.messageKey), conflict: error.current };
    if (error instanceof AppError) return { ok: false, status: error.status, message: t(error.messageKey) };
    console.error(`[${context.requestId}] unexpected error in ${service.definition.name}:`, error);
    return { ok: false, status: 500, message: t("errors.unexpected", { requestId: context.requestId }) };
  }
}
