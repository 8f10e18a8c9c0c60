// The JSON API v1 end to end in-process, on a real database: every endpoint, every error status,
// the caller's scope (a reporter's token sees its unit's tasks only; another committee's records
// are 404), the audit row of every write, and every answer checked against the schema the
// OpenAPI document is generated from.
import { describe, expect, it } from "vitest";
import {
  closeSessionEndpoint,
  complianceEndpoint,
  createTaskEndpoint,
  fileReportEndpoint,
  getTaskEndpoint,
  groupsEndpoint,
  leadersEndpoint,
  listTaskReportsEndpoint,
  listTasksEndpoint,
  openSessionEndpoint,
  reviewReportEndpoint,
  summaryEndpoint,
  unitsEndpoint,
  updateTaskEndpoint,
} from "@/lib/api/endpoints";
import type { AnyEndpoint } from "@/lib/api/endpoint";
import { API_RATE_LIMIT } from "@/lib/api/endpoint";
import { errorBodySchema, type ErrorBody } from "@/lib/api/errors";
import { taskDetailSchema, taskPageSchema } from "@/lib/api/schemas";
import { IP_ATTEMPTS } from "@/lib/auth/limits";
import { newTotpSecret, totpCode } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { encryptSecret } from "@/lib/server/crypto";
import { createCommittee, createGroup, createUnit, createUser, TEST_PASSWORD } from "@/tests/factories";
import { callApi, type ApiCall } from "@/tests/support/api";

// 2026-11-22 (Beijing): October's reports were due on 5 November.
process.env.APP_NOW = "2026-11-22T02:00:00.000Z";

/** Calls the endpoint and checks the answer against its documented shape (success or error). */
async function call<T = Record<string, unknown>>(endpoint: AnyEndpoint, options: ApiCall = {}) {
  const answer = await callApi<T>(endpoint, options);
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
  if (answer.status >= 400) errorBodySchema.parse(answer.body);
  else endpoint.response.parse(answer.body);
  return answer;
}

const errorOf = (body: unknown) => (body as ErrorBody).error;

async function tokenFor(username: string, password = TEST_PASSWORD): Promise<string> {
  const answer = await call<{ token: string }>(openSessionEndpoint, { body: { username, password } });
  expect(answer.status).toBe(200);
  return answer.body.token;
}

async function world() {
  const county = await createCommittee({ name: "青湖县全面深化改革委员会" });
  const group = await createGroup(county.id, { name: "经济体制改革专项小组", shortName: "经济" });
  const lead = await createUnit(county.id, { name: "县自然资源和规划局" });
  const helper = await createUnit(county.id, { name: "县财政局" });
  const other = await createUnit(county.id, { name: "县农业农村局" });
  const plan = await db.workPlan.create({ data: { committeeId: county.id, year: 2026, title: "2026年全面深化改革工作要点" } });
  const point = await db.workPoint.create({ data: { planId: plan.id, groupId: group.id, number: "1", title: "深化要素市场化配置改革" } });
  const leaderUser = await createUser(county.id, { role: "LEADER", username: "leader1", name: "王副县长" });
  await db.user.update({ where: { id: leaderUser.id }, data: { isLeader: true, leaderTitle: "副县长" } });
  const makeTask = (code: string, leadUnitId: string, cooperating: string[], extra: object = {}) =>
    db.reformTask.create({
      data: {
        committeeId: county.id,
        year: 2026,
        planId: plan.id,
        groupId: group.id,
        code,
        title: `改革任务${code}`,
        goal: "形成可复制的经验",
        leadUnitId,
        source: "SELF",
        startDate: new Date("2026-01-01"),
        dueDate: new Date("2026-12-31"),
        cooperatingUnits: { create: cooperating.map((unitId, sortOrder) => ({ unitId, sortOrder })) },
        ...extra,
      },
    });
  const led = await makeTask("2026-经济-001", lead.id, [helper.id], {
    workPointId: point.id,
    leaderId: leaderUser.id,
    isKey: true,
    milestones: { create: [{ title: "出台方案", plannedDate: new Date("2026-06-30"), plannedPercent: 50, sortOrder: 0 }] },
  });
  const cooperated = await makeTask("2026-经济-002", helper.id, [lead.id]);
  const foreign = await makeTask("2026-经济-003", other.id, []);
  await createUser(county.id, { role: "OFFICE", username: "office1", name: "改革办" });
  await createUser(county.id, { role: "UNIT_REPORTER", username: "reporter1", unitId: lead.id, name: "自然资源填报员" });
  await createUser(county.id, { role: "UNIT_REPORTER", username: "reporter2", unitId: helper.id, name: "财政填报员" });

  const city = await createCommittee({ name: "另一县全面深化改革委员会" });
  await createUser(city.id, { role: "OFFICE", username: "office2" });
  return { county, group, lead, helper, other, plan, point, leaderUser, led, cooperated, foreign };
}

