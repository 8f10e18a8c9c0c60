import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { can, readActionOf, type Action, type Target } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/prisma";
import { recordAudit, type AuditEntry } from "./audit";
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PasswordChangeRequiredError,
  TotpSetupRequiredError,
  ValidationError,
} from "./errors";
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
  /** SUCCESS unless the action ran and refused its input as a whole (a rejected import: FAILURE) */
  result?: "SUCCESS" | "FAILURE";
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

const idOf = (input: unknown) =>
  input && typeof input === "object" && "id" in input ? String((input as { id: unknown }).id).slice(0, 100) : null;

/** A refused action is audited too (SECURITY.md 17), outside the rolled-back transaction. */
async function recordDenied(actor: Actor, name: string, error: AppError, input: unknown) {
  await recordAudit(db, {
    ...auditBase(actor),
    event: name,
    result: "DENIED",
    targetId: idOf(input),
    detail: `${error.status} ${error.name}`,
  });
}

/** Bookkeeping of an edit, not something the user changed. */
const NOT_EDITED = new Set(["id", "version", "expectedVersion", "updatedAt", "reason", "force", "file"]);

/**
 * The fields a stale edit tried to change: those whose value differs from the record as it now
 * stands (when the conflict carries it), else every field the edit sent.
 */
export function conflictFields(input: unknown, current: unknown): string[] {
  if (!input || typeof input !== "object") return [];
  const sent = Object.keys(input).filter((key) => !NOT_EDITED.has(key) && (input as Record<string, unknown>)[key] !== undefined);
  const records = [current, ...(current && typeof current === "object" ? Object.values(current) : [])].filter(
    (value): value is Record<string, unknown> => Boolean(value) && typeof value === "object" && !Array.isArray(value),
  );
  const now = records.find((record) => sent.some((key) => key in record));
  if (!now) return sent;
  // the record's side is read in the shape the edit sent: milestones without their ids, etc.
  const shaped = (stored: unknown, sentValue: unknown): unknown => {
    if (Array.isArray(stored) && Array.isArray(sentValue))
      return stored.map((item, index) => shaped(item, sentValue[index] ?? sentValue[0]));
    if (stored && sentValue && typeof stored === "object" && typeof sentValue === "object" && !Array.isArray(stored))
      return Object.fromEntries(Object.keys(sentValue).map((key) => [key, (stored as Record<string, unknown>)[key] ?? null]));
    return stored;
  };
  const same = (stored: unknown, sentValue: unknown) =>
    JSON.stringify(shaped(stored, sentValue) ?? null) === JSON.stringify(sentValue ?? null);
  const differing = sent.filter((key) => key in now && !same(now[key], (input as Record<string, unknown>)[key]));
  return differing.length ? differing : sent;
}

/** A 409 leaves a CONFLICT row naming the fields that were not saved (SECURITY.md 17, 19). */
async function recordConflict(actor: Actor, name: string, error: ConflictError, input: unknown) {
  const fields = conflictFields(input, error.current).slice(0, 30);
  await recordAudit(db, {
    ...auditBase(actor),
    event: name,
    result: "CONFLICT",
    targetId: idOf(input),
    detail: fields.length ? `409 ConflictError; fields: ${fields.join(", ")}` : "409 ConflictError",
  });
}

/**
 * A read of one record by id (a page, an API call): a refusal — no such record, or one outside
 * the reader's scope — leaves a DENIED row with the request id, so probing ids shows in the log.
 */
export async function readAudited<T>(
  actor: Actor,
  what: { event: string; targetType: string; id: string },
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof NotFoundError) {
      await recordAudit(db, {
        ...auditBase(actor),
        event: what.event,
        result: "DENIED",
        targetType: what.targetType,
        targetId: what.id.slice(0, 100),
        detail: `${error.status} ${error.name}`,
      });
    }
    throw error;
  }
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
            result: audit.result,
          });
          return result;
        },
        definition.timeoutMs ? { timeout: definition.timeoutMs, maxWait: 10_000 } : undefined,
      );
    } catch (error) {
      if (error instanceof ForbiddenError || error instanceof NotFoundError) await recordDenied(actor, definition.name, error, input);
      // the fields as the editor sent them (dates as typed), compared with the record as it now is
      if (error instanceof ConflictError) await recordConflict(actor, definition.name, error, raw);
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
