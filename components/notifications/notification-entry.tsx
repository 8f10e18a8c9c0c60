"use client";

// One notification as a row: unread dot, title, body, time. Opening it marks it read and follows
// its link (the dropdown and the /notifications page share this).
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { cn } from "@/components/ui/cn";
import { useI18n } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/i18n/format";
import { markNotificationsReadAction } from "@/lib/notifications/actions";
import type { NotificationItem } from "@/lib/notifications/queries";

export function useOpenNotification(onRead: (id: string) => void) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const open = (item: NotificationItem) =>
    startTransition(async () => {
      if (!item.read) {
        const result = await markNotificationsReadAction({ ids: [item.id] });
        if (result.ok) onRead(item.id);
      }
      // links are written by the server; still, only ever follow one within the portal
      if (item.link?.startsWith("/") && !item.link.startsWith("//")) router.push(item.link);
      else router.refresh();
    });
  return { open, pending };
}

export function NotificationEntry({
  item,
  onOpen,
  compact = false,
}: {
  item: NotificationItem;
  onOpen: (item: NotificationItem) => void;
  compact?: boolean;
}) {
  const { locale, t } = useI18n();
  return (
    <button
      type="button"
      data-testid="notification-item"
      data-read={item.read ? "true" : "false"}
      onClick={() => onOpen(item)}
      className={cn(
        "flex w-full gap-3 rounded-lg px-3 py-2.5 text-left transition-colors hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none",
        !item.read && "bg-brand-50/40",
      )}
    >
      <span className="mt-1.5 flex w-2 shrink-0 justify-center">
        {!item.read && <span className="size-2 rounded-full bg-accent-600" title={t("notifications.centre.unreadMark")} />}
        {!item.read && <span className="sr-only">{t("notifications.centre.unreadMark")}</span>}
      </span>
      <span className="min-w-0 flex-1 space-y-0.5">
        <span className={cn("block text-sm", item.read ? "text-slate-700" : "font-semibold text-slate-900")}>{item.title}</span>
        {item.body && <span className={cn("block text-xs text-slate-500", compact && "line-clamp-2")}>{item.body}</span>}
        <time dateTime={item.createdAt} className="block text-xs text-slate-400">
          {formatDateTime(new Date(item.createdAt), locale)}
        </time>
      </span>
    </button>
  );
}
