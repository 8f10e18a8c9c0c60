import type { ReactNode } from "react";
import { TabNav, type Tab } from "@/components/ui/tab-nav";
import { requireSection } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getTranslator } from "@/lib/i18n/server";

/** 进度报送: the "1+2" reports, each tab shown to the roles that use it. */
export default async function ReportsLayout({ children }: { children: ReactNode }) {
  const actor = await requireSection("reports");
  const { t } = await getTranslator();
  const tabs: Tab[] = [];
  if (can(actor, "report:write")) tabs.push({ href: "/reports", label: t("reportsNav.owed"), exact: true });
  if (can(actor, "report:review")) tabs.push({ href: "/reports/review", label: t("reportsNav.review") });
  if (can(actor, "signal:read")) tabs.push({ href: "/reports/signals", label: t("reportsNav.signals") });
  tabs.push({ href: "/reports/info", label: t("reportsNav.info") });
  tabs.push({ href: "/reports/quarterly", label: t("reportsNav.quarterly") });
  tabs.push({ href: "/reports/compliance", label: t("reportsNav.compliance") });
  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <div className="space-y-4">
        <h1 className="text-2xl font-bold text-slate-900">{t("sections.reports.title")}</h1>
        <TabNav tabs={tabs} label={t("sections.reports.title")} />
      </div>
      {children}
    </div>
  );
}
