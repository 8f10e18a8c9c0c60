"use client";

import { Pencil, Plus, UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { GroupMemberRole } from "@/lib/db/generated/enums";
import { useI18n } from "@/lib/i18n/client";
import {
  addGroupMemberAction,
  createGroupAction,
  removeGroupMemberAction,
  renameGroupAction,
  setGroupLiaisonUnitAction,
} from "@/lib/org/actions";
import { ActionDialog, ConfirmDialog, SelectField, smallButton, text, TextField } from "./form-kit";
import type { Choice } from "./user-forms";

export function CreateGroupButton({ units }: { units: Choice[] }) {
  const { t } = useI18n();
  return (
    <ActionDialog
      title={t("admin.groups.create")}
      trigger={
        <Button data-testid="admin-create-group">
          <Plus className="size-4" aria-hidden />
          {t("admin.groups.create")}
        </Button>
      }
      onSubmit={(form) =>
        createGroupAction({ name: text(form, "name"), shortName: text(form, "shortName"), liaisonUnitId: text(form, "liaisonUnitId") })
      }
    >
      {(errors) => (
        <>
          <TextField name="name" label={t("admin.groups.name")} errors={errors.name} required />
          <TextField
            name="shortName"
            label={t("admin.groups.shortName")}
            hint={t("admin.groups.shortNameHint")}
            errors={errors.shortName}
            required
          />
          <SelectField
            name="liaisonUnitId"
            label={t("admin.groups.liaisonUnit")}
            options={units}
            placeholder={t("admin.groups.noLiaison")}
            errors={errors.liaisonUnitId}
          />
        </>
      )}
    </ActionDialog>
  );
}

interface GroupProps {
  id: string;
  name: string;
  shortName: string;
  liaisonUnitId: string | null;
  version: number;
}

export function EditGroupButtons({ group, units }: { group: GroupProps; units: Choice[] }) {
  const { t } = useI18n();
  return (
    <>
      <ActionDialog
        title={t("admin.groups.editTitle")}
        trigger={
          <Button variant="secondary" className={smallButton}>
            <Pencil className="size-3.5" aria-hidden />
            {t("admin.common.edit")}
          </Button>
        }
        onSubmit={(form) =>
          renameGroupAction({ id: group.id, name: text(form, "name"), shortName: text(form, "shortName"), version: group.version })
        }
      >
        {(errors) => (
          <>
            <TextField name="name" label={t("admin.groups.name")} defaultValue={group.name} errors={errors.name} required />
            <TextField
              name="shortName"
              label={t("admin.groups.shortName")}
              defaultValue={group.shortName}
              errors={errors.shortName}
              required
            />
          </>
        )}
      </ActionDialog>
      <ActionDialog
        title={t("admin.groups.setLiaison")}
        trigger={
          <Button variant="secondary" className={smallButton}>
            {t("admin.groups.setLiaison")}
          </Button>
        }
        onSubmit={(form) => setGroupLiaisonUnitAction({ id: group.id, liaisonUnitId: text(form, "liaisonUnitId"), version: group.version })}
      >
        {(errors) => (
          <SelectField
            name="liaisonUnitId"
            label={t("admin.groups.liaisonUnit")}
            options={units}
            defaultValue={group.liaisonUnitId}
            placeholder={t("admin.groups.noLiaison")}
            errors={errors.liaisonUnitId}
          />
        )}
      </ActionDialog>
    </>
  );
}

export function AddMemberButton({
  groupId,
  roles,
  leaders,
  users,
  units,
}: {
  groupId: string;
  roles: GroupMemberRole[];
  leaders: Choice[];
  users: Choice[];
  units: Choice[];
}) {
  const { t } = useI18n();
  // 组长/副组长 must be leaders, so the person list offers leaders first; the service checks it.
  const people = [...leaders, ...users.filter((user) => !leaders.some((leader) => leader.value === user.value))];
  return (
    <ActionDialog
      title={t("admin.groups.addMember")}
      description={t("admin.groups.leaderHint")}
      trigger={
        <Button className={smallButton} data-testid="admin-add-member">
          <UserPlus className="size-3.5" aria-hidden />
          {t("admin.groups.addMember")}
        </Button>
      }
      onSubmit={(form) =>
        addGroupMemberAction({ groupId, role: text(form, "role"), userId: text(form, "userId"), unitId: text(form, "unitId") })
      }
    >
      {(errors) => (
        <>
          <SelectField
            name="role"
            label={t("admin.groups.memberRole")}
            options={roles.map((role) => ({ value: role, label: t(`admin.groups.memberRoles.${role}`) }))}
            placeholder={t("admin.common.select")}
            errors={errors.role}
            required
          />
          <SelectField
            name="userId"
            label={t("admin.groups.user")}
            options={people}
            placeholder={t("admin.common.none")}
            errors={errors.userId}
          />
          <SelectField
            name="unitId"
            label={t("admin.groups.unit")}
            options={units}
            placeholder={t("admin.common.none")}
            errors={errors.unitId}
          />
        </>
      )}
    </ActionDialog>
  );
}

export function RemoveMemberButton({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  return (
    <ConfirmDialog
      title={t("admin.groups.remove")}
      text={t("admin.groups.removeConfirm")}
      onConfirm={() => removeGroupMemberAction({ id: memberId })}
      trigger={
        <Button variant="ghost" className={`${smallButton} text-red-700`}>
          {t("admin.groups.remove")}
        </Button>
      }
    />
  );
}
