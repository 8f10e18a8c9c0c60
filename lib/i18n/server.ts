import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from "./config";
import { createTranslator, messagesFor } from "./translate";

/** The user's language: the cookie set by the language switch, else Chinese. */
export const getLocale = cache(async (): Promise<Locale> => {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : DEFAULT_LOCALE;
});

export async function getTranslator() {
  const locale = await getLocale();
  return { locale, t: createTranslator(messagesFor(locale)) };
}
