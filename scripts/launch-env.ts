// Shared by `npm start` and the test runner: the database, the migrated schema, the secret.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databaseName, ensureDatabase, startEmbeddedPostgres, withDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { launcher } from "./config";

export interface DatabaseServer {
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/** The server behind DATABASE_URL when set, else the embedded one under .data/ (started here). */
export async function openServer(purpose: "app" | "test" = "app"): Promise<DatabaseServer> {
  const external = launcher.externalDatabaseUrl;
  if (external) return { urlFor: (database) => withDatabase(external, database), stop: async () => {} };
  const server = await startEmbeddedPostgres({
    dataDir: purpose === "app" ? launcher.dataDir : launcher.testDataDir,
    port: purpose === "app" ? launcher.pgPort : launcher.testPgPort,
    log: (line) => console.log(`[db] ${line}`),
  });
  return { urlFor: server.urlFor, stop: server.stop };
}

/** Creates the database behind `url` when missing and applies pending migrations. */
export async function prepareDatabase(url: string): Promise<void> {
  await ensureDatabase(withDatabase(url, "postgres"), databaseName(url));
  const applied = await migrate(url, { log: (line) => console.log(`[db] ${line}`) });
  if (applied.length === 0) console.log(`[db] ${databaseName(url)} is up to date.`);
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
