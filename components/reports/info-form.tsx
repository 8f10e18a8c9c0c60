"use client";

// The unit's reform information report of a month: a summary and three sections of items (试点获批/
// 验收, 创新举措, 文章发表/宣传推介) whose rows can be added and removed, saved as a draft or submitted.
// Each item carries its evidence (佐证材料): files upload at once to the saved item — a new item is
// saved with the draft first so it has an id — and those of the round being prepared can be removed.
// An item whose files went with a submission cannot be removed (lib/reports/info-rules.ts).
// Field messages come back keyed `items.<index>.<field>` and are shown on their row.
import { Lock, Plus, Send, Save, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition, type ReactNode } from "react";
import { EvidenceList } from "@/components/attachments/evidence-list";
import { EvidenceUploader } from "@/components/attachments/evidence-uploader";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { detachFromInfoItemAction } from "@/lib/attachments/actions";
import type { EvidenceFile } from "@/lib/attachments/types";
import type { ActionResult } from "@/lib/forms/action-result";
import { useI18n } from "@/lib/i18n/client";
import { saveInfoReportAction, submitInfoReportAction } from "@/lib/reports/info-actions";
import { isItemRemovable } from "@/lib/reports/info-rules";
import { INFO_ITEM_KINDS, INFO_LEVELS, PILOT_STAGES, type InfoItemView, type InfoReportView } from "@/lib/reports/info-schemas";

type Kind = InfoItemView["kind"];

interface Row {
  key: string;
  /** the saved item's id; null until the row is first saved */
  id: string | null;
  files: EvidenceFile[];
  kind: Kind;
  title: string;
  level: string;
  pilotStage: string;
  outlet: string;
  eventDate: string;
  description: string;
}

const ROW_FIELDS = ["title", "level", "pilotStage", "outlet", "eventDate", "description"] as const;
type RowField = (typeof ROW_FIELDS)[number];
/** a row's messages by field; `_row` for those about the item itself (its id, its kind) */
type RowErrors = Partial<Record<RowField | "_row", string[]>>;
type Errors = { form: string[]; summary: string[]; rows: Record<string, RowErrors> };
type Saved = { id: string; version: number };

const NO_ERRORS: Errors = { form: [], summary: [], rows: {} };

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500";

let serial = 0;
const newKey = () => `row-${++serial}`;

function rowOf(item: InfoItemView): Row {
  return {
    key: newKey(),
    id: item.id,
    files: item.files,
    kind: item.kind,
    title: item.title,
    level: item.level ?? "",
    pilotStage: item.pilotStage ?? "",
    outlet: item.outlet ?? "",
    eventDate: item.eventDate ?? "",
    description: item.description ?? "",
  };
}

const blankRow = (kind: Kind): Row => ({
  key: newKey(),
  id: null,
  files: [],
  kind,
  title: "",
  level: "",
  pilotStage: "",
  outlet: "",
  eventDate: "",
  description: "",
});

/** The last day of a "YYYY-MM" month, as the date inputs' upper bound. */
function lastDayOf(period: string): string {
  const [year, month] = period.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function Field({
  id,
  label,
  required,
  errors,
  children,
  className,
}: {
  id: string;
  label: string;
  required?: boolean;
  errors?: string[];
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
        {required && (
          <span className="ml-0.5 text-red-600" aria-hidden>
            *
          </span>
        )}
      </label>
      {children}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {errors.join("；")}
        </p>
      ) : null}
    </div>
  );
}

/**
 * An item's evidence: its files (by submission once there has been one), removal of those of the
 * round being prepared, and the uploader; `ensureItem` gives the item's id, saving the draft first
 * for a new row.
 */
