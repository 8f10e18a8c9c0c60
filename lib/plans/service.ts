import "server-only";
import crypto from "node:crypto";
import { defineServiceAction, diff } from "@/lib/server/action";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { nextTaskCode } from "@/lib/tasks/rules";
import { duplicateTitleIds } from "@/lib/tasks/schemas";
import { isoDay, lastChange, recordChange } from "./history";
import { now } from "@/lib/server/clock";
import { copyUnfinishedSchema, createPlanSchema, issuePlanSchema, updatePlanSchema } from "./schemas";

/** 年度工作要点: one plan per committee and year (a supplementary plan gets its own title). */
export const createPlan = defineServiceAction({
  name: "plan.create",
  permission: "plan:write",
  input: createPlanSchema,
  async run({ tx, actor, input }) {
    if (
      await tx.workPlan.findFirst({ where: { committeeId: actor.committee.id, year: input.year, title: input.title, deletedAt: null } })
    ) {
      throw new ValidationError({ title: ["validation.duplicateName"] });
    }
    const plan = await tx.workPlan.create({
      data: {
        committeeId: actor.committee.id,
        year: input.year,
        title: input.title,
        docNumber: input.docNumber,
        issuedOn: input.issuedOn ?? null,
        createdById: actor.userId,
      },
    });
    return {
      result: { id: plan.id },
      audit: { targetType: "WorkPlan", targetId: plan.id, changes: { year: [null, input.year], title: [null, input.title] } },
    };
  },
});

/**
 * Carries last year's unfinished tasks into a new plan: same content and units, new codes, the
 * whole new year as the span, milestones left for the office to set, and a link to the origin.
 * Tasks already carried over are skipped, so running it twice copies nothing twice.
 */
export const copyUnfinishedTasks = defineServiceAction({
  name: "plan.copyUnfinished",
  permission: "plan:write",
  input: copyUnfinishedSchema,
  async load(tx, actor, input) {
    const [plan, from] = await Promise.all([
      tx.workPlan.findFirst({ where: { id: input.planId, committeeId: actor.committee.id, deletedAt: null } }),
      tx.workPlan.findFirst({ where: { id: input.fromPlanId, committeeId: actor.committee.id, deletedAt: null } }),
    ]);
    if (!plan || !from) throw new NotFoundError();
    if (from.year >= plan.year) throw new ValidationError({ fromPlanId: ["plans.errors.notEarlier"] });
    return { committeeId: plan.committeeId, plan, from };
  },
  async run({ tx, actor, target: { plan, from } }) {
    const unfinished = await tx.reformTask.findMany({
      where: {
        planId: from.id,
        deletedAt: null,
        status: { in: ["ACTIVE", "PENDING_CLOSE"] },
        continuations: { none: { planId: plan.id } },
      },
      include: { group: { select: { shortName: true } }, cooperatingUnits: true },
      orderBy: { code: "asc" },
    });
    const codes = (await tx.reformTask.findMany({ where: { committeeId: plan.committeeId }, select: { code: true } })).map(
      (task) => task.code,
    );
    // a title the new plan already has is that plan's task already (one title, one task per plan)
    const present = await tx.reformTask.findMany({ where: { planId: plan.id, deletedAt: null }, select: { id: true, title: true } });
    const taken = duplicateTitleIds([...present, ...unfinished.map((task) => ({ id: task.id, title: task.title }))]);
    const carried = unfinished.filter((task) => !taken.has(task.id));
    const skipped = unfinished.length - carried.length;
    const rows = carried.map((task) => {
      const code = nextTaskCode(plan.year, task.group.shortName, codes);
      codes.push(code);
      return {
        id: crypto.randomUUID(),
        committeeId: plan.committeeId,
        year: plan.year,
        planId: plan.id,
        groupId: task.groupId,
        code,
        title: task.title,
        goal: task.goal,
        outcome: task.outcome,
        leadUnitId: task.leadUnitId,
        leaderId: task.leaderId,
        isKey: task.isKey,
        source: task.source,
        pilotLevel: task.pilotLevel,
        startDate: new Date(Date.UTC(plan.year, 0, 1)),
        dueDate: new Date(Date.UTC(plan.year, 11, 31)),
        actualPercent: task.actualPercent,
        originTaskId: task.id,
        createdById: actor.userId,
        cooperating: task.cooperatingUnits,
      };
    });
    if (rows.length) {
      await tx.reformTask.createMany({ data: rows.map(({ cooperating: _cooperating, ...row }) => row) });
      await tx.taskCooperatingUnit.createMany({
        data: rows.flatMap((row) => row.cooperating.map((unit) => ({ taskId: row.id, unitId: unit.unitId, sortOrder: unit.sortOrder }))),
      });
    }
    return {
      result: { copied: rows.length, skipped },
      audit: {
        targetType: "WorkPlan",
        targetId: plan.id,
        detail: `copied ${rows.length} unfinished tasks from ${from.year}${skipped ? `; ${skipped} already in the plan by title` : ""}`,
      },
    };
  },
});

