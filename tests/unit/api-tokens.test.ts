import { describe, expect, it } from "vitest";
import { bearerToken, hashToken, isTokenUsable, newToken, TOKEN_PREFIX } from "@/lib/api/tokens";

const TOKEN = `${TOKEN_PREFIX}${"a".repeat(43)}`;

describe("newToken", () => {
  it("makes an rtp_ token, its SHA-256 and a short prefix that does not reveal it", () => {
    const { token, hash, prefix } = newToken();
    expect(token).toMatch(/^rtp_[\w-]{43}$/);
    expect(hash).toBe(hashToken(token));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(token.startsWith(prefix)).toBe(true);
    expect(prefix).toHaveLength(TOKEN_PREFIX.length + 6);
  });

  it("never makes the same token twice", () => {
    const tokens = new Set(Array.from({ length: 50 }, () => newToken().token));
    expect(tokens.size).toBe(50);
  });

  it("hashes as the well-known SHA-256", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("bearerToken", () => {
  it("reads the token of a Bearer header, the scheme in any case", () => {
    expect(bearerToken(`Bearer ${TOKEN}`)).toBe(TOKEN);
    expect(bearerToken(`bearer ${TOKEN}`)).toBe(TOKEN);
    expect(bearerToken(`BEARER ${TOKEN}`)).toBe(TOKEN);
  });

  it("allows several spaces or a tab after the scheme and trailing blanks", () => {
    expect(bearerToken(`Bearer   ${TOKEN}`)).toBe(TOKEN);
    expect(bearerToken(`Bearer\t${TOKEN}`)).toBe(TOKEN);
    expect(bearerToken(`Bearer ${TOKEN}  `)).toBe(TOKEN);
  });

  it("refuses an absent or empty header", () => {
    expect(bearerToken(null)).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken("")).toBeNull();
    expect(bearerToken("Bearer")).toBeNull();
    expect(bearerToken("Bearer ")).toBeNull();
  });

  it("refuses another scheme", () => {
    expect(bearerToken(`Basic ${TOKEN}`)).toBeNull();
    expect(bearerToken(`Token ${TOKEN}`)).toBeNull();
    expect(bearerToken(TOKEN)).toBeNull();
    expect(bearerToken(`Bearer: ${TOKEN}`)).toBeNull();
    expect(bearerToken(`XBearer ${TOKEN}`)).toBeNull();
  });

  it("refuses leading blanks, a second word or a space inside the token", () => {
    expect(bearerToken(` Bearer ${TOKEN}`)).toBeNull();
    expect(bearerToken(`Bearer ${TOKEN} extra`)).toBeNull();
    expect(bearerToken(`Bearer rtp_abc def`)).toBeNull();
    expect(bearerToken(`Bearer ${TOKEN}\nX-Injected: 1`)).toBeNull();
  });

  it("refuses tokens without our prefix (other systems' tokens, JWTs) and absurdly long ones", () => {
    expect(bearerToken("Bearer ghp_abcdef0123456789")).toBeNull();
    expect(bearerToken("Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig")).toBeNull();
    expect(bearerToken("Bearer RTP_abcdef")).toBeNull();
    expect(bearerToken("Bearer xrtp_abcdef")).toBeNull();
    expect(bearerToken(`Bearer ${TOKEN_PREFIX}${"a".repeat(196)}`)).toBe(`${TOKEN_PREFIX}${"a".repeat(196)}`);
    expect(bearerToken(`Bearer ${TOKEN_PREFIX}${"a".repeat(197)}`)).toBeNull();
  });
});

describe("isTokenUsable", () => {
  const at = new Date("2026-06-01T08:00:00Z");
  const personal = { kind: "PERSONAL" as const, sessionVersion: 0, expiresAt: new Date("2026-12-31T00:00:00Z"), revokedAt: null };
  const session = { kind: "SESSION" as const, sessionVersion: 3, expiresAt: new Date("2026-06-01T20:00:00Z"), revokedAt: null };

  it("accepts a live token", () => {
    expect(isTokenUsable(personal, { sessionVersion: 7 }, at)).toBe(true);
    expect(isTokenUsable(session, { sessionVersion: 3 }, at)).toBe(true);
    expect(isTokenUsable({ ...personal, expiresAt: null }, { sessionVersion: 0 }, at)).toBe(true);
  });

  it("ends a session token after 30 minutes without use, as a signed-in session; a personal token keeps its expiry", () => {
    const issued = new Date(at.getTime() - 10 * 60_000);
    const minutesAgo = (minutes: number) => new Date(at.getTime() - minutes * 60_000);
    // used 29 minutes ago: alive; 30 minutes: idle
    expect(isTokenUsable({ ...session, createdAt: issued, lastUsedAt: minutesAgo(29) }, { sessionVersion: 3 }, at)).toBe(true);
    expect(isTokenUsable({ ...session, createdAt: minutesAgo(40), lastUsedAt: minutesAgo(30) }, { sessionVersion: 3 }, at)).toBe(false);
    // never used: the idle clock starts at issue
    expect(isTokenUsable({ ...session, createdAt: minutesAgo(29), lastUsedAt: null }, { sessionVersion: 3 }, at)).toBe(true);
    expect(isTokenUsable({ ...session, createdAt: minutesAgo(31), lastUsedAt: null }, { sessionVersion: 3 }, at)).toBe(false);
    // a stricter limit, when passed
    expect(isTokenUsable({ ...session, createdAt: issued, lastUsedAt: minutesAgo(6) }, { sessionVersion: 3 }, at, 5)).toBe(false);
    // a system account's personal token unused for months is still good until it expires
    expect(
      isTokenUsable(
        { ...personal, createdAt: new Date("2026-01-01T00:00:00Z"), lastUsedAt: new Date("2026-02-01T00:00:00Z") },
        { sessionVersion: 0 },
        at,
      ),
    ).toBe(true);
  });

  it("refuses a revoked token", () => {
    expect(isTokenUsable({ ...personal, revokedAt: new Date("2026-05-01T00:00:00Z") }, { sessionVersion: 0 }, at)).toBe(false);
    expect(isTokenUsable({ ...session, revokedAt: new Date("2026-06-01T07:00:00Z") }, { sessionVersion: 3 }, at)).toBe(false);
  });

  it("refuses a token from the moment it expires", () => {
    expect(isTokenUsable({ ...personal, expiresAt: new Date(at.getTime() + 1) }, { sessionVersion: 0 }, at)).toBe(true);
    expect(isTokenUsable({ ...personal, expiresAt: at }, { sessionVersion: 0 }, at)).toBe(false);
    expect(isTokenUsable({ ...personal, expiresAt: new Date("2026-01-01T00:00:00Z") }, { sessionVersion: 0 }, at)).toBe(false);
  });

  it("ends a session token when the user's sessionVersion moves on (password, role change, disable)", () => {
    expect(isTokenUsable(session, { sessionVersion: 4 }, at)).toBe(false);
    expect(isTokenUsable(session, { sessionVersion: 2 }, at)).toBe(false);
  });

  it("keeps a personal (long-lived) token across sessionVersion changes", () => {
    expect(isTokenUsable(personal, { sessionVersion: 4 }, at)).toBe(true);
  });
});
