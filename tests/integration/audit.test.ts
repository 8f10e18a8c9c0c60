import crypto from "node:crypto";
import ExcelJS from "exceljs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { auditExportResponse, buildAuditWorkbook, EXPORT_LIMIT } from "@/lib/audit/export";
import { listAuditEvents } from "@/lib/audit/queries";
import { parseAuditFilters, type AuditFilters } from "@/lib/audit/schemas";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { dropDatabase, ensureDatabase, withDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import type { Prisma, Role } from "@/lib/db/prisma";
import { NotFoundError } from "@/lib/server/errors";
import { createCommittee, createUnit, createUser } from "@/tests/factories";
import { adminUrl, serverUrl } from "./database";

type Committee = Awaited<ReturnType<typeof createCommittee>>;

function actorOf(
  user: { id: string; username: string; name: string },
  committee: Committee,
  role: Role,
  unit?: { id: string; name: string },
): Actor {
  return {
    userId: user.id,
    username: user.username,
    name: user.name,
    committeeId: committee.id,
    childCommitteeIds: [],
    committee: { id: committee.id, name: committee.name, regionName: committee.regionName, officeName: committee.officeName },
    unit: unit ? { id: unit.id, name: unit.name } : null,
    roles: [{ role, unitId: unit?.id ?? null, groupId: null }],
    isLeader: false,
    leaderTitle: null,
    passwordChangeRequired: false,
    totpEnabled: false,
    context: { ip: "10.1.2.3", userAgent: "vitest", requestId: "req-test", origin: null, host: null },
  };
}

async function auditorSetup() {
  const committee = await createCommittee();
  const user = await createUser(committee.id, { username: "shenji", name: "冯清扬", role: "AUDITOR" });
  return { committee, auditor: actorOf(user, committee, "AUDITOR") };
}

const filters = (raw: Record<string, string> = {}): AuditFilters => parseAuditFilters(raw);

async function events(data: Prisma.AuditEventCreateManyInput[]) {
  await db.auditEvent.createMany({ data });
}

describe("audit log query", () => {
  it("shows the auditor's committee and committee-less sign-in events, newest first", async () => {
    const { committee, auditor } = await auditorSetup();
    const other = await createCommittee();
    await events([
      { committeeId: committee.id, event: "unit.create", at: new Date("2026-11-01T01:00:00Z") },
      { committeeId: committee.id, event: "task.update", at: new Date("2026-11-03T01:00:00Z") },
      { committeeId: null, event: "auth.signin", result: "FAILURE", actorName: "nobody", at: new Date("2026-11-02T01:00:00Z") },
      { committeeId: null, event: "system.job", at: new Date("2026-11-02T02:00:00Z") },
      { committeeId: other.id, event: "unit.create", at: new Date("2026-11-04T01:00:00Z") },
    ]);

    const page = await listAuditEvents(auditor, filters());

    expect(page.rows.map((row) => row.event)).toEqual(["task.update", "auth.signin", "unit.create"]);
    expect(page.total).toBe(3);
    expect(page.rows[1]).toMatchObject({ actorName: "nobody", result: "FAILURE", actorUsername: null });
  });

  it("filters by actor name or username, event, result, target and Beijing dates", async () => {
    const { committee, auditor } = await auditorSetup();
    const unit = await createUnit(committee.id, { name: "县发改局" });
    const reporter = await createUser(committee.id, { username: "wangfang", name: "王芳", role: "UNIT_REPORTER", unitId: unit.id });
    await events([
      {
        committeeId: committee.id,
        actorId: reporter.id,
        actorName: "王芳",
        unitId: unit.id,
        event: "task.update",
        targetType: "Task",
        targetId: "t1",
        changes: { percent: [40, 60] },
        at: new Date("2026-11-09T15:59:59Z"), // Beijing 2026-11-09 23:59:59
      },
      {
        committeeId: committee.id,
        actorId: reporter.id,
        actorName: "王芳",
        event: "report.submit",
        result: "DENIED",
        at: new Date("2026-11-09T16:00:00Z"), // Beijing 2026-11-10 00:00:00
      },
      { committeeId: committee.id, actorName: "李四", event: "auth.signin", result: "FAILURE", at: new Date("2026-11-10T15:59:59Z") },
      { committeeId: committee.id, actorName: "李四", event: "auth.signout", at: new Date("2026-11-10T16:00:00Z") },
    ]);
    const eventsOf = async (raw: Record<string, string>) => (await listAuditEvents(auditor, filters(raw))).rows.map((row) => row.event);

    expect(await eventsOf({ actor: "wangf" })).toEqual(["report.submit", "task.update"]);
    expect(await eventsOf({ actor: "王" })).toEqual(["report.submit", "task.update"]);
    expect(await eventsOf({ actor: "李四" })).toEqual(["auth.signout", "auth.signin"]);
    expect(await eventsOf({ prefix: "auth" })).toEqual(["auth.signout", "auth.signin"]);
    expect(await eventsOf({ event: "SUBMIT" })).toEqual(["report.submit"]);
    expect(await eventsOf({ result: "DENIED" })).toEqual(["report.submit"]);
    expect(await eventsOf({ result: "FAILURE", prefix: "auth" })).toEqual(["auth.signin"]);
    expect(await eventsOf({ targetType: "task", targetId: "t1" })).toEqual(["task.update"]);
    expect(await eventsOf({ from: "2026-11-10" })).toEqual(["auth.signout", "auth.signin", "report.submit"]);
    expect(await eventsOf({ to: "2026-11-09" })).toEqual(["task.update"]);
    expect(await eventsOf({ from: "2026-11-10", to: "2026-11-10" })).toEqual(["auth.signin", "report.submit"]);

    const [row] = (await listAuditEvents(auditor, filters({ event: "task.update" }))).rows;
    expect(row).toMatchObject({ unitName: "县发改局", actorUsername: "wangfang", changes: [{ field: "percent", from: 40, to: 60 }] });
  });

  it("pages by 50, newest first", async () => {
    const { committee, auditor } = await auditorSetup();
    const start = Date.parse("2026-11-01T00:00:00Z");
    await events(
      Array.from({ length: 120 }, (_, index) => ({
        committeeId: committee.id,
        event: "task.update",
        targetId: `t${index}`,
        at: new Date(start + index * 60_000),
      })),
    );

    const first = await listAuditEvents(auditor, filters());
    const third = await listAuditEvents(auditor, filters({ page: "3" }));
    const beyond = await listAuditEvents(auditor, filters({ page: "9" }));

    expect(first).toMatchObject({ total: 120, page: 1, pageSize: 50, pageCount: 3 });
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0]?.targetId).toBe("t119");
    expect(third.rows.map((row) => row.targetId)).toEqual(Array.from({ length: 20 }, (_, index) => `t${19 - index}`));
    expect(beyond.rows).toEqual([]);
  });

  it("drops bad search params instead of failing", () => {
    expect(
      parseAuditFilters({
        result: "EVIL",
        page: "-3",
        from: "2026-02-30",
        to: "yesterday",
        prefix: "x",
        actor: ["  张三 ", "李四"],
        event: "a".repeat(500),
      }),
    ).toEqual({
      page: 1,
      actor: "张三",
      result: undefined,
      from: undefined,
      to: undefined,
      prefix: undefined,
      event: undefined,
      targetType: undefined,
      targetId: undefined,
    });
    expect(parseAuditFilters(new URLSearchParams("result=DENIED&page=2&from=2026-11-01"))).toMatchObject({
      result: "DENIED",
      page: 2,
      from: "2026-11-01",
    });
  });

  it("refuses everyone but the audit administrator", async () => {
    const committee = await createCommittee();
    for (const role of ["ADMIN", "SECURITY_ADMIN", "OFFICE", "LEADER", "UNIT_REPORTER"] as const) {
      const user = await createUser(committee.id, { role });
      const actor = actorOf(user, committee, role);
      await expect(listAuditEvents(actor, filters())).rejects.toBeInstanceOf(NotFoundError);
      const response = await auditExportResponse(actor, new URLSearchParams(), { locale: "zh-CN", now: new Date() });
      expect(response.status).toBe(404);
    }
    const anonymous = await auditExportResponse(null, new URLSearchParams(), { locale: "zh-CN", now: new Date() });
    expect(anonymous.status).toBe(401);
    expect(await db.auditEvent.count({ where: { event: "audit.export", result: "DENIED" } })).toBe(5);
  });
});

