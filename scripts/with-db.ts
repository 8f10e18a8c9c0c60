// tsx scripts/with-db.ts [--database NAME] -- <command …>
// Runs a command with DATABASE_URL pointing at a migrated database: the one in DATABASE_URL when
// set, otherwise the embedded PostgreSQL under .data/ (started here and stopped afterwards).
import { spawn } from "node:child_process";
import { databaseName, ensureDatabase, startEmbeddedPostgres, withDatabase } from "@/lib/db/embedded";
import { launcher } from "./config";

async function main() {
  const separator = process.argv.indexOf("--");
  const own = process.argv.slice(2, separator === -1 ? undefined : separator);
  const command = separator === -1 ? [] : process.argv.slice(separator + 1);
  if (command.length === 0) throw new Error("usage: with-db.ts [--database NAME] -- <command>");
  const databaseFlag = own.indexOf("--database");
  const database = databaseFlag === -1 ? undefined : own[databaseFlag + 1];

  let stop = async () => {};
  let baseUrl: string;
  if (launcher.externalDatabaseUrl) {
    baseUrl = launcher.externalDatabaseUrl;
  } else {
    const server = await startEmbeddedPostgres({ dataDir: launcher.dataDir, port: launcher.pgPort, log: console.log });
    stop = server.stop;
    baseUrl = server.urlFor(launcher.appDatabase);
  }
  const url = database ? withDatabase(baseUrl, database) : baseUrl;
  await ensureDatabase(withDatabase(url, "postgres"), databaseName(url));

  const child = spawn(command[0]!, command.slice(1), {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: url, EMBEDDED_DB: launcher.externalDatabaseUrl ? "0" : "1" },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  const code = await new Promise<number>((resolve) => child.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
  await stop();
  process.exit(code);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
