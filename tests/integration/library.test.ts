import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { innovationFacts, getMicroReform, listCases, listHonors, listMicroReforms } from "@/lib/library/queries";
import { microFilterSchema, recordFilterSchema } from "@/lib/library/schemas";
import {
  acceptMicroReform,
  createCase,
  createHonor,
  promoteMicroReform,
  proposeMicroReform,
  returnMicroReform,
  updateHonor,
  updateMicroReform,
} from "@/lib/library/service";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

async function setup() {
  const committee = await createCommittee();
  const group = await createGroup(committee.id);
  const [unitA, unitB] = [
    await createUnit(committee.id, { name: "县自然资源和规划局" }),
    await createUnit(committee.id, { name: "县农业农村局" }),
  ];
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年改革工作要点" } });
  const taskOf = (unitId: string, code: string) =>
    db.reformTask.create({
      data: {
        committeeId: committee.id,
        year: 2026,
        planId: plan.id,
        groupId: group.id,
        code,
        title: `任务${code}`,
        goal: "改革目标",
        leadUnitId: unitId,
        source: "SELF",
        startDate: new Date("2026-01-01"),
        dueDate: new Date("2026-12-31"),
      },
    });
  const taskA = await taskOf(unitA.id, "2026-测-001");
  const taskB = await taskOf(unitB.id, "2026-测-002");
  const office = await actorFor((await createUser(committee.id, { role: "OFFICE" })).id);
  const reporterA = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: unitA.id })).id);
  const reporterB = await actorFor((await createUser(committee.id, { role: "UNIT_REPORTER", unitId: unitB.id })).id);
  const liaison = await actorFor((await createUser(committee.id, { role: "GROUP_LIAISON", groupId: group.id })).id);
  return { committee, unitA, unitB, taskA, taskB, office, reporterA, reporterB, liaison };
}