describe("audit export", () => {
  it("builds a workbook with a title block, a frozen Chinese header row and the rows", async () => {
    const { committee, auditor } = await auditorSetup();
    await events([
      {
        committeeId: committee.id,
        actorName: "王芳",
        ip: "10.0.0.9",
        event: "user.create",
        targetType: "User",
        targetId: "u1",
        changes: { name: [null, "张三"] },
        at: new Date("2026-11-10T02:03:04Z"),
      },
      { committeeId: committee.id, event: "custom.thing", result: "DENIED", at: new Date("2026-11-09T02:03:04Z") },
    ]);

    const workbook = await buildAuditWorkbook(auditor, filters({ prefix: "user" }), {
      locale: "zh-CN",
      exportedAt: new Date("2026-11-22T06:00:00Z"),
    });
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(workbook.buffer as unknown as Parameters<typeof read.xlsx.load>[0]);
    const sheet = read.worksheets[0]!;

    expect(workbook).toMatchObject({ rowCount: 1, truncated: false });
    expect(workbook.fileName).toBe(`审计日志-${committee.regionName}-202611221400.xlsx`);
    expect(sheet.getCell("A1").value).toBe("审计日志");
    expect(String(sheet.getCell("A2").value)).toContain(committee.name);
    expect(String(sheet.getCell("A2").value)).toContain("2026-11-22 14:00:00");
    expect(String(sheet.getCell("A3").value)).toContain("事件类别：用户");
    expect(sheet.getRow(4).values).toEqual([
      undefined,
      "时间",
      "操作人",
      "用户名",
      "单位",
      "IP 地址",
      "事件代码",
      "事件名称",
      "对象类型",
      "对象",
      "结果",
      "变更（原值 → 新值）",
      "说明",
      "请求编号",
    ]);
    expect(sheet.getRow(5).getCell(1).value).toBe("2026-11-10 10:03:04");
    expect(sheet.getRow(5).getCell(2).value).toBe("王芳");
    expect(sheet.getRow(5).getCell(6).value).toBe("user.create");
    expect(sheet.getRow(5).getCell(7).value).toBe("新建用户");
    expect(sheet.getRow(5).getCell(8).value).toBe("用户");
    expect(sheet.getRow(5).getCell(10).value).toBe("成功");
    expect(sheet.getRow(5).getCell(9).value).toBe("u1");
    expect(sheet.getRow(5).getCell(11).value).toBe("名称：张三");
    expect(sheet.rowCount).toBe(5);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
    expect(sheet.getColumn(1).width).toBe(20);
  });

  it("reads in batches and stops at the row cap", async () => {
    const { committee, auditor } = await auditorSetup();
    const at = new Date("2026-11-01T00:00:00Z"); // all at the same instant: keyset paging must use the id too
    await events(
      Array.from({ length: 25 }, (_, index) => ({ committeeId: committee.id, event: "task.update", targetId: `t${index}`, at })),
    );

    const all = await buildAuditWorkbook(auditor, filters(), { locale: "zh-CN", exportedAt: at, batchSize: 7 });
    const capped = await buildAuditWorkbook(auditor, filters(), { locale: "zh-CN", exportedAt: at, batchSize: 7, maxRows: 10 });

    const read = new ExcelJS.Workbook();
    await read.xlsx.load(all.buffer as unknown as Parameters<typeof read.xlsx.load>[0]);
    const ids = read.worksheets[0]!.getColumn(9).values.slice(5);
    expect(new Set(ids).size).toBe(25);
    expect(all).toMatchObject({ rowCount: 25, truncated: false });
    expect(capped).toMatchObject({ rowCount: 10, truncated: true });
  });

  it("answers with an attachment, audits the export and limits exports per user", async () => {
    const { auditor } = await auditorSetup();
    const now = new Date("2026-11-22T06:00:00Z");
    const params = new URLSearchParams("result=DENIED&from=2026-11-01&page=4&bogus=1");

    const response = await auditExportResponse(auditor, params, { locale: "zh-CN", now });

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(/^审计日志-测试县\d+-202611221400\.xlsx$/);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    const [audit] = await db.auditEvent.findMany({ where: { event: "audit.export" } });
    expect(audit).toMatchObject({ result: "SUCCESS", actorId: auditor.userId, committeeId: auditor.committee.id, ip: "10.1.2.3" });
    expect(JSON.parse(audit!.detail!)).toEqual({ filters: { result: "DENIED", from: "2026-11-01" }, rows: 0, truncated: false });

    for (let index = 1; index < EXPORT_LIMIT; index++) {
      expect((await auditExportResponse(auditor, params, { locale: "zh-CN", now })).status).toBe(200);
    }
    const refused = await auditExportResponse(auditor, params, { locale: "zh-CN", now: new Date(now.getTime() + 60_000) });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("540");
    expect(await refused.text()).toBe("导出过于频繁，请在 540 秒后再试");
    expect(await db.auditEvent.count({ where: { event: "audit.export", result: "DENIED" } })).toBe(1);

    const later = await auditExportResponse(auditor, params, { locale: "zh-CN", now: new Date(now.getTime() + 600_000) });
    expect(later.status).toBe(200);
  });
});

