import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import type { Prisma } from "@/lib/db/prisma";
import { defineServiceAction, type AuditOf, type Tx } from "@/lib/server/action";
import { NotFoundError } from "@/lib/server/errors";
import { idField } from "@/lib/validation/fields";
import { changedFields, isControlled, type ControlledField } from "@/lib/changes/rules";
import { CONTROLLED_MESSAGE } from "@/lib/changes/schemas";
import { parsePlanWorkbook, type ImportError, type PlanLookups, type PlanWorkbookData, type TaskRow as ParsedTask } from "./excel";
import { SHEETS, TASK_COLUMNS } from "./excel-format";

/** 2,000 tasks with milestones fit comfortably; the cap keeps a request from exhausting memory. */
const MAX_FILE_BYTES = 15 * 1024 * 1024;

export const importPlanSchema = z
  .object({
    planId: idField,
    /** the .xlsx file, base64-encoded */
    file: z
      .string()
      .min(1, "validation.required")
      .max(Math.ceil((MAX_FILE_BYTES * 4) / 3) + 4, "validation.upload.tooLarge"),
  })
  .strict();

export type ImportOutcome =
  { imported: true; points: number; created: number; updated: number; milestones: number } | { imported: false; errors: ImportError[] };

async function planLookups(tx: Tx, committeeId: string, plan: { id: string; year: number }): Promise<PlanLookups> {
  const [groups, units, leaders, points, committeeCodes, planTasks] = await Promise.all([
    tx.specialGroup.findMany({ where: { committeeId, deletedAt: null }, select: { id: true, name: true, shortName: true } }),
    tx.unit.findMany({ where: { committeeId, deletedAt: null, active: true }, select: { id: true, name: true, shortName: true } }),
    tx.user.findMany({
      where: { isLeader: true, deletedAt: null, roleAssignments: { some: { committeeId } } },
      select: { id: true, name: true },
    }),
    tx.workPoint.findMany({ where: { planId: plan.id, deletedAt: null }, select: { id: true, number: true, groupId: true } }),
    tx.reformTask.findMany({ where: { committeeId }, select: { code: true } }),
    tx.reformTask.findMany({ where: { planId: plan.id, deletedAt: null }, select: { id: true, code: true, title: true } }),
  ]);
  const byNames = <T extends { name: string; shortName: string | null }, V>(rows: T[], value: (row: T) => V) =>
    new Map<string, V>(
      rows.flatMap((row) =>
        row.shortName
          ? [
              [row.shortName, value(row)],
              [row.name, value(row)],
            ]
          : [[row.name, value(row)]],
      ),
    );
  return {
    year: plan.year,
    groups: byNames(groups, (group) => ({ id: group.id, shortName: group.shortName })),
    units: byNames(units, (unit) => unit.id),
    leaders: new Map(leaders.map((leader) => [leader.name, leader.id])),
    points: new Map(points.map((point) => [point.number, { id: point.id, groupId: point.groupId }])),
    codes: new Set(committeeCodes.map((task) => task.code)),
    tasksByCode: new Map(planTasks.map((task) => [task.code, task.id])),
    tasksByTitle: new Map(planTasks.map((task) => [task.title, { id: task.id, code: task.code }])),
  };
}

/**
 * Imports a plan workbook all-or-nothing (SECURITY.md 22): any bad cell rejects the whole file
 * and every problem is reported by sheet, row and column. Tasks match existing ones by code, else
 * by title within the plan, so importing the same file twice changes nothing the second time.
 */
