// Test databases: a migrated template built once per run, and a copy of it per test file.
import { withDatabase } from "@/lib/db/embedded";

export const TEMPLATE_DATABASE = "reform_test_template";

/** The server the test runner gave us (scripts/run-tests.ts sets DATABASE_URL). */
export function serverUrl(): string {
  const url = process.env.TEST_SERVER_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run integration tests through `npm run test:integration`");
  return url;
}

export function adminUrl(): string {
  return withDatabase(serverUrl(), "postgres");
}