describe("audit events are append-only", () => {
  async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  }

  it("refuses UPDATE, DELETE and TRUNCATE, even for a superuser", async () => {
    const { committee } = await auditorSetup();
    await events([{ committeeId: committee.id, event: "unit.create" }]);
    await withClient(process.env.DATABASE_URL!, async (client) => {
      for (const sql of [
        `UPDATE "AuditEvent" SET "event" = 'forged'`,
        `DELETE FROM "AuditEvent"`,
        `TRUNCATE "AuditEvent"`,
        `TRUNCATE "User", "AuditEvent" CASCADE`,
      ]) {
        await expect(client.query(sql), sql).rejects.toThrow("audit events are append-only");
      }
    });
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow();
    expect(await db.auditEvent.findMany({ select: { event: true } })).toEqual([{ event: "unit.create" }]);
  });

  it("still lets a reset drop the whole schema and migrate again", async () => {
    const name = `reform_test_reset_${crypto.randomBytes(4).toString("hex")}`;
    await ensureDatabase(adminUrl(), name);
    const url = withDatabase(serverUrl(), name);
    try {
      await migrate(url);
      await withClient(url, async (client) => {
        await client.query(`INSERT INTO "AuditEvent" ("event") VALUES ('auth.signin')`);
        await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
      });
      expect((await migrate(url)).length).toBeGreaterThan(1);
      const { rows } = await withClient(url, (client) => client.query(`SELECT count(*)::int AS n FROM "AuditEvent"`));
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await dropDatabase(adminUrl(), name);
    }
  });

  it("leaves a non-superuser app role only INSERT and SELECT on the table", async () => {
    const suffix = crypto.randomBytes(4).toString("hex");
    const role = `reform_app_${suffix}`;
    const name = `reform_test_role_${suffix}`;
    const password = crypto.randomBytes(12).toString("hex");
    await withClient(adminUrl(), async (client) => {
      await client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
      await client.query(`CREATE DATABASE ${name} OWNER ${role}`);
    });
    const url = new URL(withDatabase(serverUrl(), name));
    url.username = role;
    url.password = password;
    try {
      await migrate(url.toString());
      await withClient(url.toString(), async (client) => {
        const { rows } = await client.query(
          `SELECT has_table_privilege('"AuditEvent"', 'INSERT') AS "insert", has_table_privilege('"AuditEvent"', 'SELECT') AS "select",
                  has_table_privilege('"AuditEvent"', 'UPDATE') AS "update", has_table_privilege('"AuditEvent"', 'DELETE') AS "delete",
                  has_table_privilege('"AuditEvent"', 'TRUNCATE') AS "truncate"`,
        );
        expect(rows[0]).toEqual({ insert: true, select: true, update: false, delete: false, truncate: false });
        await client.query(`INSERT INTO "AuditEvent" ("event") VALUES ('auth.signin')`);
        await expect(client.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/permission denied/);
      });
    } finally {
      await dropDatabase(adminUrl(), name);
      await withClient(adminUrl(), (client) => client.query(`DROP ROLE IF EXISTS ${role}`));
    }
  });
});
