// Session lifetimes (SECURITY.md 4). Pure, so the rule is tested with a controlled clock.

export interface SessionTimes {
  /** when the user signed in (seconds since the epoch) */
  authTime: number;
  /** the last request that refreshed the session (seconds since the epoch) */
  lastSeen: number;
}

export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMinutes: 30, maxHours: 12 };

export type SessionState = "active" | "idle" | "expired";

export function sessionState(times: SessionTimes, nowSeconds: number, limits: SessionLimits = DEFAULT_SESSION_LIMITS): SessionState {
  if (nowSeconds - times.authTime >= limits.maxHours * 3600) return "expired";
  if (nowSeconds - times.lastSeen >= limits.idleMinutes * 60) return "idle";
  return "active";
}

/** Refreshing the cookie on every request is wasteful; once a minute keeps the idle clock honest. */
export const REFRESH_AFTER_SECONDS = 60;
