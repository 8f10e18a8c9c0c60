"use client";

// The /notifications page's list: open (mark read and follow), mark all read.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n/client";
import { markAllNotificationsReadAction } from "@/lib/notifications/actions";
import type { NotificationItem } from "@/lib/notifications/queries";
import { NotificationEntry, useOpenNotification } from "./notification-entry";

export function NotificationList({ items, unread }: { items: NotificationItem[]; unread: number }) {
  const { t } = useI18n();
  const router = useRouter();
  const [read, setRead] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [marking, startMarking] = useTransition();
  const { open } = useOpenNotification((id) => setRead((current) => new Set([...current, id])));
  const shown = items.map((item) => (read.has(item.id) ? { ...item, read: true } : item));

  const markAll = () =>
    startMarking(async () => {
      const result = await markAllNotificationsReadAction({});
      if (!result.ok) return setError(result.message);
      setError(null);
      setRead(new Set(items.map((item) => item.id)));
      router.refresh();
    });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" data-testid="notification-unread">
          {unread > 0 ? t("notifications.centre.unread", { count: unread }) : t("notifications.centre.allRead")}
        </p>
        {unread > 0 && (
          <Button
            type="button"
            variant="secondary"
            className="h-8 px-3 text-xs"
            disabled={marking}
            onClick={markAll}
            data-testid="notification-mark-all"
          >
            {t("notifications.centre.markAllRead")}
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {shown.length === 0 ? (
        <p className="py-10 text-center text-sm text-slate-500">{t("notifications.centre.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="notification-list">
          {shown.map((item) => (
            <li key={item.id} className="py-1">
              <NotificationEntry item={item} onOpen={open} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
