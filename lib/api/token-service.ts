import "server-only";
import { actorOfUser, type Actor } from "@/lib/auth/load-actor";
import { ADMIN_ROLES } from "@/lib/auth/permissions";
import { signInWithPassword, type SignInResult } from "@/lib/auth/service";
import { db } from "@/lib/db/client";
import { auditBase, defineServiceAction } from "@/lib/server/action";
import { recordAudit } from "@/lib/server/audit";
import { now } from "@/lib/server/clock";
import type { RequestContext } from "@/lib/server/context";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { fieldErrorsOf } from "@/lib/server/validation";
import { userInCommittee } from "@/lib/users/service";
import { createApiTokenSchema, revokeApiTokenSchema, sessionRequestSchema } from "./token-schemas";
import { bearerToken, hashToken, isTokenUsable, newToken, SESSION_TOKEN_HOURS } from "./tokens";

const TOKEN = "ApiToken";
/** lastUsedAt is written at most this often per token */
const TOUCH_AFTER_MS = 60_000;

export interface ApiCaller {
  actor: Actor;
  tokenId: string;
  tokenKind: "SESSION" | "PERSONAL";
}

/** The caller behind an `Authorization: Bearer …` header, or null (absent, unknown, expired, revoked, user disabled). */
export async function callerOfBearer(header: string | null, context: RequestContext): Promise<ApiCaller | null> {
  const token = bearerToken(header);
  if (!token) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      kind: true,
      userId: true,
      committeeId: true,
      sessionVersion: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      createdAt: true,
      user: { select: { sessionVersion: true } },
    },
  });
  const at = now();
  if (!row || !isTokenUsable(row, row.user, at)) return null;
  const actor = await actorOfUser(row.userId, context, row.kind === "SESSION" ? { sessionVersion: row.sessionVersion } : {});
  // a token acts only in the committee it was issued in (a user with grants elsewhere gets no further)
  if (!actor || actor.committeeId !== row.committeeId) return null;
  if (!row.lastUsedAt || at.getTime() - row.lastUsedAt.getTime() > TOUCH_AFTER_MS)
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: at } });
  return { actor, tokenId: row.id, tokenKind: row.kind };
}

export type SessionResult =
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; reason: Exclude<SignInResult, { ok: true }>["reason"] | "invalid_input"; fields?: Record<string, string[]> };

/**
 * POST /api/v1/session: the same sign-in as the login page (lockout, per-IP limit, second factor,
 * every attempt audited), answered with a session token instead of a cookie.
 */
export async function openApiSession(raw: unknown, context: RequestContext): Promise<SessionResult> {
  const parsed = sessionRequestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid_input", fields: fieldErrorsOf(parsed.error) };
  const signIn = await signInWithPassword(parsed.data, context);
  if (!signIn.ok) return signIn;
  const user = await db.user.findUniqueOrThrow({
    where: { id: signIn.user.id },
    select: { unitId: true, roleAssignments: { select: { committeeId: true }, take: 1, orderBy: { createdAt: "asc" } } },
  });
  const committeeId = user.roleAssignments[0]?.committeeId;
  if (!committeeId) return { ok: false, reason: "no_role" };
  const { token, hash, prefix } = newToken();
  const at = now();
  const expiresAt = new Date(at.getTime() + SESSION_TOKEN_HOURS * 3600_000);
  await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        committeeId,
        userId: signIn.user.id,
        kind: "SESSION",
        tokenHash: hash,
        prefix,
        sessionVersion: signIn.user.sessionVersion,
        expiresAt,
        createdById: signIn.user.id,
        // the app's clock, not the database's: the idle limit is measured from here (a run with a
        // pinned clock would otherwise see a token issued in the future or long ago)
        createdAt: at,
        lastUsedAt: at,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      event: "api.session.open",
      committeeId,
      actorId: signIn.user.id,
      actorName: signIn.user.name,
      unitId: user.unitId,
      ip: context.ip,
      userAgent: context.userAgent,
      requestId: context.requestId,
      targetType: TOKEN,
      targetId: row.id,
      detail: `expires ${expiresAt.toISOString()}`,
    });
  });
  return { ok: true, token, expiresAt };
}

/** DELETE /api/v1/session: the caller's own session token stops working. */
export async function closeApiSession(caller: ApiCaller): Promise<void> {
  if (caller.tokenKind !== "SESSION") throw new ValidationError({ _form: ["api.validation.notSessionToken"] });
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: caller.tokenId }, data: { revokedAt: now(), revokedById: caller.actor.userId } });
    await recordAudit(tx, { ...auditBase(caller.actor), event: "api.session.close", targetType: TOKEN, targetId: caller.tokenId });
  });
}

/** An administrator issues a long-lived token for a (system) user of the committee; the token is returned once. */
export const createApiToken = defineServiceAction({
  name: "apiToken.create",
  permission: "user:write",
  input: createApiTokenSchema,
  async load(tx, actor, input) {
    const user = await tx.user.findFirst({
      where: { id: input.userId, ...userInCommittee(actor.committee.id) },
      select: {
        id: true,
        username: true,
        disabledAt: true,
        roleAssignments: { select: { role: true, committeeId: true } },
      },
    });
    if (!user) throw new NotFoundError();
    return { committeeId: actor.committee.id, user };
  },
  async run({ tx, actor, input, target: { user } }) {
    if (user.id === actor.userId || user.roleAssignments.some((grant) => ADMIN_ROLES.includes(grant.role))) throw new ForbiddenError();
    if (user.disabledAt) throw new ValidationError({ userId: ["api.validation.userDisabled"] });
    // an administrator anywhere (三员) gets no token; a user needs a role in this committee
    if (!user.roleAssignments.some((grant) => grant.committeeId === actor.committee.id))
      throw new ValidationError({ userId: ["api.validation.userHasNoRole"] });
    const { token, hash, prefix } = newToken();
    const issuedAt = now();
    const expiresAt = new Date(issuedAt.getTime() + input.expiresInDays * 86_400_000);
    const row = await tx.apiToken.create({
      data: {
        committeeId: actor.committee.id,
        userId: user.id,
        kind: "PERSONAL",
        name: input.name,
        tokenHash: hash,
        prefix,
        sessionVersion: 0,
        expiresAt,
        createdById: actor.userId,
        createdAt: issuedAt,
      },
      select: { id: true },
    });
    return {
      result: { id: row.id, token, prefix, expiresAt: expiresAt.toISOString() },
      audit: {
        targetType: TOKEN,
        targetId: row.id,
        changes: { userId: [null, user.id], name: [null, input.name], prefix: [null, prefix], expiresAt: [null, expiresAt.toISOString()] },
        detail: `for ${user.username}`,
      },
    };
  },
});

export const revokeApiToken = defineServiceAction({
  name: "apiToken.revoke",
  permission: "user:write",
  input: revokeApiTokenSchema,
  async load(tx, actor, input) {
    const token = await tx.apiToken.findFirst({
      where: { id: input.id, committeeId: actor.committee.id, kind: "PERSONAL" },
      select: { id: true, committeeId: true, revokedAt: true, prefix: true },
    });
    if (!token) throw new NotFoundError();
    return { committeeId: token.committeeId, token };
  },
  async run({ tx, actor, target: { token } }) {
    const at = now();
    if (!token.revokedAt) await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: at, revokedById: actor.userId } });
    return {
      result: { id: token.id },
      audit: {
        targetType: TOKEN,
        targetId: token.id,
        changes: token.revokedAt ? undefined : { revokedAt: [null, at.toISOString()] },
        detail: token.prefix,
      },
    };
  },
});
