import type { ReactNode } from "react";
import { NotificationBell } from "@/components/notifications/bell";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { UserMenu } from "@/components/shell/user-menu";
import { requireActor } from "@/lib/auth/actor";
import { sectionsFor } from "@/lib/auth/sections";
import { getTranslator } from "@/lib/i18n/server";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const { t } = await getTranslator();
  const roles = [...new Set(actor.roles.map((grant) => grant.role))];

  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[13.5rem_1fr] 2xl:grid-cols-[15rem_1fr]">
      <aside className="bg-brand-900 text-white lg:sticky lg:top-0 lg:h-screen">
        <div className="h-1 bg-accent-600" aria-hidden />
        <div className="flex items-center gap-2.5 px-4 py-4 lg:px-5 lg:py-5">
          <img src="/icon.svg" alt="" className="size-8 rounded-md" />
          <div className="leading-tight">
            <div className="font-bold tracking-wide">{t("app.name")}</div>
            <div className="text-xs text-white/60">{actor.committee.regionName}</div>
          </div>
        </div>
        <div className="px-3 pb-3 lg:pb-0">
          <SidebarNav sections={sectionsFor(roles)} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-10 flex h-16 items-center justify-between gap-4 border-b border-slate-200 bg-white/90 px-4 backdrop-blur sm:px-6 2xl:px-8">
          <div className="truncate text-sm text-slate-500">{actor.committee.name}</div>
          <div className="flex items-center gap-4">
            <LocaleSwitch />
            <NotificationBell actor={actor} />
            <UserMenu name={actor.name} unitName={actor.unit?.name ?? null} roleLabels={roles.map((role) => t(`roles.${role}`))} />
          </div>
        </header>
        <main className="flex-1 px-4 py-6 sm:px-6 sm:py-8 2xl:px-8">{children}</main>
      </div>
    </div>
  );
}
