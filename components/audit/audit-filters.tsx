import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { AUDIT_EVENT_PREFIXES, AUDIT_RESULTS, type AuditFilters as Filters } from "@/lib/audit/schemas";
import { getTranslator } from "@/lib/i18n/server";

const INPUT =
  "h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100";

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A plain GET form: the filters live in the URL, so a search can be bookmarked and exported. */
export async function AuditFilters({ filters }: { filters: Filters }) {
  const { t } = await getTranslator();
  return (
    <Card className="p-4">
      <form method="get" action="/audit" aria-label={t("audit.filters.legend")} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <Field id="audit-actor" label={t("audit.filters.actor")}>
            <input
              id="audit-actor"
              name="actor"
              defaultValue={filters.actor}
              maxLength={100}
              placeholder={t("audit.filters.actorPlaceholder")}
              className={INPUT}
            />
          </Field>
          <Field id="audit-prefix" label={t("audit.filters.prefix")}>
            <select id="audit-prefix" name="prefix" defaultValue={filters.prefix ?? ""} className={INPUT}>
              <option value="">{t("audit.filters.anyPrefix")}</option>
              {AUDIT_EVENT_PREFIXES.map((prefix) => (
                <option key={prefix} value={prefix}>
                  {t(`audit.prefixes.${prefix}`)}（{prefix}.*）
                </option>
              ))}
            </select>
          </Field>
          <Field id="audit-event" label={t("audit.filters.event")}>
            <input
              id="audit-event"
              name="event"
              defaultValue={filters.event}
              maxLength={100}
              placeholder={t("audit.filters.eventPlaceholder")}
              className={INPUT}
            />
          </Field>
          <Field id="audit-result" label={t("audit.filters.result")}>
            <select id="audit-result" name="result" defaultValue={filters.result ?? ""} className={INPUT}>
              <option value="">{t("audit.filters.anyResult")}</option>
              {AUDIT_RESULTS.map((result) => (
                <option key={result} value={result}>
                  {t(`audit.results.${result}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="audit-target-type" label={t("audit.filters.targetType")}>
            <input
              id="audit-target-type"
              name="targetType"
              defaultValue={filters.targetType}
              maxLength={60}
              placeholder={t("audit.filters.targetTypePlaceholder")}
              className={INPUT}
            />
          </Field>
          <Field id="audit-target-id" label={t("audit.filters.targetId")}>
            <input id="audit-target-id" name="targetId" defaultValue={filters.targetId} maxLength={100} className={INPUT} />
          </Field>
          <Field id="audit-from" label={t("audit.filters.from")}>
            <input id="audit-from" name="from" type="date" defaultValue={filters.from} className={INPUT} />
          </Field>
          <Field id="audit-to" label={t("audit.filters.to")}>
            <input id="audit-to" name="to" type="date" defaultValue={filters.to} className={INPUT} />
          </Field>
        </div>
        <div className="flex items-center justify-end gap-2">
          <Link
            href="/audit"
            className="inline-flex h-9 items-center rounded-md px-3 text-sm font-medium text-slate-700 hover:bg-slate-100"
          >
            {t("audit.filters.reset")}
          </Link>
          <Button type="submit" className="h-9">
            {t("audit.filters.submit")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
