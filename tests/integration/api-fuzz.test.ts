// Property-based fuzzing of the JSON API (SECURITY.md 13): thousands of malformed bodies, query
// strings, path ids and tokens sent to every endpoint. Whatever arrives, the answer is never a
// 5xx, an error always has the documented shape, and a success the documented schema.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ENDPOINTS, type AnyEndpoint } from "@/lib/api/endpoint";
import "@/lib/api/endpoints";
import { errorBodySchema } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { createCommittee, createGroup, createUnit, createUser, TEST_PASSWORD } from "@/tests/factories";
import { callApi } from "@/tests/support/api";

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
});
