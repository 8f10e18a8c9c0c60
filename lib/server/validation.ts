import type { z } from "zod";
import type { FieldErrors } from "./errors";

/**
 * Field → message keys (or message texts) from a failed parse. Schemas give their messages as
 * catalogue keys ("validation.required"); other issues fall back to a key per issue code, so
 * every message can be shown in the user's language.
 */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.join(".") : "_form";
    // A schema's own message is a catalogue key ("validation.…", "admin.validation.…"); zod's defaults are not.
    const message =
      /^[a-z][A-Za-z]*(\.[A-Za-z]+)+$/.test(issue.message) && issue.message.includes("validation.") ? issue.message : fallbackKey(issue);
    (fields[field] ??= []).push(message);
  }
  return fields;
}

function fallbackKey(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "too_small":
      return issue.origin === "string" && issue.minimum === 1 ? "validation.required" : "validation.tooSmall";
    case "too_big":
      return "validation.tooBig";
    case "invalid_type":
      return issue.input === undefined ? "validation.required" : "validation.invalid";
    case "unrecognized_keys":
      return "validation.unknownField";
    default:
      return "validation.invalid";
  }
}

/**
 * Text PostgreSQL cannot store (NUL) or that is not well-formed Unicode (lone surrogates), found
 * anywhere in a raw input: every such field is refused before any schema runs.
 */
export function unstorableTextErrors(raw: unknown, path: string[] = [], depth = 0): FieldErrors {
  const fields: FieldErrors = {};
  if (typeof raw === "string") {
    if (raw.includes("\u0000") || !raw.isWellFormed()) fields[path.join(".") || "_form"] = ["validation.invalidCharacters"];
  } else if (raw && typeof raw === "object" && depth < 8) {
    for (const [key, value] of Object.entries(raw)) Object.assign(fields, unstorableTextErrors(value, [...path, key], depth + 1));
  }
  return fields;
}
