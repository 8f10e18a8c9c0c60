"use client";

// Small labelled fields of the supervision forms: a real <label>, field messages under the input.
import { useId } from "react";

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500";

export function TextArea({
  name,
  label,
  errors,
  defaultValue,
  rows = 4,
  testId,
  hint,
}: {
  name: string;
  label: string;
  errors?: string[];
  defaultValue?: string;
  rows?: number;
  testId?: string;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        data-testid={testId}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className={inputClass}
      />
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {errors.join("；")}
        </p>
      ) : null}
    </div>
  );
}

export function DateInput({
  name,
  label,
  errors,
  defaultValue,
  testId,
}: {
  name: string;
  label: string;
  errors?: string[];
  defaultValue?: string;
  testId?: string;
}) {
  const id = useId();
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="date"
        defaultValue={defaultValue}
        data-testid={testId}
        aria-invalid={errors?.length ? true : undefined}
        className={`${inputClass} max-w-xs`}
      />
      {errors?.length ? <p className="text-xs text-red-600">{errors.join("；")}</p> : null}
    </div>
  );
}

export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
