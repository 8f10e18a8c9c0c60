import "server-only";
// Reads of the assessment (考核), scoped: the office, leaders (and liaisons, whose grant is
// committee-wide) see every unit's score, drafts included; a unit reporter sees only the published
// runs, only its own unit's score card and only its own objections.
import type { Actor } from "@/lib/auth/actor";
import { can, MATRIX, scopeOf } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/prisma";
import { authorizeRead } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { NotFoundError } from "@/lib/server/errors";
import { dayOf } from "@/lib/tasks/rules";
import { DEFAULT_SCHEME, INDICATOR_NAMES, type IndicatorCode } from "./rules";
import type {
  AssessmentView,
  DrillRecord,
  Evidence,
  IndicatorCard,
  ObjectionView,
  RankingRow,
  RunSummary,
  SchemeView,
  ScoreCard,
} from "./types";

export type { AssessmentView, DrillRecord, IndicatorCard, ObjectionView, RankingRow, RunSummary, ScoreCard };

/**
 * The drill-down of a figure: the records stored with it when the run was computed (the rows of its
 * SQL trace, the very rows the counts were taken from), each with the page it is on. Nothing is
 * recounted or re-queried, so what is listed is what was counted, even after the data has moved on.
 */
export function drillRecords(code: IndicatorCode, evidence: Evidence): DrillRecord[] {
  const task = (id: string) => `/tasks/${id}`;
  switch (code) {
    case "COMPLETION":
      // runs before docs/decisions/0012 stored the due tasks only, closed out or not
      if (!evidence.items && evidence.tasks)
        return evidence.tasks.map((row) => ({
          key: `TASK-${row.id}`,
          kind: "TASK" as const,
          id: row.id,
          label: row.code,
          title: row.title ?? "",
          date: null,
          outcome: row.done ? null : ("OPEN" as const),
          href: task(row.id),
        }));
      return (evidence.items ?? []).map((item) => ({
        key: `${item.kind}-${item.id}`,
        kind: item.kind,
        id: item.id,
        label: item.code,
        title: item.title,
        date: item.dueOn,
        doneOn: item.doneOn,
        outcome: item.outcome,
        href: task(item.taskId),
      }));
    case "SCHEDULE":
      return (evidence.tasks ?? []).map((row) => ({
        key: row.id,
        kind: "TASK_MONTHS",
        id: row.id,
        label: row.code,
        title: row.title ?? "",
        date: null,
        outcome: null,
        green: row.green ?? 0,
        counted: row.counted ?? 0,
        href: task(row.id),
      }));
    case "TIMELINESS":
      return (evidence.reports ?? []).map((row) => ({
        key: `${row.taskId}-${row.period}`,
        kind: "REPORT",
        id: row.taskId,
        label: row.code,
        title: row.title ?? "",
        date: row.period,
        outcome: row.timeliness,
        href: task(row.taskId),
      }));
    case "SUPERVISION":
      return (evidence.notices ?? []).map((row) => ({
        key: row.id,
        kind: "NOTICE",
        id: row.id,
        label: row.number,
        title: row.code ?? "",
        date: row.dueOn ?? null,
        outcome: row.onTime ? "ON_TIME" : "NOT_ON_TIME",
        href: `/supervision/${row.id}`,
      }));
    case "INNOVATION":
      // runs before docs/decisions/0012 stored these as `items`
      return (evidence.innovations ?? (evidence.items as unknown as Evidence["innovations"]) ?? []).map((row) => ({
        key: `${row.source}-${row.id}`,
        kind: row.source,
        id: row.id,
        label: "",
        title: row.title,
        date: null,
        outcome: null,
        level: row.level,
        href: row.source === "MONTHLY" && row.reportId ? `/reports/info/${row.reportId}` : "/library",
      }));
  }
}

/** The units whose scores a unit-scoped reader may see (their reporter grants). */
function ownUnitIds(actor: Actor): string[] {
  return actor.roles.filter((grant) => MATRIX[grant.role]["assessment:read"] === "unit" && grant.unitId).map((grant) => grant.unitId!);
}

function seesAll(actor: Actor): boolean {
  const scope = scopeOf(actor, "assessment:read");
  return scope === "tree" || scope === "committee";
}

const objectionSelect = {
  id: true,
  unitId: true,
  unit: { select: { name: true } },
  content: true,
  status: true,
  answer: true,
  createdAt: true,
  answeredAt: true,
} as const;

