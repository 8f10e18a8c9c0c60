import type { Metadata } from "next";
import { AssessmentPage } from "@/components/assessment/assessment-page";
import { requireSection } from "@/lib/auth/guards";
import { getTranslator } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("assessment.title") };
}

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSection("assessment");
  return <AssessmentPage actor={actor} searchParams={await searchParams} />;
}
