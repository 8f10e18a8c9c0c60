import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

describe("password hashing", () => {
  it("hashes with argon2id and verifies only the same password", async () => {
    const hash = await hashPassword("Qinghu@2026");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hash, "Qinghu@2026")).toBe(true);
    expect(await verifyPassword(hash, "qinghu@2026")).toBe(false);
  });

  it("salts every hash and treats a malformed hash as a mismatch", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
    expect(await verifyPassword("not-a-hash", "same")).toBe(false);
  });
});
