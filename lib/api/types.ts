// Plain data shapes the API token pages hand to their client components (no server code here).

/** A long-lived token as its user's admin page lists it: never the token itself. */
export interface ApiTokenRow {
  id: string;
  name: string | null;
  prefix: string;
  createdAt: string;
  createdByName: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
