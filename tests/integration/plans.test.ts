import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { planWorkbookResponse } from "@/lib/plans/export";
import { listPlans } from "@/lib/plans/queries";
import { copyUnfinishedTasks, createPlan } from "@/lib/plans/service";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function setup() {
  const committee = await createCommittee();
  const group = await createGroup(committee.id, { shortName: "经济" });
  const lead = await createUnit(committee.id, { name: "县发展和改革委员会" });
  const partner = await createUnit(committee.id, { name: "县财政局" });
  const office = await actorFor((await createUser(committee.id, { role: "OFFICE", unitId: lead.id })).id);
  return { committee, group, lead, partner, office };
}

async function task(planId: string, world: Awaited<ReturnType<typeof setup>>, code: string, status: "ACTIVE" | "DONE") {
  return db.reformTask.create({
    data: {
      committeeId: world.committee.id,
      year: 2025,
      planId,
      groupId: world.group.id,
      code,
      title: `任务${code}`,
      goal: "目标",
      leadUnitId: world.lead.id,
      source: "SELF",
      startDate: d("2025-01-01"),
      dueDate: d("2025-12-31"),
      status,
      actualPercent: status === "DONE" ? 100 : 70,
      cooperatingUnits: { create: { unitId: world.partner.id } },
    },
  });
}

describe("annual plans", () => {
  it("creates a plan once per title and year", async () => {
    const { office } = await setup();
    const { id } = await createPlan(office, {
      year: 2026,
      title: "2026年全面深化改革工作要点",
      docNumber: "青改发〔2026〕1号",
      issuedOn: "2026-02-20",
    });
    expect(await db.workPlan.findUniqueOrThrow({ where: { id } })).toMatchObject({
      year: 2026,
      docNumber: "青改发〔2026〕1号",
      issuedOn: d("2026-02-20"),
    });
    await expect(createPlan(office, { year: 2026, title: "2026年全面深化改革工作要点" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("carries last year's unfinished tasks over once, with new codes and a link to the origin", async () => {
    const world = await setup();
    const last = await db.workPlan.create({ data: { committeeId: world.committee.id, year: 2025, title: "2025年工作要点" } });
    const unfinished = await task(last.id, world, "2025-经济-001", "ACTIVE");
    await task(last.id, world, "2025-经济-002", "DONE");
    const { id: planId } = await createPlan(world.office, { year: 2026, title: "2026年工作要点" });

    expect(await copyUnfinishedTasks(world.office, { planId, fromPlanId: last.id })).toEqual({ copied: 1, skipped: 0 });
    expect(await copyUnfinishedTasks(world.office, { planId, fromPlanId: last.id })).toEqual({ copied: 0, skipped: 0 });
    const copy = await db.reformTask.findFirstOrThrow({ where: { planId }, include: { cooperatingUnits: true } });
    expect(copy).toMatchObject({
      code: "2026-经济-001",
      originTaskId: unfinished.id,
      year: 2026,
      startDate: d("2026-01-01"),
      dueDate: d("2026-12-31"),
    });
    expect(copy.cooperatingUnits.map((row) => row.unitId)).toEqual([world.partner.id]);
    await expect(copyUnfinishedTasks(world.office, { planId: last.id, fromPlanId: planId })).rejects.toBeInstanceOf(ValidationError);

    const plans = await listPlans(world.office);
    expect(plans.map((plan) => [plan.year, plan.tasks, plan.done])).toEqual([
      [2026, 1, 0],
      [2025, 2, 1],
    ]);
  });

  it("downloads a plan as the import workbook, audited, and never another committee's", async () => {
    const world = await setup();
    const plan = await db.workPlan.create({ data: { committeeId: world.committee.id, year: 2025, title: "2025年工作要点" } });
    await task(plan.id, world, "2025-经济-001", "ACTIVE");
    const response = await planWorkbookResponse(world.office, plan.id, new Date());
    expect(response.headers.get("content-disposition")).toContain("filename*=UTF-8''");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.getWorksheet("改革任务")?.getCell("A2").value).toBe("2025-经济-001");
    expect(await db.auditEvent.count({ where: { event: "plan.export", targetId: plan.id } })).toBe(1);

    const other = await setup();
    await expect(planWorkbookResponse(other.office, plan.id, new Date())).rejects.toBeInstanceOf(NotFoundError);
  });
});
