// npm start — the one command that runs the portal with demo data:
// database (embedded unless DATABASE_URL is set) → migrations → demo seed when empty →
// production build when missing or stale → next start on $PORT (default 3000).
// `npm run dev` does the same with `next dev`.
import { spawn, spawnSync } from "node:child_process";
import { createPrismaClient } from "@/lib/db/prisma";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/demo/accounts";
import { seedDemo } from "@/lib/demo/seed";
import { demoEvidenceDir, launcher } from "./config";
import { buildIsStale, openServer, prepareDatabase, sessionSecret } from "./launch-env";

const NEXT = "node_modules/.bin/next";

async function seedWhenEmpty(url: string): Promise<void> {
  const prisma = createPrismaClient(url);
  try {
    if ((await prisma.committee.count()) > 0) return;
    console.log("[seed] Empty database: loading the demo county 青湖县 …");
    const summary = await seedDemo(prisma, {
      today: new Date(),
      log: (line) => console.log(`[seed] ${line}`),
      evidenceDir: demoEvidenceDir,
    });
    console.log(
      `[seed] Done: ${Object.entries(summary)
        .map(([table, count]) => `${table} ${count}`)
        .join(", ")}`,
    );
  } finally {
    await prisma.$disconnect();
  }
}

function printBanner(url: string) {
  const width = Math.max(...DEMO_ACCOUNTS.map((account) => account.username.length));
  console.log("");
  console.log(`  改革任务管理平台 Reform Task Portal — ${url}`);
  console.log(`  Demo accounts (password ${DEMO_PASSWORD}):`);
  for (const account of DEMO_ACCOUNTS)
    console.log(`    ${account.username.padEnd(width)}  ${account.role.padEnd(15)} ${account.descriptionZh}`);
  console.log("");
}

async function main() {
  const dev = process.argv.includes("--dev");
  const server = await openServer();
  const stop = async () => server.stop().catch((error) => console.error(error));
  const databaseUrl = launcher.externalDatabaseUrl ?? server.urlFor(launcher.appDatabase);

  try {
    await prepareDatabase(databaseUrl);
    await seedWhenEmpty(databaseUrl);
  } catch (error) {
    await stop();
    throw error;
  }

  const port = launcher.appPort;
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: sessionSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    DEMO_MODE: process.env.DEMO_MODE ?? "1",
    NEXT_TELEMETRY_DISABLED: "1",
  };

  if (!dev && buildIsStale()) {
    console.log("[build] Building the portal (first start or changed sources) …");
    const build = spawnSync(NEXT, ["build"], { stdio: "inherit", env });
    if (build.status !== 0) {
      await stop();
      process.exit(build.status ?? 1);
    }
  }

  printBanner(`http://localhost:${port}`);
  const child = spawn(NEXT, [dev ? "dev" : "start", "-p", String(port)], { stdio: "inherit", env });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", async (code) => {
    await stop();
    process.exit(code ?? 0);
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
