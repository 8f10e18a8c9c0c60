import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { completeMilestone, createTask, updateTask } from "@/lib/tasks/service";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

async function setup() {
  const committee = await createCommittee();
  const group = await createGroup(committee.id, { name: "经济体制和生态文明体制改革专项小组", shortName: "经济" });
  const [lead, helper, third] = [await createUnit(committee.id), await createUnit(committee.id), await createUnit(committee.id)];
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年全面深化改革工作要点" } });
  const office = await actorFor((await createUser(committee.id, { role: "OFFICE", name: "改革办甲" })).id);
  const office2 = await actorFor((await createUser(committee.id, { role: "OFFICE", name: "改革办乙" })).id);
  const leaderUser = await createUser(committee.id, { role: "LEADER" });
  await db.user.update({ where: { id: leaderUser.id }, data: { isLeader: true, leaderTitle: "副县长" } });
  const other = await createCommittee();
  const foreignUnit = await createUnit(other.id);
  const input = {
    planId: plan.id,
    groupId: group.id,
    title: "深化营商环境改革",
    goal: "企业开办一日办结",
    leadUnitId: lead.id,
    cooperatingUnitIds: [helper.id],
    leaderId: leaderUser.id,
    isKey: true,
    source: "SELF",
    startDate: "2026-01-01",
    dueDate: "2026-12-31",
    milestones: [
      { title: "出台方案", plannedDate: "2026-03-31", plannedPercent: 30 },
      { title: "全面推开", plannedDate: "2026-09-30", plannedPercent: 80 },
    ],
  };
  return { committee, group, lead, helper, third, plan, office, office2, leaderUser, foreignUnit, input };
}

