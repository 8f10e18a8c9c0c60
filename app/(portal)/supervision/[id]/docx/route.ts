import type { NextRequest } from "next/server";
import { getActor } from "@/lib/auth/actor";
import { getTranslator } from "@/lib/i18n/server";
import { AppError, RateLimitedError } from "@/lib/server/errors";
import { noticeDocxResponse } from "@/lib/supervision/queries";

/** One notice and its answer as .docx (lib/supervision/queries.ts scopes, limits, builds and audits it). */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { t } = await getTranslator();
  const plain = (status: number, message: string, headers: Record<string, string> = {}) =>
    new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });
  const actor = await getActor();
  if (!actor) return plain(401, t("errors.unauthorized"));
  const { id } = await params;
  try {
    return await noticeDocxResponse(actor, id);
  } catch (error) {
    if (error instanceof RateLimitedError) return plain(429, t("errors.rateLimited"), { "Retry-After": String(error.retryAfterSeconds) });
    if (error instanceof AppError) return plain(error.status, t(error.messageKey));
    throw error;
  }
}
