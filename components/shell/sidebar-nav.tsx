"use client";

import {
  Award,
  ClipboardList,
  FileClock,
  Gauge,
  House,
  Lightbulb,
  type LucideIcon,
  MessageSquareQuote,
  ScrollText,
  Settings,
  ShieldAlert,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import type { Section } from "@/lib/auth/sections";
import { useI18n } from "@/lib/i18n/client";

const ICONS: Record<Section | "home", LucideIcon> = {
  home: House,
  dashboard: Gauge,
  tasks: ClipboardList,
  reports: FileClock,
  supervision: ShieldAlert,
  instructions: MessageSquareQuote,
  assessment: Award,
  library: Lightbulb,
  admin: Settings,
  audit: ScrollText,
};

export function SidebarNav({ sections }: { sections: Section[] }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const items = [{ key: "home" as const, href: "/" }, ...sections.map((key) => ({ key, href: `/${key}` }))];

  return (
    <nav aria-label={t("app.name")} className="flex gap-1 overflow-x-auto lg:flex-col lg:overflow-visible">
      {items.map(({ key, href }) => {
        const Icon = ICONS[key];
        const active = href === "/" ? pathname === "/" : pathname.startsWith(href);
        return (
          <Link
            key={key}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex shrink-0 items-center gap-3 rounded-lg px-3 py-2 text-sm whitespace-nowrap transition-colors",
              active ? "bg-white/15 font-semibold text-white" : "text-white/75 hover:bg-white/10 hover:text-white",
            )}
          >
            <Icon className="size-4.5" aria-hidden />
            {t(`nav.${key}`)}
          </Link>
        );
      })}
    </nav>
  );
}
