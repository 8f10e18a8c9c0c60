// The plan pages and the plan workbook, scoped like the ledger (issue 15, item 2): office and leaders
// read a plan whole; a liaison the work points of its groups; a reporter the work points holding
// tasks its unit leads or cooperates on — and every figure counts only those tasks. The workbook (the
// whole plan, the office's import template) goes to office and leaders only; everyone else is
// refused, and the refusal is audited.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { createTranslator, messagesFor } from "@/lib/i18n/translate";
import { listLedger } from "@/lib/ledger/queries";
import { DEFAULT_LEDGER_PARAMS } from "@/lib/ledger/schemas";
import { SHEETS } from "@/lib/plans/excel-format";
import { planWorkbookResponse } from "@/lib/plans/export";
import { getPlanDetail, listPlans } from "@/lib/plans/queries";
import { planWorkbookExport } from "@/lib/plans/route";
import type { PlanDetail, PlanReach } from "@/lib/plans/types";
import { ForbiddenError, NotFoundError } from "@/lib/server/errors";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

process.env.APP_NOW = "2026-11-22T02:00:00.000Z";
const TODAY = new Date(process.env.APP_NOW);
const t = createTranslator(messagesFor("zh-CN"));
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The task codes of a workbook's task sheet (below its header row). */
async function workbookCodes(response: Response): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheet = workbook.getWorksheet(SHEETS.tasks)!;
  const codes: string[] = [];
  sheet.eachRow((row, number) => {
    if (number > 1) codes.push(String(row.getCell(1).value));
  });
  return codes.sort();
}

async function exportAudits(actorId: string) {
  return db.auditEvent.findMany({
    where: { event: "plan.export", actorId },
    orderBy: { id: "asc" },
    select: { result: true, targetId: true, detail: true },
  });
}

/** The point ids of a plan page, section by section. */
const pointIds = (detail: PlanDetail) => detail.sections.flatMap((section) => section.points.map((point) => point.id)).sort();

/**
 * What the ledger shows the actor of the plan's tasks: the rows of its year (one query of the ledger's
 * scope), kept to the plan's own tasks, with the work point each task sits under.
 */
async function ledgerTasksOf(actor: Actor, plan: { id: string; year: number }) {
  const ledger = await listLedger(actor, { ...DEFAULT_LEDGER_PARAMS, year: plan.year }, { all: true });
  return db.reformTask.findMany({
    where: { planId: plan.id, deletedAt: null, id: { in: ledger.rows.map((row) => row.id) } },
    select: { id: true, workPointId: true, status: true, leadUnitId: true },
  });
}

