// npm run db:restore -- FILE [--replace] — restores an archive of db:backup into the embedded
// database or DATABASE_URL and the evidence files into UPLOAD_DIR, then compares every table's row
// count with the backup's manifest. A database with tables is replaced only with --replace.
import { restoreBackup } from "@/lib/db/backup";
import { BackupError } from "@/lib/db/backup-rules";
import { launcher } from "./config";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set (run through scripts/with-db.ts: npm run db:restore -- FILE)");
const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith("--"));
const unknown = args.filter((arg) => arg.startsWith("--") && arg !== "--replace");
if (!file || unknown.length > 0) {
  console.error("usage: npm run db:restore -- FILE [--replace]");
  process.exit(2);
}

try {
  const result = await restoreBackup({ databaseUrl: url, file, replace: args.includes("--replace"), uploads: launcher.storage });
  const width = Math.max(5, ...result.tables.map((row) => row.table.length));
  console.log(`\n${"table".padEnd(width)}  ${"backup".padStart(8)}  ${"restored".padStart(8)}`);
  for (const row of result.tables)
    console.log(
      `${row.table.padEnd(width)}  ${String(row.expected ?? "—").padStart(8)}  ${String(row.actual ?? "—").padStart(8)}  ${row.ok ? "✔" : "✘"}`,
    );
  const wrong = result.tables.filter((row) => !row.ok);
  if (wrong.length > 0) {
    console.error(`\nRestored, but ${wrong.length} tables differ from the backup's manifest: ${wrong.map((row) => row.table).join(", ")}.`);
    process.exit(1);
  }
  console.log(`\nRestored: ${result.tables.length} tables equal to the backup, ${result.files} evidence files.`);
} catch (error) {
  console.error(error instanceof BackupError ? `Restore refused: ${error.message}` : error);
  process.exit(1);
}
