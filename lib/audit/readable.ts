// Stored codes in the words of the reader: enum values, field names, ids and the free-form details
// that services write into the audit trail and the change history. Pure (no database): the pages,
// the audit export and the tests call the same functions with the names a query resolved.
import type { Locale } from "@/lib/i18n/config";
import { formatDate, formatDateTime, formatMonth, formatNumber, formatPercent } from "@/lib/i18n/format";
import { createTranslator, lookup, type MessageKey, type Messages, type Translate } from "@/lib/i18n/translate";

/** Where each Prisma enum's values are named in the catalogues (a unit test checks every value). */
export const ENUM_LABELS = {
  RegionLevel: "history.enums.RegionLevel",
  UnitKind: "admin.units.kinds",
  GroupMemberRole: "admin.groups.memberRoles",
  Role: "roles",
  ApiTokenKind: "history.enums.ApiTokenKind",
  TaskSource: "ledger.sources",
  Level: "ledger.levels",
  TaskStatus: "ledger.statuses",
  ReportStatus: "ledger.task.reportStatuses",
  ProgressReportKind: "ledger.task.reportKinds",
  MonthlyItemKind: "infoReports.sections",
  PilotStage: "infoReports.stages",
  QuarterlyReportKind: "quarterly.kinds",
  WorkflowAction: "history.enums.WorkflowAction",
  NoticeLevel: "ledger.task.noticeLevels",
  NoticeStatus: "ledger.task.noticeStatuses",
  ResponseDecision: "supervision.responses.decisions",
  CloseOutStatus: "ledger.task.closeOutStatuses",
  IndicatorCode: "assessment.indicators",
  AssessmentStatus: "assessment.status",
  ObjectionStatus: "assessment.objection.status",
  MicroReformStatus: "library.status",
  HonorKind: "library.kinds",
  AuditResult: "audit.results",
  JobStatus: "history.enums.JobStatus",
  ChangeRequestStatus: "changes.statuses",
  PlanStatus: "plans.statuses",
  InstructionSubject: "instructions.subjects",
  InstructionStatus: "instructions.statuses",
} as const;
export type EnumName = keyof typeof ENUM_LABELS;

/** Which enum a field's codes come from, per kind of record; the first match wins, then any enum. */
const FIELD_ENUMS: Record<string, EnumName[]> = {
  source: ["TaskSource"],
  pilotLevel: ["Level"],
  role: ["Role"],
  memberRole: ["GroupMemberRole"],
  level: ["Level", "NoticeLevel"],
  decision: ["ResponseDecision"],
  subjectType: ["InstructionSubject"],
};
const STATUS_ENUMS: Record<string, EnumName[]> = {
  ReformTask: ["TaskStatus"],
  Task: ["TaskStatus"],
  // a close-out's audit row records the task's status change
  CloseOutRequest: ["TaskStatus", "CloseOutStatus"],
  ChangeRequest: ["ChangeRequestStatus"],
  ProgressReport: ["ReportStatus"],
  UnitMonthlyReport: ["ReportStatus"],
  QuarterlyReport: ["ReportStatus"],
  SupervisionNotice: ["NoticeStatus"],
  Assessment: ["AssessmentStatus"],
  AssessmentObjection: ["ObjectionStatus"],
  MicroReform: ["MicroReformStatus"],
  Instruction: ["InstructionStatus"],
};
const TASK_ENTITIES = new Set(["ReformTask", "Task", "CloseOutRequest", "ChangeRequest", "Milestone"]);
const PERCENT_FIELDS = new Set(["actualPercent", "percent", "plannedPercent"]);

/** A record an id points to, as the name query found it (see names.ts). */
export interface RecordRef {
  type: string;
  /** name, code, number or file name */
  a: string | null;
  /** title, user name or run number */
  b: string | null;
  /** a calendar day (report month) as YYYY-MM-DD */
  c: string | null;
  /** unit name */
  d: string | null;
  n: number | null;
}
export type NameBook = Readonly<Record<string, RecordRef>>;

/** What the formatters need: the reader's language and the records ids point to. */
export interface Reader {
  locale: Locale;
  messages: Messages;
  t: Translate;
  names: NameBook;
}

