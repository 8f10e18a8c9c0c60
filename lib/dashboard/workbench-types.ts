// Plain data shapes of the home page's workbenches (工作台), handed from the queries
// (workbench.ts) to the page and its client components: no server code here.
import type { InstructionCard } from "@/lib/instructions/types";
import type { SignalCounts } from "@/lib/signals/types";
import type { Light, LightReasonDetail } from "@/lib/tasks/rules";

/** One card's list: how many there are in all, the first few rows, and where the full list is. */
export interface WorkbenchList<Row> {
  total: number;
  rows: Row[];
  href: string;
}

export type ReviewKind = "PROGRESS" | "INFO" | "QUARTERLY";

export interface ReviewRow {
  kind: ReviewKind;
  id: string;
  /** task code and title, the unit's info report month, or the quarterly report's title */
  title: string;
  unitName: string | null;
  /** "2026-10" for monthly reports, "2026-Q3" for quarterly ones */
  period: string;
  submittedAt: string | null;
  href: string;
}

export interface MissingUnitRow {
  id: string;
  name: string;
  missing: number;
  href: string;
}

export interface LightChangeRow {
  taskId: string;
  code: string;
  title: string;
  light: Light;
  /** the light a week earlier */
  previousLight: Light;
  lag: number;
  /** why it is red or yellow now */
  reasons: LightReasonDetail[];
  href: string;
}

export interface MilestoneRow {
  id: string;
  title: string;
  /** YYYY-MM-DD */
  plannedDate: string;
  plannedPercent: number;
  taskId: string;
  code: string;
  taskTitle: string;
  unitName: string;
  href: string;
}

export interface NoticeRow {
  id: string;
  number: string;
  status: "ISSUED" | "RETURNED";
  level: string;
  /** YYYY-MM-DD */
  responseDueDate: string;
  overdue: boolean;
  taskId: string;
  code: string;
  taskTitle: string;
  unitName: string;
  href: string;
}

export interface CloseOutRow {
  id: string;
  taskId: string;
  code: string;
  title: string;
  unitName: string;
  appliedAt: string;
  href: string;
}

export interface TaskLightRow {
  id: string;
  code: string;
  title: string;
  light: Light;
  planned: number;
  actual: number;
  dueDate: string;
  href: string;
}

export interface LightCounts {
  counts: Record<Light, number>;
  total: number;
  /** the ledger of exactly the counted tasks, and per light */
  href: string;
  hrefs: Record<Light, string>;
}

export interface ThresholdValues {
  yellowLagPoints: number;
  redLagPoints: number;
  milestoneRedDays: number;
  /** the rules of the formalism signals (lib/signals/rules.ts) */
  signalCopySimilarity: number;
  signalFrozenMonths: number;
  signalCloseOutFloor: number;
  version: number;
}

export interface OfficeWorkbench {
  /** YYYY-MM-DD, Beijing */
  today: string;
  weekAgo: string;
  awaitingReview: WorkbenchList<ReviewRow> & { byKind: Record<ReviewKind, number> };
  missing: WorkbenchList<MissingUnitRow> & { period: string; dueOn: string; units: number };
  turnedLights: WorkbenchList<LightChangeRow> & { red: number; yellow: number };
  milestonesDue: WorkbenchList<MilestoneRow> & { days: number };
  noticesAwaiting: WorkbenchList<NoticeRow> & { overdue: number };
  closeOutsPending: WorkbenchList<CloseOutRow>;
  lights: LightCounts;
  thresholds: ThresholdValues & { editable: boolean };
  /** 批示逾期跟踪: leaders' instructions whose answer is past its answer-by date (lib/instructions) */
  instructionsOverdue: InstructionCard | null;
  /** open formalism signals per kind (lib/signals), null for a reader who may not see them */
  signals: SignalCounts | null;
}

export type OwedState = "NONE" | "DRAFT" | "RETURNED";

export interface OwedRow {
  taskId: string;
  code: string;
  title: string;
  state: OwedState;
  href: string;
}

export interface ReturnedRow {
  kind: ReviewKind;
  id: string;
  title: string;
  period: string;
  comment: string | null;
  href: string;
}

export interface DeadlineRow {
  kind: "MILESTONE" | "REPORT";
  id: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  daysLeft: number;
  code: string | null;
  href: string;
}

export interface UnitWorkbench {
  today: string;
  unit: { id: string; name: string };
  lights: LightCounts;
  /**
   * 本单位黄红灯任务: `total` is exactly the unit's lead tasks of the year whose light today is RED or
   * YELLOW (the ledger's counts), `rows` the first of them, red first, and `href` the ledger of them;
   * `led` is all its lead tasks of the year (the card's summary).
   */
  tasks: WorkbenchList<TaskLightRow> & { led: number; red: number; yellow: number };
  owed: WorkbenchList<OwedRow> & {
    period: string;
    dueOn: string;
    daysLeft: number;
    expected: number;
    submitted: number;
  };
  returned: WorkbenchList<ReturnedRow>;
  notices: WorkbenchList<NoticeRow> & { overdue: number };
  /** open milestones of its active tasks planned within `days`, plus the report deadline when it falls in them and reports are owed */
  deadlines: WorkbenchList<DeadlineRow> & { days: number };
  /** 待办理批示: leaders' instructions addressed to the unit, awaiting its answer (lib/instructions) */
  instructions: InstructionCard | null;
}

/** A leader's linked task (挂钩任务) on the home page, as the ledger computes it. */
export interface LeaderTaskRow extends TaskLightRow {
  leadUnitName: string;
  lag: number;
}

export interface OverviewWorkbench {
  today: string;
  year: number;
  lights: LightCounts;
  dashboardHref: string | null;
  /**
   * A leader's own linked tasks (ReformTask.leaderId) of the year, red first, with their lights from
   * the ledger's SQL (its leader filter); null for anyone who is not a leader.
   */
  myTasks: (WorkbenchList<LeaderTaskRow> & { lights: LightCounts }) | null;
  /** a leader's instructions not yet carried out (待落实批示); null for anyone who is not a leader */
  myInstructions: InstructionCard | null;
}
