"use client";

// The office's edits on a plan's page: the plan's own fields, and adding, editing, ordering and
// deleting its work points. Every rule is the service's; these only collect input and show answers.
import { ArrowDown, ArrowUp, Pencil, Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionDialog, ConfirmDialog, SelectField, TextField, smallButton, text } from "@/components/admin/form-kit";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ActionResult } from "@/lib/forms/action-result";
import { useI18n } from "@/lib/i18n/client";
import {
  createWorkPointAction,
  deleteWorkPointAction,
  moveWorkPointAction,
  updatePlanAction,
  updateWorkPointAction,
} from "@/lib/plans/actions";
import type { WorkPointRow } from "@/lib/plans/types";

type Group = { id: string; name: string };

/** What the server's 409 answer carries: the record as it is now and who changed it last. */
interface Conflict {
  workPoint?: { number: string; title: string } | null;
  plan?: { title: string } | null;
  lastChange?: { actorName: string | null } | null;
}

/**
 * A stale save: reload the page's data, so the next save is based on what is saved now, and tell
 * the user what that is, so nothing is overwritten unseen.
 */
function useStaleSave() {
  const router = useRouter();
  const { t } = useI18n();
  return <R,>(result: ActionResult<R>, explain: (conflict: Conflict, name: string) => string | null): ActionResult<R> => {
    if (result.ok || result.status !== 409) return result;
    router.refresh();
    const conflict = (result.conflict ?? {}) as Conflict;
    return { ...result, message: explain(conflict, conflict.lastChange?.actorName ?? t("plans.someone")) ?? result.message };
  };
}

const iconButton = "size-8 px-0 text-slate-500 hover:text-brand-700 disabled:text-slate-300 disabled:hover:bg-transparent";

export function EditPlanButton({
  plan,
}: {
  plan: { id: string; title: string; docNumber: string | null; issuedOn: string | null; updatedAt: string };
}) {
  const { t } = useI18n();
  const stale = useStaleSave();
  return (
    <ActionDialog
      testId="edit-plan"
      title={t("plans.editPlan")}
      submitLabel={t("plans.save")}
      trigger={
        <Button variant="secondary" className={smallButton} data-testid="edit-plan-button">
          <Pencil className="size-3.5" aria-hidden />
          {t("plans.edit")}
        </Button>
      }
      onSubmit={async (form) =>
        stale(
          await updatePlanAction({
            id: plan.id,
            expectedUpdatedAt: plan.updatedAt,
            title: text(form, "title"),
            docNumber: text(form, "docNumber"),
            issuedOn: text(form, "issuedOn"),
          }),
          (conflict, name) => (conflict.plan ? t("plans.conflictPlan", { name, title: conflict.plan.title }) : null),
        )
      }
    >
      {(errors) => (
        <>
          <TextField name="title" label={t("plans.planTitle")} defaultValue={plan.title} errors={errors.title} required />
          <TextField name="docNumber" label={t("plans.docNumber")} defaultValue={plan.docNumber} errors={errors.docNumber} />
          <TextField name="issuedOn" type="date" label={t("plans.issuedOn")} defaultValue={plan.issuedOn} errors={errors.issuedOn} />
        </>
      )}
    </ActionDialog>
  );
}

function WorkPointFields({
  groups,
  errors,
  values,
}: {
  groups: Group[];
  errors: Record<string, string[] | undefined>;
  values?: { groupId?: string; number?: string; title?: string };
}) {
  const { t } = useI18n();
  return (
    <>
      <SelectField
        name="groupId"
        label={t("plans.group")}
        options={groups.map((group) => ({ value: group.id, label: group.name }))}
        placeholder={t("plans.chooseGroup")}
        defaultValue={values?.groupId}
        errors={errors.groupId}
        required
      />
      <TextField
        name="number"
        label={t("plans.pointNumber")}
        hint={t("plans.pointNumberHint")}
        defaultValue={values?.number}
        errors={errors.number}
        required
      />
      <TextField name="title" label={t("plans.pointTitle")} defaultValue={values?.title} errors={errors.title} required />
    </>
  );
}

