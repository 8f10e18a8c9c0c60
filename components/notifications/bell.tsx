import type { Actor } from "@/lib/auth/actor";
import { unreadCount } from "@/lib/notifications/queries";
import { BellMenu } from "./bell-menu";

/** The header's bell (a server component): the actor's unread count, computed with the page. */
export async function NotificationBell({ actor }: { actor: Actor }) {
  return <BellMenu initialUnread={await unreadCount(actor)} />;
}
