import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { auditFiltersToQuery, type AuditFilters } from "@/lib/audit/schemas";
import { formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";

const LINK =
  "inline-flex h-8 items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-700 hover:bg-slate-50";
const DISABLED = "inline-flex h-8 items-center gap-1 rounded-md border border-slate-200 px-2.5 text-sm text-slate-300";

export async function AuditPagination({
  filters,
  total,
  page,
  pageCount,
}: {
  filters: AuditFilters;
  total: number;
  page: number;
  pageCount: number;
}) {
  const { locale, t } = await getTranslator();
  const href = (target: number) => {
    const query = auditFiltersToQuery(filters, { page: target });
    return query ? `/audit?${query}` : "/audit";
  };
  const previous = (
    <>
      <ChevronLeft className="size-4" aria-hidden />
      {t("audit.previous")}
    </>
  );
  const next = (
    <>
      {t("audit.next")}
      <ChevronRight className="size-4" aria-hidden />
    </>
  );
  return (
    <nav aria-label={t("audit.pageOf", { page, pages: pageCount })} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
      <p className="text-sm text-slate-500" data-testid="audit-total">
        {t("audit.total", { total: formatNumber(total, locale) })} · {t("audit.pageOf", { page, pages: pageCount })}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(Math.min(page - 1, pageCount))} className={LINK} rel="prev">
            {previous}
          </Link>
        ) : (
          <span className={DISABLED} aria-disabled>
            {previous}
          </span>
        )}
        {page < pageCount ? (
          <Link href={href(page + 1)} className={LINK} rel="next">
            {next}
          </Link>
        ) : (
          <span className={DISABLED} aria-disabled>
            {next}
          </span>
        )}
      </div>
    </nav>
  );
}
