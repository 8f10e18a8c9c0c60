// Backup and restore (npm run db:backup / db:restore) on a real PostgreSQL with Debian's client
// tools of the server's major: the demo county with evidence files uploaded through the portal's
// own upload path goes into one archive and comes back in a fresh database and a fresh upload
// directory with every table's row count and row checksum equal, every file's SHA-256 equal, the
// schema identical and the sequences continuing. A database or upload directory that holds data is
// replaced only when asked; damaged, foreign or newer archives and a client tool of another major
// are refused with a message that says why.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import * as tar from "tar";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createBackup, findTool, restoreBackup, type UploadsSetting } from "@/lib/db/backup";
import { BackupError, libpqEnv, parseServerVersion } from "@/lib/db/backup-rules";
import { databaseName, dropDatabase, ensureDatabase, withDatabase } from "@/lib/db/embedded";
import { db } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { createCommittee, createUnit } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";
import { jpegOf, MB, pdfOf, uploadCloseOutFile } from "@/tests/support/uploads";
import { adminUrl, serverUrl } from "./database";

process.env.APP_NOW = "2026-11-22T02:00:00.000Z";
const TODAY = new Date(process.env.APP_NOW);

// A directory of this file's own: other test files upload at the same time.
process.env.UPLOAD_DIR = `.data/test-uploads-backup-${process.pid}`;
const UPLOAD_DIR = path.resolve(process.env.UPLOAD_DIR);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "reform-backup-test-"));
const sourceUrl = process.env.DATABASE_URL!;
const local = (dir: string): UploadsSetting => ({ driver: "local", dir });
const quiet = { log: () => {} };