function ItemEvidence({
  row,
  index,
  evidenceRound,
  maxMb,
  ensureItem,
  onFiles,
}: {
  row: Row;
  index: number;
  evidenceRound: number;
  maxMb: number;
  ensureItem: () => Promise<string | null>;
  onFiles: (update: (files: EvidenceFile[]) => EvidenceFile[]) => void;
}) {
  const { t } = useI18n();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const remove = async (file: EvidenceFile) => {
    setBusyId(file.id);
    setError(null);
    const result = await detachFromInfoItemAction({ id: file.id });
    setBusyId(null);
    if (result.ok) onFiles((files) => files.filter((other) => other.id !== file.id));
    else setError([result.message, ...Object.values(result.fieldErrors ?? {}).flat()].join(" "));
  };
  return (
    <section
      className="space-y-2 border-t border-slate-200 pt-3 md:col-span-6"
      data-testid={`info-evidence-${row.kind}-${index}`}
      aria-label={`${t("attachments.title")} · ${t("infoReports.rowLabel", { n: index + 1 })}`}
    >
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
        <h4 className="text-xs font-medium text-slate-600">{t("attachments.title")}</h4>
        <span className="text-xs text-slate-500">{t(`infoReports.evidence.hints.${row.kind}`)}</span>
        {row.files.length > 0 && (
          <span className="ml-auto text-xs text-slate-500 tabular-nums">{t("infoReports.evidence.count", { count: row.files.length })}</span>
        )}
      </div>
      <EvidenceList
        files={row.files}
        byRound={evidenceRound > 1 || row.files.some((file) => (file.round ?? 1) > 1)}
        pendingRound={evidenceRound}
        canRemove={(file) => file.round === evidenceRound}
        onRemove={(file) => void remove(file)}
        busyId={busyId}
        className={cn("rounded-md border border-slate-200 bg-white px-3", evidenceRound > 1 ? "py-2" : "py-0.5")}
      />
      {error && (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      )}
      <EvidenceUploader
        maxMb={maxMb}
        compact
        testId={`info-uploader-${row.kind}-${index}`}
        target={async () => {
          const itemId = await ensureItem();
          return itemId ? { for: "info", itemId } : null;
        }}
        onUploaded={(file) => onFiles((files) => [...files, file])}
      />
    </section>
  );
}

