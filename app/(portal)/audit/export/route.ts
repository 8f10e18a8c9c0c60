import type { NextRequest } from "next/server";
import { getActor } from "@/lib/auth/actor";
import { auditExportResponse } from "@/lib/audit/export";
import { getLocale } from "@/lib/i18n/server";
import { now } from "@/lib/server/clock";

/** The audit log as .xlsx, with the page's filters (lib/audit/export.ts authorizes, limits and audits). */
export async function GET(request: NextRequest): Promise<Response> {
  const [actor, locale] = await Promise.all([getActor(), getLocale()]);
  return auditExportResponse(actor, request.nextUrl.searchParams, { locale, now: now() });
}
