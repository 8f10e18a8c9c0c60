import "server-only";
// 预警规则: the office tunes the light thresholds of DESIGN §3 (how far behind plan is yellow or red,
// how late a milestone may be before it is red) and the rules of the formalism signals (lib/signals:
// how similar a copied report is, how many months a frozen percent, below which percent a close-out
// is low). The same rules as `settings.update` of lib/org/service.ts, on these fields only: the
// report due days and the security policy stay the administrators'.
import { updateSettingsSchema } from "@/lib/org/schemas";
import { defineServiceAction, diff, type Tx } from "@/lib/server/action";
import { ConflictError, ValidationError } from "@/lib/server/errors";
import { refreshCommitteeSignals } from "@/lib/signals/refresh";
import { signalSettingsShape } from "@/lib/signals/schemas";

export const updateThresholdsSchema = updateSettingsSchema
  .pick({ yellowLagPoints: true, redLagPoints: true, milestoneRedDays: true, version: true })
  .extend(signalSettingsShape)
  .strict();

async function loadThresholds(tx: Tx, committeeId: string) {
  const select = {
    yellowLagPoints: true,
    redLagPoints: true,
    milestoneRedDays: true,
    signalCopySimilarity: true,
    signalFrozenMonths: true,
    signalCloseOutFloor: true,
    version: true,
  } as const;
  // Every committee is created with its settings; an older one gets the defaults on first edit.
  return (
    (await tx.committeeSettings.findUnique({ where: { committeeId }, select })) ??
    tx.committeeSettings.create({ data: { committeeId }, select })
  );
}

export const updateThresholds = defineServiceAction({
  name: "lights.updateThresholds",
  permission: "lights:write",
  input: updateThresholdsSchema,
  async load(tx, actor) {
    return { committeeId: actor.committee.id, thresholds: await loadThresholds(tx, actor.committee.id) };
  },
  async run({ tx, actor, input, target }) {
    const { version, ...data } = input;
    // A cross-field rule: checked here so its message can name the rule (zod keeps only validation.* keys).
    if (data.yellowLagPoints >= data.redLagPoints) throw new ValidationError({ redLagPoints: ["workbench.validation.redAboveYellow"] });
    const updated = await tx.committeeSettings.updateMany({
      where: { committeeId: target.committeeId, version },
      data: { ...data, updatedById: actor.userId, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError();
    const changes = diff(target.thresholds, data);
    // the signals follow their rules at once (the list, the counts, the ledger's filter)
    if (Object.keys(changes).some((field) => field.startsWith("signal"))) await refreshCommitteeSignals(tx, target.committeeId);
    return {
      result: { version: version + 1 },
      audit: { targetType: "CommitteeSettings", targetId: target.committeeId, changes },
    };
  },
});
