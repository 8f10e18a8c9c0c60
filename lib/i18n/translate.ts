// A typed translator over the message catalogues: keys are checked at compile time.
import type { Locale } from "./config";
import { en } from "./messages/en";
import { zhCN, type Messages } from "./messages/zh-CN";

export type { Messages };

const catalogues: Record<Locale, Messages> = { "zh-CN": zhCN, en };

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale];
}

type Join<K, P> = K extends string ? (P extends string ? `${K}.${P}` : never) : never;
/** Dotted paths to the string leaves of the catalogue, e.g. "login.invalid". */
export type MessageKey<T = Messages> = {
  [K in keyof T & string]: T[K] extends string ? K : T[K] extends readonly string[] ? never : Join<K, MessageKey<T[K]>>;
}[keyof T & string];

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function lookup(messages: Messages, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), messages);
}

export function createTranslator(messages: Messages): Translate {
  return (key, values) => {
    const template = lookup(messages, key);
    if (typeof template !== "string") return key;
    return values ? template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match)) : template;
  };
}