export function readerFor(locale: Locale, messages: Messages, names: NameBook = {}): Reader {
  return { locale, messages, t: createTranslator(messages), names };
}

/** A change as people read it: a label and either old → new or phrases (milestones). */
export interface ReadableChange {
  field: string;
  label: string;
  /** null: there was no value (a creation) */
  from: string | null;
  to: string | null;
  /** described in words instead of old → new */
  notes: string[];
}

// cuids (c + 24), and the demo county's readable ids (cqhtask2026001, lib/demo/seed.ts)
const ID_SOURCE = String.raw`c[a-z0-9]{20,31}|cqh[a-z0-9]+`;
const ID = new RegExp(`^(?:${ID_SOURCE})$`);
/** Ids inside a longer text (a detail, a batch's keys). */
export const idsInText = (value: string): string[] =>
  [...value.matchAll(new RegExp(String.raw`\b(?:${ID_SOURCE})\b`, "g"))].map((match) => match[0]);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const MONTH = /^\d{4}-\d{2}$/;
const CODE = /^[A-Z][A-Z0-9_]+$/;

export const looksLikeId = (value: unknown): value is string => typeof value === "string" && ID.test(value);

function text(messages: Messages, key: string): string | null {
  const value = lookup(messages, key);
  return typeof value === "string" ? value : null;
}

/** "PENDING_CLOSE" → 待销号, trying the preferred enums first; null when no enum has the value. */
export function enumLabel(messages: Messages, value: string, prefer: readonly EnumName[] = []): string | null {
  for (const name of [...prefer, ...(Object.keys(ENUM_LABELS) as EnumName[])]) {
    const label = text(messages, `${ENUM_LABELS[name]}.${value}`);
    if (label) return label;
  }
  return null;
}

/** A field's label: the task form's own for task records, else the shared list, else the settings page's. */
export function fieldLabel(messages: Messages, field: string, entity: string | null = null): string {
  const sources = TASK_ENTITIES.has(entity ?? "")
    ? ["taskForm.conflict.fields", "ledger.task.fields", "history.fields", "admin.settings"]
    : entity === "Instruction"
      ? // an instruction's leaderId is its leader (批示领导), not the task's linked leader
        ["instructions.fields", "history.fields"]
      : // the last two: the filters an export recorded
        ["history.fields", "admin.settings", "taskForm.conflict.fields", "ledger.task.fields", "audit.filters", "ledger.filters"];
  for (const source of sources) {
    const label = text(messages, `${source}.${field}`);
    if (label) return label;
  }
  // assessment scheme: "COMPLETION.weight"
  const [indicator, part] = field.split(".");
  if (part && indicator && CODE.test(indicator)) {
    const name = enumLabel(messages, indicator, ["IndicatorCode"]);
    if (name) return createTranslator(messages)("history.indicatorField", { indicator: name, field: fieldLabel(messages, part, entity) });
  }
  return field;
}

/** The human name of the record an id points to, or a neutral phrase when it cannot be found. */
export function recordName(reader: Reader, id: string): string {
  const ref = reader.names[id];
  if (!ref) return looksLikeId(id) ? reader.t("history.unknownRecord") : id;
  const { t, locale, messages } = reader;
  const month = ref.c ? formatMonth(new Date(`${ref.c}T00:00:00+08:00`), locale) : "";
  const joined = (...parts: (string | null)[]) => parts.filter(Boolean).join(" ");
  switch (ref.type) {
    case "ReformTask":
    case "CloseOutRequest":
    case "ChangeRequest":
    case "WorkPoint":
      return joined(ref.a, ref.b);
    case "Milestone":
      return joined(ref.b, `「${ref.a ?? ""}」`);
    case "SupervisionNotice":
      return ref.b ? `${ref.a ?? ""}（${ref.b}）` : (ref.a ?? "");
    case "ProgressReport":
      return t("history.reportName", { task: joined(ref.a, ref.b), month, unit: ref.d ?? "" });
    case "UnitMonthlyReport":
      return joined(ref.d, month);
    case "RoleAssignment":
      return joined(ref.b, ref.a ? (enumLabel(messages, ref.a, ["Role"]) ?? "") : null);
    case "Assessment":
      return t("history.assessmentName", { year: ref.n ?? "", run: ref.b ?? "" });
    case "ApiToken":
      return ref.a ?? ref.b ?? "";
    case "Instruction":
      return t("history.instructionName", { leader: ref.a ?? "", task: joined(ref.b, ref.d) });
    default:
      return ref.a ?? t("history.unknownRecord");
  }
}

