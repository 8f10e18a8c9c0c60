// Shared by `npm start` and the test runner: the database, the migrated schema, the secret.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databaseName, ensureDatabase, startEmbeddedPostgres, withDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { launcher } from "./config";

export interface Database {
  url: string;
  stop(): Promise<void>;
}

/** DATABASE_URL when set, else the embedded server; the named database is created and migrated. */
export async function openDatabase(database: string = launcher.appDatabase): Promise<Database> {
  let stop = async () => {};
  let url: string;
  if (launcher.externalDatabaseUrl) {
    url = database === launcher.appDatabase ? launcher.externalDatabaseUrl : withDatabase(launcher.externalDatabaseUrl, database);
  } else {
    const server = await startEmbeddedPostgres({ dataDir: launcher.dataDir, port: launcher.pgPort, log: (line) => console.log(`[db] ${line}`) });
    stop = server.stop;
    url = server.urlFor(database);
  }
  await ensureDatabase(withDatabase(url, "postgres"), databaseName(url));
  const applied = await migrate(url, { log: (line) => console.log(`[db] ${line}`) });
  if (applied.length === 0) console.log(`[db] ${databaseName(url)} is up to date.`);
  return { url, stop };
}

/** NEXTAUTH_SECRET from the environment, else one generated once and kept under .data/. */
export function sessionSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.resolve(".data/nextauth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(48).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

const SOURCES = ["app", "components", "lib", "public", "next.config.ts", "package-lock.json", "postcss.config.mjs"];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((newest, child) => Math.max(newest, newestMtime(path.join(entry, child))), stat.mtimeMs);
}

/** True when there is no production build, or a source file changed after it was made. */
export function buildIsStale(): boolean {
  const buildId = path.resolve(".next/BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > built);
}