const auditMark = async () => (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
const auditSince = (mark: bigint) => db.auditEvent.findMany({ where: { id: { gt: mark } }, orderBy: { id: "asc" } });
const micro = (extra: Record<string, unknown> = {}) => ({
  title: "不动产登记一窗通办",
  problem: "群众办理不动产登记需跑多个窗口（堵点）",
  measures: "整合登记、税务窗口，一窗受理、集成服务",
  effect: "办理时间由5天压缩至1天",
  citizensServed: "12000",
  ...extra,
});
const filter = (raw: Record<string, unknown> = {}) => microFilterSchema.parse(raw);

describe("micro-reforms: propose, accept, promote", () => {
  it("a unit proposes for itself; the office accepts and promotes; each step audited and threaded", async () => {
    const w = await setup();
    const mark = await auditMark();
    const { id } = await proposeMicroReform(w.reporterA, micro({ taskId: w.taskA.id, year: 2026 }));
    const proposed = await db.microReform.findUniqueOrThrow({ where: { id } });
    expect(proposed).toMatchObject({ unitId: w.unitA.id, status: "PROPOSED", citizensServed: 12000, taskId: w.taskA.id, version: 1 });

    await acceptMicroReform(w.office, { id, version: 1 });
    const accepted = await db.microReform.findUniqueOrThrow({ where: { id } });
    expect(accepted.status).toBe("ACCEPTED");
    expect(accepted.acceptedAt).not.toBeNull();

    await promoteMicroReform(w.office, { id, version: 2 });
    const promoted = await db.microReform.findUniqueOrThrow({ where: { id } });
    expect(promoted).toMatchObject({ status: "PROMOTED", version: 3 });
    expect(promoted.promotedAt).not.toBeNull();

    const audit = await auditSince(mark);
    expect(audit.map((row) => [row.event, row.result, row.targetId])).toEqual([
      ["micro.propose", "SUCCESS", id],
      ["micro.accept", "SUCCESS", id],
      ["micro.promote", "SUCCESS", id],
    ]);
    expect(audit[1]!.changes).toMatchObject({ status: ["PROPOSED", "ACCEPTED"] });
    const detail = await getMicroReform(w.reporterB, id);
    expect(detail.thread.map((event) => event.action)).toEqual(["CREATE", "ACCEPT", "APPROVE"]);
  });

  it("a return carries the reason; the unit edits and resubmits; a stale version conflicts", async () => {
    const w = await setup();
    const { id } = await proposeMicroReform(w.reporterA, micro());
    await expect(returnMicroReform(w.office, { id, version: 1, reason: "" })).rejects.toBeInstanceOf(ValidationError);
    await returnMicroReform(w.office, { id, version: 1, reason: "请补充服务群众数量" });
    expect((await db.microReform.findUniqueOrThrow({ where: { id } })).status).toBe("REJECTED");
    await expect(updateMicroReform(w.reporterA, { id, version: 1, ...micro() })).rejects.toBeInstanceOf(ConflictError);
    await updateMicroReform(w.reporterA, { id, version: 2, ...micro({ citizensServed: 15000 }) });
    const row = await db.microReform.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "PROPOSED", citizensServed: 15000, version: 3 });
    const thread = (await getMicroReform(w.office, id)).thread;
    expect(thread.map((event) => [event.action, event.comment])).toEqual([
      ["CREATE", null],
      ["RETURN", "请补充服务群众数量"],
      ["RESUBMIT", null],
    ]);
    // promoting needs an accepted one; accepting twice is refused
    await expect(promoteMicroReform(w.office, { id, version: 3 })).rejects.toBeInstanceOf(ValidationError);
    await acceptMicroReform(w.office, { id, version: 3 });
    await expect(acceptMicroReform(w.office, { id, version: 4 })).rejects.toBeInstanceOf(ValidationError);
  });

  it("a reporter cannot propose for another unit nor curate; a task must be the unit's; nothing changes", async () => {
    const w = await setup();
    const mark = await auditMark();
    await expect(proposeMicroReform(w.reporterA, micro({ unitId: w.unitB.id }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(proposeMicroReform(w.office, micro({ unitId: w.unitA.id }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(proposeMicroReform(w.reporterA, micro({ taskId: w.taskB.id }))).rejects.toBeInstanceOf(ValidationError);
    const { id } = await proposeMicroReform(w.reporterB, micro());
    await expect(acceptMicroReform(w.reporterB, { id, version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(returnMicroReform(w.reporterA, { id, version: 1, reason: "不行" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateMicroReform(w.reporterA, { id, version: 1, ...micro() })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createCase(w.reporterB, { unitId: w.unitB.id, year: 2026, title: "案例", level: "CITY" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    // another committee's office does not even find it
    const outsider = await actorFor((await createUser((await createCommittee()).id, { role: "OFFICE" })).id);
    await expect(acceptMicroReform(outsider, { id, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.microReform.findMany({ select: { unitId: true, status: true } })).toEqual([{ unitId: w.unitB.id, status: "PROPOSED" }]);
    const audit = await auditSince(mark);
    expect(audit.filter((row) => row.result === "DENIED").map((row) => row.event)).toEqual([
      "micro.propose",
      "micro.propose",
      "micro.accept",
      "micro.return",
      "micro.update",
      "case.create",
      "micro.accept",
    ]);
  });
});

describe("library lists", () => {
  it("search and filters return the expected rows; proposals are seen by the office and their own unit only", async () => {
    const w = await setup();
    const a1 = (await proposeMicroReform(w.reporterA, micro({ year: 2026 }))).id;
    const a2 = (
      await proposeMicroReform(
        w.reporterA,
        micro({ title: "农房审批联办", problem: "审批环节多（难点）", measures: "并联审批", year: 2025 }),
      )
    ).id;
    const b1 = (
      await proposeMicroReform(
        w.reporterB,
        micro({ title: "农机补贴掌上办", problem: "补贴申领难", measures: "手机申领，线上公示", year: 2026 }),
      )
    ).id;
    const b2 = (
      await proposeMicroReform(
        w.reporterB,
        micro({ title: "土地流转服务站", problem: "流转信息不对称", measures: "村级服务站", year: 2026 }),
      )
    ).id;
    await acceptMicroReform(w.office, { id: a2, version: 1 });
    await acceptMicroReform(w.office, { id: b1, version: 1 });
    await promoteMicroReform(w.office, { id: b1, version: 2 });

    const ids = async (actor: typeof w.office, raw: Record<string, unknown> = {}) =>
      (await listMicroReforms(actor, filter(raw))).rows.map((row) => row.id).sort();
    expect(await ids(w.office)).toEqual([a1, a2, b1, b2].sort());
    // search in title, problem and measures
    expect(await ids(w.office, { q: "掌上" })).toEqual([b1]);
    expect(await ids(w.office, { q: "难点" })).toEqual([a2]);
    expect(await ids(w.office, { q: "服务站" })).toEqual([b2]);
    // filters
    expect(await ids(w.office, { status: "PROPOSED" })).toEqual([a1, b2].sort());
    expect(await ids(w.office, { unit: w.unitA.id })).toEqual([a1, a2].sort());
    expect(await ids(w.office, { promoted: "yes" })).toEqual([b1]);
    expect(await ids(w.office, { year: "2025" })).toEqual([a2]);
    expect(await ids(w.office, { unit: w.unitB.id, year: "2026", status: "PROPOSED" })).toEqual([b2]);
    // a reporter sees the library and its own unit's proposals; a liaison the library alone
    expect(await ids(w.reporterA)).toEqual([a1, a2, b1].sort());
    expect(await ids(w.liaison)).toEqual([a2, b1].sort());
    await expect(getMicroReform(w.reporterA, b2)).rejects.toBeInstanceOf(NotFoundError);
    // bad filter values are ignored, not errors
    expect(await ids(w.office, { status: "WHATEVER", year: "abc" })).toHaveLength(4);

    // server-side pagination: 25 more accepted ones → page 2 holds the rest
    await db.microReform.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        committeeId: w.committee.id,
        unitId: w.unitA.id,
        year: 2024,
        title: `批量微改革${i}`,
        problem: "p",
        measures: "m",
        status: "ACCEPTED" as const,
      })),
    });
    const first = await listMicroReforms(w.office, filter({ year: "2024" }));
    const second = await listMicroReforms(w.office, filter({ year: "2024", page: "2" }));
    expect([first.total, first.rows.length, second.rows.length]).toEqual([25, 20, 5]);
    expect(new Set([...first.rows, ...second.rows].map((row) => row.id)).size).toBe(25);
  });

  it("cases and honours are recorded by the office, credited to units, listed with filters", async () => {
    const w = await setup();
    const mark = await auditMark();
    const caseA = await createCase(w.office, {
      unitId: w.unitA.id,
      taskId: w.taskA.id,
      year: 2026,
      title: "不动产登记改革经验",
      level: "PROVINCIAL",
      publishedIn: "省委改革办《改革简报》",
      publishedOn: "2026-05-12",
    });
    await createCase(w.office, { unitId: w.unitB.id, year: 2026, title: "农村产权交易", level: "NATIONAL", publishedIn: "中国改革报" });
    await expect(createCase(w.office, { unitId: w.unitA.id, year: 2026, title: "x", level: "COUNTY" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      createCase(w.office, { unitId: w.unitB.id, taskId: w.taskA.id, year: 2026, title: "x", level: "CITY" }),
    ).rejects.toBeInstanceOf(ValidationError);
    const honor = await createHonor(w.office, {
      unitId: w.unitB.id,
      year: 2026,
      title: "全省改革先进集体",
      kind: "COMMENDATION",
      level: "PROVINCIAL",
      source: "省委、省政府",
      awardedOn: "2026-03-01",
    });
    await expect(
      updateHonor(w.office, { id: honor.id, version: 2, unitId: w.unitB.id, year: 2026, title: "y", kind: "COMMENDATION", level: "CITY" }),
    ).rejects.toBeInstanceOf(ConflictError);
    await updateHonor(w.office, {
      id: honor.id,
      version: 1,
      unitId: w.unitB.id,
      year: 2026,
      title: "全省改革先进集体",
      kind: "COMMENDATION",
      level: "PROVINCIAL",
      source: "省委、省政府",
      awardedOn: "2026-03-02",
    });
    expect((await auditSince(mark)).filter((row) => row.result === "SUCCESS").map((row) => row.event)).toEqual([
      "case.create",
      "case.create",
      "honor.create",
      "honor.update",
    ]);

    const cases = await listCases(w.reporterB, recordFilterSchema.parse({ level: "PROVINCIAL" }));
    expect(cases.rows.map((row) => [row.id, row.unitName, row.publishedIn, row.publishedOn, row.taskCode])).toEqual([
      [caseA.id, "县自然资源和规划局", "省委改革办《改革简报》", "2026-05-12", "2026-测-001"],
    ]);
    expect((await listCases(w.liaison, recordFilterSchema.parse({ q: "改革报" }))).rows.map((row) => row.title)).toEqual(["农村产权交易"]);
    const honors = await listHonors(w.office, recordFilterSchema.parse({ unit: w.unitB.id }));
    expect(honors.rows.map((row) => [row.title, row.awardedOn, row.version])).toEqual([["全省改革先进集体", "2026-03-02", 2]]);
    expect((await listHonors(w.office, recordFilterSchema.parse({ unit: w.unitA.id }))).total).toBe(0);
  });
});

describe("innovationFacts", () => {
  it("counts per unit by kind and level match direct counts", async () => {
    const w = await setup();
    const base = { committeeId: w.committee.id, year: 2026 };
    const statuses = ["PROPOSED", "ACCEPTED", "ACCEPTED", "PROMOTED", "REJECTED"] as const;
    await db.microReform.createMany({
      data: [
        ...statuses.map((status, i) => ({ ...base, unitId: w.unitA.id, title: `A${i}`, problem: "p", measures: "m", status })),
        { ...base, unitId: w.unitB.id, title: "B", problem: "p", measures: "m", status: "PROMOTED" as const },
        { ...base, year: 2025, unitId: w.unitB.id, title: "B-old", problem: "p", measures: "m", status: "PROMOTED" as const },
        { ...base, unitId: w.unitB.id, title: "B-gone", problem: "p", measures: "m", status: "ACCEPTED" as const, deletedAt: new Date() },
      ],
    });
    await db.typicalCase.createMany({
      data: [
        { ...base, unitId: w.unitA.id, title: "c1", level: "NATIONAL" },
        { ...base, unitId: w.unitA.id, title: "c2", level: "PROVINCIAL" },
        { ...base, unitId: w.unitA.id, title: "c3", level: "PROVINCIAL" },
        { ...base, year: 2025, unitId: w.unitA.id, title: "c4", level: "CITY" },
      ],
    });
    await db.honor.createMany({
      data: [
        { ...base, unitId: w.unitB.id, title: "h1", kind: "COMMENDATION", level: "CITY" },
        { ...base, unitId: w.unitB.id, title: "h2", kind: "PUBLICITY", level: "NATIONAL" },
        { ...base, unitId: w.unitB.id, title: "h3", kind: "PUBLICITY", level: "NATIONAL" },
        { ...base, unitId: w.unitB.id, title: "h4", kind: "PUBLICITY", level: "PROVINCIAL" },
      ],
    });
    const facts = await innovationFacts(w.committee.id, 2026);
    const byUnit = new Map(facts.map((entry) => [entry.unitId, entry]));
    expect(byUnit.get(w.unitA.id)).toEqual({
      unitId: w.unitA.id,
      cases: { NATIONAL: 1, PROVINCIAL: 2 },
      honors: {},
      microAccepted: 3,
      microPromoted: 1,
    });
    expect(byUnit.get(w.unitB.id)).toEqual({
      unitId: w.unitB.id,
      cases: {},
      honors: { COMMENDATION: { CITY: 1 }, PUBLICITY: { NATIONAL: 2, PROVINCIAL: 1 } },
      microAccepted: 1,
      microPromoted: 1,
    });
    // against direct counts
    for (const unit of [w.unitA, w.unitB]) {
      const entry = byUnit.get(unit.id)!;
      const where = { ...base, unitId: unit.id, deletedAt: null };
      expect(entry.microAccepted).toBe(await db.microReform.count({ where: { ...where, status: { in: ["ACCEPTED", "PROMOTED"] } } }));
      expect(entry.microPromoted).toBe(await db.microReform.count({ where: { ...where, status: "PROMOTED" } }));
      expect(Object.values(entry.cases).reduce((sum, n) => sum + n, 0)).toBe(await db.typicalCase.count({ where }));
      expect(
        Object.values(entry.honors)
          .flatMap((levels) => Object.values(levels))
          .reduce((sum, n) => sum + n, 0),
      ).toBe(await db.honor.count({ where }));
    }
    expect(await innovationFacts(w.committee.id, 2024)).toEqual([]);
  });
});
