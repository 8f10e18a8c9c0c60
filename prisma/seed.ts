// Seeds the demo county 青湖县 into an empty database: tsx prisma/seed.ts (through scripts/with-db.ts).
// A database that already holds a committee is left alone, so running it twice is harmless.
import { createPrismaClient } from "@/lib/db/prisma";
import { seedDemo } from "@/lib/demo/seed";
import { demoEvidenceDir } from "../scripts/config";

function referenceDate(): Date {
  const raw = process.env.APP_NOW;
  if (!raw) return new Date();
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) throw new Error(`APP_NOW is not a date: "${raw}"`);
  return date;
}

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set");

const db = createPrismaClient(url);
try {
  const existing = await db.committee.count();
  if (existing > 0) {
    console.log(`Database already holds ${existing} committee(s); demo seed skipped.`);
  } else {
    const started = performance.now();
    const today = referenceDate();
    const summary = await seedDemo(db, { today, log: console.log, evidenceDir: demoEvidenceDir });
    const total = Object.values(summary).reduce((sum, count) => sum + count, 0);
    console.log(`Demo seeded as of ${today.toISOString()}: ${total} rows in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  }
} finally {
  await db.$disconnect();
}
