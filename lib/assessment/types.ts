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
  adjustments: number;
  openObjections: number;
}

/** The stored trace of an indicator (UnitScoreItem.evidence); the lists depend on the indicator. */
export interface Evidence {
  asOf?: string;
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
  tasks?: { id: string; code: string; done?: boolean; green?: number; counted?: number }[];
  reports?: { taskId: string; code: string; period: string; timeliness: "ON_TIME" | "LATE" | "MISSING" }[];
  notices?: { id: string; number: string; onTime: boolean }[];
  items?: { source: "MONTHLY" | "CASE" | "HONOR"; id: string; title: string; level: LevelValue }[];
}

export interface IndicatorCard extends IndicatorInfo {
  raw: number;
  score: number;
  evidence: Evidence;
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
