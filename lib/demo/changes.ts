// The demo county's 计划调整: its plans are issued (下达), so the demo shows change control at work —
// three approved change requests (a due date put back, a cooperating unit added, a milestone moved)
// and one waiting for the office (the demo reporter's unit asks for more time on a lagging task).
// Built on the seed's rows, after the tasks: the tasks keep their (new) values, each approved
// request keeps the baseline it replaced, so a light of an earlier day replays the plan of that day.
import type { Prisma } from "@/lib/db/prisma";
import { storeBaseline, type Baseline } from "@/lib/changes/rules";
import { taskLight } from "@/lib/tasks/rules";

interface ChangeRows {
  reformTask: Prisma.ReformTaskCreateManyInput[];
  milestone: Prisma.MilestoneCreateManyInput[];
  taskCooperatingUnit: Prisma.TaskCooperatingUnitCreateManyInput[];
  unit: Prisma.UnitCreateManyInput[];
  user: Prisma.UserCreateManyInput[];
  changeRequest: Prisma.ChangeRequestCreateManyInput[];
}

const DAY = 86_400_000;
const day = (value: Date | string) => new Date(value);
const iso = (date: Date) => date.toISOString().slice(0, 10);
/** An instant on a calendar day at Beijing office hours. */
const at = (date: Date, hour: number) => new Date(date.getTime() + (hour - 8) * 3600_000);

