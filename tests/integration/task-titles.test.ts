// Issue 15, Build 9: one rule for task titles — within a plan a title names one task (the plan
// workbook finds its tasks by title), kept the same way by the task form's service, the JSON API,
// the plan import and the carry-over of unfinished tasks, so an exported plan always imports again.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { createTaskEndpoint, openSessionEndpoint, updateTaskEndpoint } from "@/lib/api/endpoints";
import type { ErrorBody } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { buildPlanWorkbook } from "@/lib/plans/excel";
import { importPlan, planWorkbookData, type ImportOutcome } from "@/lib/plans/import";
import { copyUnfinishedTasks, createPlan } from "@/lib/plans/service";
import { ValidationError } from "@/lib/server/errors";
import { createTask, updateTask } from "@/lib/tasks/service";
import { createCommittee, createGroup, createUnit, createUser, TEST_PASSWORD } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";
import { callApi } from "@/tests/support/api";

async function world() {
  const committee = await createCommittee();
  const group = await createGroup(committee.id, { name: "经济体制和生态文明体制改革专项小组", shortName: "经济" });
  const lead = await createUnit(committee.id, { name: "县发改局" });
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年全面深化改革工作要点" } });
  const officeUser = await createUser(committee.id, { role: "OFFICE", name: "改革办甲" });
  const office = await actorFor(officeUser.id);
  const input = (title: string) => ({
    planId: plan.id,
    groupId: group.id,
    title,
    goal: "形成可复制的经验",
    leadUnitId: lead.id,
    cooperatingUnitIds: [],
    source: "SELF",
    startDate: "2026-01-01",
    dueDate: "2026-12-31",
    milestones: [{ title: "出台方案", plannedDate: "2026-06-30", plannedPercent: 50 }],
  });
  return { committee, group, lead, plan, officeUser, office, input };
}

async function fieldErrorsOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

async function workbookOf(committeeId: string, planId: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buildPlanWorkbook(await planWorkbookData(db, committeeId, planId))) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("改革任务")!;
  const header = Array.from(sheet.getRow(1).values as unknown[], (value) => String(value ?? ""));
  const titleColumn = header.findIndex((value) => value.startsWith("任务名称"));
  const rowOf = (title: string) =>
    [...Array(sheet.rowCount).keys()].map((index) => index + 1).find((index) => sheet.getRow(index).getCell(titleColumn).text === title)!;
  return { workbook, sheet, titleColumn, rowOf };
}

const base64 = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");