/** One stored value in words: names for ids, labels for codes, dates and percents formatted. */
export function valueText(reader: Reader, field: string, value: unknown, entity: string | null = null): string | null {
  const { t, locale, messages } = reader;
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "boolean") return value ? t("history.yes") : t("history.no");
  if (typeof value === "number") {
    if (PERCENT_FIELDS.has(field)) return formatPercent(value, locale);
    return field === "year" ? String(value) : formatNumber(value, locale);
  }
  if (Array.isArray(value)) {
    return (
      value
        .map((item) => valueText(reader, field, item, entity))
        .filter(Boolean)
        .join("、") || null
    );
  }
  if (typeof value === "object") return pairsText(reader, value as Record<string, unknown>, entity);
  const raw = String(value as string);
  if (looksLikeId(raw)) return recordName(reader, raw);
  if (ISO_DAY.test(raw)) return formatDate(new Date(`${raw}T00:00:00+08:00`), locale);
  if (ISO_INSTANT.test(raw)) return formatDateTime(new Date(raw), locale);
  if (MONTH.test(raw)) return formatMonth(new Date(`${raw}-01T00:00:00+08:00`), locale);
  if (CODE.test(raw)) {
    const prefer = field === "status" ? (STATUS_ENUMS[entity ?? ""] ?? []) : (FIELD_ENUMS[field] ?? []);
    return enumLabel(messages, raw, prefer) ?? raw;
  }
  return raw;
}

/** An object as "label：value；label：value", never as JSON. */
export function pairsText(reader: Reader, object: Record<string, unknown>, entity: string | null = null): string | null {
  const pairs = Object.entries(object)
    .map(([key, value]) => {
      const shown = valueText(reader, key, value, entity);
      return shown === null ? null : reader.t("history.pair", { label: fieldLabel(reader.messages, key, entity), value: shown });
    })
    .filter((pair): pair is string => pair !== null);
  return pairs.length ? pairs.join(reader.locale === "en" ? "; " : "；") : null;
}

// ───────────── Milestones, as the task service records them ─────────────

interface MilestoneLine {
  title: string;
  plannedDate: string;
  plannedPercent: number;
  completedOn: string | null;
}

/** "Title 2026-03-31 30% ✓2026-03-30", joined by "；" (lib/tasks/service.ts milestoneLine). */
export function parseMilestones(value: unknown): MilestoneLine[] | null {
  if (value === null || value === undefined || value === "") return [];
  if (typeof value !== "string") return null;
  const lines = value.split("；").map((line) => /^(.*) (\d{4}-\d{2}-\d{2}) (\d+)%(?: ✓(\d{4}-\d{2}-\d{2}))?$/.exec(line));
  if (lines.some((match) => !match)) return null;
  return lines.map((match) => ({
    title: match![1]!,
    plannedDate: match![2]!,
    plannedPercent: Number(match![3]),
    completedOn: match![4] ?? null,
  }));
}

