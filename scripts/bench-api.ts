// tsx scripts/with-db.ts -- tsx --conditions=react-server scripts/bench-api.ts [--runs N]
// Times the JSON API in-process, whole request to whole response (bearer token lookup, rate
// limit, validation, SQL, JSON), on the province-scale data set of scripts/bench-data.ts
// (database `reform_bench`; generate it first). Per endpoint and caller: warm-up, then N runs
// (20 by default), median and p95 in ms, and the size of the answer. No assertions: figures to
// read (docs/benchmarks.md).
import pg from "pg";
import { newToken } from "@/lib/api/tokens";
import { withDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { BENCH_AS_OF, BENCH_DATABASE, BENCH_PROVINCE_ID, BENCH_YEAR } from "./bench-data";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

const RUNS = Number(option("--runs") ?? 20);
const WARM_UP = 2;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error("DATABASE_URL is not set: run through scripts/with-db.ts");
  const url = withDatabase(baseUrl, BENCH_DATABASE);
  process.env.DATABASE_URL = url;
  process.env.NEXTAUTH_SECRET ??= "bench-api-secret-not-used-for-anything";
  process.env.APP_NOW ??= `${BENCH_AS_OF}T12:00:00+08:00`;
  // a data set generated before the API existed lacks its table
  await migrate(url, { log: () => undefined });

  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  const seeded = await sql.query(`SELECT 1 FROM "Committee" WHERE id = $1`, [BENCH_PROVINCE_ID]);
  if (!seeded.rowCount) throw new Error("no bench data: run scripts/bench-data.ts first (same with-db.ts command)");

  const county = "bench-c050";
  const { rows: busiest } = await sql.query<{ unit: string; n: string }>(
    `SELECT "leadUnitId" AS unit, count(*) AS n FROM "ReformTask" WHERE "committeeId" = $1 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
    [county],
  );
  const { rows: someTask } = await sql.query<{ id: string }>(
    `SELECT id FROM "ReformTask" WHERE "committeeId" = $1 AND "leadUnitId" = $2 ORDER BY code LIMIT 1`,
    [county, busiest[0]!.unit],
  );
  // one long-lived token per caller, made afresh each run (only the hash is stored)
  await sql.query(`DELETE FROM "ApiToken" WHERE name = 'bench-api'`);
  await sql.query(`DELETE FROM "RateLimitBucket" WHERE key LIKE 'api:user:%'`);
  const callers: [string, string][] = [];
  for (const [label, userId, committeeId] of [
    ["province office (tree of 101)", `${BENCH_PROVINCE_ID}-office`, BENCH_PROVINCE_ID],
    ["county office", `${county}-office`, county],
    [`unit reporter (${busiest[0]!.n} led tasks)`, `${busiest[0]!.unit}-rep`, county],
  ] as const) {
    const { token, hash, prefix } = newToken();
    await sql.query(
      `INSERT INTO "ApiToken" (id, "committeeId", "userId", kind, name, "tokenHash", prefix, "sessionVersion")
       VALUES ($1, $2, $3, 'PERSONAL', 'bench-api', $4, $5, 0)`,
      [`bench-api-${userId}`, committeeId, userId, hash, prefix],
    );
    callers.push([label, token]);
  }

  const { ENDPOINTS } = await import("@/lib/api/endpoint");
  await import("@/lib/api/endpoints");
  const byId = (operationId: string) => ENDPOINTS.find((endpoint) => endpoint.operationId === operationId)!;
  const cases: [string, string, Record<string, string>, Record<string, string>][] = [
    ["GET /tasks?pageSize=100", "listTasks", { year: String(BENCH_YEAR), pageSize: "100" }, {}],
    ["GET /tasks?light=RED", "listTasks", { year: String(BENCH_YEAR), light: "RED" }, {}],
    ["GET /tasks/{id}", "getTask", {}, { id: someTask[0]!.id }],
    ["GET /dashboard/summary", "getDashboardSummary", { year: String(BENCH_YEAR) }, {}],
    ["GET /reports/compliance", "getCompliance", { period: "2026-10" }, {}],
  ];

  const { rows: version } = await sql.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
  console.log(`API benchmark — data set ${BENCH_DATABASE}, as of ${BENCH_AS_OF}, PostgreSQL ${version[0]!.v}`);
  console.log(`${WARM_UP} warm-up runs, then ${RUNS} timed runs per case; in-process route handler, whole request\n`);
  console.log(
    `${"request".padEnd(26)} ${"caller".padEnd(32)} ${"status".padStart(6)} ${"median ms".padStart(10)} ${"p95 ms".padStart(8)} ${"KiB".padStart(7)}`,
  );
  for (const [label, operationId, query, params] of cases) {
    const endpoint = byId(operationId);
    for (const [caller, token] of callers) {
      const times: number[] = [];
      let status = 0;
      let bytes = 0;
      for (let run = 0; run < WARM_UP + RUNS; run++) {
        const path = endpoint.path.replace("{id}", params.id ?? "");
        const request = new Request(`http://localhost/api/v1${path}?${new URLSearchParams(query)}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const started = performance.now();
        const response = await endpoint.route(request, { params: Promise.resolve(params) });
        const body = await response.arrayBuffer();
        const elapsed = performance.now() - started;
        status = response.status;
        bytes = body.byteLength;
        if (run >= WARM_UP) times.push(elapsed);
      }
      times.sort((a, b) => a - b);
      console.log(
        `${label.padEnd(26)} ${caller.padEnd(32)} ${String(status).padStart(6)} ${percentile(times, 50).toFixed(0).padStart(10)} ${percentile(
          times,
          95,
        )
          .toFixed(0)
          .padStart(8)} ${(bytes / 1024).toFixed(1).padStart(7)}`,
      );
    }
  }
  await sql.query(`DELETE FROM "ApiToken" WHERE name = 'bench-api'`);
  await sql.end();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
