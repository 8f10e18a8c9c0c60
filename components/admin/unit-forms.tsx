"use client";

import { Merge, Pencil, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { UnitKind } from "@/lib/db/generated/enums";
import { useI18n } from "@/lib/i18n/client";
import { createUnitAction, deactivateUnitAction, mergeUnitAction, reactivateUnitAction, renameUnitAction } from "@/lib/org/actions";
import { ActionDialog, ConfirmDialog, int, SelectField, smallButton, text, TextField } from "./form-kit";
import type { Choice } from "./user-forms";

function useKinds(kinds: UnitKind[]) {
  const { t } = useI18n();
  return kinds.map((kind) => ({ value: kind, label: t(`admin.units.kinds.${kind}`) }));
}

export function CreateUnitButton({ kinds }: { kinds: UnitKind[] }) {
  const { t } = useI18n();
  const options = useKinds(kinds);
  return (
    <ActionDialog
      title={t("admin.units.create")}
      trigger={
        <Button data-testid="admin-create-unit">
          <Plus className="size-4" aria-hidden />
          {t("admin.units.create")}
        </Button>
      }
      onSubmit={(form) =>
        createUnitAction({
          name: text(form, "name"),
          shortName: text(form, "shortName"),
          kind: text(form, "kind"),
          sortOrder: int(form, "sortOrder"),
        })
      }
    >
      {(errors) => (
        <>
          <TextField name="name" label={t("admin.units.name")} errors={errors.name} required />
          <TextField name="shortName" label={t("admin.units.shortName")} errors={errors.shortName} />
          <SelectField
            name="kind"
            label={t("admin.units.kind")}
            options={options}
            placeholder={t("admin.common.select")}
            errors={errors.kind}
            required
          />
          <TextField name="sortOrder" type="number" min={0} max={9999} label={t("admin.units.sortOrder")} errors={errors.sortOrder} />
        </>
      )}
    </ActionDialog>
  );
}

export interface UnitRowProps {
  id: string;
  name: string;
  shortName: string | null;
  active: boolean;
  merged: boolean;
  version: number;
}

export function UnitRowActions({ unit, mergeTargets }: { unit: UnitRowProps; mergeTargets: Choice[] }) {
  const { t } = useI18n();
  const input = { id: unit.id, version: unit.version };
  return (
    <div className="flex flex-wrap justify-end gap-1.5">
      <ActionDialog
        title={t("admin.units.renameTitle")}
        trigger={
          <Button variant="secondary" className={smallButton} aria-label={`${t("admin.common.edit")} ${unit.name}`}>
            <Pencil className="size-3.5" aria-hidden />
            {t("admin.common.edit")}
          </Button>
        }
        onSubmit={(form) => renameUnitAction({ ...input, name: text(form, "name"), shortName: text(form, "shortName") })}
      >
        {(errors) => (
          <>
            <TextField name="name" label={t("admin.units.name")} defaultValue={unit.name} errors={errors.name} required />
            <TextField name="shortName" label={t("admin.units.shortName")} defaultValue={unit.shortName} errors={errors.shortName} />
          </>
        )}
      </ActionDialog>
      {!unit.merged &&
        (unit.active ? (
          <ConfirmDialog
            title={t("admin.units.deactivate")}
            text={t("admin.units.deactivateConfirm", { name: unit.name })}
            onConfirm={() => deactivateUnitAction(input)}
            trigger={
              <Button variant="secondary" className={smallButton}>
                {t("admin.units.deactivate")}
              </Button>
            }
          />
        ) : (
          <ConfirmDialog
            title={t("admin.units.reactivate")}
            text={t("admin.units.reactivateConfirm", { name: unit.name })}
            onConfirm={() => reactivateUnitAction(input)}
            trigger={
              <Button variant="secondary" className={smallButton}>
                {t("admin.units.reactivate")}
              </Button>
            }
          />
        ))}
      {!unit.merged && (
        <ActionDialog
          title={t("admin.units.mergeTitle")}
          description={t("admin.units.mergeHint", { name: unit.name })}
          trigger={
            <Button variant="secondary" className={smallButton}>
              <Merge className="size-3.5" aria-hidden />
              {t("admin.units.merge")}
            </Button>
          }
          onSubmit={(form) => mergeUnitAction({ ...input, intoId: text(form, "intoId") })}
        >
          {(errors) => (
            <SelectField
              name="intoId"
              label={t("admin.units.mergeInto")}
              options={mergeTargets.filter((target) => target.value !== unit.id)}
              placeholder={t("admin.common.select")}
              errors={errors.intoId}
              required
            />
          )}
        </ActionDialog>
      )}
    </div>
  );
}