/** Adds a point at the end of the plan; from a group's heading, that group is chosen already. */
export function AddWorkPointButton({
  planId,
  groups,
  groupId,
  compact,
}: {
  planId: string;
  groups: Group[];
  groupId?: string;
  compact?: boolean;
}) {
  const { t } = useI18n();
  return (
    <ActionDialog
      testId="add-work-point"
      title={t("plans.addPoint")}
      submitLabel={t("plans.save")}
      trigger={
        compact ? (
          <Button variant="ghost" className={iconButton} aria-label={t("plans.addPoint")} title={t("plans.addPoint")}>
            <Plus className="size-4" aria-hidden />
          </Button>
        ) : (
          <Button className={smallButton} data-testid="add-work-point-button">
            <Plus className="size-3.5" aria-hidden />
            {t("plans.addPoint")}
          </Button>
        )
      }
      onSubmit={(form) =>
        createWorkPointAction({ planId, groupId: text(form, "groupId"), number: text(form, "number"), title: text(form, "title") })
      }
    >
      {(errors) => <WorkPointFields groups={groups} errors={errors} values={{ groupId }} />}
    </ActionDialog>
  );
}

/** Edit, move up/down and delete of one work point, for the office. */
export function WorkPointActions({ point, groups }: { point: WorkPointRow; groups: Group[] }) {
  const { t } = useI18n();
  const router = useRouter();
  const stale = useStaleSave();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);

  const move = (direction: "up" | "down") =>
    startTransition(async () => {
      const result = await moveWorkPointAction({ id: point.id, direction });
      setMessage(result.ok ? null : result.message);
      router.refresh();
    });

  const blocked = t("plans.deleteBlocked", { count: point.tasks });
  return (
    <div className="flex shrink-0 flex-col items-end gap-1">
      <div className="flex items-center gap-0.5">
        <ActionDialog
          testId="edit-work-point"
          title={t("plans.editPoint")}
          submitLabel={t("plans.save")}
          trigger={
            <Button variant="ghost" className={iconButton} aria-label={t("plans.edit")} title={t("plans.edit")}>
              <Pencil className="size-4" aria-hidden />
            </Button>
          }
          onSubmit={async (form) =>
            stale(
              await updateWorkPointAction({
                id: point.id,
                expectedUpdatedAt: point.updatedAt,
                groupId: text(form, "groupId"),
                number: text(form, "number"),
                title: text(form, "title"),
              }),
              (conflict, name) =>
                conflict.workPoint
                  ? t("plans.conflictPoint", { name, number: conflict.workPoint.number, title: conflict.workPoint.title })
                  : null,
            )
          }
        >
          {(errors) => <WorkPointFields groups={groups} errors={errors} values={point} />}
        </ActionDialog>
        <Button
          variant="ghost"
          className={iconButton}
          disabled={pending || point.first}
          aria-label={t("plans.moveUp")}
          title={t("plans.moveUp")}
          onClick={() => move("up")}
        >
          <ArrowUp className="size-4" aria-hidden />
        </Button>
        <Button
          variant="ghost"
          className={iconButton}
          disabled={pending || point.last}
          aria-label={t("plans.moveDown")}
          title={t("plans.moveDown")}
          onClick={() => move("down")}
        >
          <ArrowDown className="size-4" aria-hidden />
        </Button>
        {point.tasks > 0 ? (
          // a disabled button shows no tooltip of its own: the wrapper carries it
          <span title={blocked} className="inline-flex">
            <Button variant="ghost" className={iconButton} disabled aria-label={`${t("plans.delete")}: ${blocked}`}>
              <Trash2 className="size-4" aria-hidden />
            </Button>
          </span>
        ) : (
          <ConfirmDialog
            title={t("plans.deletePoint")}
            text={t("plans.deleteConfirm", { number: point.number, title: point.title })}
            onConfirm={() => deleteWorkPointAction({ id: point.id })}
            trigger={
              <Button
                variant="ghost"
                className={cn(iconButton, "hover:text-red-600")}
                aria-label={t("plans.delete")}
                title={t("plans.delete")}
              >
                <Trash2 className="size-4" aria-hidden />
              </Button>
            }
          />
        )}
      </div>
      {message && (
        <p role="alert" className="max-w-56 text-right text-xs text-red-600">
          {message}
        </p>
      )}
    </div>
  );
}
