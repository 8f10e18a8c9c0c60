import "server-only";
// Reads of the library. Accepted and promoted micro-reforms, cases and honours are open to every
// reader of the committee (`library:read`); proposals still under review (PROPOSED, REJECTED)
// only to the office and leaders (tree readers) and to the proposing unit's reporters.
import type { Actor } from "@/lib/auth/actor";
import { MATRIX, can, scopeOf, visibleCommitteeIds } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/prisma";
import { authorizeRead } from "@/lib/server/action";
import { NotFoundError } from "@/lib/server/errors";
import { LIBRARY_PAGE_SIZE, MICRO_ENTITY, type MicroFilter, type RecordFilter } from "./schemas";
import type { CaseRow, HonorRow, MicroDetail, MicroRow, Paged, UnitInnovationFacts } from "./types";

/** Units whose proposals the actor sees as their own (reporters). */
function proposingUnits(actor: Actor): string[] {
  return actor.roles.filter((grant) => MATRIX[grant.role]["library:propose"] === "unit" && grant.unitId).map((grant) => grant.unitId!);
}

/** Where-clause of the micro-reforms the actor may see. */
function microScope(actor: Actor): Prisma.MicroReformWhereInput {
  authorizeRead(actor, "library:read");
  const committeeId = { in: visibleCommitteeIds(actor, "library:read") };
  if (scopeOf(actor, "library:read") === "tree") return { committeeId, deletedAt: null };
  const own = proposingUnits(actor);
  return {
    committeeId,
    deletedAt: null,
    OR: [{ status: { in: ["ACCEPTED", "PROMOTED"] } }, ...(own.length ? [{ unitId: { in: own } }] : [])],
  };
}

const contains = (q: string) => ({ contains: q, mode: "insensitive" as const });
const isoDay = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);
const pageOf = (page: number) => ({ skip: (page - 1) * LIBRARY_PAGE_SIZE, take: LIBRARY_PAGE_SIZE });

export async function listMicroReforms(actor: Actor, filter: MicroFilter): Promise<Paged<MicroRow>> {
  const where: Prisma.MicroReformWhereInput = {
    AND: [
      microScope(actor),
      filter.q ? { OR: [{ title: contains(filter.q) }, { problem: contains(filter.q) }, { measures: contains(filter.q) }] } : {},
      filter.status ? { status: filter.status } : {},
      filter.unit ? { unitId: filter.unit } : {},
      filter.promoted === "yes" ? { status: "PROMOTED" } : filter.promoted === "no" ? { status: { not: "PROMOTED" } } : {},
      filter.year ? { year: filter.year } : {},
    ],
  };
  const [total, rows] = await Promise.all([
    db.microReform.count({ where }),
    db.microReform.findMany({
      where,
      orderBy: [{ year: "desc" }, { createdAt: "desc" }, { id: "asc" }],
      ...pageOf(filter.page),
      select: {
        id: true,
        title: true,
        problem: true,
        unitId: true,
        year: true,
        status: true,
        citizensServed: true,
        version: true,
        createdAt: true,
        unit: { select: { name: true } },
      },
    }),
  ]);
  return {
    rows: rows.map(({ unit, ...row }) => ({ ...row, unitName: unit.name })),
    total,
    page: filter.page,
    size: LIBRARY_PAGE_SIZE,
  };
}

export async function getMicroReform(actor: Actor, id: string): Promise<MicroDetail> {
  const micro = await db.microReform.findFirst({
    where: { AND: [microScope(actor), { id }] },
    include: { unit: { select: { name: true } }, task: { select: { code: true, title: true } } },
  });
  if (!micro) throw new NotFoundError();
  const events = await db.workflowEvent.findMany({
    where: { entityType: MICRO_ENTITY, entityId: micro.id },
    orderBy: { createdAt: "asc" },
    select: { action: true, comment: true, actorId: true, createdAt: true },
  });
  const actorIds = [...new Set(events.flatMap((event) => (event.actorId ? [event.actorId] : [])))];
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((user) => [user.id, user.name]),
  );
  return {
    id: micro.id,
    title: micro.title,
    problem: micro.problem,
    measures: micro.measures,
    effect: micro.effect,
    unitId: micro.unitId,
    unitName: micro.unit.name,
    year: micro.year,
    status: micro.status,
    citizensServed: micro.citizensServed,
    version: micro.version,
    createdAt: micro.createdAt,
    taskId: micro.taskId,
    taskCode: micro.task?.code ?? null,
    taskTitle: micro.task?.title ?? null,
    acceptedAt: micro.acceptedAt,
    promotedAt: micro.promotedAt,
    thread: events.map((event) => ({
      action: event.action,
      comment: event.comment,
      actorName: event.actorId ? (names.get(event.actorId) ?? null) : null,
      createdAt: event.createdAt,
    })),
  };
}

function recordWhere(actor: Actor, filter: RecordFilter) {
  authorizeRead(actor, "library:read");
  return {
    committeeId: { in: visibleCommitteeIds(actor, "library:read") },
    deletedAt: null,
    ...(filter.unit ? { unitId: filter.unit } : {}),
    ...(filter.level ? { level: filter.level } : {}),
    ...(filter.year ? { year: filter.year } : {}),
  };
}

