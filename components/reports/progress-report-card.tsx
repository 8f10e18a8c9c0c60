"use client";

// One owed task on 本月待报: the lead unit's report form inline (or the report, once submitted),
// with the last approved percent, the return comment, and the cooperating units' contributions.
// The board above it keeps the values, so 全部提交 can save and submit every card at once.
import { AlertTriangle, MessageSquareWarning, Users } from "lucide-react";
import Link from "next/link";
import { useId, useState, type ReactNode } from "react";
import { EvidenceList } from "@/components/attachments/evidence-list";
import { EvidenceUploader } from "@/components/attachments/evidence-uploader";
import { detachFromReportAction } from "@/lib/attachments/actions";
import type { EvidenceFile } from "@/lib/attachments/types";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatDate, formatDateTime, formatPercent } from "@/lib/i18n/format";
import { useI18n } from "@/lib/i18n/client";
import { DROP_REASON_MAX, NEXT_STEPS_MAX, PROBLEMS_MAX, PROGRESS_MAX } from "@/lib/reports/progress-schemas";
import type { LeadValues, OwedTask, ReportSnapshot, ReportState } from "@/lib/reports/types";
import { inputClass, ProgressBadge, STATE_TONES } from "./progress-badge";

export type FieldErrors = Record<string, string[] | undefined>;

export interface CardState {
  values: LeadValues;
  /** the report as last seen on the server (null: none saved yet) */
  saved: ReportSnapshot | null;
  dirty: boolean;
  errors: FieldErrors;
  /** a general message for this card: error (tone red) or confirmation */
  notice: { tone: "error" | "ok"; text: string } | null;
  /** a stale save: the report as it now is (null when it was created or removed meanwhile) */
  conflict: { current: ReportSnapshot | null } | null;
}

export const EDITABLE_STATES: ReportState[] = ["NONE", "DRAFT", "RETURNED"];

export const stateOf = (card: CardState): ReportState => card.saved?.status ?? "NONE";

/** The drop-reason field shows when the percent entered is below the last approved one. */
export function isDrop(values: LeadValues, lastApproved: number | null): boolean {
  const percent = values.percent.trim() === "" ? null : Number(values.percent);
  return percent !== null && lastApproved !== null && Number.isFinite(percent) && percent < lastApproved;
}

