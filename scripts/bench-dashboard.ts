// tsx scripts/with-db.ts -- tsx --conditions=react-server scripts/bench-dashboard.ts [--runs N] [--plans FILE]
// Times the cockpit (getCockpit) and the workbenches (getOfficeWorkbench, getUnitWorkbench) on the
// province-scale data set of scripts/bench-data.ts (database `reform_bench` on the server of
// DATABASE_URL; generate it first): per actor and function, warm-up then N runs (20 by default),
// median and p95 in ms. Then every SQL statement a call sends (caught with Prisma's query event) is
// run again under EXPLAIN (ANALYZE, BUFFERS) and checked for a sequential scan of "ProgressReport":
// PASS/FAIL per statement. No assertions: figures to read (docs/benchmarks.md).
import crypto from "node:crypto";
import fs from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { withDatabase } from "@/lib/db/embedded";
import { PrismaClient } from "@/lib/db/prisma";
import { BENCH_AS_OF, BENCH_DATABASE, BENCH_PROVINCE_ID, BENCH_YEAR, dataSetSize } from "./bench-data";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

const RUNS = Number(option("--runs") ?? 20);
const WARM_UP = 2;
const PLANS_FILE = option("--plans");
const MEASURED = ["lib/dashboard/cockpit.ts", "lib/dashboard/workbench.ts", "lib/ledger/light-sql.ts", "lib/ledger/queries.ts"];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Captured {
  query: string;
  params: unknown[];
  duration: number;
}

/** One Prisma client for the whole process (lib/db/client reuses the one on globalThis), logging its SQL. */
function loggingClient(url: string): { client: PrismaClient; capture<T>(run: () => Promise<T>): Promise<Captured[]> } {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), log: [{ emit: "event", level: "query" }] });
  let sink: Captured[] | null = null;
  client.$on("query", (event) => {
    if (!sink) return;
    let params: unknown[] = [];
    try {
      params = JSON.parse(event.params) as unknown[];
    } catch {
      params = [];
    }
    sink.push({ query: event.query, params, duration: Number(event.duration) });
  });
  (globalThis as unknown as { prisma?: PrismaClient }).prisma = client;
  return {
    client,
    async capture(run) {
      sink = [];
      try {
        await run();
        return sink;
      } finally {
        sink = null;
      }
    },
  };
}

/** Parameters as node-postgres sends them: arrays as PostgreSQL arrays, other objects (json) as text. */
function pgParams(params: unknown[]): unknown[] {
  return params.map((value) => (value !== null && typeof value === "object" && !Array.isArray(value) ? JSON.stringify(value) : value));
}

function shortName(sql: string): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  const tables = [...new Set([...flat.matchAll(/(?:FROM|JOIN) "(?:public"\.")?(\w+)"/g)].map((match) => match[1]))];
  const head = flat.startsWith("WITH") ? "WITH …" : flat.slice(0, 6);
  return `${head} [${tables.slice(0, 6).join(", ")}${tables.length > 6 ? ", …" : ""}]`;
}