function milestoneNotes(reader: Reader, before: MilestoneLine[], after: MilestoneLine[]): string[] {
  const { t, locale } = reader;
  const day = (value: string) => formatDate(new Date(`${value}T00:00:00+08:00`), locale);
  const percent = (value: number) => formatPercent(value, locale);
  const notes: string[] = [];
  const unmatchedBefore = [...before];
  const pairs: [MilestoneLine | null, MilestoneLine][] = [];
  for (const milestone of after) {
    // the same milestone: same title, else same place in the plan (date and percent)
    let index = unmatchedBefore.findIndex((old) => old.title === milestone.title);
    if (index < 0)
      index = unmatchedBefore.findIndex(
        (old) => old.plannedDate === milestone.plannedDate && old.plannedPercent === milestone.plannedPercent,
      );
    pairs.push([index >= 0 ? unmatchedBefore.splice(index, 1)[0]! : null, milestone]);
  }
  for (const [old, milestone] of pairs) {
    if (!old) {
      notes.push(
        t("history.milestones.added", {
          title: milestone.title,
          date: day(milestone.plannedDate),
          percent: percent(milestone.plannedPercent),
        }),
      );
      continue;
    }
    if (old.title !== milestone.title) notes.push(t("history.milestones.renamed", { from: old.title, to: milestone.title }));
    const parts: string[] = [];
    if (old.plannedDate !== milestone.plannedDate)
      parts.push(t("history.milestones.date", { from: day(old.plannedDate), to: day(milestone.plannedDate) }));
    if (old.plannedPercent !== milestone.plannedPercent)
      parts.push(t("history.milestones.percent", { from: percent(old.plannedPercent), to: percent(milestone.plannedPercent) }));
    if (parts.length)
      notes.push(t("history.milestones.changed", { title: milestone.title, changes: parts.join(t("history.milestones.separator")) }));
    if (old.completedOn !== milestone.completedOn)
      notes.push(
        milestone.completedOn
          ? t("history.milestones.completed", { title: milestone.title, date: day(milestone.completedOn) })
          : t("history.milestones.uncompleted", { title: milestone.title }),
      );
  }
  for (const old of unmatchedBefore) notes.push(t("history.milestones.removed", { title: old.title }));
  return notes;
}

const COMPLETION_KEY = /^milestone「(.*)」completedOn$/;

/** Stored `{ field: [old, new] }` changes in words, for a record of the given type. */
export function readableChanges(
  reader: Reader,
  changes: readonly { field: string; from: unknown; to: unknown }[],
  entity: string | null,
): ReadableChange[] {
  const { t } = reader;
  return changes
    .map(({ field, from, to }) => {
      const completion = COMPLETION_KEY.exec(field);
      if (completion) {
        const title = completion[1]!;
        const note =
          typeof to === "string" && to
            ? t("history.milestones.completed", { title, date: valueText(reader, "completedOn", to) ?? to })
            : t("history.milestones.uncompleted", { title });
        return { field, label: t("history.milestones.label"), from: null, to: null, notes: [note] };
      }
      if (field === "milestones") {
        const before = parseMilestones(from);
        const after = parseMilestones(to);
        if (before && after)
          return { field, label: t("history.milestones.label"), from: null, to: null, notes: milestoneNotes(reader, before, after) };
      }
      // a batch keyed by record (report.submitMany: { reportId: [old, new] })
      const label = looksLikeId(field) ? recordName(reader, field) : fieldLabel(reader.messages, field, entity);
      return { field, label, from: valueText(reader, field, from, entity), to: valueText(reader, field, to, entity), notes: [] };
    })
    .filter((change) => change.notes.length > 0 || change.from !== null || change.to !== null);
}

/** One change as a line of plain text (the Excel export, the tests). */
export function changeLine(reader: Reader, change: ReadableChange): string {
  const separator = reader.locale === "en" ? ": " : "：";
  if (change.notes.length) return `${change.label}${separator}${change.notes.join(reader.locale === "en" ? "; " : "；")}`;
  const empty = reader.t("history.empty");
  if (change.from === null) return `${change.label}${separator}${change.to ?? empty}`;
  return `${change.label}${separator}${change.from} → ${change.to ?? empty}`;
}

// ───────────── Audit details ─────────────

type Detail = (reader: Reader, match: RegExpExecArray) => string | null;

const month = (reader: Reader, value: string) => valueText(reader, "period", value) ?? value;

/** "会议纪要.pdf（5,242,880 字节）" */
const fileText = (reader: Reader, name: string, bytes: string) =>
  reader.t("history.details.file", { name, size: reader.t("history.details.bytes", { size: formatNumber(Number(bytes), reader.locale) }) });