function objectionView(row: {
  id: string;
  unitId: string;
  unit: { name: string };
  content: string;
  status: "OPEN" | "ANSWERED";
  answer: string | null;
  createdAt: Date;
  answeredAt: Date | null;
}): ObjectionView {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: row.unit.name,
    content: row.content,
    status: row.status,
    answer: row.answer,
    createdAt: row.createdAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
  };
}

export interface AssessmentParams {
  year?: number | null;
  run?: string | null;
  unit?: string | null;
}

/** The assessment page: runs of the year, the selected run's ranking, a unit's score card, objections. */
export async function assessmentView(actor: Actor, params: AssessmentParams = {}): Promise<AssessmentView> {
  authorizeRead(actor, "assessment:read");
  const committeeId = actor.committee.id;
  const all = seesAll(actor);
  const own = ownUnitIds(actor);
  const year = params.year ?? dayOf(now()).getUTCFullYear();

  const [yearsRows, runs] = await Promise.all([
    db.assessment.findMany({
      where: { committeeId, ...(all ? {} : { status: "PUBLISHED" }) },
      distinct: ["year"],
      select: { year: true },
      orderBy: { year: "desc" },
    }),
    db.assessment.findMany({
      where: { committeeId, year, ...(all ? {} : { status: "PUBLISHED" }) },
      orderBy: { runNumber: "desc" },
      select: {
        id: true,
        year: true,
        runNumber: true,
        status: true,
        computedAt: true,
        publishedAt: true,
        version: true,
        _count: { select: { scores: true } },
      },
    }),
  ]);
  const summaries: RunSummary[] = runs.map((run) => ({
    id: run.id,
    year: run.year,
    runNumber: run.runNumber,
    status: run.status,
    computedAt: run.computedAt.toISOString(),
    publishedAt: run.publishedAt?.toISOString() ?? null,
    version: run.version,
    units: run._count.scores,
  }));
  const current = summaries.find((run) => run.id === params.run) ?? summaries[0] ?? null;
  const years = [...new Set([year, ...yearsRows.map((row) => row.year)])].sort((a, b) => b - a);
  const view: AssessmentView = {
    year,
    years,
    canRun: can(actor, "assessment:run", { committeeId }),
    canObject: own.length > 0 && can(actor, "objection:file", { committeeId, unitIds: own }),
    seesAll: all,
    runs: summaries,
    current,
    indicators: [],
    ranking: [],
    card: null,
    objections: [],
  };
  if (!current) return view;

  const indicators = await db.assessmentIndicator.findMany({
    where: { scheme: { assessments: { some: { id: current.id } } } },
    orderBy: { sortOrder: "asc" },
    select: { id: true, code: true, name: true, weight: true, cap: true },
  });
  view.indicators = indicators.map((i) => ({
    code: i.code,
    name: i.name,
    weight: Number(i.weight),
    cap: i.cap === null ? null : Number(i.cap),
  }));
  const codeOf = new Map(indicators.map((i) => [i.id, i.code as IndicatorCode]));

  const unitFilter = all ? {} : { unitId: { in: own } };
  if (all) {
    const [scores, adjustments, open, absentRows] = await Promise.all([
      db.unitScore.findMany({
        where: { assessmentId: current.id },
        orderBy: [{ rank: "asc" }, { unit: { sortOrder: "asc" } }],
        select: {
          unitId: true,
          unit: { select: { name: true } },
          total: true,
          rank: true,
          items: { select: { indicatorId: true, score: true } },
        },
      }),
      db.scoreAdjustment.groupBy({ by: ["unitId"], where: { assessmentId: current.id }, _sum: { points: true } }),
      db.assessmentObjection.groupBy({ by: ["unitId"], where: { assessmentId: current.id, status: "OPEN" }, _count: { _all: true } }),
      // 不参与 is recorded in the evidence of the item (docs/decisions/0012)
      db.$queryRaw<{ unitId: string; indicatorId: string }[]>(Prisma.sql`
        SELECT s."unitId", i."indicatorId" FROM "UnitScoreItem" i JOIN "UnitScore" s ON s.id = i."unitScoreId"
        WHERE s."assessmentId" = ${current.id} AND i.evidence->>'takesPart' = 'false'`),
    ]);
    const absent = new Map<string, IndicatorCode[]>();
    for (const row of absentRows) absent.set(row.unitId, [...(absent.get(row.unitId) ?? []), codeOf.get(row.indicatorId)!]);
    const adjusted = new Map(adjustments.map((row) => [row.unitId, Number(row._sum.points ?? 0)]));
    const opened = new Map(open.map((row) => [row.unitId, row._count._all]));
    view.ranking = scores.map((score): RankingRow => ({
      unitId: score.unitId,
      unitName: score.unit.name,
      total: Number(score.total),
      rank: score.rank,
      items: Object.fromEntries(score.items.map((item) => [codeOf.get(item.indicatorId), Number(item.score)])) as Record<
        IndicatorCode,
        number
      >,
      absent: absent.get(score.unitId) ?? [],
      adjustments: adjusted.get(score.unitId) ?? 0,
      openObjections: opened.get(score.unitId) ?? 0,
    }));
  }

  const objections = await db.assessmentObjection.findMany({
    where: { assessmentId: current.id, ...unitFilter },
    orderBy: { createdAt: "asc" },
    select: objectionSelect,
  });
  view.objections = objections.map(objectionView);

  const cardUnit = all ? params.unit : (own.find((id) => id === params.unit) ?? own[0]);
  if (cardUnit) view.card = await scoreCard(current.id, cardUnit, codeOf, indicators, view.objections);
  return view;
}