async function auditRows(event: string, result: "SUCCESS" | "DENIED" = "SUCCESS") {
  return db.auditEvent.findMany({ where: { event, result }, orderBy: { id: "asc" } });
}

describe("API v1", () => {
  it("POST /session answers a token for good credentials, 401/422/400 otherwise, in the caller's language; DELETE ends it", async () => {
    await world();
    const ok = await call<{ token: string; expiresAt: string; tokenType: string }>(openSessionEndpoint, {
      body: { username: "office1", password: TEST_PASSWORD },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.token).toMatch(/^rtp_/);
    expect(ok.body.tokenType).toBe("Bearer");
    expect(new Date(ok.body.expiresAt).getTime() - Date.parse(process.env.APP_NOW!)).toBe(12 * 3600_000);
    const stored = await db.apiToken.findFirstOrThrow({ where: { kind: "SESSION" } });
    expect(stored.tokenHash).not.toContain(ok.body.token);
    expect(await auditRows("api.session.open")).toHaveLength(1);

    const wrong = await call(openSessionEndpoint, { body: { username: "office1", password: "nope" } });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong.body)).toMatchObject({ code: "UNAUTHORIZED", message: "用户名或密码错误" });
    const english = await call(openSessionEndpoint, {
      body: { username: "office1", password: "nope" },
      headers: { "accept-language": "en-US,en;q=0.9,zh-CN;q=0.8" },
    });
    expect(errorOf(english.body).message).toBe("Wrong username or password");

    const missing = await call(openSessionEndpoint, { body: { password: "x" } });
    expect(missing.status).toBe(422);
    expect(errorOf(missing.body).fields).toEqual({ username: "此项为必填项" });
    const malformed = await call(openSessionEndpoint, { rawBody: '{"username": "office1",' });
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed.body).code).toBe("MALFORMED_JSON");

    const units = await call(unitsEndpoint, { token: ok.body.token });
    expect(units.status).toBe(200);
    const closed = await call(closeSessionEndpoint, { token: ok.body.token });
    expect(closed.status).toBe(200);
    expect(await auditRows("api.session.close")).toHaveLength(1);
    expect((await call(unitsEndpoint, { token: ok.body.token })).status).toBe(401);
  });

  it("asks an enrolled user for the one-time code: 401 TOTP_REQUIRED without it, a token with it", async () => {
    await world();
    const secret = newTotpSecret();
    await db.user.update({
      where: { username: "office1" },
      data: { totpSecret: encryptSecret(secret), totpEnabledAt: new Date("2026-01-01") },
    });
    const without = await call(openSessionEndpoint, { body: { username: "office1", password: TEST_PASSWORD } });
    expect(without.status).toBe(401);
    expect(errorOf(without.body).code).toBe("TOTP_REQUIRED");
    const malformed = await call(openSessionEndpoint, { body: { username: "office1", password: TEST_PASSWORD, totp: "12ab" } });
    expect(malformed.status).toBe(422);
    expect(errorOf(malformed.body).fields).toHaveProperty("totp");
    const code = totpCode(secret, new Date(process.env.APP_NOW!));
    const withCode = await call(openSessionEndpoint, { body: { username: "office1", password: TEST_PASSWORD, totp: code } });
    expect(withCode.status).toBe(200);
  });

  it("throttles sign-ins per client address with 429 and Retry-After", async () => {
    await world();
    const headers = { "x-forwarded-for": "203.0.113.9" };
    for (let attempt = 0; attempt < IP_ATTEMPTS; attempt++)
      expect((await call(openSessionEndpoint, { body: { username: `nobody${attempt}`, password: "x" }, headers })).status).toBe(401);
    const throttled = await call(openSessionEndpoint, { body: { username: "office1", password: TEST_PASSWORD }, headers });
    expect(throttled.status).toBe(429);
    expect(errorOf(throttled.body)).toMatchObject({ code: "RATE_LIMITED", message: "登录尝试过于频繁，请稍后再试" });
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    // another address is not affected
    expect((await call(openSessionEndpoint, { body: { username: "office1", password: TEST_PASSWORD } })).status).toBe(200);
  });

  it("locks the account after repeated failures: the right password then fails too", async () => {
    await world();
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await call(openSessionEndpoint, { body: { username: "office1", password: "wrong" } })).status).toBe(401);
    const locked = await call(openSessionEndpoint, { body: { username: "office1", password: TEST_PASSWORD } });
    expect(locked.status).toBe(401);
    expect(await auditRows("auth.lockout")).toHaveLength(1);
  });

  it("refuses requests without a usable token with 401, and a token whose password was changed", async () => {
    await world();
    const none = await call(unitsEndpoint);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await call(unitsEndpoint, { token: "rtp_not-a-real-token" })).status).toBe(401);
    expect((await call(unitsEndpoint, { headers: { authorization: "Basic b2ZmaWNlMTp4" } })).status).toBe(401);

    const token = await tokenFor("office1");
    await db.user.update({ where: { username: "office1" }, data: { sessionVersion: { increment: 1 } } });
    expect((await call(unitsEndpoint, { token })).status).toBe(401);
  });

  it("GET /tasks lists the caller's tasks with lights and filters; a reporter sees its unit's only, another committee none", async () => {
    const w = await world();
    const office = await tokenFor("office1");
    const all = await call<{ items: { id: string; code: string; cooperatingUnits: { name: string }[] }[]; total: number }>(
      listTasksEndpoint,
      { token: office, query: { year: "2026" } },
    );
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    const first = all.body.items[0]!;
    expect(first).toMatchObject({
      code: "2026-经济-001",
      specialGroup: { id: w.group.id, name: "经济体制改革专项小组" },
      leadUnit: { id: w.lead.id, name: "县自然资源和规划局" },
      cooperatingUnits: [{ id: w.helper.id, name: "县财政局" }],
      leader: { id: w.leaderUser.id, name: "王副县长" },
      isKey: true,
      year: 2026,
      version: 1,
    });
    // 2026-11-22: the milestone (50% by 30 June) is long late with nothing reported → RED
    expect(all.body.items.map((item) => (item as unknown as { light: string }).light)).toEqual(["RED", "RED", "RED"]);
    // with its reasons: codes and data for programs, the portal's words for people (the documented shape)
    expect(taskPageSchema.parse(all.body).items[0]!.reasons).toEqual([
      {
        code: "milestoneLateLong",
        milestone: "出台方案",
        plannedDate: "2026-06-30",
        days: 145,
        lateMilestones: 1,
        text: "序时节点「出台方案」逾期145天未完成（计划2026年6月30日）",
      },
      { code: "lagRed", planned: 50, actual: 0, lag: 50, text: "进度落后序时50个百分点（序时进度50%，实际进度0%）" },
    ]);
    const english = await call<{ items: { reasons: { text: string }[] }[] }>(listTasksEndpoint, {
      token: office,
      query: { year: "2026" },
      headers: { "accept-language": "en-GB,en;q=0.9" },
    });
    expect(english.body.items[0]!.reasons.map((reason) => reason.text)).toEqual([
      "Milestone “出台方案” is 145 days late (planned for June 30, 2026)",
      "50 points behind schedule (planned 50%, actual 0%)",
    ]);

    const byUnit = await call<{ items: { code: string }[] }>(listTasksEndpoint, { token: office, query: { unit: w.lead.id } });
    expect(byUnit.body.items.map((item) => item.code)).toEqual(["2026-经济-001", "2026-经济-002"]);
    const byLead = await call<{ items: { code: string }[] }>(listTasksEndpoint, { token: office, query: { leadUnit: w.lead.id } });
    expect(byLead.body.items.map((item) => item.code)).toEqual(["2026-经济-001"]);
    const keyOnly = await call<{ total: number }>(listTasksEndpoint, { token: office, query: { key: "true" } });
    expect(keyOnly.body.total).toBe(1);
    const green = await call<{ total: number }>(listTasksEndpoint, { token: office, query: { light: "GREEN" } });
    expect(green.body.total).toBe(0);
    const paged = await call<{ items: unknown[]; total: number; page: number; pageSize: number }>(listTasksEndpoint, {
      token: office,
      query: { page: "2", pageSize: "2" },
    });
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.body.items).toHaveLength(1);
    const searched = await call<{ total: number }>(listTasksEndpoint, { token: office, query: { q: "经济-003" } });
    expect(searched.body.total).toBe(1);
    // as of 2026-03-01 nothing was due yet: the plan-based percent is low and the light not red
    const past = await call<{ asOf: string; items: { plannedPercent: number; light: string; reasons: unknown[] }[] }>(listTasksEndpoint, {
      token: office,
      query: { asOf: "2026-03-01" },
    });
    expect(past.body.asOf).toBe("2026-03-01");
    // then the two tasks without milestones (planned linearly) were behind: yellow, and said why
    expect(past.body.items.map((item) => [item.light, item.reasons.length])).toEqual([
      ["GREEN", 0],
      ["YELLOW", 1],
      ["YELLOW", 1],
    ]);
    expect(past.body.items[1]!.reasons).toEqual([
      { code: "lagYellow", planned: 16, actual: 0, lag: 16, text: "进度落后序时16个百分点（序时进度16%，实际进度0%）" },
    ]);

    const nul = await call(listTasksEndpoint, { token: office, query: { q: "a\u0000b" } });
    expect(nul.status).toBe(422);
    expect(errorOf(nul.body).fields).toEqual({ q: "包含无法保存的字符" });
    const bad = await call(listTasksEndpoint, { token: office, query: { light: "PURPLE", pageSize: "1000", year: "abc" } });
    expect(bad.status).toBe(422);
    expect(Object.keys(errorOf(bad.body).fields ?? {}).sort()).toEqual(["light", "pageSize", "year"]);

    const reporter = await tokenFor("reporter1");
    const mine = await call<{ items: { code: string }[] }>(listTasksEndpoint, { token: reporter });
    expect(mine.body.items.map((item) => item.code)).toEqual(["2026-经济-001", "2026-经济-002"]);
    const reporterPast = await call<{ asOf: string }>(listTasksEndpoint, { token: reporter, query: { asOf: "2026-03-01" } });
    expect(reporterPast.body.asOf).toBe("2026-11-22");

    const stranger = await tokenFor("office2");
    expect((await call<{ total: number }>(listTasksEndpoint, { token: stranger })).body.total).toBe(0);
  });

  it("GET /tasks/{id} gives the task with milestones and latest report; outside the scope it is 404", async () => {
    const w = await world();
    const reporter = await tokenFor("reporter1");
    const detail = await call<{ milestones: unknown[]; workPoint: { id: string }; latestReport: unknown; plan: { id: string } }>(
      getTaskEndpoint,
      { token: reporter, params: { id: w.led.id } },
    );
    expect(detail.status).toBe(200);
    expect(detail.body.milestones).toHaveLength(1);
    expect(detail.body.workPoint.id).toBe(w.point.id);
    expect(detail.body.plan.id).toBe(w.plan.id);
    expect(detail.body.latestReport).toBeNull();
    expect(taskDetailSchema.parse(detail.body).reasons.map((reason) => reason.code)).toEqual(["milestoneLateLong", "lagRed"]);

    // as of a past day for the office, as the task page; a reporter always gets today; a bad day is 422
    const office = await tokenFor("office1");
    // on 10 July the milestone was 10 days late (a yellow reason) and 50 points were missing (red):
    // a red light lists its red reasons only
    const july = await call<{ light: string; reasons: unknown[] }>(getTaskEndpoint, {
      token: office,
      params: { id: w.led.id },
      query: { asOf: "2026-07-10" },
    });
    expect([july.body.light, july.body.reasons]).toEqual([
      "RED",
      [{ code: "lagRed", planned: 50, actual: 0, lag: 50, text: "进度落后序时50个百分点（序时进度50%，实际进度0%）" }],
    ]);
    const reporterJuly = await call<{ reasons: { code: string }[] }>(getTaskEndpoint, {
      token: reporter,
      params: { id: w.led.id },
      query: { asOf: "2026-07-10" },
    });
    expect(reporterJuly.body.reasons.map((reason) => reason.code)).toEqual(["milestoneLateLong", "lagRed"]);
    const badDay = await call(getTaskEndpoint, { token: office, params: { id: w.led.id }, query: { asOf: "2026-02-30" } });
    expect(badDay.status).toBe(422);
    expect(Object.keys(errorOf(badDay.body).fields ?? {})).toEqual(["asOf"]);

    expect((await call(getTaskEndpoint, { token: reporter, params: { id: w.foreign.id } })).status).toBe(404);
    expect((await call(getTaskEndpoint, { token: await tokenFor("office2"), params: { id: w.led.id } })).status).toBe(404);
    expect((await call(getTaskEndpoint, { token: reporter, params: { id: "../../etc" } })).status).toBe(404);
    expect((await call(getTaskEndpoint, { token: reporter, params: { id: "nonexistent" } })).status).toBe(404);
  });

  it("POST /tasks creates a task (office only), audited; bad input is 422 field by field", async () => {
    const w = await world();
    const office = await tokenFor("office1");
    const input = {
      planId: w.plan.id,
      groupId: w.group.id,
      title: "深化农村集体经营性建设用地入市改革",
      goal: "完成首宗入市交易",
      leadUnitId: w.lead.id,
      cooperatingUnitIds: [w.helper.id],
      source: "SELF",
      startDate: "2026-03-01",
      dueDate: "2026-12-31",
      milestones: [{ title: "出台实施方案", plannedDate: "2026-06-30", plannedPercent: 40 }],
    };
    const created = await call<{ id: string; code: string; version: number }>(createTaskEndpoint, {
      token: office,
      body: input,
      headers: { "x-request-id": "req-create-1" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.code).toBe("2026-经济-004");
    const audit = await auditRows("task.create");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetId: created.body.id, requestId: "req-create-1", result: "SUCCESS" });

    const malformed = await call(createTaskEndpoint, { token: office, rawBody: "{'title': '单引号不是 JSON'}" });
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed.body)).toEqual({ code: "MALFORMED_JSON", message: "请求体不是合法的 JSON" });
    const invalid = await call(createTaskEndpoint, { token: office, body: { ...input, title: "", dueDate: "2026-02-30", extra: 1 } });
    expect(invalid.status).toBe(422);
    expect(errorOf(invalid.body).fields).toMatchObject({ title: "此项为必填项", dueDate: "格式不正确" });
    const english = await call(createTaskEndpoint, { token: office, body: { ...input, title: "" }, headers: { "accept-language": "en" } });
    expect(errorOf(english.body).fields?.title).toMatch(/required/i);

    const reporter = await tokenFor("reporter1");
    const refused = await call(createTaskEndpoint, { token: reporter, body: input });
    expect(refused.status).toBe(403);
    expect(await auditRows("task.create", "DENIED")).toHaveLength(1);
    expect(await db.reformTask.count()).toBe(4);
    const foreignPlan = await call(createTaskEndpoint, { token: await tokenFor("office2"), body: input });
    expect(foreignPlan.status).toBe(404);
  });

  it("PATCH /tasks/{id} changes only the fields sent, needs the version, and refuses a stale one with 409", async () => {
    const w = await world();
    const office = await tokenFor("office1");
    const patched = await call<{ title: string; version: number; leader: { id: string }; workPoint: { id: string }; isKey: boolean }>(
      updateTaskEndpoint,
      { token: office, params: { id: w.led.id }, body: { title: "新的任务名称", version: 1 } },
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: "新的任务名称", version: 2, isKey: true });
    expect(patched.body.leader.id).toBe(w.leaderUser.id);
    expect(patched.body.workPoint.id).toBe(w.point.id);
    const task = await db.reformTask.findUniqueOrThrow({ where: { id: w.led.id }, include: { milestones: true, cooperatingUnits: true } });
    expect(task.milestones).toHaveLength(1);
    expect(task.cooperatingUnits.map((row) => row.unitId)).toEqual([w.helper.id]);
    expect(await auditRows("task.update")).toHaveLength(1);

    const stale = await call(updateTaskEndpoint, { token: office, params: { id: w.led.id }, body: { title: "覆盖", version: 1 } });
    expect(stale.status).toBe(409);
    expect(errorOf(stale.body).code).toBe("CONFLICT");
    expect((await db.reformTask.findUniqueOrThrow({ where: { id: w.led.id } })).title).toBe("新的任务名称");

    const noVersion = await call(updateTaskEndpoint, { token: office, params: { id: w.led.id }, body: { title: "x" } });
    expect(noVersion.status).toBe(422);
    expect(errorOf(noVersion.body).fields).toHaveProperty("version");
    const badDates = await call(updateTaskEndpoint, {
      token: office,
      params: { id: w.led.id },
      body: { dueDate: "2025-01-01", version: 2 },
    });
    expect(badDates.status).toBe(422);
    expect(errorOf(badDates.body).fields).toHaveProperty("dueDate");

    const reporter = await tokenFor("reporter1");
    expect((await call(updateTaskEndpoint, { token: reporter, params: { id: w.led.id }, body: { title: "y", version: 2 } })).status).toBe(
      403,
    );
    expect(
      (await call(updateTaskEndpoint, { token: await tokenFor("office2"), params: { id: w.led.id }, body: { title: "y", version: 2 } }))
        .status,
    ).toBe(404);
    const denied = await db.auditEvent.findMany({ where: { event: "task.update", result: "DENIED" } });
    expect(denied).toHaveLength(1);
  });

  it("reports: the lead unit files and submits in one step; the office reviews; every write audited; nothing half-saved", async () => {
    const w = await world();
    const reporter = await tokenFor("reporter1");
    const filed = await call<{ id: string; status: string; version: number; period: string; percent: number }>(fileReportEndpoint, {
      token: reporter,
      params: { id: w.led.id },
      body: { period: "2026-10", percent: 40, progress: "完成方案起草", problems: "资金未到位", nextSteps: "报县政府审定", submit: true },
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: "SUBMITTED", period: "2026-10", percent: 40 });
    expect(await auditRows("report.file")).toHaveLength(1);

    // a draft, then a drop without a reason: refused, and the draft is not changed
    const draft = await call<{ id: string; version: number; status: string }>(fileReportEndpoint, {
      token: reporter,
      params: { id: w.led.id },
      body: { period: "2026-09", percent: 30, progress: "前期调研", submit: false },
    });
    expect(draft.body.status).toBe("DRAFT");
    const empty = await call(fileReportEndpoint, {
      token: reporter,
      params: { id: w.led.id },
      body: { period: "2026-08", progress: "", submit: true },
    });
    expect(empty.status).toBe(422);
    expect(await db.progressReport.count({ where: { taskId: w.led.id } })).toBe(2);
    const duplicate = await call(fileReportEndpoint, {
      token: reporter,
      params: { id: w.led.id },
      body: { period: "2026-09", percent: 30, progress: "再报一次", submit: false },
    });
    expect(duplicate.status).toBe(409);

    // the lead report is the lead unit's alone: to a cooperating unit it is out of scope, as to any other unit
    const helper = await tokenFor("reporter2");
    expect(
      (await call(fileReportEndpoint, { token: helper, params: { id: w.led.id }, body: { period: "2026-10", progress: "x" } })).status,
    ).toBe(404);
    expect(
      (await call(fileReportEndpoint, { token: reporter, params: { id: w.foreign.id }, body: { period: "2026-10", progress: "x" } }))
        .status,
    ).toBe(404);

    const office = await tokenFor("office1");
    const list = await call<{ items: { id: string; status: string }[] }>(listTaskReportsEndpoint, {
      token: office,
      params: { id: w.led.id },
    });
    // the office does not see the unit's draft
    expect(list.body.items.map((item) => item.status)).toEqual(["SUBMITTED"]);
    const own = await call<{ items: unknown[] }>(listTaskReportsEndpoint, { token: reporter, params: { id: w.led.id } });
    expect(own.body.items).toHaveLength(2);

    const noComment = await call(reviewReportEndpoint, { token: office, params: { id: filed.body.id }, body: { decision: "return" } });
    expect(noComment.status).toBe(422);
    expect(errorOf(noComment.body).fields).toHaveProperty("comment");
    expect(
      (await call(reviewReportEndpoint, { token: reporter, params: { id: filed.body.id }, body: { decision: "approve" } })).status,
    ).toBe(403);
    expect((await call(reviewReportEndpoint, { token: office, params: { id: filed.body.id }, body: { decision: "maybe" } })).status).toBe(
      422,
    );
    const stale = await call(reviewReportEndpoint, {
      token: office,
      params: { id: filed.body.id },
      body: { decision: "approve", version: filed.body.version - 1 },
    });
    expect(stale.status).toBe(409);
    const approved = await call<{ status: string }>(reviewReportEndpoint, {
      token: office,
      params: { id: filed.body.id },
      body: { decision: "approve", comment: "同意" },
    });
    expect(approved.body.status).toBe("APPROVED");
    expect(await auditRows("report.approve")).toHaveLength(1);
    expect(await auditRows("report.approve", "DENIED")).toHaveLength(1);
    expect((await db.reformTask.findUniqueOrThrow({ where: { id: w.led.id } })).actualPercent).toBe(40);
    const detail = await call<{ actualPercent: number; latestReport: { id: string } }>(getTaskEndpoint, {
      token: office,
      params: { id: w.led.id },
    });
    expect(detail.body.actualPercent).toBe(40);
    expect(detail.body.latestReport.id).toBe(filed.body.id);
    expect(
      (await call(reviewReportEndpoint, { token: await tokenFor("office2"), params: { id: filed.body.id }, body: { decision: "approve" } }))
        .status,
    ).toBe(404);
  });

  it("GET /reports/compliance gives each unit's expected, on-time, late, missing and returned reports", async () => {
    const w = await world();
    const reporter = await tokenFor("reporter1");
    await call(fileReportEndpoint, {
      token: reporter,
      params: { id: w.led.id },
      body: { period: "2026-10", percent: 40, progress: "推进中", submit: true },
    });
    const office = await tokenFor("office1");
    const october = await call<{ period: string; units: { id: string; expected: number; late: number; missing: number }[] }>(
      complianceEndpoint,
      { token: office, query: { period: "2026-10" } },
    );
    expect(october.status).toBe(200);
    expect(october.body.period).toBe("2026-10");
    const byId = new Map(october.body.units.map((unit) => [unit.id, unit]));
    // filed on 22 November for October (due 5 November): late; the other two units have not filed
    expect(byId.get(w.lead.id)).toMatchObject({ expected: 1, late: 1, missing: 0 });
    expect(byId.get(w.helper.id)).toMatchObject({ expected: 1, missing: 1 });
    expect(byId.get(w.other.id)).toMatchObject({ expected: 1, missing: 1 });
    const bad = await call(complianceEndpoint, { token: office, query: { period: "2026-13" } });
    expect(bad.status).toBe(422);
    expect(errorOf(bad.body).fields).toHaveProperty("period");
    const mine = await call<{ units: { id: string }[] }>(complianceEndpoint, { token: reporter, query: { period: "2026-10" } });
    expect(mine.body.units.map((unit) => unit.id)).toEqual([w.lead.id]);
  });

  it("GET /dashboard/summary counts the same tasks as GET /tasks, by light, group and lead unit", async () => {
    const w = await world();
    const office = await tokenFor("office1");
    const summary = await call<{
      total: number;
      byLight: Record<string, number>;
      byGroup: { id: string; total: number }[];
      byUnit: { id: string; total: number }[];
    }>(summaryEndpoint, { token: office, query: { year: "2026" } });
    const list = await call<{ total: number }>(listTasksEndpoint, { token: office, query: { year: "2026" } });
    expect(summary.body.total).toBe(list.body.total);
    expect(summary.body.byLight.RED).toBe(3);
    expect(summary.body.byGroup).toEqual([expect.objectContaining({ id: w.group.id, total: 3 })]);
    expect(summary.body.byUnit.map((unit) => [unit.id, unit.total]).sort()).toEqual(
      [
        [w.lead.id, 1],
        [w.helper.id, 1],
        [w.other.id, 1],
      ].sort(),
    );
    for (const light of ["RED", "GREEN"]) {
      const filtered = await call<{ total: number }>(listTasksEndpoint, { token: office, query: { light } });
      expect(filtered.body.total).toBe(summary.body.byLight[light]);
    }
    expect((await call(summaryEndpoint, { token: office, query: { asOf: "yesterday" } })).status).toBe(422);
  });

  it("reference lists hold the caller's committee only", async () => {
    const w = await world();
    const office = await tokenFor("office1");
    const units = await call<{ items: { id: string }[] }>(unitsEndpoint, { token: office });
    expect(units.body.items.map((unit) => unit.id).sort()).toEqual([w.lead.id, w.helper.id, w.other.id].sort());
    const groups = await call<{ items: { id: string }[] }>(groupsEndpoint, { token: office });
    expect(groups.body.items.map((group) => group.id)).toEqual([w.group.id]);
    const leaders = await call<{ items: { id: string; title: string }[] }>(leadersEndpoint, { token: office });
    expect(leaders.body.items).toEqual([expect.objectContaining({ id: w.leaderUser.id, title: "副县长" })]);
    const stranger = await tokenFor("office2");
    expect((await call<{ items: unknown[] }>(unitsEndpoint, { token: stranger })).body.items).toEqual([]);
  });

  it("refuses a role that may not read reform content anywhere with 403, record by record still 404", async () => {
    const w = await world();
    const county = await db.committee.findFirstOrThrow({ where: { id: w.county.id } });
    await createUser(county.id, { role: "ADMIN", username: "admin1" });
    const admin = await tokenFor("admin1");
    for (const endpoint of [listTasksEndpoint, summaryEndpoint, complianceEndpoint]) {
      const refused = await call(endpoint, { token: admin });
      expect(refused.status, endpoint.path).toBe(403);
      expect(errorOf(refused.body).code).toBe("FORBIDDEN");
    }
    expect((await call(getTaskEndpoint, { token: admin, params: { id: w.led.id } })).status).toBe(403);
    // reference lists are the administrator's own business
    expect((await call(unitsEndpoint, { token: admin })).status).toBe(200);
  });

  it("answers 429 with Retry-After once a caller has used up the minute, and 403 while a password change is owed", async () => {
    await world();
    const token = await tokenFor("office1");
    const user = await db.user.findUniqueOrThrow({ where: { username: "office1" } });
    await db.rateLimitBucket.create({
      data: { key: `api:user:${user.id}`, windowStart: new Date(process.env.APP_NOW!), count: API_RATE_LIMIT.requests },
    });
    const limited = await call(unitsEndpoint, { token });
    expect(limited.status).toBe(429);
    expect(errorOf(limited.body).code).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    await db.rateLimitBucket.deleteMany();

    await db.user.update({ where: { id: user.id }, data: { mustChangePassword: true } });
    const owed = await call(unitsEndpoint, { token });
    expect(owed.status).toBe(403);
    expect(errorOf(owed.body).code).toBe("PASSWORD_CHANGE_REQUIRED");
  });
});
