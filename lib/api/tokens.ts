// API bearer tokens (DESIGN §5 api/v1): what a token looks like and how it is kept. Pure: the
// token is shown once, only its SHA-256 is stored, and a lookup is by that hash.
import crypto from "node:crypto";
import { DEFAULT_SESSION_LIMITS } from "@/lib/auth/session-policy";

export const TOKEN_PREFIX = "rtp_";
/** how much of a token a list shows, to tell tokens apart without revealing them */
const SHOWN_CHARACTERS = TOKEN_PREFIX.length + 6;

/** A session token (POST /api/v1/session) lives as long as a signed-in session may at most. */
export const SESSION_TOKEN_HOURS = 12;
export const PERSONAL_TOKEN_MAX_DAYS = 730;
export const PERSONAL_TOKEN_DEFAULT_DAYS = 365;

export interface NewToken {
  token: string;
  hash: string;
  prefix: string;
}

export function newToken(): NewToken {
  const token = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, SHOWN_CHARACTERS) };
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** The token of an `Authorization: Bearer …` header, or null when the header is absent or not one. */
export function bearerToken(header: string | null | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  const token = match?.[1];
  return token && token.startsWith(TOKEN_PREFIX) && token.length <= 200 ? token : null;
}

export interface TokenState {
  kind: "SESSION" | "PERSONAL";
  sessionVersion: number;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** when the token was last used (written at most once a minute); null until its first use */
  lastUsedAt?: Date | null;
  createdAt?: Date;
}

/**
 * May the token be used at `at`? Not revoked, not expired, and — a session token — still of the
 * user's current session version and used within the idle limit of signed-in sessions (30 minutes
 * without a request ends it, as it ends a cookie session). Personal tokens of system accounts keep
 * their explicit expiry only.
 */
export function isTokenUsable(
  token: TokenState,
  user: { sessionVersion: number },
  at: Date,
  idleMinutes = DEFAULT_SESSION_LIMITS.idleMinutes,
): boolean {
  if (token.revokedAt) return false;
  if (token.expiresAt && token.expiresAt.getTime() <= at.getTime()) return false;
  if (token.kind === "SESSION") {
    const lastActive = token.lastUsedAt ?? token.createdAt;
    if (lastActive && at.getTime() - lastActive.getTime() >= idleMinutes * 60_000) return false;
  }
  // a password change, role change or disable ends session tokens as it ends sessions
  return token.kind !== "SESSION" || token.sessionVersion === user.sessionVersion;
}
