// npm run db:backup / db:restore (scripts/db-backup.ts, scripts/db-restore.ts): one .tar.gz with
// the database as PostgreSQL's own pg_dump custom format, the evidence files of UPLOAD_DIR and a
// manifest. Server-side Node only, run by the launcher scripts, never by the web app. The rules
// (tool versions, names, manifest) are in backup-rules.ts; see docs/decisions/0018-backup-tool.md.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import * as tar from "tar";
import {
  ARCHIVE,
  archiveName,
  BackupError,
  chooseTool,
  compareCounts,
  isArchiveEntry,
  libpqEnv,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  parseManifest,
  parseServerVersion,
  TOOL_OVERRIDE,
  type ClientTool,
  type Manifest,
  type PgVersion,
  type TableComparison,
  type ToolCandidate,
} from "./backup-rules";

/** Where the evidence files are: a local directory (backed up here) or a bucket (backed up by its own tooling). */
export type UploadsSetting = { driver: "local"; dir: string } | { driver: "s3"; bucket?: string };

interface Common {
  databaseUrl: string;
  uploads: UploadsSetting;
  /** PG_DUMP / PG_RESTORE / PSQL and PATH are read from here; process.env by default */
  toolEnv?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface BackupOptions extends Common {
  /** the archive to write; by default a new name under `directory` */
  file?: string;
  directory?: string;
  now?: Date;
}

export interface RestoreOptions extends Common {
  file: string;
  /** replace a database that has tables, and the files in UPLOAD_DIR */
  replace?: boolean;
}

const DEFAULT_DIRECTORY = ".data/backups";

// ───────────────────────────── the server and the client tools ─────────────────────────────

async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(`Cannot connect to the database: ${(error as Error).message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function serverOf(client: pg.Client): Promise<{ version: PgVersion; database: string }> {
  const { rows } = await client.query<{ num: string; text: string; database: string }>(
    "SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text, current_database() AS database",
  );
  const row = rows[0]!;
  return { version: parseServerVersion(row.num, row.text), database: row.database };
}

function versionOutput(file: string): string | undefined {
  const result = spawnSync(file, ["--version"], { encoding: "utf8", timeout: 30_000 });
  return result.status === 0 ? result.stdout : undefined;
}

function onPath(tool: ClientTool, searchPath: string | undefined): string[] {
  return (searchPath ?? "")
    .split(path.delimiter)
    .filter(Boolean)
    .map((directory) => path.join(directory, tool))
    .filter((file) => existsSync(file));
}

/** The client tool of the server's major: the override variable, /usr/lib/postgresql/<major>/bin, then PATH. */
export function findTool(tool: ClientTool, server: PgVersion, env: NodeJS.ProcessEnv = process.env) {
  const override = env[TOOL_OVERRIDE[tool]];
  const candidates: Omit<ToolCandidate, "versionOutput">[] = override
    ? [{ path: override, source: "override" }]
    : [
        ...[path.join("/usr/lib/postgresql", String(server.major), "bin", tool)]
          .filter((file) => existsSync(file))
          .map((file) => ({
            path: file,
            source: "versioned" as const,
          })),
        ...onPath(tool, env.PATH).map((file) => ({ path: file, source: "path" as const })),
      ];
  return chooseTool(
    tool,
    server,
    candidates.map((candidate) => ({ ...candidate, versionOutput: versionOutput(candidate.path) })),
  );
}

/** The environment of a client tool: libpq's variables from the URL over the inherited ones. */
function toolEnvironment(databaseUrl: string, database: string, inherited: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...inherited, PGCONNECT_TIMEOUT: inherited.PGCONNECT_TIMEOUT ?? "30", ...libpqEnv(databaseUrl), PGDATABASE: database };
}

/** The last lines a tool wrote to stderr: PostgreSQL's tools never print the password. */
function tail(stderr: string): string {
  return stderr.trim().split("\n").slice(-15).join("\n");
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${path.basename(file)} failed (exit ${code}):\n${tail(stderr)}`)),
    );
  });
}

async function tableCounts(client: pg.Client): Promise<Record<string, number>> {
  const { rows: tables } = await client.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  if (tables.length === 0) return {};
  const { rows } = await client.query<{ name: string; rows: string }>(
    tables
      .map(
        ({ tablename }) =>
          `SELECT ${client.escapeLiteral(tablename)} AS name, count(*)::bigint AS rows FROM public.${client.escapeIdentifier(tablename)}`,
      )
      .join(" UNION ALL "),
  );
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.rows)]));
}

// ───────────────────────────── files ─────────────────────────────

async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

/**
 * The stored evidence files under a directory, relative to it. Dot-entries are left out: the
 * upload staging area (.staging, in-flight uploads) and a restore's work directory are never files
 * a row points to.
 */
