// The demo county 青湖县: a whole year of reform work built from lib/demo/catalog.json, with every
// date relative to `today` so the dashboards always look "live". Deterministic for a given `today`
// (seeded PRNG, readable ids, explicit timestamps); the only varying bytes are the password salt.
// Rows are built in memory first, then written with createMany in one transaction.
import { hashPassword } from "@/lib/auth/password";
import type {
  GroupMemberRole,
  HonorKind,
  Level,
  NoticeLevel,
  NoticeStatus,
  Prisma,
  PrismaClient,
  ReportStatus,
  TaskSource,
  TaskStatus,
  UnitKind,
  WorkflowAction,
} from "@/lib/db/prisma";
import { buildChangeRequests } from "./changes";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./accounts";
import { afterRows } from "./instructions";
import catalogData from "./catalog.json";
import { createRandom, type Random } from "./random";

// ───────────────────────── Catalogue ─────────────────────────

interface CatalogLeader {
  name: string;
  title: string;
  committeeRole: string;
  portfolio: string;
}
interface CatalogUnit {
  name: string;
  shortName: string;
  kind: string;
}
interface CatalogGroup {
  name: string;
  shortName: string;
  leader: string;
  deputies: string[];
  liaisonUnit: string;
  memberUnits: string[];
}
interface CatalogMilestone {
  title: string;
  monthOffset: number;
  percent: number;
}
interface CatalogTask {
  group: string;
  title: string;
  goal: string;
  outcome: string;
  leadUnit: string;
  cooperatingUnits: string[];
  leader: string | null;
  isKey: boolean;
  source: string;
  pilotLevel: string | null;
  milestones: CatalogMilestone[];
}
interface CatalogWorkPoint {
  number: string;
  group: string;
  title: string;
  tasks: string[];
}
interface CatalogMicroReform {
  title: string;
  unit: string;
  problem: string;
  measures: string;
  effect: string;
}
interface CatalogCase {
  title: string;
  unit: string;
  level: string;
  publishedIn: string;
  year: number;
}
interface CatalogHonor {
  title: string;
  unit: string;
  kind: string;
  level: string;
  source: string;
  year: number;
}
export interface Catalog {
  county: { name: string; committee: string; office: string; docPrefix: string };
  leaders: CatalogLeader[];
  units: CatalogUnit[];
  specialGroups: CatalogGroup[];
  tasks: CatalogTask[];
  workPoints: CatalogWorkPoint[];
  microReforms: CatalogMicroReform[];
  typicalCases: CatalogCase[];
  honors: CatalogHonor[];
  reportPhrases: { progress: string[]; problems: string[]; nextSteps: string[] };
}

const catalog: Catalog = catalogData;

/** The catalogue's years (cases, honours) are written as seen from 2026; they shift with `today`. */
const CATALOG_YEAR = 2026;

const UNIT_KINDS: Record<string, UnitKind> = {
  PARTY_DEPT: "PARTY_DEPT",
  GOV_DEPT: "GOV_DEPT",
  TOWN: "TOWN",
  STREET: "STREET",
  PARK: "PARK",
  VERTICAL: "VERTICAL",
  MASS_ORG: "MASS_ORG",
  OTHER: "OTHER",
};
const SOURCES: Record<string, TaskSource> = { 上级部署: "SUPERIOR", 自主谋划: "SELF", 改革试点: "PILOT" };
const LEVELS: Record<string, Level> = { 国家级: "NATIONAL", 省级: "PROVINCIAL", 市级: "CITY", 县级: "COUNTY" };
const HONOR_KINDS: Record<string, HonorKind> = {
  表彰: "COMMENDATION",
  试点获批: "PILOT_APPROVED",
  试点验收: "PILOT_ACCEPTED",
  宣传推介: "PUBLICITY",
};

function mapped<T>(map: Record<string, T>, key: string, what: string): T {
  const value = map[key];
  if (value === undefined) throw new Error(`demo catalogue: unknown ${what} "${key}"`);
  return value;
}

// ───────────────────────── Result ─────────────────────────

interface Rows {
  committee: Prisma.CommitteeCreateManyInput[];
  committeeSettings: Prisma.CommitteeSettingsCreateManyInput[];
  unit: Prisma.UnitCreateManyInput[];
  user: Prisma.UserCreateManyInput[];
  specialGroup: Prisma.SpecialGroupCreateManyInput[];
  specialGroupMember: Prisma.SpecialGroupMemberCreateManyInput[];
  roleAssignment: Prisma.RoleAssignmentCreateManyInput[];
  workPlan: Prisma.WorkPlanCreateManyInput[];
  workPoint: Prisma.WorkPointCreateManyInput[];
  reformTask: Prisma.ReformTaskCreateManyInput[];
  taskCooperatingUnit: Prisma.TaskCooperatingUnitCreateManyInput[];
  milestone: Prisma.MilestoneCreateManyInput[];
  progressReport: Prisma.ProgressReportCreateManyInput[];
  closeOutRequest: Prisma.CloseOutRequestCreateManyInput[];
  changeRequest: Prisma.ChangeRequestCreateManyInput[];
  supervisionNotice: Prisma.SupervisionNoticeCreateManyInput[];
  supervisionResponse: Prisma.SupervisionResponseCreateManyInput[];
  unitMonthlyReport: Prisma.UnitMonthlyReportCreateManyInput[];
  unitMonthlyReportItem: Prisma.UnitMonthlyReportItemCreateManyInput[];
  quarterlyReport: Prisma.QuarterlyReportCreateManyInput[];
  microReform: Prisma.MicroReformCreateManyInput[];
  typicalCase: Prisma.TypicalCaseCreateManyInput[];
  honor: Prisma.HonorCreateManyInput[];
  workflowEvent: Prisma.WorkflowEventCreateManyInput[];
  notification: Prisma.NotificationCreateManyInput[];
  reportReminder: Prisma.ReportReminderCreateManyInput[];
}

/** Rows written per table. */
export type SeedSummary = { [Table in keyof Rows]: number };

export interface SeedOptions {
  today: Date;
  log?: (line: string) => void;
}

export async function seedDemo(db: PrismaClient, options: SeedOptions): Promise<SeedSummary> {
  const log = options.log ?? (() => {});
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rows = buildDemo(options.today, passwordHash);
  log(`demo data built for ${catalog.county.name} as of ${isoDay(options.today)}`);
  return db.$transaction((tx) => afterRows(tx, insertRows(tx, rows, log), options.today, log), { maxWait: 10_000, timeout: 120_000 });
}

const CHUNK = 1000; // well under PostgreSQL's 65 535 bind parameters for the widest table

async function insertRows(tx: Prisma.TransactionClient, rows: Rows, log: (line: string) => void): Promise<SeedSummary> {
  const write = async <T>(name: string, data: T[], createMany: (chunk: T[]) => Promise<{ count: number }>) => {
    let count = 0;
    for (let i = 0; i < data.length; i += CHUNK) count += (await createMany(data.slice(i, i + CHUNK))).count;
    log(`  ${name}: ${count}`);
    return count;
  };
  // Order follows the foreign keys.
  return {
    committee: await write("committee", rows.committee, (data) => tx.committee.createMany({ data })),
    committeeSettings: await write("committeeSettings", rows.committeeSettings, (data) => tx.committeeSettings.createMany({ data })),
    unit: await write("unit", rows.unit, (data) => tx.unit.createMany({ data })),
    user: await write("user", rows.user, (data) => tx.user.createMany({ data })),
    specialGroup: await write("specialGroup", rows.specialGroup, (data) => tx.specialGroup.createMany({ data })),
    specialGroupMember: await write("specialGroupMember", rows.specialGroupMember, (data) => tx.specialGroupMember.createMany({ data })),
    roleAssignment: await write("roleAssignment", rows.roleAssignment, (data) => tx.roleAssignment.createMany({ data })),
    workPlan: await write("workPlan", rows.workPlan, (data) => tx.workPlan.createMany({ data })),
    workPoint: await write("workPoint", rows.workPoint, (data) => tx.workPoint.createMany({ data })),
    reformTask: await write("reformTask", rows.reformTask, (data) => tx.reformTask.createMany({ data })),
    taskCooperatingUnit: await write("taskCooperatingUnit", rows.taskCooperatingUnit, (data) =>
      tx.taskCooperatingUnit.createMany({ data }),
    ),
    milestone: await write("milestone", rows.milestone, (data) => tx.milestone.createMany({ data })),
    progressReport: await write("progressReport", rows.progressReport, (data) => tx.progressReport.createMany({ data })),
    closeOutRequest: await write("closeOutRequest", rows.closeOutRequest, (data) => tx.closeOutRequest.createMany({ data })),
    changeRequest: await write("changeRequest", rows.changeRequest, (data) => tx.changeRequest.createMany({ data })),
    supervisionNotice: await write("supervisionNotice", rows.supervisionNotice, (data) => tx.supervisionNotice.createMany({ data })),
    supervisionResponse: await write("supervisionResponse", rows.supervisionResponse, (data) =>
      tx.supervisionResponse.createMany({ data }),
    ),
    unitMonthlyReport: await write("unitMonthlyReport", rows.unitMonthlyReport, (data) => tx.unitMonthlyReport.createMany({ data })),
    unitMonthlyReportItem: await write("unitMonthlyReportItem", rows.unitMonthlyReportItem, (data) =>
      tx.unitMonthlyReportItem.createMany({ data }),
    ),
    quarterlyReport: await write("quarterlyReport", rows.quarterlyReport, (data) => tx.quarterlyReport.createMany({ data })),
    microReform: await write("microReform", rows.microReform, (data) => tx.microReform.createMany({ data })),
    typicalCase: await write("typicalCase", rows.typicalCase, (data) => tx.typicalCase.createMany({ data })),
    honor: await write("honor", rows.honor, (data) => tx.honor.createMany({ data })),
    workflowEvent: await write("workflowEvent", rows.workflowEvent, (data) => tx.workflowEvent.createMany({ data })),
    notification: await write("notification", rows.notification, (data) => tx.notification.createMany({ data })),
    reportReminder: await write("reportReminder", rows.reportReminder, (data) => tx.reportReminder.createMany({ data })),
  };
}

// ───────────────────────── Calendar (UTC) ─────────────────────────

/** Months counted from year 0: year * 12 + zero-based month. */
type MonthIndex = number;

