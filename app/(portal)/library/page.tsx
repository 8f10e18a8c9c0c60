import type { Metadata } from "next";
import { LibraryPage } from "@/components/library/library-page";
import { requireSection } from "@/lib/auth/guards";
import { getTranslator } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("library.title") };
}

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSection("library");
  return <LibraryPage actor={actor} searchParams={await searchParams} />;
}