async function scoreCard(
  assessmentId: string,
  unitId: string,
  codeOf: Map<string, IndicatorCode>,
  indicators: { id: string; name: string; weight: unknown; cap: unknown }[],
  objections: ObjectionView[],
): Promise<ScoreCard | null> {
  const [score, count, adjustments] = await Promise.all([
    db.unitScore.findUnique({
      where: { assessmentId_unitId: { assessmentId, unitId } },
      select: { unitId: true, unit: { select: { name: true } }, total: true, rank: true, items: true },
    }),
    db.unitScore.count({ where: { assessmentId } }),
    db.scoreAdjustment.findMany({
      where: { assessmentId, unitId },
      orderBy: { createdAt: "asc" },
      select: { id: true, points: true, reason: true, createdAt: true },
    }),
  ]);
  if (!score) return null;
  const byIndicator = new Map(score.items.map((item) => [item.indicatorId, item]));
  const items: IndicatorCard[] = indicators.flatMap((indicator) => {
    const item = byIndicator.get(indicator.id);
    if (!item) return [];
    const code = codeOf.get(indicator.id)!;
    const evidence = (item.evidence ?? {}) as Evidence;
    const weight = Number(indicator.weight);
    return [
      {
        code,
        name: indicator.name,
        weight,
        cap: indicator.cap === null ? null : Number(indicator.cap),
        raw: Number(item.rawValue),
        score: Number(item.score),
        takesPart: evidence.takesPart ?? true,
        points: evidence.points ?? weight,
        evidence,
        records: drillRecords(code, evidence),
      },
    ];
  });
  return {
    assessmentId,
    unitId,
    unitName: score.unit.name,
    total: Number(score.total),
    rank: score.rank,
    unitsCount: count,
    items,
    adjustments: adjustments.map((a) => ({ id: a.id, points: Number(a.points), reason: a.reason, createdAt: a.createdAt.toISOString() })),
    objections: objections.filter((objection) => objection.unitId === unitId),
  };
}

/** One run's ranking with every indicator, for the Excel export (office and leaders only). */
export async function assessmentForExport(actor: Actor, assessmentId: string) {
  authorizeRead(actor, "assessment:read");
  if (!seesAll(actor)) throw new NotFoundError();
  const run = await db.assessment.findFirst({
    where: { id: assessmentId, committeeId: actor.committee.id },
    select: { id: true, year: true, runNumber: true, status: true },
  });
  if (!run) throw new NotFoundError();
  const view = await assessmentView(actor, { year: run.year, run: run.id });
  return { run, indicators: view.indicators, ranking: view.ranking };
}

/** The year's scheme for the office's editor: as stored, or the default one not yet saved. */
export async function schemeView(actor: Actor, year: number): Promise<SchemeView> {
  authorizeRead(actor, "assessment:read");
  const scheme = await db.assessmentScheme.findUnique({
    where: { committeeId_year: { committeeId: actor.committee.id, year } },
    select: { version: true, indicators: { orderBy: { sortOrder: "asc" }, select: { code: true, name: true, weight: true, cap: true } } },
  });
  if (scheme && scheme.indicators.length) {
    return {
      version: scheme.version,
      indicators: scheme.indicators.map((i) => ({
        code: i.code,
        name: i.name,
        weight: Number(i.weight),
        cap: i.cap === null ? null : Number(i.cap),
      })),
    };
  }
  return {
    version: scheme?.version ?? null,
    indicators: DEFAULT_SCHEME.map((spec) => ({
      code: spec.code,
      name: INDICATOR_NAMES[spec.code],
      weight: spec.weight,
      cap: spec.cap ?? null,
    })),
  };
}
