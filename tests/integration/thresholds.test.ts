// 预警规则: the office tunes the light thresholds (lights.updateThresholds); the ledger's lights
// follow at once, the change is audited old → new, and the other settings stay as they were.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { updateThresholds } from "@/lib/dashboard/thresholds-service";
import { getOfficeWorkbench } from "@/lib/dashboard/workbench";
import { listLedger } from "@/lib/ledger/queries";
import { DEFAULT_LEDGER_PARAMS } from "@/lib/ledger/schemas";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { createTask } from "@/lib/tasks/service";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

// 22 November 2026: a task running through 2026 is planned at 89 %.
process.env.APP_NOW = "2026-11-22T02:00:00.000Z";

/** A task 19 points behind plan (89 % planned, 70 % approved for October): yellow by default. */
async function setup() {
  const committee = await createCommittee();
  const group = await createGroup(committee.id, { name: "经济体制改革专项小组", shortName: "经济" });
  const lead = await createUnit(committee.id);
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年全面深化改革工作要点" } });
  const office = await actorFor((await createUser(committee.id, { role: "OFFICE" })).id);
  const reporter = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: lead.id })).id);
  const task = await createTask(office, {
    planId: plan.id,
    groupId: group.id,
    title: "深化营商环境改革",
    goal: "企业开办一日办结",
    leadUnitId: lead.id,
    cooperatingUnitIds: [],
    source: "SELF",
    startDate: "2026-01-01",
    dueDate: "2026-12-31",
    milestones: [],
  });
  await db.progressReport.create({
    data: {
      taskId: task.id,
      unitId: lead.id,
      kind: "LEAD",
      period: new Date("2026-10-01T00:00:00Z"),
      progress: "已完成方案起草",
      percent: 70,
      status: "APPROVED",
      submittedAt: new Date("2026-11-03T02:00:00Z"),
      firstSubmittedAt: new Date("2026-11-03T02:00:00Z"),
      reviewedAt: new Date("2026-11-04T02:00:00Z"),
    },
  });
  return { committee, office, reporter, task };
}

async function lightOf(actor: Awaited<ReturnType<typeof setup>>["office"], taskId: string) {
  const page = await listLedger(actor, DEFAULT_LEDGER_PARAMS, { all: true });
  const row = page.rows.find((candidate) => candidate.id === taskId)!;
  return { light: row.light, lag: row.lag };
}

async function auditMark() {
  return (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (caught: unknown) => caught,
  );
}

