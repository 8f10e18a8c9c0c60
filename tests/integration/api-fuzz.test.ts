// Property-based fuzzing of the JSON API (SECURITY.md 13): thousands of malformed bodies, query
// strings, path ids, tokens and headers sent to every endpoint, and raw paths with broken
// percent-encoding and server actions from foreign origins sent through the proxy that runs
// before every route. Whatever arrives, the answer is never a 5xx, an error always has the
// documented shape, and a success the documented schema.
import fc from "fast-check";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { ENDPOINTS, type AnyEndpoint } from "@/lib/api/endpoint";
import "@/lib/api/endpoints";
import { errorBodySchema } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { createCommittee, createGroup, createUnit, createUser, TEST_PASSWORD } from "@/tests/factories";
import { callApi } from "@/tests/support/api";
import { proxy } from "@/proxy";

process.env.APP_NOW = "2026-11-22T02:00:00.000Z";

const RUNS_PER_ENDPOINT = 220;

const oddText = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ minLength: 500, maxLength: 3000 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\ud800",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    '\'; DROP TABLE "ReformTask"; --',
    "NaN",
    "null",
    "-1",
    "0",
    "1e309",
    "2026-02-30",
    "2026-13",
    "9999-12-31",
    "RED,PURPLE",
    "%",
    "%00",
    "true",
  ),
);

const oddValue = fc.oneof(
  oddText,
  fc.integer(),
  fc.double(),
  fc.bigInt().map((n) => n.toString()),
  fc.boolean(),
  fc.constant(null),
  fc.array(oddText, { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

function fieldsOf(endpoint: AnyEndpoint, kind: "query" | "body"): string[] {
  const schema = endpoint[kind] as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> } } } | undefined;
  return Object.keys(schema?.shape ?? schema?.def?.in?.shape ?? {});
}

async function world() {
  const committee = await createCommittee();
  const group = await createGroup(committee.id);
  const unit = await createUnit(committee.id);
  const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "工作要点" } });
  const task = await db.reformTask.create({
    data: {
      committeeId: committee.id,
      year: 2026,
      planId: plan.id,
      groupId: group.id,
      code: "2026-测-001",
      title: "任务",
      goal: "目标",
      leadUnitId: unit.id,
      source: "SELF",
      startDate: new Date("2026-01-01"),
      dueDate: new Date("2026-12-31"),
    },
  });
  const report = await db.progressReport.create({
    data: {
      taskId: task.id,
      unitId: unit.id,
      period: new Date("2026-10-01"),
      progress: "进展",
      percent: 30,
      status: "SUBMITTED",
      submittedAt: new Date(),
    },
  });
  await createUser(committee.id, { role: "OFFICE", username: "fuzz-office" });
  await createUser(committee.id, { role: "UNIT_REPORTER", username: "fuzz-reporter", unitId: unit.id });
  const tokens: string[] = [];
  for (const username of ["fuzz-office", "fuzz-reporter"]) {
    const session = await callApi<{ token: string }>(
      ENDPOINTS.find((endpoint) => endpoint.operationId === "openSession")!,
      {
        body: { username, password: TEST_PASSWORD },
      },
    );
    tokens.push(session.body.token);
  }
  return { ids: [task.id, report.id, unit.id, group.id, plan.id], tokens };
}

