import { Download } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditPagination } from "@/components/audit/audit-pagination";
import { AuditTable } from "@/components/audit/audit-table";
import { Card } from "@/components/ui/card";
import { listAuditEvents } from "@/lib/audit/queries";
import { AUDIT_EXPORT_MAX_ROWS, auditFiltersToQuery, parseAuditFilters } from "@/lib/audit/schemas";
import { requireSection } from "@/lib/auth/guards";
import { formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { authorizeRead } from "@/lib/server/action";
import { AppError } from "@/lib/server/errors";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("audit.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireSection("audit");
  try {
    authorizeRead(actor, "audit:read");
  } catch (error) {
    if (error instanceof AppError) notFound();
    throw error;
  }
  const { locale, t } = await getTranslator();
  const filters = parseAuditFilters(await searchParams);
  const result = await listAuditEvents(actor, filters);
  const query = auditFiltersToQuery(filters);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-bold text-slate-900">{t("audit.title")}</h1>
          <p className="text-sm text-slate-600">{t("audit.subtitle", { committee: actor.committee.name })}</p>
        </div>
        <a
          href={query ? `/audit/export?${query}` : "/audit/export"}
          data-testid="audit-export"
          title={t("audit.export.hint", { max: formatNumber(AUDIT_EXPORT_MAX_ROWS, locale) })}
          className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          <Download className="size-4 text-brand-700" aria-hidden />
          {t("audit.export.link")}
        </a>
      </div>
      <AuditFilters filters={filters} />
      <Card className="overflow-hidden">
        <AuditTable rows={result.rows} />
        <div className="border-t border-slate-200">
          <AuditPagination filters={filters} total={result.total} page={result.page} pageCount={result.pageCount} />
        </div>
      </Card>
    </div>
  );
}
