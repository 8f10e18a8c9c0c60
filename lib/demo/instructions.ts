// The demo county's leaders' instructions (领导批示): written after the rest of the demo is in the
// database, in the seed's transaction, on the linked tasks of demo leaders — the demo leader account's
// first, and tasks led by a unit with a demo reporter account first, the most lagging first (by the
// ledger's own light SQL), so each demo account finds something to do: one answered and awaiting the
// leader's confirmation, one open, one whose answer is overdue (the office's follow-up). Deterministic
// for a given day, like the rest of the seed; every instant lies before `today`.
import type { Prisma } from "@/lib/db/prisma";
import { Prisma as PrismaSql } from "@/lib/db/prisma";
import { lightsSql } from "@/lib/ledger/light-sql";
import { DEMO_ACCOUNTS } from "./accounts";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The Beijing calendar day of an instant, as UTC midnight (lib/tasks/rules.ts dayOf). */
const beijingDay = (instant: Date) => {
  const beijing = new Date(instant.getTime() + 8 * HOUR_MS);
  return new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate()));
};
const isoDay = (day: Date) => day.toISOString().slice(0, 10);

interface Candidate {
  id: string;
  title: string;
  committeeId: string;
  leadUnitId: string;
  leadUnitName: string;
  leaderId: string;
  leaderName: string;
  leaderUsername: string;
  light: string;
  lag: number;
}

const SEVERITY: Record<string, number> = { RED: 0, YELLOW: 1, GREEN: 2, NOT_STARTED: 3, PENDING_CLOSE: 4, DONE: 5 };

interface Story {
  status: "OPEN" | "ANSWERED";
  /** days before today the leader wrote it */
  writtenDaysAgo: number;
  /** the answer-by date, in days from today (negative: past) */
  dueInDays: number;
  content: (task: string) => string;
  answer?: { daysAgo: number; content: string };
}

const STORIES: Story[] = [
  {
    status: "ANSWERED",
    writtenDaysAgo: 12,
    dueInDays: -2,
    content: (task) => `${task}进度滞后，请牵头单位认真分析原因，倒排工期、挂图作战，确保年底前完成改革目标。`,
    answer: {
      daysAgo: 4,
      content: "已召开专题推进会，逐项梳理滞后原因，制定倒排工期表，明确每周调度；目前已完成方案征求意见，计划下月提请县委深改委审议。",
    },
  },
  {
    status: "OPEN",
    writtenDaysAgo: 3,
    dueInDays: 7,
    content: (task) => `请就${task}的推进难点形成专题报告，提出需县里协调解决的事项。`,
  },
  {
    status: "OPEN",
    writtenDaysAgo: 10,
    dueInDays: -3,
    content: (task) => `${task}要对标上级要求加快推进，请牵头单位一周内反馈具体落实举措。`,
  },
];

