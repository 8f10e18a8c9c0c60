import type { Metadata } from "next";
import { MicroDetailPage } from "@/components/library/micro-detail";
import { requireSection } from "@/lib/auth/guards";
import { getTranslator } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("library.tabs.micro") };
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireSection("library");
  return <MicroDetailPage actor={actor} id={(await params).id} />;
}
