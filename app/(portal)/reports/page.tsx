import type { Metadata } from "next";
import { UnderConstruction } from "@/components/shell/under-construction";
import { requireSection } from "@/lib/auth/guards";
import { getTranslator } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("sections.reports.title") };
}

export default async function Page() {
  await requireSection("reports");
  return <UnderConstruction section="reports" />;
}
