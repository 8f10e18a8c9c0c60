import "server-only";
// 督办单: the office issues a notice on a lagging task; the task's lead unit answers (原因剖析,
// 应对措施, 整改时限); the office accepts the answer (整改中) or sends it back with a comment (the unit
// answers again, the thread keeps both); once rectified, the office closes it. Every step is one
// audited service action, leaves a WorkflowEvent for the thread, and edits from the version the
// user saw (optimistic locking). Numbers (青改督〔2026〕7号) are allocated per committee and year
// inside the issuing transaction, under an advisory lock.
import { ANSWER, PENDING_ANSWER } from "@/lib/attachments/scopes";
import type { Actor } from "@/lib/auth/actor";
import { visibleCommitteeIds } from "@/lib/auth/permissions";
import type { WorkflowAction } from "@/lib/db/generated/enums";
import { notify, reporterIdsOf } from "@/lib/notifications/service";
import { defineServiceAction, type Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { refreshTaskSignals } from "@/lib/signals/refresh";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { dayOf } from "@/lib/tasks/rules";
import { nextSerial, nextStatus, noticeNumber, responseDueDateProblem, type NoticeStatusValue, type NoticeStep } from "./rules";
import { answerNoticeSchema, decideNoticeSchema, issueNoticeSchema, sendBackNoticeSchema } from "./schemas";

export const NOTICE = "SupervisionNotice";

const isoDay = (day: Date) => day.toISOString().slice(0, 10);

const noticeSelect = {
  id: true,
  committeeId: true,
  taskId: true,
  unitId: true,
  number: true,
  status: true,
  version: true,
  issuedById: true,
  responseDueDate: true,
  updatedAt: true,
  task: { select: { id: true, code: true, title: true, groupId: true, leadUnitId: true, leaderId: true } },
} as const;

/** A notice the actor may read about (its committee is visible to them); the matrix then decides. */
async function findNotice(tx: Tx, actor: Actor, id: string) {
  const notice = await tx.supervisionNotice.findFirst({
    where: { id, deletedAt: null, committeeId: { in: visibleCommitteeIds(actor, "notice:read") } },
    select: noticeSelect,
  });
  if (!notice) throw new NotFoundError();
  return notice;
}
type NoticeRow = Awaited<ReturnType<typeof findNotice>>;

/** The notice as the office acts on it: its committee, the task's group, the unit it is addressed to. */
function officeTarget(notice: NoticeRow) {
  return { committeeId: notice.committeeId, groupId: notice.task.groupId, unitIds: [notice.unitId], notice };
}

async function conflictWith(tx: Tx, id: string): Promise<ConflictError> {
  const current = await tx.supervisionNotice.findUnique({ where: { id }, select: { id: true, status: true, version: true } });
  return new ConflictError({ notice: current });
}

async function workflow(tx: Tx, actor: Actor | null, noticeId: string, action: WorkflowAction, comment?: string | null) {
  await tx.workflowEvent.create({
    data: { entityType: NOTICE, entityId: noticeId, action, comment: comment ?? null, actorId: actor?.userId ?? null },
  });
}

/**
 * Moves the notice one step from the version the user saw: a stale version is a conflict, a step
 * the status does not allow is refused on the form; returns the new status.
 */
async function advance(
  tx: Tx,
  notice: NoticeRow,
  version: number,
  step: NoticeStep,
  data: Record<string, unknown> = {},
): Promise<NoticeStatusValue> {
  if (notice.version !== version) throw await conflictWith(tx, notice.id);
  const to = nextStatus(notice.status, step);
  if (!to) throw new ValidationError({ _form: ["supervision.validation.notAllowed"] });
  const updated = await tx.supervisionNotice.updateMany({
    where: { id: notice.id, version },
    data: { ...data, status: to, version: { increment: 1 } },
  });
  if (updated.count === 0) throw await conflictWith(tx, notice.id);
  return to;
}

const link = (id: string) => `/supervision/${id}`;

// ───────────── Issue (office) ─────────────

export const issueNotice = defineServiceAction({
  name: "notice.issue",
  permission: "notice:issue",
  input: issueNoticeSchema,
  async load(tx, actor, input) {
    const task = await tx.reformTask.findFirst({
      where: { id: input.taskId, deletedAt: null, committeeId: { in: visibleCommitteeIds(actor, "notice:read") } },
      select: { id: true, committeeId: true, groupId: true, leadUnitId: true, code: true, title: true, status: true },
    });
    if (!task) throw new NotFoundError();
    return { committeeId: task.committeeId, groupId: task.groupId, unitIds: [task.leadUnitId], task };
  },
  async run({ tx, actor, input, target: { task } }) {
    if (task.status !== "ACTIVE") throw new ValidationError({ _form: ["supervision.validation.taskNotActive"] });
    const issuedAt = now();
    const dueProblem = responseDueDateProblem(input.responseDueDate, issuedAt);
    if (dueProblem) throw new ValidationError({ responseDueDate: [dueProblem] });
    const year = dayOf(issuedAt).getUTCFullYear();
    // one issuer at a time per committee and year, so two offices never take the same serial
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`notice:${task.committeeId}:${year}`}))::text`;
    const [committee, used] = await Promise.all([
      tx.committee.findUniqueOrThrow({ where: { id: task.committeeId }, select: { docPrefix: true } }),
      tx.supervisionNotice.aggregate({ where: { committeeId: task.committeeId, year }, _max: { serial: true } }),
    ]);
    const serial = nextSerial(used._max.serial ? [used._max.serial] : []);
    const number = noticeNumber(committee.docPrefix, year, serial);
    const notice = await tx.supervisionNotice.create({
      data: {
        committeeId: task.committeeId,
        taskId: task.id,
        unitId: task.leadUnitId,
        year,
        serial,
        number,
        level: input.level,
        reason: input.reason,
        lagDescription: input.lagDescription,
        issuedAt,
        issuedById: actor.userId,
        responseDueDate: input.responseDueDate,
      },
      select: { id: true, version: true },
    });
    await workflow(tx, actor, notice.id, "CREATE");
    await notify(tx, task.committeeId, await reporterIdsOf(tx, task.committeeId, task.leadUnitId), {
      kind: "NOTICE_ISSUED",
      title: "supervision.notifications.issued",
      params: { number, task: task.title, due: isoDay(input.responseDueDate) },
      body: input.reason,
      link: link(notice.id),
    });
    return {
      result: { id: notice.id, number, version: notice.version },
      audit: {
        targetType: NOTICE,
        targetId: notice.id,
        changes: {
          number: [null, number],
          taskId: [null, task.id],
          level: [null, input.level],
          responseDueDate: [null, isoDay(input.responseDueDate)],
        },
      },
    };
  },
});

// ───────────── Answer (the task's lead unit) ─────────────

export const answerNotice = defineServiceAction({
  name: "notice.answer",
  permission: "notice:answer",
  input: answerNoticeSchema,
  async load(tx, actor, input) {
    const notice = await findNotice(tx, actor, input.id);
    return { committeeId: notice.committeeId, groupId: notice.task.groupId, unitIds: [notice.task.leadUnitId], notice };
  },
  async run({ tx, actor, input, target: { notice } }) {
    // uploads and removals of the answer's files wait for this answer (lib/attachments/notice.ts)
    await tx.$queryRaw`SELECT id FROM "SupervisionNotice" WHERE id = ${notice.id} FOR UPDATE`;
    const attachmentIds = [...new Set(input.attachmentIds)];
    const evidence = attachmentIds.length
      ? await tx.attachment.count({
          where: {
            id: { in: attachmentIds },
            committeeId: notice.committeeId,
            entityType: PENDING_ANSWER,
            entityId: notice.id,
            deletedAt: null,
          },
        })
      : 0;
    // Everything wrong with the answer at once, field by field, before anything is written.
    const errors: Record<string, string[]> = {};
    if (input.rectifyDeadline.getTime() < dayOf(now()).getTime()) errors.rectifyDeadline = ["supervision.validation.deadlinePast"];
    if (evidence !== attachmentIds.length) errors.attachmentIds = ["supervision.validation.evidenceInvalid"];
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const again = notice.status === "RETURNED";
    const status = await advance(tx, notice, input.version, "answer");
    const response = await tx.supervisionResponse.create({
      data: {
        noticeId: notice.id,
        causeAnalysis: input.causeAnalysis,
        countermeasures: input.countermeasures,
        rectifyDeadline: input.rectifyDeadline,
        submittedAt: now(),
        submittedById: actor.userId,
      },
      select: { id: true },
    });
    if (attachmentIds.length)
      await tx.attachment.updateMany({
        where: { id: { in: attachmentIds }, entityType: PENDING_ANSWER, entityId: notice.id, deletedAt: null },
        data: { entityType: ANSWER, entityId: response.id },
      });
    await workflow(tx, actor, notice.id, again ? "RESUBMIT" : "ANSWER");
    // 形式主义预警: the answer's files, filed before for another record
    if (attachmentIds.length) await refreshTaskSignals(tx, notice.committeeId, notice.taskId);
    if (notice.issuedById)
      await notify(tx, notice.committeeId, [notice.issuedById], {
        kind: "NOTICE_ISSUED",
        title: "supervision.notifications.answered",
        params: { number: notice.number, task: notice.task.title },
        link: link(notice.id),
      });
    return {
      result: { id: notice.id, responseId: response.id, status, version: notice.version + 1 },
      audit: {
        targetType: NOTICE,
        targetId: notice.id,
        changes: { status: [notice.status, status], rectifyDeadline: [null, isoDay(input.rectifyDeadline)] },
        detail: attachmentIds.length ? `notice ${notice.number}, ${attachmentIds.length} attachment(s)` : undefined,
      },
    };
  },
});

// ───────────── Accept / send back / close (office) ─────────────

/** The answer being decided: the latest one, still undecided. */
async function pendingResponse(tx: Tx, noticeId: string) {
  const response = await tx.supervisionResponse.findFirst({
    where: { noticeId, decision: null },
    orderBy: { submittedAt: "desc" },
    select: { id: true },
  });
  if (!response) throw new ValidationError({ _form: ["supervision.validation.notAllowed"] });
  return response;
}

async function tellUnit(tx: Tx, notice: NoticeRow, title: "accepted" | "returned" | "closed", comment: string | null) {
  await notify(tx, notice.committeeId, await reporterIdsOf(tx, notice.committeeId, notice.unitId), {
    kind: "NOTICE_ISSUED",
    title: `supervision.notifications.${title}`,
    params: { number: notice.number, task: notice.task.title },
    body: comment,
    link: link(notice.id),
  });
}

export const acceptNotice = defineServiceAction({
  name: "notice.accept",
  permission: "notice:issue",
  input: decideNoticeSchema,
  load: async (tx, actor, input) => officeTarget(await findNotice(tx, actor, input.id)),
  async run({ tx, actor, input, target: { notice } }) {
    const status = await advance(tx, notice, input.version, "accept");
    const response = await pendingResponse(tx, notice.id);
    await tx.supervisionResponse.update({
      where: { id: response.id },
      data: { decision: "ACCEPTED", decisionComment: input.comment, decidedAt: now(), decidedById: actor.userId },
    });
    await workflow(tx, actor, notice.id, "ACCEPT", input.comment);
    await tellUnit(tx, notice, "accepted", input.comment);
    return {
      result: { id: notice.id, status, version: notice.version + 1 },
      audit: { targetType: NOTICE, targetId: notice.id, changes: { status: [notice.status, status] }, detail: input.comment ?? undefined },
    };
  },
});

export const sendBackNotice = defineServiceAction({
  name: "notice.sendBack",
  permission: "notice:issue",
  input: sendBackNoticeSchema,
  load: async (tx, actor, input) => officeTarget(await findNotice(tx, actor, input.id)),
  async run({ tx, actor, input, target: { notice } }) {
    const status = await advance(tx, notice, input.version, "sendBack");
    const response = await pendingResponse(tx, notice.id);
    await tx.supervisionResponse.update({
      where: { id: response.id },
      data: { decision: "RETURNED", decisionComment: input.comment, decidedAt: now(), decidedById: actor.userId },
    });
    await workflow(tx, actor, notice.id, "RETURN", input.comment);
    await tellUnit(tx, notice, "returned", input.comment);
    return {
      result: { id: notice.id, status, version: notice.version + 1 },
      audit: { targetType: NOTICE, targetId: notice.id, changes: { status: [notice.status, status] }, detail: input.comment },
    };
  },
});

export const closeNotice = defineServiceAction({
  name: "notice.close",
  permission: "notice:issue",
  input: decideNoticeSchema,
  load: async (tx, actor, input) => officeTarget(await findNotice(tx, actor, input.id)),
  async run({ tx, actor, input, target: { notice } }) {
    const status = await advance(tx, notice, input.version, "close", { closedAt: now(), closedById: actor.userId });
    await workflow(tx, actor, notice.id, "CLOSE", input.comment);
    await tellUnit(tx, notice, "closed", input.comment);
    return {
      result: { id: notice.id, status, version: notice.version + 1 },
      audit: { targetType: NOTICE, targetId: notice.id, changes: { status: [notice.status, status] }, detail: input.comment ?? undefined },
    };
  },
});