export const importPlan = defineServiceAction({
  name: "plan.import",
  permission: "plan:write",
  input: importPlanSchema,
  timeoutMs: 120_000,
  async load(tx, actor, input) {
    const plan = await tx.workPlan.findFirst({ where: { id: input.planId, committeeId: actor.committee.id, deletedAt: null } });
    if (!plan) throw new NotFoundError();
    return { committeeId: plan.committeeId, plan };
  },
  async run({ tx, actor, input, target: { plan } }): Promise<{ result: ImportOutcome; audit: AuditOf }> {
    const bytes = Buffer.from(input.file, "base64");
    const parsed = await parsePlanWorkbook(bytes, await planLookups(tx, plan.committeeId, plan));
    if (parsed.errors.length) {
      const rows = new Set(parsed.errors.map((error) => `${error.sheet}:${error.row}`)).size;
      return {
        result: { imported: false, errors: parsed.errors },
        audit: {
          targetType: "WorkPlan",
          targetId: plan.id,
          detail: `rejected: ${parsed.errors.length} problems in ${rows} rows`,
          result: "FAILURE",
        },
      };
    }

    // An issued plan's tasks keep their controlled fields: a file changing one is refused, row by row
    if (isControlled(plan)) {
      const refused = await controlledChangesOf(tx, parsed.tasks);
      if (refused.length) {
        return {
          result: { imported: false, errors: refused },
          audit: {
            targetType: "WorkPlan",
            targetId: plan.id,
            detail: `rejected: ${refused.length} controlled fields of an issued plan`,
            result: "FAILURE",
          },
        };
      }
    }

    // 工作要点: by number within the plan
    const existingPoints = new Map(
      (await tx.workPoint.findMany({ where: { planId: plan.id, deletedAt: null } })).map((point) => [point.number, point]),
    );
    const pointIds = new Map<string, string>([...existingPoints].map(([number, point]) => [number, point.id]));
    const newPoints: Prisma.WorkPointCreateManyInput[] = [];
    for (const [index, point] of parsed.points.entries()) {
      const existing = existingPoints.get(point.number);
      if (!existing) {
        const id = crypto.randomUUID();
        pointIds.set(point.number, id);
        newPoints.push({ id, planId: plan.id, groupId: point.groupId, number: point.number, title: point.title, sortOrder: index + 1 });
      } else if (existing.title !== point.title || existing.groupId !== point.groupId) {
        await tx.workPoint.update({ where: { id: existing.id }, data: { title: point.title, groupId: point.groupId } });
      }
    }
    if (newPoints.length) await tx.workPoint.createMany({ data: newPoints });

    // 改革任务: create new ones in bulk, update the others in place when something differs
    const existingTasks = new Map(
      (
        await tx.reformTask.findMany({
          where: { id: { in: parsed.tasks.flatMap((task) => (task.existingId ? [task.existingId] : [])) } },
          include: { cooperatingUnits: { orderBy: { sortOrder: "asc" } }, milestones: { orderBy: { sortOrder: "asc" } } },
        })
      ).map((task) => [task.id, task]),
    );
    const created: Prisma.ReformTaskCreateManyInput[] = [];
    const taskIds: string[] = [];
    let updated = 0;
    for (const task of parsed.tasks) {
      const fields = {
        code: task.code,
        workPointId: task.pointNumber ? (pointIds.get(task.pointNumber) ?? null) : null,
        groupId: task.groupId,
        title: task.title,
        goal: task.goal,
        outcome: task.outcome,
        leadUnitId: task.leadUnitId,
        leaderId: task.leaderId,
        isKey: task.isKey,
        source: task.source,
        pilotLevel: task.pilotLevel,
        startDate: task.startDate,
        dueDate: task.dueDate,
      };
      const existing = task.existingId ? existingTasks.get(task.existingId) : undefined;
      if (existing) {
        taskIds.push(existing.id);
        const changed = (Object.keys(fields) as (keyof typeof fields)[]).some((key) => !sameValue(existing[key], fields[key]));
        if (changed) {
          await tx.reformTask.update({ where: { id: existing.id }, data: { ...fields, version: { increment: 1 } } });
          updated++;
        }
      } else {
        const id = crypto.randomUUID();
        created.push({ id, committeeId: plan.committeeId, year: plan.year, planId: plan.id, createdById: actor.userId, ...fields });
        taskIds.push(id);
      }
    }
    if (created.length) await tx.reformTask.createMany({ data: created });

    // 配合单位 and 序时进度 are replaced by the file's where they differ (an unchanged milestone
    // keeps its completion date)
    const unitsChanged = parsed.tasks.flatMap((task, index) => {
      const existing = task.existingId ? existingTasks.get(task.existingId) : undefined;
      const same =
        existing &&
        sameList(
          existing.cooperatingUnits.map((row) => row.unitId),
          task.cooperatingUnitIds,
        );
      return same ? [] : [index];
    });
    await tx.taskCooperatingUnit.deleteMany({ where: { taskId: { in: unitsChanged.map((index) => taskIds[index]!) } } });
    await tx.taskCooperatingUnit.createMany({
      data: unitsChanged.flatMap((index) =>
        parsed.tasks[index]!.cooperatingUnitIds.map((unitId, order) => ({ taskId: taskIds[index]!, unitId, sortOrder: order })),
      ),
    });
    const milestonesChanged = parsed.tasks.flatMap((task, index) => {
      if (!task.milestones.length) return [];
      const existing = task.existingId ? existingTasks.get(task.existingId) : undefined;
      const key = (milestone: { title: string; plannedDate: Date; plannedPercent: number }) =>
        `${milestone.title}|${milestone.plannedDate.toISOString()}|${milestone.plannedPercent}`;
      const same = existing && sameList(existing.milestones.map(key), task.milestones.map(key));
      return same ? [] : [index];
    });
    await tx.milestone.deleteMany({ where: { taskId: { in: milestonesChanged.map((index) => taskIds[index]!) } } });
    const milestones = milestonesChanged.flatMap((index) =>
      parsed.tasks[index]!.milestones.map((milestone, order) => ({ taskId: taskIds[index]!, ...milestone, sortOrder: order + 1 })),
    );
    await tx.milestone.createMany({ data: milestones });

    return {
      result: { imported: true, points: newPoints.length, created: created.length, updated, milestones: milestones.length },
      audit: {
        targetType: "WorkPlan",
        targetId: plan.id,
        detail: `imported: ${created.length} created, ${updated} updated, ${newPoints.length} work points, ${milestones.length} milestones`,
      },
    };
  },
});

