import { PlanStatusBadge } from "@/components/plans/plan-status";
import { ArrowLeft, Download } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { IssuePlanButton } from "@/components/plans/issue-plan";
import { ScopeNote } from "@/components/plans/scope-note";
import { AddWorkPointButton, EditPlanButton, WorkPointActions } from "@/components/plans/work-point-actions";
import { Card } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { getPlanDetail } from "@/lib/plans/queries";
import { NotFoundError } from "@/lib/server/errors";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("plans.pointList") };
}

export default async function PlanPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireSection("tasks");
  const { t, locale } = await getTranslator();
  const { id } = await params;
  const plan = await getPlanDetail(actor, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const canWrite = can(actor, "plan:write", { committeeId: plan.committeeId });
  const { reach } = plan;
  const ledgerHref = `/tasks?year=${plan.year}`;

  const facts = [
    [t("plans.docNumber"), plan.docNumber ?? t("plans.notGiven"), "doc"],
    [t("plans.issuedOn"), plan.issuedOn ? formatDate(plan.issuedOn, locale) : t("plans.notGiven"), "issued"],
    [t(`plans.scope.points.${reach}`), formatNumber(plan.points, locale), "points"],
    [t(`plans.scope.tasks.${reach}`), formatNumber(plan.tasks, locale), "tasks"],
  ] as const;

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <Link href="/tasks/plans" className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-brand-700">
        <ArrowLeft className="size-4" aria-hidden />
        {t("plans.back")}
      </Link>

      <Card className="space-y-4 p-5" data-testid="plan-header">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="flex items-center gap-2">
            <span className="rounded-md bg-brand-50 px-2 py-0.5 text-sm font-semibold text-brand-700">{plan.year}</span>
            <h1 className="text-2xl font-bold text-slate-900">{plan.title}</h1>
            <PlanStatusBadge status={plan.status} label={t(`plans.statuses.${plan.status}`)} />
          </div>
          <div className="flex flex-wrap items-center gap-2">
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
            {canWrite && plan.status === "DRAFT" && (
              <IssuePlanButton
                plan={{
                  id: plan.id,
                  docNumber: plan.docNumber,
                  issuedOn: plan.issuedOn?.toISOString().slice(0, 10) ?? null,
                  updatedAt: plan.updatedAt,
                }}
              />
            )}
            {canWrite && (
              <EditPlanButton
                plan={{
                  id: plan.id,
                  title: plan.title,
                  docNumber: plan.docNumber,
                  issuedOn: plan.issuedOn?.toISOString().slice(0, 10) ?? null,
                  updatedAt: plan.updatedAt,
                }}
              />
            )}
          </div>
        </div>
        <p className="text-sm text-slate-500" data-testid="plan-status-note">
          {plan.status === "ISSUED"
            ? t("plans.issuedNote", { docNumber: plan.docNumber ?? "", date: plan.issuedOn ? formatDate(plan.issuedOn, locale) : "" })
            : t("plans.draftNote")}
        </p>
        <dl className="grid grid-cols-2 gap-4 border-t border-slate-100 pt-4 sm:grid-cols-4">
          {facts.map(([label, value, key]) => (
            <div key={key} className="space-y-0.5" data-testid={`plan-fact-${key}`}>
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="text-sm font-medium text-slate-900 tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
        {reach !== "whole" && (
          <ScopeNote
            note={t(`plans.scope.note.${reach}`)}
            ledger={t("plans.scope.ledger")}
            toLedger={t("plans.scope.toLedger")}
            href={ledgerHref}
          />
        )}
      </Card>

      <section className="space-y-4" aria-labelledby="work-points">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="space-y-1">
            <h2 id="work-points" className="text-lg font-semibold text-slate-900">
              {t("plans.pointList")}
            </h2>
            <p className="text-sm text-slate-500">{t("plans.pointListHint")}</p>
          </div>
          {canWrite && <AddWorkPointButton planId={plan.id} groups={plan.groups} />}
        </div>

        {plan.sections.length === 0 && (
          <Card className="space-y-1 p-8 text-center" data-testid="plan-no-points">
            <p className="text-slate-700">{reach === "whole" ? t("plans.noPoints") : t(`plans.scope.noPoints.${reach}`)}</p>
            {canWrite && <p className="text-sm text-slate-500">{t("plans.noPointsHint")}</p>}
          </Card>
        )}

        {plan.sections.map((section) => (
          <Card key={section.groupId} className="overflow-hidden" data-testid={`group-${section.groupId}`}>
            <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 border-b border-slate-100 bg-slate-50 px-4 py-2.5 sm:px-5">
              <h3 className="text-sm font-semibold text-slate-800">{section.groupName}</h3>
              <div className="flex items-center gap-2">
                <span className="text-xs text-slate-500 tabular-nums" data-testid="group-figures">
                  <span className="whitespace-nowrap">
                    {t(`plans.scope.points.${reach}`)} {formatNumber(section.points.length, locale)}
                  </span>
                  <span className="px-1.5 text-slate-300" aria-hidden>
                    ·
                  </span>
                  <span className="whitespace-nowrap">
                    {t(`plans.scope.tasks.${reach}`)} {formatNumber(section.tasks, locale)}
                  </span>
                </span>
                {canWrite && <AddWorkPointButton planId={plan.id} groups={plan.groups} groupId={section.groupId} compact />}
              </div>
            </div>
            <ol className="divide-y divide-slate-100">
              {section.points.map((point) => (
                <li key={point.id} className="flex items-start gap-3 px-4 py-3 sm:px-5" data-testid={`point-${point.number}`}>
                  <span className="min-w-14 shrink-0 pt-0.5 text-sm font-semibold whitespace-nowrap text-brand-700 sm:min-w-16">
                    {point.number}
                  </span>
                  {/* on a phone the figures go under the text; on a wide screen to its right */}
                  <div className="flex min-w-0 flex-1 flex-col gap-1.5 pt-0.5 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
                    <p className="text-sm leading-6 text-slate-800">{point.title}</p>
                    <div className="flex shrink-0 items-center gap-2 sm:flex-col sm:items-end sm:gap-1">
                      <span
                        data-testid="point-tasks"
                        className={
                          point.tasks
                            ? "rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-brand-700 tabular-nums"
                            : "rounded-full bg-slate-100 px-2 py-0.5 text-xs whitespace-nowrap text-slate-500 tabular-nums"
                        }
                      >
                        {t(`plans.scope.pointTasks.${reach}`, { count: formatNumber(point.tasks, locale) })}
                      </span>
                      {point.leadTasks !== null && (
                        <span className="text-xs whitespace-nowrap text-slate-500 tabular-nums" data-testid="point-lead">
                          {[
                            point.leadTasks > 0 && t("plans.scope.leads", { count: formatNumber(point.leadTasks, locale) }),
                            point.tasks > point.leadTasks &&
                              t("plans.scope.cooperates", { count: formatNumber(point.tasks - point.leadTasks, locale) }),
                          ]
                            .filter(Boolean)
                            .join(" · ")}
                        </span>
                      )}
                    </div>
                  </div>
                  {canWrite && <WorkPointActions point={point} groups={plan.groups} />}
                </li>
              ))}
            </ol>
          </Card>
        ))}

        {plan.unassigned > 0 && (
          <p className="text-sm text-slate-500">{t(`plans.scope.unassigned.${reach}`, { count: formatNumber(plan.unassigned, locale) })}</p>
        )}
      </section>
    </div>
  );
}
