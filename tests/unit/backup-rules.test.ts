// The pure rules of backup and restore: which client tool may run against which server, archive
// names, the manifest check, the entries a restore extracts, and the libpq environment of a URL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  archiveName,
  BackupError,
  chooseTool,
  compareCounts,
  isArchiveEntry,
  libpqEnv,
  parseManifest,
  parseServerVersion,
  parseToolVersion,
  type Manifest,
  type ToolCandidate,
} from "@/lib/db/backup-rules";
import { checkDataDirVersion, dataDirMajor, embeddedMajor } from "@/lib/db/embedded";

const DEBIAN_15 = "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n";
const server15 = parseServerVersion("150018", "15.18");
const server18 = parseServerVersion("180004", "18.4 (Debian 18.4-1.pgdg120+1)");

const candidate = (path: string, source: ToolCandidate["source"], versionOutput: string | undefined): ToolCandidate => ({
  path,
  source,
  versionOutput,
});

const manifest: Manifest = {
  format: "reform-portal-backup",
  formatVersion: 1,
  createdAt: "2026-11-22T02:00:00.000Z",
  database: "reform",
  server: { major: 15, text: "15.18" },
  pgDump: { major: 15, text: "15.18" },
  dump: { file: "database.dump", bytes: 354202, sha256: "a".repeat(64) },
  uploads: { driver: "local", files: 3, bytes: 6291456 },
  tables: { ReformTask: 224, AuditEvent: 0 },
};

describe("PostgreSQL versions", () => {
  it("reads the version line of pg_dump, pg_restore and psql, Debian's and others", () => {
    expect(parseToolVersion(DEBIAN_15)).toEqual({ major: 15, text: "15.18" });
    expect(parseToolVersion("psql (PostgreSQL) 18.4")).toEqual({ major: 18, text: "18.4" });
    expect(parseToolVersion("pg_restore (PostgreSQL) 17beta1")).toEqual({ major: 17, text: "17beta1" });
    expect(parseToolVersion("mysqldump  Ver 10.19")).toBeUndefined();
  });

  it("reads the server's major from server_version_num and refuses servers before 10", () => {
    expect(server15).toEqual({ major: 15, text: "15.18" });
    expect(server18).toEqual({ major: 18, text: "18.4" });
    expect(() => parseServerVersion("90624", "9.6.24")).toThrow(BackupError);
  });
});

describe("choosing the client tool", () => {
  it("takes the first candidate that runs when its major is the server's", () => {
    const chosen = chooseTool("pg_dump", server15, [
      candidate("/usr/lib/postgresql/15/bin/pg_dump", "versioned", undefined),
      candidate("/usr/bin/pg_dump", "path", DEBIAN_15),
    ]);
    expect(chosen).toEqual({ path: "/usr/bin/pg_dump", version: { major: 15, text: "15.18" } });
  });

  it("refuses a tool of another major, naming the server's version, the tool's and the package to install", () => {
    const refuse = () => chooseTool("pg_dump", server18, [candidate("/usr/bin/pg_dump", "path", DEBIAN_15)]);
    expect(refuse).toThrow(BackupError);
    expect(refuse).toThrow(/server is PostgreSQL 18\.4.*\/usr\/bin\/pg_dump is 15\.18.*postgresql-client-18.*PG_DUMP=/);
  });

  it("refuses a newer tool too: restore and psql must be of the server's major", () => {
    expect(() => chooseTool("psql", server15, [candidate("/opt/pg18/psql", "path", "psql (PostgreSQL) 18.4")])).toThrow(
      /psql at \/opt\/pg18\/psql is 18\.4.*postgresql-client-15.*PSQL=/,
    );
  });

  it("says what to install when no tool is found, and names an override that does not run", () => {
    expect(() => chooseTool("pg_restore", server15, [])).toThrow(
      /pg_restore was not found.*PostgreSQL 15\.18.*apt-get install postgresql-client-15/,
    );
    expect(() => chooseTool("pg_dump", server15, [candidate("/nowhere/pg_dump", "override", undefined)])).toThrow(
      /PG_DUMP=\/nowhere\/pg_dump does not run/,
    );
  });

  it("refuses a program that prints no PostgreSQL version", () => {
    expect(() => chooseTool("pg_dump", server15, [candidate("/usr/local/bin/pg_dump", "path", "pg_dump 1.0 (a wrapper)")])).toThrow(
      /not a PostgreSQL version/,
    );
  });
});