export function buildChangeRequests(
  rows: ChangeRows,
  context: {
    committeeId: string;
    year: number;
    /** the instant everything happened before, and its calendar day */
    now: Date;
    today: Date;
    officeUserId: string;
    reporterUsername: string;
    reporterUnitName: string;
  },
) {
  const { committeeId, year, now, today, officeUserId } = context;
  // the decisions fall at fixed shares of the year so far: the demo of any day has them in its past
  const yearStart = Date.UTC(year, 0, 1);
  const elapsed = today.getTime() - yearStart;
  const decidedAtShare = (share: number) => new Date(yearStart + Math.floor((elapsed * share) / DAY) * DAY);
  const office = rows.user.find((user) => user.id === officeUserId)!;
  const unitName = new Map(rows.unit.map((unit) => [unit.id!, unit.name]));
  const milestonesOf = (taskId: string) =>
    rows.milestone
      .filter((m) => m.taskId === taskId)
      .sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))
      .map((m) => ({
        id: m.id!,
        title: m.title,
        plannedDate: day(m.plannedDate as Date),
        plannedPercent: m.plannedPercent,
        completedOn: m.completedOn ? day(m.completedOn as Date) : null,
      }));
  const coopOf = (taskId: string) =>
    rows.taskCooperatingUnit
      .filter((row) => row.taskId === taskId)
      .sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))
      .map((row) => row.unitId);
  const baselineOf = (task: Prisma.ReformTaskCreateManyInput): Baseline => ({
    startDate: day(task.startDate as Date),
    dueDate: day(task.dueDate as Date),
    leadUnitId: task.leadUnitId,
    milestones: milestonesOf(task.id!),
  });
  const milestoneText = (milestones: Baseline["milestones"]) =>
    milestones
      .map((m) => `${m.title} ${iso(m.plannedDate)} ${m.plannedPercent}%${m.completedOn ? ` ✓${iso(m.completedOn)}` : ""}`)
      .join("；");

  const active = rows.reformTask
    .filter((task) => task.year === year && task.status === "ACTIVE" && day(task.startDate as Date).getTime() <= Date.UTC(year, 2, 1))
    .sort((a, b) => a.code.localeCompare(b.code));
  const taken = new Set<string>();
  const pick = (test: (task: Prisma.ReformTaskCreateManyInput) => boolean) => {
    const task = active.find((candidate) => !taken.has(candidate.id!) && test(candidate));
    if (task) taken.add(task.id!);
    return task;
  };
  const approved = (
    task: Prisma.ReformTaskCreateManyInput,
    decided: Date,
    reason: string,
    changes: Record<string, [unknown, unknown]>,
    before: Baseline,
    proposed: Record<string, unknown>,
    current: Record<string, unknown>,
  ) => {
    // too early in the year for a change to have been asked for and decided
    if (elapsed < 40 * DAY || at(decided, 15).getTime() >= now.getTime()) return;
    const createdAt = at(new Date(decided.getTime() - 6 * DAY), 10);
    rows.changeRequest.push({
      id: `cqhchange${rows.changeRequest.length + 1}`,
      committeeId,
      taskId: task.id!,
      requestedById: office.id!,
      requestedByName: office.name,
      unitId: null,
      reason,
      proposed: { fields: proposed, milestones: [] } as Prisma.InputJsonValue,
      current: current as Prisma.InputJsonValue,
      changes: changes as Prisma.InputJsonValue,
      status: "APPROVED",
      decidedAt: at(decided, 15),
      decidedById: office.id!,
      decidedByName: office.name,
      decisionComment: "经县委改革办主任办公会研究，同意调整。",
      baselineBefore: storeBaseline(before) as unknown as Prisma.InputJsonValue,
      createdAt,
      updatedAt: at(decided, 15),
      version: 2,
    });
  };

  // 1. A due date put back by three months (the task now runs to its current due date; before the
  //    approval it was due three months earlier, its milestones within that span).
  const later = pick((task) => day(task.dueDate as Date).getUTCMonth() === 11 && milestonesOf(task.id!).length >= 2);
  if (later) {
    const now = baselineOf(later);
    const earlierDue = new Date(now.dueDate.getTime() - 92 * DAY);
    const before: Baseline = {
      ...now,
      dueDate: earlierDue,
      milestones: now.milestones.map((m) => ({ ...m, plannedDate: m.plannedDate > earlierDue ? earlierDue : m.plannedDate })),
    };
    approved(
      later,
      decidedAtShare(0.6),
      "省级配套政策延后出台，原定完成时限无法落实，经专项小组研究申请延期三个月。",
      { dueDate: [iso(earlierDue), iso(now.dueDate)], milestones: [milestoneText(before.milestones), milestoneText(now.milestones)] },
      before,
      { dueDate: iso(now.dueDate) },
      { dueDate: iso(earlierDue) },
    );
  }

  // 2. A cooperating unit added (the schedule stays as it was).
  const widened = pick((task) => coopOf(task.id!).length >= 2);
  if (widened) {
    const units = coopOf(widened.id!);
    const names = units.map((id) => unitName.get(id) ?? id);
    approved(
      widened,
      decidedAtShare(0.4),
      "任务涉及数据共享，需增加配合单位共同推进。",
      { cooperatingUnits: [names.slice(0, -1).join("、"), names.join("、")] },
      baselineOf(widened),
      { cooperatingUnitIds: units },
      { cooperatingUnitIds: units.slice(0, -1) },
    );
  }

  // 3. A milestone moved a month later.
  const moved = pick((task) => {
    const milestones = milestonesOf(task.id!);
    return milestones.length >= 3 && milestones[1]!.plannedDate.getTime() - milestones[0]!.plannedDate.getTime() > 40 * DAY;
  });
  if (moved) {
    const now = baselineOf(moved);
    const earlier = new Date(now.milestones[1]!.plannedDate.getTime() - 30 * DAY);
    const before: Baseline = { ...now, milestones: now.milestones.map((m, i) => (i === 1 ? { ...m, plannedDate: earlier } : m)) };
    approved(
      moved,
      decidedAtShare(0.5),
      "试点方案报批程序调整，第二个节点顺延一个月。",
      { milestones: [milestoneText(before.milestones), milestoneText(now.milestones)] },
      before,
      {},
      {},
    );
  }

  // 4. Waiting for the office: the demo reporter's unit asks for more time on a task that lags.
  const reporter = rows.user.find((user) => user.username === context.reporterUsername);
  const unit = rows.unit.find((candidate) => candidate.name === context.reporterUnitName);
  const lagging = pick((task) => {
    if (!unit || task.leadUnitId !== unit.id) return false;
    const light = taskLight({ status: "ACTIVE", ...baselineOf(task), actualPercent: task.actualPercent ?? 0 }, today);
    return light.light === "RED" || light.light === "YELLOW";
  });
  if (lagging && reporter && elapsed >= 40 * DAY) {
    const due = day(lagging.dueDate as Date);
    const asked = new Date(Date.UTC(due.getUTCFullYear() + (due.getUTCMonth() >= 9 ? 1 : 0), (due.getUTCMonth() + 3) % 12, 28));
    const createdAt = at(new Date(today.getTime() - 2 * DAY), 16);
    rows.changeRequest.push({
      id: `cqhchange${rows.changeRequest.length + 1}`,
      committeeId,
      taskId: lagging.id!,
      requestedById: reporter.id!,
      requestedByName: reporter.name,
      unitId: unit!.id!,
      reason: "项目用地报批尚未完成，影响后续建设进度，申请将完成时限顺延。已附县政府专题会议纪要。",
      proposed: {
        fields: { dueDate: iso(asked) },
        milestones: milestonesOf(lagging.id!).map((m) => ({
          id: m.id,
          title: m.title,
          plannedDate: iso(m.plannedDate),
          plannedPercent: m.plannedPercent,
        })),
      } as Prisma.InputJsonValue,
      current: { dueDate: iso(due) } as Prisma.InputJsonValue,
      changes: { dueDate: [iso(due), iso(asked)] } as Prisma.InputJsonValue,
      status: "PENDING",
      createdAt,
      updatedAt: createdAt,
    });
  }
}
