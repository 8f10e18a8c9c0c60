// tsx scripts/with-db.ts -- tsx scripts/bench-ledger.ts
// Times the ledger's SQL (lib/ledger/light-sql.ts) on the database in DATABASE_URL (the demo seed):
// several filter combinations, 20 runs each, median and p95; then EXPLAIN (ANALYZE, BUFFERS) of
// the main query. No assertions: numbers to read, not a test.
import { ledgerSql, type LedgerSqlInput } from "@/lib/ledger/light-sql";
import { createPrismaClient, Prisma } from "@/lib/db/prisma";
import { dayOf } from "@/lib/tasks/rules";

const RUNS = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run through scripts/with-db.ts");
  const db = createPrismaClient(url);
  const committee = await db.committee.findFirst({ select: { id: true } });
  if (!committee) throw new Error("no committee: seed the demo first");
  const today = dayOf(new Date());
  const sample = await db.reformTask.findFirst({
    where: { committeeId: committee.id, year: today.getUTCFullYear(), leaderId: { not: null } },
    select: { groupId: true, leadUnitId: true, leaderId: true },
  });
  const tasks = await db.reformTask.count();
  const base: LedgerSqlInput = {
    scope: Prisma.sql`t."committeeId" IN (${committee.id})`,
    year: today.getUTCFullYear(),
    asOf: today.toISOString().slice(0, 10),
    sort: "code",
    dir: "asc",
    limit: 20,
    offset: 0,
  };
  const cases: [string, Partial<LedgerSqlInput>][] = [
    ["default (year, code, 20 rows)", {}],
    ["sort by light desc, 100 rows", { sort: "light", dir: "desc", limit: 100 }],
    ["red + yellow, sort by lag", { lights: ["RED", "YELLOW"], sort: "lag", dir: "desc" }],
    ["special group", { groupId: sample?.groupId }],
    ["lead unit", { leadUnitId: sample?.leadUnitId }],
    ["leader + key tasks", { leaderId: sample?.leaderId, isKey: true }],
    ["search 改革", { q: "改革" }],
    ["as of 30 June, page 3", { asOf: `${today.getUTCFullYear()}-06-30`, offset: 40 }],
    [
      "unit scope (lead or cooperating)",
      {
        scope: Prisma.sql`t."committeeId" = ${committee.id} AND (t."leadUnitId" = ${sample?.leadUnitId ?? ""} OR EXISTS (
          SELECT 1 FROM "TaskCooperatingUnit" scope_cu WHERE scope_cu."taskId" = t.id AND scope_cu."unitId" = ${sample?.leadUnitId ?? ""}))`,
      },
    ],
  ];

  console.log(`ledger benchmark: ${tasks} tasks in the database, ${RUNS} runs per case\n`);
  console.log(`${"case".padEnd(36)} ${"median ms".padStart(10)} ${"p95 ms".padStart(8)} ${"rows".padStart(6)}`);
  for (const [name, overrides] of cases) {
    const query = ledgerSql({ ...base, ...overrides });
    await db.$queryRaw(query); // warm-up
    const times: number[] = [];
    let total = 0;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const [result] = await db.$queryRaw<{ total: number }[]>(query);
      times.push(performance.now() - started);
      total = result?.total ?? 0;
    }
    times.sort((a, b) => a - b);
    console.log(
      `${name.padEnd(36)} ${percentile(times, 50).toFixed(1).padStart(10)} ${percentile(times, 95).toFixed(1).padStart(8)} ${String(total).padStart(6)}`,
    );
  }

  const main = ledgerSql({ ...base, lights: ["RED", "YELLOW"], sort: "lag", dir: "desc" });
  const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${main}`);
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) — red + yellow, sorted by lag:\n`);
  console.log(plan.map((row) => row["QUERY PLAN"]).join("\n"));
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
