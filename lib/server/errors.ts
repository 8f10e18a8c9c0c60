// Expected errors, each with its HTTP status and a message key the user sees in their language.
// Anything else is unexpected: logged with a request id and shown as a generic message.
import type { MessageKey } from "@/lib/i18n/translate";

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: MessageKey,
    message?: string,
  ) {
    super(message ?? messageKey);
    this.name = new.target.name;
  }
}

export class UnauthorizedError extends AppError {
  constructor() {
    super(401, "errors.unauthorized");
  }
}

export class ForbiddenError extends AppError {
  constructor() {
    super(403, "errors.forbidden");
  }
}

export class NotFoundError extends AppError {
  constructor() {
    super(404, "errors.notFound");
  }
}

export class ConflictError extends AppError {
  constructor(readonly current?: unknown) {
    super(409, "errors.conflict");
  }
}

/** Bad input: field → messages (already in the user's language where the schema provides them). */
export class ValidationError extends AppError {
  constructor(readonly fieldErrors: FieldErrors) {
    super(422, "errors.invalid");
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, "errors.rateLimited");
  }
}

/** The user must change their password before doing anything else (SECURITY.md 1–2). */
export class PasswordChangeRequiredError extends AppError {
  constructor() {
    super(403, "errors.passwordChangeRequired");
  }
}

/** An administrator must enrol a second factor first (SECURITY.md 6, when the committee requires it). */
export class TotpSetupRequiredError extends AppError {
  constructor() {
    super(403, "errors.totpSetupRequired");
  }
}
