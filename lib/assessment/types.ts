// Plain DTOs of the assessment pages, shared by server queries and client components.
import type { IndicatorCode, LevelValue } from "./rules";

export type AssessmentStatusValue = "DRAFT" | "PUBLISHED" | "SUPERSEDED";

export interface RunSummary {
  id: string;
  year: number;
  runNumber: number;
  status: AssessmentStatusValue;
  computedAt: string;
  publishedAt: string | null;
  version: number;
  units: number;
}

export interface IndicatorInfo {
  code: IndicatorCode;
  name: string;
  weight: number;
  cap: number | null;
}

export interface RankingRow {
  unitId: string;
  unitName: string;
  total: number;
  rank: number;
  items: Record<IndicatorCode, number>;
  /** the indicators the unit does not take part in (不参与: nothing due by the as-of day) */
  absent: IndicatorCode[];
  adjustments: number;
  openObjections: number;
}

/** The stored trace of an indicator (UnitScoreItem.evidence); the lists depend on the indicator. */
export interface Evidence {
  asOf?: string;
  /** false: nothing was due for the indicator by the as-of day (不参与); absent in runs before 0012 */
  takesPart?: boolean;
  /** what the indicator is worth for the unit after redistribution */
  points?: number;
  due?: number;
  done?: number;
  counted?: number;
  green?: number;
  onTime?: number;
  late?: number;
  missing?: number;
  received?: number;
  answeredOnTime?: number;
  count?: number;
  items?: {
    kind: "TASK" | "MILESTONE";
    id: string;
    taskId: string;
    code: string;
    title: string;
    dueOn: string;
    doneOn: string | null;
    outcome: "ON_TIME" | "LATE" | "OPEN";
  }[];
  tasks?: { id: string; code: string; title?: string; done?: boolean; green?: number; counted?: number }[];
  reports?: { taskId: string; code: string; title?: string; period: string; timeliness: "ON_TIME" | "LATE" | "MISSING" }[];
  notices?: { id: string; number: string; taskId?: string; code?: string; dueOn?: string; onTime: boolean }[];
  innovations?: { source: "MONTHLY" | "CASE" | "HONOR"; id: string; reportId?: string | null; title: string; level: LevelValue }[];
}

/** One record a figure was computed from, with the page it is on (the score card's drill-down). */
export interface DrillRecord {
  key: string;
  kind: "TASK" | "MILESTONE" | "TASK_MONTHS" | "REPORT" | "NOTICE" | "MONTHLY" | "CASE" | "HONOR";
  /** the id of the task, milestone, notice or item counted */
  id: string;
  /** task code or notice number */
  label: string;
  title: string;
  /** due / planned day (YYYY-MM-DD) or report month (YYYY-MM) */
  date: string | null;
  /** how it counted: on time / late / open / missing; for task-months "green/counted"; for innovation the level */
  outcome: "ON_TIME" | "LATE" | "OPEN" | "MISSING" | "NOT_ON_TIME" | null;
  doneOn?: string | null;
  green?: number;
  counted?: number;
  level?: LevelValue;
  href: string;
}

export interface IndicatorCard extends IndicatorInfo {
  raw: number;
  score: number;
  /** false: 不参与 for this unit (nothing due by the as-of day) */
  takesPart: boolean;
  /** what the indicator is worth for this unit (its weight, redistributed) */
  points: number;
  evidence: Evidence;
  /** exactly the records the figure was counted from */
  records: DrillRecord[];
}

export interface ObjectionView {
  id: string;
  unitId: string;
  unitName: string;
  content: string;
  status: "OPEN" | "ANSWERED";
  answer: string | null;
  createdAt: string;
  answeredAt: string | null;
}

export interface ScoreCard {
  assessmentId: string;
  unitId: string;
  unitName: string;
  total: number;
  rank: number;
  unitsCount: number;
  items: IndicatorCard[];
  adjustments: { id: string; points: number; reason: string; createdAt: string }[];
  objections: ObjectionView[];
}

/** The year's scheme as the office edits it (the defaults, version null, before it is first saved or run). */
export interface SchemeView {
  version: number | null;
  indicators: IndicatorInfo[];
}

export interface AssessmentView {
  year: number;
  years: number[];
  canRun: boolean;
  canObject: boolean;
  seesAll: boolean;
  runs: RunSummary[];
  current: RunSummary | null;
  indicators: IndicatorInfo[];
  ranking: RankingRow[];
  card: ScoreCard | null;
  objections: ObjectionView[];
}
