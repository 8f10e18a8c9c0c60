import { Monitor } from "lucide-react";
import Link from "next/link";
import type { Metadata } from "next";
import { CockpitGroupBars, CockpitLightLegend } from "@/components/dashboard/cockpit-group-bars";
import {
  CockpitFilters,
  CockpitGroupTable,
  CockpitRankingCard,
  CockpitTaskTable,
  CockpitTiles,
  CockpitTrendTable,
} from "@/components/dashboard/cockpit-sections";
import { CockpitTrend } from "@/components/dashboard/cockpit-trend";
import { PendingInstructionsCard } from "@/components/instructions/pending-card";
import { WriteInstructionButton } from "@/components/instructions/write-instruction";
import { SignalsStrip } from "@/components/signals/signal-summary";
import { Card } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/guards";
import { getCockpit } from "@/lib/dashboard/cockpit";
import type { CockpitTask } from "@/lib/dashboard/types";
import { cockpitParams } from "@/lib/dashboard/cockpit-rules";
import { formatDate } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { parseDay } from "@/lib/ledger/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("cockpit.title") };
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSection("dashboard");
  const { t, locale } = await getTranslator();
  const search = await searchParams;
  const cockpit = await getCockpit(actor, cockpitParams(search));
  const asOfLabel = formatDate(parseDay(cockpit.asOf)!, locale);
  const pastDay = cockpit.asOf !== cockpit.today ? cockpit.asOf : null;
  const screenQuery = new URLSearchParams({
    year: String(cockpit.year),
    ...(cockpit.asOf !== cockpit.today ? { asOf: cockpit.asOf } : {}),
  });

  // a 批示 on any task of the lists, for leaders and the office (who records it for a leader)
  const writer = cockpit.instructionWriter;
  const instruct = writer
    ? {
        label: t("instructions.write.title"),
        render: (task: CockpitTask) => (
          <WriteInstructionButton
            compact
            writer={writer}
            subjects={[{ type: "TASK", id: task.id, label: "" }]}
            taskTitle={task.title}
            taskLeaderName={task.leaderName}
            testId="cockpit-instruct"
          />
        ),
      }
    : undefined;

  const myTasks = cockpit.myTasks && (
    <Card className="p-4" data-testid="cockpit-my-tasks">
      <h3 className="mb-3 font-semibold text-slate-900">{t("cockpit.myTasks.title")}</h3>
      <CockpitTaskTable
        list={cockpit.myTasks}
        testId="cockpit-my-task"
        empty={t("cockpit.myTasks.empty")}
        action={instruct}
        asOf={pastDay}
      />
    </Card>
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h2 className="text-xl font-semibold text-slate-900">{t("cockpit.title")}</h2>
          <p className="text-sm text-slate-600">{t("cockpit.subtitle", { year: cockpit.year, asOf: asOfLabel })}</p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <CockpitFilters cockpit={cockpit} />
          <Link
            href={`/dashboard/screen?${screenQuery}`}
            data-testid="cockpit-screen-link"
            className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            <Monitor className="size-4" aria-hidden />
            {t("cockpit.screen.open")}
          </Link>
        </div>
      </div>
      {cockpit.asOf !== cockpit.today && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="cockpit-past-notice">
          {t("cockpit.pastNotice", { date: asOfLabel })}
        </p>
      )}

      <CockpitTiles cockpit={cockpit} />

      {cockpit.instructions && <PendingInstructionsCard card={cockpit.instructions} testId="cockpit-instructions" />}
      {cockpit.signals && <SignalsStrip counts={cockpit.signals} t={t} locale={locale} />}

      {myTasks}

      <div className="grid gap-4 xl:grid-cols-2">
        <Card className="min-w-0 space-y-3 p-4" data-testid="cockpit-groups">
          <h3 className="font-semibold text-slate-900">{t("cockpit.groups.title")}</h3>
          {cockpit.groups.length === 0 ? (
            <p className="text-sm text-slate-600">{t("cockpit.groups.empty")}</p>
          ) : (
            <>
              <CockpitLightLegend />
              <CockpitGroupBars groups={cockpit.groups} />
              <CockpitGroupTable groups={cockpit.groups} />
            </>
          )}
        </Card>
        <Card className="min-w-0 space-y-3 p-4" data-testid="cockpit-trend">
          <h3 className="font-semibold text-slate-900">{t("cockpit.trend.title")}</h3>
          {cockpit.trend.length === 0 ? (
            <p className="text-sm text-slate-600">{t("cockpit.trend.empty")}</p>
          ) : (
            <>
              <CockpitTrend points={cockpit.trend} />
              <CockpitTrendTable points={cockpit.trend} />
            </>
          )}
        </Card>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <CockpitRankingCard
          title={t("cockpit.ranking.onSchedule")}
          hint={t("cockpit.ranking.onScheduleHint")}
          ranking={cockpit.onSchedule}
          testId="cockpit-rank-schedule"
        />
        <CockpitRankingCard
          title={t("cockpit.ranking.timeliness")}
          hint={t("cockpit.ranking.timelinessHint")}
          ranking={cockpit.timeliness}
          testId="cockpit-rank-timeliness"
        />
      </div>

      <Card className="p-4" data-testid="cockpit-key-tasks">
        <h3 className="mb-3 font-semibold text-slate-900">{t("cockpit.keyTasks.title")}</h3>
        <CockpitTaskTable
          list={cockpit.keyTasks}
          testId="cockpit-key-task"
          empty={t("cockpit.keyTasks.empty")}
          action={instruct}
          asOf={pastDay}
        />
      </Card>
    </div>
  );
}
