// Every test file gets its own database copied from the migrated template, and every test
// starts from empty tables. Runs before the file's modules open a connection.
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeEach } from "vitest";
import { dropDatabase, ensureDatabase, withDatabase } from "@/lib/db/embedded";
import { adminUrl, serverUrl, TEMPLATE_DATABASE } from "./database";

const server = serverUrl();
process.env.TEST_SERVER_URL = server;
const name = `reform_test_${crypto.randomBytes(5).toString("hex")}`;
await ensureDatabase(adminUrl(), name, TEMPLATE_DATABASE);
process.env.DATABASE_URL = withDatabase(server, name);

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
const { rows } = await client.query<{ tablename: string }>(
  `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
);
// "AuditEvent" refuses TRUNCATE (append-only trigger); replica mode, open to the superuser the
// tests run as, skips ordinary triggers for this one transaction.
const truncate = `BEGIN; SET LOCAL session_replication_role = replica;
TRUNCATE ${rows.map((row) => `"${row.tablename}"`).join(", ")} RESTART IDENTITY CASCADE; COMMIT;`;

beforeEach(async () => {
  await client.query(truncate);
});

afterAll(async () => {
  await client.end();
  const prisma = (globalThis as { prisma?: { $disconnect(): Promise<void> } }).prisma;
  await prisma?.$disconnect();
  await dropDatabase(adminUrl(), name);
});
