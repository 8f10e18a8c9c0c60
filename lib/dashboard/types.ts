// Client-safe shapes of the leader cockpit (领导驾驶舱): what lib/dashboard/cockpit.ts returns and the
// chart components draw. No Prisma types, only plain JSON-able values.
import type { InstructionCard, InstructionWriter } from "@/lib/instructions/types";
import type { SignalCounts } from "@/lib/signals/types";
import type { Light, LightReasonDetail } from "@/lib/tasks/rules";

export type LightCounts = Record<Light, number>;

/** A figure and the ledger view (/tasks?…) that lists exactly the tasks counted. */
export interface Linked {
  count: number;
  href: string;
}

export interface CockpitHeadline {
  total: Linked;
  /** one per light: DONE 已销号, GREEN 正常, YELLOW 滞后, RED 严重滞后/逾期, NOT_STARTED, PENDING_CLOSE */
  lights: Record<Light, Linked>;
}

export interface CockpitGroup {
  id: string;
  name: string;
  shortName: string;
  total: Linked;
  lights: Record<Light, Linked>;
}

export interface CockpitUnitRate {
  id: string;
  name: string;
  /** 0–100 rounded to one decimal, null when the denominator is 0 */
  rate: number | null;
  /** numerator and denominator of the rate */
  good: number;
  base: number;
  /** the unit's led tasks of the year in the ledger */
  href: string;
}

export interface CockpitRanking {
  /** best first */
  top: CockpitUnitRate[];
  /** worst first */
  bottom: CockpitUnitRate[];
  /** units with a rate */
  ranked: number;
}

export interface CockpitTrendPoint {
  /** YYYY-MM-DD: a month end, or the as-of day for the last, partial month */
  asOf: string;
  /** 1–12 */
  month: number;
  /** averages over the year's tasks, 0–100 with one decimal */
  planned: number;
  actual: number;
  done: number;
  tasks: number;
}

export interface CockpitTask {
  id: string;
  code: string;
  title: string;
  groupName: string;
  leadUnitName: string;
  leaderName: string | null;
  leaderTitle: string | null;
  planned: number;
  actual: number;
  lag: number;
  light: Light;
  /** why the light is red or yellow, as the ledger gives them */
  reasons: LightReasonDetail[];
  dueDate: string;
}

export interface CockpitTaskList {
  rows: CockpitTask[];
  /** all tasks of the list; rows holds at most TASK_LIST_LIMIT */
  total: number;
  /** the ledger with the same tasks */
  href: string;
}

export interface Cockpit {
  year: number;
  /** YYYY-MM-DD: the Beijing day the lights are computed for */
  asOf: string;
  today: string;
  /** may the actor look at a past day (office and leaders, like the ledger) */
  asOfEditable: boolean;
  /** the month ends of the year up to today (YYYY-MM-DD), newest first: the as-of picker */
  monthEnds: string[];
  years: number[];
  headline: CockpitHeadline;
  groups: CockpitGroup[];
  /** 按期推进率: (GREEN + PENDING_CLOSE + DONE) / tasks not cancelled and started as of the day */
  onSchedule: CockpitRanking;
  /** 报送及时率: monthly lead reports of the year due by the as-of day, first submitted by their due day */
  timeliness: CockpitRanking;
  trend: CockpitTrendPoint[];
  keyTasks: CockpitTaskList;
  /** the actor's tasks as 挂钩领导 (leaderId = actor), null for non-leaders */
  myTasks: CockpitTaskList | null;
  /** 待落实批示: a leader's own instructions not yet carried out (the office: its committee's); null without the right to read them */
  instructions: InstructionCard | null;
  /** the write form of a 批示 on a task of the lists, for leaders and the office (null: the actor writes none) */
  instructionWriter: InstructionWriter | null;
  /** open formalism signals of the committee, for the office (lib/signals); null for other readers */
  signals: SignalCounts | null;
}
