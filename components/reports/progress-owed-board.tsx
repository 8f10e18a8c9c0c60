"use client";

// 本月待报: the cards of the month's owed tasks and the 全部提交 button. The board holds every
// card's input, so a stale save (409) keeps what the user typed, and 全部提交 can first save the
// cards changed since their last save, then submit them all in one all-or-nothing request.
import { Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ActionResult } from "@/lib/forms/action-result";
import { useI18n } from "@/lib/i18n/client";
import { saveReportDraftAction, submitManyReportsAction } from "@/lib/reports/actions";
import type { LeadValues, OwedTask, ReportSnapshot } from "@/lib/reports/types";
import { EDITABLE_STATES, ProgressReportCard, stateOf, type CardState, type FieldErrors } from "./progress-report-card";

const EMPTY: LeadValues = { progress: "", percent: "", percentDropReason: "", problems: "", nextSteps: "" };

function valuesOf(report: {
  progress: string;
  percent: number | null;
  percentDropReason?: string | null;
  problems: string | null;
  nextSteps: string | null;
}): LeadValues {
  return {
    progress: report.progress,
    percent: report.percent === null ? "" : String(report.percent),
    percentDropReason: report.percentDropReason ?? "",
    problems: report.problems ?? "",
    nextSteps: report.nextSteps ?? "",
  };
}

function initialCard(task: OwedTask): CardState {
  return {
    values: task.report ? valuesOf(task.report) : task.prefill ? valuesOf(task.prefill) : EMPTY,
    saved: task.report,
    dirty: false,
    errors: {},
    notice: null,
    conflict: null,
  };
}

const hasContent = (values: LeadValues) => Object.values(values).some((value) => value.trim() !== "");

/** A card goes into 全部提交 when it may still change and holds something: a saved draft, or new input. */
function isCandidate(card: CardState): boolean {
  return EDITABLE_STATES.includes(stateOf(card)) && (card.saved !== null || (card.dirty && hasContent(card.values)));
}

function inputOf(task: OwedTask, period: string, card: CardState) {
  const percent = card.values.percent.trim();
  return {
    taskId: task.taskId,
    period,
    progress: card.values.progress,
    percent: percent === "" ? null : Number(percent),
    percentDropReason: card.values.percentDropReason,
    problems: card.values.problems,
    nextSteps: card.values.nextSteps,
    version: card.saved?.version ?? null,
  };
}

type Failure = Extract<ActionResult<unknown>, { ok: false }>;

/** A failed write as this card shows it: the conflict, the field messages, or one line. */
function failureOf(result: Failure): Partial<CardState> {
  if (result.status === 409) {
    const current = (result.conflict as { report?: ReportSnapshot | null } | undefined)?.report ?? null;
    return { conflict: { current }, notice: null };
  }
  const { _form: form, ...fields } = result.fieldErrors ?? {};
  return { errors: fields, notice: { tone: "error", text: [result.message, ...(form ?? [])].join(" ") } };
}

