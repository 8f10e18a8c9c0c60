// Issue 14 item 6: on the demo county, after real writes and refusals through the services, the
// task history, the report threads and the audit log (page and Excel export) read in words in
// both languages: no enum code, no id, no JSON brace in what a person is shown.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildAuditWorkbook } from "@/lib/audit/export";
import { resolveNames } from "@/lib/audit/names";
import { listAuditEvents } from "@/lib/audit/queries";
import { changeLine, eventLabel, readableAuditRow, readableChangeRecord, readableThreadEvent, readerFor } from "@/lib/audit/readable";
import { parseAuditFilters } from "@/lib/audit/schemas";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import * as Enums from "@/lib/db/generated/enums";
import { seedDemo } from "@/lib/demo/seed";
import type { Locale } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/translate";
import { getTask } from "@/lib/ledger/queries";
import { owedReports } from "@/lib/reports/progress-queries";
import { decideChange, requestChange } from "@/lib/changes/service";
import { approveReport, fileReport, returnReport } from "@/lib/reports/progress-service";
import { SERVICE_ACTIONS } from "@/lib/server/action";
import { ForbiddenError, NotFoundError } from "@/lib/server/errors";
import { issueNotice } from "@/lib/supervision/service";
import { taskFormValues } from "@/lib/tasks/queries";
import { applyCloseOut, approveCloseOut, completeMilestone, updateTask } from "@/lib/tasks/service";
import { grantRole, revokeRole } from "@/lib/users/service";
import { createCommittee, createUnit } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";
import { uploadCloseOutFile } from "@/tests/support/uploads";
import "@/tests/support/all-services";

process.env.APP_NOW = "2026-11-22T02:00:00.000Z";
const TODAY = new Date(process.env.APP_NOW);

async function actorOf(username: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
  return actorFor(user.id);
}

const ENUM_VALUES = [...new Set(Object.values(Enums).flatMap((values) => Object.values(values as Record<string, string>)))];
const ENUM_PATTERN = new RegExp(`\\b(${ENUM_VALUES.join("|")})\\b`);
// cuids, and the demo county's ids (cqhtask2026001)
const ID_PATTERN = /\bc[a-z0-9]{20,}\b|\bcqh[a-z0-9]+/;

/** Every problem of one displayed text: a raw enum value, an id or a brace. */
function problemsOf(where: string, text: string, ids: readonly string[]): string[] {
  const problems: string[] = [];
  const code = ENUM_PATTERN.exec(text);
  if (code) problems.push(`${where}: enum value ${code[1]} in «${text}»`);
  const id = ID_PATTERN.exec(text);
  if (id) problems.push(`${where}: id ${id[0]} in «${text}»`);
  for (const known of ids) if (text.includes(known)) problems.push(`${where}: id ${known} in «${text}»`);
  if (text.includes("{")) problems.push(`${where}: brace in «${text}»`);
  return problems;
}

const PDF = Buffer.from(`%PDF-1.7\n${"验收材料 ".repeat(2000)}\n%%EOF`);