async function storedFiles(root: string): Promise<{ files: string[]; bytes: number }> {
  if (!existsSync(root)) return { files: [], bytes: 0 };
  const files: string[] = [];
  let bytes = 0;
  async function walk(relative: string) {
    for (const entry of await fs.readdir(path.join(root, relative), { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) {
        files.push(child);
        bytes += (await fs.stat(path.join(root, child))).size;
      }
    }
  }
  await walk("");
  return { files: files.sort(), bytes };
}

/** Renames, or copies then removes when the two paths are on different file systems. */
async function move(from: string, to: string) {
  try {
    await fs.rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    await fs.cp(from, to, { recursive: true, errorOnExist: true, force: false });
    await fs.rm(from, { recursive: true, force: true });
  }
}

// ───────────────────────────── backup ─────────────────────────────

/**
 * Writes one archive: manifest.json, database.dump (pg_dump --format=custom) and uploads/ (the
 * files of UPLOAD_DIR). The row counts of the manifest are read in the very snapshot pg_dump
 * dumps, so they match the dump even while the portal is in use.
 */
export async function createBackup(options: BackupOptions): Promise<{ file: string; manifest: Manifest }> {
  const log = options.log ?? console.log;
  const env = options.toolEnv ?? process.env;
  const now = options.now ?? new Date();

  return withClient(options.databaseUrl, async (client) => {
    const server = await serverOf(client);
    const pgDump = findTool("pg_dump", server.version, env);
    log(`Database ${server.database} on PostgreSQL ${server.version.text}; pg_dump ${pgDump.version.text} (${pgDump.path}).`);

    const file = path.resolve(options.file ?? path.join(options.directory ?? DEFAULT_DIRECTORY, archiveName(server.database, now)));
    if (existsSync(file)) throw new BackupError(`${file} already exists; choose another name.`);
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const staging = await fs.mkdtemp(path.join(path.dirname(file), ".reform-backup-"));
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      const { rows } = await client.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot");
      const tables = await tableCounts(client);
      const dumpFile = path.join(staging, ARCHIVE.dump);
      await run(
        pgDump.path,
        ["--format=custom", `--file=${dumpFile}`, `--snapshot=${rows[0]!.snapshot}`, "--no-password"],
        toolEnvironment(options.databaseUrl, server.database, env),
      );
      await client.query("COMMIT");

      const uploads =
        options.uploads.driver === "local"
          ? { root: path.resolve(options.uploads.dir), ...(await storedFiles(options.uploads.dir)) }
          : undefined;
      if (uploads) await fs.symlink(uploads.root, path.join(staging, ARCHIVE.uploads), "dir").catch(() => undefined);
      if (options.uploads.driver === "s3")
        log(
          `Evidence files are in the S3 bucket${options.uploads.bucket ? ` ${options.uploads.bucket}` : ""} (STORAGE_DRIVER=s3): ` +
            "back the bucket up with its own tooling (versioning, replication, mc mirror). This archive holds the database only.",
        );

      const manifest: Manifest = {
        format: MANIFEST_FORMAT,
        formatVersion: MANIFEST_VERSION,
        createdAt: now.toISOString(),
        database: server.database,
        server: server.version,
        pgDump: pgDump.version,
        dump: { file: ARCHIVE.dump, bytes: (await fs.stat(dumpFile)).size, sha256: await sha256Of(dumpFile) },
        uploads: { driver: options.uploads.driver, files: uploads?.files.length ?? 0, bytes: uploads?.bytes ?? 0 },
        tables,
      };
      await fs.writeFile(path.join(staging, ARCHIVE.manifest), `${JSON.stringify(manifest, null, 2)}\n`);

      // The files are listed one by one (not the directory): the archive holds exactly what the
      // manifest counts, and uploads/ is reached through the symbolic link in the staging directory.
      const partial = `${file}.partial`;
      await tar.c({ gzip: true, file: partial, cwd: staging, portable: true, mode: 0o600 }, [
        ARCHIVE.manifest,
        ARCHIVE.dump,
        ...(uploads?.files.map((name) => `${ARCHIVE.uploads}/${name}`) ?? []),
      ]);
      await fs.chmod(partial, 0o600);
      await fs.rename(partial, file);
      return { file, manifest };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      await fs.rm(`${file}.partial`, { force: true });
      if ((error as NodeJS.ErrnoException).code === "ENOENT" && !(error instanceof BackupError))
        throw new BackupError(`A file went away while it was being archived (${(error as Error).message}); run the backup again.`);
      throw error;
    } finally {
      await fs.rm(staging, { recursive: true, force: true });
    }
  });
}

// ───────────────────────────── restore ─────────────────────────────

