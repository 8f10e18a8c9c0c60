// npm test (after scripts/test-all.sh made sure Chromium is there): typecheck, lint, then the
// three tiers — unit, integration on a real PostgreSQL, e2e in Debian's Chromium against the
// production build — on one database server. Ends with the line CI reads: "N passed, N failed".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { dropDatabase, withDatabase } from "@/lib/db/embedded";
import { createPrismaClient } from "@/lib/db/prisma";
import { seedDemo } from "@/lib/demo/seed";
import { demoEvidenceDir, launcher } from "./config";
import { buildIsStale, openServer, prepareDatabase } from "./launch-env";

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];

function run(label: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const ok = result.status === 0;
  console.log(`${ok ? "✔" : "✘"} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) failures.push(label);
  return ok;
}

function countVitest(file: string) {
  if (!fs.existsSync(file)) return;
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  tally.passed += report.numPassedTests;
  tally.failed += report.numFailedTests;
  tally.skipped += report.numPendingTests + report.numTodoTests;
}

function countPlaywright(file: string) {
  if (!fs.existsSync(file)) return;
  const { stats } = JSON.parse(fs.readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  tally.passed += stats.expected;
  tally.failed += stats.unexpected + stats.flaky;
  tally.skipped += stats.skipped;
}

async function main() {
  // npm test -- [tiers…] [files…]: tiers (static unit integration e2e) and, to run only some, test files
  const args = process.argv.slice(2);
  const only = args.filter((arg) => !arg.endsWith(".ts"));
  const files = (suffix: string) => args.filter((arg) => arg.endsWith(suffix));
  const wants = (tier: string) => only.length === 0 || only.includes(tier);
  fs.rmSync("reports", { recursive: true, force: true });
  fs.mkdirSync("reports", { recursive: true });
  const bin = (name: string) => `node_modules/.bin/${name}`;

  if (wants("static")) {
    run("typecheck", bin("tsc"), ["--noEmit"]);
    run("lint", bin("eslint"), [".", "--max-warnings=0"]);
    run("format", bin("prettier"), ["--check", ".", "--log-level=warn"]);
  }
  if (wants("unit")) {
    run("unit tests", bin("vitest"), [
      "run",
      "--project",
      "unit",
      "--reporter=default",
      "--reporter=json",
      "--outputFile.json=reports/unit.json",
      ...files(".test.ts").filter((file) => file.includes("tests/unit/")),
    ]);
    countVitest("reports/unit.json");
  }

  const server = await openServer("test");
  try {
    if (wants("integration")) {
      run(
        "integration tests (PostgreSQL)",
        bin("vitest"),
        [
          "run",
          "--project",
          "integration",
          "--reporter=default",
          "--reporter=json",
          "--outputFile.json=reports/integration.json",
          ...files(".test.ts").filter((file) => file.includes("tests/integration/")),
        ],
        {
          DATABASE_URL: server.urlFor("postgres"),
        },
      );
      countVitest("reports/integration.json");
    }
    if (wants("e2e")) {
      const e2eUrl = server.urlFor(launcher.e2eDatabase);
      await dropDatabase(withDatabase(e2eUrl, "postgres"), launcher.e2eDatabase);
      await prepareDatabase(e2eUrl);
      const prisma = createPrismaClient(e2eUrl);
      // APP_NOW=… npm test runs the browser journeys as of that instant: the demo is seeded for it
      // and the server's clock is pinned to it (playwright.config.ts passes it on).
      const today = process.env.APP_NOW ? new Date(process.env.APP_NOW) : new Date();
      if (Number.isNaN(today.getTime())) throw new Error(`APP_NOW is not a date-time: "${process.env.APP_NOW}"`);
      console.log(`[e2e] demo county seeded as of ${today.toISOString()}${process.env.APP_NOW ? " (APP_NOW)" : ""}`);
      await seedDemo(prisma, { today, evidenceDir: demoEvidenceDir });
      await prisma.$disconnect();

      const built = !buildIsStale() || run("production build", bin("next"), ["build"], { NEXT_TELEMETRY_DISABLED: "1" });
      if (built) {
        run("e2e tests (Chromium)", bin("playwright"), ["test", ...files(".spec.ts")], {
          E2E_DATABASE_URL: e2eUrl,
          E2E_PORT: String(launcher.e2ePort),
        });
        countPlaywright("reports/e2e.json");
      }
    }
  } finally {
    await server.stop();
  }

  if (failures.length) console.log(`\nFailed steps: ${failures.join(", ")}`);
  console.log(`\n${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
  process.exit(failures.length || tally.failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  console.log(`\n${tally.passed} passed, ${tally.failed + 1} failed, ${tally.skipped} skipped`);
  process.exit(1);
});