describe("fuzzing the API", () => {
  it("answers every malformed request to every endpoint with a documented 4xx, never a 5xx", async () => {
    const { ids, tokens } = await world();
    let calls = 0;
    for (const endpoint of ENDPOINTS) {
      const queryFields = fieldsOf(endpoint, "query");
      const bodyFields = fieldsOf(endpoint, "body");
      const token = fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...tokens) },
        { weight: 1, arbitrary: fc.constantFrom(null, "rtp_forged", "Bearer", "rtp_" + "x".repeat(300)) },
      );
      const id = fc.oneof(fc.constantFrom(...ids), oddText);
      const query = fc.oneof(
        fc.dictionary(fc.oneof(fc.constantFrom(...(queryFields.length ? queryFields : ["x"])), fc.string({ maxLength: 6 })), oddText, {
          maxKeys: queryFields.length + 2,
        }),
        oddText,
      );
      const body = fc.oneof(
        fc.record({
          body: fc.dictionary(
            fc.oneof(fc.constantFrom(...(bodyFields.length ? bodyFields : ["x"])), fc.string({ maxLength: 6 })),
            oddValue,
            {
              maxKeys: bodyFields.length + 2,
            },
          ),
        }),
        fc.record({ body: fc.jsonValue() }),
        fc.record({ rawBody: fc.oneof(oddText, fc.constantFrom("{", "[1,", '{"a":}', "undefined", "{}".repeat(1000))) }),
      );

      await fc.assert(
        fc.asyncProperty(token, id, query, body, async (bearer, pathId, queryValue, payload) => {
          calls++;
          const answer = await callApi(endpoint, {
            token: bearer,
            params: { id: pathId },
            query: queryValue,
            ...(endpoint.body ? payload : {}),
          });
          // keep the fuzzing going past the rate limit and a DELETE /session
          await db.rateLimitBucket.deleteMany();
          await db.apiToken.updateMany({ where: { revokedAt: { not: null } }, data: { revokedAt: null } });
          expect(answer.status, `${endpoint.method} ${endpoint.path}: ${JSON.stringify(answer.body)}`).toBeLessThan(500);
          if (answer.status >= 400) expect(errorBodySchema.safeParse(answer.body).success, JSON.stringify(answer.body)).toBe(true);
          else expect(endpoint.response.safeParse(answer.body).success, JSON.stringify(answer.body)).toBe(true);
        }),
        { numRuns: RUNS_PER_ENDPOINT, seed: 20261122 },
      );
    }
    expect(calls).toBe(RUNS_PER_ENDPOINT * ENDPOINTS.length);
    expect(calls).toBeGreaterThan(3000);
  }, 600_000);

  it("answers every header it is sent, however odd, with a documented answer, never a 5xx", async () => {
    const { ids, tokens } = await world();
    // what an HTTP/1.1 parser lets through: printable ASCII and Latin-1, no CR/LF/NUL
    const headerText = fc.oneof(
      fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)), maxLength: 300 }),
      fc.constantFrom(
        "",
        "not-an-ip, , ::ffff:999.1.1.1, 300.300.300.300",
        "unknown",
        "zz-ZZ;q=abc,,,*",
        "en;q=2, zh-CN;q=-1",
        "Bearer",
        "Bearer  rtp_",
        "Basic Zm9vOmJhcg==",
        "multipart/form-data; boundary=",
        "application/json; charset=utf-7",
        "locale=%FF; next-auth.session-token=garbage.garbage.garbage",
        "a".repeat(8000),
      ),
    );
    const headers = fc.dictionary(
      fc.constantFrom(
        "x-forwarded-for",
        "x-forwarded-host",
        "x-forwarded-proto",
        "x-real-ip",
        "x-request-id",
        "accept-language",
        "authorization",
        "content-type",
        "cookie",
        "origin",
        "user-agent",
        "if-none-match",
      ),
      headerText,
      { maxKeys: 5 },
    );
    let calls = 0;
    for (const endpoint of ENDPOINTS) {
      await fc.assert(
        fc.asyncProperty(headers, fc.constantFrom(...tokens, null), fc.constantFrom(...ids), async (sent, token, id) => {
          calls++;
          // a sent Authorization header wins over the token, as a client's own header would
          const answer = await callApi(endpoint, { token: sent.authorization === undefined ? token : null, params: { id }, headers: sent });
          await db.rateLimitBucket.deleteMany();
          await db.apiToken.updateMany({ where: { revokedAt: { not: null } }, data: { revokedAt: null } });
          expect(answer.status, `${endpoint.method} ${endpoint.path} with ${JSON.stringify(sent).slice(0, 200)}`).toBeLessThan(500);
          if (answer.status >= 400) expect(errorBodySchema.safeParse(answer.body).success, JSON.stringify(answer.body)).toBe(true);
        }),
        { numRuns: 40, seed: 20261202 },
      );
    }
    expect(calls).toBe(40 * ENDPOINTS.length);
  }, 600_000);

  it("answers raw paths and queries through the proxy: a broken escape is a 400 in the API's shape or in words, a good one passes, never a 5xx", async () => {
    // a path segment made of raw bytes, each written as %XX: valid UTF-8 or not, as a client may send it
    const escaped = fc
      .uint8Array({ minLength: 1, maxLength: 6 })
      .map((bytes) => [...bytes].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join(""));
    const segment = fc.oneof(
      escaped,
      fc.constantFrom("%", "%2", "%G0", "%E4%B8", "%ED%A0%80", "%C0%AF", "%F0%9F%98", "%25", "%2F", "%E6%94%B9%E9%9D%A9", "..", "tasks"),
      fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/),
    );
    const base = fc.constantFrom("/api/v1/tasks", "/api/v1/reports", "/api/v1/units", "/tasks", "/reports", "/supervision", "/login", "");
    const url = fc
      .tuple(base, fc.array(segment, { minLength: 1, maxLength: 3 }), fc.option(fc.tuple(segment, segment)))
      .map(([root, parts, query]) => `http://localhost${root}/${parts.join("/")}${query ? `?${query[0]}=${query[1]}` : ""}`);
    let broken = 0;
    let calls = 0;
    await fc.assert(
      fc.asyncProperty(url, fc.constantFrom("GET", "POST", "HEAD"), async (raw, method) => {
        calls++;
        const request = new NextRequest(raw, { method });
        const response = await proxy(request);
        expect(response.status, raw).toBeLessThan(500);
        const decodes = (() => {
          try {
            for (const part of new URL(raw).pathname.split("/")) decodeURIComponent(part);
            for (const part of new URL(raw).search.slice(1).split(/[&=]/)) decodeURIComponent(part.replaceAll("+", " "));
            return true;
          } catch {
            return false;
          }
        })();
        if (decodes) {
          // passed on to the route (Next's "continue" answer)
          expect(response.headers.get("x-middleware-next"), raw).toBe("1");
          return;
        }
        broken++;
        expect(response.status, raw).toBe(400);
        if (new URL(raw).pathname.startsWith("/api/")) expect(await response.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });
        else expect(await response.text()).toBe("请求地址格式不正确");
      }),
      { numRuns: 1500, seed: 20261202 },
    );
    expect(calls).toBe(1500);
    // the generator really sends broken escapes (and good ones): neither side is left untested
    expect(broken).toBeGreaterThan(200);
    expect(calls - broken).toBeGreaterThan(200);
  }, 600_000);

  it("answers a server action from another origin, or from none, with 403 in the user's language; the own origin passes", async () => {
    const host = fc.constantFrom("portal.qinghu.gov.cn", "localhost:3000", "10.1.2.3:8443");
    const origin = fc.oneof(
      fc.constantFrom(
        null,
        "null",
        "",
        "https://evil.example",
        "http://portal.qinghu.gov.cn.evil.example",
        "file://",
        "javascript:alert(1)",
        "%FF",
      ),
      fc.webUrl().map((value) => new URL(value).origin),
      fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 60 }),
    );
    let foreign = 0;
    await fc.assert(
      fc.asyncProperty(host, origin, fc.constantFrom("zh-CN", "en"), fc.boolean(), async (own, sentOrigin, locale, sameOrigin) => {
        const headers: Record<string, string> = { "next-action": "0".repeat(40), host: own, cookie: `locale=${locale}` };
        const originHeader = sameOrigin ? `https://${own}` : sentOrigin;
        if (originHeader !== null) headers.origin = originHeader;
        const response = await proxy(new NextRequest(`http://${own}/tasks`, { method: "POST", headers, body: "[]" }));
        expect(response.status).toBeLessThan(500);
        const allowed = originHeader !== null && URL.canParse(originHeader) && new URL(originHeader).host === own;
        if (allowed) {
          expect(response.headers.get("x-middleware-next")).toBe("1");
          return;
        }
        foreign++;
        expect(response.status, `origin ${String(originHeader)} on ${own}`).toBe(403);
        expect(await response.text()).toBe(
          locale === "en" ? "The request came from an unknown origin; reload the page and try again" : "请求来源无效，请刷新页面后重试",
        );
      }),
      { numRuns: 600, seed: 20261202 },
    );
    expect(foreign).toBeGreaterThan(200);
  }, 600_000);
});