// Replacing empties the public schema inside the restore's own transaction, keeping the schema's
// owner, privileges and comment as they were: the result is the archive's schema and rows and
// nothing else (not even a table a later migration added), or — on any error — the database as it was.
const EMPTY_PUBLIC_SCHEMA = `
SET client_min_messages = warning;
DO $replace$
DECLARE
  owner text;
  acl aclitem[];
  remark text;
  item record;
BEGIN
  SELECT nspowner::regrole::text, nspacl, obj_description(oid, 'pg_namespace') INTO owner, acl, remark
    FROM pg_namespace WHERE nspname = 'public';
  DROP SCHEMA IF EXISTS public CASCADE;
  EXECUTE format('CREATE SCHEMA public AUTHORIZATION %s', coalesce(owner, 'CURRENT_USER'));
  IF acl IS NOT NULL THEN
    EXECUTE 'REVOKE ALL ON SCHEMA public FROM PUBLIC';
    FOR item IN SELECT grantee, privilege_type, is_grantable FROM aclexplode(acl) LOOP
      EXECUTE format('GRANT %s ON SCHEMA public TO %s%s', item.privilege_type,
        CASE WHEN item.grantee = 0 THEN 'PUBLIC' ELSE item.grantee::regrole::text END,
        CASE WHEN item.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
    END LOOP;
  END IF;
  IF remark IS NOT NULL THEN
    EXECUTE format('COMMENT ON SCHEMA public IS %L', remark);
  END IF;
END
$replace$;
`;

/**
 * pg_restore turns the dump into SQL and psql runs it in one transaction (with the emptying of the
 * schema first when replacing): a restore that fails half-way changes nothing.
 */
async function restoreDump(
  dumpFile: string,
  tools: { pgRestore: string; psql: string },
  env: NodeJS.ProcessEnv,
  replace: boolean,
): Promise<void> {
  const restore = spawn(tools.pgRestore, ["--file=-", dumpFile], { env, stdio: ["ignore", "pipe", "pipe"] });
  const psql = spawn(tools.psql, ["--no-psqlrc", "--quiet", "--no-password", "--set=ON_ERROR_STOP=1", "--single-transaction", "--file=-"], {
    env,
    stdio: ["pipe", "ignore", "pipe"],
  });
  let restoreErrors = "";
  let psqlErrors = "";
  restore.stderr.on("data", (chunk: Buffer) => (restoreErrors += chunk.toString("utf8")));
  psql.stderr.on("data", (chunk: Buffer) => (psqlErrors += chunk.toString("utf8")));
  const exited = (child: typeof restore | typeof psql) =>
    new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => resolve(code ?? 1));
    });
  // psql commits when its input ends: it sees the end only once pg_restore has written the whole
  // script, and is killed (its transaction dies with the connection) if pg_restore fails half-way.
  psql.stdin.on("error", () => undefined); // psql stopping at an error: reported by its exit code
  if (replace) psql.stdin.write(EMPTY_PUBLIC_SCHEMA);
  restore.stdout.pipe(psql.stdin, { end: false });
  const [restoreExit, psqlExit] = [exited(restore), exited(psql)];
  // psql stopping at an error no longer reads: pg_restore would wait on the full pipe for ever
  let psqlStoppedFirst = false;
  void psqlExit.then(() => {
    if (restore.exitCode !== null || restore.signalCode !== null) return;
    psqlStoppedFirst = true;
    restore.kill("SIGKILL");
  });
  const restoreCode = await restoreExit;
  if (restoreCode === 0) psql.stdin.end();
  else if (!psqlStoppedFirst) psql.kill("SIGKILL");
  const psqlCode = await psqlExit;
  if (psqlCode !== 0 && (psqlStoppedFirst || restoreCode === 0))
    throw new BackupError(
      `The restore failed and was rolled back; the database is unchanged.\npsql (exit ${psqlCode}):\n${tail(psqlErrors)}`,
    );
  if (restoreCode !== 0)
    throw new BackupError(
      `pg_restore could not read the dump (exit ${restoreCode}); nothing was restored, the database is unchanged:\n${tail(restoreErrors)}`,
    );
  if (psqlCode !== 0) throw new BackupError(`psql failed (exit ${psqlCode}):\n${tail(psqlErrors)}`);
}

/** Opens an archive into `directory`: only the manifest, the dump and regular files under uploads/. */
async function extract(file: string, directory: string): Promise<void> {
  try {
    await tar.x({
      file,
      cwd: directory,
      strict: true,
      preserveOwner: false,
      filter: (entryPath, entry) => isArchiveEntry(entryPath) && "type" in entry && (entry.type === "File" || entry.type === "Directory"),
    });
  } catch (error) {
    throw new BackupError(`${file} is not a readable backup archive (${(error as Error).message}); it may be damaged or not a .tar.gz.`);
  }
}

export interface RestoreResult {
  manifest: Manifest;
  tables: TableComparison[];
  /** evidence files put into UPLOAD_DIR */
  files: number;
}

