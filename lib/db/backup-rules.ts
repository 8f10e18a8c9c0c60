// The pure parts of backup and restore (lib/db/backup.ts does the I/O): which PostgreSQL client
// tool may be used against which server, how archives are named, what a manifest must hold, and
// how a DATABASE_URL becomes libpq's environment (so no password ever sits on a command line).
import { z } from "zod";

/** An expected refusal: printed as it is, without a stack, by the db:backup / db:restore scripts. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

export type ClientTool = "pg_dump" | "pg_restore" | "psql";

/** The environment variable that names a tool explicitly. */
export const TOOL_OVERRIDE: Record<ClientTool, string> = { pg_dump: "PG_DUMP", pg_restore: "PG_RESTORE", psql: "PSQL" };

export interface PgVersion {
  major: number;
  /** as the tool or server prints it, e.g. "15.18" */
  text: string;
}

/** `pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)` → 15 / "15.18"; undefined when it is not such a line. */
export function parseToolVersion(output: string): PgVersion | undefined {
  const match = /\(PostgreSQL\)\s+((\d+)[^\s]*)/.exec(output);
  if (!match) return undefined;
  return { major: Number(match[2]), text: match[1]! };
}

/** SHOW server_version_num (150018, 180004) with SHOW server_version ("15.18 (Debian …)"). */
export function parseServerVersion(versionNum: string, version: string): PgVersion {
  const number = Number(versionNum);
  // before 10 the major had two parts (9.6); Prisma 7 does not support those servers either
  if (!Number.isInteger(number) || number < 100000)
    throw new BackupError(`PostgreSQL ${version} is not supported (10 or later is needed).`);
  return { major: Math.floor(number / 10000), text: version.split(" ")[0] ?? version };
}

/** Debian's package of a major's client tools (bookworm ships 15; others come from PostgreSQL's own apt repository). */
export function clientPackage(major: number): string {
  return `postgresql-client-${major}`;
}

export interface ToolCandidate {
  path: string;
  /** where the candidate came from, for the message */
  source: "override" | "versioned" | "path";
  /** the output of `<tool> --version`, or undefined when it could not be run */
  versionOutput: string | undefined;
}

/**
 * The tool to use against a server of `server`'s major: the candidates in order (the override
 * variable alone when it is set, else /usr/lib/postgresql/<major>/bin, then PATH); the first that
 * runs decides. A tool of another major is refused rather than skipped silently — pg_dump refuses
 * a newer server, and a dump or restore made by another major is not the exact copy promised.
 */
export function chooseTool(tool: ClientTool, server: PgVersion, candidates: ToolCandidate[]): { path: string; version: PgVersion } {
  const install = `install ${clientPackage(server.major)} (Debian: sudo apt-get install ${clientPackage(server.major)}) or set ${TOOL_OVERRIDE[tool]}=/path/to/${tool} of PostgreSQL ${server.major}`;
  const found = candidates.find((candidate) => candidate.versionOutput !== undefined);
  if (!found) {
    const override = candidates.find((candidate) => candidate.source === "override");
    if (override) throw new BackupError(`${TOOL_OVERRIDE[tool]}=${override.path} does not run; ${install}.`);
    throw new BackupError(`${tool} was not found; the database server is PostgreSQL ${server.text}: ${install}.`);
  }
  const version = parseToolVersion(found.versionOutput!);
  if (!version)
    throw new BackupError(`${found.path} --version printed "${found.versionOutput!.trim()}", not a PostgreSQL version; ${install}.`);
  if (version.major !== server.major) {
    throw new BackupError(
      `The database server is PostgreSQL ${server.text}, but ${tool} at ${found.path} is ${version.text} (major ${version.major}); ` +
        `${tool} must be of the server's major version ${server.major}: ${install}.`,
    );
  }
  return { path: found.path, version };
}

/** reform-<database>-20261122T020000Z.tar.gz: sorts by time, no characters a shell or Windows minds. */
export function archiveName(database: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
  const safe = database.replace(/[^A-Za-z0-9_.-]/g, "_");
  return `reform-${safe}-${stamp}.tar.gz`;
}

/** The entries of an archive, at its root. */
export const ARCHIVE = { manifest: "manifest.json", dump: "database.dump", uploads: "uploads" } as const;

export const MANIFEST_FORMAT = "reform-portal-backup";
export const MANIFEST_VERSION = 1;

