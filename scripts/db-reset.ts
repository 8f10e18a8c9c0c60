// npm run db:reset — drop every table, apply the migrations and load the demo county again.
// On a database given by DATABASE_URL (not the embedded one) it asks for --force.
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { createPrismaClient } from "@/lib/db/prisma";
import { seedDemo } from "@/lib/demo/seed";
import { demoEvidenceDir } from "./config";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set (run through scripts/with-db.ts)");
if (process.env.EMBEDDED_DB !== "1" && !process.argv.includes("--force")) {
  console.error("Refusing to reset a database given by DATABASE_URL without --force (npm run db:reset -- --force).");
  process.exit(1);
}

const client = new pg.Client({ connectionString: url });
await client.connect();
await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
await client.end();
console.log("Dropped all tables.");

await migrate(url, { log: console.log });
const prisma = createPrismaClient(url);
const summary = await seedDemo(prisma, { today: new Date(), log: console.log, evidenceDir: demoEvidenceDir });
await prisma.$disconnect();
console.log(
  `Demo county loaded: ${Object.entries(summary)
    .map(([table, count]) => `${table} ${count}`)
    .join(", ")}`,
);