async function main() {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error("DATABASE_URL is not set: run through scripts/with-db.ts");
  const url = withDatabase(baseUrl, option("--database") ?? BENCH_DATABASE);
  // the app's environment, pointed at the bench database and pinned to the data set's day
  process.env.DATABASE_URL = url;
  process.env.NEXTAUTH_SECRET ??= "bench-dashboard-secret-not-used-for-anything";
  process.env.APP_NOW ??= `${BENCH_AS_OF}T12:00:00+08:00`;

  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  const exists = await sql.query(`SELECT 1 FROM pg_tables WHERE tablename = 'Committee'`);
  const seeded = exists.rowCount ? await sql.query(`SELECT 1 FROM "Committee" WHERE id = $1`, [BENCH_PROVINCE_ID]) : null;
  if (!seeded?.rowCount) throw new Error("no bench data: run scripts/bench-data.ts first (same with-db.ts command)");

  const { capture } = loggingClient(url);
  // The Actor as loadActor (lib/auth/actor.ts) builds it; that module pulls next/navigation, which
  // does not load outside Next, so the same query and shape are repeated here.
  const actorOf = async (userId: string): Promise<Actor> => {
    const { rows: users } = await sql.query<{
      username: string;
      name: string;
      isLeader: boolean;
      leaderTitle: string | null;
      unitId: string | null;
      unitName: string | null;
    }>(
      `SELECT u.username, u.name, u."isLeader", u."leaderTitle", u."unitId", un.name AS "unitName"
       FROM "User" u LEFT JOIN "Unit" un ON un.id = u."unitId" WHERE u.id = $1`,
      [userId],
    );
    const { rows: grants } = await sql.query<{
      role: Actor["roles"][number]["role"];
      unitId: string | null;
      groupId: string | null;
      committeeId: string;
    }>(`SELECT role, "unitId", "groupId", "committeeId" FROM "RoleAssignment" WHERE "userId" = $1 ORDER BY "createdAt"`, [userId]);
    const user = users[0];
    const committeeId = grants[0]?.committeeId;
    if (!user || !committeeId) throw new Error(`no actor for ${userId}`);
    const { rows: committees } = await sql.query<{ id: string; name: string; regionName: string; officeName: string }>(
      `SELECT id, name, "regionName", "officeName" FROM "Committee" WHERE id = $1`,
      [committeeId],
    );
    const { rows: children } = await sql.query<{ id: string }>(`SELECT id FROM "Committee" WHERE "parentId" = $1`, [committeeId]);
    return {
      userId,
      username: user.username,
      name: user.name,
      committeeId,
      childCommitteeIds: children.map((child) => child.id),
      committee: committees[0]!,
      unit: user.unitId ? { id: user.unitId, name: user.unitName! } : null,
      roles: grants.filter((grant) => grant.committeeId === committeeId).map(({ role, unitId, groupId }) => ({ role, unitId, groupId })),
      isLeader: user.isLeader,
      leaderTitle: user.leaderTitle,
      passwordChangeRequired: false,
      totpEnabled: false,
      totpSetupRequired: false,
      context: { ip: "127.0.0.1", userAgent: "bench-dashboard", requestId: "bench", origin: "http://localhost", host: "localhost" },
    };
  };

  // a county (not a city) and, in it, the unit that leads the most tasks
  const county = "bench-c050";
  const { rows: busiest } = await sql.query<{ unit: string; n: string }>(
    `SELECT "leadUnitId" AS unit, count(*) AS n FROM "ReformTask" WHERE "committeeId" = $1 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
    [county],
  );
  const actors: [string, Actor][] = [
    ["province office (tree of 101)", await actorOf(`${BENCH_PROVINCE_ID}-office`)],
    ["county office", await actorOf(`${county}-office`)],
    ["county leader", await actorOf(`${county}-l1`)],
    [`unit reporter (${busiest[0]!.n} led tasks)`, await actorOf(`${busiest[0]!.unit}-rep`)],
  ];

  // the functions under test; the ledger query stands in while the dashboard modules are missing
  type Fn = (actor: Actor) => Promise<unknown>;
  const functions: [string, Fn][] = [];
  try {
    const { getCockpit } = await import("@/lib/dashboard/cockpit");
    functions.push(["getCockpit", (actor) => getCockpit(actor, { year: BENCH_YEAR, asOf: BENCH_AS_OF })]);
  } catch (error) {
    console.log(`lib/dashboard/cockpit.ts not loadable (${String(error).slice(0, 200)})`);
  }
  try {
    const { getOfficeWorkbench, getUnitWorkbench } = await import("@/lib/dashboard/workbench");
    functions.push(["getOfficeWorkbench", getOfficeWorkbench], ["getUnitWorkbench", getUnitWorkbench]);
  } catch (error) {
    console.log(`lib/dashboard/workbench.ts not loadable (${String(error).slice(0, 200)})`);
  }
  if (functions.length === 0) {
    const { listLedger } = await import("@/lib/ledger/queries");
    const { DEFAULT_LEDGER_PARAMS } = await import("@/lib/ledger/schemas");
    functions.push(["listLedger (stand-in)", (actor) => listLedger(actor, { ...DEFAULT_LEDGER_PARAMS, year: BENCH_YEAR })]);
  }

  const { counts, bytes } = await dataSetSize(sql);
  const { rows: version } = await sql.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
  console.log(`dashboard benchmark — data set ${BENCH_DATABASE}, year ${BENCH_YEAR}, as of ${BENCH_AS_OF}, PostgreSQL ${version[0]!.v}`);
  console.log(
    Object.entries(counts)
      .map(([table, n]) => `${table} ${n}`)
      .join(", ") + `; ${(bytes / 2 ** 20).toFixed(0)} MiB on disk`,
  );
  // which version of the code was measured (the dashboard modules are being written as this runs)
  console.log(
    `code: ${MEASURED.map((file) => {
      try {
        const text = fs.readFileSync(file);
        return `${file} ${crypto.createHash("md5").update(text).digest("hex").slice(0, 8)} (${fs.statSync(file).mtime.toISOString().slice(0, 19)})`;
      } catch {
        return `${file} missing`;
      }
    }).join(", ")}`,
  );
  console.log(`${WARM_UP} warm-up runs, then ${RUNS} timed runs per case\n`);
  console.log(`${"function".padEnd(20)} ${"actor".padEnd(32)} ${"median ms".padStart(10)} ${"p95 ms".padStart(8)} ${"SQL".padStart(4)}`);

  const captured: { fn: string; actor: string; statements: Captured[] }[] = [];
  for (const [fnName, fn] of functions) {
    for (const [actorName, actor] of actors) {
      let statements: Captured[];
      try {
        statements = await capture(() => fn(actor));
      } catch (error) {
        const name = error instanceof Error ? error.constructor.name : "error";
        console.log(`${fnName.padEnd(20)} ${actorName.padEnd(32)} ${`— (${name}: not this actor's)`.padStart(10)}`);
        continue;
      }
      for (let run = 1; run < WARM_UP; run++) await fn(actor);
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        await fn(actor);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      captured.push({ fn: fnName, actor: actorName, statements });
      console.log(
        `${fnName.padEnd(20)} ${actorName.padEnd(32)} ${percentile(times, 50).toFixed(1).padStart(10)} ${percentile(times, 95)
          .toFixed(1)
          .padStart(8)} ${String(statements.length).padStart(4)}`,
      );
    }
  }

  // the shape of the data as the cockpit sees it (lights of one county's tasks)
  const cockpitFn = functions.find(([name]) => name === "getCockpit")?.[1];
  if (cockpitFn) {
    const result = (await cockpitFn(actors[1]![1])) as {
      headline?: { total: { count: number }; lights: Record<string, { count: number }> };
    };
    if (result.headline)
      console.log(
        `\ncounty cockpit headline: ${result.headline.total.count} tasks — ${Object.entries(result.headline.lights)
          .map(([light, { count }]) => `${light} ${count}`)
          .join(", ")}`,
      );
  }

  // The plan check: every statement of every case, run again under EXPLAIN (ANALYZE, BUFFERS).
  console.log(`\nplan check — EXPLAIN (ANALYZE, BUFFERS) of each statement; FAIL = Seq Scan on "ProgressReport"\n`);
  console.log(`${"".padEnd(5)} ${"function / actor".padEnd(44)} ${"ms".padStart(8)}  ${"seq scans (rows)".padEnd(34)} statement`);
  const plans: string[] = [];
  for (const { fn, actor, statements } of captured) {
    for (const [index, statement] of statements.entries()) {
      if (!/^\s*(WITH|SELECT)/i.test(statement.query)) continue;
      let plan: string;
      try {
        const result = await sql.query<{ "QUERY PLAN": string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${statement.query}`,
          pgParams(statement.params),
        );
        plan = result.rows.map((row) => row["QUERY PLAN"]).join("\n");
      } catch (error) {
        console.log(`${"?".padEnd(5)} ${`${fn} / ${actor}`.padEnd(44)} could not EXPLAIN: ${String(error).slice(0, 120)}`);
        continue;
      }
      const total = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
      const lines = plan.split("\n");
      const seqScans = lines
        .map((line, at) => ({ line, at }))
        .filter(({ line }) => /Seq Scan on "?\w+"?/.test(line))
        .map(({ line }) => {
          const table = /Seq Scan on "?(\w+)"?/.exec(line)![1];
          const rows = /actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)/.exec(line);
          return `${table}${rows ? `(${rows[1]}×${rows[2]})` : ""}`;
        });
      const verdict = seqScans.some((scan) => scan.startsWith("ProgressReport")) ? "FAIL" : "PASS";
      console.log(
        `${verdict.padEnd(5)} ${`${fn} / ${actor}`.padEnd(44)} ${total.toFixed(1).padStart(8)}  ${(seqScans.join(" ") || "—")
          .slice(0, 34)
          .padEnd(34)} #${index + 1} ${shortName(statement.query)}`,
      );
      plans.push(
        `==== ${verdict} ${fn} / ${actor} — statement #${index + 1} (${total} ms)\n${statement.query}\n-- params: ${JSON.stringify(statement.params)}\n\n${plan}\n`,
      );
    }
  }
  if (PLANS_FILE) {
    fs.writeFileSync(PLANS_FILE, plans.join("\n"));
    console.log(`\nfull plans written to ${PLANS_FILE}`);
  }
  await sql.end();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