/** the task form's fields: labelled as the task form labels them (任务名称, not 标题) */
const TASK_FIELDS = new Set([
  "title",
  "goal",
  "outcome",
  "leadUnitId",
  "cooperatingUnitIds",
  "leaderId",
  "startDate",
  "dueDate",
  "milestones",
]);

/** The details services write (lib/**: `detail:`), matched in order; anything else is shown in words token by token. */
const DETAILS: [RegExp, Detail][] = [
  [/^(\d{3}) rate limited$/, ({ t }) => t("history.details.denied.429")],
  [
    /^409 ConflictError; fields: ([\w.]+(?:, [\w.]+)*)$/,
    (r, m) => {
      // a field without a label is left out rather than shown as a code
      const labels = m[1]!.split(", ").flatMap((field) => {
        const label = fieldLabel(r.messages, field, TASK_FIELDS.has(field) ? "ReformTask" : null);
        return label === field ? [] : [label];
      });
      const fields = [...new Set(labels)].join(r.locale === "en" ? ", " : "、");
      return fields ? r.t("history.details.conflictFields", { fields }) : r.t("history.details.denied.409");
    },
  ],
  [
    /^(\d{3}) [A-Za-z]*Error$/,
    ({ t, messages }, m) => text(messages, `history.details.denied.${m[1]}`) ?? t("history.details.denied.other", { status: m[1]! }),
  ],
  [/^throttled \(per-IP limit\)$/, ({ t }) => t("history.details.throttled")],
  [/^disabled or no password$/, ({ t }) => t("history.details.disabledOrNoPassword")],
  [/^unknown user$/, ({ t }) => t("history.details.unknownUser")],
  [/^locked until (\S+)$/, (reader, m) => reader.t("history.details.lockedUntil", { time: valueText(reader, "at", m[1]) ?? "" })],
  [/^wrong password$/, ({ t }) => t("history.details.wrongPassword")],
  [/^(\d+) failures; locked (\d+) min$/, ({ t }, m) => t("history.details.lockout", { failures: m[1]!, minutes: m[2]! })],
  [/^second factor replayed$/, ({ t }) => t("history.details.secondFactorReplayed")],
  [/^second factor \w+$/, ({ t }) => t("history.details.secondFactor")],
  [/^no role granted$/, ({ t }) => t("history.details.noRole")],
  [/^temporary password set$/, ({ t }) => t("history.details.temporaryPassword")],
  [/^password changed$/, ({ t }) => t("history.details.passwordChanged")],
  // the grant's own id says nothing the changes do not
  [/^(grant|revoke) c[a-z0-9]+$/, () => null],
  [/^task (\S+), (\d+) attachment\(s\)$/, ({ t }, m) => t("history.details.taskAttachments", { code: m[1]!, count: m[2]! })],
  [
    /^task (\S+), (\d{4}-\d{2}): ([\s\S]*)$/,
    (r, m) => r.t("history.details.taskMonthText", { code: m[1]!, month: month(r, m[2]!), text: m[3]! }),
  ],
  [/^task (\S+), (\d{4}-\d{2})$/, (r, m) => r.t("history.details.taskMonth", { code: m[1]!, month: month(r, m[2]!) })],
  [/^task (\S+): ([\s\S]*)$/, ({ t }, m) => t("history.details.taskText", { code: m[1]!, text: m[2]! })],
  [/^task (\S+)$/, ({ t }, m) => t("history.details.task", { code: m[1]! })],
  [/^contribution to task (\S+), (\d{4}-\d{2})$/, (r, m) => r.t("history.details.contribution", { code: m[1]!, month: month(r, m[2]!) })],
  [
    /^submitted (\d+): (.*)$/,
    (r, m) =>
      r.t("history.details.submittedMany", {
        count: m[1]!,
        list: m[2]!
          .split(", ")
          .map((item) => item.replace(/(\d{4}-\d{2})$/, (value) => month(r, value)))
          .join("、"),
      }),
  ],
  [/^merged into ([\s\S]+)$/, ({ t }, m) => t("history.details.mergedInto", { name: m[1]! })],
  [/^moved up$/, ({ t }) => t("history.details.movedUp")],
  [/^moved down$/, ({ t }) => t("history.details.movedDown")],
  [/^already first in its group$/, ({ t }) => t("history.details.alreadyFirst")],
  [/^already last in its group$/, ({ t }) => t("history.details.alreadyLast")],
  [/^deleted ([\s\S]+)$/, ({ t }, m) => t("history.details.deleted", { text: m[1]! })],
  [/^copied (\d+) unfinished tasks from (\d{4})$/, ({ t }, m) => t("history.details.copied", { count: m[1]!, year: m[2]! })],
  [
    /^copied (\d+) unfinished tasks from (\d{4}); (\d+) already in the plan by title$/,
    ({ t }, m) => t("history.details.copiedSkipped", { count: m[1]!, year: m[2]!, skipped: m[3]! }),
  ],
  [/^rejected: (\d+) problems in (\d+) rows$/, ({ t }, m) => t("history.details.importRejected", { count: m[1]!, rows: m[2]! })],
  [
    /^imported: (\d+) created, (\d+) updated, (\d+) work points, (\d+) milestones$/,
    ({ t }, m) => t("history.details.imported", { created: m[1]!, updated: m[2]!, points: m[3]!, milestones: m[4]! }),
  ],
  [
    /^(\d{4}) #(\d+) asOf (\S+) units (\d+)$/,
    (r, m) => r.t("history.details.assessmentRun", { year: m[1]!, run: m[2]!, date: valueText(r, "asOf", m[3]) ?? m[3]!, units: m[4]! }),
  ],
  [/^(\d{4}) #(\d+)$/, ({ t }, m) => t("history.details.assessmentRef", { year: m[1]!, run: m[2]! })],
  [
    /^assessment (\S+) unit (\S+)$/,
    (r, m) => r.t("history.details.assessmentUnit", { assessment: recordName(r, m[1]!), unit: recordName(r, m[2]!) }),
  ],
  [/^rows (\d+)$/, ({ t }, m) => t("history.details.rows", { rows: m[1]! })],
  [/^expires (\S+)$/, (r, m) => r.t("history.details.expires", { time: valueText(r, "expiresAt", m[1]) ?? m[1]! })],
  [/^for (\S+)$/, ({ t }, m) => t("history.details.issuedFor", { username: m[1]! })],
  [/^(\d+) marked read$/, ({ t }, m) => t("history.details.markedRead", { count: m[1]! })],
  [
    /^([\s\S]+) \((\d+) bytes, sha256 [0-9a-f]+\) for the answer to instruction (\S+)$/,
    (r, m) => r.t("history.details.instructionFile", { file: fileText(r, m[1]!, m[2]!), instruction: recordName(r, m[3]!) }),
  ],
  [
    /^([\s\S]+) removed from the answer to instruction (\S+)$/,
    (r, m) => r.t("history.details.instructionFileRemoved", { name: m[1]!, instruction: recordName(r, m[2]!) }),
  ],
  [/^round (\d+), (\d+) attachment\(s\)$/, ({ t }, m) => t("history.details.instructionRoundFiles", { round: m[1]!, count: m[2]! })],
  [/^round (\d+)$/, ({ t }, m) => t("history.details.instructionRound", { round: m[1]! })],
  [/^on behalf of (\S+)$/, (r, m) => r.t("history.details.onBehalf", { leader: recordName(r, m[1]!) })],
  [/^notice (\S+), (\d+) attachment\(s\)$/, ({ t }, m) => t("history.details.noticeAttachments", { number: m[1]!, count: m[2]! })],
  [
    /^([\s\S]+) \((\d+) bytes, sha256 [0-9a-f]+\) for the answer to notice (\S+)$/,
    (r, m) => r.t("history.details.noticeFile", { file: fileText(r, m[1]!, m[2]!), number: m[3]! }),
  ],
  [
    /^([\s\S]+) removed from the answer to notice (\S+)$/,
    ({ t }, m) => t("history.details.noticeFileRemoved", { name: m[1]!, number: m[2]! }),
  ],
  [
    /^([\s\S]+) \((\d+) bytes, sha256 [0-9a-f]+\) on quarterly report (\S+ \S+), round (\d+)$/,
    (r, m) => r.t("history.details.quarterlyFile", { file: fileText(r, m[1]!, m[2]!), report: words(r, m[3]!), round: m[4]! }),
  ],
  [
    /^([\s\S]+) removed from quarterly report (\S+ \S+)$/,
    (r, m) => r.t("history.details.quarterlyFileRemoved", { name: m[1]!, report: words(r, m[2]!) }),
  ],
  [
    /^([\s\S]+) \((\d+) bytes, sha256 [0-9a-f]+\) on info report (\S+) item 「([\s\S]*)」, round (\d+)$/,
    (r, m) =>
      r.t("history.details.infoFile", {
        name: m[1]!,
        size: r.t("history.details.bytes", { size: formatNumber(Number(m[2]), r.locale) }),
        report: recordName(r, m[3]!),
        item: m[4]!,
        round: m[5]!,
      }),
  ],
  [
    /^([\s\S]+) removed from info report (\S+) item 「([\s\S]*)」$/,
    (r, m) => r.t("history.details.infoFileRemoved", { name: m[1]!, report: recordName(r, m[2]!), item: m[3]! }),
  ],
  [
    /^(\d{4}-\d{2}); files removed with their items: ([\s\S]+)$/,
    (r, m) =>
      r.t("history.details.infoItemFilesRemoved", {
        month: month(r, m[1]!),
        files: r.locale === "en" ? m[2]! : m[2]!.split(", ").join("、"),
      }),
  ],
  [
    /^([\s\S]+) \((\d+) bytes, sha256 [0-9a-f]+\)$/,
    (r, m) =>
      r.t("history.details.file", { name: m[1]!, size: r.t("history.details.bytes", { size: formatNumber(Number(m[2]), r.locale) }) }),
  ],
  [
    /^(MONTHLY_TASK|UNIT_MONTHLY|QUARTERLY) (\S+): (\d+) unit\(s\), (\d+) notification\(s\), (\d+) without reporter$/,
    (r, m) =>
      r.t("history.details.reminder", {
        report: r.t(`history.details.reminderTypes.${m[1]! as "QUARTERLY"}`),
        period: words(r, m[2]!),
        units: m[3]!,
        notifications: m[4]!,
        without: m[5]!,
      }),
  ],
  [/^([\s\S]*?) ?\(resubmitted\)$/, (r, m) => `${words(r, m[1]!)}${r.t("history.details.resubmitted")}`],
  [/^([\s\S]*): already drafted$/, (r, m) => r.t("history.details.alreadyDrafted", { text: words(r, m[1]!) })],
];

/** Free text with codes, ids, dates and quarter keys inside, each put in words; user text is left as typed. */
function words(reader: Reader, value: string): string {
  return value
    .replace(/\b(\d{4})-Q([1-4])\b/g, (_, year: string, quarter: string) => reader.t("history.quarterName", { year, quarter }))
    .replace(new RegExp(String.raw`\b[GT]:(${ID_SOURCE})\b`, "g"), (_, id: string) => recordName(reader, id))
    .replace(new RegExp(String.raw`\b(?:${ID_SOURCE})\b`, "g"), (id) => recordName(reader, id))
    .replace(/\b\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})/g, (instant) => valueText(reader, "at", instant) ?? instant)
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, (day) => valueText(reader, "day", day) ?? day)
    .replace(/\b\d{4}-\d{2}\b/g, (value) => month(reader, value))
    .replace(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b[A-Z]{3,}\b/g, (code) => enumLabel(reader.messages, code) ?? code);
}