describe("archives", () => {
  it("are named after the database and the UTC time, sortable and safe for any shell", () => {
    expect(archiveName("reform", new Date("2026-11-22T02:03:04.567Z"))).toBe("reform-reform-20261122T020304Z.tar.gz");
    expect(archiveName("县 data/x", new Date("2026-01-02T00:00:00Z"))).toBe("reform-__data_x-20260102T000000Z.tar.gz");
  });

  it("extract only the manifest, the dump and what lies under uploads/", () => {
    for (const entry of [
      "manifest.json",
      "./manifest.json",
      "database.dump",
      "uploads/",
      "uploads/2026/11/0b8f4c1e-0000-4000-8000-000000000000",
    ])
      expect(isArchiveEntry(entry), entry).toBe(true);
    for (const entry of ["../etc/passwd", "uploads/../../.bashrc", "etc/cron.d/x", "manifest.json.bak", "uploadsx/file", ".env"])
      expect(isArchiveEntry(entry), entry).toBe(false);
  });
});

describe("the manifest", () => {
  it("is read back as written", () => {
    expect(parseManifest(JSON.stringify(manifest))).toEqual(manifest);
  });

  it("is refused when missing, not JSON, of another program, of another format version, or incomplete", () => {
    expect(() => parseManifest(undefined)).toThrow("not a portal backup: it has no manifest.json");
    expect(() => parseManifest("PK\u0003\u0004")).toThrow("manifest.json is not JSON");
    expect(() => parseManifest(JSON.stringify({ name: "some-npm-package", version: "1.0.0" }))).toThrow(
      'not a "reform-portal-backup" manifest',
    );
    expect(() => parseManifest(JSON.stringify({ ...manifest, formatVersion: 2 }))).toThrow(
      /format version 2.*reads version 1.*newer portal/,
    );
    const { tables: _tables, ...withoutTables } = manifest;
    expect(() => parseManifest(JSON.stringify(withoutTables))).toThrow(/manifest.json is damaged: tables/);
    expect(() => parseManifest(JSON.stringify({ ...manifest, dump: { ...manifest.dump, sha256: "not-a-hash" } }))).toThrow(/dump\.sha256/);
  });

  it("row counts are compared table by table, a table on one side only being a difference", () => {
    expect(compareCounts({ A: 2, B: 0 }, { A: 2, B: 0 }).every((row) => row.ok)).toBe(true);
    expect(compareCounts({ A: 2, B: 1 }, { A: 2, C: 0 })).toEqual([
      { table: "A", expected: 2, actual: 2, ok: true },
      { table: "B", expected: 1, actual: undefined, ok: false },
      { table: "C", expected: undefined, actual: 0, ok: false },
    ]);
  });
});

describe("libpq environment of a DATABASE_URL", () => {
  it("carries host, port, user, password, database and SSL settings; Prisma's own parameters are dropped", () => {
    expect(
      libpqEnv(
        "postgresql://reform:p%40ss%3Aword@db.county.gov.cn:6432/reform?sslmode=verify-full&sslrootcert=/etc/ca.pem&schema=public&connection_limit=5",
      ),
    ).toEqual({
      PGHOST: "db.county.gov.cn",
      PGPORT: "6432",
      PGUSER: "reform",
      PGPASSWORD: "p@ss:word",
      PGDATABASE: "reform",
      PGSSLMODE: "verify-full",
      PGSSLROOTCERT: "/etc/ca.pem",
    });
  });

  it("reads IPv6 hosts and a socket directory given as host=", () => {
    expect(libpqEnv("postgres://u@[::1]:5432/db")).toMatchObject({ PGHOST: "::1", PGPORT: "5432", PGUSER: "u", PGDATABASE: "db" });
    expect(libpqEnv("postgresql://u@localhost/db?host=/var/run/postgresql")).toMatchObject({ PGHOST: "/var/run/postgresql" });
  });

  it("refuses anything but a postgresql:// URL", () => {
    expect(() => libpqEnv("mysql://root@localhost/db")).toThrow("not a postgresql:// URL");
    expect(() => libpqEnv("host=localhost dbname=reform")).toThrow("not a postgresql:// URL");
  });
});

describe("the embedded server's data directory", () => {
  it("embeds PostgreSQL 15, the major of Debian bookworm's client tools", () => {
    expect(embeddedMajor()).toBe(15);
  });

  it("refuses a directory created by another major, saying what to do and leaving it as it is", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgdata-"));
    fs.writeFileSync(path.join(dir, "PG_VERSION"), "18\n");
    expect(dataDirMajor(dir)).toBe(18);
    const check = () => checkDataDirVersion(dir, dataDirMajor(dir), 15);
    expect(check).toThrow(new RegExp(`created by PostgreSQL 18, but the portal now embeds PostgreSQL 15`));
    expect(check).toThrow(/nothing was changed[\s\S]*mv .*-pg18/);
    expect(fs.readFileSync(path.join(dir, "PG_VERSION"), "utf8")).toBe("18\n");
    expect(() => checkDataDirVersion(dir, 15, 15)).not.toThrow();
    expect(() => checkDataDirVersion(dir, undefined, 15)).not.toThrow();
    expect(dataDirMajor(path.join(dir, "new"))).toBeUndefined();
    fs.rmSync(dir, { recursive: true });
  });
});
