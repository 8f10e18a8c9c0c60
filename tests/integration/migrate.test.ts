import pg from "pg";
import { describe, expect, it } from "vitest";
import { dropDatabase, ensureDatabase, withDatabase } from "@/lib/db/embedded";
import { listMigrations, migrate } from "@/lib/db/migrate";
import { adminUrl, serverUrl } from "./database";

describe("migration runner", () => {
  it("applies every migration once, with Prisma's bookkeeping, and is idempotent", async () => {
    const name = "reform_test_runner";
    await dropDatabase(adminUrl(), name);
    await ensureDatabase(adminUrl(), name);
    const url = withDatabase(serverUrl(), name);
    try {
      const first = await migrate(url);
      const second = await migrate(url);
      expect(first).toEqual(listMigrations().map((migration) => migration.name));
      expect(second).toEqual([]);

      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query(
        `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      await client.end();
      expect(rows).toHaveLength(first.length);
      for (const [index, row] of rows.entries()) {
        expect(row.checksum).toBe(listMigrations()[index]?.checksum);
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.applied_steps_count).toBe(1);
      }
    } finally {
      await dropDatabase(adminUrl(), name);
    }
  });
});
