// Excel import of a year's plan: 2,000 rows, all-or-nothing with a per-row report, idempotent,
// and an exported plan re-imports to the same tasks.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { buildPlanWorkbook, type PlanWorkbookData } from "@/lib/plans/excel";
import { importPlan, planWorkbookData, type ImportOutcome } from "@/lib/plans/import";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function setup() {
  const committee = await createCommittee();
  const economy = await createGroup(committee.id, { name: "经济体制和生态文明体制改革专项小组", shortName: "经济" });
  await createGroup(committee.id, { name: "农村综合改革专项小组", shortName: "农村" });
  const units = [
    await createUnit(committee.id, { name: "县发展和改革委员会" }),
    await createUnit(committee.id, { name: "县财政局" }),
    await createUnit(committee.id, { name: "县农业农村局" }),
  ];
  const leader = await createUser(committee.id, { role: "LEADER", name: "钱思远" });
  await db.user.update({ where: { id: leader.id }, data: { isLeader: true } });
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2027, title: "2027年全面深化改革工作要点" } });
  const office = await actorFor((await createUser(committee.id, { role: "OFFICE", unitId: units[0]!.id })).id);
  return { committee, economy, units, plan, office };
}

function planData(count: number): PlanWorkbookData {
  return {
    lists: {
      groups: ["经济体制和生态文明体制改革专项小组", "农村综合改革专项小组"],
      units: ["县发展和改革委员会", "县财政局", "县农业农村局"],
      leaders: ["钱思远"],
    },
    points: [
      { number: "一、(一)", group: "经济", title: "深化“放管服”改革" },
      { number: "二、(一)", group: "农村", title: "深化农村集体产权制度改革" },
    ],
    tasks: Array.from({ length: count }, (_, index) => ({
      code: "",
      point: index % 2 ? "二、(一)" : "一、(一)",
      group: index % 2 ? "农村" : "经济",
      title: `改革任务第${index + 1}项`,
      goal: `完成第${index + 1}项改革的目标`,
      outcome: "制度文件",
      leadUnit: index % 2 ? "县农业农村局" : "县发展和改革委员会",
      cooperatingUnits: ["县财政局"],
      leader: index % 10 === 0 ? "钱思远" : null,
      isKey: index % 10 === 0,
      source: "SELF" as const,
      pilotLevel: null,
      startDate: d("2027-01-01"),
      dueDate: d("2027-12-31"),
      milestones: [
        { title: "制定方案", plannedDate: d("2027-03-31"), plannedPercent: 30 },
        { title: "全面推开", plannedDate: d("2027-12-31"), plannedPercent: 100 },
      ],
    })),
  };
}

const asBase64 = (buffer: Buffer) => buffer.toString("base64");