const DAY_MS = 86_400_000;
const utcDay = (year: number, month0: number, day: number) => new Date(Date.UTC(year, month0, day));
const yearOf = (month: MonthIndex) => Math.floor(month / 12);
const monthNumber = (month: MonthIndex) => (month % 12) + 1;
const monthIndexOf = (date: Date): MonthIndex => date.getUTCFullYear() * 12 + date.getUTCMonth();
const monthStart = (month: MonthIndex) => utcDay(yearOf(month), month % 12, 1);
const monthEnd = (month: MonthIndex) => utcDay(yearOf(month), (month % 12) + 1, 0);
/** Day `day` of the month, or its last day when the month is shorter. */
const dayIn = (month: MonthIndex, day: number) => utcDay(yearOf(month), month % 12, Math.min(day, monthEnd(month).getUTCDate()));
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);
const daysBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY_MS;
const minDate = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);
const maxDate = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);
/** An instant on a calendar day, given as Beijing office hours (UTC+8). */
const beijing = (day: Date, hour: number, minute = 0) => new Date(day.getTime() + ((hour - 8) * 60 + minute) * 60_000);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const monthLabel = (month: MonthIndex) => `${yearOf(month)}年${monthNumber(month)}月`;
const dayLabel = (date: Date) => `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;

interface Clock {
  /** the instant everything happened before */
  now: Date;
  /** today's calendar day (UTC midnight) */
  today: Date;
  year: number;
  month: MonthIndex;
  lastMonth: MonthIndex;
  firstMonthOfYear: MonthIndex;
}

function makeClock(now: Date): Clock {
  // the Beijing calendar day, as the portal judges every instant (lib/tasks/rules.ts dayOf)
  const beijingNow = new Date(now.getTime() + 8 * 3600_000);
  const today = utcDay(beijingNow.getUTCFullYear(), beijingNow.getUTCMonth(), beijingNow.getUTCDate());
  const month = monthIndexOf(today);
  return { now, today, year: today.getUTCFullYear(), month, lastMonth: month - 1, firstMonthOfYear: today.getUTCFullYear() * 12 };
}

/** Generated timestamps never reach `now` (min is monotonic, so their order survives). */
function pastOf(clock: Clock): (instant: Date) => Date {
  const latest = new Date(clock.now.getTime() - 60_000);
  return (instant) => minDate(instant, latest);
}

// ───────────────────────── Report windows ─────────────────────────

/** The committee defaults the seed writes (CommitteeSettings): monthly due day 5, quarterly day 10. */
const MONTHLY_DUE_DAY = 5;
const QUARTERLY_DUE_DAY = 10;

interface Filing {
  status: LastMonthFate;
  /** when it was (first) submitted; absent: the caller's usual timing */
  submitAt?: Date;
  /** when the office approved or returned it */
  reviewAt?: Date;
}

/**
 * What became of a report whose window — from `opensOn` to its deadline `dueOn` — may still be open
 * today. A closed window keeps the intended fate and the caller's timing. In an open one only what
 * could have happened by now did: a share of units that grows through the window has filed, in office
 * hours between the opening and now; the office reviewed a filing a few hours to two days later when
 * that is already past, else it still waits. `owed` keeps the report unfiled (a demo account must
 * find something to do); `certain` files it whatever the share (a task that has finished).
 */
function fileInWindow(
  world: World,
  intended: LastMonthFate,
  opensOn: Date,
  dueOn: Date,
  random: Random,
  options: { owed?: boolean; certain?: boolean } = {},
): Filing {
  const { clock } = world;
  if (clock.today.getTime() > dueOn.getTime()) return { status: intended };
  if (intended === "MISSING" || intended === "DRAFT" || options.owed) return { status: options.owed ? "MISSING" : intended };
  const elapsed = Math.floor(daysBetween(opensOn, clock.today)) + 1;
  const length = Math.floor(daysBetween(opensOn, dueOn)) + 1;
  const latest = new Date(clock.now.getTime() - 30 * 60_000);
  const share = 0.15 + (0.7 * elapsed) / length;
  if (!options.certain && !random.chance(share)) return { status: "MISSING" };
  let submitAt = beijing(addDays(opensOn, random.int(0, elapsed - 1)), random.int(9, 16), random.int(0, 59));
  if (submitAt.getTime() > latest.getTime()) submitAt = addDays(submitAt, -1);
  if (submitAt.getTime() < beijing(opensOn, 8).getTime()) {
    if (!options.certain) return { status: "MISSING" };
    submitAt = new Date(latest.getTime() - 60 * 60_000);
  }
  if (intended === "SUBMITTED") return { status: intended, submitAt };
  const room = Math.floor((latest.getTime() - submitAt.getTime()) / 60_000);
  const reviewAt = new Date(
    submitAt.getTime() + random.int(2 * 60, options.certain ? Math.max(2 * 60, Math.min(room, 48 * 60)) : 48 * 60) * 60_000,
  );
  if (reviewAt.getTime() > latest.getTime()) return { status: "SUBMITTED", submitAt };
  return { status: intended, submitAt, reviewAt };
}

/** The units of the demo reporter accounts: each of them must find reports still owed in an open window. */
function demoReporterUnits(world: World): Set<string> {
  return new Set(
    DEMO_ACCOUNTS.filter((account) => account.role === "UNIT_REPORTER" && account.unitName).map(
      (account) => unitOf(world, account.unitName!).id,
    ),
  );
}

// ───────────────────────── Text ─────────────────────────

const PHRASE_STAGES = {
  // indexes into reportPhrases.progress, by how far a task has come
  early: [0, 1, 2, 3, 4, 5, 19, 20],
  middle: [6, 7, 8, 9, 10, 11, 13, 16, 17, 21, 29],
  late: [12, 14, 15, 18, 22, 23, 24, 26, 28],
  applying: 27,
  finished: [25, 23],
};

const CONTRIBUTION_PHRASES = [
  "按照任务分工，完成职责范围内相关数据梳理并报送牵头单位。",
  "派员参加牵头单位组织的专题推进会，认领并落实配合事项。",
  "完成职责范围内配套政策文件的起草，已送牵头单位汇总。",
  "配合牵头单位开展联合调研和督导检查，提出意见建议。",
  "开放本系统业务接口，配合完成数据对接和共享。",
  "组织本系统业务骨干参加联合培训，落实配合工作人员。",
  "配合做好试点评估所需资料的收集和整理。",
  "在本系统内同步开展宣传解读，提高政策知晓率。",
];

const RETURN_COMMENTS = [
  "佐证材料不全，请补充会议纪要和相关文件后重新报送。",
  "本月进展表述笼统，请写明具体完成事项和量化数据后重新报送。",
  "填报进度与序时节点完成情况不一致，请核实后重新报送。",
  "存在问题和下步计划缺乏针对性，请结合节点要求细化后重新报送。",
];

const CHINESE_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

function chineseNumber(n: number): string {
  if (n <= 10) return CHINESE_DIGITS[n] ?? String(n);
  if (n < 20) return `十${CHINESE_DIGITS[n - 10]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${CHINESE_DIGITS[tens]}十${ones ? CHINESE_DIGITS[ones] : ""}`;
}

/** Wraps a title in “”, turning its own “” into ‘’ as Chinese nesting requires. */
const quote = (text: string) => `“${text.replace(/“/g, "‘").replace(/”/g, "’")}”`;

/** "一是…；二是…" from a few phrases (which end with "。"). */
function enumerate(phrases: readonly string[]): string {
  return phrases.map((phrase, i) => `${chineseNumber(i + 1)}是${phrase.replace(/。$/, "")}`).join("；") + "。";
}

function pickDistinct<T>(random: Random, items: readonly T[], count: number): T[] {
  return random.shuffle(items).slice(0, Math.min(count, items.length));
}

/** Longest run of non-punctuation characters two titles share: "similar" means at least four. */
function sharedRun(a: string, b: string): number {
  const clean = (s: string) => s.replace(/[“”"（）()、，。:：《》+\s]/g, "|");
  const x = clean(a);
  const y = clean(b);
  let best = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + best + 1; j <= x.length; j++) {
      const run = x.slice(i, j);
      if (run.includes("|") || !y.includes(run)) break;
      best = j - i;
    }
  }
  return best;
}
const SIMILAR = 4;

// ───────────────────────── Ids ─────────────────────────

// Ids are lowercase letters and digits starting with "c", so they pass cuid-shaped validation,
// and readable: cqhtask2026001 is the first task of 2026.
const pad = (n: number, width = 3) => String(n).padStart(width, "0");

function idFactory() {
  const counters = new Map<string, number>();
  return (kind: string) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return `cqh${kind}${pad(n, 5)}`;
  };
}

// ───────────────────────── The world being built ─────────────────────────

interface UnitRef {
  id: string;
  name: string;
  shortName: string;
}
interface GroupRef {
  id: string;
  name: string;
  shortName: string;
  index: number;
  liaisonUnitId: string;
}

type Profile = "ON_TRACK" | "SLIGHT" | "SERIOUS" | "AHEAD" | "STALLED";
type CloseRole = "DONE" | "RETURNED" | "PENDING";
type LastMonthFate = "APPROVED" | "SUBMITTED" | "RETURNED" | "DRAFT" | "MISSING";

interface PlannedMilestone {
  id: string;
  title: string;
  date: Date;
  percent: number;
  completedOn: Date | null;
}

interface ReportFact {
  id: string;
  month: MonthIndex;
  percent: number;
  status: ReportStatus;
  reviewedAt: Date | null;
  reviewComment: string | null;
}

interface Task {
  id: string;
  year: number;
  catalogIndex: number;
  code: string;
  spec: CatalogTask;
  group: GroupRef;
  leadUnit: UnitRef;
  leaderId: string | null;
  start: Date;
  startMonth: MonthIndex;
  due: Date;
  milestones: PlannedMilestone[];
  profile: Profile;
  /** per-task knobs of the profile: lag in points, or speed for tasks ahead */
  lag: number;
  speed: number;
  deferred: boolean;
  /** cumulative percent at each reported month */
  series: Map<MonthIndex, number>;
  reports: ReportFact[];
  status: TaskStatus;
  closeRole: CloseRole | null;
  closedAt: Date | null;
  originTaskId: string | null;
}

interface World {
  clock: Clock;
  past: (instant: Date) => Date;
  rows: Rows;
  nextId: (kind: string) => string;
  committeeId: string;
  units: Map<string, UnitRef>;
  unitsById: Map<string, UnitRef>;
  groups: Map<string, GroupRef>;
  leaderIds: Map<string, string>;
  leaderNames: Map<string, string>;
  userIds: Map<string, string>;
  /** the demo reporter of a unit, who appears as the submitter of its records */
  reporterOfUnit: Map<string, string>;
  officeUserId: string;
  tasks: Task[];
  previousTasks: Task[];
}

function unitOf(world: World, name: string): UnitRef {
  const unit = world.units.get(name);
  if (!unit) throw new Error(`demo catalogue: unknown unit "${name}"`);
  return unit;
}

function userOf(world: World, username: string): string {
  const id = world.userIds.get(username);
  if (!id) throw new Error(`demo: no user "${username}"`);
  return id;
}

function emptyRows(): Rows {
  return {
    committee: [],
    committeeSettings: [],
    unit: [],
    user: [],
    specialGroup: [],
    specialGroupMember: [],
    roleAssignment: [],
    workPlan: [],
    workPoint: [],
    reformTask: [],
    taskCooperatingUnit: [],
    milestone: [],
    progressReport: [],
    closeOutRequest: [],
    changeRequest: [],
    supervisionNotice: [],
    supervisionResponse: [],
    unitMonthlyReport: [],
    unitMonthlyReportItem: [],
    quarterlyReport: [],
    microReform: [],
    typicalCase: [],
    honor: [],
    workflowEvent: [],
    notification: [],
    reportReminder: [],
  };
}

/** Builds every row of the demo without touching the database. */
export function buildDemo(now: Date, passwordHash: string): Rows {
  const clock = makeClock(now);
  const world: World = {
    clock,
    past: pastOf(clock),
    rows: emptyRows(),
    nextId: idFactory(),
    committeeId: "cqhcommittee",
    units: new Map(),
    unitsById: new Map(),
    groups: new Map(),
    leaderIds: new Map(),
    leaderNames: new Map(),
    userIds: new Map(),
    reporterOfUnit: new Map(),
    officeUserId: "",
    tasks: [],
    previousTasks: [],
  };
  buildOrganisation(world, passwordHash);
  buildPlans(world);
  buildPreviousYear(world);
  buildCurrentYear(world);
  writeTasks(world);
  buildChangeRequests(world.rows, {
    committeeId: world.committeeId,
    year: clock.year,
    now: clock.now,
    today: clock.today,
    officeUserId: world.officeUserId,
    reporterUsername: "reporter",
    reporterUnitName: DEMO_ACCOUNTS.find((account) => account.username === "reporter")!.unitName!,
  });
  buildContributions(world);
  buildNotices(world);
  buildUnitMonthlyReports(world);
  buildQuarterlyReports(world);
  buildLibrary(world);
  buildNotifications(world);
  return world.rows;
}

function event(
  world: World,
  entityType: string,
  entityId: string,
  action: WorkflowAction,
  at: Date,
  actorId: string | null,
  comment?: string,
) {
  world.rows.workflowEvent.push({
    id: world.nextId("wf"),
    entityType,
    entityId,
    action,
    actorId,
    comment: comment ?? null,
    createdAt: world.past(at),
  });
}

// ───────────────────────── Organisation ─────────────────────────

function buildOrganisation(world: World, passwordHash: string) {
  const { rows, clock, committeeId } = world;
  // The system "went live" at the start of last year's plan.
  const setUp = beijing(utcDay(clock.year - 1, 0, 5), 9);
  const stamps = { createdAt: setUp, updatedAt: setUp };

  rows.committee.push({
    id: committeeId,
    name: catalog.county.committee,
    regionName: catalog.county.name,
    officeName: catalog.county.office,
    docPrefix: catalog.county.docPrefix,
    level: "COUNTY",
    ...stamps,
  });
  rows.committeeSettings.push({ committeeId, updatedAt: setUp });

  catalog.units.forEach((unit, i) => {
    const ref = { id: `cqhunit${pad(i + 1)}`, name: unit.name, shortName: unit.shortName };
    world.units.set(unit.name, ref);
    world.unitsById.set(ref.id, ref);
    rows.unit.push({
      id: ref.id,
      committeeId,
      name: unit.name,
      shortName: unit.shortName,
      kind: mapped(UNIT_KINDS, unit.kind, "unit kind"),
      sortOrder: i + 1,
      ...stamps,
    });
  });

  buildUsers(world, passwordHash, stamps);
  buildGroups(world, stamps);
  buildRoleAssignments(world, setUp);
}

function buildUsers(world: World, passwordHash: string, stamps: { createdAt: Date; updatedAt: Date }) {
  const { rows, clock } = world;
  const demoLeader = DEMO_ACCOUNTS.find((account) => account.role === "LEADER");

  catalog.leaders.forEach((leader, i) => {
    const username = leader.name === demoLeader?.nameZh ? demoLeader.username : `leader${pad(i + 1, 2)}`;
    const id = `cqhuser${username}`;
    world.leaderIds.set(leader.name, id);
    world.leaderNames.set(id, leader.name);
    world.userIds.set(username, id);
    const isDemo = username === demoLeader?.username;
    rows.user.push({
      id,
      username,
      name: leader.name,
      passwordHash: isDemo ? passwordHash : null,
      passwordChangedAt: isDemo ? clock.now : null,
      mustChangePassword: false,
      unitId: unitOf(world, leaderHomeUnit(leader)).id,
      isLeader: true,
      leaderTitle: leader.title,
      leaderPortfolio: leader.portfolio,
      committeeTitle: leader.committeeRole,
      ...stamps,
    });
  });

  for (const account of DEMO_ACCOUNTS) {
    if (account.role === "LEADER") continue;
    const id = `cqhuser${account.username}`;
    world.userIds.set(account.username, id);
    const unitId = account.unitName ? unitOf(world, account.unitName).id : null;
    if (account.role === "UNIT_REPORTER" && unitId) world.reporterOfUnit.set(unitId, id);
    rows.user.push({
      id,
      username: account.username,
      name: account.nameZh,
      passwordHash,
      passwordChangedAt: clock.now,
      mustChangePassword: false,
      unitId,
      ...stamps,
    });
  }
  world.officeUserId = userOf(world, "office");
}

function leaderHomeUnit(leader: CatalogLeader): string {
  if (leader.title.includes("纪委")) return "县纪委县监委";
  if (leader.title.includes("县长")) return "县人民政府办公室";
  return "县委办公室";
}

function buildGroups(world: World, stamps: { createdAt: Date; updatedAt: Date }) {
  const { rows } = world;
  const liaisonAccount = DEMO_ACCOUNTS.find((account) => account.role === "GROUP_LIAISON");
  catalog.specialGroups.forEach((group, i) => {
    const ref: GroupRef = {
      id: `cqhgroup${pad(i + 1, 2)}`,
      name: group.name,
      shortName: group.shortName,
      index: i,
      liaisonUnitId: unitOf(world, group.liaisonUnit).id,
    };
    world.groups.set(group.shortName, ref);
    rows.specialGroup.push({
      id: ref.id,
      committeeId: world.committeeId,
      name: group.name,
      shortName: group.shortName,
      sortOrder: i + 1,
      liaisonUnitId: ref.liaisonUnitId,
      ...stamps,
    });
    const member = (role: GroupMemberRole, sortOrder: number, who: { userId?: string; unitId?: string }) =>
      rows.specialGroupMember.push({
        id: world.nextId("gm"),
        groupId: ref.id,
        role,
        sortOrder,
        userId: who.userId ?? null,
        unitId: who.unitId ?? null,
      });
    member("HEAD", 1, { userId: leaderId(world, group.leader) });
    group.deputies.forEach((name, k) => member("DEPUTY", k + 1, { userId: leaderId(world, name) }));
    const liaisonUserId = liaisonAccount?.groupShortName === group.shortName ? userOf(world, liaisonAccount.username) : undefined;
    member("LIAISON", 1, { unitId: ref.liaisonUnitId, userId: liaisonUserId });
    group.memberUnits.forEach((name, k) => member("MEMBER_UNIT", k + 1, { unitId: unitOf(world, name).id }));
  });
}

function leaderId(world: World, name: string): string {
  const id = world.leaderIds.get(name);
  if (!id) throw new Error(`demo catalogue: unknown leader "${name}"`);
  return id;
}

function groupOf(world: World, shortName: string): GroupRef {
  const group = world.groups.get(shortName);
  if (!group) throw new Error(`demo catalogue: unknown special group "${shortName}"`);
  return group;
}

function buildRoleAssignments(world: World, at: Date) {
  const grantedById = userOf(world, "secadmin");
  const assign = (userId: string, role: Prisma.RoleAssignmentCreateManyInput["role"], scope: { unitId?: string; groupId?: string } = {}) =>
    world.rows.roleAssignment.push({
      id: world.nextId("ra"),
      userId,
      committeeId: world.committeeId,
      role,
      unitId: scope.unitId ?? null,
      groupId: scope.groupId ?? null,
      grantedById: userId === grantedById ? null : grantedById,
      createdAt: at,
    });
  for (const account of DEMO_ACCOUNTS) {
    if (account.role === "LEADER") continue; // every leader gets LEADER below
    const userId = userOf(world, account.username);
    if (account.role === "UNIT_REPORTER" && account.unitName) assign(userId, account.role, { unitId: unitOf(world, account.unitName).id });
    else if (account.role === "GROUP_LIAISON" && account.groupShortName)
      assign(userId, account.role, { groupId: groupOf(world, account.groupShortName).id });
    else assign(userId, account.role);
  }
  for (const leader of catalog.leaders) assign(leaderId(world, leader.name), "LEADER");
}

// ───────────────────────── Plans and work points ─────────────────────────

const planId = (year: number) => `cqhplan${year}`;

/** Work points of last year's plan: about 38 of this year's points, one or two tasks each. */
function previousYearSelection(): { points: CatalogWorkPoint[]; titles: Set<string> } {
  const random = createRandom("previous-year");
  const chosen = random.shuffle(catalog.workPoints.map((_, i) => i)).slice(0, 38);
  const twoTasks = new Set(chosen.slice(0, 22));
  const points = [...chosen].sort((a, b) => a - b).map((i) => catalog.workPoints[i] as CatalogWorkPoint);
  const titles = new Set<string>();
  chosen.forEach((i) => {
    const point = catalog.workPoints[i] as CatalogWorkPoint;
    point.tasks.slice(0, twoTasks.has(i) ? 2 : 1).forEach((title) => titles.add(title));
  });
  return { points, titles };
}

function buildPlans(world: World) {
  const { clock, rows } = world;
  for (const year of [clock.year - 1, clock.year]) {
    const created = world.past(beijing(utcDay(year, 0, 8), 9));
    rows.workPlan.push({
      id: planId(year),
      committeeId: world.committeeId,
      year,
      title: `${catalog.county.name}${year}年全面深化改革工作要点`,
      docNumber: `${catalog.county.docPrefix}发〔${year}〕1号`,
      issuedOn: utcDay(year, 1, 20),
      // 下达: from then on the tasks' controlled fields change through change requests (lib/demo/changes.ts)
      status: "ISSUED",
      issuedAt: world.past(beijing(utcDay(year, 1, 20), 10)),
      issuedById: world.officeUserId,
      createdById: world.officeUserId,
      createdAt: created,
      updatedAt: created,
    });
  }

  catalog.workPoints.forEach((point, i) => {
    rows.workPoint.push(workPointRow(world, clock.year, i + 1, point, point.number));
  });

  const subNumbers = new Map<string, number>();
  previousYearSelection().points.forEach((point, i) => {
    const group = groupOf(world, point.group);
    const sub = (subNumbers.get(point.group) ?? 0) + 1;
    subNumbers.set(point.group, sub);
    rows.workPoint.push(workPointRow(world, clock.year - 1, i + 1, point, `${chineseNumber(group.index + 1)}、(${chineseNumber(sub)})`));
  });
}

const workPointId = (year: number, title: string) => `cqhwp${year}${pad(catalog.workPoints.findIndex((p) => p.title === title) + 1)}`;

function workPointRow(
  world: World,
  year: number,
  sortOrder: number,
  point: CatalogWorkPoint,
  number: string,
): Prisma.WorkPointCreateManyInput {
  const created = world.past(beijing(utcDay(year, 0, 8), 9));
  return {
    id: workPointId(year, point.title),
    planId: planId(year),
    groupId: groupOf(world, point.group).id,
    number,
    title: point.title,
    sortOrder,
    createdAt: created,
    updatedAt: created,
  };
}

function workPointOfTask(title: string): CatalogWorkPoint | undefined {
  return catalog.workPoints.find((point) => point.tasks.includes(title));
}

// ───────────────────────── Tasks: schedule ─────────────────────────

/**
 * Milestone months: the catalogue's offsets count from the start month over a twelve-month year;
 * tasks with a shorter span (a late start, a deferred task) have their offsets squeezed
 * proportionally, keeping the checkpoints in distinct months where possible.
 */
function scheduleMilestones(
  taskId: string,
  startMonth: MonthIndex,
  milestones: CatalogMilestone[],
  spanMonths: number,
): PlannedMilestone[] {
  let previous = 0;
  return milestones.map((milestone, k) => {
    const remaining = milestones.length - k - 1;
    const scaled = Math.round((milestone.monthOffset * spanMonths) / 12);
    const offset = Math.min(Math.max(scaled, previous + 1, 1), Math.max(spanMonths - remaining, previous + 1));
    previous = offset;
    const month = startMonth + Math.min(offset, spanMonths) - 1;
    return { id: `${taskId}m${k + 1}`, title: milestone.title, date: monthEnd(month), percent: milestone.percent, completedOn: null };
  });
}

/** DESIGN §3: the percent of the latest milestone due on or before the date. */
function plannedStep(task: Task, date: Date): number {
  let percent = 0;
  for (const milestone of task.milestones) if (milestone.date.getTime() <= date.getTime()) percent = Math.max(percent, milestone.percent);
  return percent;
}

/** A smooth version of the plan (linear between checkpoints) that real progress tends to follow. */
function plannedCurve(task: Task, date: Date): number {
  let fromDate = task.start;
  let fromPercent = 0;
  for (const milestone of task.milestones) {
    if (date.getTime() <= milestone.date.getTime()) {
      const span = daysBetween(fromDate, milestone.date);
      if (span <= 0) return milestone.percent;
      const share = Math.max(0, daysBetween(fromDate, date)) / span;
      return fromPercent + (milestone.percent - fromPercent) * share;
    }
    fromDate = milestone.date;
    fromPercent = milestone.percent;
  }
  return fromPercent;
}

function newTask(
  world: World,
  spec: CatalogTask,
  catalogIndex: number,
  year: number,
  code: string,
  startMonth: MonthIndex,
  spanMonths: number,
): Task {
  const id = `cqhtask${year}${pad(catalogIndex + 1)}`;
  const milestones = scheduleMilestones(id, startMonth, spec.milestones, spanMonths);
  const last = milestones[milestones.length - 1];
  return {
    id,
    year,
    catalogIndex,
    code,
    spec,
    group: groupOf(world, spec.group),
    leadUnit: unitOf(world, spec.leadUnit),
    leaderId: spec.leader ? leaderId(world, spec.leader) : null,
    start: monthStart(startMonth),
    startMonth,
    due: last ? last.date : monthEnd(startMonth + spanMonths - 1),
    milestones,
    profile: "ON_TRACK",
    lag: 0,
    speed: 1,
    deferred: false,
    series: new Map(),
    reports: [],
    status: "ACTIVE",
    closeRole: null,
    closedAt: null,
    originTaskId: null,
  };
}

function taskCodes(year: number, specs: { spec: CatalogTask }[]): string[] {
  const seq = new Map<string, number>();
  return specs.map(({ spec }) => {
    const n = (seq.get(spec.group) ?? 0) + 1;
    seq.set(spec.group, n);
    return `${year}-${spec.group}-${pad(n)}`;
  });
}

// ───────────────────────── Reports (shared) ─────────────────────────

function progressText(task: Task, month: MonthIndex, percent: number, previousPercent: number, random: Random): string {
  const phrases = catalog.reportPhrases.progress;
  if (percent >= 100) {
    if (previousPercent < 100) return phrases[PHRASE_STAGES.applying] ?? "";
    return PHRASE_STAGES.finished.map((i) => phrases[i]).join("");
  }
  const stage = percent < 30 ? PHRASE_STAGES.early : percent < 70 ? PHRASE_STAGES.middle : PHRASE_STAGES.late;
  // a lagging task does not claim to be on schedule
  const honest = task.profile === "ON_TRACK" || task.profile === "AHEAD" ? stage : stage.filter((i) => !phrases[i]?.includes("符合序时"));
  const chosen = pickDistinct(random, honest, random.chance(0.5) ? 2 : 1).map((i) => phrases[i] ?? "");
  const next = task.milestones.find((milestone) => milestone.date.getTime() >= monthStart(month).getTime());
  return next ? `围绕${quote(next.title)}节点，${chosen.join("")}` : chosen.join("");
}

function problemsText(profile: Profile, random: Random): string | null {
  const easy = profile === "ON_TRACK" || profile === "AHEAD";
  if (easy && random.chance(0.55)) return null;
  return pickDistinct(random, catalog.reportPhrases.problems, easy ? 1 : 2).join("");
}

function nextStepsText(random: Random): string {
  return pickDistinct(random, catalog.reportPhrases.nextSteps, random.chance(0.5) ? 2 : 1).join("");
}

/** When the report for a month went in: by the 5th of the next month, sometimes late (6th–12th). */
function submissionTime(month: MonthIndex, random: Random): Date {
  const day = random.chance(0.12) ? random.int(6, 12) : random.int(1, 5);
  return beijing(dayIn(month + 1, day), random.int(9, 17), random.int(0, 59));
}

interface ReportDraft {
  task: Task;
  unitId: string;
  kind: "LEAD" | "CONTRIBUTION";
  month: MonthIndex;
  percent: number | null;
  progress: string;
  problems: string | null;
  nextSteps: string | null;
  status: ReportStatus;
  /** approved only after a return and a resubmission */
  returnedOnce?: boolean;
  /** timing set by fileInWindow; otherwise the usual days after the month */
  submitAt?: Date;
  reviewAt?: Date;
}

/** Writes a report row with its review trail; returns its id and review time. */
function pushReport(world: World, draft: ReportDraft, random: Random): ReportFact {
  const { past } = world;
  const id = world.nextId(draft.kind === "LEAD" ? "pr" : "pc");
  const submitter = world.reporterOfUnit.get(draft.unitId) ?? null;
  let submittedAt: Date | null = null;
  let reviewedAt: Date | null = null;
  let reviewComment: string | null = null;

  if (draft.status === "DRAFT") {
    const created = past(beijing(dayIn(draft.month + 1, random.int(1, 4)), random.int(9, 17)));
    world.rows.progressReport.push({ ...reportColumns(draft, id), createdAt: created, updatedAt: created });
    return { id, month: draft.month, percent: draft.percent ?? 0, status: draft.status, reviewedAt: null, reviewComment: null };
  }

  const firstSubmit = past(draft.submitAt ?? submissionTime(draft.month, random));
  submittedAt = firstSubmit;
  event(world, "ProgressReport", id, "SUBMIT", firstSubmit, submitter);
  if (draft.returnedOnce) {
    const returnedAt = past(addDays(firstSubmit, 1));
    event(world, "ProgressReport", id, "RETURN", returnedAt, world.officeUserId, random.pick(RETURN_COMMENTS));
    submittedAt = past(addDays(returnedAt, 1));
    event(world, "ProgressReport", id, "RESUBMIT", submittedAt, submitter);
  }
  if (draft.status === "APPROVED" || draft.status === "RETURNED") {
    reviewedAt = past(draft.reviewAt ?? beijing(addDays(utcDayOf(submittedAt), random.int(1, 3)), random.int(9, 17), random.int(0, 59)));
    if (draft.status === "RETURNED") reviewComment = random.pick(RETURN_COMMENTS);
    event(
      world,
      "ProgressReport",
      id,
      draft.status === "APPROVED" ? "APPROVE" : "RETURN",
      reviewedAt,
      world.officeUserId,
      reviewComment ?? undefined,
    );
  }
  const created = past(addDays(submittedAt, -random.int(1, 3)));
  world.rows.progressReport.push({
    ...reportColumns(draft, id),
    submittedAt,
    firstSubmittedAt: firstSubmit,
    submittedById: submitter,
    reviewedAt,
    reviewedById: reviewedAt ? world.officeUserId : null,
    reviewComment,
    version: draft.returnedOnce ? 2 : 1,
    createdAt: created,
    updatedAt: reviewedAt ?? submittedAt,
  });
  return { id, month: draft.month, percent: draft.percent ?? 0, status: draft.status, reviewedAt, reviewComment };
}

function reportColumns(draft: ReportDraft, id: string) {
  return {
    id,
    taskId: draft.task.id,
    unitId: draft.unitId,
    kind: draft.kind,
    period: monthStart(draft.month),
    progress: draft.progress,
    percent: draft.percent,
    problems: draft.problems,
    nextSteps: draft.nextSteps,
    status: draft.status,
  };
}

const utcDayOf = (instant: Date) => utcDay(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());

function pushCloseOut(
  world: World,
  task: Task,
  status: "APPROVED" | "RETURNED" | "PENDING",
  appliedAt: Date,
  decidedAt: Date | null,
): string {
  const id = world.nextId("co");
  const applicant = world.reporterOfUnit.get(task.leadUnit.id) ?? null;
  const comment =
    status === "APPROVED"
      ? "经核验，改革目标已全部完成，佐证材料齐全，同意销号。"
      : status === "RETURNED"
        ? "对账材料中缺少改革成效的量化数据和第三方评估意见，请补充完善后重新申请销号。"
        : null;
  world.rows.closeOutRequest.push({
    id,
    taskId: task.id,
    unitId: task.leadUnit.id,
    summary: `${quote(task.spec.title)}各项改革目标已完成，已形成${task.spec.outcome}成果；实施方案、制度文件、会议纪要和成效总结等佐证材料已上传，申请对账销号。`,
    status,
    appliedAt,
    appliedById: applicant,
    decidedAt,
    decidedById: decidedAt ? world.officeUserId : null,
    decisionComment: comment,
  });
  event(world, "CloseOutRequest", id, "SUBMIT", appliedAt, applicant);
  if (decidedAt)
    event(world, "CloseOutRequest", id, status === "APPROVED" ? "APPROVE" : "RETURN", decidedAt, world.officeUserId, comment ?? undefined);
  return id;
}

// ───────────────────────── Last year ─────────────────────────

function buildPreviousYear(world: World) {
  const { clock, past } = world;
  const year = clock.year - 1;
  const { titles } = previousYearSelection();
  const specs = catalog.tasks.map((spec, catalogIndex) => ({ spec, catalogIndex })).filter(({ spec }) => titles.has(spec.title));
  const codes = taskCodes(year, specs);
  const random = createRandom("previous-year-outcomes");
  const unfinished = new Set(random.shuffle(specs.map((s) => s.catalogIndex)).slice(0, Math.round(specs.length * 0.15)));
  // The demo reporters' units carried work over into this year: in January's first days, while last
  // December's reports are due, they still have some to file.
  const demoUnits = demoReporterUnits(world);
  for (const { spec, catalogIndex } of specs) if (demoUnits.has(unitOf(world, spec.leadUnit).id)) unfinished.add(catalogIndex);
  const owedByUnit = new Map<string, number>();

  specs.forEach(({ spec, catalogIndex }, i) => {
    const task = newTask(world, spec, catalogIndex, year, codes[i] ?? "", year * 12, 12);
    const taskRandom = createRandom(`previous:${catalogIndex}`);
    const finalPercent = unfinished.has(catalogIndex) ? taskRandom.int(12, 18) * 5 : 100;
    task.profile = finalPercent === 100 ? "ON_TRACK" : "SLIGHT";
    const lastMilestone = task.milestones[task.milestones.length - 1];
    const finishMonth = finalPercent === 100 && lastMilestone ? monthIndexOf(lastMilestone.date) : year * 12 + 11;
    const months = [2, 5, 8, 11].map((m) => year * 12 + m).filter((m) => m < finishMonth);
    months.push(finishMonth);

    let previous = 0;
    for (const month of months) {
      if (month > clock.lastMonth) break;
      const unitOwes = owedByUnit.get(task.leadUnit.id) ?? 0;
      const filing =
        month === clock.lastMonth
          ? fileInWindow(world, "APPROVED", monthStart(clock.month), dayIn(clock.month, MONTHLY_DUE_DAY), taskRandom, {
              owed: demoUnits.has(task.leadUnit.id) && unitOwes < 2,
              certain: finalPercent === 100,
            })
          : { status: "APPROVED" as const };
      if (filing.status === "MISSING") {
        owedByUnit.set(task.leadUnit.id, unitOwes + 1);
        break;
      }
      const curve = plannedCurve(task, monthEnd(month));
      const percent = Math.max(previous, finalPercent === 100 ? Math.round(curve) : Math.round((curve * finalPercent) / 100));
      task.series.set(month, percent);
      const fact = pushReport(
        world,
        {
          task,
          unitId: task.leadUnit.id,
          kind: "LEAD",
          month,
          percent,
          progress: progressText(task, month, percent, previous, taskRandom),
          problems: percent >= 100 ? null : problemsText(task.profile, taskRandom),
          nextSteps: percent >= 100 ? "巩固改革成果，健全长效机制。" : nextStepsText(taskRandom),
          status: filing.status === "SUBMITTED" ? "SUBMITTED" : "APPROVED",
          submitAt: filing.submitAt,
          reviewAt: filing.reviewAt,
        },
        taskRandom,
      );
      task.reports.push(fact);
      previous = percent;
    }

    task.milestones.forEach((milestone) => {
      if (milestone.percent > previous) return;
      const early = finalPercent === 100 ? -taskRandom.int(0, 10) : taskRandom.int(0, 20);
      milestone.completedOn = minDate(addDays(milestone.date, early), utcDay(year, 11, 31));
    });

    // Closed out a week or two after the finishing month — unless that is still to come.
    const appliesOn = beijing(dayIn(finishMonth + 1, taskRandom.int(6, 15)), 10, taskRandom.int(0, 59));
    const decidesOn = addDays(appliesOn, taskRandom.int(2, 6));
    if (finalPercent === 100 && previous === 100 && task.reports.at(-1)?.status === "APPROVED" && decidesOn < clock.now) {
      pushCloseOut(world, task, "APPROVED", past(appliesOn), past(decidesOn));
      task.status = "DONE";
      task.closedAt = past(decidesOn);
    }
    world.previousTasks.push(task);
  });
}

// ───────────────────────── This year ─────────────────────────

/** Demo accounts should see something to do: these catalogue tasks get a fixed story. */
const STORY: Record<string, { profile?: Profile; lastMonth?: LastMonthFate }> = {
  "深化不动产登记“一小时领证”改革": { profile: "ON_TRACK", lastMonth: "RETURNED" },
  "推进低效工业用地“回购退出”改革": { profile: "SERIOUS", lastMonth: "APPROVED" },
  "推进国土空间规划“一张图”实施监督": { profile: "SLIGHT", lastMonth: "MISSING" },
  健全农村产权流转交易市场体系: { profile: "ON_TRACK", lastMonth: "DRAFT" },
  规范农村宅基地审批和管理: { profile: "ON_TRACK", lastMonth: "SUBMITTED" },
};
const NOTICE_STORY_TASK = "推进低效工业用地“回购退出”改革";

function assignProfiles(count: number): Profile[] {
  const random = createRandom("profiles");
  const order = random.shuffle(Array.from({ length: count }, (_, i) => i));
  const quota: [Profile, number][] = [
    ["STALLED", Math.round(count * 0.05)],
    ["SERIOUS", Math.round(count * 0.1)],
    ["AHEAD", Math.round(count * 0.1)],
    ["SLIGHT", Math.round(count * 0.2)],
  ];
  const profiles: Profile[] = Array.from({ length: count }, () => "ON_TRACK");
  let cursor = 0;
  for (const [profile, n] of quota) {
    for (const index of order.slice(cursor, cursor + n)) profiles[index] = profile;
    cursor += n;
  }
  catalog.tasks.forEach((spec, i) => {
    const story = STORY[spec.title]?.profile;
    if (story) profiles[i] = story;
  });
  return profiles;
}

function buildCurrentYear(world: World) {
  const { clock } = world;
  const year = clock.year;
  const specs = catalog.tasks.map((spec, catalogIndex) => ({ spec, catalogIndex }));
  const codes = taskCodes(year, specs);
  const profiles = assignProfiles(specs.length);
  const random = createRandom("schedule");

  const candidates = specs.filter(({ spec }) => !STORY[spec.title]).map((s) => s.catalogIndex);
  const shuffled = random.shuffle(candidates);
  // A few tasks start next month (shown as not started), unless the year is about to end.
  const deferred = new Set(
    clock.month % 12 <= 10 ? shuffled.filter((i) => profiles[i] === "ON_TRACK" && !catalog.tasks[i]?.isKey).slice(0, 3) : [],
  );
  const lateStarters = new Set(shuffled.filter((i) => !deferred.has(i)).slice(0, Math.round(specs.length * 0.15)));

  const previousByTitle = new Map(world.previousTasks.map((task) => [task.spec.title, task]));
  specs.forEach(({ spec, catalogIndex }, i) => {
    const taskRandom = createRandom(`task:${catalogIndex}`);
    let startMonth = year * 12;
    let span = 12;
    if (deferred.has(catalogIndex)) {
      startMonth = clock.month + 1;
      span = 6;
    } else if (lateStarters.has(catalogIndex)) {
      startMonth = year * 12 + taskRandom.int(2, 3);
      span = 12 - (startMonth % 12);
    }
    const task = newTask(world, spec, catalogIndex, year, codes[i] ?? "", startMonth, span);
    task.deferred = deferred.has(catalogIndex);
    task.profile = profiles[catalogIndex] ?? "ON_TRACK";
    task.lag = task.profile === "SLIGHT" ? taskRandom.int(8, 20) : task.profile === "SERIOUS" ? taskRandom.int(30, 45) : 0;
    task.speed = task.profile === "AHEAD" ? 1.35 + taskRandom.int(0, 55) / 100 : 1;
    const origin = previousByTitle.get(spec.title);
    if (origin && origin.status !== "DONE") task.originTaskId = origin.id;
    simulateSeries(world, task, taskRandom);
    world.tasks.push(task);
  });

  assignCloseRoles(world);
  const fates = assignLastMonthFates(world);
  for (const task of world.tasks) writeCurrentReports(world, task, fates.get(task.id));
  for (const task of world.tasks) completeMilestones(world, task);
  for (const task of world.tasks) writeCloseOut(world, task);
}

/** Last month a task's lead unit is expected to report (none for a stalled task's last two months). */
function lastReportMonth(world: World, task: Task): MonthIndex {
  return task.profile === "STALLED" ? world.clock.lastMonth - 2 : world.clock.lastMonth;
}

/**
 * A lagging task follows the plan's curve scaled down, so that by its last report it sits `lag`
 * points under today's planned percent: smooth history, and the intended light today.
 */
function behindScale(world: World, task: Task): number {
  const target = plannedStep(task, world.clock.today) - task.lag;
  const reference = plannedCurve(task, monthEnd(lastReportMonth(world, task)));
  if (reference <= 0) return 1;
  return Math.min(1, Math.max(task.profile === "SERIOUS" ? 0.25 : 0.5, target / reference));
}

/** Cumulative percent at the end of each month, following the task's performance profile. */
function simulateSeries(world: World, task: Task, random: Random) {
  const scale = behindScale(world, task);
  let previous = 0;
  for (let month = task.startMonth; month <= lastReportMonth(world, task); month++) {
    const end = monthEnd(month);
    const curve = plannedCurve(task, end);
    const step = plannedStep(task, end);
    let percent: number;
    switch (task.profile) {
      case "ON_TRACK":
        percent = Math.max(step, Math.round(curve) + random.int(-2, 3));
        if (end.getTime() < task.due.getTime()) percent = Math.min(percent, 97);
        break;
      case "AHEAD": {
        const fast = plannedCurve(task, new Date(task.start.getTime() + (end.getTime() - task.start.getTime()) * task.speed));
        percent = fast >= 99.5 ? 100 : Math.min(97, Math.round(fast) + random.int(1, 4));
        break;
      }
      case "STALLED":
        percent = Math.round(curve * 0.92) + random.int(-1, 1);
        break;
      case "SLIGHT":
      case "SERIOUS":
        percent = Math.round(curve * scale) + random.int(-2, 0);
        break;
    }
    previous = Math.max(previous, Math.min(100, Math.max(0, percent)));
    task.series.set(month, previous);
  }
}

function monthReached(task: Task, percent: number): MonthIndex | null {
  for (const [month, value] of task.series) if (value >= percent) return month;
  return null;
}

/** Tasks that finished early: the earliest are closed out, a couple were returned, the latest wait. */
function assignCloseRoles(world: World) {
  const lastMonth = world.clock.lastMonth;
  const finished = world.tasks
    .map((task) => ({ task, month: monthReached(task, 100) }))
    .filter((entry): entry is { task: Task; month: MonthIndex } => entry.task.profile === "AHEAD" && entry.month !== null)
    .sort((a, b) => a.month - b.month || a.task.catalogIndex - b.task.catalogIndex);
  let done = 0;
  let returned = 0;
  let pending = 0;
  for (const { task, month } of finished) {
    if (done < 8 && month <= lastMonth - 1) {
      task.closeRole = "DONE";
      done++;
      // Nothing is reported after the month the work was finished.
      for (const later of [...task.series.keys()]) if (later > month) task.series.delete(later);
    } else if (returned < 2) {
      task.closeRole = "RETURNED";
      returned++;
    } else if (pending < 5) {
      task.closeRole = "PENDING";
      pending++;
    }
  }
}

function assignLastMonthFates(world: World): Map<string, LastMonthFate> {
  const lastMonth = world.clock.lastMonth;
  const fates = new Map<string, LastMonthFate>();
  const open: Task[] = [];
  for (const task of world.tasks) {
    if (!task.series.has(lastMonth)) continue;
    if (task.closeRole) fates.set(task.id, "APPROVED");
    else open.push(task);
  }
  const quota: [LastMonthFate, number][] = [
    ["SUBMITTED", Math.round(open.length * 0.21)],
    ["RETURNED", Math.round(open.length * 0.08)],
    ["DRAFT", Math.round(open.length * 0.05)],
    ["MISSING", Math.round(open.length * 0.04)],
  ];
  const pool: Task[] = [];
  for (const task of open) {
    const story = STORY[task.spec.title]?.lastMonth;
    if (story) {
      fates.set(task.id, story);
      const entry = quota.find(([fate]) => fate === story);
      if (entry) entry[1] = Math.max(0, entry[1] - 1);
    } else pool.push(task);
  }
  const shuffled = createRandom("last-month").shuffle(pool);
  let cursor = 0;
  for (const [fate, n] of quota) for (const task of shuffled.slice(cursor, (cursor += n))) fates.set(task.id, fate);
  for (const task of shuffled.slice(cursor)) fates.set(task.id, "APPROVED");

  // While last month's window is open, each demo reporter still owes at least two of its reports.
  if (world.clock.today.getTime() <= dayIn(world.clock.month, MONTHLY_DUE_DAY).getTime()) {
    const demoUnits = demoReporterUnits(world);
    for (const unitId of demoUnits) {
      const mine = open.filter((task) => task.leadUnit.id === unitId).sort((a, b) => a.code.localeCompare(b.code));
      let owed = mine.filter((task) => fates.get(task.id) === "MISSING").length;
      for (const task of mine)
        if (owed < 2 && fates.get(task.id) === "APPROVED") {
          fates.set(task.id, "MISSING");
          owed++;
        }
    }
  }
  return fates;
}

function writeCurrentReports(world: World, task: Task, lastMonthFate: LastMonthFate | undefined) {
  const { clock } = world;
  const random = createRandom(`reports:${task.catalogIndex}`);
  let previous = 0;
  for (const [month, percent] of task.series) {
    const isLast = month === clock.lastMonth;
    const filing: Filing = isLast
      ? fileInWindow(world, lastMonthFate ?? "APPROVED", monthStart(clock.month), dayIn(clock.month, MONTHLY_DUE_DAY), random, {
          // a finished task's last report, and the demo accounts' stories, are in whatever the day
          certain: task.closeRole !== null || Boolean(STORY[task.spec.title]?.lastMonth),
        })
      : { status: "APPROVED" };
    const fate = filing.status;
    if (fate === "MISSING") {
      task.series.delete(month);
      continue;
    }
    const fact = pushReport(
      world,
      {
        task,
        unitId: task.leadUnit.id,
        kind: "LEAD",
        month,
        percent,
        progress: progressText(task, month, percent, previous, random),
        problems: percent >= 100 ? null : problemsText(task.profile, random),
        nextSteps: percent >= 100 ? "巩固改革成果，健全长效机制，做好对账销号相关工作。" : nextStepsText(random),
        status: fate,
        returnedOnce: !isLast && random.chance(0.05),
        submitAt: filing.submitAt,
        reviewAt: filing.reviewAt,
      },
      random,
    );
    task.reports.push(fact);
    previous = percent;
  }
}

/** Milestones are checkpoints with their own completion dates; how they went depends on the profile. */
function completeMilestones(world: World, task: Task) {
  const { clock } = world;
  const random = createRandom(`milestones:${task.catalogIndex}`);
  const yesterday = addDays(clock.today, -1);
  const lastReport = monthEnd(clock.lastMonth);
  let previous = task.start;
  for (const milestone of task.milestones) {
    let done: Date | null = null;
    switch (task.profile) {
      case "AHEAD": {
        const month = monthReached(task, milestone.percent);
        if (month !== null) done = minDate(dayIn(month, random.int(10, 28)), milestone.date);
        break;
      }
      case "ON_TRACK":
        if (milestone.date.getTime() <= lastReport.getTime()) done = addDays(milestone.date, -random.int(0, 10));
        break;
      case "STALLED":
        if (milestone.date.getTime() <= monthEnd(clock.lastMonth - 2).getTime()) done = addDays(milestone.date, -random.int(0, 8));
        break;
      case "SLIGHT":
        // late, but not so late as to turn the light red
        if (daysBetween(milestone.date, clock.today) >= 21) done = addDays(milestone.date, random.int(3, 18));
        break;
      case "SERIOUS":
        if (daysBetween(milestone.date, clock.today) >= 80) done = addDays(milestone.date, random.int(10, 35));
        break;
    }
    if (done) {
      done = maxDate(minDate(done, yesterday), previous);
      if (done.getTime() < task.start.getTime()) done = task.start;
      previous = done;
    }
    milestone.completedOn = done;
  }
}

function writeCloseOut(world: World, task: Task) {
  const { clock, past } = world;
  if (!task.closeRole) return;
  const random = createRandom(`close:${task.catalogIndex}`);
  const finished = monthReached(task, 100);
  if (finished === null) return;
  if (task.closeRole === "DONE") {
    const decidedAt = past(beijing(dayIn(finished + 1, random.int(14, 24)), random.int(9, 17)));
    const appliedAt = past(addDays(decidedAt, -random.int(2, 5)));
    pushCloseOut(world, task, "APPROVED", appliedAt, decidedAt);
    task.status = "DONE";
    task.closedAt = decidedAt;
  } else if (task.closeRole === "RETURNED") {
    const appliedAt = past(beijing(dayIn(finished + 1, random.int(6, 12)), random.int(9, 17)));
    pushCloseOut(world, task, "RETURNED", appliedAt, past(addDays(appliedAt, random.int(3, 7))));
  } else {
    const earliest = beijing(dayIn(finished + 1, 6), 9);
    const appliedAt = past(maxDate(earliest, beijing(addDays(clock.today, -random.int(2, 18)), random.int(9, 17))));
    pushCloseOut(world, task, "PENDING", appliedAt, null);
    task.status = "PENDING_CLOSE";
  }
}

// ───────────────────────── Task rows ─────────────────────────

function writeTasks(world: World) {
  for (const task of [...world.previousTasks, ...world.tasks]) {
    const latest = [...task.reports].reverse().find((report) => report.status === "APPROVED");
    const created = world.past(beijing(utcDay(task.year, 0, 8), 9));
    const point = workPointOfTask(task.spec.title);
    world.rows.reformTask.push({
      id: task.id,
      committeeId: world.committeeId,
      year: task.year,
      planId: planId(task.year),
      workPointId: point ? workPointId(task.year, point.title) : null,
      groupId: task.group.id,
      code: task.code,
      title: task.spec.title,
      goal: task.spec.goal,
      outcome: task.spec.outcome,
      leadUnitId: task.leadUnit.id,
      leaderId: task.leaderId,
      isKey: task.spec.isKey,
      source: mapped(SOURCES, task.spec.source, "task source"),
      pilotLevel: task.spec.pilotLevel ? mapped(LEVELS, task.spec.pilotLevel, "level") : null,
      startDate: task.start,
      dueDate: task.due,
      status: task.status,
      closedAt: task.closedAt,
      actualPercent: task.status === "DONE" ? 100 : (latest?.percent ?? 0),
      actualPeriod: latest ? monthStart(latest.month) : null,
      originTaskId: task.originTaskId,
      createdById: world.officeUserId,
      createdAt: created,
      updatedAt: task.closedAt ?? latest?.reviewedAt ?? created,
    });
    task.spec.cooperatingUnits.forEach((name, k) =>
      world.rows.taskCooperatingUnit.push({ taskId: task.id, unitId: unitOf(world, name).id, sortOrder: k + 1 }),
    );
    task.milestones.forEach((milestone, k) =>
      world.rows.milestone.push({
        id: milestone.id,
        taskId: task.id,
        title: milestone.title,
        plannedDate: milestone.date,
        plannedPercent: milestone.percent,
        completedOn: milestone.completedOn,
        sortOrder: k + 1,
      }),
    );
  }
}

// ───────────────────────── Contributions of cooperating units ─────────────────────────

function buildContributions(world: World) {
  const { clock } = world;
  const random = createRandom("contributions");
  const months = [clock.lastMonth - 2, clock.lastMonth - 1, clock.lastMonth];
  const slots: { task: Task; unitName: string; month: MonthIndex }[] = [];
  for (const task of world.tasks) {
    if (task.status === "DONE") continue;
    for (const unitName of task.spec.cooperatingUnits)
      for (const month of months) if (month >= task.startMonth && month >= clock.firstMonthOfYear) slots.push({ task, unitName, month });
  }
  const chosen = random.shuffle(slots).slice(0, 80);
  chosen.sort((a, b) => a.task.catalogIndex - b.task.catalogIndex || a.month - b.month);
  for (const { task, unitName, month } of chosen) {
    const filing: Filing =
      month < clock.lastMonth
        ? { status: "APPROVED" }
        : fileInWindow(
            world,
            random.pick<LastMonthFate>(["APPROVED", "APPROVED", "SUBMITTED", "SUBMITTED", "DRAFT"]),
            monthStart(clock.month),
            dayIn(clock.month, MONTHLY_DUE_DAY),
            random,
          );
    if (filing.status === "MISSING") continue;
    pushReport(
      world,
      {
        task,
        unitId: unitOf(world, unitName).id,
        kind: "CONTRIBUTION",
        month,
        percent: null,
        progress: pickDistinct(random, CONTRIBUTION_PHRASES, random.chance(0.4) ? 2 : 1).join(""),
        problems: random.chance(0.7) ? null : random.pick(catalog.reportPhrases.problems),
        nextSteps: "继续按照任务分工做好配合工作，及时向牵头单位报送进展。",
        status: filing.status,
        submitAt: filing.submitAt,
        reviewAt: filing.reviewAt,
      },
      random,
    );
  }
}

// ───────────────────────── Supervision notices ─────────────────────────

interface NoticeStory {
  status: NoticeStatus;
  level: NoticeLevel;
  daysAgo: number;
}

// Ordered by issue date, so serials follow.
const NOTICE_STORIES: NoticeStory[] = [
  { status: "CLOSED", level: "GENERAL", daysAgo: 72 },
  { status: "RECTIFYING", level: "KEY", daysAgo: 41 },
  { status: "RETURNED", level: "GENERAL", daysAgo: 26 },
  { status: "ISSUED", level: "LISTED", daysAgo: 16 },
  { status: "ANSWERED", level: "KEY", daysAgo: 13 },
  { status: "ISSUED", level: "KEY", daysAgo: 3 },
];

function approvedAt(task: Task, instant: Date): ReportFact | undefined {
  return [...task.reports]
    .reverse()
    .find((report) => report.status === "APPROVED" && report.reviewedAt && report.reviewedAt.getTime() <= instant.getTime());
}

function buildNotices(world: World) {
  const { clock, past } = world;
  const random = createRandom("notices");
  const lagging = world.tasks
    .filter((task) => task.profile === "SERIOUS" && task.status === "ACTIVE" && task.reports.length > 0)
    .map((task) => ({ task, lag: plannedStep(task, clock.today) - (approvedAt(task, clock.now)?.percent ?? 0) }))
    .sort((a, b) => b.lag - a.lag || a.task.catalogIndex - b.task.catalogIndex);
  const storyTask = lagging.find((entry) => entry.task.spec.title === NOTICE_STORY_TASK)?.task;
  const others = lagging.map((entry) => entry.task).filter((task) => task !== storyTask);

  const serials = new Map<number, number>();
  NOTICE_STORIES.forEach((story, i) => {
    const isLast = i === NOTICE_STORIES.length - 1;
    const task = isLast && storyTask ? storyTask : others.shift();
    if (!task) return;
    const issuedAt = past(beijing(addDays(clock.today, -story.daysAgo), 10, random.int(0, 59)));
    if (issuedAt.getTime() < addDays(task.start, 30).getTime()) return; // too early in the year to be behind
    const year = issuedAt.getUTCFullYear();
    const serial = (serials.get(year) ?? 0) + 1;
    serials.set(year, serial);
    writeNotice(world, task, story, issuedAt, year, serial, random);
  });
}

function writeNotice(world: World, task: Task, story: NoticeStory, issuedAt: Date, year: number, serial: number, random: Random) {
  const { past } = world;
  const id = world.nextId("notice");
  const report = approvedAt(task, issuedAt);
  const planned = plannedStep(task, issuedAt);
  const actual = report?.percent ?? 0;
  const asOf = report ? monthLabel(report.month) : monthLabel(monthIndexOf(issuedAt) - 1);
  const overdue = task.milestones.find((m) => !m.completedOn && m.date.getTime() < issuedAt.getTime());
  const responseDueDate = addDays(utcDayOf(issuedAt), 10);
  const lagDescription = `截至${asOf}底，序时进度${planned}%，实际进度${actual}%，滞后${Math.max(0, planned - actual)}个百分点`;
  const reason =
    `经县委改革办督察，${quote(task.spec.title)}${lagDescription}` +
    (overdue ? `，${quote(overdue.title)}节点已逾期未完成` : "") +
    `，进度明显滞后。请你单位深刻剖析滞后原因，提出切实可行的应对措施，明确整改时限，于${dayLabel(responseDueDate)}前书面反馈县委改革办。`;

  const answerer = world.reporterOfUnit.get(task.leadUnit.id) ?? null;
  const answered = story.status !== "ISSUED";
  const responseAt = past(beijing(addDays(utcDayOf(issuedAt), random.int(5, 8)), random.int(9, 17)));
  const decidedAt = story.status === "ANSWERED" || !answered ? null : past(addDays(responseAt, random.int(2, 3)));
  const closedAt = story.status === "CLOSED" ? past(addDays(utcDayOf(issuedAt), 62)) : null;

  world.rows.supervisionNotice.push({
    id,
    committeeId: world.committeeId,
    taskId: task.id,
    unitId: task.leadUnit.id,
    year,
    serial,
    number: `${catalog.county.docPrefix}督〔${year}〕${serial}号`,
    level: story.level,
    reason,
    lagDescription,
    issuedAt,
    issuedById: world.officeUserId,
    responseDueDate,
    status: story.status,
    closedAt,
    closedById: closedAt ? world.officeUserId : null,
    createdAt: issuedAt,
    updatedAt: closedAt ?? decidedAt ?? (answered ? responseAt : issuedAt),
  });
  event(world, "SupervisionNotice", id, "CREATE", issuedAt, world.officeUserId);
  if (!answered) return;

  const problems = pickDistinct(random, catalog.reportPhrases.problems, 2);
  const steps = pickDistinct(random, catalog.reportPhrases.nextSteps, 2);
  const decision = story.status === "RETURNED" ? "RETURNED" : story.status === "ANSWERED" ? null : "ACCEPTED";
  const decisionComment =
    decision === "RETURNED"
      ? "原因剖析流于表面，应对措施缺乏具体时间节点和责任人，请重新剖析并细化整改措施后再次反馈。"
      : decision === "ACCEPTED"
        ? "反馈材料符合要求，请按整改时限抓好落实，县委改革办将跟踪督办。"
        : null;
  world.rows.supervisionResponse.push({
    id: world.nextId("resp"),
    noticeId: id,
    causeAnalysis: `经认真剖析，滞后原因主要有：${enumerate([...problems, "主观上对改革任务的紧迫性认识不足，统筹推进力度不够。"])}`,
    countermeasures: enumerate(["成立由单位主要负责同志任组长的工作专班，实行“周调度、旬通报”。", ...steps]),
    rectifyDeadline: addDays(utcDayOf(issuedAt), 45),
    submittedAt: responseAt,
    submittedById: answerer,
    decision,
    decisionComment,
    decidedAt,
    decidedById: decidedAt ? world.officeUserId : null,
  });
  event(world, "SupervisionNotice", id, "ANSWER", responseAt, answerer);
  if (decidedAt)
    event(
      world,
      "SupervisionNotice",
      id,
      decision === "RETURNED" ? "RETURN" : "ACCEPT",
      decidedAt,
      world.officeUserId,
      decisionComment ?? undefined,
    );
  if (closedAt) event(world, "SupervisionNotice", id, "CLOSE", closedAt, world.officeUserId, "整改到位，任务进度已恢复，予以办结。");
}

// ───────────────────────── Honours (dates needed by the monthly reports) ─────────────────────────

const catalogYear = (world: World, year: number) => world.clock.year + (year - CATALOG_YEAR);

/** Date of an honour: this year's pilots fall in the last three months, so monthly reports can cite them. */
function honorDate(world: World, honor: CatalogHonor, index: number): Date {
  const { clock } = world;
  const random = createRandom(`honor:${index}`);
  const year = catalogYear(world, honor.year);
  if (year < clock.year) return utcDay(year, random.int(2, 11), random.int(1, 28));
  const kind = mapped(HONOR_KINDS, honor.kind, "honour kind");
  const recent = [clock.lastMonth - 2, clock.lastMonth - 1, clock.lastMonth].filter((m) => m >= clock.firstMonthOfYear);
  if ((kind === "PILOT_APPROVED" || kind === "PILOT_ACCEPTED") && recent.length > 0) return dayIn(random.pick(recent), random.int(3, 26));
  const span = Math.max(1, Math.floor(daysBetween(utcDay(clock.year, 0, 15), clock.today)) - 1);
  return minDate(addDays(utcDay(clock.year, 0, 15), random.int(0, span)), addDays(clock.today, -1));
}

// ───────────────────────── Unit monthly reports ("1") ─────────────────────────

const OUTLETS: { outlet: string; level: Level }[] = [
  { outlet: "市委改革办《改革简报》", level: "CITY" },
  { outlet: "省委改革办《改革简报》", level: "PROVINCIAL" },
  { outlet: "《中国改革报》", level: "NATIONAL" },
  { outlet: "学习强国", level: "NATIONAL" },
  { outlet: "青湖发布", level: "COUNTY" },
  { outlet: "市融媒体中心", level: "CITY" },
];

const ARTICLE_TITLES = [(t: string) => `青湖县${t}`, (t: string) => `${t}的青湖实践`, (t: string) => `青湖：${t}见实效`];

function buildUnitMonthlyReports(world: World) {
  const { clock } = world;
  const months = [clock.lastMonth - 2, clock.lastMonth - 1, clock.lastMonth].filter((m) => m >= clock.firstMonthOfYear);
  if (months.length === 0) return;
  const random = createRandom("unit-monthly");
  const ledBy = new Map<string, Task[]>();
  for (const task of world.tasks) ledBy.set(task.leadUnit.id, [...(ledBy.get(task.leadUnit.id) ?? []), task]);

  const pilotHonors = catalog.honors
    .map((honor, i) => ({ honor, date: honorDate(world, honor, i), kind: mapped(HONOR_KINDS, honor.kind, "honour kind") }))
    .filter((entry) => (entry.kind === "PILOT_APPROVED" || entry.kind === "PILOT_ACCEPTED") && entry.date.getUTCFullYear() === clock.year);
  const required = new Set([...pilotHonors.map((entry) => unitOf(world, entry.honor.unit).id), ...world.reporterOfUnit.keys()]);
  const others = random.shuffle([...ledBy.keys()].filter((id) => !required.has(id)));
  const unitIds = [...required, ...others].slice(0, 25).sort();

  const fates = random.shuffle(unitIds);
  const lastFate = new Map<string, LastMonthFate>();
  const quota: [LastMonthFate, number][] = [
    ["SUBMITTED", 5],
    ["RETURNED", 2],
    ["DRAFT", 1],
    ["MISSING", 2],
  ];
  let cursor = 0;
  for (const [fate, n] of quota) for (const id of fates.slice(cursor, (cursor += n))) lastFate.set(id, fate);

  for (const unitId of unitIds) {
    const unit = world.unitsById.get(unitId);
    if (!unit) continue;
    const micro = catalog.microReforms.find((m) => m.unit === unit.name);
    for (const month of months) {
      const filing: Filing =
        month === clock.lastMonth
          ? fileInWindow(world, lastFate.get(unitId) ?? "APPROVED", monthStart(clock.month), dayIn(clock.month, MONTHLY_DUE_DAY), random)
          : { status: "APPROVED" };
      const { status } = filing;
      if (status === "MISSING") continue;
      const items: Omit<Prisma.UnitMonthlyReportItemCreateManyInput, "id" | "reportId" | "sortOrder">[] = [];
      for (const { honor, date, kind } of pilotHonors)
        if (honor.unit === unit.name && monthIndexOf(date) === month)
          items.push({
            kind: "PILOT",
            title: honor.title,
            level: mapped(LEVELS, honor.level, "level"),
            pilotStage: kind === "PILOT_APPROVED" ? "APPROVED" : "ACCEPTED",
            outlet: honor.source,
            eventDate: date,
          });
      // A checkpoint reached this month is the unit's news: the reform as title, the checkpoint as detail.
      for (const task of ledBy.get(unitId) ?? []) {
        const reached = task.milestones.find((m) => m.completedOn && monthIndexOf(m.completedOn) === month);
        if (reached?.completedOn && items.filter((item) => item.kind === "INNOVATION").length < 2)
          items.push({
            kind: "INNOVATION",
            title: task.spec.title,
            description: `${reached.title}（序时节点已完成）`,
            eventDate: reached.completedOn,
          });
      }
      if (micro && month === months[0])
        items.push({ kind: "INNOVATION", title: micro.title, description: micro.measures, eventDate: dayIn(month, 15) });
      const ownTasks = ledBy.get(unitId) ?? [];
      if (ownTasks.length > 0 && random.chance(0.35)) {
        const { outlet, level } = random.pick(OUTLETS);
        items.push({
          kind: "PUBLICATION",
          title: random.pick(ARTICLE_TITLES)(random.pick(ownTasks).spec.title),
          outlet,
          level,
          eventDate: dayIn(month, random.int(5, 26)),
        });
      }
      writeUnitMonthlyReport(world, unit, month, { ...filing, status }, items, random);
    }
  }
}

function writeUnitMonthlyReport(
  world: World,
  unit: UnitRef,
  month: MonthIndex,
  filing: Filing & { status: Exclude<LastMonthFate, "MISSING"> },
  items: Omit<Prisma.UnitMonthlyReportItemCreateManyInput, "id" | "reportId" | "sortOrder">[],
  random: Random,
) {
  const { past } = world;
  const fate = filing.status;
  const id = world.nextId("umr");
  const count = (kind: string) => items.filter((item) => item.kind === kind).length;
  const summary =
    items.length === 0
      ? `${monthLabel(month)}无新增试点获批（验收）、创新举措和文章发表情况。`
      : `${monthLabel(month)}报送试点获批（验收）${count("PILOT")}项、创新举措${count("INNOVATION")}项、文章发表和宣传推介${count("PUBLICATION")}篇。`;
  const submitter = world.reporterOfUnit.get(unit.id) ?? null;
  const submittedAt = fate === "DRAFT" ? null : past(filing.submitAt ?? submissionTime(month, random));
  const reviewedAt =
    fate === "APPROVED" || fate === "RETURNED" ? past(filing.reviewAt ?? addDays(submittedAt ?? world.clock.now, random.int(1, 3))) : null;
  const reviewComment = fate === "RETURNED" ? "创新举措表述不够具体，请补充举措内容和取得的成效后重新报送。" : null;
  const created = past(submittedAt ? addDays(submittedAt, -1) : beijing(dayIn(month + 1, 2), 10));
  world.rows.unitMonthlyReport.push({
    id,
    committeeId: world.committeeId,
    unitId: unit.id,
    period: monthStart(month),
    summary,
    status: fate,
    submittedAt,
    firstSubmittedAt: submittedAt,
    submittedById: submittedAt ? submitter : null,
    reviewedAt,
    reviewedById: reviewedAt ? world.officeUserId : null,
    reviewComment,
    createdAt: created,
    updatedAt: reviewedAt ?? submittedAt ?? created,
  });
  items.forEach((item, k) => world.rows.unitMonthlyReportItem.push({ ...item, id: world.nextId("umri"), reportId: id, sortOrder: k + 1 }));
  if (submittedAt) event(world, "UnitMonthlyReport", id, "SUBMIT", submittedAt, submitter);
  if (reviewedAt)
    event(
      world,
      "UnitMonthlyReport",
      id,
      fate === "APPROVED" ? "APPROVE" : "RETURN",
      reviewedAt,
      world.officeUserId,
      reviewComment ?? undefined,
    );
}

// ───────────────────────── Quarterly reports ("2") ─────────────────────────

function buildQuarterlyReports(world: World) {
  const { clock } = world;
  const completed = Math.floor((clock.month % 12) / 3); // quarters of this year already over
  if (completed === 0) return;
  const random = createRandom("quarterly");
  const liaisonId = userOf(world, "liaison");
  const liaisonGroup = DEMO_ACCOUNTS.find((account) => account.role === "GROUP_LIAISON")?.groupShortName;
  const keyTasks = world.tasks.filter((task) => task.spec.isKey && task.leaderId);

  for (let quarter = 1; quarter <= completed; quarter++) {
    const endMonth = clock.firstMonthOfYear + quarter * 3 - 1;
    const subjects: QuarterSubject[] = [];
    for (const group of world.groups.values()) {
      const tasks = world.tasks.filter((task) => task.group.id === group.id && task.startMonth <= endMonth);
      subjects.push({
        key: `G:${group.id}`,
        kind: "GROUP",
        groupId: group.id,
        taskId: null,
        unitId: group.liaisonUnitId,
        submitterId: group.shortName === liaisonGroup ? liaisonId : null,
        title: `${group.name}${clock.year}年第${chineseNumber(quarter)}季度改革工作进展情况`,
        body: groupBody(world, group, tasks, endMonth, random),
      });
    }
    for (const task of keyTasks) {
      if (task.startMonth > endMonth) continue;
      if (task.closedAt && task.closedAt.getTime() < monthStart(endMonth - 2).getTime()) continue;
      subjects.push({
        key: `T:${task.id}`,
        kind: "KEY_TASK",
        groupId: null,
        taskId: task.id,
        unitId: task.leadUnit.id,
        submitterId: world.reporterOfUnit.get(task.leadUnit.id) ?? null,
        title: `${task.spec.title}${clock.year}年第${chineseNumber(quarter)}季度推进情况`,
        body: keyTaskBody(world, task, endMonth, random),
      });
    }
    const latest = quarter === completed;
    const pending = new Map<string, ReportStatus>();
    if (latest) {
      const chosen = random.shuffle(subjects.map((s) => s.key));
      chosen.slice(0, 4).forEach((key) => pending.set(key, "SUBMITTED"));
      chosen.slice(4, 6).forEach((key) => pending.set(key, "DRAFT"));
    }
    for (const subject of subjects) {
      const intended = pending.get(subject.key) ?? "APPROVED";
      const filing = latest
        ? fileInWindow(world, intended, monthStart(endMonth + 1), dayIn(endMonth + 1, QUARTERLY_DUE_DAY), random)
        : { status: intended };
      const { status } = filing;
      if (status === "MISSING" || status === "RETURNED") continue;
      writeQuarterly(world, subject, quarter, endMonth, { ...filing, status }, random);
    }
  }
}

interface QuarterSubject {
  key: string;
  kind: "GROUP" | "KEY_TASK";
  groupId: string | null;
  taskId: string | null;
  unitId: string;
  submitterId: string | null;
  title: string;
  body: string;
}

function percentAtMonth(task: Task, month: MonthIndex): number {
  let percent = 0;
  for (const [m, value] of task.series) if (m <= month) percent = value;
  return percent;
}

function groupBody(world: World, group: GroupRef, tasks: Task[], endMonth: MonthIndex, random: Random): string {
  const end = monthEnd(endMonth);
  let onSchedule = 0;
  let behind = 0;
  let done = 0;
  for (const task of tasks) {
    if (task.closedAt && task.closedAt.getTime() <= end.getTime()) done++;
    else if (plannedStep(task, end) - percentAtMonth(task, endMonth) >= 10) behind++;
    else onSchedule++;
  }
  const key = tasks.filter((task) => task.spec.isKey).length;
  const phrases = pickDistinct(random, catalog.reportPhrases.progress, 2).join("");
  return (
    `本季度，${group.name}统筹推进年度改革任务${tasks.length}项，其中重点改革任务${key}项。` +
    `截至${monthLabel(endMonth)}底，${onSchedule}项按序时进度推进，${behind}项进度滞后，${done}项已完成对账销号。` +
    `专项小组坚持“月调度、季评估”，${phrases}`
  );
}

function keyTaskBody(world: World, task: Task, endMonth: MonthIndex, random: Random): string {
  const leader = task.leaderId ? world.leaderNames.get(task.leaderId) : undefined;
  const percent = percentAtMonth(task, endMonth);
  const planned = plannedStep(task, monthEnd(endMonth));
  const phrases = pickDistinct(random, catalog.reportPhrases.progress, 2).join("");
  return (
    `${quote(task.spec.title)}由${leader ?? "县领导"}同志挂钩联系、${task.leadUnit.name}牵头推进。${phrases}` +
    `截至${monthLabel(endMonth)}底，累计完成进度${percent}%，序时进度${planned}%。`
  );
}

function writeQuarterly(
  world: World,
  subject: QuarterSubject,
  quarter: number,
  endMonth: MonthIndex,
  filing: Filing & { status: "APPROVED" | "SUBMITTED" | "DRAFT" },
  random: Random,
) {
  const { past } = world;
  const { status } = filing;
  const id = world.nextId("qr");
  const submittedAt =
    status === "DRAFT" ? null : past(filing.submitAt ?? beijing(dayIn(endMonth + 1, random.int(1, 10)), random.int(9, 17)));
  const reviewedAt = status === "APPROVED" ? past(filing.reviewAt ?? addDays(submittedAt ?? world.clock.now, random.int(2, 6))) : null;
  const created = past(submittedAt ? addDays(submittedAt, -2) : beijing(dayIn(endMonth + 1, 3), 10));
  world.rows.quarterlyReport.push({
    id,
    committeeId: world.committeeId,
    year: world.clock.year,
    quarter,
    kind: subject.kind,
    subjectKey: subject.key,
    groupId: subject.groupId,
    taskId: subject.taskId,
    unitId: subject.unitId,
    title: subject.title,
    body: subject.body,
    problems: enumerate(pickDistinct(random, catalog.reportPhrases.problems, 2)),
    nextSteps: enumerate(pickDistinct(random, catalog.reportPhrases.nextSteps, 2)),
    status,
    submittedAt,
    firstSubmittedAt: submittedAt,
    submittedById: submittedAt ? subject.submitterId : null,
    reviewedAt,
    reviewedById: reviewedAt ? world.officeUserId : null,
    createdAt: created,
    updatedAt: reviewedAt ?? submittedAt ?? created,
  });
  if (submittedAt) event(world, "QuarterlyReport", id, "SUBMIT", submittedAt, subject.submitterId);
  if (reviewedAt) event(world, "QuarterlyReport", id, "APPROVE", reviewedAt, world.officeUserId);
}

// ───────────────────────── Library: micro-reforms, cases, honours ─────────────────────────

function similarTask(world: World, unitName: string, title: string, year: number): string | null {
  const candidates = [...world.tasks, ...world.previousTasks]
    .filter((task) => task.leadUnit.name === unitName)
    .map((task) => ({ task, score: sharedRun(title, task.spec.title) }))
    .filter((entry) => entry.score >= SIMILAR)
    .sort((a, b) => b.score - a.score || Math.abs(a.task.year - year) - Math.abs(b.task.year - year));
  return candidates[0]?.task.id ?? null;
}

function buildLibrary(world: World) {
  const { clock, past, rows } = world;
  const random = createRandom("library");

  const order = random.shuffle(catalog.microReforms.map((_, i) => i));
  const promoted = new Set(order.slice(0, 4));
  const proposed = new Set(order.slice(4, 7));
  const microIds = new Map<string, string>();
  catalog.microReforms.forEach((micro, i) => {
    const id = `cqhmicro${pad(i + 1)}`;
    microIds.set(micro.title, id);
    const status = promoted.has(i) ? "PROMOTED" : proposed.has(i) ? "PROPOSED" : "ACCEPTED";
    const year = status === "PROMOTED" || (status === "ACCEPTED" && random.chance(0.4)) ? clock.year - 1 : clock.year;
    const proposedAt = past(beijing(utcDay(year, random.int(1, 4), random.int(1, 28)), 10));
    const acceptedAt = status === "PROPOSED" ? null : past(addDays(proposedAt, random.int(20, 45)));
    const promotedAt =
      status === "PROMOTED"
        ? past(beijing(utcDay(clock.year, random.int(0, Math.max(0, (clock.month % 12) - 1)), random.int(1, 28)), 10))
        : null;
    const createdAt = status === "PROPOSED" ? past(beijing(addDays(clock.today, -random.int(5, 40)), 10)) : proposedAt;
    rows.microReform.push({
      id,
      committeeId: world.committeeId,
      unitId: unitOf(world, micro.unit).id,
      taskId: similarTask(world, micro.unit, micro.title, year),
      year: status === "PROPOSED" ? clock.year : year,
      title: micro.title,
      problem: micro.problem,
      measures: micro.measures,
      effect: status === "PROPOSED" ? null : micro.effect,
      citizensServed: status === "PROPOSED" ? null : random.int(30, 2500) * 10,
      status,
      acceptedAt,
      promotedAt,
      createdById: world.officeUserId,
      createdAt,
      updatedAt: promotedAt ?? acceptedAt ?? createdAt,
    });
  });

  catalog.typicalCases.forEach((item, i) => {
    const year = catalogYear(world, item.year);
    const publishedOn =
      year < clock.year
        ? utcDay(year, random.int(3, 11), random.int(1, 28))
        : minDate(addDays(utcDay(year, 2, 1), random.int(0, 200)), addDays(clock.today, -1));
    const taskId = similarTask(world, item.unit, item.title, year);
    const micro = catalog.microReforms.find((m) => sharedRun(item.title, m.title) >= SIMILAR);
    const task = [...world.tasks, ...world.previousTasks].find((t) => t.id === taskId);
    const created = beijing(publishedOn, 10);
    rows.typicalCase.push({
      id: `cqhcase${pad(i + 1)}`,
      committeeId: world.committeeId,
      unitId: unitOf(world, item.unit).id,
      taskId,
      microReformId: micro ? (microIds.get(micro.title) ?? null) : null,
      year,
      title: item.title,
      summary: task ? task.spec.goal : micro ? micro.effect : null,
      level: mapped(LEVELS, item.level, "level"),
      publishedIn: item.publishedIn,
      publishedOn,
      createdAt: past(created),
      updatedAt: past(created),
    });
  });

  catalog.honors.forEach((honor, i) => {
    const year = catalogYear(world, honor.year);
    const awardedOn = honorDate(world, honor, i);
    const created = past(beijing(awardedOn, 15));
    rows.honor.push({
      id: `cqhhonor${pad(i + 1)}`,
      committeeId: world.committeeId,
      unitId: unitOf(world, honor.unit).id,
      taskId: similarTask(world, honor.unit, honor.title, year),
      year,
      title: honor.title,
      kind: mapped(HONOR_KINDS, honor.kind, "honour kind"),
      level: mapped(LEVELS, honor.level, "level"),
      source: honor.source,
      awardedOn,
      createdAt: created,
      updatedAt: created,
    });
  });
}

// ───────────────────────── Notifications and reminders ─────────────────────────

function buildNotifications(world: World) {
  const { clock, past, rows } = world;
  const lastMonth = clock.lastMonth;
  const period = monthStart(lastMonth);
  const dueDay = dayIn(clock.month, 5);
  const remindAt = past(beijing(dayIn(clock.month, 6), 9, 30));
  const windowClosed = clock.today.getTime() > dueDay.getTime();

  // Not submitted by the deadline: no report at all, or one still in draft.
  const missing = windowClosed
    ? world.tasks.filter(
        (task) =>
          task.startMonth <= lastMonth &&
          task.status === "ACTIVE" &&
          !task.reports.some((r) => r.month === lastMonth && r.status !== "DRAFT"),
      )
    : [];
  const missingByUnit = new Map<string, Task[]>();
  for (const task of missing) missingByUnit.set(task.leadUnit.id, [...(missingByUnit.get(task.leadUnit.id) ?? []), task]);
  for (const [unitId, tasks] of missingByUnit)
    rows.reportReminder.push({
      id: world.nextId("remind"),
      committeeId: world.committeeId,
      unitId,
      period,
      reportType: "MONTHLY_TASK",
      message: `你单位${monthLabel(lastMonth)}改革任务进展尚有${tasks.length}项未报送（${tasks.map((t) => t.code).join("、")}），报送截止日为${dayLabel(dueDay)}，请尽快补报。`,
      sentById: world.officeUserId,
      createdAt: remindAt,
    });
  if (windowClosed) {
    const submitted = new Set(
      rows.unitMonthlyReport
        .filter((r) => r.status !== "DRAFT" && r.period instanceof Date && r.period.getTime() === period.getTime())
        .map((r) => r.unitId),
    );
    const reporting = new Set(rows.unitMonthlyReport.map((r) => r.unitId));
    for (const unitId of [...reporting].filter((id) => !submitted.has(id)).sort())
      rows.reportReminder.push({
        id: world.nextId("remind"),
        committeeId: world.committeeId,
        unitId,
        period,
        reportType: "UNIT_MONTHLY",
        message: `你单位${monthLabel(lastMonth)}改革信息月报尚未报送，请尽快报送。`,
        sentById: world.officeUserId,
        createdAt: remindAt,
      });
  }

  const notify = (username: string, kind: string, title: string, body: string, link: string, at: Date, read: boolean) => {
    const createdAt = past(at);
    rows.notification.push({
      id: world.nextId("notif"),
      userId: userOf(world, username),
      committeeId: world.committeeId,
      kind,
      title,
      body,
      link,
      dedupeKey: `demo:${username}:${kind}:${rows.notification.length + 1}`,
      readAt: read ? past(addDays(createdAt, 1)) : null,
      createdAt,
    });
  };

  for (const account of DEMO_ACCOUNTS) {
    if (account.role !== "UNIT_REPORTER" || !account.unitName) continue;
    const unitId = unitOf(world, account.unitName).id;
    let approvals = 0;
    for (const task of world.tasks.filter((t) => t.leadUnit.id === unitId)) {
      const link = `/tasks/${task.id}`;
      const approved = task.reports.find((r) => r.month === lastMonth - 1 && r.status === "APPROVED");
      if (approved?.reviewedAt && approvals++ < 2)
        notify(
          account.username,
          "REPORT_APPROVED",
          `${monthLabel(lastMonth - 1)}进度报告已审核通过：${task.spec.title}`,
          "县委改革办已审核通过。",
          link,
          approved.reviewedAt,
          true,
        );
      const returned = task.reports.find((r) => r.month === lastMonth && r.status === "RETURNED");
      if (returned?.reviewedAt)
        notify(
          account.username,
          "REPORT_RETURNED",
          `${monthLabel(lastMonth)}进度报告被退回：${task.spec.title}`,
          returned.reviewComment ?? "",
          link,
          returned.reviewedAt,
          false,
        );
      if (missing.includes(task))
        notify(
          account.username,
          "REMINDER",
          `催报：${task.spec.title}${monthLabel(lastMonth)}进度未报送`,
          `报送截止日为${dayLabel(dueDay)}，请尽快补报。`,
          link,
          remindAt,
          false,
        );
    }
    for (const notice of rows.supervisionNotice.filter((n) => n.unitId === unitId))
      notify(
        account.username,
        "NOTICE_ISSUED",
        `督办单${notice.number}`,
        notice.lagDescription ?? notice.reason,
        `/supervision/${notice.id}`,
        new Date(notice.issuedAt),
        notice.status !== "ISSUED",
      );
  }

  const toReview = rows.progressReport.filter((r) => r.status === "SUBMITTED").length;
  if (toReview > 0)
    notify(
      "office",
      "REVIEW_PENDING",
      `有${toReview}份进度报告待审核`,
      `${monthLabel(lastMonth)}进度报送已截止，请及时审核。`,
      "/reports",
      beijing(dayIn(clock.month, 6), 9),
      false,
    );
  if (missing.length > 0)
    notify(
      "office",
      "REPORTS_MISSING",
      `${missingByUnit.size}家单位${monthLabel(lastMonth)}进度未按时报送`,
      `共${missing.length}项任务未报送，已发送催报提醒。`,
      "/reports",
      remindAt,
      true,
    );
  const pendingClose = rows.closeOutRequest.filter((r) => r.status === "PENDING");
  if (pendingClose.length > 0) {
    const latest = Math.max(...pendingClose.map((r) => new Date(r.appliedAt ?? clock.now).getTime()));
    notify(
      "office",
      "CLOSEOUT_APPLIED",
      `收到${pendingClose.length}项销号申请`,
      "请核验佐证材料后办理对账销号。",
      "/tasks?status=PENDING_CLOSE",
      new Date(latest),
      false,
    );
  }
  for (const notice of rows.supervisionNotice.filter((n) => n.status === "ANSWERED"))
    notify(
      "office",
      "NOTICE_ANSWERED",
      `督办单${notice.number}已反馈`,
      "请审核原因剖析、应对措施和整改时限。",
      `/supervision/${notice.id}`,
      addDays(new Date(notice.issuedAt), 7),
      false,
    );
}
