import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { contentDisposition } from "@/lib/attachments/rules";
import { auditBase, authorizeRead } from "@/lib/server/action";
import { recordAudit } from "@/lib/server/audit";
import { NotFoundError, RateLimitedError } from "@/lib/server/errors";
import { consume } from "@/lib/server/rate-limit";
import { buildPlanWorkbook } from "./excel";
import { planWorkbookData } from "./import";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A plan as the import workbook (an empty plan gives the template); audited and rate-limited. */
export async function planWorkbookResponse(actor: Actor, planId: string, now: Date): Promise<Response> {
  authorizeRead(actor, "plan:read");
  const plan = await db.workPlan.findFirst({ where: { id: planId, committeeId: actor.committee.id, deletedAt: null } });
  if (!plan) throw new NotFoundError();
  const limit = await consume(`export:${actor.userId}`, 30, 600, now);
  if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);

  const buffer = await buildPlanWorkbook(await planWorkbookData(db, plan.committeeId, plan.id));
  await recordAudit(db, { ...auditBase(actor), event: "plan.export", targetType: "WorkPlan", targetId: plan.id });
  const name = `${actor.committee.regionName}${plan.year}年工作要点.xlsx`;
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": XLSX,
      "Content-Disposition": contentDisposition(name),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