describe("plan pages on the demo county, for every business role", () => {
  it("count and show exactly the ledger's tasks of each role, and the work points holding them", async () => {
    await seedDemo(db, { today: TODAY });
    const plans = await db.workPlan.findMany({ where: { deletedAt: null }, orderBy: { year: "desc" } });
    expect(plans.length).toBeGreaterThanOrEqual(2);
    const expectedReach: Record<string, PlanReach> = {
      office: "whole",
      leader: "whole",
      liaison: "groups",
      reporter: "unit",
      reporter2: "unit",
    };

    for (const [username, reach] of Object.entries(expectedReach)) {
      const user = await db.user.findUniqueOrThrow({ where: { username } });
      const actor = await actorFor(user.id);
      const list = await listPlans(actor);
      expect(list.map((row) => row.id).sort(), username).toEqual(plans.map((plan) => plan.id).sort());

      for (const plan of plans) {
        const tasks = await ledgerTasksOf(actor, plan);
        const allPoints = await db.workPoint.findMany({ where: { planId: plan.id, deletedAt: null }, select: { id: true, groupId: true } });
        const groups = actor.roles.flatMap((grant) => (grant.role === "GROUP_LIAISON" && grant.groupId ? [grant.groupId] : []));
        const withTasks = new Set(tasks.map((task) => task.workPointId));
        const expectedPoints =
          reach === "whole" ? allPoints : allPoints.filter((point) => groups.includes(point.groupId) || withTasks.has(point.id));

        const detail = await getPlanDetail(actor, plan.id);
        const label = `${username} ${plan.year}`;
        expect(detail.reach, label).toBe(reach);
        expect(detail.workbook, label).toBe(reach === "whole");
        expect(detail.tasks, label).toBe(tasks.length);
        expect(detail.unassigned, label).toBe(tasks.filter((task) => task.workPointId === null).length);
        expect(pointIds(detail), label).toEqual(expectedPoints.map((point) => point.id).sort());
        expect(detail.points, label).toBe(expectedPoints.length);
        for (const section of detail.sections) {
          for (const point of section.points) {
            expect(point.tasks, `${label} ${point.number}`).toBe(tasks.filter((task) => task.workPointId === point.id).length);
          }
          expect(section.tasks).toBe(section.points.reduce((sum, point) => sum + point.tasks, 0));
        }

        const row = list.find((candidate) => candidate.id === plan.id)!;
        expect(row, label).toMatchObject({
          reach,
          workbook: reach === "whole",
          points: expectedPoints.length,
          tasks: tasks.length,
          done: tasks.filter((task) => task.status === "DONE").length,
        });
      }
    }

    // The case: the reporter's unit leads some tasks and cooperates on others, and this year's
    // plan holds many tasks outside its unit — none of which the reporter's page counts or lists.
    const reporter = await actorFor((await db.user.findUniqueOrThrow({ where: { username: "reporter" } })).id);
    const office = await actorFor((await db.user.findUniqueOrThrow({ where: { username: "office" } })).id);
    const current = plans.find((plan) => plan.year === 2026)!;
    const mine = await getPlanDetail(reporter, current.id);
    const whole = await getPlanDetail(office, current.id);
    const points = mine.sections.flatMap((section) => section.points);
    const led = points.reduce((sum, point) => sum + point.leadTasks!, 0);
    expect(led).toBeGreaterThan(0);
    expect(points.reduce((sum, point) => sum + point.tasks, 0) - led).toBeGreaterThan(0);
    expect(whole.tasks - mine.tasks).toBeGreaterThan(100);
    expect(mine.points).toBeLessThan(whole.points);
    const unitId = reporter.roles[0]!.unitId!;
    const leadTasks = await db.reformTask.count({
      where: { planId: current.id, deletedAt: null, leadUnitId: unitId, workPointId: { not: null } },
    });
    expect(led).toBe(leadTasks);

    // The workbook: the office takes every task of the plan; the reporter is refused, and audited.
    const codes = await workbookCodes(await planWorkbookResponse(office, current.id, TODAY));
    const all = await db.reformTask.findMany({ where: { planId: current.id, deletedAt: null }, select: { code: true } });
    expect(codes).toEqual(all.map((task) => task.code).sort());
    expect(codes.length).toBe(whole.tasks);
    await expect(planWorkbookResponse(reporter, current.id, TODAY)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await exportAudits(reporter.userId)).toEqual([{ result: "DENIED", targetId: current.id, detail: "403 ForbiddenError" }]);
  });
});

/** A small committee whose every count is known by hand. */
async function buildWorld() {
  const committee = await createCommittee();
  const other = await createCommittee();
  // named so that the committee's order (by name) is A then B: 经济 (jīng) before 农村 (nóng)
  const groupA = await createGroup(committee.id, { name: "经济体制和生态文明体制改革专项小组", shortName: "经济" });
  const groupB = await createGroup(committee.id, { name: "农村综合改革专项小组", shortName: "农村" });
  const [own, second, third] = [
    await createUnit(committee.id, { name: "县自然资源和规划局" }),
    await createUnit(committee.id, { name: "县发展和改革委员会" }),
    await createUnit(committee.id, { name: "县农业农村局" }),
  ];
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年全面深化改革工作要点" } });
  const otherPlan = await db.workPlan.create({ data: { committeeId: other.id, year: 2026, title: "2026年工作要点" } });
  const point = (groupId: string, number: string, sortOrder: number) =>
    db.workPoint.create({ data: { planId: plan.id, groupId, number, title: `要点${number}`, sortOrder } });
  const points = {
    a1: await point(groupA.id, "一、", 0),
    a2: await point(groupA.id, "二、", 1),
    b1: await point(groupB.id, "三、", 2),
    b2: await point(groupB.id, "四、", 3),
    b3: await point(groupB.id, "五、", 4),
  };
  let serial = 0;
  const task = (
    groupId: string,
    workPointId: string | null,
    leadUnitId: string,
    options: { cooperating?: string[]; done?: boolean; deleted?: boolean } = {},
  ) =>
    db.reformTask.create({
      data: {
        committeeId: committee.id,
        year: 2026,
        planId: plan.id,
        groupId,
        workPointId,
        code: `2026-测-${String(++serial).padStart(3, "0")}`,
        title: `任务${serial}`,
        goal: "目标",
        leadUnitId,
        source: "SELF",
        startDate: d("2026-01-01"),
        dueDate: d("2026-12-31"),
        status: options.done ? "DONE" : "ACTIVE",
        actualPercent: options.done ? 100 : 40,
        deletedAt: options.deleted ? TODAY : null,
        cooperatingUnits: { create: (options.cooperating ?? []).map((unitId, sortOrder) => ({ unitId, sortOrder })) },
      },
    });
  // led by the reporter's unit, cooperated on by it, and neither
  const tasks = {
    ownLeads: await task(groupA.id, points.a1.id, own.id),
    ownCooperates: await task(groupA.id, points.a1.id, second.id, { cooperating: [own.id] }),
    othersDone: await task(groupA.id, points.a2.id, second.id, { done: true }),
    ownCooperatesDone: await task(groupB.id, points.b1.id, third.id, { cooperating: [own.id, second.id], done: true }),
    others: await task(groupB.id, points.b3.id, second.id),
    ownUnassigned: await task(groupA.id, null, own.id),
    ownDeleted: await task(groupB.id, points.b3.id, own.id, { deleted: true }),
  };
  const make = async (role: Parameters<typeof createUser>[1]) => actorFor((await createUser(committee.id, role)).id);
  const both = await createUser(committee.id, { role: "GROUP_LIAISON", groupId: groupB.id, unitId: own.id });
  await db.roleAssignment.create({ data: { userId: both.id, committeeId: committee.id, role: "UNIT_REPORTER", unitId: own.id } });
  return {
    committee,
    plan,
    otherPlan,
    points,
    tasks,
    office: await make({ role: "OFFICE", unitId: second.id }),
    leader: await make({ role: "LEADER" }),
    liaison: await make({ role: "GROUP_LIAISON", groupId: groupA.id, unitId: second.id }),
    reporter: await make({ role: "UNIT_REPORTER", unitId: own.id }),
    liaisonAndReporter: await actorFor(both.id),
    admin: await make({ role: "ADMIN" }),
    securityAdmin: await make({ role: "SECURITY_ADMIN" }),
    auditor: await make({ role: "AUDITOR" }),
  };
}

