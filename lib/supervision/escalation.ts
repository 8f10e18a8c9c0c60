import "server-only";
// 督办升级: a notice whose answer is overdue (still ISSUED or RETURNED after its response deadline,
// on the Beijing calendar) is escalated once: the lead unit's reporters and the task's linked
// leader (挂钩县领导) are told, and the thread records ESCALATE. Called from the periodic job tick.
// Idempotent on any number of instances: each notice is claimed by setting escalatedAt where it is
// still null (one winner), and the notifications carry the dedupe key `notice-escalate:<id>`.
import { db } from "@/lib/db/client";
import { enqueueMails } from "@/lib/notifications/mail";
import { notify, reporterIdsOf, type NotificationInput } from "@/lib/notifications/service";
import { now } from "@/lib/server/clock";
import { dayOf } from "@/lib/tasks/rules";
import { NOTICE } from "./service";

const isoDay = (day: Date) => day.toISOString().slice(0, 10);

/** Escalates every overdue, not yet escalated notice; returns how many were escalated by this call. */
export async function escalationTick(at: Date = now()): Promise<number> {
  const overdue = await db.supervisionNotice.findMany({
    where: {
      deletedAt: null,
      escalatedAt: null,
      status: { in: ["ISSUED", "RETURNED"] },
      responseDueDate: { lt: dayOf(at) },
    },
    select: { id: true },
    orderBy: { issuedAt: "asc" },
    take: 500,
  });
  let escalated = 0;
  for (const { id } of overdue) {
    const done = await db.$transaction(async (tx) => {
      const claimed = await tx.supervisionNotice.updateMany({
        where: { id, escalatedAt: null, status: { in: ["ISSUED", "RETURNED"] } },
        data: { escalatedAt: at },
      });
      if (claimed.count === 0) return false;
      const notice = await tx.supervisionNotice.findUniqueOrThrow({
        where: { id },
        select: {
          committeeId: true,
          unitId: true,
          number: true,
          responseDueDate: true,
          task: { select: { title: true, leader: { select: { id: true, disabledAt: true, deletedAt: true } } } },
        },
      });
      await tx.workflowEvent.create({ data: { entityType: NOTICE, entityId: id, action: "ESCALATE", actorId: null } });
      const leader = notice.task.leader;
      const userIds = [
        ...(await reporterIdsOf(tx, notice.committeeId, notice.unitId)),
        ...(leader && !leader.disabledAt && !leader.deletedAt ? [leader.id] : []),
      ];
      const input: NotificationInput = {
        kind: "NOTICE_ISSUED",
        title: "supervision.notifications.escalated",
        params: { number: notice.number, task: notice.task.title, due: isoDay(notice.responseDueDate) },
        link: `/supervision/${id}`,
        dedupeKey: `notice-escalate:${id}`,
      };
      await notify(tx, notice.committeeId, userIds, input);
      await enqueueMails(tx, userIds, input);
      return true;
    });
    if (done) escalated += 1;
  }
  return escalated;
}
