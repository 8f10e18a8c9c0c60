// Inputs of the user and role services. Shared by the forms, the actions and the services.
import { z } from "zod";
import { Role } from "@/lib/db/generated/enums";
import { idField, nameField, optionalTextField, versionField } from "@/lib/validation/fields";

export const ROLES = Object.values(Role);

const id = idField;
const version = versionField;
const name = nameField(50);
const optionalText = optionalTextField;
const email = optionalText(200).refine((value) => value === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), "validation.invalid");
const phone = optionalText(30).refine((value) => value === null || /^[0-9+\-() ]{5,30}$/.test(value), "validation.invalid");
/** Checked against the committee's password policy by the service (lib/auth/password-policy). */
const password = z.string().min(1, "validation.required").max(128, "validation.passwordTooLong");

export const createUserSchema = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, "validation.required")
      .max(32, "validation.tooBig")
      .regex(/^[a-z0-9][a-z0-9_.-]{2,31}$/, "validation.invalid"),
    name,
    unitId: id,
    email,
    phone,
    password,
  })
  .strict();

export const updateUserSchema = z.object({ id, name, unitId: id, email, phone, version }).strict();

export const userStateSchema = z.object({ id, version }).strict();

export const resetPasswordSchema = z.object({ id, password, version }).strict();

export const grantRoleSchema = z
  .object({
    userId: id,
    role: z.enum(Role, "validation.required"),
    unitId: id
      .nullish()
      .or(z.literal(""))
      .transform((value) => value || null),
    groupId: id
      .nullish()
      .or(z.literal(""))
      .transform((value) => value || null),
  })
  .strict()
  .superRefine((input, context) => {
    const needsUnit = input.role === "UNIT_REPORTER";
    const needsGroup = input.role === "GROUP_LIAISON";
    if (needsUnit && !input.unitId) context.addIssue({ code: "custom", path: ["unitId"], message: "validation.required" });
    if (!needsUnit && input.unitId) context.addIssue({ code: "custom", path: ["unitId"], message: "validation.unknownField" });
    if (needsGroup && !input.groupId) context.addIssue({ code: "custom", path: ["groupId"], message: "validation.required" });
    if (!needsGroup && input.groupId) context.addIssue({ code: "custom", path: ["groupId"], message: "validation.unknownField" });
  });

export const revokeRoleSchema = z.object({ id }).strict();

export type CreateUserInput = z.input<typeof createUserSchema>;
export type GrantRoleInput = z.input<typeof grantRoleSchema>;
