import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getPlanDetail } from "@/lib/plans/queries";
import { updatePlan } from "@/lib/plans/service";
import { createWorkPoint, deleteWorkPoint, moveWorkPoint, updateWorkPoint } from "@/lib/plans/work-points";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

async function setup() {
  const committee = await createCommittee();
  const economy = await createGroup(committee.id, { shortName: "经济" });
  const rural = await db.specialGroup.update({
    where: { id: (await createGroup(committee.id, { shortName: "农村" })).id },
    data: { sortOrder: 1 },
  });
  const unit = await createUnit(committee.id);
  const office = await actorFor((await createUser(committee.id, { role: "OFFICE", unitId: unit.id })).id);
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年全面深化改革工作要点" } });
  return { committee, economy, rural, unit, office, plan };
}
type World = Awaited<ReturnType<typeof setup>>;

function taskUnder(world: World, workPointId: string, code: string) {
  return db.reformTask.create({
    data: {
      committeeId: world.committee.id,
      year: 2026,
      planId: world.plan.id,
      workPointId,
      groupId: world.economy.id,
      code,
      title: `任务${code}`,
      goal: "改革目标",
      leadUnitId: world.unit.id,
      source: "SELF",
      startDate: new Date("2026-01-01T00:00:00Z"),
      dueDate: new Date("2026-12-31T00:00:00Z"),
    },
  });
}

/** The plan's live points in order, as "number" strings. */
async function order(planId: string) {
  const points = await db.workPoint.findMany({ where: { planId, deletedAt: null }, orderBy: { sortOrder: "asc" } });
  return points.map((point) => point.number);
}

/** Refused with these field messages (422), and not by any other error. */
async function expectInvalid(attempt: Promise<unknown>, fieldErrors: Record<string, string[]>) {
  const error = await attempt.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).fieldErrors).toEqual(fieldErrors);
}

const audits = (event: string) => db.auditEvent.findMany({ where: { event }, orderBy: { id: "asc" } });

