// Development tooling: the SQL that takes one Prisma schema to another, from Prisma 6's
// WebAssembly engine (no download). Never imported by the web app.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Prisma 6 requires `url` in the datasource block; Prisma 7 forbids it. Add it to a temp copy. */
function withUrl(schema: string): string {
  return schema.replace(/datasource\s+db\s*\{([^}]*)\}/, (_block, body: string) => `datasource db {${body}  url = env("DATABASE_URL")\n}`);
}

export const EMPTY_MIGRATION = "-- This is an empty migration.";

/** SQL from `fromSchema` (null = empty database) to `toSchema`, both given as schema text. */
export async function schemaDiffSql(fromSchema: string | null, toSchema: string, databaseUrl: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "schema-diff-"));
  try {
    const toFile = path.join(dir, "to.prisma");
    fs.writeFileSync(toFile, withUrl(toSchema));
    const from = ["--from-empty"];
    if (fromSchema !== null) {
      const fromFile = path.join(dir, "from.prisma");
      fs.writeFileSync(fromFile, withUrl(fromSchema));
      from.splice(0, 1, "--from-schema-datamodel", fromFile);
    }
    const { stdout } = await run(
      process.execPath,
      [
        path.resolve("node_modules/prisma6/build/index.js"),
        "migrate",
        "diff",
        ...from,
        "--to-schema-datamodel",
        toFile,
        "--script",
        "--config",
        path.resolve("scripts/prisma6.config.ts"),
      ],
      {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          PRISMA6_SCHEMA: toFile,
          PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
          PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
          CHECKPOINT_DISABLE: "1",
        },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return stdout.trim();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