/** A plan page as group → [point number, tasks, lead tasks]. */
const shape = (detail: PlanDetail) =>
  detail.sections.map((section) => [section.groupName, section.points.map((point) => [point.number, point.tasks, point.leadTasks])]);

describe("plan pages, role by role, counted by hand", () => {
  it("shows the office and leaders the whole plan, with every task", async () => {
    const w = await buildWorld();
    for (const actor of [w.office, w.leader]) {
      const detail = await getPlanDetail(actor, w.plan.id);
      expect(detail).toMatchObject({ reach: "whole", workbook: true, points: 5, tasks: 6, unassigned: 1 });
      expect(detail.sections.map((section) => [section.points.length, section.tasks])).toEqual([
        [2, 3],
        [3, 2],
      ]);
      expect(detail.sections.flatMap((section) => section.points.map((point) => [point.number, point.tasks, point.leadTasks]))).toEqual([
        ["一、", 2, null],
        ["二、", 1, null],
        ["三、", 1, null],
        ["四、", 0, null],
        ["五、", 1, null],
      ]);
      expect(await listPlans(actor)).toMatchObject([{ id: w.plan.id, reach: "whole", workbook: true, points: 5, tasks: 6, done: 2 }]);
    }
  });

  it("shows a liaison its groups' work points, even those without tasks yet, and counts its groups' tasks only", async () => {
    const w = await buildWorld();
    const detail = await getPlanDetail(w.liaison, w.plan.id);
    expect(detail).toMatchObject({ reach: "groups", workbook: false, points: 2, tasks: 4, unassigned: 1 });
    expect(detail.sections.map((section) => section.groupId)).toEqual([w.points.a1.groupId]);
    expect(detail.sections[0]!.points.map((point) => [point.number, point.tasks])).toEqual([
      ["一、", 2],
      ["二、", 1],
    ]);
    expect(await listPlans(w.liaison)).toMatchObject([{ reach: "groups", workbook: false, points: 2, tasks: 4, done: 1 }]);
  });

  it("shows a reporter only the work points holding tasks its unit leads or cooperates on, with those tasks counted", async () => {
    const w = await buildWorld();
    const detail = await getPlanDetail(w.reporter, w.plan.id);
    expect(detail).toMatchObject({ reach: "unit", workbook: false, points: 2, tasks: 4, unassigned: 1 });
    // 一、: one led, one cooperated on; 三、: cooperated on; 二、四、五、 hold nothing of the unit (五、's is deleted)
    expect(shape(detail)).toEqual([
      [detail.sections[0]!.groupName, [["一、", 2, 1]]],
      [detail.sections[1]!.groupName, [["三、", 1, 0]]],
    ]);
    expect(detail.sections.map((section) => section.tasks)).toEqual([2, 1]);
    expect(await listPlans(w.reporter)).toMatchObject([{ reach: "unit", workbook: false, points: 2, tasks: 4, done: 1 }]);
  });

  it("shows one person who is both liaison and reporter the union of the two, labelled as their own", async () => {
    const w = await buildWorld();
    const detail = await getPlanDetail(w.liaisonAndReporter, w.plan.id);
    // group B's three points (四、 without tasks) and 一、 with the unit's tasks; five tasks (4 of the unit, 1 more of group B)
    expect(detail).toMatchObject({ reach: "own", workbook: false, points: 4, tasks: 5, unassigned: 1 });
    expect(pointIds(detail)).toEqual([w.points.a1.id, w.points.b1.id, w.points.b2.id, w.points.b3.id].sort());
    expect(detail.sections.flatMap((section) => section.points.map((point) => [point.number, point.tasks, point.leadTasks]))).toEqual([
      ["一、", 2, null],
      ["三、", 1, null],
      ["四、", 0, null],
      ["五、", 1, null],
    ]);
    expect(await listPlans(w.liaisonAndReporter)).toMatchObject([{ reach: "own", points: 4, tasks: 5, done: 1 }]);
  });

  it("gives the three administrators no plan at all (they never read reform content)", async () => {
    const w = await buildWorld();
    for (const actor of [w.admin, w.securityAdmin, w.auditor]) {
      await expect(listPlans(actor)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getPlanDetail(actor, w.plan.id)).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("answers 404 to a reporter asking for another committee's plan by its id", async () => {
    const w = await buildWorld();
    await expect(getPlanDetail(w.reporter, w.otherPlan.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPlanDetail(w.office, w.otherPlan.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listPlans(w.reporter)).map((plan) => plan.id)).toEqual([w.plan.id]);
    // each refused read of the page is in the audit log with the plan's id
    const refused = await db.auditEvent.findMany({ where: { event: "plan.read" }, orderBy: { id: "asc" } });
    expect(refused.map((row) => [row.actorId, row.result, row.targetType, row.targetId])).toEqual([
      [w.reporter.userId, "DENIED", "WorkPlan", w.otherPlan.id],
      [w.office.userId, "DENIED", "WorkPlan", w.otherPlan.id],
    ]);
  });
});

describe("the plan workbook, role by role", () => {
  it("gives office and leaders the whole plan as a parseable workbook, each download audited", async () => {
    const w = await buildWorld();
    const live = Object.values(w.tasks)
      .filter((task) => task.deletedAt === null)
      .map((task) => task.code)
      .sort();
    for (const actor of [w.office, w.leader]) {
      const response = await planWorkbookExport(actor, w.plan.id, { t });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("spreadsheetml");
      expect(await workbookCodes(response)).toEqual(live);
      expect(await exportAudits(actor.userId)).toEqual([{ result: "SUCCESS", targetId: w.plan.id, detail: null }]);
    }
  });

  it("refuses liaisons and reporters with 403 and a message in their language, and audits the refusal", async () => {
    const w = await buildWorld();
    for (const actor of [w.liaison, w.reporter, w.liaisonAndReporter]) {
      const response = await planWorkbookExport(actor, w.plan.id, { t });
      expect(response.status).toBe(403);
      expect(await response.text()).toBe(t("plans.scope.workbookRefused"));
      expect(await exportAudits(actor.userId)).toEqual([{ result: "DENIED", targetId: w.plan.id, detail: "403 ForbiddenError" }]);
    }
    const english = createTranslator(messagesFor("en"));
    expect(await (await planWorkbookExport(w.reporter, w.plan.id, { t: english })).text()).toBe(english("plans.scope.workbookRefused"));
  });

  it("answers 404 to the administrators and to another committee's plan id, audited as denied", async () => {
    const w = await buildWorld();
    for (const actor of [w.admin, w.securityAdmin, w.auditor]) {
      const response = await planWorkbookExport(actor, w.plan.id, { t });
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(t("errors.notFound"));
      expect(await exportAudits(actor.userId)).toEqual([{ result: "DENIED", targetId: w.plan.id, detail: "404 NotFoundError" }]);
    }
    for (const actor of [w.reporter, w.office]) {
      const response = await planWorkbookExport(actor, w.otherPlan.id, { t });
      expect(response.status).toBe(404);
      expect(await exportAudits(actor.userId)).toEqual([{ result: "DENIED", targetId: w.otherPlan.id, detail: "404 NotFoundError" }]);
    }
    // nobody signed in: 401, and no actor to audit
    expect((await planWorkbookExport(null, w.plan.id, { t })).status).toBe(401);
  });
});
