import Link from "next/link";
import { getTranslator } from "@/lib/i18n/server";

export default async function NotFound() {
  const { t } = await getTranslator();
  return (
    <div className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-4 text-center">
      <div className="text-5xl font-bold text-slate-300">404</div>
      <p className="text-slate-600">{t("common.notFound")}</p>
      <Link href="/" className="text-sm font-medium text-brand-700 hover:underline">
        {t("common.backHome")}
      </Link>
    </div>
  );
}