/** The audit row's detail in words: known phrases translated, JSON as labelled pairs, the rest token by token. */
export function readableDetail(reader: Reader, detail: string | null): string | null {
  if (!detail) return null;
  const trimmed = detail.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed && typeof parsed === "object") return valueText(reader, "detail", parsed);
    } catch {
      // not JSON after all: shown as text below
    }
  }
  for (const [pattern, render] of DETAILS) {
    const match = pattern.exec(trimmed);
    if (match) return render(reader, match);
  }
  return words(reader, trimmed);
}

// ───────────── Audit rows ─────────────

function walk(node: unknown, path: readonly string[]): string | null {
  let current = node;
  for (const part of path) {
    if (!current || typeof current !== "object" || !Object.hasOwn(current, part)) return null;
    current = (current as Record<string, unknown>)[part];
  }
  return typeof current === "string" ? current : null;
}

/** "auth.signin" → 登录, or null when the catalogue has no name for it. */
export function eventLabel(messages: Messages, event: string): string | null {
  return walk(messages.audit.events, event.split("."));
}

/** "User" → 用户, or null. */
export function targetTypeLabel(messages: Messages, targetType: string): string | null {
  return walk(messages.audit.targets, [targetType]);
}

/** The stored parts of an audit row the formatter reads (AuditEventRow of queries.ts). */
export interface StoredAuditRow {
  event: string;
  targetType: string | null;
  targetId: string | null;
  result: "SUCCESS" | "DENIED" | "FAILURE" | "CONFLICT";
  changes: { field: string; from: unknown; to: unknown }[];
  detail: string | null;
}