/**
 * Restores an archive into the database behind `databaseUrl` and the upload directory. Refuses a
 * database that already has tables, or an upload directory with files, unless `replace`.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const log = options.log ?? console.log;
  const env = options.toolEnv ?? process.env;
  const file = path.resolve(options.file);
  if (!existsSync(file)) throw new BackupError(`${file} does not exist.`);

  const target = await withClient(options.databaseUrl, async (client) => ({
    ...(await serverOf(client)),
    tables: await tableCounts(client),
  }));
  const pgRestore = findTool("pg_restore", target.version, env);
  const psql = findTool("psql", target.version, env);
  const existing = Object.keys(target.tables);
  if (existing.length > 0 && !options.replace)
    throw new BackupError(
      `The database ${target.database} already has ${existing.length} tables (${existing.slice(0, 3).join(", ")}, …); ` +
        "restoring would overwrite it. Restore into an empty database, or give --replace to replace it with the backup.",
    );
  const uploadDir = options.uploads.driver === "local" ? path.resolve(options.uploads.dir) : undefined;
  const present = uploadDir ? await storedFiles(uploadDir) : { files: [], bytes: 0 };
  if (present.files.length > 0 && !options.replace)
    throw new BackupError(
      `The upload directory ${uploadDir} already has ${present.files.length} files; give --replace to replace them with the backup's.`,
    );

  // Opened inside UPLOAD_DIR (a dot-directory, never served) so the files are then renamed into place on the same file system.
  const parent = uploadDir ?? os.tmpdir();
  await fs.mkdir(parent, { recursive: true, mode: 0o700 });
  const work = await fs.mkdtemp(path.join(parent, ".restore-"));
  try {
    await extract(file, work);
    const manifestFile = path.join(work, ARCHIVE.manifest);
    const manifest = parseManifest(existsSync(manifestFile) ? await fs.readFile(manifestFile, "utf8") : undefined);
    const dumpFile = path.join(work, ARCHIVE.dump);
    if (!existsSync(dumpFile) || (await sha256Of(dumpFile)) !== manifest.dump.sha256)
      throw new BackupError(`The backup's ${ARCHIVE.dump} is missing or does not match its manifest: the archive is damaged.`);
    const archived = await storedFiles(path.join(work, ARCHIVE.uploads));
    if (archived.files.length !== manifest.uploads.files || archived.bytes !== manifest.uploads.bytes)
      throw new BackupError(
        `The backup holds ${archived.files.length} evidence files (${archived.bytes} bytes), its manifest says ${manifest.uploads.files} (${manifest.uploads.bytes} bytes): the archive is damaged.`,
      );
    if (manifest.pgDump.major > pgRestore.version.major)
      throw new BackupError(
        `The backup was made by pg_dump ${manifest.pgDump.text}; pg_restore ${pgRestore.version.text} cannot read it. Restore it into a PostgreSQL ${manifest.pgDump.major} server or later.`,
      );
    log(
      `Backup of ${manifest.database} made ${manifest.createdAt} (PostgreSQL ${manifest.server.text}, ${Object.keys(manifest.tables).length} tables, ${manifest.uploads.files} evidence files).`,
    );
    log(
      `Restoring into ${target.database} on PostgreSQL ${target.version.text}${options.replace && existing.length ? ", replacing its contents" : ""} …`,
    );
    await restoreDump(
      dumpFile,
      { pgRestore: pgRestore.path, psql: psql.path },
      toolEnvironment(options.databaseUrl, target.database, env),
      Boolean(options.replace),
    );

    let files = 0;
    if (uploadDir && manifest.uploads.driver === "local") {
      // the old files go only now that the database holds the backup's rows
      for (const entry of await fs.readdir(uploadDir)) {
        if (path.join(uploadDir, entry) !== work) await fs.rm(path.join(uploadDir, entry), { recursive: true, force: true });
      }
      const source = path.join(work, ARCHIVE.uploads);
      if (existsSync(source))
        for (const entry of await fs.readdir(source)) await move(path.join(source, entry), path.join(uploadDir, entry));
      files = archived.files.length;
      log(`Evidence files: ${files} (${archived.bytes} bytes) restored into ${uploadDir}.`);
    } else if (manifest.uploads.driver === "s3") {
      log("The backup holds no evidence files (it was made with STORAGE_DRIVER=s3): restore the bucket with its own tooling.");
    } else if (archived.files.length > 0) {
      log(
        `The backup holds ${archived.files.length} evidence files, but STORAGE_DRIVER=s3: they were not put into the bucket. ` +
          `Extract them (tar -xzf ${file} ${ARCHIVE.uploads}) and copy uploads/ into the bucket with its tooling (the paths are the object keys).`,
      );
    }

    const restored = await withClient(options.databaseUrl, tableCounts);
    return { manifest, tables: compareCounts(manifest.tables, restored), files };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
