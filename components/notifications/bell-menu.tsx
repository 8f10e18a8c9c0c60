"use client";

// The bell in the portal header: the unread count (computed on the server for the page) and a
// dropdown of the latest notifications, fetched fresh each time it opens.
import { Bell } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Popover } from "radix-ui";
import { useState, useTransition } from "react";
import { useI18n } from "@/lib/i18n/client";
import { markAllNotificationsReadAction, recentNotificationsAction } from "@/lib/notifications/actions";
import type { NotificationItem } from "@/lib/notifications/queries";
import { NotificationEntry, useOpenNotification } from "./notification-entry";

export function BellMenu({ initialUnread }: { initialUnread: number }) {
  const { t } = useI18n();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<NotificationItem[] | null>(null);
  const [failed, setFailed] = useState(false);
  // the server's count wins whenever the page is rendered again (a refresh after marking read)
  const [unread, setUnread] = useState({ server: initialUnread, value: initialUnread });
  if (unread.server !== initialUnread) setUnread({ server: initialUnread, value: initialUnread });
  const [loading, startLoading] = useTransition();
  const [marking, startMarking] = useTransition();

  const load = () =>
    startLoading(async () => {
      const recent = await recentNotificationsAction().catch(() => null);
      setFailed(recent === null);
      if (!recent) return;
      setItems(recent.items);
      setUnread((current) => ({ ...current, value: recent.unread }));
    });

  const markedRead = (id: string) => {
    setItems((current) => current?.map((item) => (item.id === id ? { ...item, read: true } : item)) ?? null);
    setUnread((current) => ({ ...current, value: Math.max(0, current.value - 1) }));
  };
  const { open: openItem } = useOpenNotification((id) => {
    markedRead(id);
    setOpen(false);
  });

  const markAll = () =>
    startMarking(async () => {
      const result = await markAllNotificationsReadAction({});
      if (!result.ok) return;
      setItems((current) => current?.map((item) => ({ ...item, read: true })) ?? null);
      setUnread((current) => ({ ...current, value: 0 }));
      router.refresh();
    });

  const count = unread.value;
  const label = `${t("notifications.centre.bell")}（${count > 0 ? t("notifications.centre.unread", { count }) : t("notifications.centre.allRead")}）`;

  return (
    <Popover.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) load();
      }}
    >
      <Popover.Trigger
        data-testid="notification-bell"
        aria-label={label}
        title={label}
        className="relative grid size-9 place-items-center rounded-full text-slate-600 hover:bg-slate-100 hover:text-slate-900 data-[state=open]:bg-slate-100"
      >
        <Bell className="size-5" aria-hidden />
        {/* The button's label says how many. The badge draws the number from a data attribute (CSS
            content), so the button holds no text that differs from its label (axe: label-content-name-mismatch). */}
        {count > 0 && (
          <span
            aria-hidden
            data-testid="notification-count"
            data-count={count > 99 ? "99+" : String(count)}
            className="absolute -top-0.5 -right-0.5 min-w-[1.125rem] rounded-full bg-red-600 px-1 text-center text-[0.6875rem] leading-[1.125rem] font-semibold text-white ring-2 ring-white after:content-[attr(data-count)]"
          />
        )}
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={8}
          data-testid="notification-menu"
          className="z-50 w-[22rem] max-w-[calc(100vw-1rem)] rounded-xl border border-slate-200 bg-white shadow-lg"
        >
          <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
            <div>
              <div className="text-sm font-semibold text-slate-900">{t("notifications.centre.title")}</div>
              <div className="text-xs text-slate-500">
                {count > 0 ? t("notifications.centre.unread", { count }) : t("notifications.centre.allRead")}
              </div>
            </div>
            {count > 0 && (
              <button
                type="button"
                data-testid="notification-mark-all"
                disabled={marking}
                onClick={markAll}
                className="rounded-md px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
              >
                {t("notifications.centre.markAllRead")}
              </button>
            )}
          </div>
          <div className="max-h-[26rem] overflow-y-auto p-1.5" aria-busy={loading}>
            {failed && (
              <p role="alert" className="px-3 py-6 text-center text-sm text-red-700">
                {t("notifications.centre.loadFailed")}
              </p>
            )}
            {!failed && items === null && (
              <p className="px-3 py-6 text-center text-sm text-slate-500">{t("notifications.centre.loading")}</p>
            )}
            {!failed && items?.length === 0 && (
              <p className="px-3 py-6 text-center text-sm text-slate-500">{t("notifications.centre.empty")}</p>
            )}
            {!failed && items?.map((item) => <NotificationEntry key={item.id} item={item} onOpen={openItem} compact />)}
          </div>
          <div className="border-t border-slate-100 p-1.5">
            <Link
              href="/notifications"
              data-testid="notification-view-all"
              onClick={() => setOpen(false)}
              className="block rounded-md px-3 py-2 text-center text-sm font-medium text-brand-700 hover:bg-brand-50"
            >
              {t("notifications.centre.viewAll")}
            </Link>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