export async function listCases(actor: Actor, filter: RecordFilter): Promise<Paged<CaseRow>> {
  const where: Prisma.TypicalCaseWhereInput = {
    ...recordWhere(actor, filter),
    ...(filter.q ? { OR: [{ title: contains(filter.q) }, { summary: contains(filter.q) }, { publishedIn: contains(filter.q) }] } : {}),
  };
  const [total, rows] = await Promise.all([
    db.typicalCase.count({ where }),
    db.typicalCase.findMany({
      where,
      orderBy: [{ year: "desc" }, { publishedOn: { sort: "desc", nulls: "last" } }, { id: "asc" }],
      ...pageOf(filter.page),
      include: { unit: { select: { name: true } }, task: { select: { code: true } }, microReform: { select: { title: true } } },
    }),
  ]);
  return {
    rows: rows.map((row) => ({
      id: row.id,
      title: row.title,
      summary: row.summary,
      unitId: row.unitId,
      unitName: row.unit.name,
      year: row.year,
      level: row.level,
      publishedIn: row.publishedIn,
      publishedOn: isoDay(row.publishedOn),
      taskId: row.taskId,
      taskCode: row.task?.code ?? null,
      microReformId: row.microReformId,
      microTitle: row.microReform?.title ?? null,
      version: row.version,
    })),
    total,
    page: filter.page,
    size: LIBRARY_PAGE_SIZE,
  };
}

export async function listHonors(actor: Actor, filter: RecordFilter): Promise<Paged<HonorRow>> {
  const where: Prisma.HonorWhereInput = {
    ...recordWhere(actor, filter),
    ...(filter.q ? { OR: [{ title: contains(filter.q) }, { source: contains(filter.q) }] } : {}),
  };
  const [total, rows] = await Promise.all([
    db.honor.count({ where }),
    db.honor.findMany({
      where,
      orderBy: [{ year: "desc" }, { awardedOn: { sort: "desc", nulls: "last" } }, { id: "asc" }],
      ...pageOf(filter.page),
      include: { unit: { select: { name: true } }, task: { select: { code: true } } },
    }),
  ]);
  return {
    rows: rows.map((row) => ({
      id: row.id,
      title: row.title,
      kind: row.kind,
      level: row.level,
      source: row.source,
      awardedOn: isoDay(row.awardedOn),
      unitId: row.unitId,
      unitName: row.unit.name,
      year: row.year,
      taskId: row.taskId,
      taskCode: row.task?.code ?? null,
      version: row.version,
    })),
    total,
    page: filter.page,
    size: LIBRARY_PAGE_SIZE,
  };
}

/** Choices for the filters and forms: the committee's units, and (for proposing) the actor's unit's tasks. */
export async function libraryChoices(actor: Actor) {
  authorizeRead(actor, "library:read");
  const committeeId = actor.committee.id;
  const own = proposingUnits(actor);
  const curator = can(actor, "library:curate");
  const [units, years, tasks, micros] = await Promise.all([
    db.unit.findMany({
      where: { committeeId, deletedAt: null },
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      select: { id: true, name: true },
    }),
    db.microReform.findMany({
      where: { committeeId, deletedAt: null },
      distinct: ["year"],
      select: { year: true },
      orderBy: { year: "desc" },
    }),
    db.reformTask.findMany({
      where: {
        committeeId,
        deletedAt: null,
        ...(can(actor, "library:curate")
          ? {}
          : { OR: [{ leadUnitId: { in: own } }, { cooperatingUnits: { some: { unitId: { in: own } } } }] }),
      },
      orderBy: [{ year: "desc" }, { code: "asc" }],
      select: { id: true, code: true, title: true },
      take: 500,
    }),
    curator
      ? db.microReform.findMany({
          where: { committeeId, deletedAt: null, status: { in: ["ACCEPTED", "PROMOTED"] } },
          orderBy: [{ year: "desc" }, { title: "asc" }],
          select: { id: true, title: true },
          take: 500,
        })
      : [],
  ]);
  return { units, years: years.map((row) => row.year), tasks, micros, ownUnitId: own[0] ?? null, curator };
}

/**
 * The library's facts for the assessment's innovation bonus (加分): per unit of the committee,
 * counts of typical cases by level, honours by kind and level, and micro-reforms accepted into
 * the library (promoted ones included) and promoted, all of `year`. Counted in SQL; the caller
 * (the assessment service) has already authorized reading the committee.
 */
export async function innovationFacts(committeeId: string, year: number): Promise<UnitInnovationFacts[]> {
  const base = { committeeId, year, deletedAt: null };
  const [cases, honors, micros] = await Promise.all([
    db.typicalCase.groupBy({ by: ["unitId", "level"], where: base, _count: { _all: true } }),
    db.honor.groupBy({ by: ["unitId", "kind", "level"], where: base, _count: { _all: true } }),
    db.microReform.groupBy({
      by: ["unitId", "status"],
      where: { ...base, status: { in: ["ACCEPTED", "PROMOTED"] } },
      _count: { _all: true },
    }),
  ]);
  const facts = new Map<string, UnitInnovationFacts>();
  const of = (unitId: string) => {
    let entry = facts.get(unitId);
    if (!entry) facts.set(unitId, (entry = { unitId, cases: {}, honors: {}, microAccepted: 0, microPromoted: 0 }));
    return entry;
  };
  for (const row of cases) of(row.unitId).cases[row.level] = row._count._all;
  for (const row of honors) {
    const entry = of(row.unitId);
    entry.honors[row.kind] = { ...entry.honors[row.kind], [row.level]: row._count._all };
  }
  for (const row of micros) {
    const entry = of(row.unitId);
    entry.microAccepted += row._count._all;
    if (row.status === "PROMOTED") entry.microPromoted += row._count._all;
  }
  return [...facts.values()].sort((a, b) => a.unitId.localeCompare(b.unitId));
}
