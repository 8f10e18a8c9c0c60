import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { contentDisposition } from "@/lib/attachments/rules";
import { auditBase, authorizeRead } from "@/lib/server/action";
import { recordAudit } from "@/lib/server/audit";
import { AppError, ForbiddenError, NotFoundError, RateLimitedError } from "@/lib/server/errors";
import { consume } from "@/lib/server/rate-limit";
import { buildPlanWorkbook } from "./excel";
import { planWorkbookData } from "./import";
import { readsWholePlan } from "./rules";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * A plan as the import workbook (an empty plan gives the template); audited and rate-limited.
 * It holds every point and task of the plan, so only those who read the plan whole take it
 * (office, leaders): a liaison or reporter, who reads its part of the plan on the page, is refused
 * with 403; a role that reads no plan, or another committee's plan, gets 404. Every refusal is audited.
 */
export async function planWorkbookResponse(actor: Actor, planId: string, now: Date): Promise<Response> {
  const audit = { ...auditBase(actor), event: "plan.export", targetType: "WorkPlan" };
  let plan;
  try {
    authorizeRead(actor, "plan:read");
    plan = await db.workPlan.findFirst({ where: { id: planId, committeeId: actor.committee.id, deletedAt: null } });
    if (!plan) throw new NotFoundError();
    if (!readsWholePlan(actor, plan.committeeId)) throw new ForbiddenError();
    const limit = await consume(`export:${actor.userId}`, 30, 600, now);
    if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
  } catch (error) {
    if (error instanceof AppError) {
      // the id as asked (an address segment), cut to an id's length: another committee's plan is named, noise is not kept whole
      const targetId = plan?.id ?? planId.slice(0, 64);
      await recordAudit(db, { ...audit, targetId, result: "DENIED", detail: `${error.status} ${error.name}` });
    }
    throw error;
  }

  const buffer = await buildPlanWorkbook(await planWorkbookData(db, plan.committeeId, plan.id));
  await recordAudit(db, { ...audit, targetId: plan.id });
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
