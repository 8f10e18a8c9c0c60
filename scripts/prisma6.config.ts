// Prisma 6's CLI with its WebAssembly schema engine, used only to write migration SQL
// (`migrate diff`) offline — Prisma 7's migrate commands need a downloaded native engine.
// See docs/decisions/0002-migrations-offline.md.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma6/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: process.env.PRISMA6_SCHEMA ?? "prisma/schema.prisma",
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL, allowExitOnIdle: true });
  },
});
