import type { NextRequest } from "next/server";
import { getActor } from "@/lib/auth/actor";
import { parseViewParams } from "@/lib/dashboard/views";
import { viewExportResponse } from "@/lib/dashboard/views-export";
import { getTranslator } from "@/lib/i18n/server";
import { authorizeRead } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { AppError, RateLimitedError } from "@/lib/server/errors";

export async function GET(request: NextRequest) {
  const { t, locale } = await getTranslator();
  const plain = (status: number, message: string, headers: Record<string, string> = {}) =>
    new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });
  const actor = await getActor();
  if (!actor) return plain(401, t("errors.unauthorized"));
  try {
    authorizeRead(actor, "task:read");
    return await viewExportResponse(actor, parseViewParams(Object.fromEntries(request.nextUrl.searchParams)), t, now(), locale);
  } catch (error) {
    if (error instanceof RateLimitedError) return plain(429, t("errors.rateLimited"), { "Retry-After": String(error.retryAfterSeconds) });
    if (error instanceof AppError) return plain(error.status, t(error.messageKey));
    throw error;
  }
}
