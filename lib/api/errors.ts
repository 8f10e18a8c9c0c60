// The API's one error shape: { "error": { "code", "message", "fields"? } }, in the caller's language.
import { z } from "zod";
import type { Locale } from "@/lib/i18n/config";
import { createTranslator, lookup, messagesFor, type MessageKey } from "@/lib/i18n/translate";
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PasswordChangeRequiredError,
  RateLimitedError,
  TotpSetupRequiredError,
  UnauthorizedError,
  ValidationError,
  type FieldErrors,
} from "@/lib/server/errors";

export const ERROR_CODES = [
  "MALFORMED_JSON",
  "UNAUTHORIZED",
  "TOTP_REQUIRED",
  "FORBIDDEN",
  "PASSWORD_CHANGE_REQUIRED",
  "TOTP_SETUP_REQUIRED",
  "NOT_FOUND",
  "CONFLICT",
  "VALIDATION_FAILED",
  "RATE_LIMITED",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional().meta({ description: "字段 → 该字段的错误提示" }),
    }),
  })
  .meta({ id: "Error" });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** What each status means, for the OpenAPI document. */
export const STATUS_DESCRIPTIONS: Record<number, string> = {
  400: "请求体不是合法的 JSON",
  401: "未提供令牌、令牌无效或已过期，或用户名密码错误",
  403: "无权执行此操作",
  404: "记录不存在或不在调用者的范围内",
  409: "记录已被他人修改（version 已过期）",
  422: "参数校验未通过，fields 给出每个字段的提示",
  429: "请求过于频繁，Retry-After 给出等待秒数",
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly messageKey: MessageKey,
    readonly fields?: FieldErrors,
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

export const malformedJson = () => new ApiError(400, "MALFORMED_JSON", "api.errors.malformedJson");

function codeOf(error: AppError): ErrorCode {
  if (error instanceof UnauthorizedError) return "UNAUTHORIZED";
  if (error instanceof PasswordChangeRequiredError) return "PASSWORD_CHANGE_REQUIRED";
  if (error instanceof TotpSetupRequiredError) return "TOTP_SETUP_REQUIRED";
  if (error instanceof ForbiddenError) return "FORBIDDEN";
  if (error instanceof NotFoundError) return "NOT_FOUND";
  if (error instanceof ConflictError) return "CONFLICT";
  if (error instanceof ValidationError) return "VALIDATION_FAILED";
  if (error instanceof RateLimitedError) return "RATE_LIMITED";
  return error.status === 401 ? "UNAUTHORIZED" : error.status === 404 ? "NOT_FOUND" : error.status === 409 ? "CONFLICT" : "FORBIDDEN";
}

/** An expected error of the services or of the API layer as it goes out, or null for an unexpected one. */
export function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (!(error instanceof AppError)) return null;
  const headers: Record<string, string> = {};
  if (error instanceof RateLimitedError) headers["Retry-After"] = String(error.retryAfterSeconds);
  if (error instanceof UnauthorizedError) headers["WWW-Authenticate"] = 'Bearer realm="api"';
  return new ApiError(
    error.status,
    codeOf(error),
    error.messageKey,
    error instanceof ValidationError ? error.fieldErrors : undefined,
    headers,
  );
}

export function errorBody(error: ApiError, locale: Locale, values?: Record<string, string>): ErrorBody {
  const messages = messagesFor(locale);
  const t = createTranslator(messages);
  // field messages are catalogue keys; anything else (already a text) is shown as given
  const translate = (key: string) => (typeof lookup(messages, key) === "string" ? t(key as MessageKey) : key);
  const body: ErrorBody = { error: { code: error.code, message: t(error.messageKey, values) } };
  if (error.fields && Object.keys(error.fields).length)
    body.error.fields = Object.fromEntries(
      Object.entries(error.fields).map(([field, keys]) => [field, [...new Set(keys.map(translate))].join(locale === "en" ? "; " : "；")]),
    );
  return body;
}

/** The caller's language from Accept-Language: English when it prefers English to Chinese, else Chinese. */
export function localeOf(acceptLanguage: string | null): Locale {
  if (!acceptLanguage) return "zh-CN";
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...options] = part.trim().split(";");
      const q = options.map((option) => /^\s*q=([0-9.]+)\s*$/.exec(option)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const first = ranked.find((entry) => entry.tag === "*" || entry.tag.startsWith("zh") || entry.tag.startsWith("en"));
  return first?.tag.startsWith("en") ? "en" : "zh-CN";
}
