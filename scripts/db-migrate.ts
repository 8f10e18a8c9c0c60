import { migrate } from "@/lib/db/migrate";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set");
const applied = await migrate(url, { log: console.log });
console.log(applied.length ? `${applied.length} migration(s) applied.` : "Database is up to date.");