const version = z.object({ major: z.number().int().positive(), text: z.string().min(1) });

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  formatVersion: z.literal(MANIFEST_VERSION),
  createdAt: z.iso.datetime(),
  database: z.string().min(1),
  server: version,
  pgDump: version,
  dump: z.object({
    file: z.literal(ARCHIVE.dump),
    bytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  uploads: z.object({
    /** "s3": the files are in the bucket, backed up by its own tooling; the archive has none */
    driver: z.enum(["local", "s3"]),
    files: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
  }),
  /** every table of the public schema with its row count, read in the dump's own snapshot */
  tables: z.record(z.string(), z.number().int().nonnegative()),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** The manifest of an archive, or a refusal that says what is wrong with it. */
export function parseManifest(text: string | undefined): Manifest {
  if (text === undefined) throw new BackupError(`This is not a portal backup: it has no ${ARCHIVE.manifest}.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BackupError(`This is not a portal backup: its ${ARCHIVE.manifest} is not JSON.`);
  }
  const head = z.object({ format: z.string(), formatVersion: z.number() }).safeParse(raw);
  if (!head.success || head.data.format !== MANIFEST_FORMAT)
    throw new BackupError(`This is not a portal backup: its ${ARCHIVE.manifest} is not a "${MANIFEST_FORMAT}" manifest.`);
  if (head.data.formatVersion !== MANIFEST_VERSION)
    throw new BackupError(
      `This backup has format version ${head.data.formatVersion}; this portal reads version ${MANIFEST_VERSION}` +
        (head.data.formatVersion > MANIFEST_VERSION ? " (it was made by a newer portal: restore it with that version)." : "."),
    );
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success)
    throw new BackupError(
      `The backup's ${ARCHIVE.manifest} is damaged: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}.`,
    );
  return parsed.data;
}

/** Archive entries that a restore extracts: the manifest, the dump and files under uploads/, nothing else. */
export function isArchiveEntry(entryPath: string): boolean {
  const normal = entryPath.replace(/^\.\//, "").replace(/\/$/, "");
  if (normal.split("/").some((part) => part === ".." || part === "")) return false;
  return normal === ARCHIVE.manifest || normal === ARCHIVE.dump || normal === ARCHIVE.uploads || normal.startsWith(`${ARCHIVE.uploads}/`);
}

export interface TableComparison {
  table: string;
  expected: number | undefined;
  actual: number | undefined;
  ok: boolean;
}

/** Each table of the manifest or of the restored database, with both counts. */
export function compareCounts(expected: Record<string, number>, actual: Record<string, number>): TableComparison[] {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return tables.map((table) => ({ table, expected: expected[table], actual: actual[table], ok: expected[table] === actual[table] }));
}

// libpq's environment variables for the URL parameters it knows; Prisma's own (schema,
// connection_limit, pool_timeout, …) are dropped, as libpq would refuse them in a URL.
const LIBPQ_PARAMETERS: Record<string, string> = {
  host: "PGHOST",
  port: "PGPORT",
  sslmode: "PGSSLMODE",
  sslcert: "PGSSLCERT",
  sslkey: "PGSSLKEY",
  sslrootcert: "PGSSLROOTCERT",
  sslcrl: "PGSSLCRL",
  application_name: "PGAPPNAME",
  connect_timeout: "PGCONNECT_TIMEOUT",
  options: "PGOPTIONS",
  target_session_attrs: "PGTARGETSESSIONATTRS",
  gssencmode: "PGGSSENCMODE",
};

/**
 * The libpq environment for a postgresql:// URL: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE
 * and the SSL settings. The client tools read the password from PGPASSWORD, never from argv
 * (which any local user can read in `ps`).
 */
export function libpqEnv(databaseUrl: string): Record<string, string> {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new BackupError("DATABASE_URL is not a postgresql:// URL.");
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") throw new BackupError("DATABASE_URL is not a postgresql:// URL.");
  const env: Record<string, string> = {};
  if (url.hostname) env.PGHOST = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (url.port) env.PGPORT = url.port;
  if (url.username) env.PGUSER = decodeURIComponent(url.username);
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (database) env.PGDATABASE = database;
  for (const [name, value] of url.searchParams) {
    const variable = LIBPQ_PARAMETERS[name];
    if (variable) env[variable] = value;
  }
  return env;
}
