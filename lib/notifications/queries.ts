import "server-only";
// The notification centre's reads: a user's own notifications only (the user comes from the
// session, never from the request), newest first, paginated in the database. Titles are rendered
// here in the reader's language (see renderTitle), so client components get plain text.
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/config";
import { formatDate, formatMonth } from "@/lib/i18n/format";
import { createTranslator, lookup, messagesFor, type MessageKey } from "@/lib/i18n/translate";
import { authorizeRead } from "@/lib/server/action";

export const NOTIFICATIONS_PAGE_SIZE = 20;
/** what the bell's dropdown shows */
export const RECENT_NOTIFICATIONS = 8;

/** A notification as the reader sees it: text in their language, no internal fields. */
export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  /** ISO instant */
  createdAt: string;
  read: boolean;
}

export interface NotificationPage {
  items: NotificationItem[];
  total: number;
  unread: number;
  page: number;
  pageCount: number;
}

const QUARTER_ZH = ["一", "二", "三", "四"];

/**
 * A title parameter in the reader's language. Scheduled reminders and 催报 store neutral values —
 * a month "2026-10", a quarter "2026-Q3", a day "2026-11-05", a catalogue key — so that one row
 * reads well in Chinese and English; anything else (a task title) is shown as it was stored.
 * Quarters render without the word "quarter", which the titles carry themselves ("{quarter}季度报告").
 */
export function localizeParam(value: string | number, locale: Locale): string | number {
  if (typeof value !== "string") return value;
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (month) return formatMonth(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)), locale);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(value);
  if (quarter) return locale === "zh-CN" ? `${quarter[1]}年第${QUARTER_ZH[Number(quarter[2]) - 1]}` : `Q${quarter[2]} ${quarter[1]}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(day.getTime()) ? value : formatDate(day, locale);
  }
  if (/^[a-z]\w*(\.\w+)+$/.test(value) && typeof lookup(messagesFor(locale), value) === "string")
    return createTranslator(messagesFor(locale))(value as MessageKey);
  return value;
}

/**
 * The title in the reader's language: a catalogue key of a notifications section ("notifications.…",
 * or a feature's own "supervision.notifications.…", "instructions.notifications.…") is translated
 * with its params; any other title (the demo seed stores Chinese text) is shown as stored.
 */
export function renderTitle(title: string, params: unknown, locale: Locale): string {
  const messages = messagesFor(locale);
  const key = /^[a-z]\w*(\.\w+)+$/.test(title) && title.split(".").includes("notifications");
  if (!key || typeof lookup(messages, title) !== "string") return title;
  const values: Record<string, string | number> = {};
  if (params && typeof params === "object" && !Array.isArray(params))
    for (const [name, value] of Object.entries(params as Record<string, unknown>))
      if (typeof value === "string" || typeof value === "number") values[name] = localizeParam(value, locale);
  return createTranslator(messages)(title as MessageKey, values);
}

const select = { id: true, kind: true, title: true, params: true, body: true, link: true, createdAt: true, readAt: true } as const;

function item(
  row: {
    id: string;
    kind: string;
    title: string;
    params: unknown;
    body: string | null;
    link: string | null;
    createdAt: Date;
    readAt: Date | null;
  },
  locale: Locale,
): NotificationItem {
  return {
    id: row.id,
    kind: row.kind,
    title: renderTitle(row.title, row.params, locale),
    body: row.body,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    read: row.readAt !== null,
  };
}

/** The actor's unread notifications (the bell's badge); served by the (userId, readAt, createdAt) index. */
export async function unreadCount(actor: Actor): Promise<number> {
  authorizeRead(actor, "account:write");
  return db.notification.count({ where: { userId: actor.userId, readAt: null } });
}

/** One page of the actor's notifications, newest first. */
export async function listNotifications(
  actor: Actor,
  page: number,
  locale: Locale,
  size: number = NOTIFICATIONS_PAGE_SIZE,
): Promise<NotificationPage> {
  authorizeRead(actor, "account:write");
  const where = { userId: actor.userId };
  const [total, unread] = await Promise.all([
    db.notification.count({ where }),
    db.notification.count({ where: { ...where, readAt: null } }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const rows = await db.notification.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * size,
    take: size,
    select,
  });
  return { items: rows.map((row) => item(row, locale)), total, unread, page: current, pageCount };
}