describe("one title, one task per plan", () => {
  it("the task form's service refuses a title the plan already has, on the title field, also with spaces around it; another plan may have it", async () => {
    const w = await world();
    const first = await createTask(w.office, w.input("深化营商环境改革"));

    expect(await fieldErrorsOf(createTask(w.office, w.input("深化营商环境改革")))).toEqual({ title: ["tasks.validation.duplicateTitle"] });
    expect(await fieldErrorsOf(createTask(w.office, w.input("  深化营商环境改革  ")))).toEqual({
      title: ["tasks.validation.duplicateTitle"],
    });
    const second = await createTask(w.office, w.input("深化要素市场化配置改革"));
    expect(await fieldErrorsOf(updateTask(w.office, { ...w.input("深化营商环境改革"), id: second.id, version: 1 }))).toEqual({
      title: ["tasks.validation.duplicateTitle"],
    });
    // saving a task under its own title is no duplicate
    await updateTask(w.office, { ...w.input("深化营商环境改革"), id: first.id, version: 1, goal: "企业开办一日办结" });

    const next = await db.workPlan.create({ data: { committeeId: w.committee.id, year: 2027, title: "2027年工作要点" } });
    await createTask(w.office, {
      ...w.input("深化营商环境改革"),
      planId: next.id,
      startDate: "2027-01-01",
      dueDate: "2027-12-31",
      milestones: [],
    });
    expect(await db.reformTask.count({ where: { title: "深化营商环境改革" } })).toBe(2);
    expect(await db.auditEvent.count({ where: { event: "task.create", result: "SUCCESS" } })).toBe(3);
  });

  it("the API answers 422 on the title field in the caller's language, for POST and PATCH", async () => {
    const w = await world();
    await createTask(w.office, w.input("深化营商环境改革"));
    const other = await createTask(w.office, w.input("深化要素市场化配置改革"));
    const session = await callApi<{ token: string }>(openSessionEndpoint, {
      body: { username: w.officeUser.username, password: TEST_PASSWORD },
    });
    const token = session.body.token;

    const created = await callApi<ErrorBody>(createTaskEndpoint, { token, body: w.input("深化营商环境改革") });
    expect(created.status).toBe(422);
    expect(created.body.error.fields).toEqual({ title: "本年度工作要点中已有同名任务，请改用能区分的名称" });
    const patched = await callApi<ErrorBody>(updateTaskEndpoint, {
      token,
      params: { id: other.id },
      body: { title: "深化营商环境改革", version: 1 },
      headers: { "accept-language": "en" },
    });
    expect(patched.status).toBe(422);
    expect(patched.body.error.fields).toEqual({
      title: "Another task of this plan already has this title; choose one that tells them apart",
    });
    expect(await db.reformTask.count({ where: { planId: w.plan.id } })).toBe(2);
  });

  it("twelve office staff creating the same new title at once: one task, eleven field errors, never a 500", async () => {
    const w = await world();
    const offices = await Promise.all(
      Array.from({ length: 12 }, async (_, index) =>
        actorFor((await createUser(w.committee.id, { role: "OFFICE", name: `改革办${index}` })).id),
      ),
    );

    const results = await Promise.allSettled(offices.map((office) => createTask(office, w.input("推进县域医共体建设"))));

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(refused).toHaveLength(11);
    expect(refused.every((result) => result.reason instanceof ValidationError)).toBe(true);
    expect(new Set(refused.map((result) => JSON.stringify((result.reason as ValidationError).fieldErrors)))).toEqual(
      new Set([JSON.stringify({ title: ["tasks.validation.duplicateTitle"] })]),
    );
    expect(await db.reformTask.count({ where: { planId: w.plan.id, title: "推进县域医共体建设" } })).toBe(1);
  });

  it("the plan import refuses a row that would give a second task a title, with the same message, and imports nothing", async () => {
    const w = await world();
    await createTask(w.office, w.input("深化营商环境改革"));
    await createTask(w.office, w.input("深化要素市场化配置改革"));
    const { workbook, sheet, titleColumn, rowOf } = await workbookOf(w.committee.id, w.plan.id);
    // the second task (exported after the first) renamed to the first's title, and a new row copying the first's title
    expect(rowOf("深化营商环境改革")).toBeLessThan(rowOf("深化要素市场化配置改革"));
    const renamed = rowOf("深化要素市场化配置改革");
    sheet.getRow(renamed).getCell(titleColumn).value = "深化营商环境改革";
    const copied = sheet.rowCount + 1;
    sheet.getRow(rowOf("深化营商环境改革")).eachCell({ includeEmpty: true }, (cell, column) => {
      sheet.getRow(copied).getCell(column).value = column === 1 ? null : cell.value;
    });
    sheet.getRow(copied).commit();

    const outcome = (await importPlan(w.office, { planId: w.plan.id, file: await base64(workbook) })) as ImportOutcome;

    if (outcome.imported) throw new Error("a plan with a title twice was imported");
    expect(
      outcome.errors.filter((error) => error.message === "tasks.validation.duplicateTitle").map((error) => [error.row, error.column]),
    ).toEqual([
      [renamed, "任务名称"],
      [copied, "任务名称"],
    ]);
    expect((await db.reformTask.findMany({ where: { planId: w.plan.id }, orderBy: { code: "asc" } })).map((task) => task.title)).toEqual([
      "深化营商环境改革",
      "深化要素市场化配置改革",
    ]);

    // and what the services saved always exports and imports again unchanged
    const again = await workbookOf(w.committee.id, w.plan.id);
    expect(await importPlan(w.office, { planId: w.plan.id, file: await base64(again.workbook) })).toMatchObject({
      imported: true,
      created: 0,
    });
  });

  it("carrying unfinished tasks over skips those whose title the new plan already has, and says how many", async () => {
    const w = await world();
    await createTask(w.office, w.input("深化营商环境改革"));
    await createTask(w.office, w.input("深化要素市场化配置改革"));
    const { id: planId } = await createPlan(w.office, { year: 2027, title: "2027年工作要点" });
    await createTask(w.office, { ...w.input("深化营商环境改革"), planId, startDate: "2027-01-01", dueDate: "2027-12-31", milestones: [] });

    expect(await copyUnfinishedTasks(w.office, { planId, fromPlanId: w.plan.id })).toEqual({ copied: 1, skipped: 1 });
    expect((await db.reformTask.findMany({ where: { planId }, orderBy: { title: "asc" } })).map((task) => task.title).sort()).toEqual(
      ["深化营商环境改革", "深化要素市场化配置改革"].sort(),
    );
    const audit = await db.auditEvent.findFirstOrThrow({ where: { event: "plan.copyUnfinished" } });
    expect(audit.detail).toBe("copied 1 unfinished tasks from 2026; 1 already in the plan by title");
  });
});