function ItemRow({
  row,
  index,
  period,
  errors,
  evidenceRound,
  maxMb,
  onChange,
  onRemove,
  ensureItem,
  onFiles,
}: {
  row: Row;
  index: number;
  period: string;
  errors: RowErrors;
  evidenceRound: number;
  maxMb: number;
  onChange: (patch: Partial<Row>) => void;
  onRemove: () => void;
  ensureItem: () => Promise<string | null>;
  onFiles: (update: (files: EvidenceFile[]) => EvidenceFile[]) => void;
}) {
  const { t } = useI18n();
  const base = useId();
  const [confirming, setConfirming] = useState(false);
  const removable = isItemRemovable(row.files, evidenceRound);
  const id = (field: RowField) => `${base}-${field}`;
  const testId = (field: RowField) => `info-${row.kind}-${index}-${field}`;
  const invalid = (field: RowField) => (errors[field]?.length ? { "aria-invalid": true, "aria-describedby": `${id(field)}-error` } : {});
  const input = (field: RowField, type: "text" | "date" = "text") => (
    <input
      id={id(field)}
      type={type}
      value={row[field]}
      max={type === "date" ? lastDayOf(period) : undefined}
      onChange={(event) => onChange({ [field]: event.target.value })}
      data-testid={testId(field)}
      className={inputClass}
      {...invalid(field)}
    />
  );
  const select = (field: "level" | "pilotStage", options: { value: string; label: string }[]) => (
    <select
      id={id(field)}
      value={row[field]}
      onChange={(event) => onChange({ [field]: event.target.value })}
      data-testid={testId(field)}
      className={cn(inputClass, "pr-8")}
      {...invalid(field)}
    >
      <option value="">{t("infoReports.choose")}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
  const levels = INFO_LEVELS.map((level) => ({ value: level, label: t(`infoReports.levels.${level}`) }));

  return (
    <li data-testid={`info-row-${row.kind}-${index}`} data-item-id={row.id ?? ""} className="rounded-lg border border-slate-200 bg-slate-50/60 p-3">
      <div className="mb-2 flex min-h-7 flex-wrap items-center justify-between gap-2">
        <span className="text-xs font-medium text-slate-500">{t("infoReports.rowLabel", { n: index + 1 })}</span>
        {!removable ? (
          <span className="inline-flex items-center gap-1 text-xs text-slate-500" data-testid={`info-locked-${row.kind}-${index}`}>
            <Lock className="size-3.5 shrink-0" aria-hidden />
            {t("infoReports.evidence.locked")}
          </span>
        ) : confirming ? (
          <span className="inline-flex items-center gap-1" role="group">
            <button
              type="button"
              onClick={onRemove}
              data-testid={`info-remove-confirm-${row.kind}-${index}`}
              className="inline-flex items-center gap-1 rounded-md bg-red-50 px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-100"
            >
              <Trash2 className="size-3.5" aria-hidden />
              {t("infoReports.evidence.confirmRemove", { count: row.files.length })}
            </button>
            <button type="button" onClick={() => setConfirming(false)} className="rounded-md px-2 py-1 text-xs text-slate-600 hover:bg-slate-100">
              {t("infoReports.evidence.cancel")}
            </button>
          </span>
        ) : (
          <button
            type="button"
            // an item with files asks once more: they go with it
            onClick={() => (row.files.length > 0 ? setConfirming(true) : onRemove())}
            aria-label={t("infoReports.removeRow", { n: index + 1 })}
            title={row.files.length > 0 ? t("infoReports.evidence.removeHint") : undefined}
            data-testid={`info-remove-${row.kind}-${index}`}
            className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs text-slate-500 hover:bg-red-50 hover:text-red-700"
          >
            <Trash2 className="size-3.5" aria-hidden />
            {t("infoReports.remove")}
          </button>
        )}
      </div>
      {errors._row?.length ? (
        <p role="alert" className="mb-2 rounded-md bg-red-50 px-2 py-1 text-xs text-red-700">
          {errors._row.join("；")}
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-6">
        <Field id={id("title")} label={t(`infoReports.fields.titles.${row.kind}`)} required errors={errors.title} className="md:col-span-3">
          {input("title")}
        </Field>
        <Field id={id("level")} label={t("infoReports.fields.level")} required={row.kind === "PILOT"} errors={errors.level}>
          {select("level", levels)}
        </Field>
        {row.kind === "PILOT" && (
          <Field id={id("pilotStage")} label={t("infoReports.fields.pilotStage")} required errors={errors.pilotStage}>
            {select(
              "pilotStage",
              PILOT_STAGES.map((stage) => ({ value: stage, label: t(`infoReports.stages.${stage}`) })),
            )}
          </Field>
        )}
        {row.kind === "PUBLICATION" && (
          <Field id={id("outlet")} label={t("infoReports.fields.outlet")} required errors={errors.outlet}>
            {input("outlet")}
          </Field>
        )}
        <Field id={id("eventDate")} label={t("infoReports.fields.eventDate")} errors={errors.eventDate}>
          {input("eventDate", "date")}
        </Field>
        <Field id={id("description")} label={t("infoReports.fields.description")} errors={errors.description} className="md:col-span-6">
          <textarea
            id={id("description")}
            rows={2}
            value={row.description}
            onChange={(event) => onChange({ description: event.target.value })}
            data-testid={testId("description")}
            className={inputClass}
            {...invalid("description")}
          />
        </Field>
        <ItemEvidence row={row} index={index} evidenceRound={evidenceRound} maxMb={maxMb} ensureItem={ensureItem} onFiles={onFiles} />
      </div>
    </li>
  );
}

/** The payload of `infoReport.save`, and which row each sent index is. */
function payloadOf(period: string, summary: string, rows: Row[], version: number | null) {
  const ordered = INFO_ITEM_KINDS.flatMap((kind) => rows.filter((row) => row.kind === kind));
  return {
    keys: ordered.map((row) => row.key),
    input: {
      period,
      summary,
      items: ordered.map((row) => ({
        ...(row.id ? { id: row.id } : {}),
        kind: row.kind,
        title: row.title,
        level: row.level,
        pilotStage: row.kind === "PILOT" ? row.pilotStage : "",
        outlet: row.outlet,
        eventDate: row.eventDate,
        description: row.description,
      })),
      ...(version ? { version } : {}),
    },
  };
}

function errorsOf(result: Extract<ActionResult<unknown>, { ok: false }>, keys: string[]): Errors {
  const errors: Errors = { form: [result.message], summary: [], rows: {} };
  for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
    const match = /^items\.(\d+)\.(\w+)$/.exec(field);
    const key = match ? keys[Number(match[1])] : undefined;
    if (match && key) {
      const row = (errors.rows[key] ??= {});
      const name = (ROW_FIELDS as readonly string[]).includes(match[2]!) ? (match[2] as RowField) : "_row";
      row[name] = [...(row[name] ?? []), ...messages];
    } else if (field === "summary") errors.summary.push(...messages);
    else errors.form.push(...messages);
  }
  return errors;
}

export function InfoReportForm({ report }: { report: InfoReportView }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [summary, setSummary] = useState(report.summary ?? "");
  const [rows, setRows] = useState<Row[]>(() => report.items.map(rowOf));
  const [saved, setSaved] = useState<Saved | null>(report.id && report.version ? { id: report.id, version: report.version } : null);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  // The form as last rendered, for saves started from an upload (several may start at once): they
  // run one after another on the latest rows and version, never two from the same version.
  const latest = useRef({ rows, summary, saved, dirty });
  useEffect(() => {
    latest.current = { rows, summary, saved, dirty };
  });
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const change = (key: string, patch: Partial<Row>) => {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
    setDirty(true);
  };
  const add = (kind: Kind) => {
    setRows((current) => [...current, blankRow(kind)]);
    setDirty(true);
  };
  const remove = (key: string) => {
    setRows((current) => current.filter((row) => row.key !== key));
    setDirty(true);
  };

  const fail = (result: Extract<ActionResult<unknown>, { ok: false }>, keys: string[]) => {
    setErrors(errorsOf(result, keys));
    setConflict(result.status === 409);
  };

  /** Saves when there is something new; returns the saved id and version, or null after showing why not. */
  const save = (): Promise<Saved | null> => {
    const attempt = async (): Promise<Saved | null> => {
      const current = latest.current;
      if (current.saved && !current.dirty) return current.saved;
      const { keys, input } = payloadOf(report.period, current.summary, current.rows, current.saved?.version ?? null);
      const result = await saveInfoReportAction(input);
      if (!result.ok) {
        fail(result, keys);
        return null;
      }
      const next = { id: result.data.id, version: result.data.version };
      // the rows keep the ids the server gave their items, so files go to the same item from now on
      const ids = new Map(keys.map((key, index) => [key, result.data.itemIds[index]]));
      const withIds = (list: Row[]) => list.map((row) => ({ ...row, id: ids.get(row.key) ?? row.id }));
      latest.current = { ...latest.current, rows: withIds(latest.current.rows), saved: next, dirty: false };
      setRows(withIds);
      setSaved(next);
      setDirty(false);
      return next;
    };
    const run = queue.current.then(attempt, attempt);
    queue.current = run.catch(() => null);
    return run;
  };

  /** The id of a row's item, saving the draft first when the row is new. */
  const ensureItem = async (key: string): Promise<string | null> => {
    const known = latest.current.rows.find((row) => row.key === key);
    if (!known) return null;
    if (known.id) return known.id;
    setErrors(NO_ERRORS);
    setNotice(null);
    if (!(await save())) return null;
    return latest.current.rows.find((row) => row.key === key)?.id ?? null;
  };

  const setFiles = (key: string, update: (files: EvidenceFile[]) => EvidenceFile[]) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, files: update(row.files) } : row)));

  const run = (submit: boolean) =>
    startTransition(async () => {
      setErrors(NO_ERRORS);
      setNotice(null);
      const current = await save();
      if (!current) return;
      if (submit) {
        const result = await submitInfoReportAction(current);
        if (!result.ok) {
          fail(result, []);
          return;
        }
      } else setNotice(t("infoReports.saved"));
      router.refresh();
    });

  const submitLabel = report.status === "RETURNED" ? t("infoReports.resubmit") : t("infoReports.submit");

  return (
    <form
      noValidate
      data-testid="info-form"
      className="space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        run(false);
      }}
    >
      <div className="space-y-1.5">
        <label htmlFor="info-summary" className="block text-sm font-medium text-slate-700">
          {t("infoReports.summary")}
        </label>
        <textarea
          id="info-summary"
          rows={3}
          value={summary}
          onChange={(event) => {
            setSummary(event.target.value);
            setDirty(true);
          }}
          data-testid="info-summary"
          aria-invalid={errors.summary.length ? true : undefined}
          aria-describedby="info-summary-hint"
          className={inputClass}
        />
        <p id="info-summary-hint" className="text-xs text-slate-500">
          {t("infoReports.summaryHint")}
        </p>
        {errors.summary.length ? <p className="text-xs text-red-600">{errors.summary.join("；")}</p> : null}
      </div>

      {INFO_ITEM_KINDS.map((kind) => {
        const own = rows.filter((row) => row.kind === kind);
        return (
          <section key={kind} data-testid={`info-section-${kind}`} aria-labelledby={`info-section-${kind}`} className="space-y-3">
            <div className="flex flex-wrap items-end justify-between gap-2 border-b border-slate-100 pb-2">
              <div>
                <h3 id={`info-section-${kind}`} className="text-sm font-semibold text-slate-900">
                  {t(`infoReports.sections.${kind}`)}
                  <span className="ml-2 text-xs font-normal text-slate-500 tabular-nums">{own.length}</span>
                </h3>
                <p className="text-xs text-slate-500">{t(`infoReports.sectionHints.${kind}`)}</p>
              </div>
              <Button type="button" variant="secondary" className="h-8 px-3 text-xs" onClick={() => add(kind)} data-testid={`info-add-${kind}`}>
                <Plus className="size-3.5" aria-hidden />
                {t("infoReports.addRow")}
              </Button>
            </div>
            {own.length === 0 ? (
              <p className="text-sm text-slate-400">{t("infoReports.noItems")}</p>
            ) : (
              <ol className="space-y-3">
                {own.map((row, index) => (
                  <ItemRow
                    key={row.key}
                    row={row}
                    index={index}
                    period={report.period}
                    errors={errors.rows[row.key] ?? {}}
                    evidenceRound={report.evidenceRound}
                    maxMb={report.attachmentMaxMb}
                    onChange={(patch) => change(row.key, patch)}
                    onRemove={() => remove(row.key)}
                    ensureItem={() => ensureItem(row.key)}
                    onFiles={(update) => setFiles(row.key, update)}
                  />
                ))}
              </ol>
            )}
          </section>
        );
      })}

      {errors.form.length > 0 && (
        <div role="alert" data-testid="info-form-error" className="space-y-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          <p>{errors.form.join(" ")}</p>
          {conflict && (
            <Button type="button" variant="secondary" className="h-8 px-3 text-xs" onClick={() => window.location.reload()}>
              {t("infoReports.reload")}
            </Button>
          )}
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
        <Button type="submit" variant="secondary" disabled={pending} data-testid="info-save">
          <Save className="size-4" aria-hidden />
          {pending ? t("infoReports.saving") : t("infoReports.saveDraft")}
        </Button>
        <Button type="button" disabled={pending} onClick={() => run(true)} data-testid="info-submit">
          <Send className="size-4" aria-hidden />
          {submitLabel}
        </Button>
        {notice && (
          <span role="status" className="text-sm text-light-green">
            {notice}
          </span>
        )}
      </div>
    </form>
  );
}