/** Title, 文号 and issued date of a plan (its year stays: codes and tasks hang on it). Same title rule as creating. */
export const updatePlan = defineServiceAction({
  name: "plan.update",
  permission: "plan:write",
  input: updatePlanSchema,
  async load(tx, actor, input) {
    const plan = await tx.workPlan.findFirst({ where: { id: input.id, committeeId: actor.committee.id, deletedAt: null } });
    if (!plan) throw new NotFoundError();
    return { committeeId: plan.committeeId, plan };
  },
  async run({ tx, actor, input, target: { plan } }) {
    const conflict = async () => {
      const current = await tx.workPlan.findUniqueOrThrow({ where: { id: plan.id } });
      return new ConflictError({
        plan: {
          id: current.id,
          title: current.title,
          docNumber: current.docNumber,
          issuedOn: isoDay(current.issuedOn),
          updatedAt: current.updatedAt.toISOString(),
        },
        lastChange: await lastChange(tx, "WorkPlan", plan.id),
      });
    };
    if (plan.updatedAt.getTime() !== input.expectedUpdatedAt.getTime()) throw await conflict();
    if (
      await tx.workPlan.findFirst({
        where: { committeeId: plan.committeeId, year: plan.year, title: input.title, deletedAt: null, id: { not: plan.id } },
      })
    ) {
      throw new ValidationError({ title: ["validation.duplicateName"] });
    }
    // an issued plan keeps a 文号 and a date (they may be corrected, not removed)
    if (plan.status === "ISSUED" && (!input.docNumber || !input.issuedOn))
      throw new ValidationError({
        ...(input.docNumber ? {} : { docNumber: ["plans.validation.docNumberRequired"] }),
        ...(input.issuedOn ? {} : { issuedOn: ["validation.required"] }),
      });
    const data = { title: input.title, docNumber: input.docNumber, issuedOn: input.issuedOn ?? null };
    const updated = await tx.workPlan.updateMany({
      where: { id: plan.id, updatedAt: input.expectedUpdatedAt },
      data: { ...data, version: { increment: 1 } },
    });
    if (updated.count === 0) throw await conflict();
    const changes = diff(
      { title: plan.title, docNumber: plan.docNumber, issuedOn: isoDay(plan.issuedOn) },
      { ...data, issuedOn: isoDay(data.issuedOn) },
    );
    await recordChange(tx, actor, "WorkPlan", plan.id, changes);
    const after = await tx.workPlan.findUniqueOrThrow({ where: { id: plan.id }, select: { updatedAt: true } });
    return {
      result: { id: plan.id, updatedAt: after.updatedAt.toISOString() },
      audit: { targetType: "WorkPlan", targetId: plan.id, changes },
    };
  },
});

/**
 * 下达: the office issues the plan with its 文号 and date. From then on a task's controlled fields
 * (lib/changes/rules.ts) change only through an approved change request; the rest stays editable.
 * Issuing is one-way: a plan issued by mistake is corrected through change requests, on the record.
 */
export const issuePlan = defineServiceAction({
  name: "plan.issue",
  permission: "plan:write",
  input: issuePlanSchema,
  async load(tx, actor, input) {
    const plan = await tx.workPlan.findFirst({ where: { id: input.id, committeeId: actor.committee.id, deletedAt: null } });
    if (!plan) throw new NotFoundError();
    return { committeeId: plan.committeeId, plan };
  },
  async run({ tx, actor, input, target: { plan } }) {
    if (plan.status === "ISSUED") throw new ValidationError({ _form: ["plans.validation.alreadyIssued"] });
    const issued = await tx.workPlan.updateMany({
      where: { id: plan.id, updatedAt: input.expectedUpdatedAt, status: "DRAFT" },
      data: {
        status: "ISSUED",
        issuedAt: now(),
        issuedById: actor.userId,
        docNumber: input.docNumber,
        issuedOn: input.issuedOn,
        version: { increment: 1 },
      },
    });
    if (issued.count === 0) throw new ConflictError({ plan: { id: plan.id } });
    const changes = diff(
      { status: plan.status as string, docNumber: plan.docNumber, issuedOn: isoDay(plan.issuedOn) },
      { status: "ISSUED", docNumber: input.docNumber, issuedOn: isoDay(input.issuedOn) },
    );
    await recordChange(tx, actor, "WorkPlan", plan.id, changes);
    return { result: { id: plan.id }, audit: { targetType: "WorkPlan", targetId: plan.id, changes } };
  },
});
