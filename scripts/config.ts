// Settings of the launcher scripts (start, with-db, tests). The web app reads its own
// environment through lib/server/env.ts.
import path from "node:path";
import { DEFAULT_UPLOAD_DIR } from "@/lib/server/env";

export const launcher = {
  dataDir: path.resolve(process.env.PG_DATA_DIR ?? ".data/pg"),
  pgPort: Number(process.env.PG_PORT ?? 54329),
  // Tests run on a cluster of their own, so `npm test` never touches (or stops) the portal's data.
  testDataDir: path.resolve(process.env.PG_TEST_DATA_DIR ?? ".data/pg-test"),
  testPgPort: Number(process.env.PG_TEST_PORT ?? 54330),
  appDatabase: "reform",
  e2eDatabase: "reform_e2e",
  appPort: Number(process.env.PORT ?? 3000),
  e2ePort: Number(process.env.E2E_PORT ?? 3100),
  externalDatabaseUrl: process.env.DATABASE_URL || undefined,
  /** what db:backup and db:restore do with evidence files: the portal's own settings (lib/server/env.ts) */
  storage:
    process.env.STORAGE_DRIVER === "s3"
      ? { driver: "s3" as const, bucket: process.env.S3_BUCKET || undefined }
      : { driver: "local" as const, dir: path.resolve(process.env.UPLOAD_DIR || DEFAULT_UPLOAD_DIR) },
};

/** Where the demo seed writes its evidence files: the portal's local UPLOAD_DIR (none with S3). */
export const demoEvidenceDir = launcher.storage.driver === "local" ? launcher.storage.dir : undefined;
