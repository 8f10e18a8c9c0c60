import { z } from "zod";

export const signInSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
  totp: z
    .string()
    .trim()
    .max(12)
    .optional()
    .transform((value) => value || undefined),
});

/** The error codes the sign-in endpoint may answer with; the form shows each in the user's language. */
export const SIGN_IN_ERRORS = {
  rate_limited: "RATE_LIMITED",
  totp_required: "TOTP_REQUIRED",
  totp_invalid: "TOTP_INVALID",
  no_role: "NO_ROLE",
} as const;
