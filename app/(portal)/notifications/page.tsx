import { ChevronLeft, ChevronRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { NotificationList } from "@/components/notifications/notification-list";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/actor";
import { formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { listNotifications } from "@/lib/notifications/queries";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("notifications.centre.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const LINK =
  "inline-flex h-8 items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-700 hover:bg-slate-50";
const DISABLED = "inline-flex h-8 items-center gap-1 rounded-md border border-slate-200 px-2.5 text-sm text-slate-300";

/** 消息通知: every notification of the signed-in user, newest first, 20 a page. */
export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  const { locale, t } = await getTranslator();
  const raw = (await searchParams).page;
  const requested = Number(Array.isArray(raw) ? raw[0] : raw);
  const page = await listNotifications(actor, Number.isInteger(requested) && requested > 0 ? requested : 1, locale);
  const href = (target: number) => (target > 1 ? `/notifications?page=${target}` : "/notifications");

  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold text-slate-900">{t("notifications.centre.title")}</h1>
        <p className="text-sm text-slate-600">{t("notifications.centre.subtitle")}</p>
      </div>
      <Card className="p-4 sm:p-5">
        <NotificationList items={page.items} unread={page.unread} />
      </Card>
      {page.total > 0 && (
        <nav
          aria-label={t("notifications.centre.pageOf", { page: page.page, pages: page.pageCount })}
          className="flex flex-wrap items-center justify-between gap-3"
        >
          <p className="text-sm text-slate-500" data-testid="notification-total">
            {t("notifications.centre.total", { total: formatNumber(page.total, locale) })} ·{" "}
            {t("notifications.centre.pageOf", { page: page.page, pages: page.pageCount })}
          </p>
          <div className="flex gap-2">
            {page.page > 1 ? (
              <Link href={href(page.page - 1)} className={LINK} rel="prev">
                <ChevronLeft className="size-4" aria-hidden />
                {t("notifications.centre.previous")}
              </Link>
            ) : (
              <span className={DISABLED} aria-disabled>
                <ChevronLeft className="size-4" aria-hidden />
                {t("notifications.centre.previous")}
              </span>
            )}
            {page.page < page.pageCount ? (
              <Link href={href(page.page + 1)} className={LINK} rel="next">
                {t("notifications.centre.next")}
                <ChevronRight className="size-4" aria-hidden />
              </Link>
            ) : (
              <span className={DISABLED} aria-disabled>
                {t("notifications.centre.next")}
                <ChevronRight className="size-4" aria-hidden />
              </span>
            )}
          </div>
        </nav>
      )}
    </div>
  );
}
