import "server-only";
// 领导批示 and 办理反馈: a leader — or the office on a leader's behalf (代录, both recorded) — writes an
// instruction on a task, a monthly report or a supervision notice, with an answer-by date; the
// unit that must answer (the task's lead unit; for a notice, the unit it is addressed to) is told
// and its reporters answer with text and evidence; then a leader or the office confirms it carried
// out (已落实) or asks again (再次批示: a new round with a new date). Every step is one audited
// service action, leaves a WorkflowEvent for the thread, and is taken from the version the user saw:
// two answers at once — one wins, the other is a 409.
import { INSTRUCTION_ANSWER, PENDING_INSTRUCTION_ANSWER } from "@/lib/attachments/scopes";
import type { Actor } from "@/lib/auth/actor";
import { visibleCommitteeIds, type Target } from "@/lib/auth/permissions";
import type { WorkflowAction } from "@/lib/db/generated/enums";
import { notify, reporterIdsOf } from "@/lib/notifications/service";
import { defineServiceAction, type Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import {
  answerDueDateProblem,
  answeringUnitId,
  nextInstructionStatus,
  stepProblem,
  type InstructionStatusValue,
  type InstructionStep,
  type InstructionSubjectValue,
} from "./rules";
import { answerInstructionSchema, closeInstructionSchema, createInstructionSchema, reaskInstructionSchema } from "./schemas";

export const INSTRUCTION = "Instruction";

const isoDay = (day: Date) => day.toISOString().slice(0, 10);
const link = (id: string) => `/instructions/${id}`;

const taskSelect = {
  id: true,
  committeeId: true,
  code: true,
  title: true,
  status: true,
  groupId: true,
  leadUnitId: true,
  leaderId: true,
  cooperatingUnits: { select: { unitId: true } },
} as const;

interface SubjectTask {
  id: string;
  committeeId: string;
  code: string;
  title: string;
  status: string;
  groupId: string;
  leadUnitId: string;
  leaderId: string | null;
  cooperatingUnits: { unitId: string }[];
}

/**
 * Who reads an instruction, as the matrix sees it: its committee, the task's group and the units
 * that see its subject — the task's lead and cooperating units, or for a notice the unit addressed.
 */
export function instructionReadTarget(row: {
  committeeId: string;
  subjectType: InstructionSubjectValue;
  unitId: string;
  task: { groupId: string; leadUnitId: string; cooperatingUnits: { unitId: string }[] };
}): Target {
  return {
    committeeId: row.committeeId,
    groupId: row.task.groupId,
    unitIds: row.subjectType === "NOTICE" ? [row.unitId] : [row.task.leadUnitId, ...row.task.cooperatingUnits.map((unit) => unit.unitId)],
  };
}

/** Who answers: the unit the instruction is addressed to. */
export function instructionAnswerTarget(row: { committeeId: string; unitId: string; task: { groupId: string } }): Target {
  return { committeeId: row.committeeId, groupId: row.task.groupId, unitIds: [row.unitId] };
}

// ───────────── Write (a leader, or the office on a leader's behalf) ─────────────

interface Subject {
  type: InstructionSubjectValue;
  task: SubjectTask;
  reportId: string | null;
  noticeId: string | null;
  unitId: string;
  /** how the subject is named in the notification: 月报 2026-10, 督办单 青改督〔2026〕7号 */
  label: string;
}

/** The subject within what the actor may read about (its committee visible to them); the matrix then decides. */
async function findSubject(tx: Tx, actor: Actor, type: InstructionSubjectValue, id: string): Promise<Subject> {
  const committees = { in: visibleCommitteeIds(actor, "instruction:read") };
  if (type === "TASK") {
    const task = await tx.reformTask.findFirst({ where: { id, deletedAt: null, committeeId: committees }, select: taskSelect });
    if (!task) throw new NotFoundError();
    return { type, task, reportId: null, noticeId: null, unitId: answeringUnitId({ type, taskLeadUnitId: task.leadUnitId }), label: "" };
  }
  if (type === "REPORT") {
    // a draft is the unit's own work in progress: nobody instructs on it
    const report = await tx.progressReport.findFirst({
      where: { id, deletedAt: null, status: { not: "DRAFT" }, task: { deletedAt: null, committeeId: committees } },
      select: { id: true, period: true, task: { select: taskSelect } },
    });
    if (!report) throw new NotFoundError();
    return {
      type,
      task: report.task,
      reportId: report.id,
      noticeId: null,
      unitId: answeringUnitId({ type, taskLeadUnitId: report.task.leadUnitId }),
      label: isoDay(report.period).slice(0, 7),
    };
  }
  const notice = await tx.supervisionNotice.findFirst({
    where: { id, deletedAt: null, committeeId: committees, task: { deletedAt: null } },
    select: { id: true, number: true, unitId: true, task: { select: taskSelect } },
  });
  if (!notice) throw new NotFoundError();
  return {
    type,
    task: notice.task,
    reportId: null,
    noticeId: notice.id,
    unitId: answeringUnitId({ type, taskLeadUnitId: notice.task.leadUnitId, noticeUnitId: notice.unitId }),
    label: notice.number,
  };
}

const holds = (actor: Actor, role: "LEADER" | "OFFICE") => actor.roles.some((grant) => grant.role === role);

/**
 * In whose name the instruction is written: a leader writes in their own; the office names the
 * leader (by default the task's linked leader), who must be a leader of the committee.
 */
async function leaderOf(tx: Tx, actor: Actor, committeeId: string, wanted: string | undefined, task: SubjectTask) {
  const asLeader = holds(actor, "LEADER");
  const id = wanted ?? (asLeader ? actor.userId : task.leaderId);
  if (!id) throw new ValidationError({ leaderId: ["instructions.validation.leaderRequired"] });
  if (id === actor.userId && asLeader) return { id: actor.userId, name: actor.name, onBehalf: false };
  if (!holds(actor, "OFFICE")) throw new ValidationError({ leaderId: ["instructions.validation.ownNameOnly"] });
  const leader = await tx.user.findFirst({
    where: {
      id,
      deletedAt: null,
      disabledAt: null,
      OR: [{ isLeader: true, unit: { committeeId } }, { roleAssignments: { some: { committeeId, role: "LEADER" } } }],
    },
    select: { id: true, name: true },
  });
  if (!leader) throw new ValidationError({ leaderId: ["instructions.validation.notLeader"] });
  return { ...leader, onBehalf: leader.id !== actor.userId };
}

async function workflow(tx: Tx, actor: Actor | null, id: string, action: WorkflowAction, comment?: string | null) {
  await tx.workflowEvent.create({
    data: { entityType: INSTRUCTION, entityId: id, action, comment: comment ?? null, actorId: actor?.userId ?? null, createdAt: now() },
  });
}

export const createInstruction = defineServiceAction({
  name: "instruction.create",
  permission: "instruction:write",
  input: createInstructionSchema,
  async load(tx, actor, input) {
    const subject = await findSubject(tx, actor, input.subjectType, input.subjectId);
    return {
      ...instructionReadTarget({
        committeeId: subject.task.committeeId,
        subjectType: subject.type,
        unitId: subject.unitId,
        task: subject.task,
      }),
      subject,
    };
  },
  async run({ tx, actor, input, target: { subject } }) {
    const { task } = subject;
    // Everything wrong at once, field by field, before anything is written.
    const errors: Record<string, string[]> = {};
    if (task.status === "CANCELLED") errors._form = ["instructions.validation.taskCancelled"];
    const dueProblem = answerDueDateProblem(input.answerDueDate, now());
    if (dueProblem) errors.answerDueDate = [dueProblem];
    let leader: Awaited<ReturnType<typeof leaderOf>> | null = null;
    try {
      leader = await leaderOf(tx, actor, task.committeeId, input.leaderId, task);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      Object.assign(errors, error.fieldErrors);
    }
    if (Object.keys(errors).length || !leader) throw new ValidationError(errors);

    const instruction = await tx.instruction.create({
      data: {
        committeeId: task.committeeId,
        subjectType: subject.type,
        taskId: task.id,
        reportId: subject.reportId,
        noticeId: subject.noticeId,
        unitId: subject.unitId,
        leaderId: leader.id,
        authorId: actor.userId,
        content: input.content,
        answerDueDate: input.answerDueDate,
        createdAt: now(),
      },
      select: { id: true, version: true },
    });
    await workflow(tx, actor, instruction.id, "CREATE");
    const params = {
      leader: leader.name,
      task: task.title,
      subject: subject.label,
      due: isoDay(input.answerDueDate),
    };
    await notify(tx, task.committeeId, await reporterIdsOf(tx, task.committeeId, subject.unitId), {
      kind: "INSTRUCTION",
      title: `instructions.notifications.written${subject.type === "TASK" ? "" : subject.type === "REPORT" ? "OnReport" : "OnNotice"}`,
      params,
      body: input.content,
      link: link(instruction.id),
    });
    // the leader hears of an instruction the office recorded in their name
    if (leader.onBehalf)
      await notify(tx, task.committeeId, [leader.id], {
        kind: "INSTRUCTION",
        title: "instructions.notifications.recorded",
        params: { office: actor.name, task: task.title },
        body: input.content,
        link: link(instruction.id),
      });
    return {
      result: { id: instruction.id, version: instruction.version },
      audit: {
        targetType: INSTRUCTION,
        targetId: instruction.id,
        committeeId: task.committeeId,
        changes: {
          subjectType: [null, subject.type],
          taskId: [null, task.id],
          ...(subject.reportId ? { reportId: [null, subject.reportId] } : {}),
          ...(subject.noticeId ? { noticeId: [null, subject.noticeId] } : {}),
          leaderId: [null, leader.id],
          unitId: [null, subject.unitId],
          answerDueDate: [null, isoDay(input.answerDueDate)],
        },
        detail: leader.onBehalf ? `on behalf of ${leader.id}` : undefined,
      },
    };
  },
});

// ───────────── The steps after writing ─────────────

const instructionSelect = {
  id: true,
  committeeId: true,
  subjectType: true,
  taskId: true,
  unitId: true,
  leaderId: true,
  authorId: true,
  status: true,
  round: true,
  version: true,
  leader: { select: { name: true } },
  task: { select: { id: true, code: true, title: true, groupId: true, leadUnitId: true, cooperatingUnits: { select: { unitId: true } } } },
} as const;

/** An instruction the actor may read about (its committee is visible to them); the matrix then decides. */
async function findInstruction(tx: Tx, actor: Actor, id: string) {
  const instruction = await tx.instruction.findFirst({
    where: { id, deletedAt: null, committeeId: { in: visibleCommitteeIds(actor, "instruction:read") }, task: { deletedAt: null } },
    select: instructionSelect,
  });
  if (!instruction) throw new NotFoundError();
  return instruction;
}
type InstructionRow = Awaited<ReturnType<typeof findInstruction>>;

/**
 * The instruction as it stands once its row is locked: uploads of the answer's files, the answer
 * and the leader's decision are serialized on it, so a step always sees the other's result.
 */
export async function lockInstruction(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT id FROM "Instruction" WHERE id = ${id} FOR UPDATE`;
  return tx.instruction.findUniqueOrThrow({
    where: { id },
    select: { id: true, status: true, version: true, round: true, answerDueDate: true },
  });
}

async function conflictWith(tx: Tx, id: string): Promise<ConflictError> {
  const current = await tx.instruction.findUnique({ where: { id }, select: { id: true, status: true, version: true } });
  return new ConflictError({ instruction: current });
}

/**
 * Takes one step from the version the user saw: a stale version is a conflict (409), a step the
 * status does not allow is refused on the form (422, e.g. an answer to a closed instruction).
 */
async function advance(
  tx: Tx,
  row: InstructionRow,
  version: number,
  step: InstructionStep,
  data: Record<string, unknown> = {},
): Promise<{ from: InstructionStatusValue; to: InstructionStatusValue; round: number; answerDueDate: Date }> {
  const current = await lockInstruction(tx, row.id);
  if (current.version !== version) throw await conflictWith(tx, row.id);
  const problem = stepProblem(current.status, step);
  const to = nextInstructionStatus(current.status, step);
  if (problem || !to) throw new ValidationError({ _form: [problem ?? "instructions.validation.notAllowed"] });
  const updated = await tx.instruction.updateMany({
    where: { id: row.id, version },
    data: { ...data, status: to, version: { increment: 1 } },
  });
  if (updated.count === 0) throw await conflictWith(tx, row.id);
  return { from: current.status, to, round: current.round, answerDueDate: current.answerDueDate };
}

// ───────────── Answer (the unit addressed) ─────────────

export const answerInstruction = defineServiceAction({
  name: "instruction.answer",
  permission: "instruction:answer",
  input: answerInstructionSchema,
  async load(tx, actor, input) {
    const instruction = await findInstruction(tx, actor, input.id);
    return { ...instructionAnswerTarget(instruction), instruction };
  },
  async run({ tx, actor, input, target: { instruction } }) {
    const at = now();
    const step = await advance(tx, instruction, input.version, "answer", { answeredAt: at });
    const attachmentIds = [...new Set(input.attachmentIds)];
    const evidence = attachmentIds.length
      ? await tx.attachment.count({
          where: {
            id: { in: attachmentIds },
            committeeId: instruction.committeeId,
            entityType: PENDING_INSTRUCTION_ANSWER,
            entityId: instruction.id,
            deletedAt: null,
          },
        })
      : 0;
    if (evidence !== attachmentIds.length) throw new ValidationError({ attachmentIds: ["instructions.validation.evidenceInvalid"] });
    const answer = await tx.instructionAnswer.create({
      data: { instructionId: instruction.id, round: step.round, content: input.content, submittedAt: at, submittedById: actor.userId },
      select: { id: true },
    });
    if (attachmentIds.length)
      await tx.attachment.updateMany({
        where: { id: { in: attachmentIds }, entityType: PENDING_INSTRUCTION_ANSWER, entityId: instruction.id, deletedAt: null },
        data: { entityType: INSTRUCTION_ANSWER, entityId: answer.id },
      });
    await workflow(tx, actor, instruction.id, "ANSWER");
    const unit = await tx.unit.findUniqueOrThrow({ where: { id: instruction.unitId }, select: { name: true } });
    // the leader, and the office user who recorded the instruction in the leader's name
    await notify(tx, instruction.committeeId, [instruction.leaderId, ...(instruction.authorId ? [instruction.authorId] : [])], {
      kind: "INSTRUCTION",
      title: "instructions.notifications.answered",
      params: { unit: unit.name, task: instruction.task.title },
      link: link(instruction.id),
    });
    return {
      result: { id: instruction.id, answerId: answer.id, status: step.to, version: instruction.version + 1 },
      audit: {
        targetType: INSTRUCTION,
        targetId: instruction.id,
        changes: { status: [step.from, step.to] },
        detail: attachmentIds.length ? `round ${step.round}, ${attachmentIds.length} attachment(s)` : `round ${step.round}`,
      },
    };
  },
});

// ───────────── Confirm carried out / ask again (a leader or the office) ─────────────

async function tellUnit(tx: Tx, row: InstructionRow, title: "closed" | "reasked", body: string | null, due?: Date) {
  await notify(tx, row.committeeId, await reporterIdsOf(tx, row.committeeId, row.unitId), {
    kind: "INSTRUCTION",
    title: `instructions.notifications.${title}`,
    params: { leader: row.leader.name, task: row.task.title, ...(due ? { due: isoDay(due) } : {}) },
    body,
    link: link(row.id),
  });
}

export const closeInstruction = defineServiceAction({
  name: "instruction.close",
  permission: "instruction:write",
  input: closeInstructionSchema,
  async load(tx, actor, input) {
    const instruction = await findInstruction(tx, actor, input.id);
    return { ...instructionReadTarget(instruction), instruction };
  },
  async run({ tx, actor, input, target: { instruction } }) {
    const step = await advance(tx, instruction, input.version, "close", { closedAt: now(), closedById: actor.userId });
    await workflow(tx, actor, instruction.id, "CLOSE", input.comment);
    await tellUnit(tx, instruction, "closed", input.comment);
    return {
      result: { id: instruction.id, status: step.to, version: instruction.version + 1 },
      audit: {
        targetType: INSTRUCTION,
        targetId: instruction.id,
        changes: { status: [step.from, step.to] },
        detail: input.comment ?? undefined,
      },
    };
  },
});

export const reaskInstruction = defineServiceAction({
  name: "instruction.reask",
  permission: "instruction:write",
  input: reaskInstructionSchema,
  async load(tx, actor, input) {
    const instruction = await findInstruction(tx, actor, input.id);
    return { ...instructionReadTarget(instruction), instruction };
  },
  async run({ tx, actor, input, target: { instruction } }) {
    const dueProblem = answerDueDateProblem(input.answerDueDate, now());
    if (dueProblem) throw new ValidationError({ answerDueDate: [dueProblem] });
    // a new round: a new date, and its own overdue follow-up should it go overdue again
    const step = await advance(tx, instruction, input.version, "reask", {
      answerDueDate: input.answerDueDate,
      round: { increment: 1 },
      overdueAt: null,
    });
    await workflow(tx, actor, instruction.id, "REOPEN", input.content);
    await tellUnit(tx, instruction, "reasked", input.content, input.answerDueDate);
    return {
      result: { id: instruction.id, status: step.to, version: instruction.version + 1 },
      audit: {
        targetType: INSTRUCTION,
        targetId: instruction.id,
        changes: {
          status: [step.from, step.to],
          round: [step.round, step.round + 1],
          answerDueDate: [isoDay(step.answerDueDate), isoDay(input.answerDueDate)],
        },
      },
    };
  },
});
