"use client";

// The pieces every admin form shares: a Radix dialog that submits to a server action, shows
// field messages next to their inputs and a general line for the rest, and refreshes the page.
import { X } from "lucide-react";
import { useRouter } from "next/navigation";
import { Dialog } from "radix-ui";
import { useId, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useI18n } from "@/lib/i18n/client";
import type { MessageKey, Translate } from "@/lib/i18n/translate";
import type { ActionResult } from "@/lib/forms/action-result";

export type FieldErrors = Record<string, string[] | undefined>;
type Submit = (form: FormData) => Promise<ActionResult<unknown>>;

/** Services name some rules with admin.* catalogue keys; the action passes those through untranslated. */
function translate(t: Translate, message: string): string {
  return /^admin\.[\w.]+$/.test(message) ? t(message as MessageKey) : message;
}

function useSubmit(submit: Submit, onSuccess: () => void) {
  const router = useRouter();
  const { t } = useI18n();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const reset = () => {
    setErrors({});
    setMessage(null);
  };
  const run = (form: FormData) =>
    startTransition(async () => {
      const result = await submit(form);
      if (result.ok) {
        reset();
        onSuccess();
        router.refresh();
        return;
      }
      const fields = Object.fromEntries(
        Object.entries(result.fieldErrors ?? {}).map(([field, list]) => [field, list.map((item) => translate(t, item))]),
      );
      setErrors(fields);
      setMessage([result.message, ...(fields._form ?? [])].join(" "));
    });
  return { pending, errors, message, reset, run };
}

export function FormMessage({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </p>
  );
}

export interface ActionDialogProps {
  trigger: ReactNode;
  title: string;
  description?: string;
  submitLabel?: string;
  onSubmit: Submit;
  children: (errors: FieldErrors) => ReactNode;
  testId?: string;
}

export function ActionDialog({ trigger, title, description, submitLabel, onSubmit, children, testId }: ActionDialogProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const form = useSubmit(onSubmit, () => setOpen(false));
  const handle = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    form.run(new FormData(event.currentTarget));
  };
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) form.reset();
      }}
    >
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content
          data-testid={testId}
          className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl border border-slate-200 bg-white p-6 shadow-xl"
        >
          <div className="mb-4 flex items-start justify-between gap-4">
            <div className="space-y-1">
              <Dialog.Title className="text-lg font-semibold text-slate-900">{title}</Dialog.Title>
              {description ? (
                <Dialog.Description className="text-sm text-slate-500">{description}</Dialog.Description>
              ) : (
                <Dialog.Description className="sr-only">{title}</Dialog.Description>
              )}
            </div>
            <Dialog.Close
              className="rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
              aria-label={t("admin.common.cancel")}
            >
              <X className="size-4" aria-hidden />
            </Dialog.Close>
          </div>
          <form onSubmit={handle} className="space-y-4" noValidate>
            {children(form.errors)}
            <FormMessage message={form.message} />
            <div className="flex justify-end gap-2 pt-2">
              <Dialog.Close asChild>
                <Button type="button" variant="secondary">
                  {t("admin.common.cancel")}
                </Button>
              </Dialog.Close>
              <Button type="submit" disabled={form.pending}>
                {form.pending ? t("admin.common.saving") : (submitLabel ?? t("admin.common.save"))}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** A yes/no dialog for one-click writes (disable, revoke, remove). */
export function ConfirmDialog({
  trigger,
  title,
  text,
  onConfirm,
}: {
  trigger: ReactNode;
  title: string;
  text: string;
  onConfirm: () => Promise<ActionResult<unknown>>;
}) {
  const { t } = useI18n();
  return (
    <ActionDialog trigger={trigger} title={title} submitLabel={t("admin.common.confirm")} onSubmit={() => onConfirm()}>
      {() => <p className="text-sm text-slate-700">{text}</p>}
    </ActionDialog>
  );
}

/** An inline form (the settings page): the same submit and messages, without a dialog. */
export function ActionForm({
  onSubmit,
  children,
  disabled,
  testId,
}: {
  onSubmit: Submit;
  children: (errors: FieldErrors) => ReactNode;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  const form = useSubmit(onSubmit, () => setSaved(true));
  return (
    <form
      data-testid={testId}
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        form.run(new FormData(event.currentTarget));
      }}
    >
      <fieldset disabled={disabled} className="space-y-4">
        {children(form.errors)}
      </fieldset>
      <FormMessage message={form.message} />
      {!disabled && (
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={form.pending}>
            {form.pending ? t("admin.common.saving") : t("admin.common.save")}
          </Button>
          {saved && !form.message && (
            <span role="status" className="text-sm text-light-green">
              {t("admin.settings.saved")}
            </span>
          )}
        </div>
      )}
    </form>
  );
}

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus:border-brand-500 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500 aria-[invalid=true]:border-red-500";

interface FieldProps {
  name: string;
  label: string;
  errors?: string[];
  hint?: string;
  required?: boolean;
}

function FieldFrame({ id, label, errors, hint, required, children }: Omit<FieldProps, "name"> & { id: string; children: ReactNode }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        {required && (
          <span className="ml-0.5 text-red-600" aria-hidden>
            *
          </span>
        )}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {errors.join("；")}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, props: FieldProps) {
  return [props.hint && `${id}-hint`, props.errors?.length && `${id}-error`].filter(Boolean).join(" ") || undefined;
}

export function TextField(
  props: FieldProps & {
    type?: "text" | "email" | "tel" | "password" | "number" | "date";
    defaultValue?: string | number | null;
    autoComplete?: string;
    min?: number;
    max?: number;
  },
) {
  const id = useId();
  return (
    <FieldFrame id={id} {...props}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={props.defaultValue ?? ""}
        autoComplete={props.autoComplete ?? "off"}
        min={props.min}
        max={props.max}
        aria-invalid={props.errors?.length ? true : undefined}
        aria-describedby={describedBy(id, props)}
        className={inputClass}
      />
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldProps & { options: { value: string; label: string }[]; defaultValue?: string | null; placeholder?: string },
) {
  const id = useId();
  return (
    <FieldFrame id={id} {...props}>
      <select
        id={id}
        name={props.name}
        defaultValue={props.defaultValue ?? ""}
        aria-invalid={props.errors?.length ? true : undefined}
        aria-describedby={describedBy(id, props)}
        className={cn(inputClass, "pr-8")}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField({
  name,
  label,
  defaultChecked,
  errors,
}: {
  name: string;
  label: string;
  defaultChecked?: boolean;
  errors?: string[];
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <input
          id={id}
          name={name}
          type="checkbox"
          defaultChecked={defaultChecked}
          className="size-4 rounded border-slate-300 accent-brand-700"
        />
        <label htmlFor={id} className="text-sm font-medium text-slate-700">
          {label}
        </label>
      </div>
      {errors?.length ? <p className="text-xs text-red-600">{errors.join("；")}</p> : null}
    </div>
  );
}

// Reading a FormData into the plain object a service's schema expects.
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** A number field: blank → undefined (required) or null (nullable), so the schema can tell which. */
export function int(form: FormData, name: string, blank: null | undefined = undefined): number | null | undefined {
  const value = text(form, name).trim();
  return value === "" ? blank : Number(value);
}

export const smallButton = "h-8 px-3 text-xs";
