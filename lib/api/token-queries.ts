import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { authorizeRead } from "@/lib/server/action";
import type { ApiTokenRow } from "./types";

export type { ApiTokenRow };

/** A user's long-lived API tokens (never the tokens themselves), newest first, for the user's admin page. */
export async function listApiTokens(actor: Actor, userId: string): Promise<ApiTokenRow[]> {
  authorizeRead(actor, "user:read");
  const rows = await db.apiToken.findMany({
    where: { committeeId: actor.committee.id, userId, kind: "PERSONAL" },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, name: true, prefix: true, createdAt: true, createdById: true, expiresAt: true, lastUsedAt: true, revokedAt: true },
  });
  const creators = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((row) => row.createdById).filter((id): id is string => Boolean(id)))] } },
    select: { id: true, name: true },
  });
  const names = new Map(creators.map((user) => [user.id, user.name]));
  const iso = (value: Date | null) => (value ? value.toISOString() : null);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdById ? (names.get(row.createdById) ?? null) : null,
    expiresAt: iso(row.expiresAt),
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
  }));
}