export interface ReadableAuditRow {
  event: string;
  /** the code, for the filter and as secondary text */
  eventCode: string;
  targetType: string | null;
  /** the target's human name; its id only goes in a tooltip */
  target: string | null;
  targetId: string | null;
  result: string;
  changes: ReadableChange[];
  detail: string | null;
}

/** An audit row as the page and the export show it. */
export function readableAuditRow(reader: Reader, row: StoredAuditRow): ReadableAuditRow {
  const { messages, t } = reader;
  const family = row.event.split(".")[0] ?? row.event;
  return {
    event: eventLabel(messages, row.event) ?? text(messages, `audit.prefixes.${family}`) ?? row.event,
    eventCode: row.event,
    targetType: row.targetType ? (targetTypeLabel(messages, row.targetType) ?? row.targetType) : null,
    target: row.targetId ? recordName(reader, row.targetId) : null,
    targetId: row.targetId,
    result: t(`audit.results.${row.result}` as MessageKey),
    changes: readableChanges(reader, row.changes, row.targetType),
    detail: readableDetail(reader, row.detail),
  };
}

// ───────────── Change history (ChangeRecord: a task's 修改记录, a plan's) ─────────────

export interface StoredChangeRecord {
  actorName: string | null;
  reason: string | null;
  changes: readonly { field: string; from: unknown; to: unknown }[];
}