describe("readable history on the demo county", () => {
  it("shows the task history, report threads and audit log in words, in Chinese and English", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");
    const reporter = await actorOf("reporter");
    const reporter2 = await actorOf("reporter2");
    const secadmin = await actorOf("secadmin");
    const auditor = await actorOf("auditor");

    // A task the reporter's unit leads, owes a report on, with at least two milestones.
    const owed = await owedReports(reporter);
    const candidates = owed.tasks.filter((task) => task.state === "NONE").map((task) => task.taskId);
    const task = await db.reformTask.findFirstOrThrow({
      where: {
        id: { in: candidates },
        status: "ACTIVE",
        milestones: { some: { plannedDate: { lt: new Date("2026-12-01") } } },
        // one change request at a time: not the task whose request the demo has waiting
        changeRequests: { none: { status: { in: ["PENDING", "LEADER_PENDING"] } } },
      },
      include: { milestones: { orderBy: { sortOrder: "asc" } } },
      orderBy: { code: "asc" },
    });
    expect(task.milestones.length).toBeGreaterThanOrEqual(2);
    const values = (await taskFormValues(office, task.id))!;
    const units = await db.unit.findMany({
      where: { committeeId: task.committeeId, active: true, id: { notIn: [task.leadUnitId, ...values.cooperatingUnitIds] } },
      orderBy: { sortOrder: "asc" },
      take: 2,
    });
    const leader = await db.user.findFirstOrThrow({
      where: { isLeader: true, id: { not: task.leaderId ?? "" } },
      orderBy: { username: "asc" },
    });
    const [first] = values.milestones;

    // 1. an edit of several fields: title, key flag, source and pilot level, due date, units, leader, milestones
    const editInput = {
      id: task.id,
      version: values.version,
      planId: values.planId,
      workPointId: values.workPointId || null,
      groupId: values.groupId,
      code: values.code,
      title: `${values.title}（深化）`,
      goal: values.goal,
      outcome: values.outcome || null,
      leadUnitId: values.leadUnitId,
      cooperatingUnitIds: units.map((unit) => unit.id),
      leaderId: leader.id,
      isKey: !values.isKey,
      source: values.source === "PILOT" ? "SELF" : "PILOT",
      pilotLevel: values.source === "PILOT" ? null : "CITY",
      startDate: values.startDate,
      dueDate: "2026-12-30",
      milestones: [
        { id: first!.id, title: first!.title, plannedDate: first!.plannedDate, plannedPercent: first!.plannedPercent === 40 ? 45 : 40 },
        { title: "形成可复制推广的制度成果", plannedDate: "2026-12-20", plannedPercent: 100 },
      ],
    };
    // the demo plan is issued: what the plan controls changes through an approved 计划调整
    const { cooperatingUnitIds, leaderId, isKey, dueDate, milestones } = editInput;
    const edited = await updateTask(office, {
      ...editInput,
      cooperatingUnitIds: values.cooperatingUnitIds,
      leaderId: values.leaderId || null,
      isKey: values.isKey,
      dueDate: values.dueDate,
      milestones: values.milestones,
    });
    const change = await requestChange(office, {
      taskId: task.id,
      reason: "经专项小组研究，调整配合单位和完成时限",
      cooperatingUnitIds,
      leaderId,
      isKey,
      dueDate,
      milestones,
    });
    await decideChange(office, { id: change.id, version: 1, decision: "approve", comment: "同意" });
    const changed = await db.reformTask.findUniqueOrThrow({ where: { id: task.id }, select: { version: true } });
    expect(changed.version).toBeGreaterThan(edited.version);
    await completeMilestone(office, { id: first!.id, completedOn: "2026-11-20", version: changed.version });

    // 2. a monthly report filed, returned, filed again and approved
    const period = owed.period;
    const percent = Math.min(95, (owed.tasks.find((row) => row.taskId === task.id)?.lastApprovedPercent ?? 0) + 5);
    const filed = (await fileReport(reporter, { taskId: task.id, period, progress: "完成调研并形成初稿", percent, submit: true })) as {
      report: { id: string; version: number };
    };
    const returned = await returnReport(office, { id: filed.report.id, version: filed.report.version, comment: "请补充量化指标" });
    const refiled = (await fileReport(reporter, {
      taskId: task.id,
      period,
      progress: "完成调研并形成初稿，覆盖12个乡镇",
      percent,
      submit: true,
      version: returned.version,
    })) as { report: { id: string; version: number } };
    await approveReport(office, { id: refiled.report.id, version: refiled.report.version, comment: "同意" });

    // 3. a supervision notice, then close-out applied for and approved
    await issueNotice(office, { taskId: task.id, level: "KEY", reason: "节点进度滞后，请说明原因", responseDueDate: "2026-12-05" });
    const file = await uploadCloseOutFile(reporter, task.id, "验收报告.pdf", PDF);
    const request = await applyCloseOut(reporter, {
      taskId: task.id,
      summary: "改革目标全部完成",
      explanation: "剩余节点已于本月完成，待月报更新进度",
      attachmentIds: [file.id],
    });
    await approveCloseOut(office, { id: request.id, version: 1, comment: "材料齐全，同意销号", confirmed: true });

    // 4. a role granted and revoked by the security administrator
    const someUnit = units[0]!;
    const grant = await grantRole(secadmin, { userId: reporter2.userId, role: "UNIT_REPORTER", unitId: someUnit.id });
    await revokeRole(secadmin, { id: grant.id });

    // 5. refusals: another unit's reporter reports on the task (404) or edits it (403), a reporter approves (403)
    await expect(fileReport(reporter2, { taskId: task.id, period, progress: "越权报送", percent })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateTask(reporter2, { ...editInput, version: 99, title: "越权修改" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(approveReport(reporter, { id: refiled.report.id, version: 9 })).rejects.toBeInstanceOf(ForbiddenError);

    const ids = [task.id, request.id, file.id, grant.id, filed.report.id, reporter2.userId, leader.id, ...units.map((unit) => unit.id)];
    const texts = new Map<Locale, string[]>();
    const problems: string[] = [];
    for (const locale of ["zh-CN", "en"] as const) {
      const messages = messagesFor(locale);
      const shown: string[] = [];
      const see = (where: string, text: string | null | undefined) => {
        if (!text) return;
        shown.push(text);
        problems.push(...problemsOf(`${locale} ${where}`, text, ids));
      };

      // the task page's history (ChangeHistory) and report threads (ReportList, ProgressThreadEvents)
      const detail = await getTask(office, task.id);
      const reader = readerFor(locale, messages, detail.historyNames);
      for (const record of detail.history) {
        const readable = readableChangeRecord(reader, record, "ReformTask");
        see("history actor", readable.actor);
        see("history reason", readable.reason);
        for (const change of readable.changes) see("history", changeLine(reader, change));
      }
      for (const report of detail.reports.filter((row) => row.id === refiled.report.id)) {
        see("report status", messages.ledger.task.reportStatuses[report.status as "APPROVED"]);
        for (const event of report.events) {
          const readable = readableThreadEvent(reader, event);
          see("thread", `${readable.action} ${readable.actor} ${readable.comment ?? ""}`);
        }
      }

      // the audit page (AuditTable), every page of it
      for (let page = 1; ; page++) {
        const result = await listAuditEvents(auditor, parseAuditFilters({ page: String(page) }));
        for (const row of result.rows) {
          const readable = readableAuditRow(readerFor(locale, messages, row.names), row);
          const where = `audit ${row.event}`;
          see(where, readable.event);
          see(where, readable.targetType);
          see(where, readable.target);
          see(where, readable.result);
          see(where, readable.detail);
          for (const change of readable.changes) see(where, changeLine(reader, change));
        }
        if (page >= result.pageCount) break;
      }

      // the audit export: every cell below the header but the request id
      const workbook = await buildAuditWorkbook(auditor, parseAuditFilters({}), { locale, exportedAt: TODAY });
      const sheet = new ExcelJS.Workbook();
      await sheet.xlsx.load(workbook.buffer as unknown as Parameters<typeof sheet.xlsx.load>[0]);
      sheet.worksheets[0]!.eachRow((row, number) => {
        if (number < 4) return see("export title", String(row.getCell(1).value ?? ""));
        row.eachCell((cell, column) => {
          if (column !== 13) see(`export row ${number}`, String(cell.value ?? ""));
        });
      });
      texts.set(locale, shown);
    }

    expect(problems).toEqual([]);

    // and it says what happened, in words
    const zh = texts.get("zh-CN")!.join("\n");
    expect(zh).toContain("任务状态：推进中 → 待销号");
    expect(zh).toContain("任务状态：待销号 → 已销号");
    expect(zh).toContain("实际进度");
    expect(zh).toMatch(/任务来源：(上级部署|自主谋划|改革试点) → (自主谋划|改革试点)/);
    expect(zh).toMatch(/重点任务：(是 → 否|否 → 是)/);
    expect(zh).toMatch(/完成时限：\d{4}年\d{1,2}月\d{1,2}日 → 2026年12月30日/);
    expect(zh).toContain(`挂钩县领导：`);
    expect(zh).toContain("计划调整：经专项小组研究，调整配合单位和完成时限");
    expect(zh).toContain("审核计划调整申请");
    expect(zh).toContain(leader.name);
    expect(zh).toContain(units[0]!.name);
    expect(zh).toContain("新增节点「形成可复制推广的制度成果」：2026年12月20日，计划累计 100%");
    expect(zh).toContain(`节点「${first!.title}」标记为已完成（2026年11月20日）`);
    expect(zh).toMatch(/删除节点「/);
    expect(zh).toContain("退回修改");
    expect(zh).toContain("审核通过");
    expect(zh).toContain("申请对账销号");
    expect(zh).toContain("下发督办单");
    expect(zh).toContain("授予角色");
    expect(zh).toContain("角色：单位填报员");
    expect(zh).toContain("对象不存在或不在本人权限范围内");
    expect(zh).toContain("无权执行此操作");
    expect(zh).toContain(`${task.code} ${values.title}（深化）`);
    const en = texts.get("en")!.join("\n");
    expect(en).toContain("Status: In progress → Close-out pending");
    expect(en).toContain("Close-out applied for");
    expect(en).toContain("Role: Unit reporter");
  });
});

describe("names in the audit log", () => {
  it("has a name in both languages for every service action and every event written outside them", () => {
    // the events lib/ writes with recordAudit directly (grep "event: \"")
    const direct = ["auth.signin", "auth.signout", "auth.lockout", "system.bootstrap", "plan.export", "ledger.export", "ledger.print"];
    direct.push("views.export", "notice.export", "assessment.export", "quarterly.export", "attachment.download", "audit.export");
    direct.push("api.session.open", "api.session.close");
    const events = [...SERVICE_ACTIONS.map((action) => action.definition.name), ...direct];
    expect(events.length).toBeGreaterThan(80);
    for (const locale of ["zh-CN", "en"] as const) {
      const missing = events.filter((event) => !eventLabel(messagesFor(locale), event));
      expect(missing, locale).toEqual([]);
    }
  });

  it("resolves an id only within the given committees", async () => {
    const [home, other] = [await createCommittee(), await createCommittee()];
    const unit = await createUnit(other.id, { name: "外县发改局" });
    expect(await resolveNames([home.id], [unit.id])).toEqual({});
    expect((await resolveNames([other.id], [unit.id]))[unit.id]).toMatchObject({ type: "Unit", a: "外县发改局" });
  });
});
