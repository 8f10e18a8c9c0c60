import { z } from "zod";

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "validation.required").max(256),
    newPassword: z.string().min(1, "validation.required").max(256),
    confirmPassword: z.string().min(1, "validation.required").max(256),
  })
  .strict()
  .refine((value) => value.newPassword === value.confirmPassword, { path: ["confirmPassword"], message: "validation.passwordMismatch" });

export const enableTotpSchema = z
  .object({
    secret: z.string().regex(/^[A-Z2-7]{16,64}$/, "validation.invalid"),
    code: z.string().regex(/^\d{6}$/, "validation.invalid"),
  })
  .strict();

export const disableTotpSchema = z.object({ currentPassword: z.string().min(1, "validation.required").max(256) }).strict();