/** Writes the demo's instructions; returns how many. */
export async function seedInstructions(tx: Prisma.TransactionClient, today: Date, log: (line: string) => void = () => {}): Promise<number> {
  const day = beijingDay(today);
  const latest = new Date(today.getTime() - 60_000);
  const past = (instant: Date) => (instant.getTime() < latest.getTime() ? instant : latest);
  const committee = await tx.committee.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  if (!committee) return 0;
  const years = await tx.reformTask.findMany({
    where: { committeeId: committee.id, deletedAt: null, status: "ACTIVE", leaderId: { not: null } },
    distinct: ["year"],
    select: { year: true },
    orderBy: { year: "desc" },
  });
  const year = years.find((row) => row.year <= day.getUTCFullYear())?.year ?? years[0]?.year;
  if (year === undefined) return 0;

  const lights = await tx.$queryRaw<{ id: string; light: string; lag: number }[]>(
    lightsSql({ scope: PrismaSql.sql`t."committeeId" = ${committee.id}`, year, asOf: isoDay(day) }),
  );
  const lit = new Map(lights.map((row) => [row.id, row]));
  const tasks = await tx.reformTask.findMany({
    where: { committeeId: committee.id, year, deletedAt: null, status: "ACTIVE", leaderId: { not: null } },
    select: {
      id: true,
      title: true,
      committeeId: true,
      leadUnitId: true,
      leadUnit: { select: { name: true } },
      leader: { select: { id: true, name: true, username: true } },
    },
  });
  const reporterUnits = new Set(DEMO_ACCOUNTS.filter((account) => account.role === "UNIT_REPORTER").map((account) => account.unitName));
  const demoLeader = DEMO_ACCOUNTS.find((account) => account.role === "LEADER")?.username;
  const candidates: Candidate[] = tasks
    .filter((task) => task.leader)
    .map((task) => ({
      id: task.id,
      title: task.title,
      committeeId: task.committeeId,
      leadUnitId: task.leadUnitId,
      leadUnitName: task.leadUnit.name,
      leaderId: task.leader!.id,
      leaderName: task.leader!.name,
      leaderUsername: task.leader!.username,
      light: lit.get(task.id)?.light ?? "GREEN",
      lag: lit.get(task.id)?.lag ?? 0,
    }))
    .sort(
      (a, b) =>
        Number(b.leaderUsername === demoLeader) - Number(a.leaderUsername === demoLeader) ||
        Number(reporterUnits.has(b.leadUnitName)) - Number(reporterUnits.has(a.leadUnitName)) ||
        (SEVERITY[a.light] ?? 9) - (SEVERITY[b.light] ?? 9) ||
        b.lag - a.lag ||
        a.id.localeCompare(b.id),
    );
  // one instruction per task, and the open ones to units with a demo reporter where there are such tasks
  const chosen: Candidate[] = [];
  for (const story of STORIES) {
    const pool = candidates.filter((task) => !chosen.includes(task));
    const preferred = story.status === "OPEN" ? pool.find((task) => reporterUnits.has(task.leadUnitName)) : undefined;
    const task = preferred ?? pool[0];
    if (task) chosen.push(task);
  }

  const reporters = await tx.roleAssignment.findMany({
    where: { committeeId: committee.id, role: "UNIT_REPORTER", unitId: { in: chosen.map((task) => task.leadUnitId) } },
    select: { userId: true, unitId: true },
    orderBy: { userId: "asc" },
  });
  const reportersOf = (unitId: string) => reporters.filter((grant) => grant.unitId === unitId).map((grant) => grant.userId);

  let written = 0;
  for (const [index, task] of chosen.entries()) {
    const story = STORIES[index]!;
    const id = `cqhinstruction${String(index + 1).padStart(3, "0")}`;
    const writtenAt = past(new Date(day.getTime() - story.writtenDaysAgo * DAY_MS + 2 * HOUR_MS)); // 10:00 Beijing
    const dueDate = new Date(day.getTime() + story.dueInDays * DAY_MS);
    const answeredAt = story.answer ? past(new Date(day.getTime() - story.answer.daysAgo * DAY_MS + 8 * HOUR_MS)) : null;
    const answerer = reportersOf(task.leadUnitId)[0] ?? null;
    await tx.instruction.create({
      data: {
        id,
        committeeId: task.committeeId,
        subjectType: "TASK",
        taskId: task.id,
        unitId: task.leadUnitId,
        leaderId: task.leaderId,
        authorId: task.leaderId,
        content: story.content(`“${task.title}”`),
        answerDueDate: dueDate,
        status: story.status,
        answeredAt,
        createdAt: writtenAt,
        updatedAt: answeredAt ?? writtenAt,
        version: story.answer ? 2 : 1,
        answers: story.answer
          ? { create: { id: `${id}a1`, round: 1, content: story.answer.content, submittedAt: answeredAt!, submittedById: answerer } }
          : undefined,
      },
    });
    const events: Prisma.WorkflowEventCreateManyInput[] = [
      { id: `${id}wf1`, entityType: "Instruction", entityId: id, action: "CREATE", actorId: task.leaderId, createdAt: writtenAt },
    ];
    if (answeredAt)
      events.push({ id: `${id}wf2`, entityType: "Instruction", entityId: id, action: "ANSWER", actorId: answerer, createdAt: answeredAt });
    await tx.workflowEvent.createMany({ data: events });
    const link = `/instructions/${id}`;
    const notifications: Prisma.NotificationCreateManyInput[] = reportersOf(task.leadUnitId).map((userId) => ({
      userId,
      committeeId: task.committeeId,
      kind: "INSTRUCTION",
      title: "instructions.notifications.written",
      params: { leader: task.leaderName, task: task.title, subject: "", due: isoDay(dueDate) },
      body: story.content(`“${task.title}”`),
      link,
      createdAt: writtenAt,
      readAt: answeredAt,
    }));
    if (answeredAt)
      notifications.push({
        userId: task.leaderId,
        committeeId: task.committeeId,
        kind: "INSTRUCTION",
        title: "instructions.notifications.answered",
        params: { unit: task.leadUnitName, task: task.title },
        link,
        createdAt: answeredAt,
      });
    await tx.notification.createMany({ data: notifications });
    written += 1;
  }
  log(`  instruction: ${written}`);
  return written;
}

/** The seed's rows, then its instructions, in the same transaction; answers the rows' summary. */
export async function afterRows<T>(
  tx: Prisma.TransactionClient,
  inserted: Promise<T>,
  today: Date,
  log: (line: string) => void,
): Promise<T> {
  const summary = await inserted;
  await seedInstructions(tx, today, log);
  return summary;
}
