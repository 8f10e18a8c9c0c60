import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Translate } from "@/lib/i18n/translate";
import { now } from "@/lib/server/clock";
import { AppError, ForbiddenError, RateLimitedError } from "@/lib/server/errors";
import { planWorkbookResponse } from "./export";

/** The workbook download as an HTTP answer: 401/403/404/429 with a message in the user's language. */
export async function planWorkbookExport(actor: Actor | null, planId: string, { t }: { t: Translate }): Promise<Response> {
  const plain = (status: number, message: string, headers: Record<string, string> = {}) =>
    new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });
  if (!actor) return plain(401, t("errors.unauthorized"));
  try {
    return await planWorkbookResponse(actor, planId, now());
  } catch (error) {
    // a liaison or reporter: the plan is theirs to read in part, the workbook (the whole plan) is not
    if (error instanceof ForbiddenError) return plain(403, t("plans.scope.workbookRefused"));
    if (error instanceof RateLimitedError) return plain(429, t("errors.rateLimited"), { "Retry-After": String(error.retryAfterSeconds) });
    if (error instanceof AppError) return plain(error.status, t(error.messageKey));
    throw error;
  }
}
