import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  ChangeHistory,
  CloseOutList,
  MilestoneTimeline,
  NoticeList,
  ReportList,
  TaskAsOfNotice,
  TaskFields,
  TaskHeader,
  TaskLightCard,
} from "@/components/tasks/task-view";
import { InstructionSection } from "@/components/instructions/instruction-section";
import { CloseOutReviewPanel } from "@/components/tasks/closeout-review";
import { RequestChangeDialog } from "@/components/changes/change-actions";
import { TaskChangesSection } from "@/components/changes/task-changes";
import { TaskFormDialog } from "@/components/task-actions/task-form";
import { MilestoneToggle, TaskActions } from "@/components/task-actions/task-actions";
import { requireSection } from "@/lib/auth/guards";
import { changesOfTask } from "@/lib/changes/queries";
import { getTranslator } from "@/lib/i18n/server";
import { instructionsOfTask } from "@/lib/instructions/queries";
import type { InstructionSubjectOption } from "@/lib/instructions/types";
import { getTask } from "@/lib/ledger/queries";
import { env } from "@/lib/server/env";
import { NotFoundError } from "@/lib/server/errors";
import { closeOutReview, taskActionState, taskFormOptions, taskFormValues } from "@/lib/tasks/queries";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("ledger.title") };
}

export default async function TaskPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireSection("tasks");
  const { t } = await getTranslator();
  const { id } = await params;
  const asked = (await searchParams).asOf;
  const task = await getTask(actor, id, { asOf: Array.isArray(asked) ? asked[0] : asked }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });

  const actions = await taskActionState(actor, task.id);
  const closeOut = await closeOutReview(actor, task.id);
  const pendingCloseOut = closeOut.requests.find((request) => request.status === "PENDING");
  const changes = await changesOfTask(actor, task.id);
  const options = actions?.canEdit || changes.canRequest ? await taskFormOptions(actor) : null;
  const values = options ? await taskFormValues(actor, task.id) : null;
  const edit = actions?.canEdit && options ? { options, values } : null;
  // 领导批示 on the task, or on one of its recent reports or its notices
  const instructions = await instructionsOfTask(actor, task.id);
  const instructionSubjects: InstructionSubjectOption[] = [
    { type: "TASK", id: task.id, label: "" },
    ...task.reports
      .slice(0, 12)
      .map((report) => ({ type: "REPORT" as const, id: report.id, label: report.period.slice(0, 7), unit: report.unit })),
    ...task.notices.map((notice) => ({ type: "NOTICE" as const, id: notice.id, label: notice.number })),
  ];
  // a past day is a look back: the milestones show that day's states, so they are not ticked off here
  const past = task.asOf !== task.today;

  return (
    <div className="space-y-4">
      <Link
        href={past ? `/tasks?${new URLSearchParams({ year: String(task.year), asOf: task.asOf })}` : "/tasks"}
        className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-brand-700"
      >
        <ArrowLeft className="size-4" aria-hidden />
        {t("ledger.task.back")}
      </Link>
      <TaskAsOfNotice task={task} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <TaskHeader task={task} />
        {edit?.values && <TaskFormDialog mode="edit" options={edit.options} values={edit.values} controlled={changes.controlled} />}
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          {/* the office's 核验 panel comes first while an application waits: the evidence beside the facts */}
          {pendingCloseOut && actions?.canDecide && (
            <CloseOutReviewPanel review={closeOut} request={pendingCloseOut} canDecide={actions.canDecide} />
          )}
          <TaskFields task={task} />
          <TaskChangesSection
            changes={changes}
            action={
              changes.canRequest && options && values ? (
                <RequestChangeDialog
                  taskId={task.id}
                  values={values}
                  options={options}
                  pendingFiles={changes.pendingFiles}
                  maxMb={env().ATTACHMENT_MAX_MB}
                />
              ) : undefined
            }
          />
          <InstructionSection
            data={instructions}
            subjects={instructionSubjects}
            taskTitle={task.title}
            taskLeaderName={task.leader?.name ?? null}
            testId="task-instructions"
          />
          <MilestoneTimeline
            task={task}
            action={
              actions?.canEdit && !past
                ? (milestone) => (
                    <MilestoneToggle
                      milestoneId={milestone.id}
                      completed={Boolean(milestone.completedOn)}
                      version={actions.version}
                      today={task.today.slice(0, 10)}
                    />
                  )
                : undefined
            }
          />
          <ReportList task={task} />
        </div>
        <div className="space-y-4">
          {actions && <TaskActions state={actions} warnings={closeOut.warnings} />}
          <TaskLightCard task={task} />
          <NoticeList task={task} />
          <CloseOutList requests={closeOut.requests} />
          <ChangeHistory task={task} />
        </div>
      </div>
    </div>
  );
}
