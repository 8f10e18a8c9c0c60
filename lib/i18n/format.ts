// Dates, months, numbers and percents for each locale (DESIGN §6: 2026年11月, zh-CN numbers).
import type { Locale } from "./config";

const TIME_ZONE = "Asia/Shanghai";

export function formatDate(value: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric", timeZone: TIME_ZONE }).format(value);
}

export function formatMonth(value: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: TIME_ZONE }).format(value);
}

export function formatDateTime(value: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: TIME_ZONE,
  }).format(value);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** `percent` is on the 0–100 scale used throughout the domain. */
export function formatPercent(percent: number, locale: Locale, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: fractionDigits }).format(percent / 100);
}