export interface ReadableChangeRecord {
  actor: string;
  changes: ReadableChange[];
  /** the editor's reason, or 新建 for the record of a creation */
  reason: string | null;
}

/** createTask writes the code "created"; an approved plan change, "plan-change:" and the request's reason. */
function recordReason(reader: Reader, reason: string | null): string | null {
  if (reason === "created") return reader.t("history.created");
  if (reason?.startsWith(PLAN_CHANGE)) return reader.t("history.planChange", { reason: reason.slice(PLAN_CHANGE.length) });
  return reason;
}
export const PLAN_CHANGE = "plan-change:";

/** One history record as the task page shows it. */
export function readableChangeRecord(reader: Reader, record: StoredChangeRecord, entity: string): ReadableChangeRecord {
  return {
    actor: record.actorName ?? reader.t("history.empty"),
    changes: readableChanges(reader, record.changes, entity),
    reason: recordReason(reader, record.reason),
  };
}

// ───────────── Report threads ─────────────

export interface ReadableThreadEvent {
  action: string;
  actor: string;
  comment: string | null;
}

/** A workflow step of a report: the reports' own word for it, else the generic one; who took it by name. */
export function readableThreadEvent(
  reader: Reader,
  event: { action: string; actorName: string | null; comment: string | null },
): ReadableThreadEvent {
  return {
    action:
      text(reader.messages, `reports.steps.${event.action}`) ??
      enumLabel(reader.messages, event.action, ["WorkflowAction"]) ??
      event.action,
    actor: event.actorName ?? reader.t("reports.thread.system"),
    comment: event.comment,
  };
}
