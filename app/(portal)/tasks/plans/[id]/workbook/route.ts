import { getActor } from "@/lib/auth/actor";
import { getTranslator } from "@/lib/i18n/server";
import { planWorkbookExport } from "@/lib/plans/route";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  return planWorkbookExport(await getActor(), (await context.params).id, await getTranslator());
}