async function newAudit(since: bigint) {
  return db.auditEvent.findMany({ where: { id: { gt: since } }, orderBy: { id: "asc" } });
}
async function auditMark() {
  return (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

describe("task.create", () => {
  it("numbers tasks per group and year when no code is given, records history and one audit row each", async () => {
    const w = await setup();
    const mark = await auditMark();
    const first = await createTask(w.office, w.input);
    const second = await createTask(w.office, { ...w.input, title: "第二项任务", milestones: [] });
    expect(first.code).toBe("2026-经济-001");
    expect(second.code).toBe("2026-经济-002");

    const task = await db.reformTask.findUniqueOrThrow({
      where: { id: first.id },
      include: { cooperatingUnits: true, milestones: { orderBy: { sortOrder: "asc" } } },
    });
    expect(task).toMatchObject({
      committeeId: w.committee.id,
      year: 2026,
      status: "ACTIVE",
      version: 1,
      isKey: true,
      leaderId: w.leaderUser.id,
    });
    expect(task.cooperatingUnits.map((unit) => unit.unitId)).toEqual([w.helper.id]);
    expect(task.milestones.map((milestone) => [milestone.plannedDate.toISOString().slice(0, 10), milestone.plannedPercent])).toEqual([
      ["2026-03-31", 30],
      ["2026-09-30", 80],
    ]);
    const history = await db.changeRecord.findMany({ where: { entityType: "ReformTask", entityId: first.id } });
    expect(history).toHaveLength(1);
    expect(history[0]!.reason).toBe("created");
    expect((history[0]!.changes as Record<string, unknown>).code).toEqual([null, "2026-经济-001"]);

    const audit = await newAudit(mark);
    expect(audit.map((row) => [row.event, row.result, row.targetId])).toEqual([
      ["task.create", "SUCCESS", first.id],
      ["task.create", "SUCCESS", second.id],
    ]);
  });

  it("refuses an explicit code already used in the committee on the code field", async () => {
    const w = await setup();
    await createTask(w.office, { ...w.input, code: "2026-经济-专-01" });
    const errors = await fieldErrorsOf(createTask(w.office, { ...w.input, title: "另一项改革任务", code: "2026-经济-专-01" }));
    expect(errors).toEqual({ code: ["tasks.validation.duplicateCode"] });
    // the same title and the same code: both fields are told at once
    expect(await fieldErrorsOf(createTask(w.office, { ...w.input, code: "2026-经济-专-01" }))).toEqual({
      code: ["tasks.validation.duplicateCode"],
      title: ["tasks.validation.duplicateTitle"],
    });
    expect(await db.reformTask.count()).toBe(1);
  });

  it("reports milestone problems on the right indexes", async () => {
    const w = await setup();
    const errors = await fieldErrorsOf(
      createTask(w.office, {
        ...w.input,
        milestones: [
          { title: "一", plannedDate: "2026-02-01", plannedPercent: 0 },
          { title: "二", plannedDate: "2026-04-01", plannedPercent: 40 },
          { title: "三", plannedDate: "2026-03-01", plannedPercent: 40 },
          { title: "四", plannedDate: "2027-02-01", plannedPercent: 90 },
        ],
      }),
    );
    expect(errors).toEqual({
      "milestones.0.plannedPercent": ["validation.milestonePercentRange"],
      "milestones.2.plannedPercent": ["validation.milestonePercentIncreasing"],
      "milestones.2.plannedDate": ["validation.milestoneDateOrder"],
      "milestones.3.plannedDate": ["validation.milestoneDateOutside"],
    });
    expect(await db.reformTask.count()).toBe(0);
  });

  it("refuses a due date before the start, a lead unit also cooperating, and fields it does not know", async () => {
    const w = await setup();
    expect(
      await fieldErrorsOf(createTask(w.office, { ...w.input, startDate: "2026-06-01", dueDate: "2026-05-01", milestones: [] })),
    ).toEqual({
      dueDate: ["tasks.validation.dueBeforeStart"],
    });
    expect(await fieldErrorsOf(createTask(w.office, { ...w.input, cooperatingUnitIds: [w.lead.id] }))).toEqual({
      cooperatingUnitIds: ["tasks.validation.leadIsCooperating"],
    });
    expect(await fieldErrorsOf(createTask(w.office, { ...w.input, status: "DONE" }))).toEqual({ _form: ["validation.unknownField"] });
  });

  it("answers 404 for a unit, plan or leader of another committee, and refuses a user who is not a leader", async () => {
    const w = await setup();
    await expect(createTask(w.office, { ...w.input, cooperatingUnitIds: [w.foreignUnit.id] })).rejects.toBeInstanceOf(NotFoundError);
    await expect(createTask(w.office, { ...w.input, leadUnitId: w.foreignUnit.id, cooperatingUnitIds: [] })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const foreignPlan = await db.workPlan.create({ data: { committeeId: w.foreignUnit.committeeId, year: 2026, title: "外县要点" } });
    await expect(createTask(w.office, { ...w.input, planId: foreignPlan.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await fieldErrorsOf(createTask(w.office, { ...w.input, leaderId: w.office2.userId }))).toEqual({
      leaderId: ["admin.validation.notLeader"],
    });
    expect(await db.reformTask.count()).toBe(0);
  });
});

describe("task.update", () => {
  it("two editors of version 1: one saves, the other gets a conflict showing the first change; nothing is lost", async () => {
    const w = await setup();
    const { id } = await createTask(w.office, w.input);
    const mark = await auditMark();

    const results = await Promise.allSettled([
      updateTask(w.office, { ...w.input, id, version: 1, title: "甲改的标题" }),
      updateTask(w.office2, { ...w.input, id, version: 1, dueDate: "2026-11-30" }),
    ]);
    const won = results.findIndex((result) => result.status === "fulfilled");
    const lost = results.find((result) => result.status === "rejected");
    expect(won).toBeGreaterThanOrEqual(0);
    expect(lost?.status).toBe("rejected");
    const conflict = (lost as PromiseRejectedResult).reason as ConflictError;
    expect(conflict).toBeInstanceOf(ConflictError);

    const winner =
      won === 0 ? { name: "改革办甲", field: "title", value: "甲改的标题" } : { name: "改革办乙", field: "dueDate", value: "2026-11-30" };
    const current = conflict.current as {
      task: Record<string, unknown>;
      lastChange: { actorName: string; changes: Record<string, unknown[]> };
    };
    expect(current.task.version).toBe(2);
    expect(current.task[winner.field]).toBe(winner.value);
    expect(current.lastChange.actorName).toBe(winner.name);
    expect(current.lastChange.changes[winner.field]?.[1]).toBe(winner.value);
    expect(JSON.parse(JSON.stringify(current))).toEqual(current); // a plain DTO, safe to send

    const task = await db.reformTask.findUniqueOrThrow({ where: { id } });
    expect(task.version).toBe(2);
    expect(won === 0 ? task.title : task.dueDate.toISOString().slice(0, 10)).toBe(winner.value);
    expect(won === 0 ? task.dueDate.toISOString().slice(0, 10) : task.title).toBe(won === 0 ? "2026-12-31" : "深化营商环境改革");
    const history = await db.changeRecord.findMany({ where: { entityId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(history).toHaveLength(2);
    expect(Object.keys(history[1]!.changes as object)).toEqual([winner.field]);
    const audit = await newAudit(mark);
    expect(audit.filter((row) => row.result === "SUCCESS").map((row) => row.event)).toEqual(["task.update"]);
  });

  it("records every changed field old → new in readable form, keeping the milestones sent back with their ids", async () => {
    const w = await setup();
    const { id } = await createTask(w.office, w.input);
    const [kept] = await db.milestone.findMany({ where: { taskId: id }, orderBy: { sortOrder: "asc" } });
    await completeMilestone(w.office, { id: kept!.id, completedOn: "2026-03-20", version: 1 });
    const mark = await auditMark();

    await updateTask(w.office, {
      ...w.input,
      id,
      version: 2,
      dueDate: "2026-11-30",
      cooperatingUnitIds: [w.helper.id, w.third.id],
      milestones: [
        { id: kept!.id, title: "出台方案", plannedDate: "2026-03-31", plannedPercent: 30 },
        { title: "试点验收", plannedDate: "2026-10-31", plannedPercent: 100 },
      ],
    });

    const history = await db.changeRecord.findFirstOrThrow({ where: { entityId: id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    const changes = history.changes as Record<string, [unknown, unknown]>;
    expect(Object.keys(changes).sort()).toEqual(["cooperatingUnits", "dueDate", "milestones"]);
    expect(changes.dueDate).toEqual(["2026-12-31", "2026-11-30"]);
    expect(changes.cooperatingUnits).toEqual([w.helper.name, `${w.helper.name}、${w.third.name}`]);
    expect(changes.milestones).toEqual([
      "出台方案 2026-03-31 30% ✓2026-03-20；全面推开 2026-09-30 80%",
      "出台方案 2026-03-31 30% ✓2026-03-20；试点验收 2026-10-31 100%",
    ]);
    const [audit] = await newAudit(mark);
    expect(audit).toMatchObject({ event: "task.update", result: "SUCCESS", targetId: id, changes });

    const milestones = await db.milestone.findMany({ where: { taskId: id }, orderBy: { sortOrder: "asc" } });
    expect(milestones.map((milestone) => milestone.id)[0]).toBe(kept!.id);
    expect(milestones[0]!.completedOn?.toISOString().slice(0, 10)).toBe("2026-03-20");
    expect(milestones).toHaveLength(2);
  });
});

describe("milestone.complete", () => {
  it("marks and clears a completion, bumping the task's version; a stale version conflicts", async () => {
    const w = await setup();
    const { id } = await createTask(w.office, w.input);
    const milestone = await db.milestone.findFirstOrThrow({ where: { taskId: id }, orderBy: { sortOrder: "asc" } });
    const mark = await auditMark();

    await completeMilestone(w.office, { id: milestone.id, completedOn: "2026-03-25", version: 1 });
    await expect(completeMilestone(w.office2, { id: milestone.id, completedOn: null, version: 1 })).rejects.toBeInstanceOf(ConflictError);
    await completeMilestone(w.office2, { id: milestone.id, completedOn: null, version: 2 });

    expect((await db.reformTask.findUniqueOrThrow({ where: { id } })).version).toBe(3);
    expect((await db.milestone.findUniqueOrThrow({ where: { id: milestone.id } })).completedOn).toBeNull();
    const history = await db.changeRecord.findMany({ where: { entityId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(history.slice(1).map((record) => Object.values(record.changes as object)[0])).toEqual([
      [null, "2026-03-25"],
      ["2026-03-25", null],
    ]);
    expect((await newAudit(mark)).map((row) => [row.event, row.result, row.detail])).toEqual([
      ["milestone.complete", "SUCCESS", null],
      ["milestone.complete", "CONFLICT", "409 ConflictError; fields: completedOn"],
      ["milestone.complete", "SUCCESS", null],
    ]);
  });
});
