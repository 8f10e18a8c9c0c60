"use server";

import { getActor } from "@/lib/auth/actor";
import { getLocale } from "@/lib/i18n/server";
import { getRequestContext, isSameOrigin } from "@/lib/server/context";
import { runAction } from "@/lib/server/run-action";
import { listNotifications, RECENT_NOTIFICATIONS, type NotificationItem } from "./queries";
import { markAllNotificationsRead, markNotificationsRead } from "./read-service";

export async function markNotificationsReadAction(input: unknown) {
  return runAction(markNotificationsRead, input);
}

export async function markAllNotificationsReadAction(input: unknown) {
  return runAction(markAllNotificationsRead, input);
}

/** The bell's dropdown: the latest notifications and the unread count, fresh when it opens. */
export async function recentNotificationsAction(): Promise<{ unread: number; items: NotificationItem[] } | null> {
  if (!isSameOrigin(await getRequestContext())) return null;
  const actor = await getActor();
  if (!actor || actor.passwordChangeRequired || actor.totpSetupRequired) return null;
  const page = await listNotifications(actor, 1, await getLocale(), RECENT_NOTIFICATIONS);
  return { unread: page.unread, items: page.items };
}
