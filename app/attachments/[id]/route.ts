import { getActor } from "@/lib/auth/actor";
import { downloadAttachment } from "@/lib/attachments/service";
import { getLocale } from "@/lib/i18n/server";

/** An evidence file (lib/attachments/service.ts authorizes on its task, audits and sets the headers). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const [actor, locale, { id }] = await Promise.all([getActor(), getLocale(), params]);
  return downloadAttachment(actor, id, locale);
}
