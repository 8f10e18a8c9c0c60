import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { can, readActionOf, type Action, type Target } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/prisma";
import { recordAudit, type AuditEntry } from "./audit";
import { AppError, ForbiddenError, NotFoundError, PasswordChangeRequiredError, TotpSetupRequiredError, ValidationError } from "./errors";
import { fieldErrorsOf, unstorableTextErrors } from "./validation";

export type Tx = Prisma.TransactionClient;

export interface ActionContext<Input, T extends Target> {
  tx: Tx;
  actor: Actor;
  input: Input;
  target: T;
}

/** What a write did, for its one audit row. */
export interface AuditOf {
  targetType: string;
  targetId: string | null;
  committeeId?: string;
  changes?: AuditEntry["changes"];
  detail?: string;
}

export interface ActionDefinition<Schema extends z.ZodType, T extends Target, R> {
  /** dotted name, also the audit event: "unit.create" */
  name: string;
  permission: Action;
  input: Schema;
  /** Loads the record acted on, scoped to what the actor may see; throws NotFoundError otherwise. */
  load?: (tx: Tx, actor: Actor, input: z.infer<Schema>) => Promise<T>;
  run: (context: ActionContext<z.infer<Schema>, T>) => Promise<{ result: R; audit: AuditOf }>;
  /** for long writes such as imports; Prisma's default is 5 s */
  timeoutMs?: number;
  /** the set-up actions themselves stay open while a password change or TOTP enrolment is owed */
  allowDuringPasswordChange?: boolean;
  allowDuringTotpSetup?: boolean;
}

export type ServiceAction<R = unknown> = ((actor: Actor, raw: unknown) => Promise<R>) & {
  definition: ActionDefinition<z.ZodType, Target, R>;
};

/** Every defined action, for the permission-matrix and audit tests. */
export const SERVICE_ACTIONS: ServiceAction[] = [];

/** Who did it, from where: the common part of every audit row written for an actor. */
export function auditBase(actor: Actor) {
  return {
    committeeId: actor.committee.id,
    actorId: actor.userId,
    actorName: actor.name,
    unitId: actor.unit?.id ?? null,
    ip: actor.context.ip,
    userAgent: actor.context.userAgent,
    requestId: actor.context.requestId,
  };
}

/** A refused action is audited too (SECURITY.md 17), outside the rolled-back transaction. */
async function recordDenied(actor: Actor, name: string, error: AppError, input: unknown) {
  const id = input && typeof input === "object" && "id" in input ? String((input as { id: unknown }).id) : null;
  await recordAudit(db, { ...auditBase(actor), event: name, result: "DENIED", targetId: id, detail: `${error.status} ${error.name}` });
}

/**
 * The one safe way to write (STYLE.md habit 2): parse the input → in one transaction, load the
 * record within the actor's scope and authorize on it → run → append exactly one audit row.
 * A record the actor may not see is NotFound (404); one they may see but not change, Forbidden (403).
 */
export function defineServiceAction<Schema extends z.ZodType, T extends Target, R>(
  definition: ActionDefinition<Schema, T, R>,
): ServiceAction<R> {
  const action = async (actor: Actor, raw: unknown): Promise<R> => {
    if (actor.passwordChangeRequired && !definition.allowDuringPasswordChange) throw new PasswordChangeRequiredError();
    if (actor.totpSetupRequired && !definition.allowDuringTotpSetup) throw new TotpSetupRequiredError();
    const unstorable = unstorableTextErrors(raw);
    if (Object.keys(unstorable).length) throw new ValidationError(unstorable);
    const parsed = definition.input.safeParse(raw);
    if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
    const input = parsed.data as z.infer<Schema>;
    try {
      // A role that may not do this anywhere is refused before any record is looked up: 403, the
      // same answer whatever the input names, so it tells nothing about other records.
      if (!can(actor, definition.permission)) throw new ForbiddenError();
      return await db.$transaction(
        async (tx) => {
          const target = definition.load ? await definition.load(tx, actor, input) : ({ committeeId: actor.committee.id } as T);
          if (!can(actor, definition.permission, target)) {
            throw can(actor, readActionOf(definition.permission), target) ? new ForbiddenError() : new NotFoundError();
          }
          const { result, audit } = await definition.run({ tx, actor, input, target });
          await recordAudit(tx, {
            ...auditBase(actor),
            committeeId: audit.committeeId ?? target.committeeId,
            event: definition.name,
            targetType: audit.targetType,
            targetId: audit.targetId,
            changes: audit.changes,
            detail: audit.detail,
          });
          return result;
        },
        definition.timeoutMs ? { timeout: definition.timeoutMs, maxWait: 10_000 } : undefined,
      );
    } catch (error) {
      if (error instanceof ForbiddenError || error instanceof NotFoundError) await recordDenied(actor, definition.name, error, input);
      throw error;
    }
  };
  const service = Object.assign(action, { definition }) as unknown as ServiceAction<R>;
  SERVICE_ACTIONS.push(service as ServiceAction);
  return service;
}

/** For reads: the same matrix, no audit row (exports and downloads audit themselves). */
export function authorizeRead(actor: Actor, permission: Action, target?: Target): void {
  if (actor.passwordChangeRequired) throw new PasswordChangeRequiredError();
  if (actor.totpSetupRequired) throw new TotpSetupRequiredError();
  if (!can(actor, permission, target))
    throw target && can(actor, readActionOf(permission), target) ? new ForbiddenError() : new NotFoundError();
}

/** Old → new for the fields that changed. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    const old = before[key];
    const same = old instanceof Date && value instanceof Date ? old.getTime() === value.getTime() : old === value;
    if (!same && value !== undefined) changes[key] = [old ?? null, value ?? null];
  }
  return changes;
}
