import "server-only";
// 形式主义预警: the office sets a signal aside with a reason (the finding was explained, or is not
// formalism). Audited like every write; the signal stays, dismissed, and never comes back.
import { visibleCommitteeIds } from "@/lib/auth/permissions";
import { defineServiceAction } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { dismissSignalSchema } from "./schemas";

const SIGNAL = "Signal";

export const dismissSignal = defineServiceAction({
  name: "signal.dismiss",
  permission: "signal:dismiss",
  input: dismissSignalSchema,
  async load(tx, actor, input) {
    const signal = await tx.signal.findFirst({
      where: { id: input.id, committeeId: { in: visibleCommitteeIds(actor, "signal:read") }, task: { deletedAt: null } },
      select: {
        id: true,
        committeeId: true,
        kind: true,
        period: true,
        version: true,
        dismissedAt: true,
        dismissReason: true,
        task: { select: { code: true } },
      },
    });
    if (!signal) throw new NotFoundError();
    return { committeeId: signal.committeeId, signal };
  },
  async run({ tx, actor, input, target: { signal } }) {
    // someone dismissed it meanwhile (or the refresh changed it): they are shown the signal as it now is
    const current = { signal: { id: signal.id, version: signal.version, dismissedAt: signal.dismissedAt, reason: signal.dismissReason } };
    if (signal.version !== input.version || signal.dismissedAt) throw new ConflictError(current);
    const at = now();
    const updated = await tx.signal.updateMany({
      where: { id: signal.id, version: input.version, dismissedAt: null },
      data: { dismissedAt: at, dismissedById: actor.userId, dismissReason: input.reason, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError(current);
    const month = signal.period ? `, ${signal.period.toISOString().slice(0, 7)}` : "";
    return {
      result: { id: signal.id, version: signal.version + 1 },
      audit: {
        targetType: SIGNAL,
        targetId: signal.id,
        changes: { dismissedAt: [null, at.toISOString()], dismissReason: [null, input.reason] },
        detail: `signal ${signal.kind} on task ${signal.task.code}${month}`,
      },
    };
  },
});
