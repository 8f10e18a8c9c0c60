"use client";

import { KeyRound, Pencil, Plus, ShieldPlus, UserCheck, UserX } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { Role } from "@/lib/db/generated/enums";
import { useI18n } from "@/lib/i18n/client";
import {
  createUserAction,
  disableUserAction,
  enableUserAction,
  grantRoleAction,
  resetUserPasswordAction,
  revokeRoleAction,
  updateUserAction,
} from "@/lib/users/actions";
import { ActionDialog, ConfirmDialog, SelectField, smallButton, text, TextField } from "./form-kit";

export interface Choice {
  value: string;
  label: string;
}

export function CreateUserButton({ units }: { units: Choice[] }) {
  const { t } = useI18n();
  return (
    <ActionDialog
      title={t("admin.users.create")}
      description={t("admin.users.createHint")}
      trigger={
        <Button data-testid="admin-create-user">
          <Plus className="size-4" aria-hidden />
          {t("admin.users.create")}
        </Button>
      }
      onSubmit={(form) =>
        createUserAction({
          username: text(form, "username"),
          name: text(form, "name"),
          unitId: text(form, "unitId"),
          email: text(form, "email"),
          phone: text(form, "phone"),
          password: text(form, "password"),
        })
      }
    >
      {(errors) => (
        <>
          <TextField
            name="username"
            label={t("admin.users.username")}
            hint={t("admin.users.usernameHint")}
            errors={errors.username}
            required
          />
          <TextField name="name" label={t("admin.users.name")} errors={errors.name} required />
          <SelectField
            name="unitId"
            label={t("admin.users.unit")}
            options={units}
            placeholder={t("admin.common.select")}
            errors={errors.unitId}
            required
          />
          <TextField name="email" type="email" label={t("admin.users.email")} errors={errors.email} />
          <TextField name="phone" type="tel" label={t("admin.users.phone")} errors={errors.phone} />
          <TextField
            name="password"
            type="password"
            autoComplete="new-password"
            label={t("admin.users.password")}
            hint={t("admin.users.passwordHint")}
            errors={errors.password}
            required
          />
        </>
      )}
    </ActionDialog>
  );
}

export interface EditableUser {
  id: string;
  name: string;
  unitId: string | null;
  email: string | null;
  phone: string | null;
  version: number;
}

export function EditUserButton({ user, units }: { user: EditableUser; units: Choice[] }) {
  const { t } = useI18n();
  return (
    <ActionDialog
      title={t("admin.users.editTitle")}
      trigger={
        <Button variant="secondary" className={smallButton}>
          <Pencil className="size-3.5" aria-hidden />
          {t("admin.common.edit")}
        </Button>
      }
      onSubmit={(form) =>
        updateUserAction({
          id: user.id,
          name: text(form, "name"),
          unitId: text(form, "unitId"),
          email: text(form, "email"),
          phone: text(form, "phone"),
          version: user.version,
        })
      }
    >
      {(errors) => (
        <>
          <TextField name="name" label={t("admin.users.name")} defaultValue={user.name} errors={errors.name} required />
          <SelectField
            name="unitId"
            label={t("admin.users.unit")}
            options={units}
            defaultValue={user.unitId}
            placeholder={t("admin.common.select")}
            errors={errors.unitId}
            required
          />
          <TextField name="email" type="email" label={t("admin.users.email")} defaultValue={user.email} errors={errors.email} />
          <TextField name="phone" type="tel" label={t("admin.users.phone")} defaultValue={user.phone} errors={errors.phone} />
        </>
      )}
    </ActionDialog>
  );
}

export function ResetPasswordButton({ user }: { user: { id: string; version: number } }) {
  const { t } = useI18n();
  return (
    <ActionDialog
      title={t("admin.users.resetPassword")}
      description={t("admin.users.resetHint")}
      trigger={
        <Button variant="secondary" className={smallButton}>
          <KeyRound className="size-3.5" aria-hidden />
          {t("admin.users.resetPassword")}
        </Button>
      }
      onSubmit={(form) => resetUserPasswordAction({ id: user.id, password: text(form, "password"), version: user.version })}
    >
      {(errors) => (
        <TextField
          name="password"
          type="password"
          autoComplete="new-password"
          label={t("admin.users.newPassword")}
          hint={t("admin.users.passwordHint")}
          errors={errors.password}
          required
        />
      )}
    </ActionDialog>
  );
}

export function UserStateButton({ user }: { user: { id: string; name: string; version: number; disabled: boolean } }) {
  const { t } = useI18n();
  const input = { id: user.id, version: user.version };
  return user.disabled ? (
    <ConfirmDialog
      title={t("admin.users.enable")}
      text={t("admin.users.enableConfirm", { name: user.name })}
      onConfirm={() => enableUserAction(input)}
      trigger={
        <Button variant="secondary" className={smallButton}>
          <UserCheck className="size-3.5" aria-hidden />
          {t("admin.users.enable")}
        </Button>
      }
    />
  ) : (
    <ConfirmDialog
      title={t("admin.users.disable")}
      text={t("admin.users.disableConfirm", { name: user.name })}
      onConfirm={() => disableUserAction(input)}
      trigger={
        <Button variant="secondary" className={`${smallButton} text-red-700`}>
          <UserX className="size-3.5" aria-hidden />
          {t("admin.users.disable")}
        </Button>
      }
    />
  );
}

export function GrantRoleButton({ userId, roles, units, groups }: { userId: string; roles: Role[]; units: Choice[]; groups: Choice[] }) {
  const { t } = useI18n();
  return (
    <ActionDialog
      title={t("admin.grants.grant")}
      trigger={
        <Button data-testid="grant-role" className={smallButton}>
          <ShieldPlus className="size-3.5" aria-hidden />
          {t("admin.grants.grant")}
        </Button>
      }
      onSubmit={(form) =>
        grantRoleAction({ userId, role: text(form, "role"), unitId: text(form, "unitId"), groupId: text(form, "groupId") })
      }
    >
      {(errors) => (
        <>
          <SelectField
            name="role"
            label={t("admin.grants.role")}
            options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            placeholder={t("admin.common.select")}
            errors={errors.role}
            required
          />
          <SelectField
            name="unitId"
            label={t("admin.grants.unit")}
            hint={t("roles.UNIT_REPORTER")}
            options={units}
            placeholder={t("admin.common.none")}
            errors={errors.unitId}
          />
          <SelectField
            name="groupId"
            label={t("admin.grants.group")}
            hint={t("roles.GROUP_LIAISON")}
            options={groups}
            placeholder={t("admin.common.none")}
            errors={errors.groupId}
          />
        </>
      )}
    </ActionDialog>
  );
}

export function RevokeRoleButton({ grantId, roleLabel }: { grantId: string; roleLabel: string }) {
  const { t } = useI18n();
  return (
    <ConfirmDialog
      title={t("admin.grants.revoke")}
      text={t("admin.grants.revokeConfirm", { role: roleLabel })}
      onConfirm={() => revokeRoleAction({ id: grantId })}
      trigger={
        <Button variant="ghost" className={`${smallButton} text-red-700`}>
          {t("admin.grants.revoke")}
        </Button>
      }
    />
  );
}
