import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readStoredFile, storeFile } from "@/lib/attachments/storage";

describe("attachment storage", () => {
  it("stores under a server-generated key outside the web root and reads the same bytes back", async () => {
    const bytes = new TextEncoder().encode("%PDF-1.7 佐证材料");
    const stored = await storeFile(bytes, new Date("2026-11-22T02:00:00Z"));

    expect(stored.storageKey).toMatch(/^2026\/11\/[0-9a-f-]{36}$/);
    expect(stored.sha256).toBe(crypto.createHash("sha256").update(bytes).digest("hex"));
    expect(stored.size).toBe(bytes.length);
    const file = path.resolve(".data/test-uploads", stored.storageKey);
    expect(file.startsWith(path.resolve("public"))).toBe(false);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.compare(await readStoredFile(stored.storageKey), Buffer.from(bytes))).toBe(0);
  });

  it("refuses to read anything but a storage key", async () => {
    await expect(readStoredFile("../../.data/nextauth-secret")).rejects.toThrow("not a storage key");
    await expect(readStoredFile("/etc/passwd")).rejects.toThrow("not a storage key");
  });
});
