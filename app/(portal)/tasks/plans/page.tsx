import { PlanStatusBadge } from "@/components/plans/plan-status";
import { Download } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { CopyUnfinished, CreatePlanButton, ImportPlan } from "@/components/plans/plan-actions";
import { ScopeNote } from "@/components/plans/scope-note";
import { Card } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { listPlans } from "@/lib/plans/queries";
import { now } from "@/lib/server/clock";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("plans.title") };
}

export default async function PlansPage() {
  const actor = await requireSection("tasks");
  const { t, locale } = await getTranslator();
  const plans = await listPlans(actor);
  const canWrite = can(actor, "plan:write", { committeeId: actor.committee.id });
  // the same for every plan of the committee: how much of each the actor reads
  const reach = plans[0]?.reach ?? "whole";

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-bold text-slate-900">{t("plans.title")}</h1>
          <p className="text-sm text-slate-500">{canWrite ? t("plans.subtitle") : t("plans.readerSubtitle")}</p>
        </div>
        {canWrite && <CreatePlanButton defaultYear={now().getUTCFullYear() + 1} />}
      </div>
      {reach !== "whole" && (
        <ScopeNote
          note={t(`plans.scope.note.${reach}`)}
          ledger={t("plans.scope.ledger")}
          toLedger={t("plans.scope.toLedger")}
          href="/tasks"
        />
      )}
      {plans.length === 0 && <Card className="p-8 text-center text-slate-500">{t("plans.empty")}</Card>}
      <div className="space-y-4">
        {plans.map((plan) => {
          const previous = plans.find((other) => other.year === plan.year - 1);
          return (
            <Card key={plan.id} className="space-y-4 p-5" data-testid={`plan-${plan.year}`}>
              <div className="flex flex-wrap items-start justify-between gap-4">
                <div className="space-y-1">
                  <div className="flex items-center gap-2">
                    <span className="rounded-md bg-brand-50 px-2 py-0.5 text-sm font-semibold text-brand-700">{plan.year}</span>
                    <h2 className="text-lg font-semibold text-slate-900">
                      <Link href={`/tasks/plans/${plan.id}`} className="hover:text-brand-700 hover:underline" title={t("plans.open")}>
                        {plan.title}
                      </Link>
                    </h2>
                    <PlanStatusBadge status={plan.status} label={t(`plans.statuses.${plan.status}`)} />
                  </div>
                  <p className="text-sm text-slate-500">
                    {[plan.docNumber, plan.issuedOn ? formatDate(plan.issuedOn, locale) : null].filter(Boolean).join(" · ")}
                  </p>
                </div>
                <dl className="flex gap-6 text-center">
                  {(
                    [
                      ["points", plan.points],
                      ["tasks", plan.tasks],
                      ["done", plan.done],
                    ] as const
                  ).map(([key, value]) => (
                    <div key={key} data-testid={`plan-figure-${key}`}>
                      <dt className="text-xs text-slate-500">{t(`plans.scope.${key}.${plan.reach}`)}</dt>
                      <dd className="text-xl font-semibold text-slate-900 tabular-nums">{formatNumber(value, locale)}</dd>
                    </div>
                  ))}
                </dl>
              </div>
              {(plan.workbook || canWrite) && (
                <div className="flex flex-wrap items-start gap-3 border-t border-slate-100 pt-4">
                  {plan.workbook && (
                    <a
                      href={`/tasks/plans/${plan.id}/workbook`}
                      className="inline-flex h-8 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-xs font-medium text-slate-800 hover:bg-slate-50"
                      title={t("plans.downloadHint")}
                      data-testid="plan-workbook"
                    >
                      <Download className="size-3.5" aria-hidden />
                      {t("plans.download")}
                    </a>
                  )}
                  {canWrite && <ImportPlan planId={plan.id} />}
                  {canWrite && previous && <CopyUnfinished planId={plan.id} fromPlanId={previous.id} />}
                </div>
              )}
            </Card>
          );
        })}
      </div>
    </div>
  );
}
