import { describe, expect, it } from "vitest";
import { newTotpSecret, totpCode, totpUri, verifyTotp } from "@/lib/auth/totp";

const AT = new Date("2026-11-22T02:00:10Z");

describe("TOTP second factor", () => {
  const secret = newTotpSecret();

  it("accepts the current code and returns its time step", () => {
    const check = verifyTotp(secret, totpCode(secret, AT), null, AT);
    expect(check).toEqual({ ok: true, step: Math.floor(AT.getTime() / 30_000) });
  });

  it("refuses a code that was already used (replay), even within its window", () => {
    const code = totpCode(secret, AT);
    const first = verifyTotp(secret, code, null, AT);
    if (!first.ok) throw new Error("first use refused");
    expect(verifyTotp(secret, code, first.step, new Date(AT.getTime() + 5_000))).toEqual({ ok: false, reason: "replayed" });
  });

  it("tolerates ±30 s drift but not more", () => {
    expect(verifyTotp(secret, totpCode(secret, new Date(AT.getTime() - 30_000)), null, AT).ok).toBe(true);
    expect(verifyTotp(secret, totpCode(secret, new Date(AT.getTime() - 120_000)), null, AT)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses malformed codes and builds an otpauth URI for authenticator apps", () => {
    expect(verifyTotp(secret, "12ab56", null, AT)).toEqual({ ok: false, reason: "invalid" });
    expect(totpUri(secret, "office")).toMatch(/^otpauth:\/\/totp\/.*office\?.*secret=/);
  });
});
