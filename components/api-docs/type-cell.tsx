import type { Translate } from "@/lib/i18n/translate";
import type { TypeInfo } from "./model";

const CODE = "rounded bg-slate-100 px-1 py-px font-mono text-[0.75rem] text-slate-700";

function range(t: Translate, kind: "length" | "range" | "items", min?: number, max?: number): string | undefined {
  if (min !== undefined && max !== undefined) return t(`apiDocs.constraint.${kind}`, { min, max });
  const [lower, upper] = { length: ["minLength", "maxLength"], range: ["minimum", "maximum"], items: ["minItems", "maxItems"] }[kind] as [
    "minLength" | "minimum" | "minItems",
    "maxLength" | "maximum" | "maxItems",
  ];
  if (min !== undefined) return t(`apiDocs.constraint.${lower}`, { min });
  if (max !== undefined) return t(`apiDocs.constraint.${upper}`, { max });
  return undefined;
}

/** The type of a parameter or property: its label, then the constraints a caller must respect. */
export function TypeCell({ type, example, t }: { type: TypeInfo; example?: string; t: Translate }) {
  const notes = [
    type.nullable ? t("apiDocs.constraint.nullable") : undefined,
    type.format ? t("apiDocs.constraint.format", { format: type.format }) : undefined,
    range(t, "length", type.minLength, type.maxLength),
    range(t, "range", type.minimum, type.maximum),
    range(t, "items", type.minItems, type.maxItems),
    type.constant !== undefined ? t("apiDocs.constraint.constant", { value: type.constant }) : undefined,
    type.defaultValue !== undefined ? t("apiDocs.constraint.default", { value: type.defaultValue }) : undefined,
    example !== undefined ? t("apiDocs.constraint.example", { value: example }) : undefined,
  ].filter(Boolean);
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
        <code className="font-mono text-[0.8125rem] font-medium wrap-anywhere text-brand-800">{type.label}</code>
        {notes.length > 0 && <span className="text-xs text-slate-500">{notes.join(" · ")}</span>}
      </div>
      {type.pattern && (
        <div className="text-xs text-slate-500">
          {t("apiDocs.constraint.pattern")} <code className={`${CODE} wrap-anywhere`}>{type.pattern}</code>
        </div>
      )}
      {type.values && type.values.length > 0 && (
        <div className="flex flex-wrap items-baseline gap-1 text-xs text-slate-500">
          <span>{t("apiDocs.constraint.values")}</span>
          {type.values.map((value) => (
            <code key={value} className={CODE}>
              {value}
            </code>
          ))}
        </div>
      )}
      {type.fields && type.fields.length > 0 && (
        <div className="text-xs text-slate-500">
          {t("apiDocs.constraint.fields")}{" "}
          {type.fields.map((field, index) => (
            <span key={field.name}>
              {index > 0 && ", "}
              <code className="font-mono text-slate-700">{field.name}</code>
              {field.required && (
                <abbr title={t("apiDocs.requiredMark")} className="text-red-700 no-underline">
                  *
                </abbr>
              )}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