const databases: string[] = [];
/** A new, empty database on the same server: where a restore goes. */
async function freshDatabase(): Promise<string> {
  const name = `reform_restore_${crypto.randomBytes(4).toString("hex")}`;
  await ensureDatabase(adminUrl(), name);
  databases.push(name);
  return withDatabase(serverUrl(), name);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Every table of the public schema: its row count and the MD5 of all its rows, sorted, as text. */
async function fingerprint(url: string): Promise<Record<string, { rows: number; md5: string }>> {
  const tables = await query<{ tablename: string }>(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  const rows = await query<{ name: string; rows: string; md5: string }>(
    url,
    tables
      .map(
        ({ tablename }) =>
          `SELECT '${tablename}' AS name, count(*)::bigint AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5 FROM public."${tablename}" t`,
      )
      .join(" UNION ALL "),
  );
  return Object.fromEntries(rows.map((row) => [row.name, { rows: Number(row.rows), md5: row.md5 }]));
}

/** The schema as pg_dump prints it, less the random key of its \restrict lines. */
async function schemaOf(url: string): Promise<string> {
  const [version] = await query<{ num: string; text: string }>(
    url,
    "SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text",
  );
  const pgDump = findTool("pg_dump", parseServerVersion(version!.num, version!.text));
  const result = spawnSync(pgDump.path, ["--schema-only", "--no-password"], {
    encoding: "utf8",
    env: { ...process.env, ...libpqEnv(url) },
    maxBuffer: 64 * MB,
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.replace(/^\\(un)?restrict \S+$/gm, "\\$1restrict KEY");
}

/** SHA-256 of every stored file under a directory, by its path there (dot-entries are not stored files). */
function filesOf(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(
    (fs.readdirSync(dir, { recursive: true }) as string[])
      .filter((entry) => !entry.split(path.sep).some((part) => part.startsWith(".")))
      .filter((entry) => fs.statSync(path.join(dir, entry)).isFile())
      .sort()
      .map((entry) => [
        entry.split(path.sep).join("/"),
        crypto
          .createHash("sha256")
          .update(fs.readFileSync(path.join(dir, entry)))
          .digest("hex"),
      ]),
  );
}

/** Evidence as phones and scanners make it: compressed content (random bytes) behind the real magic bytes. */
function realistic(bytes: Buffer): Buffer {
  crypto.randomFillSync(bytes, 128, bytes.length - 256);
  return bytes;
}

/** A county with a few rows, and one file in UPLOAD_DIR, for the cases that are not about size. */
async function smallCounty() {
  const committee = await createCommittee();
  await createUnit(committee.id);
  fs.mkdirSync(path.join(UPLOAD_DIR, "2026/11"), { recursive: true });
  fs.writeFileSync(path.join(UPLOAD_DIR, "2026/11", crypto.randomUUID()), realistic(pdfOf(64 * 1024)));
}

beforeEach(() => {
  fs.rmSync(UPLOAD_DIR, { recursive: true, force: true });
});

afterAll(async () => {
  for (const name of databases) await dropDatabase(adminUrl(), name);
  fs.rmSync(UPLOAD_DIR, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("round-trips the demo county with its evidence files: every table's rows and every file equal, the schema identical, sequences continuing", async () => {
    await seedDemo(db, { today: TODAY });
    const reporter = await db.user.findUniqueOrThrow({ where: { username: "reporter" } });
    const task = await db.reformTask.findFirstOrThrow({
      where: { leadUnitId: reporter.unitId!, status: "ACTIVE", year: 2026 },
      orderBy: { code: "asc" },
    });
    const actor = await actorFor(reporter.id);
    const uploads = [
      { name: "自然资源确权登记验收报告.pdf", bytes: realistic(pdfOf(4 * MB)) },
      { name: "现场照片.jpg", bytes: realistic(jpegOf(3 * MB)) },
      { name: "会议纪要.pdf", bytes: realistic(pdfOf(1 * MB + 12345)) },
    ];
    for (const file of uploads) await uploadCloseOutFile(actor, task.id, file.name, file.bytes);
    const attachments = await db.attachment.findMany({ where: { entityId: task.id }, select: { storageKey: true, sha256: true } });
    expect(attachments).toHaveLength(3);
    const sourceFiles = filesOf(UPLOAD_DIR);
    expect(Object.keys(sourceFiles)).toHaveLength(3);

    const log: string[] = [];
    const { file, manifest } = await createBackup({
      databaseUrl: sourceUrl,
      directory: path.join(work, "backups"),
      uploads: local(UPLOAD_DIR),
      log: (line) => log.push(line),
    });
    expect(path.basename(file)).toMatch(new RegExp(`^reform-${databaseName(sourceUrl)}-\\d{8}T\\d{6}Z\\.tar\\.gz$`));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600); // password hashes, TOTP secrets: the owner's only
    expect(log.join("\n")).toMatch(/PostgreSQL 15\.\d+; pg_dump 15\.\d+/);
    expect(manifest.uploads).toEqual({ driver: "local", files: 3, bytes: uploads.reduce((sum, upload) => sum + upload.bytes.length, 0) });
    const before = await fingerprint(sourceUrl);
    expect(manifest.tables).toEqual(Object.fromEntries(Object.entries(before).map(([table, { rows }]) => [table, rows])));
    expect(manifest.tables.ReformTask).toBeGreaterThan(200);
    expect(manifest.tables.AuditEvent).toBeGreaterThan(0);

    const targetUrl = await freshDatabase();
    const targetUploads = path.join(work, "restored-uploads");
    const result = await restoreBackup({ databaseUrl: targetUrl, file, uploads: local(targetUploads), ...quiet });

    expect(result.tables.filter((row) => !row.ok)).toEqual([]);
    expect(result.files).toBe(3);
    const after = await fingerprint(targetUrl);
    expect(Object.keys(after).length).toBeGreaterThan(30);
    expect(after).toEqual(before);
    expect(await schemaOf(targetUrl)).toBe(await schemaOf(sourceUrl));
    expect(filesOf(targetUploads)).toEqual(sourceFiles);
    for (const attachment of attachments) expect(filesOf(targetUploads)[attachment.storageKey]).toBe(attachment.sha256);

    // the restored audit log goes on numbering after the last restored event
    const [last] = await query<{ max: string }>(targetUrl, `SELECT max(id)::text AS max FROM "AuditEvent"`);
    const [inserted] = await query<{ id: string }>(
      targetUrl,
      `INSERT INTO "AuditEvent" (event, result) VALUES ('backup.restored', 'SUCCESS') RETURNING id::text`,
    );
    expect(BigInt(inserted!.id)).toBeGreaterThan(BigInt(last!.max));
  });

  it("refuses a database with tables and an upload directory with files unless --replace, which then leaves exactly the backup", async () => {
    await smallCounty();
    const { file } = await createBackup({
      databaseUrl: sourceUrl,
      directory: path.join(work, "replace"),
      uploads: local(UPLOAD_DIR),
      ...quiet,
    });
    const source = await fingerprint(sourceUrl);
    const sourceFiles = filesOf(UPLOAD_DIR);

    // a database in use since: a renamed unit, a table a later migration added, a newer file
    const targetUrl = await freshDatabase();
    const targetUploads = path.join(work, "replace-uploads");
    await restoreBackup({ databaseUrl: targetUrl, file, uploads: local(targetUploads), ...quiet });
    await query(targetUrl, `UPDATE "Unit" SET name = name || '（机构改革后）'`);
    await query(targetUrl, `CREATE TABLE "LaterFeature" (id text PRIMARY KEY)`);
    fs.writeFileSync(path.join(targetUploads, "2026/11", crypto.randomUUID()), realistic(pdfOf(8 * 1024)));
    const changed = await fingerprint(targetUrl);
    const changedFiles = filesOf(targetUploads);

    await expect(restoreBackup({ databaseUrl: targetUrl, file, uploads: local(targetUploads), ...quiet })).rejects.toThrow(
      /already has \d+ tables .*give --replace/,
    );
    const emptyUrl = await freshDatabase();
    await expect(restoreBackup({ databaseUrl: emptyUrl, file, uploads: local(targetUploads), ...quiet })).rejects.toThrow(
      /upload directory .* already has 2 files; give --replace/,
    );
    expect(await fingerprint(targetUrl)).toEqual(changed);
    expect(await fingerprint(emptyUrl)).toEqual({});
    expect(filesOf(targetUploads)).toEqual(changedFiles);

    const result = await restoreBackup({ databaseUrl: targetUrl, file, replace: true, uploads: local(targetUploads), ...quiet });
    expect(result.tables.every((row) => row.ok)).toBe(true);
    expect(await fingerprint(targetUrl)).toEqual(source);
    expect(filesOf(targetUploads)).toEqual(sourceFiles);
    expect(await schemaOf(targetUrl)).toBe(await schemaOf(sourceUrl));
  });

  it("rolls a restore that fails half-way back whole: the database keeps what it had and no file is put in place", async () => {
    await smallCounty();
    const { file } = await createBackup({
      databaseUrl: sourceUrl,
      directory: path.join(work, "halfway"),
      uploads: local(UPLOAD_DIR),
      ...quiet,
    });
    // no tables, so the restore goes ahead, but an enum of the same name as the portal's stops it part-way
    const targetUrl = await freshDatabase();
    await query(targetUrl, `CREATE TYPE "UnitKind" AS ENUM ('SOMETHING_ELSE')`);
    const targetUploads = path.join(work, "halfway-uploads");

    await expect(restoreBackup({ databaseUrl: targetUrl, file, uploads: local(targetUploads), ...quiet })).rejects.toThrow(
      /The restore failed and was rolled back; the database is unchanged\.[\s\S]*type "UnitKind" already exists/,
    );
    expect(await fingerprint(targetUrl)).toEqual({});
    const types = await query<{ typname: string }>(
      targetUrl,
      `SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE nspname = 'public' AND typtype = 'e'`,
    );
    expect(types.map((type) => type.typname)).toEqual(["UnitKind"]);
    expect(filesOf(targetUploads)).toEqual({});
  });

  it("refuses a foreign, damaged, tampered or newer archive with a message saying so, and changes nothing", async () => {
    await smallCounty();
    const { file } = await createBackup({
      databaseUrl: sourceUrl,
      directory: path.join(work, "bad"),
      uploads: local(UPLOAD_DIR),
      ...quiet,
    });
    const bad = path.join(work, "bad");

    // an archive of something else: a .tar.gz with no manifest
    fs.mkdirSync(path.join(bad, "other"), { recursive: true });
    fs.writeFileSync(path.join(bad, "other", "report.docx"), crypto.randomBytes(4096));
    await tar.c({ gzip: true, file: path.join(bad, "foreign.tar.gz"), cwd: path.join(bad, "other") }, ["report.docx"]);
    // not an archive at all, and a real one cut short in the middle
    fs.writeFileSync(path.join(bad, "random.tar.gz"), crypto.randomBytes(200_000));
    const whole = fs.readFileSync(file);
    fs.writeFileSync(path.join(bad, "truncated.tar.gz"), whole.subarray(0, Math.floor(whole.length / 2)));
    // a real archive whose dump was altered, and one whose manifest claims a newer format
    const opened = path.join(bad, "opened");
    fs.mkdirSync(opened);
    await tar.x({ file, cwd: opened });
    const rebuild = async (name: string) => {
      await tar.c({ gzip: true, file: path.join(bad, name), cwd: opened }, fs.readdirSync(opened));
      return path.join(bad, name);
    };
    const dump = fs.readFileSync(path.join(opened, "database.dump"));
    dump.writeUInt8(dump.readUInt8(dump.length - 100) ^ 0xff, dump.length - 100);
    fs.writeFileSync(path.join(opened, "database.dump"), dump);
    const tampered = await rebuild("tampered.tar.gz");
    const manifest = JSON.parse(fs.readFileSync(path.join(opened, "manifest.json"), "utf8")) as { formatVersion: number };
    fs.writeFileSync(path.join(opened, "manifest.json"), JSON.stringify({ ...manifest, formatVersion: 2 }));
    const newer = await rebuild("newer.tar.gz");

    const targetUrl = await freshDatabase();
    const targetUploads = path.join(work, "bad-uploads");
    const restore = (archive: string) => restoreBackup({ databaseUrl: targetUrl, file: archive, uploads: local(targetUploads), ...quiet });
    await expect(restore(path.join(bad, "foreign.tar.gz"))).rejects.toThrow("This is not a portal backup: it has no manifest.json.");
    await expect(restore(path.join(bad, "random.tar.gz"))).rejects.toThrow(/is not a readable backup archive .*damaged or not a \.tar\.gz/);
    await expect(restore(path.join(bad, "truncated.tar.gz"))).rejects.toThrow(/is not a readable backup archive/);
    await expect(restore(tampered)).rejects.toThrow(
      "The backup's database.dump is missing or does not match its manifest: the archive is damaged.",
    );
    await expect(restore(newer)).rejects.toThrow(/format version 2; this portal reads version 1 \(it was made by a newer portal/);
    await expect(restore(path.join(bad, "missing.tar.gz"))).rejects.toThrow(/missing\.tar\.gz does not exist/);
    await expect(restore(tampered)).rejects.toBeInstanceOf(BackupError);

    expect(await fingerprint(targetUrl)).toEqual({});
    expect(filesOf(targetUploads)).toEqual({});
    expect(fs.readdirSync(targetUploads)).toEqual([]); // no work directory left behind
  });

  it("refuses a pg_dump of another major than the server's, naming both versions and the package, and writes no archive", async () => {
    await smallCounty();
    const fake = path.join(work, "pg_dump-18");
    fs.writeFileSync(fake, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 18.4'\n", { mode: 0o755 });
    const directory = path.join(work, "mismatch");

    await expect(
      createBackup({ databaseUrl: sourceUrl, directory, uploads: local(UPLOAD_DIR), toolEnv: { ...process.env, PG_DUMP: fake }, ...quiet }),
    ).rejects.toThrow(
      new RegExp(`server is PostgreSQL 15\\.\\d+, but pg_dump at ${fake} is 18\\.4 .*apt-get install postgresql-client-15`),
    );
    expect(fs.existsSync(directory) ? fs.readdirSync(directory) : []).toEqual([]);
  });

  it("with evidence in an S3 bucket backs up the database only and says the bucket needs its own backup", async () => {
    await smallCounty();
    const log: string[] = [];
    const { file, manifest } = await createBackup({
      databaseUrl: sourceUrl,
      directory: path.join(work, "s3"),
      uploads: { driver: "s3", bucket: "qinghu-evidence" },
      log: (line) => log.push(line),
    });
    expect(log.join("\n")).toContain(
      "Evidence files are in the S3 bucket qinghu-evidence (STORAGE_DRIVER=s3): back the bucket up with its own tooling",
    );
    expect(manifest.uploads).toEqual({ driver: "s3", files: 0, bytes: 0 });
    const entries: string[] = [];
    await tar.t({ file, onReadEntry: (entry) => entries.push(entry.path) });
    expect(entries).toEqual(["manifest.json", "database.dump"]);

    const targetUrl = await freshDatabase();
    const result = await restoreBackup({ databaseUrl: targetUrl, file, uploads: local(path.join(work, "s3-uploads")), ...quiet });
    expect(result.tables.every((row) => row.ok)).toBe(true);
    expect(await fingerprint(targetUrl)).toEqual(await fingerprint(sourceUrl));
  });
});