export function ProgressOwedBoard({ period, tasks, maxMb }: { period: string; tasks: OwedTask[]; maxMb: number }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [cards, setCards] = useState<Record<string, CardState>>(() =>
    Object.fromEntries(tasks.map((task) => [task.taskId, initialCard(task)])),
  );
  const [banner, setBanner] = useState<{ tone: "error" | "ok"; text: string } | null>(null);

  const update = (taskId: string, patch: Partial<CardState>) =>
    setCards((previous) => ({ ...previous, [taskId]: { ...previous[taskId]!, ...patch } }));
  const edit = (taskId: string, field: keyof LeadValues, value: string) =>
    setCards((previous) => {
      const card = previous[taskId]!;
      return { ...previous, [taskId]: { ...card, values: { ...card.values, [field]: value }, dirty: true, notice: null } };
    });

  /** Saves one card; returns the saved report, or null when the card now shows why not. */
  async function save(task: OwedTask, card: CardState): Promise<ReportSnapshot | null> {
    const result = await saveReportDraftAction(inputOf(task, period, card));
    if (result.ok) {
      const saved = (result.data as { report: ReportSnapshot }).report;
      update(task.taskId, { saved, dirty: false, errors: {}, conflict: null, notice: { tone: "ok", text: t("reports.owed.saved") } });
      return saved;
    }
    update(task.taskId, failureOf(result));
    return null;
  }

  /** The report files go on: the saved one, or a draft saved now from what the card shows. */
  async function ensureReport(task: OwedTask): Promise<string | null> {
    const card = cards[task.taskId]!;
    if (card.saved) return card.saved.id;
    setBanner(null);
    return (await save(task, card))?.id ?? null;
  }

  const saveOne = (task: OwedTask, card: CardState) =>
    startTransition(async () => {
      setBanner(null);
      if (await save(task, card)) router.refresh();
    });

  const candidates = tasks.filter((task) => cards[task.taskId] && isCandidate(cards[task.taskId]!));

  /** Saves what changed, then submits the given cards together (all or nothing). */
  const submit = (candidates: OwedTask[]) =>
    startTransition(async () => {
      setBanner(null);
      if (candidates.length === 0) {
        setBanner({ tone: "error", text: t("reports.owed.nothingToSubmit") });
        return;
      }
      const items: { task: OwedTask; id: string; version: number }[] = [];
      let failed = false;
      for (const task of candidates) {
        const card = cards[task.taskId]!;
        const saved = card.dirty || !card.saved ? await save(task, card) : card.saved;
        if (saved) items.push({ task, id: saved.id, version: saved.version });
        else failed = true;
      }
      if (failed) {
        setBanner({ tone: "error", text: t("reports.owed.fixErrors") });
        router.refresh();
        return;
      }
      const result = await submitManyReportsAction({ ids: items.map(({ id, version }) => ({ id, version })) });
      if (result.ok) {
        const submitted = (result.data as { reports: ReportSnapshot[] }).reports;
        for (const [index, saved] of submitted.entries()) {
          const item = items[index];
          if (item) update(item.task.taskId, { saved, errors: {}, notice: { tone: "ok", text: t("reports.owed.submittedOne") } });
        }
        setBanner({ tone: "ok", text: t("reports.owed.submittedAll", { count: submitted.length }) });
      } else if (result.status === 422 && result.fieldErrors) {
        // messages keyed items.<index>.<field> go to the card at that index
        const byCard = new Map<string, FieldErrors>();
        for (const [key, messages] of Object.entries(result.fieldErrors)) {
          const match = /^items\.(\d+)\.(.+)$/.exec(key);
          const item = match ? items[Number(match[1])] : undefined;
          if (!item || !match) continue;
          byCard.set(item.task.taskId, { ...byCard.get(item.task.taskId), [match[2]!]: messages });
        }
        for (const [taskId, errors] of byCard) {
          const { _form: form, ...fields } = errors;
          update(taskId, { errors: fields, notice: { tone: "error", text: [result.message, ...(form ?? [])].join(" ") } });
        }
        setBanner({ tone: "error", text: t("reports.owed.fixErrors") });
      } else if (result.status === 409) {
        const conflict = result.conflict as { index?: number; report?: ReportSnapshot | null } | undefined;
        const item = conflict?.index === undefined ? undefined : items[conflict.index];
        if (item) update(item.task.taskId, { conflict: { current: conflict?.report ?? null } });
        setBanner({ tone: "error", text: result.message });
      } else {
        setBanner({ tone: "error", text: result.message });
      }
      router.refresh();
    });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-brand-100 bg-brand-50/60 px-4 py-3">
        <p className="text-sm text-slate-600">{t("reports.owed.submitAllHint", { count: candidates.length })}</p>
        <Button type="button" onClick={() => submit(candidates)} disabled={pending} data-testid="submit-all">
          <Send className="size-4" aria-hidden />
          {t("reports.owed.submitAll")}
        </Button>
        {banner && (
          <p
            role={banner.tone === "error" ? "alert" : "status"}
            data-testid="submit-all-message"
            className={cn(
              "w-full rounded-md px-3 py-2 text-sm",
              banner.tone === "error" ? "bg-red-50 text-red-700" : "bg-green-50 text-light-green",
            )}
          >
            {banner.text}
          </p>
        )}
      </div>
      {tasks.map((task) => {
        const card = cards[task.taskId];
        if (!card) return null;
        return (
          <ProgressReportCard
            key={task.taskId}
            task={task}
            card={card}
            pending={pending}
            onChange={(field, value) => edit(task.taskId, field, value)}
            onSave={() => saveOne(task, card)}
            onSubmit={() => submit([task])}
            maxMb={maxMb}
            ensureReport={() => ensureReport(task)}
            onKeepMine={() => {
              if (!card.conflict?.current) return;
              saveOne(task, { ...card, saved: card.conflict.current, conflict: null });
            }}
            onTakeTheirs={() => {
              const current = card.conflict?.current;
              if (!current) return;
              update(task.taskId, { values: valuesOf(current), saved: current, dirty: false, errors: {}, notice: null, conflict: null });
            }}
          />
        );
      })}
    </div>
  );
}
