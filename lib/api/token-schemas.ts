// Inputs of the API token services; messages are catalogue keys. No server code here.
import { z } from "zod";
import { idField, nameField } from "@/lib/validation/fields";
import { PERSONAL_TOKEN_DEFAULT_DAYS, PERSONAL_TOKEN_MAX_DAYS } from "./tokens";

export const createApiTokenSchema = z
  .object({
    userId: idField,
    name: nameField(60),
    expiresInDays: z
      .number("validation.invalid")
      .int("validation.invalid")
      .min(1, "validation.tooSmall")
      .max(PERSONAL_TOKEN_MAX_DAYS, "validation.tooBig")
      .default(PERSONAL_TOKEN_DEFAULT_DAYS),
  })
  .strict();

export const revokeApiTokenSchema = z.object({ id: idField }).strict();

export const sessionRequestSchema = z
  .object({
    username: z
      .string("validation.required")
      .trim()
      .min(1, "validation.required")
      .max(64, "validation.tooBig")
      .meta({ description: "用户名" }),
    password: z.string("validation.required").min(1, "validation.required").max(256, "validation.tooBig").meta({ description: "密码" }),
    totp: z
      .string()
      .regex(/^\d{6}$/, "validation.invalid")
      .optional()
      .meta({ description: "6 位动态验证码（已启用双因素认证的账号）" }),
  })
  .strict();

export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;
