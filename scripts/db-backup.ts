// npm run db:backup [-- FILE] — one archive of the database (pg_dump) and the evidence files, by
// default .data/backups/reform-<database>-<UTC time>.tar.gz. Runs through scripts/with-db.ts, so
// on the embedded database or on DATABASE_URL. See README "备份与恢复 / Backup and restore".
import { createBackup } from "@/lib/db/backup";
import { BackupError } from "@/lib/db/backup-rules";
import { launcher } from "./config";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set (run through scripts/with-db.ts: npm run db:backup)");
const file = process.argv.slice(2).find((arg) => !arg.startsWith("--"));

try {
  const { file: written, manifest } = await createBackup({ databaseUrl: url, file, uploads: launcher.storage });
  const rows = Object.values(manifest.tables).reduce((sum, count) => sum + count, 0);
  console.log(
    `Backup written: ${written}\n  ${Object.keys(manifest.tables).length} tables, ${rows} rows; ` +
      `${manifest.uploads.files} evidence files (${manifest.uploads.bytes} bytes)${manifest.uploads.driver === "s3" ? " — S3: none, see above" : ""}.\n` +
      "  It holds every account's password hash and all reform data: keep it as carefully as the database.",
  );
} catch (error) {
  console.error(error instanceof BackupError ? `Backup refused: ${error.message}` : error);
  process.exit(1);
}
