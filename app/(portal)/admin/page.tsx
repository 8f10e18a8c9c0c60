import { ArrowRight, Building2, Settings, UsersRound, UserCog } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/guards";
import { can, type Action } from "@/lib/auth/permissions";
import { getTranslator } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("sections.admin.title") };
}

const CARDS = [
  { key: "users", permission: "user:read", icon: UserCog },
  { key: "units", permission: "unit:read", icon: Building2 },
  { key: "groups", permission: "group:read", icon: UsersRound },
  { key: "settings", permission: "settings:read", icon: Settings },
] as const satisfies readonly { key: string; permission: Action; icon: unknown }[];

export default async function AdminOverviewPage() {
  const actor = await requireSection("admin");
  const { t } = await getTranslator();
  return (
    <div className="space-y-6">
      <p className="text-slate-600">{t("admin.overview.intro")}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        {CARDS.filter((card) => can(actor, card.permission)).map(({ key, icon: Icon }) => (
          <Link key={key} href={`/admin/${key}`} className="group">
            <Card className="flex h-full flex-col gap-2 p-5 transition-shadow group-hover:shadow-md">
              <div className="flex items-center gap-2 font-semibold text-slate-900">
                <Icon className="size-5 text-brand-700" aria-hidden />
                {t(`admin.nav.${key}`)}
              </div>
              <p className="flex-1 text-sm text-slate-600">{t(`admin.overview.${key}`)}</p>
              <span className="inline-flex items-center gap-1 text-sm font-medium text-brand-700">
                {t("admin.overview.open")}
                <ArrowRight className="size-4 transition-transform group-hover:translate-x-1" aria-hidden />
              </span>
            </Card>
          </Link>
        ))}
      </div>
    </div>
  );
}
