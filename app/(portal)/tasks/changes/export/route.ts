import type { NextRequest } from "next/server";
import { getActor } from "@/lib/auth/actor";
import { changesExportResponse } from "@/lib/changes/export";
import { parseChangeListParams } from "@/lib/changes/schemas";
import { getTranslator } from "@/lib/i18n/server";
import { authorizeRead } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { AppError, RateLimitedError } from "@/lib/server/errors";
import { dayOf } from "@/lib/tasks/rules";

export async function GET(request: NextRequest) {
  const { t, locale } = await getTranslator();
  const plain = (status: number, message: string, headers: Record<string, string> = {}) =>
    new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });
  const actor = await getActor();
  if (!actor) return plain(401, t("errors.unauthorized"));
  try {
    authorizeRead(actor, "task:read");
    const params = parseChangeListParams(Object.fromEntries(request.nextUrl.searchParams));
    const year = params.year ?? dayOf(now()).getUTCFullYear();
    return await changesExportResponse(actor, year, params.status, t, locale, now());
  } catch (error) {
    if (error instanceof RateLimitedError) return plain(429, t("errors.rateLimited"), { "Retry-After": String(error.retryAfterSeconds) });
    if (error instanceof AppError) return plain(error.status, t(error.messageKey));
    throw error;
  }
}
