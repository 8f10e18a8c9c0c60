import { getActor } from "@/lib/auth/actor";
import { downloadAttachment } from "@/lib/attachments/service";
import { getLocale } from "@/lib/i18n/server";

/** An evidence file; `?inline=1` shows a PDF or an image in the browser (lib/attachments/service.ts authorizes, audits, sets the headers). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const [actor, locale, { id }] = await Promise.all([getActor(), getLocale(), params]);
  const inline = new URL(request.url).searchParams.get("inline") === "1";
  return downloadAttachment(actor, id, locale, { inline });
}
