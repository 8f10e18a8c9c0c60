import "server-only";
import { z } from "zod";
import { IP_WINDOW_SECONDS } from "@/lib/auth/limits";
import { ApiError } from "../errors";
import { defineEndpoint } from "../endpoint";
import { closeApiSession, openApiSession } from "../token-service";
import { sessionRequestSchema } from "../token-schemas";

const TAG = "认证";

export const sessionBodySchema = sessionRequestSchema.meta({
  id: "SessionRequest",
  description: "与登录页相同的账号密码；启用了动态验证码的账号还须提供 totp。连续输错会锁定账号。",
});

export const sessionSchema = z
  .object({
    token: z.string().meta({ description: "放在请求头 Authorization: Bearer <token> 中" }),
    tokenType: z.literal("Bearer"),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: "Session" });

export const openSessionEndpoint = defineEndpoint({
  method: "POST",
  path: "/session",
  operationId: "openSession",
  tag: TAG,
  summary: "用账号密码换取会话令牌（12 小时有效）",
  description: "令牌代表该用户：角色和数据范围与其在门户中相同。修改密码、调整角色或停用账号后，令牌立即失效。",
  auth: "none",
  body: sessionBodySchema,
  response: sessionSchema,
  errors: [400, 401, 403, 422, 429],
  async handle({ body, context }) {
    const result = await openApiSession(body, context);
    if (result.ok) return { token: result.token, tokenType: "Bearer" as const, expiresAt: result.expiresAt.toISOString() };
    switch (result.reason) {
      case "rate_limited":
        throw new ApiError(429, "RATE_LIMITED", "login.rateLimited", undefined, { "Retry-After": String(IP_WINDOW_SECONDS) });
      case "totp_required":
        throw new ApiError(401, "TOTP_REQUIRED", "api.errors.totpRequired");
      case "totp_invalid":
        throw new ApiError(401, "UNAUTHORIZED", "login.totpInvalid");
      case "no_role":
        throw new ApiError(403, "FORBIDDEN", "api.errors.noRole");
      case "invalid_input":
        throw new ApiError(422, "VALIDATION_FAILED", "errors.invalid", result.fields);
      default:
        throw new ApiError(401, "UNAUTHORIZED", "login.invalid");
    }
  },
});

export const closeSessionEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/session",
  operationId: "closeSession",
  tag: TAG,
  summary: "注销当前会话令牌",
  auth: "bearer",
  response: z.object({ revoked: z.literal(true) }).meta({ id: "SessionClosed" }),
  errors: [401, 422, 429],
  async handle({ caller }) {
    await closeApiSession(caller);
    return { revoked: true as const };
  },
});
