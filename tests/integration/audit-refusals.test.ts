// SECURITY.md 17 and issue 15 (Build 5): what the portal refuses or cannot save leaves its trace in
// the audit log, with the request id — a plan import rejected whole (FAILURE, with its problem
// count), a stale edit (CONFLICT, naming the fields not saved), a record asked for by id that the
// reader may not see (DENIED) — and the audit page filters by each of those results.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { getTaskEndpoint, listTaskReportsEndpoint, openSessionEndpoint } from "@/lib/api/endpoints";
import { listAuditEvents } from "@/lib/audit/queries";
import { readableDetail, readerFor } from "@/lib/audit/readable";
import { parseAuditFilters } from "@/lib/audit/schemas";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { messagesFor } from "@/lib/i18n/translate";
import { getTask } from "@/lib/ledger/queries";
import { getGroup } from "@/lib/org/queries";
import { buildPlanWorkbook } from "@/lib/plans/excel";
import { importPlan, planWorkbookData, type ImportOutcome } from "@/lib/plans/import";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { getNotice } from "@/lib/supervision/queries";
import { createTask, updateTask } from "@/lib/tasks/service";
import { getUser } from "@/lib/users/queries";
import { createCommittee, createGroup, createUnit, createUser, TEST_PASSWORD } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";
import { callApi } from "@/tests/support/api";

async function world() {
  const committee = await createCommittee();
  const group = await createGroup(committee.id, { name: "经济体制和生态文明体制改革专项小组", shortName: "经济" });
  const [lead, other] = [await createUnit(committee.id, { name: "县发改局" }), await createUnit(committee.id, { name: "县农业农村局" })];
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年全面深化改革工作要点" } });
  const office = await actorFor((await createUser(committee.id, { role: "OFFICE", name: "改革办甲" })).id);
  const office2 = await actorFor((await createUser(committee.id, { role: "OFFICE", name: "改革办乙" })).id);
  const reporterUser = await createUser(committee.id, { role: "UNIT_REPORTER", name: "农业填报员", unitId: other.id });
  const reporter = await actorFor(reporterUser.id);
  const auditor = await actorFor((await createUser(committee.id, { role: "AUDITOR", name: "审计员" })).id);
  const input = {
    planId: plan.id,
    groupId: group.id,
    title: "深化营商环境改革",
    goal: "企业开办一日办结",
    leadUnitId: lead.id,
    cooperatingUnitIds: [],
    isKey: false,
    source: "SELF",
    startDate: "2026-01-01",
    dueDate: "2026-12-31",
    milestones: [
      { title: "出台方案", plannedDate: "2026-03-31", plannedPercent: 30 },
      { title: "全面推开", plannedDate: "2026-09-30", plannedPercent: 100 },
    ],
  };
  const task = await createTask(office, input);
  return { committee, group, lead, other, plan, office, office2, reporter, reporterUser, auditor, input, task };
}

const mark = async () => (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
const since = (id: bigint) => db.auditEvent.findMany({ where: { id: { gt: id } }, orderBy: { id: "asc" } });
const zh = readerFor("zh-CN", messagesFor("zh-CN"));
const en = readerFor("en", messagesFor("en"));
const withRequest = (actor: Actor, requestId: string): Actor => ({ ...actor, context: { ...actor.context, requestId } });

describe("a plan import rejected whole", () => {
  it("is audited as FAILURE with its problem and row counts and the request id; nothing is imported", async () => {
    const w = await world();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildPlanWorkbook(await planWorkbookData(db, w.committee.id, w.plan.id))) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("改革任务")!;
    // the exported task's row with an unknown lead unit and an impossible due date
    const header = sheet.getRow(1).values as unknown[];
    const column = (name: string) => header.findIndex((value) => String(value ?? "").startsWith(name));
    const row = [...Array(sheet.rowCount).keys()]
      .map((index) => index + 1)
      .find((index) => sheet.getRow(index).values.toString().includes("深化营商环境改革"))!;
    sheet.getRow(row).getCell(column("牵头单位")).value = "不存在的单位";
    sheet.getRow(row).getCell(column("完成时限")).value = "2026-13-45";
    const file = Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
    const before = await mark();

    const outcome = (await importPlan(withRequest(w.office, "req-import-1"), { planId: w.plan.id, file })) as ImportOutcome;

    if (outcome.imported) throw new Error("a workbook with bad cells was imported");
    expect(outcome.errors.length).toBeGreaterThanOrEqual(2);
    const rows = await since(before);
    expect(rows.map((audit) => [audit.event, audit.result, audit.targetId, audit.requestId])).toEqual([
      ["plan.import", "FAILURE", w.plan.id, "req-import-1"],
    ]);
    expect(rows[0]!.detail).toBe(`rejected: ${outcome.errors.length} problems in 1 rows`);
    expect(readableDetail(zh, rows[0]!.detail)).toContain(String(outcome.errors.length));
    expect(await db.reformTask.findUniqueOrThrow({ where: { id: w.task.id }, select: { leadUnitId: true } })).toEqual({
      leadUnitId: w.lead.id,
    });

    const failures = await listAuditEvents(w.auditor, parseAuditFilters({ result: "FAILURE" }));
    expect(failures.rows.map((audit) => audit.event)).toEqual(["plan.import"]);
  });
});

