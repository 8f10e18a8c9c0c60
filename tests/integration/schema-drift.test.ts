// The migrations in prisma/migrations must build exactly the database prisma/schema.prisma
// describes: a migrated database and one built straight from the schema must have the same
// tables, columns, types, defaults, indexes, constraints and enums.
import fs from "node:fs";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { dropDatabase, ensureDatabase, withDatabase } from "@/lib/db/embedded";
import { schemaDiffSql } from "@/lib/db/schema-diff";
import { adminUrl, serverUrl, TEMPLATE_DATABASE } from "./database";

const FROM_SCHEMA = "reform_test_from_schema";

async function catalog(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(`
      SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
             character_maximum_length, numeric_precision, numeric_scale, datetime_precision
      FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      ORDER BY table_name, column_name`);
    const indexes = await client.query(`
      SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
      ORDER BY tablename, indexname`);
    const constraints = await client.query(`
      SELECT c.relname AS table_name, k.conname, pg_get_constraintdef(k.oid) AS definition
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
      WHERE k.connamespace = 'public'::regnamespace AND c.relname <> '_prisma_migrations'
      ORDER BY 1, 2`);
    const enums = await client.query(`
      SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      GROUP BY t.typname ORDER BY t.typname`);
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows, enums: enums.rows };
  } finally {
    await client.end();
  }
}

describe("schema drift", () => {
  afterAll(async () => {
    await dropDatabase(adminUrl(), FROM_SCHEMA);
  });

  it("migrations produce exactly the Prisma schema", async () => {
    const sql = await schemaDiffSql(null, fs.readFileSync("prisma/schema.prisma", "utf8"), serverUrl());
    expect(sql).toContain("CREATE TABLE");

    await dropDatabase(adminUrl(), FROM_SCHEMA);
    await ensureDatabase(adminUrl(), FROM_SCHEMA);
    const client = new pg.Client({ connectionString: withDatabase(serverUrl(), FROM_SCHEMA) });
    await client.connect();
    await client.query(sql);
    await client.end();

    const migrated = await catalog(withDatabase(serverUrl(), TEMPLATE_DATABASE));
    const expected = await catalog(withDatabase(serverUrl(), FROM_SCHEMA));
    expect(migrated.columns.length).toBeGreaterThan(300);
    expect(migrated).toEqual(expected);
  });
});