async function breakRows(buffer: Buffer): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const tasks = workbook.getWorksheet("改革任务")!;
  tasks.getCell("G5").value = "不存在的单位"; // row 5: unknown lead unit
  tasks.getCell("M10").value = "2027-13-45"; // row 10: impossible date
  const milestones = workbook.getWorksheet("序时进度")!;
  milestones.getCell("D21").value = 10; // row 21: second milestone of a task going down to 10%
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("plan import", () => {
  it("imports 2,000 tasks with their work points, cooperating units and milestones", async () => {
    const { plan, office } = await setup();
    const result = (await importPlan(office, {
      planId: plan.id,
      file: asBase64(await buildPlanWorkbook(planData(2000))),
    })) as ImportOutcome;

    expect(result).toEqual({ imported: true, points: 2, created: 2000, updated: 0, milestones: 4000 });
    expect(await db.reformTask.count({ where: { planId: plan.id } })).toBe(2000);
    expect(await db.taskCooperatingUnit.count()).toBe(2000);
    const codes = (await db.reformTask.findMany({ where: { planId: plan.id }, select: { code: true }, orderBy: { code: "asc" } })).map(
      (task) => task.code,
    );
    expect(codes).toContain("2027-经济-001");
    expect(codes).toContain("2027-农村-1000");
    expect(new Set(codes).size).toBe(2000);
    expect(await db.auditEvent.count({ where: { event: "plan.import", result: "SUCCESS" } })).toBe(1);
  });

  it("importing the same file twice changes nothing the second time", async () => {
    const { plan, office } = await setup();
    const file = asBase64(await buildPlanWorkbook(planData(50)));
    await importPlan(office, { planId: plan.id, file });
    const before = await db.reformTask.findMany({ where: { planId: plan.id }, orderBy: { code: "asc" } });

    expect(await importPlan(office, { planId: plan.id, file })).toEqual({
      imported: true,
      points: 0,
      created: 0,
      updated: 0,
      milestones: 0,
    });
    expect(await db.reformTask.findMany({ where: { planId: plan.id }, orderBy: { code: "asc" } })).toEqual(before);
    expect(await db.milestone.count()).toBe(100);
  });

  it("a file with 3 bad rows imports nothing and reports exactly those rows", async () => {
    const { plan, office } = await setup();
    const file = asBase64(await breakRows(await buildPlanWorkbook(planData(30))));
    const result = (await importPlan(office, { planId: plan.id, file })) as ImportOutcome;

    if (result.imported) throw new Error("a bad file was imported");
    expect([...new Set(result.errors.map((error) => `${error.sheet}:${error.row}`))]).toEqual(["序时进度:21", "改革任务:5", "改革任务:10"]);
    expect(result.errors.find((error) => error.row === 5)).toMatchObject({
      column: "牵头单位",
      message: "import.errors.unknownUnit",
      value: "不存在的单位",
    });
    expect(result.errors.find((error) => error.row === 10)).toMatchObject({ column: "开始日期", message: "import.errors.badDate" });
    expect(result.errors.find((error) => error.row === 21)).toMatchObject({
      column: "计划累计进度（%）",
      message: "validation.milestonePercentIncreasing",
    });
    expect(await db.reformTask.count()).toBe(0);
    expect(await db.workPoint.count()).toBe(0);
  });

  it("an exported plan re-imports to the same tasks", async () => {
    const { plan, office, committee } = await setup();
    await importPlan(office, { planId: plan.id, file: asBase64(await buildPlanWorkbook(planData(40))) });
    const exported = await buildPlanWorkbook(await planWorkbookData(db, committee.id, plan.id));

    expect(await importPlan(office, { planId: plan.id, file: asBase64(exported) })).toEqual({
      imported: true,
      points: 0,
      created: 0,
      updated: 0,
      milestones: 0,
    });

    const other = await db.workPlan.create({ data: { committeeId: committee.id, year: 2027, title: "副本" } });
    const copy = (await importPlan(office, { planId: other.id, file: asBase64(exported) })) as ImportOutcome;
    // the codes are taken by the first plan, so the copy is refused row by row rather than merged
    expect(copy.imported).toBe(false);
  });

  it("into an issued plan: the same file again changes nothing, a moved due date or milestone is refused at its row, a new task and a new title go in", async () => {
    const { plan, office, committee } = await setup();
    await importPlan(office, { planId: plan.id, file: asBase64(await buildPlanWorkbook(planData(2000))) });
    await db.workPlan.update({ where: { id: plan.id }, data: { status: "ISSUED", issuedAt: new Date(), docNumber: "青改〔2027〕1号" } });
    const data = await planWorkbookData(db, committee.id, plan.id);
    const tasks = data.tasks!;
    expect(await importPlan(office, { planId: plan.id, file: asBase64(await buildPlanWorkbook(data)) })).toMatchObject({
      imported: true,
      updated: 0,
    });

    // the office's ledger as it edits it: two due dates moved, one milestone re-weighted, a task retitled, one added
    const edited: PlanWorkbookData = {
      ...data,
      tasks: [
        ...tasks.map((task, index) =>
          index === 3 || index === 1500
            ? { ...task, dueDate: d("2028-03-31") }
            : index === 7
              ? { ...task, milestones: task.milestones.map((m, at) => (at === 0 ? { ...m, plannedPercent: 40 } : m)) }
              : task,
        ),
      ],
    };
    const refused = (await importPlan(office, { planId: plan.id, file: asBase64(await buildPlanWorkbook(edited)) })) as ImportOutcome & {
      imported: false;
    };
    expect(refused.imported).toBe(false);
    expect(refused.errors.map((error) => [error.sheet, error.row, error.column, error.message])).toEqual([
      ["改革任务", 5, "完成时限", "changes.validation.controlled"],
      ["序时进度", 0, "", "changes.validation.controlled"],
      ["改革任务", 1502, "完成时限", "changes.validation.controlled"],
    ]);
    expect(refused.errors[1]!.value).toBe(tasks[7]!.title);
    expect(await db.reformTask.count({ where: { planId: plan.id, dueDate: d("2028-03-31") } })).toBe(0);

    const allowed: PlanWorkbookData = {
      ...data,
      tasks: [
        ...tasks.map((task, index) => (index === 3 ? { ...task, title: `${task.title}（修订）` } : task)),
        { ...tasks[0]!, code: "", title: "补充任务：深化要素市场化配置改革" },
      ],
    };
    expect(await importPlan(office, { planId: plan.id, file: asBase64(await buildPlanWorkbook(allowed)) })).toMatchObject({
      imported: true,
      created: 1,
    });
  });

  it("rejects something that is not a workbook", async () => {
    const { plan, office } = await setup();
    const result = (await importPlan(office, { planId: plan.id, file: Buffer.from("not a workbook").toString("base64") })) as ImportOutcome;
    expect(result).toEqual({ imported: false, errors: [{ sheet: "", row: 0, column: "", message: "import.errors.notWorkbook" }] });
  });
});
