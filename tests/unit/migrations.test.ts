import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listMigrations, MIGRATIONS_DIR } from "@/lib/db/migrate";

describe("migrations folder", () => {
  const migrations = listMigrations();

  it("uses Prisma's layout: <UTC timestamp>_<name>/migration.sql, in order, with a lock file", () => {
    expect(migrations.length).toBeGreaterThan(0);
    for (const migration of migrations) expect(migration.name).toMatch(/^\d{14}_[a-z0-9_]+$/);
    expect(migrations.map((migration) => migration.name)).toEqual([...migrations.map((migration) => migration.name)].sort());
    expect(fs.readFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
  });

  it("checksums each file as Prisma does (SHA-256 of the SQL text)", () => {
    for (const migration of migrations) {
      expect(migration.checksum).toBe(crypto.createHash("sha256").update(migration.sql).digest("hex"));
    }
  });

  it("keeps a schema snapshot beside the newest migration equal to the working schema", () => {
    const newest = migrations.at(-1)!;
    const snapshot = fs.readFileSync(path.join(MIGRATIONS_DIR, newest.name, "schema.snapshot"), "utf8");
    expect(snapshot).toBe(fs.readFileSync("prisma/schema.prisma", "utf8"));
  });
});
