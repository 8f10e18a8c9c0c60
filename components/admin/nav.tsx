"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { useI18n } from "@/lib/i18n/client";

export type AdminNavKey = "overview" | "users" | "units" | "groups" | "settings";

export function AdminNav({ items }: { items: AdminNavKey[] }) {
  const { t } = useI18n();
  const pathname = usePathname();
  return (
    <nav aria-label={t("nav.admin")} className="flex gap-1 overflow-x-auto border-b border-slate-200">
      {items.map((key) => {
        const href = key === "overview" ? "/admin" : `/admin/${key}`;
        const active = key === "overview" ? pathname === "/admin" : pathname.startsWith(href);
        return (
          <Link
            key={key}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-4 py-2.5 text-sm whitespace-nowrap transition-colors",
              active ? "border-brand-700 font-semibold text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {t(`admin.nav.${key}`)}
          </Link>
        );
      })}
    </nav>
  );
}
