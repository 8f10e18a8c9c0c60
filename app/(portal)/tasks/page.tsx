import { Download, FileSpreadsheet, Printer } from "lucide-react";
import Link from "next/link";
import type { Metadata } from "next";
import { ColumnChooser, LedgerTable } from "@/components/ledger/ledger-table";
import { LedgerToolbar } from "@/components/ledger/ledger-toolbar";
import { requireSection } from "@/lib/auth/guards";
import { formatDate } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { ledgerOptions, listLedger } from "@/lib/ledger/queries";
import { ledgerHref, ledgerQuery, parseDay, parseLedgerParams } from "@/lib/ledger/schemas";
import { TaskFormDialog } from "@/components/task-actions/task-form";
import { can } from "@/lib/auth/permissions";
import { taskFormOptions, type TaskFormOptions, type TaskFormValues } from "@/lib/tasks/queries";

/** A new task's starting values: this year's plan, the first group, the whole year as its span. */
function blankTask(options: TaskFormOptions, year: number): TaskFormValues {
  return {
    planId: (options.plans.find((plan) => plan.year === year) ?? options.plans[0])?.id ?? "",
    workPointId: "",
    groupId: options.groups[0]?.id ?? "",
    code: "",
    title: "",
    goal: "",
    outcome: "",
    leadUnitId: "",
    cooperatingUnitIds: [],
    leaderId: "",
    isKey: false,
    source: "SELF",
    pilotLevel: "",
    startDate: `${year}-01-01`,
    dueDate: `${year}-12-31`,
    milestones: [{ title: "", plannedDate: `${year}-12-31`, plannedPercent: 100 }],
  };
}

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("ledger.title") };
}

export default async function TasksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSection("tasks");
  const { t, locale } = await getTranslator();
  const params = parseLedgerParams(await searchParams);
  const [page, options] = await Promise.all([listLedger(actor, params), ledgerOptions(actor)]);
  const view = { ...params, year: params.year ?? page.year };
  const create = can(actor, "task:write", { committeeId: actor.committee.id }) ? await taskFormOptions(actor) : null;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h2 className="text-xl font-semibold text-slate-900">{t("ledger.title")}</h2>
          <p className="text-sm text-slate-500">
            {t("ledger.subtitle", { year: page.year, asOf: formatDate(parseDay(page.asOf)!, locale) })}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2" data-print="hide">
          <Link
            href="/tasks/plans"
            className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            <FileSpreadsheet className="size-4" aria-hidden />
            {t("plans.title")}
          </Link>
          <Link
            href="/tasks/views"
            data-testid="ledger-views-link"
            className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            {t("views.nav")}
          </Link>
          <Link
            href={`/tasks/changes?year=${page.year}`}
            data-testid="ledger-changes-link"
            className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            {t("changes.title")}
          </Link>
          <Link
            href="/tasks/timeline"
            data-testid="ledger-timeline-link"
            className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            {t("timeline.nav")}
          </Link>
          {create && <TaskFormDialog mode="create" options={create} values={blankTask(create, page.year)} />}
          <a
            href={ledgerHref(params, {}, "/tasks/export")}
            data-testid="ledger-export"
            className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            <Download className="size-4" aria-hidden />
            {t("ledger.export.button")}
          </a>
          <a
            href={`/tasks/print?${new URLSearchParams({ ...ledgerQuery(params), print: "1" })}`}
            target="_blank"
            rel="noopener"
            title={t("ledger.printView.hint")}
            data-testid="ledger-print-all"
            className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            <Printer className="size-4" aria-hidden />
            {t("ledger.print")}
          </a>
          <ColumnChooser params={params} />
        </div>
      </div>
      <div data-print="hide">
        <LedgerToolbar params={params} page={page} options={options} />
      </div>
      <LedgerTable rows={page.rows} total={page.total} params={view} asOf={page.asOf !== page.today ? page.asOf : null} />
    </div>
  );
}
