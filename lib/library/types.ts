// Plain shapes the library pages hand to client components (no server code).
import type { HonorKind, Level, MicroReformStatus } from "@/lib/db/generated/enums";

export interface MicroRow {
  id: string;
  title: string;
  problem: string;
  unitId: string;
  unitName: string;
  year: number;
  status: MicroReformStatus;
  citizensServed: number | null;
  version: number;
  createdAt: Date;
}

export interface MicroDetail extends MicroRow {
  measures: string;
  effect: string | null;
  taskId: string | null;
  taskCode: string | null;
  taskTitle: string | null;
  acceptedAt: Date | null;
  promotedAt: Date | null;
  thread: { action: string; comment: string | null; actorName: string | null; createdAt: Date }[];
}

export interface CaseRow {
  id: string;
  title: string;
  summary: string | null;
  unitId: string;
  unitName: string;
  year: number;
  level: Level;
  publishedIn: string | null;
  publishedOn: string | null;
  taskId: string | null;
  taskCode: string | null;
  microReformId: string | null;
  microTitle: string | null;
  version: number;
}

export interface HonorRow {
  id: string;
  title: string;
  kind: HonorKind;
  level: Level;
  source: string | null;
  awardedOn: string | null;
  unitId: string;
  unitName: string;
  year: number;
  taskId: string | null;
  taskCode: string | null;
  version: number;
}

export interface Paged<T> {
  rows: T[];
  total: number;
  page: number;
  size: number;
}

/** Per unit, what the assessment's innovation bonus counts. */
export interface UnitInnovationFacts {
  unitId: string;
  cases: Partial<Record<Level, number>>;
  /** honours by kind, then level */
  honors: Partial<Record<HonorKind, Partial<Record<Level, number>>>>;
  /** micro-reforms in the library (accepted, promoted included) */
  microAccepted: number;
  /** of which promoted */
  microPromoted: number;
}
