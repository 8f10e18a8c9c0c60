import "server-only";
// 批示逾期: an instruction whose answer is overdue (still OPEN after its answer-by date, on the
// Beijing calendar) becomes an office follow-up item: the office workbench lists it (a query over
// the same condition), and once per round the committee's office is told and the thread records
// ESCALATE. Called from the periodic job tick (lib/jobs/scheduler.ts). Idempotent on any number of
// instances: each round is claimed by setting overdueAt where it is still null (one winner), and the
// notifications carry the dedupe key `instruction-overdue:<id>:<round>`. Asking again (再次批示)
// starts a new round with overdueAt cleared.
import { db } from "@/lib/db/client";
import { enqueueMails } from "@/lib/notifications/mail";
import { notify, officeIdsOf, type NotificationInput } from "@/lib/notifications/service";
import { now } from "@/lib/server/clock";
import { dayOf } from "@/lib/tasks/rules";
import { INSTRUCTION } from "./service";

const isoDay = (day: Date) => day.toISOString().slice(0, 10);

/** Turns every overdue, not yet followed-up answer into an office follow-up; returns how many this call did. */
export async function instructionOverdueTick(at: Date = now()): Promise<number> {
  const overdue = await db.instruction.findMany({
    where: { deletedAt: null, overdueAt: null, status: "OPEN", answerDueDate: { lt: dayOf(at) }, task: { deletedAt: null } },
    select: { id: true },
    orderBy: [{ answerDueDate: "asc" }, { id: "asc" }],
    take: 500,
  });
  let followedUp = 0;
  for (const { id } of overdue) {
    const done = await db.$transaction(async (tx) => {
      // bookkeeping of the system, not an edit: the version the unit's form holds stays valid
      const claimed = await tx.instruction.updateMany({
        where: { id, overdueAt: null, status: "OPEN", answerDueDate: { lt: dayOf(at) } },
        data: { overdueAt: at },
      });
      if (claimed.count === 0) return false;
      const row = await tx.instruction.findUniqueOrThrow({
        where: { id },
        select: {
          committeeId: true,
          round: true,
          answerDueDate: true,
          leader: { select: { name: true } },
          unit: { select: { name: true } },
          task: { select: { title: true } },
        },
      });
      await tx.workflowEvent.create({ data: { entityType: INSTRUCTION, entityId: id, action: "ESCALATE", actorId: null, createdAt: at } });
      const userIds = await officeIdsOf(tx, row.committeeId);
      const input: NotificationInput = {
        kind: "INSTRUCTION",
        title: "instructions.notifications.overdue",
        params: { leader: row.leader.name, task: row.task.title, unit: row.unit.name, due: isoDay(row.answerDueDate) },
        link: `/instructions/${id}`,
        dedupeKey: `instruction-overdue:${id}:${row.round}`,
      };
      await notify(tx, row.committeeId, userIds, input);
      await enqueueMails(tx, userIds, input);
      return true;
    });
    if (done) followedUp += 1;
  }
  return followedUp;
}
