import type { ReactNode } from "react";
import { AdminNav, type AdminNavKey } from "@/components/admin/nav";
import { requireSection } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getTranslator } from "@/lib/i18n/server";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await requireSection("admin");
  const { t } = await getTranslator();
  const items: AdminNavKey[] = ["overview"];
  if (can(actor, "user:read")) items.push("users");
  if (can(actor, "unit:read")) items.push("units");
  if (can(actor, "group:read")) items.push("groups");
  if (can(actor, "settings:read")) items.push("settings");
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="space-y-4">
        <h1 className="text-2xl font-bold text-slate-900">{t("sections.admin.title")}</h1>
        <AdminNav items={items} />
      </div>
      {children}
    </div>
  );
}