const COLUMN_OF: Record<ControlledField, string> = {
  startDate: "startDate",
  dueDate: "dueDate",
  goal: "goal",
  outcome: "outcome",
  leadUnitId: "leadUnit",
  cooperatingUnitIds: "cooperatingUnits",
  leaderId: "leader",
  isKey: "isKey",
  milestones: "",
};

/** Each controlled field a row would change on an existing task, as an import error at its cell. */
async function controlledChangesOf(tx: Tx, rows: readonly ParsedTask[]): Promise<ImportError[]> {
  const ids = rows.flatMap((row) => (row.existingId ? [row.existingId] : []));
  const saved = new Map(
    (
      await tx.reformTask.findMany({
        where: { id: { in: ids } },
        include: { cooperatingUnits: { orderBy: { sortOrder: "asc" } }, milestones: { orderBy: { sortOrder: "asc" } } },
      })
    ).map((task) => [task.id, task]),
  );
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const values = (task: Omit<ParsedTask, "row" | "existingId" | "cooperatingUnitIds"> & { cooperatingUnitIds: string[] }) => ({
    startDate: day(task.startDate),
    dueDate: day(task.dueDate),
    goal: task.goal,
    outcome: task.outcome,
    leadUnitId: task.leadUnitId,
    cooperatingUnitIds: task.cooperatingUnitIds,
    leaderId: task.leaderId,
    isKey: task.isKey,
    milestones: task.milestones.map((m) => ({ title: m.title, plannedDate: day(m.plannedDate), plannedPercent: m.plannedPercent })),
  });
  const header = (key: string) => TASK_COLUMNS.find((column) => column.key === key)?.header ?? key;
  return rows.flatMap((row) => {
    const task = row.existingId ? saved.get(row.existingId) : undefined;
    if (!task) return [];
    const before = values({
      ...task,
      cooperatingUnitIds: task.cooperatingUnits.map((unit) => unit.unitId),
      milestones: task.milestones,
    } as never);
    // a row without milestones leaves the task's as they are (as the import itself does)
    const after = { ...values(row), ...(row.milestones.length ? {} : { milestones: before.milestones }) };
    return changedFields(before, after).map((field) =>
      field === "milestones"
        ? { sheet: SHEETS.milestones, row: 0, column: "", message: CONTROLLED_MESSAGE, value: row.title }
        : { sheet: SHEETS.tasks, row: row.row, column: header(COLUMN_OF[field]), message: CONTROLLED_MESSAGE },
    );
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** A plan's work points and tasks in the workbook's own terms (names, not ids), for export. */
export async function planWorkbookData(tx: Tx, committeeId: string, planId: string): Promise<PlanWorkbookData> {
  const [groups, units, leaders, points, tasks] = await Promise.all([
    tx.specialGroup.findMany({ where: { committeeId, deletedAt: null }, orderBy: { sortOrder: "asc" }, select: { name: true } }),
    tx.unit.findMany({ where: { committeeId, deletedAt: null, active: true }, orderBy: { sortOrder: "asc" }, select: { name: true } }),
    tx.user.findMany({ where: { isLeader: true, deletedAt: null, roleAssignments: { some: { committeeId } } }, select: { name: true } }),
    tx.workPoint.findMany({
      where: { planId, deletedAt: null },
      orderBy: { sortOrder: "asc" },
      include: { group: { select: { name: true } } },
    }),
    tx.reformTask.findMany({
      where: { planId, committeeId, deletedAt: null },
      orderBy: { code: "asc" },
      include: {
        group: { select: { name: true } },
        workPoint: { select: { number: true } },
        leadUnit: { select: { name: true } },
        leader: { select: { name: true } },
        cooperatingUnits: { orderBy: { sortOrder: "asc" }, include: { unit: { select: { name: true } } } },
        milestones: { orderBy: { sortOrder: "asc" } },
      },
    }),
  ]);
  return {
    lists: {
      groups: groups.map((group) => group.name),
      units: units.map((unit) => unit.name),
      leaders: [...new Set(leaders.map((leader) => leader.name))],
    },
    points: points.map((point) => ({ number: point.number, group: point.group.name, title: point.title })),
    tasks: tasks.map((task) => ({
      code: task.code,
      point: task.workPoint?.number ?? null,
      group: task.group.name,
      title: task.title,
      goal: task.goal,
      outcome: task.outcome,
      leadUnit: task.leadUnit.name,
      cooperatingUnits: task.cooperatingUnits.map((row) => row.unit.name),
      leader: task.leader?.name ?? null,
      isKey: task.isKey,
      source: task.source,
      pilotLevel: task.pilotLevel,
      startDate: task.startDate,
      dueDate: task.dueDate,
      milestones: task.milestones.map((milestone) => ({
        title: milestone.title,
        plannedDate: milestone.plannedDate,
        plannedPercent: milestone.plannedPercent,
      })),
    })),
  };
}