describe("a stale edit (409)", () => {
  it("two office staff save the same task version: the loser's conflict is audited as CONFLICT naming the fields it would have overwritten", async () => {
    const w = await world();
    const before = await mark();

    await updateTask(withRequest(w.office, "req-edit-a"), { ...w.input, id: w.task.id, version: 1, title: "甲改的标题" });
    const lost = await updateTask(withRequest(w.office2, "req-edit-b"), {
      ...w.input,
      id: w.task.id,
      version: 1,
      goal: "乙改的目标",
    }).catch((error: unknown) => error);

    expect(lost).toBeInstanceOf(ConflictError);
    const rows = await since(before);
    expect(rows.map((audit) => [audit.event, audit.result, audit.actorName, audit.requestId])).toEqual([
      ["task.update", "SUCCESS", "改革办甲", "req-edit-a"],
      ["task.update", "CONFLICT", "改革办乙", "req-edit-b"],
    ]);
    // 乙's save would have put the old title back over 甲's and changed the goal: both are named
    expect(rows[1]).toMatchObject({ targetId: w.task.id, detail: "409 ConflictError; fields: title, goal" });
    expect(readableDetail(zh, rows[1]!.detail)).toMatch(/^未保存：数据已被他人修改（.+、.+）$/);
    expect(readableDetail(en, rows[1]!.detail)).toMatch(/^Not saved: changed by someone else meanwhile \(.+, .+\)$/);
    expect(readableDetail(zh, rows[1]!.detail)).not.toMatch(/title|goal/);
    expect((await db.reformTask.findUniqueOrThrow({ where: { id: w.task.id } })).goal).toBe(w.input.goal);
  });

  it("20 saves of the same version at once: one lands, 19 conflicts, each audited, none lost to an error", async () => {
    const w = await world();
    const before = await mark();
    const editors = [w.office, w.office2];

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        updateTask(editors[index % 2]!, { ...w.input, id: w.task.id, version: 1, title: `第${index + 1}次修改的标题` }),
      ),
    );

    const rejected = results.filter((result) => result.status === "rejected");
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(rejected.every((result) => result.reason instanceof ConflictError)).toBe(true);
    const rows = await since(before);
    expect(rows.filter((audit) => audit.result === "SUCCESS")).toHaveLength(1);
    expect(rows.filter((audit) => audit.result === "CONFLICT")).toHaveLength(19);

    const conflicts = await listAuditEvents(w.auditor, parseAuditFilters({ result: "CONFLICT" }));
    expect(conflicts.total).toBe(19);
    expect(new Set(conflicts.rows.map((audit) => audit.result))).toEqual(new Set(["CONFLICT"]));
  });
});

describe("a record asked for by id that the reader may not see", () => {
  it("is refused and audited as DENIED with the id and the request id, on the pages' reads", async () => {
    const w = await world();
    const reporter = withRequest(w.reporter, "req-probe");
    const before = await mark();

    // a task led by another unit, a task that does not exist, a notice that does not exist,
    // a user (whom a reporter may not look up at all) and another county's group
    await expect(getTask(reporter, w.task.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTask(reporter, "cnotatask0000000000000000")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getNotice(reporter, "cnotanotice00000000000000")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getUser(reporter, w.office.userId)).rejects.toBeInstanceOf(NotFoundError);
    const foreignGroup = await createGroup((await createCommittee()).id, { name: "外县专项小组", shortName: "外县" });
    await expect(getGroup(reporter, foreignGroup.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getGroup(reporter, w.group.id)).id).toBe(w.group.id);

    const rows = await since(before);
    expect(rows.map((audit) => [audit.event, audit.result, audit.targetType, audit.targetId, audit.requestId, audit.actorId])).toEqual([
      ["task.read", "DENIED", "ReformTask", w.task.id, "req-probe", w.reporterUser.id],
      ["task.read", "DENIED", "ReformTask", "cnotatask0000000000000000", "req-probe", w.reporterUser.id],
      ["notice.read", "DENIED", "SupervisionNotice", "cnotanotice00000000000000", "req-probe", w.reporterUser.id],
      ["user.read", "DENIED", "User", w.office.userId, "req-probe", w.reporterUser.id],
      ["group.read", "DENIED", "SpecialGroup", foreignGroup.id, "req-probe", w.reporterUser.id],
    ]);
    expect(readableDetail(zh, rows[0]!.detail)).toBe("对象不存在或不在本人权限范围内");

    // reading what one may see leaves no row; an id of absurd length is cut, not refused with a 500
    await getTask(w.office, w.task.id);
    await expect(getTask(reporter, "x".repeat(10_000))).rejects.toBeInstanceOf(NotFoundError);
    const after = await since(rows.at(-1)!.id);
    expect(after.map((audit) => [audit.event, audit.result, audit.targetId?.length])).toEqual([["task.read", "DENIED", 100]]);

    const denied = await listAuditEvents(w.auditor, parseAuditFilters({ result: "DENIED" }));
    expect(denied.total).toBe(6);
  });

  it("is refused and audited as DENIED through the API, with the request id the caller sent", async () => {
    const w = await world();
    const session = await callApi<{ token: string }>(openSessionEndpoint, {
      body: { username: w.reporter.username, password: TEST_PASSWORD },
    });
    expect(session.status).toBe(200);
    const token = session.body.token;
    const before = await mark();

    const task = await callApi(getTaskEndpoint, { token, params: { id: w.task.id }, headers: { "x-request-id": "req-api-1" } });
    const reports = await callApi(listTaskReportsEndpoint, { token, params: { id: w.task.id }, headers: { "x-request-id": "req-api-2" } });

    expect([task.status, reports.status]).toEqual([404, 404]);
    const rows = await since(before);
    expect(rows.map((audit) => [audit.event, audit.result, audit.targetId, audit.requestId, audit.actorId])).toEqual([
      ["task.read", "DENIED", w.task.id, "req-api-1", w.reporterUser.id],
      ["report.list", "DENIED", w.task.id, "req-api-2", w.reporterUser.id],
    ]);
    expect(task.headers.get("x-request-id")).toBe("req-api-1");
  });
});
