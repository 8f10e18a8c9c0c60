// Client-safe shapes of the formalism signals (形式主义预警): what lib/signals/queries.ts returns and
// the list, the review panel, the API and the dashboards show. Plain JSON-able values only.
import type { SignalKind } from "./rules";

export interface SignalRecordRef {
  id: string;
  /** YYYY-MM of a report */
  period: string | null;
  status: string | null;
}

export interface SignalFileRef {
  id: string;
  fileName: string;
  /** the task and month of the record the file is on */
  taskId: string;
  taskCode: string;
  taskTitle: string;
  period: string | null;
  /** ProgressReport | CloseOutRequest | SupervisionResponse */
  ownerType: string;
}

export interface SignalView {
  id: string;
  version: number;
  kind: SignalKind;
  task: { id: string; code: string; title: string };
  unit: { id: string; name: string } | null;
  /** YYYY-MM: the month the finding is about */
  period: string | null;
  /** COPIED_REPORT: similarity 0–1; FROZEN_PERCENT: months unchanged; LOW_CLOSEOUT: last approved percent; REUSED_FILE: earlier uses */
  value: number;
  /** FROZEN_PERCENT: the frozen percent; LOW_CLOSEOUT: the floor */
  percent: number | null;
  /** FROZEN_PERCENT: planned percent when last computed */
  planned: number | null;
  report: SignalRecordRef | null;
  previousReport: SignalRecordRef | null;
  closeOut: { id: string; appliedAt: string; status: string } | null;
  attachment: SignalFileRef | null;
  previousAttachment: SignalFileRef | null;
  /** ISO instants */
  detectedAt: string;
  updatedAt: string;
  dismissed: { at: string; by: string | null; reason: string } | null;
  /** where the office reviews the record behind it (the report in 进展审核, the task page) */
  href: string;
}

export interface SignalPage {
  rows: SignalView[];
  total: number;
  page: number;
  size: number;
  /** open signals per kind (whatever the filters) */
  openByKind: Record<SignalKind, number>;
  /** the last daily refresh of the committee (ISO instant), null before the first */
  refreshedAt: string | null;
  canDismiss: boolean;
}

/** The open signals of the committee, per kind, each linked to the list: the cockpit and the workbench. */
export interface SignalCounts {
  total: number;
  byKind: Record<SignalKind, number>;
  href: string;
  hrefs: Record<SignalKind, string>;
}

/** A COPIED_REPORT signal in the review dialog: the two texts to compare. */
export interface CopiedTexts {
  current: { period: string; progress: string };
  previous: { period: string; progress: string };
}

export interface ReportSignals {
  signals: (SignalView & { texts: CopiedTexts | null })[];
  canDismiss: boolean;
}