function TextArea({
  label,
  name,
  value,
  onChange,
  errors,
  hint,
  rows = 3,
  max,
  testId,
  required,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  hint?: string;
  rows?: number;
  max: number;
  testId: string;
  required?: boolean;
}) {
  const id = useId();
  const described = [hint && `${id}-hint`, errors?.length && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        {required && (
          <span className="ml-0.5 text-red-600" aria-hidden>
            *
          </span>
        )}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        value={value}
        maxLength={max}
        data-testid={testId}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={described}
        className={inputClass}
      />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {errors.join("；")}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A report's evidence (佐证材料): the files by submission, and while the report may change, the
 * uploader and removal of the files not yet submitted. `ensureReport` gives the report's id,
 * saving a draft first when there is none yet.
 */
export function ReportEvidence({
  initial,
  pendingRound,
  editable,
  maxMb,
  ensureReport,
}: {
  initial: EvidenceFile[];
  pendingRound: number;
  editable: boolean;
  maxMb: number;
  ensureReport: () => Promise<string | null>;
}) {
  const { t } = useI18n();
  const [files, setFiles] = useState(initial);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const remove = async (file: EvidenceFile) => {
    setBusyId(file.id);
    setError(null);
    const result = await detachFromReportAction({ id: file.id });
    setBusyId(null);
    if (result.ok) setFiles((previous) => previous.filter((other) => other.id !== file.id));
    else setError([result.message, ...Object.values(result.fieldErrors ?? {}).flat()].join(" "));
  };
  return (
    <section className="space-y-2" data-testid="report-evidence" aria-label={t("attachments.title")}>
      <h4 className="text-sm font-medium text-slate-700">{t("attachments.title")}</h4>
      <EvidenceList
        files={files}
        byRound={pendingRound > 1 || files.some((file) => (file.round ?? 1) > 1)}
        pendingRound={editable ? pendingRound : null}
        canRemove={(file) => editable && file.round === pendingRound}
        onRemove={(file) => void remove(file)}
        busyId={busyId}
        emptyText={editable ? undefined : t("attachments.none")}
      />
      {error && (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      )}
      {editable && (
        <>
          <EvidenceUploader
            maxMb={maxMb}
            target={async () => {
              const id = await ensureReport();
              return id ? { reportId: id } : null;
            }}
            onUploaded={(file) => setFiles((previous) => [...previous, file])}
          />
          {pendingRound > 1 && <p className="text-xs text-slate-500">{t("attachments.frozenHint")}</p>}
        </>
      )}
    </section>
  );
}

function ReadOnly({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm leading-relaxed whitespace-pre-line text-slate-800">{value}</dd>
    </div>
  );
}

export function ProgressReportCard({
  task,
  card,
  pending,
  onChange,
  onSave,
  onSubmit,
  onKeepMine,
  onTakeTheirs,
  maxMb,
  ensureReport,
}: {
  maxMb: number;
  ensureReport: () => Promise<string | null>;
  task: OwedTask;
  card: CardState;
  pending: boolean;
  onChange: (field: keyof LeadValues, value: string) => void;
  onSave: () => void;
  /** submits this card alone */
  onSubmit: () => void;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const { t, locale } = useI18n();
  const percentId = useId();
  const state = stateOf(card);
  const editable = EDITABLE_STATES.includes(state);
  const { values, errors } = card;
  const none = t("ledger.task.none");
  const percentOf = (value: number) => formatPercent(value, locale);
  const showDrop = isDrop(values, task.lastApprovedPercent) || Boolean(errors.percentDropReason?.length) || values.percentDropReason !== "";
  const percentErrors = errors.percent;

  return (
    <Card className="overflow-hidden" data-testid={`owed-card-${task.code}`} data-state={state}>
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-3">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
            <span className="font-mono">{task.code}</span>
            {task.isKey && <ProgressBadge tone="red">{t("reports.owed.key")}</ProgressBadge>}
            <span>{task.groupName}</span>
            <span>{t("reports.owed.dueDate", { date: formatDate(new Date(`${task.dueDate}T00:00:00Z`), locale) })}</span>
          </div>
          <h3 className="font-semibold text-slate-900">
            <Link href={`/tasks/${task.taskId}`} className="hover:text-brand-700 hover:underline">
              {task.title}
            </Link>
          </h3>
          {task.cooperatingUnits.length > 0 && (
            <p className="text-xs text-slate-500">{t("reports.owed.cooperatingUnits", { units: task.cooperatingUnits.join("、") })}</p>
          )}
        </div>
        <div className="flex flex-col items-end gap-1">
          <ProgressBadge tone={STATE_TONES[state]} testId="report-state">
            {t(`reports.states.${state}`)}
          </ProgressBadge>
          {card.dirty && editable && <span className="text-xs text-amber-700">{t("reports.owed.unsaved")}</span>}
        </div>
      </div>

      <div className="space-y-4 px-5 py-4">
        {state === "RETURNED" && task.returnComment && (
          <div data-testid="report-return-comment" className="flex gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            <MessageSquareWarning className="mt-0.5 size-4 shrink-0" aria-hidden />
            <div>
              <span className="font-medium">{t("reports.owed.returnComment")}：</span>
              {task.returnComment}
            </div>
          </div>
        )}
        {card.conflict && (
          <div role="alert" data-testid="report-conflict" className="space-y-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <p className="flex gap-2">
              <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
              {card.conflict.current
                ? t("reports.owed.conflict", {
                    status: t(`reports.states.${card.conflict.current.status}`),
                    time: formatDateTime(new Date(card.conflict.current.updatedAt), locale),
                  })
                : t("reports.owed.conflictGone")}
            </p>
            {card.conflict.current ? (
              <>
                <p className="line-clamp-3 text-xs text-amber-800">
                  {t("reports.owed.theirs", { progress: card.conflict.current.progress || none })}
                </p>
                <div className="flex flex-wrap gap-2">
                  <Button type="button" variant="secondary" className="h-8 px-3 text-xs" onClick={onKeepMine} disabled={pending}>
                    {t("reports.owed.keepMine")}
                  </Button>
                  <Button type="button" variant="secondary" className="h-8 px-3 text-xs" onClick={onTakeTheirs} disabled={pending}>
                    {t("reports.owed.takeTheirs")}
                  </Button>
                </div>
              </>
            ) : (
              <Button type="button" variant="secondary" className="h-8 px-3 text-xs" onClick={() => window.location.reload()}>
                {t("reports.owed.reload")}
              </Button>
            )}
          </div>
        )}

        {editable ? (
          <form
            noValidate
            className="space-y-4"
            onSubmit={(event) => {
              event.preventDefault();
              onSave();
            }}
          >
            {!card.saved && task.prefill && !card.dirty && <p className="text-xs text-slate-500">{t("reports.owed.prefilled")}</p>}
            <TextArea
              label={t("reports.fields.progress")}
              name="progress"
              value={values.progress}
              onChange={(value) => onChange("progress", value)}
              errors={errors.progress}
              rows={4}
              max={PROGRESS_MAX}
              testId="report-progress"
              required
            />
            <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
              <div className="space-y-1.5">
                <label htmlFor={percentId} className="block text-sm font-medium text-slate-700">
                  {t("reports.fields.percent")}
                  <span className="ml-0.5 text-red-600" aria-hidden>
                    *
                  </span>
                </label>
                <input
                  id={percentId}
                  name="percent"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={100}
                  step={1}
                  value={values.percent}
                  data-testid="report-percent"
                  onChange={(event) => onChange("percent", event.target.value)}
                  aria-invalid={percentErrors?.length ? true : undefined}
                  aria-describedby={`${percentId}-hint${percentErrors?.length ? ` ${percentId}-error` : ""}`}
                  className={inputClass}
                />
                <p id={`${percentId}-hint`} className="text-xs text-slate-500" data-testid="report-last-approved">
                  {task.lastApprovedPercent === null
                    ? t("reports.owed.noApproved")
                    : t("reports.owed.lastApproved", { percent: percentOf(task.lastApprovedPercent) })}
                </p>
                {percentErrors?.length ? (
                  <p id={`${percentId}-error`} className="text-xs text-red-600">
                    {percentErrors.join("；")}
                  </p>
                ) : null}
              </div>
              {showDrop && (
                <TextArea
                  label={t("reports.fields.percentDropReason")}
                  name="percentDropReason"
                  value={values.percentDropReason}
                  onChange={(value) => onChange("percentDropReason", value)}
                  errors={errors.percentDropReason}
                  hint={
                    task.lastApprovedPercent !== null ? t("reports.owed.dropHint", { percent: percentOf(task.lastApprovedPercent) }) : undefined
                  }
                  rows={2}
                  max={DROP_REASON_MAX}
                  testId="report-drop-reason"
                  required
                />
              )}
            </div>
            <div className="grid gap-4 md:grid-cols-2">
              <TextArea
                label={t("reports.fields.problems")}
                name="problems"
                value={values.problems}
                onChange={(value) => onChange("problems", value)}
                errors={errors.problems}
                max={PROBLEMS_MAX}
                testId="report-problems"
              />
              <TextArea
                label={t("reports.fields.nextSteps")}
                name="nextSteps"
                value={values.nextSteps}
                onChange={(value) => onChange("nextSteps", value)}
                errors={errors.nextSteps}
                max={NEXT_STEPS_MAX}
                testId="report-next-steps"
              />
            </div>
            <ReportEvidence
              key={task.files.map((file) => file.id).join()}
              initial={task.files}
              pendingRound={task.pendingRound}
              editable
              maxMb={maxMb}
              ensureReport={ensureReport}
            />
            {card.notice && (
              <p
                role={card.notice.tone === "error" ? "alert" : "status"}
                className={cn(
                  "rounded-md px-3 py-2 text-sm",
                  card.notice.tone === "error" ? "bg-red-50 text-red-700" : "bg-green-50 text-light-green",
                )}
              >
                {card.notice.text}
              </p>
            )}
            <div className="flex items-center gap-3">
              <Button type="submit" variant="secondary" disabled={pending} data-testid="report-save">
                {pending ? t("reports.owed.saving") : t("reports.owed.saveDraft")}
              </Button>
              <Button type="button" disabled={pending} onClick={onSubmit} data-testid="report-submit">
                {t("reports.owed.submitOne")}
              </Button>
            </div>
          </form>
        ) : (
          <div className="space-y-3">
            <dl className="grid gap-3 md:grid-cols-2">
              <div className="md:col-span-2">
                <ReadOnly label={t("reports.fields.progress")} value={card.saved?.progress || none} />
              </div>
              <ReadOnly
                label={t("reports.fields.percent")}
                value={card.saved?.percent === null || card.saved?.percent === undefined ? none : percentOf(card.saved.percent)}
              />
              {card.saved?.percentDropReason && <ReadOnly label={t("reports.fields.percentDropReason")} value={card.saved.percentDropReason} />}
              <ReadOnly label={t("reports.fields.problems")} value={card.saved?.problems || none} />
              <ReadOnly label={t("reports.fields.nextSteps")} value={card.saved?.nextSteps || none} />
            </dl>
            <ReportEvidence
              key={task.files.map((file) => file.id).join()}
              initial={task.files}
              pendingRound={task.pendingRound}
              editable={false} maxMb={maxMb} ensureReport={ensureReport} />
            <p className="text-xs text-slate-500">{state === "APPROVED" ? t("reports.owed.lockedApproved") : t("reports.owed.locked")}</p>
            {card.notice && card.notice.tone === "ok" && (
              <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-light-green">
                {card.notice.text}
              </p>
            )}
          </div>
        )}

        <div className="rounded-lg bg-slate-50 px-4 py-3" data-testid="owed-contributions">
          <h4 className="flex items-center gap-1.5 text-xs font-medium text-slate-600">
            <Users className="size-3.5" aria-hidden />
            {t("reports.owed.contributions")}
          </h4>
          {task.contributions.length === 0 ? (
            <p className="mt-1 text-xs text-slate-400">{t("reports.owed.noContributions")}</p>
          ) : (
            <ul className="mt-2 space-y-2">
              {task.contributions.map((contribution) => (
                <li key={contribution.id} className="text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-800">{contribution.unitName}</span>
                    <ProgressBadge tone={STATE_TONES[contribution.status]}>{t(`reports.states.${contribution.status}`)}</ProgressBadge>
                    {contribution.submittedAt && (
                      <span className="text-xs text-slate-500">{formatDateTime(new Date(contribution.submittedAt), locale)}</span>
                    )}
                  </div>
                  <p className="mt-0.5 whitespace-pre-line text-slate-700">{contribution.progress}</p>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Card>
  );
}
