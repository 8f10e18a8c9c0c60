// Readable names for audit codes. Events and target types come from many features, so a code
// without a catalogue entry is shown raw rather than refused.
import type { Messages } from "@/lib/i18n/translate";

function walk(node: unknown, path: readonly string[]): string | null {
  let current = node;
  for (const part of path) {
    if (!current || typeof current !== "object" || !Object.hasOwn(current, part)) return null;
    current = (current as Record<string, unknown>)[part];
  }
  return typeof current === "string" ? current : null;
}

/** "auth.signin" → 登录, or null when the catalogue has no name for it. */
export function eventLabel(messages: Messages, event: string): string | null {
  return walk(messages.audit.events, event.split("."));
}

/** "User" → 用户, or null. */
export function targetTypeLabel(messages: Messages, targetType: string): string | null {
  return walk(messages.audit.targets, [targetType]);
}

/** A changed value as short text: strings as they are, the rest as JSON; null when empty. */
export function valueText(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
