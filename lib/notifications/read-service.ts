import "server-only";
// Marking notifications read. A notification belongs to one user: these actions touch only the
// actor's own rows, and an id that is not theirs is a 404 like any record they cannot see. The
// permission is `account:write`, which every role holds for its own things (password, 2FA, inbox).
import { z } from "zod";
import { defineServiceAction } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { NotFoundError } from "@/lib/server/errors";
import { idField } from "@/lib/validation/fields";

export const markReadSchema = z.object({ ids: z.array(idField).max(100, "validation.tooBig") }).strict();

export const markNotificationsRead = defineServiceAction({
  name: "notification.markRead",
  permission: "account:write",
  input: markReadSchema,
  load: async (tx, actor, input) => {
    const ids = [...new Set(input.ids)];
    const own = await tx.notification.count({ where: { id: { in: ids }, userId: actor.userId } });
    if (own !== ids.length) throw new NotFoundError();
    return { committeeId: actor.committeeId };
  },
  run: async ({ tx, actor, input }) => {
    const ids = [...new Set(input.ids)];
    const { count } = await tx.notification.updateMany({
      where: { id: { in: ids }, userId: actor.userId, readAt: null },
      data: { readAt: now() },
    });
    return {
      result: { count },
      audit: { targetType: "Notification", targetId: ids.length === 1 ? ids[0]! : null, detail: `${count} marked read` },
    };
  },
});

export const markAllNotificationsRead = defineServiceAction({
  name: "notification.markAllRead",
  permission: "account:write",
  input: z.object({}).strict(),
  run: async ({ tx, actor }) => {
    const { count } = await tx.notification.updateMany({ where: { userId: actor.userId, readAt: null }, data: { readAt: now() } });
    return { result: { count }, audit: { targetType: "Notification", targetId: null, detail: `${count} marked read` } };
  },
});
