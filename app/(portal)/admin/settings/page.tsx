import type { Metadata } from "next";
import { Badge, PageTitle } from "@/components/admin/list-kit";
import { SecurityPolicyForm, ThresholdsForm } from "@/components/admin/settings-forms";
import { Card } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { getSettings } from "@/lib/org/queries";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("admin.settings.title") };
}

export default async function AdminSettingsPage() {
  const actor = await requireSection("admin");
  const { t, locale } = await getTranslator();
  const settings = await getSettings(actor);
  const sections = [
    { key: "thresholds", hint: t("admin.settings.thresholdsHint"), editable: can(actor, "settings:write"), Form: ThresholdsForm },
    { key: "security", hint: t("admin.settings.securityHint"), editable: can(actor, "security:write"), Form: SecurityPolicyForm },
  ] as const;

  return (
    <div className="space-y-6">
      <PageTitle title={t("admin.settings.title")}>
        {settings.updatedAt && (
          <p className="text-sm text-slate-500">{t("admin.settings.updatedAt", { at: formatDateTime(settings.updatedAt, locale) })}</p>
        )}
      </PageTitle>
      {sections.map(({ key, hint, editable, Form }) => (
        <Card key={key} className="space-y-4 p-6">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div>
              <h3 className="font-semibold text-slate-900">{t(`admin.settings.${key}`)}</h3>
              <p className="text-sm text-slate-500">{hint}</p>
            </div>
            {!editable && <Badge tone="grey">{t("admin.common.readOnly")}</Badge>}
          </div>
          <Form values={settings} editable={editable} />
        </Card>
      ))}
    </div>
  );
}