describe("work points of a plan", () => {
  it("adds a point last in the plan, after gaps left by an import, and audits it once", async () => {
    const world = await setup();
    await db.workPoint.create({
      data: { planId: world.plan.id, groupId: world.economy.id, number: "一、", title: "导入的要点", sortOrder: 5 },
    });
    const { id } = await createWorkPoint(world.office, {
      planId: world.plan.id,
      groupId: world.rural.id,
      number: "二、",
      title: "深化农村改革",
    });
    const { id: third } = await createWorkPoint(world.office, {
      planId: world.plan.id,
      groupId: world.economy.id,
      number: "三、",
      title: "优化营商环境",
    });
    expect(await db.workPoint.findUniqueOrThrow({ where: { id } })).toMatchObject({
      sortOrder: 6,
      groupId: world.rural.id,
      title: "深化农村改革",
    });
    expect((await db.workPoint.findUniqueOrThrow({ where: { id: third } })).sortOrder).toBe(7);
    expect((await audits("workPoint.create")).map((row) => [row.targetId, row.result])).toEqual([
      [id, "SUCCESS"],
      [third, "SUCCESS"],
    ]);

    await expectInvalid(
      createWorkPoint(world.office, { planId: world.plan.id, groupId: world.economy.id, number: "二、", title: "同号" }),
      { number: ["plans.errors.duplicateNumber"] },
    );
    const other = await createCommittee();
    const foreignGroup = await createGroup(other.id);
    await expect(
      createWorkPoint(world.office, { planId: world.plan.id, groupId: foreignGroup.id, number: "四、", title: "别处的小组" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await order(world.plan.id)).toEqual(["一、", "二、", "三、"]);
  });

  it("moves a point up and down within its group, renumbering the plan 0..n-1 and keeping edit stamps", async () => {
    const world = await setup();
    const make = (number: string, groupId: string, sortOrder: number) =>
      db.workPoint.create({ data: { planId: world.plan.id, groupId, number, title: `要点${number}`, sortOrder } });
    // gaps and a tie, as imports and deletions leave them; (二) belongs to another group
    const a = await make("（一）", world.economy.id, 3);
    await make("（二）", world.rural.id, 3);
    const c = await make("（三）", world.economy.id, 9);
    await make("（四）", world.economy.id, 20);

    expect(await moveWorkPoint(world.office, { id: c.id, direction: "up" })).toEqual({ moved: true });
    expect(await order(world.plan.id)).toEqual(["（三）", "（二）", "（一）", "（四）"]);
    const rows = await db.workPoint.findMany({ where: { planId: world.plan.id }, orderBy: { sortOrder: "asc" } });
    expect(rows.map((row) => row.sortOrder)).toEqual([0, 1, 2, 3]);
    expect((await db.workPoint.findUniqueOrThrow({ where: { id: c.id } })).updatedAt).toEqual(c.updatedAt);

    expect(await moveWorkPoint(world.office, { id: a.id, direction: "down" })).toEqual({ moved: true });
    expect(await order(world.plan.id)).toEqual(["（三）", "（二）", "（四）", "（一）"]);

    // already last (first) of its group: nothing moves, the answer says so, still audited
    expect(await moveWorkPoint(world.office, { id: a.id, direction: "down" })).toEqual({ moved: false });
    expect(await moveWorkPoint(world.office, { id: c.id, direction: "up" })).toEqual({ moved: false });
    expect(await order(world.plan.id)).toEqual(["（三）", "（二）", "（四）", "（一）"]);

    const moves = await audits("workPoint.move");
    expect(moves.map((row) => [row.targetId, row.detail])).toEqual([
      [c.id, "moved up"],
      [a.id, "moved down"],
      [a.id, "already last in its group"],
      [c.id, "already first in its group"],
    ]);
    expect(moves[0]!.changes).toEqual({ sortOrder: [9, 0] });

    // the page lists the same order, by group
    const detail = await getPlanDetail(world.office, world.plan.id);
    expect(
      detail.sections.map((section) => [section.groupName, section.points.map((point) => [point.number, point.first, point.last])]),
    ).toEqual([
      [
        world.economy.name,
        [
          ["（三）", true, false],
          ["（四）", false, false],
          ["（一）", false, true],
        ],
      ],
      [world.rural.name, [["（二）", true, true]]],
    ]);
  });

  it("saves an edit based on the current stamp, refuses a stale one and changes nothing", async () => {
    const world = await setup();
    const point = await db.workPoint.create({
      data: { planId: world.plan.id, groupId: world.economy.id, number: "一、", title: "原标题" },
    });
    await db.workPoint.create({
      data: { planId: world.plan.id, groupId: world.economy.id, number: "二、", title: "另一条", sortOrder: 1 },
    });
    const first = await updateWorkPoint(world.office, {
      id: point.id,
      expectedUpdatedAt: point.updatedAt.toISOString(),
      groupId: world.rural.id,
      number: "一、",
      title: "第一次修改",
    });
    expect(first.updatedAt).not.toBe(point.updatedAt.toISOString());
    const [audit] = await audits("workPoint.update");
    expect(audit!.changes).toEqual({ groupId: [world.economy.id, world.rural.id], title: ["原标题", "第一次修改"] });

    // a second editor still holding the original stamp
    const stale = updateWorkPoint(world.office, {
      id: point.id,
      expectedUpdatedAt: point.updatedAt.toISOString(),
      groupId: world.economy.id,
      number: "一、",
      title: "过时的修改",
    });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    const conflict = (await stale.catch((error: ConflictError) => error)) as ConflictError;
    expect(conflict.current).toMatchObject({
      workPoint: { title: "第一次修改", updatedAt: first.updatedAt },
      lastChange: { actorName: world.office.name },
    });
    expect(await db.workPoint.findUniqueOrThrow({ where: { id: point.id } })).toMatchObject({
      title: "第一次修改",
      groupId: world.rural.id,
    });
    // the saved edit, and the stale one recorded as not saved
    expect((await audits("workPoint.update")).map((row) => row.result)).toEqual(["SUCCESS", "CONFLICT"]);

    await expectInvalid(
      updateWorkPoint(world.office, {
        id: point.id,
        expectedUpdatedAt: first.updatedAt,
        groupId: world.rural.id,
        number: "二、",
        title: "撞号",
      }),
      { number: ["plans.errors.duplicateNumber"] },
    );

    // with tasks under it, the point keeps its group (the tasks carry it)
    await taskUnder(world, point.id, "2026-经济-001");
    await expectInvalid(
      updateWorkPoint(world.office, {
        id: point.id,
        expectedUpdatedAt: first.updatedAt,
        groupId: world.economy.id,
        number: "一、",
        title: "换组",
      }),
      { groupId: ["plans.errors.pointGroupHasTasks"] },
    );
    await updateWorkPoint(world.office, {
      id: point.id,
      expectedUpdatedAt: first.updatedAt,
      groupId: world.rural.id,
      number: "一、",
      title: "只改标题",
    });
    expect((await db.workPoint.findUniqueOrThrow({ where: { id: point.id } })).title).toBe("只改标题");
  });

  it("deletes a point only when no live task belongs to it, softly and audited", async () => {
    const world = await setup();
    const busy = await db.workPoint.create({ data: { planId: world.plan.id, groupId: world.economy.id, number: "一、", title: "有任务" } });
    const idle = await db.workPoint.create({
      data: { planId: world.plan.id, groupId: world.economy.id, number: "二、", title: "无任务", sortOrder: 1 },
    });
    const task = await taskUnder(world, busy.id, "2026-经济-001");

    await expectInvalid(deleteWorkPoint(world.office, { id: busy.id }), { _form: ["plans.errors.pointHasTasks"] });
    expect((await db.workPoint.findUniqueOrThrow({ where: { id: busy.id } })).deletedAt).toBeNull();

    await deleteWorkPoint(world.office, { id: idle.id });
    expect(await db.workPoint.findUniqueOrThrow({ where: { id: idle.id } })).toMatchObject({ deletedById: world.office.userId });
    expect((await db.workPoint.findUniqueOrThrow({ where: { id: idle.id } })).deletedAt).toBeInstanceOf(Date);
    await expect(deleteWorkPoint(world.office, { id: idle.id })).rejects.toBeInstanceOf(NotFoundError);

    // a deleted task no longer holds its point
    await db.reformTask.update({ where: { id: task.id }, data: { deletedAt: new Date() } });
    await deleteWorkPoint(world.office, { id: busy.id });
    expect((await audits("workPoint.delete")).map((row) => [row.targetId, row.result])).toEqual([
      [idle.id, "SUCCESS"],
      [idle.id, "DENIED"],
      [busy.id, "SUCCESS"],
    ]);
    expect((await getPlanDetail(world.office, world.plan.id)).sections).toEqual([]);
    // the number is free again
    await createWorkPoint(world.office, { planId: world.plan.id, groupId: world.economy.id, number: "一、", title: "重新编排" });
  });

  it("refuses liaisons, reporters, leaders and another committee's office, changing nothing", async () => {
    const world = await setup();
    const point = await db.workPoint.create({
      data: { planId: world.plan.id, groupId: world.economy.id, number: "一、", title: "原标题" },
    });
    const liaison = await actorFor((await createUser(world.committee.id, { role: "GROUP_LIAISON", groupId: world.economy.id })).id);
    const reporter = await actorFor((await createUser(world.committee.id, { role: "UNIT_REPORTER", unitId: world.unit.id })).id);
    const leader = await actorFor((await createUser(world.committee.id, { role: "LEADER" })).id);
    const other = await createCommittee();
    const outsider = await actorFor((await createUser(other.id, { role: "OFFICE", unitId: (await createUnit(other.id)).id })).id);
    const edit = {
      id: point.id,
      expectedUpdatedAt: point.updatedAt.toISOString(),
      groupId: world.economy.id,
      number: "一、",
      title: "越权",
    };

    for (const actor of [liaison, reporter, leader, outsider]) {
      const attempts = [
        () => createWorkPoint(actor, { planId: world.plan.id, groupId: world.economy.id, number: "二、", title: "越权新增" }),
        () => updateWorkPoint(actor, edit),
        () => moveWorkPoint(actor, { id: point.id, direction: "down" }),
        () => deleteWorkPoint(actor, { id: point.id }),
        () => updatePlan(actor, { id: world.plan.id, expectedUpdatedAt: world.plan.updatedAt.toISOString(), title: "越权修改" }),
      ];
      for (const attempt of attempts) {
        const error = await attempt().then(
          () => null,
          (caught: unknown) => caught,
        );
        expect(error instanceof ForbiddenError || error instanceof NotFoundError, String(error)).toBe(true);
      }
    }
    await expect(updateWorkPoint(outsider, edit)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateWorkPoint(reporter, edit)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.workPoint.findMany({ where: { planId: world.plan.id } })).toEqual([
      expect.objectContaining({ id: point.id, title: "原标题", deletedAt: null }),
    ]);
    expect((await db.workPlan.findUniqueOrThrow({ where: { id: world.plan.id } })).title).toBe("2026年全面深化改革工作要点");
    const denied = await db.auditEvent.findMany({ where: { result: "DENIED" } });
    expect(denied).toHaveLength(22);
    expect(await db.auditEvent.count({ where: { result: "SUCCESS" } })).toBe(0);
    // the page is another committee's 404; the committee's own reporter opens it, but without the
    // point, which holds no task of its unit (the plan page is scoped like the ledger)
    await expect(getPlanDetail(outsider, world.plan.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await getPlanDetail(reporter, world.plan.id)).toMatchObject({ id: world.plan.id, reach: "unit", points: 0, tasks: 0 });
  });
});

describe("editing a plan", () => {
  it("changes title, 文号 and issued date, refuses a duplicate title and a stale stamp", async () => {
    const world = await setup();
    const sibling = await db.workPlan.create({ data: { committeeId: world.committee.id, year: 2026, title: "2026年改革补充要点" } });
    const result = await updatePlan(world.office, {
      id: world.plan.id,
      expectedUpdatedAt: world.plan.updatedAt.toISOString(),
      title: "2026年全面深化改革工作要点（修订）",
      docNumber: "测改发〔2026〕2号",
      issuedOn: "2026-03-01",
    });
    const saved = await db.workPlan.findUniqueOrThrow({ where: { id: world.plan.id } });
    expect(saved).toMatchObject({
      title: "2026年全面深化改革工作要点（修订）",
      docNumber: "测改发〔2026〕2号",
      issuedOn: new Date("2026-03-01T00:00:00Z"),
      version: 2,
      year: 2026,
    });
    expect(result.updatedAt).toBe(saved.updatedAt.toISOString());
    const [audit] = await audits("plan.update");
    expect(audit!.changes).toEqual({
      title: ["2026年全面深化改革工作要点", "2026年全面深化改革工作要点（修订）"],
      docNumber: [null, "测改发〔2026〕2号"],
      issuedOn: [null, "2026-03-01"],
    });

    await expectInvalid(updatePlan(world.office, { id: world.plan.id, expectedUpdatedAt: result.updatedAt, title: sibling.title }), {
      title: ["validation.duplicateName"],
    });
    await expect(
      updatePlan(world.office, { id: world.plan.id, expectedUpdatedAt: world.plan.updatedAt.toISOString(), title: "过时的修改" }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await db.workPlan.findUniqueOrThrow({ where: { id: world.plan.id } })).toEqual(saved);
    expect((await audits("plan.update")).map((row) => row.result)).toEqual(["SUCCESS", "CONFLICT"]);

    // the same title in another year is a different plan, and allowed
    const nextYear = await db.workPlan.create({ data: { committeeId: world.committee.id, year: 2027, title: "2027年工作要点" } });
    await updatePlan(world.office, { id: nextYear.id, expectedUpdatedAt: nextYear.updatedAt.toISOString(), title: sibling.title });
    expect((await db.workPlan.findUniqueOrThrow({ where: { id: nextYear.id } })).title).toBe(sibling.title);
  });
});