describe("lights.updateThresholds", () => {
  it("lets the office change the thresholds: audited old → new, other settings untouched, lights follow", async () => {
    const w = await setup();
    expect(await lightOf(w.office, w.task.id)).toEqual({ light: "YELLOW", lag: 19 });
    const before = await db.committeeSettings.findUniqueOrThrow({ where: { committeeId: w.committee.id } });

    const mark = await auditMark();
    const result = await updateThresholds(w.office, { yellowLagPoints: 20, redLagPoints: 30, milestoneRedDays: 15, version: 1 });
    expect(result).toEqual({ version: 2 });
    const after = await db.committeeSettings.findUniqueOrThrow({ where: { committeeId: w.committee.id } });
    expect(after).toMatchObject({ yellowLagPoints: 20, redLagPoints: 30, milestoneRedDays: 15, version: 2, updatedById: w.office.userId });
    expect({ ...after, yellowLagPoints: 10, milestoneRedDays: 30, version: 1, updatedAt: null, updatedById: null }).toEqual({
      ...before,
      updatedAt: null,
      updatedById: null,
    });
    const audit = await db.auditEvent.findMany({ where: { id: { gt: mark } } });
    expect(audit.map((row) => [row.event, row.result, row.targetType, row.targetId])).toEqual([
      ["lights.updateThresholds", "SUCCESS", "CommitteeSettings", w.committee.id],
    ]);
    expect(audit[0]!.changes).toEqual({ yellowLagPoints: [10, 20], milestoneRedDays: [30, 15] });

    // 19 points behind is now within the yellow threshold …
    expect(await lightOf(w.office, w.task.id)).toEqual({ light: "GREEN", lag: 19 });
    // … and red once the red threshold drops below it
    await updateThresholds(w.office, { yellowLagPoints: 10, redLagPoints: 15, milestoneRedDays: 15, version: 2 });
    expect(await lightOf(w.office, w.task.id)).toEqual({ light: "RED", lag: 19 });

    const workbench = await getOfficeWorkbench(w.office);
    expect(workbench.thresholds).toEqual({
      yellowLagPoints: 10,
      redLagPoints: 15,
      milestoneRedDays: 15,
      // the rules of the formalism signals, edited in the same dialog, at their defaults
      signalCopySimilarity: 90,
      signalFrozenMonths: 2,
      signalCloseOutFloor: 60,
      version: 3,
      editable: true,
    });
    expect(workbench.lights.counts.RED).toBe(1);
  });

  it("refuses a yellow threshold at or above the red one, and values out of range, with field messages", async () => {
    const w = await setup();
    const equal = await rejection(updateThresholds(w.office, { yellowLagPoints: 30, redLagPoints: 30, milestoneRedDays: 30, version: 1 }));
    expect(equal).toBeInstanceOf(ValidationError);
    expect((equal as ValidationError).fieldErrors).toEqual({ redLagPoints: ["workbench.validation.redAboveYellow"] });
    const above = await rejection(updateThresholds(w.office, { yellowLagPoints: 40, redLagPoints: 30, milestoneRedDays: 30, version: 1 }));
    expect((above as ValidationError).fieldErrors).toEqual({ redLagPoints: ["workbench.validation.redAboveYellow"] });
    const range = await rejection(updateThresholds(w.office, { yellowLagPoints: 0, redLagPoints: 101, milestoneRedDays: 400, version: 1 }));
    expect(range).toBeInstanceOf(ValidationError);
    expect((range as ValidationError).fieldErrors).toMatchObject({
      yellowLagPoints: ["validation.tooSmall"],
      redLagPoints: ["validation.tooBig"],
      milestoneRedDays: ["validation.tooBig"],
    });
    // the other settings are not this action's to change
    const extra = await rejection(
      updateThresholds(w.office, { yellowLagPoints: 10, redLagPoints: 30, milestoneRedDays: 30, monthlyReportDueDay: 9, version: 1 }),
    );
    expect(extra).toBeInstanceOf(ValidationError);
    expect(await db.committeeSettings.findUniqueOrThrow({ where: { committeeId: w.committee.id } })).toMatchObject({
      yellowLagPoints: 10,
      redLagPoints: 30,
      milestoneRedDays: 30,
      monthlyReportDueDay: 5,
      version: 1,
    });
  });

  it("refuses a stale version with a conflict and leaves the newer values", async () => {
    const w = await setup();
    await updateThresholds(w.office, { yellowLagPoints: 12, redLagPoints: 30, milestoneRedDays: 30, version: 1 });
    const stale = await rejection(updateThresholds(w.office, { yellowLagPoints: 15, redLagPoints: 40, milestoneRedDays: 30, version: 1 }));
    expect(stale).toBeInstanceOf(ConflictError);
    expect(await db.committeeSettings.findUniqueOrThrow({ where: { committeeId: w.committee.id } })).toMatchObject({
      yellowLagPoints: 12,
      redLagPoints: 30,
      version: 2,
    });
  });

  it("refuses a unit's reporter and audits the refusal", async () => {
    const w = await setup();
    const mark = await auditMark();
    const refused = await rejection(
      updateThresholds(w.reporter, { yellowLagPoints: 20, redLagPoints: 40, milestoneRedDays: 30, version: 1 }),
    );
    expect(refused instanceof ForbiddenError || refused instanceof NotFoundError).toBe(true);
    const audit = await db.auditEvent.findMany({ where: { id: { gt: mark } } });
    expect(audit.map((row) => [row.event, row.result])).toEqual([["lights.updateThresholds", "DENIED"]]);
    expect(await db.committeeSettings.findUniqueOrThrow({ where: { committeeId: w.committee.id } })).toMatchObject({
      yellowLagPoints: 10,
      redLagPoints: 30,
      version: 1,
    });
    expect(await lightOf(w.office, w.task.id)).toEqual({ light: "YELLOW", lag: 19 });
  });
});
