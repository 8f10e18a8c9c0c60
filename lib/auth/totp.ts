// Time-based one-time passwords (RFC 6238) for the optional second factor (SECURITY.md 6).
// Codes are single-use: the caller stores the accepted time step and passes it back.
import { Secret, TOTP } from "otpauth";

const PERIOD_SECONDS = 30;

function totpFor(secretBase32: string, label = "", issuer = "改革任务管理平台") {
  return new TOTP({ issuer, label, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, username: string): string {
  return totpFor(secretBase32, username).toString();
}

/** The code an authenticator shows at `at` (tests and the enrolment check use it). */
export function totpCode(secretBase32: string, at: Date): string {
  return totpFor(secretBase32).generate({ timestamp: at.getTime() });
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "invalid" | "replayed" };

/** Accepts the current code or its neighbours (±30 s clock drift), each step only once. */
export function verifyTotp(secretBase32: string, code: string, lastStep: number | null, at: Date): TotpCheck {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: "invalid" };
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: at.getTime(), window: 1 });
  if (delta === null) return { ok: false, reason: "invalid" };
  const step = Math.floor(at.getTime() / 1000 / PERIOD_SECONDS) + delta;
  if (lastStep !== null && step <= lastStep) return { ok: false, reason: "replayed" };
  return { ok: true, step };
}
