import "server-only";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/server/env";

// Files live outside the web root under server-generated names; the database keeps the original
// name, size and SHA-256. Local disk for a county; an S3-compatible store can replace these two
// functions for a province (DESIGN §5 "Scale path").

function root(): string {
  return path.resolve(env().UPLOAD_DIR);
}

export async function storeFile(bytes: Uint8Array, at: Date = new Date()): Promise<{ storageKey: string; sha256: string; size: number }> {
  const storageKey = `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, "0")}/${crypto.randomUUID()}`;
  const file = path.join(root(), storageKey);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, bytes, { flag: "wx", mode: 0o600 });
  return { storageKey, sha256: crypto.createHash("sha256").update(bytes).digest("hex"), size: bytes.length };
}

export async function readStoredFile(storageKey: string): Promise<Buffer> {
  if (!/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/.test(storageKey)) throw new Error("not a storage key");
  return fs.readFile(path.join(root(), storageKey));
}
