import "server-only";
import { db } from "@/lib/db/client";
import type { DbClient } from "@/lib/db/prisma";

// Fixed-window rate limits kept in PostgreSQL (table "RateLimitBucket"), so every app instance
// counts against the same bucket (SECURITY.md 15). A window opens with the first hit on a key
// and lasts `windowSeconds`; refused hits still count but never extend the window.

export interface RateLimitResult {
  allowed: boolean;
  /** hits left in the current window */
  remaining: number;
  /** 0 when allowed; otherwise whole seconds until the window closes (≥ 1) */
  retryAfterSeconds: number;
}

export interface BucketState {
  windowStart: Date;
  count: number;
}

/** The verdict for a bucket after this hit was counted. Pure. */
export function verdict(bucket: BucketState, limit: number, windowSeconds: number, now: Date): RateLimitResult {
  const allowed = bucket.count <= limit;
  const closesAt = bucket.windowStart.getTime() + windowSeconds * 1000;
  return {
    allowed,
    remaining: Math.max(0, limit - bucket.count),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((closesAt - now.getTime()) / 1000)),
  };
}

/**
 * Counts one hit on `key` and says whether it is within `limit` hits per `windowSeconds`.
 * One atomic upsert: concurrent hits from several instances each see their own count.
 */
export async function consume(
  key: string,
  limit: number,
  windowSeconds: number,
  now: Date,
  client: DbClient = db,
): Promise<RateLimitResult> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be a positive integer");
  if (!Number.isFinite(windowSeconds) || windowSeconds <= 0) throw new RangeError("windowSeconds must be positive");
  // A window that opened at or before this instant has closed.
  const expiredBefore = new Date(now.getTime() - windowSeconds * 1000);
  const rows = await client.$queryRaw<BucketState[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count")
    VALUES (${key}, ${now}::timestamptz, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" <= ${expiredBefore}::timestamptz
                           THEN EXCLUDED."windowStart" ELSE "RateLimitBucket"."windowStart" END,
      "count" = CASE WHEN "RateLimitBucket"."windowStart" <= ${expiredBefore}::timestamptz
                     THEN 1 ELSE LEAST("RateLimitBucket"."count", 2147483646) + 1 END
    RETURNING "windowStart", "count"`;
  const bucket = rows[0];
  if (!bucket) throw new Error("rate-limit upsert returned no row");
  return verdict({ windowStart: new Date(bucket.windowStart), count: Number(bucket.count) }, limit, windowSeconds, now);
}

/**
 * Whether one more hit on `key` would be within the limit, without counting it: for limits that
 * count only some outcomes (failed sign-ins), checked before the attempt and `consume`d after it.
 */
export async function peek(key: string, limit: number, windowSeconds: number, now: Date, client: DbClient = db): Promise<RateLimitResult> {
  const expiredBefore = new Date(now.getTime() - windowSeconds * 1000);
  const rows = await client.$queryRaw<BucketState[]>`SELECT "windowStart", "count" FROM "RateLimitBucket" WHERE "key" = ${key}`;
  const bucket = rows[0];
  if (!bucket || new Date(bucket.windowStart).getTime() <= expiredBefore.getTime())
    return { allowed: true, remaining: limit, retryAfterSeconds: 0 };
  return verdict({ windowStart: new Date(bucket.windowStart), count: Number(bucket.count) + 1 }, limit, windowSeconds, now);
}
