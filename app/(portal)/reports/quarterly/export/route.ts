import type { NextRequest } from "next/server";
import { getActor } from "@/lib/auth/actor";
import { getTranslator } from "@/lib/i18n/server";
import { defaultQuarter, quarterlyExportResponse } from "@/lib/reports/quarterly-queries";
import { parseQuarterKey } from "@/lib/reports/rules";
import { authorizeRead } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { AppError, RateLimitedError } from "@/lib/server/errors";

/** The quarter's compilation as .docx (lib/reports/quarterly-queries.ts limits, builds and audits it). */
export async function GET(request: NextRequest) {
  const { t } = await getTranslator();
  const plain = (status: number, message: string, headers: Record<string, string> = {}) =>
    new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });
  const actor = await getActor();
  if (!actor) return plain(401, t("errors.unauthorized"));
  const raw = request.nextUrl.searchParams.get("quarter");
  const quarter = raw ? parseQuarterKey(raw) : null;
  if (raw && !quarter) return plain(400, t("errors.invalid"));
  try {
    authorizeRead(actor, "report:read");
    return await quarterlyExportResponse(actor, quarter ?? (await defaultQuarter(actor)), now());
  } catch (error) {
    if (error instanceof RateLimitedError) return plain(429, t("errors.rateLimited"), { "Retry-After": String(error.retryAfterSeconds) });
    if (error instanceof AppError) return plain(error.status, t(error.messageKey));
    throw error;
  }
}
