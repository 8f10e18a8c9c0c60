import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { can, visibleCommitteeIds } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { instructionAnswerTarget, lockInstruction } from "@/lib/instructions/service";
import { MAX_ANSWER_FILES } from "@/lib/instructions/schemas";
import { authorizeRead, defineServiceAction, type Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { idField } from "@/lib/validation/fields";
import { attachInputSchema, type EvidenceOwner } from "./owners";
import { INSTRUCTION_ANSWER, PENDING_INSTRUCTION_ANSWER } from "./scopes";
import { fileSelect, toEvidenceFile } from "./service";
import { adoptStaged } from "./storage";

// Evidence for an answer to a leader's instruction (办理反馈的佐证材料), chosen before the answer is
// given: the files hang on the instruction as "pending" (only the unit that must answer sees them)
// until `instruction.answer` moves the chosen ones onto the answer it writes. The model is the
// supervision notice's (./notice.ts); streamed like every upload (lib/attachments/upload.ts).

/** At most this many files wait on one instruction for its answer (as many as one answer may carry). */
export const MAX_PENDING_INSTRUCTION_FILES = MAX_ANSWER_FILES;

/**
 * The instruction within what the actor may read about, as the answer sees it (the unit addressed).
 * With `lock`, its row is locked and its status read again: uploads, removals and the answer are
 * serialized on it, so no file slips in after the answer was given.
 */
async function loadInstruction(tx: Tx | typeof db, actor: Actor, instructionId: string, lock: boolean) {
  const instruction = await tx.instruction.findFirst({
    where: {
      id: instructionId,
      deletedAt: null,
      committeeId: { in: visibleCommitteeIds(actor, "instruction:read") },
      task: { deletedAt: null },
    },
    select: { id: true, committeeId: true, unitId: true, status: true, task: { select: { code: true, groupId: true } } },
  });
  if (!instruction) throw new NotFoundError();
  const status = lock ? (await lockInstruction(tx as Tx, instruction.id)).status : instruction.status;
  return { ...instructionAnswerTarget(instruction), instruction: { ...instruction, status } };
}

function requireOpen(instruction: { status: string }) {
  if (instruction.status !== "OPEN") throw new ValidationError({ file: ["instructions.validation.answerGiven"] });
}

async function requireRoom(tx: Tx | typeof db, instructionId: string) {
  const waiting = await tx.attachment.count({
    where: { entityType: PENDING_INSTRUCTION_ANSWER, entityId: instructionId, deletedAt: null },
  });
  if (waiting >= MAX_PENDING_INSTRUCTION_FILES) throw new ValidationError({ file: ["attachments.validation.tooMany"] });
}

/** Before any byte is stored: may the actor add a file to this instruction's answer now? */
export async function checkInstructionUpload(actor: Actor, instructionId: string): Promise<void> {
  // as the action answers: a role that answers no instruction anywhere is refused whatever the id names
  if (!can(actor, "instruction:answer")) throw new ForbiddenError();
  const target = await loadInstruction(db, actor, instructionId, false);
  authorizeRead(actor, "instruction:answer", target);
  requireOpen(target.instruction);
  await requireRoom(db, target.instruction.id);
}

export const attachToInstruction = defineServiceAction({
  name: "instruction.attach",
  permission: "instruction:answer",
  input: attachInputSchema,
  load: (tx, actor, input) => loadInstruction(tx, actor, input.id, true),
  async run({ tx, actor, input, target: { instruction } }) {
    requireOpen(instruction);
    await requireRoom(tx, instruction.id);
    await adoptStaged(input.stagedId, input.storageKey, input.mimeType);
    const row = await tx.attachment.create({
      data: {
        committeeId: instruction.committeeId,
        entityType: PENDING_INSTRUCTION_ANSWER,
        entityId: instruction.id,
        fileName: input.fileName,
        storageKey: input.storageKey,
        mimeType: input.mimeType,
        size: input.size,
        sha256: input.sha256,
        uploadedById: actor.userId,
      },
      select: fileSelect,
    });
    return {
      result: { file: toEvidenceFile({ ...row, uploadedBy: { name: actor.name } }) },
      audit: {
        targetType: "Attachment",
        targetId: row.id,
        detail: `${input.fileName} (${input.size} bytes, sha256 ${input.sha256}) for the answer to instruction ${instruction.id}`,
      },
    };
  },
});

export const detachFromInstructionSchema = z.object({ id: idField }).strict();

/**
 * Removes a file chosen for an answer not yet given (soft delete; audited). A file that went with
 * an answer stays with it: the leader has read it.
 */
export const detachFromInstruction = defineServiceAction({
  name: "instruction.detach",
  permission: "instruction:answer",
  input: detachFromInstructionSchema,
  async load(tx, actor, input) {
    const attachment = await tx.attachment.findFirst({
      where: {
        id: input.id,
        entityType: { in: [PENDING_INSTRUCTION_ANSWER, INSTRUCTION_ANSWER] },
        deletedAt: null,
        committeeId: { in: visibleCommitteeIds(actor, "instruction:read") },
      },
      select: { id: true, entityType: true, entityId: true, fileName: true },
    });
    if (!attachment) throw new NotFoundError();
    const instructionId =
      attachment.entityType === PENDING_INSTRUCTION_ANSWER
        ? attachment.entityId
        : (await tx.instructionAnswer.findUnique({ where: { id: attachment.entityId }, select: { instructionId: true } }))?.instructionId;
    if (!instructionId) throw new NotFoundError();
    return { ...(await loadInstruction(tx, actor, instructionId, true)), attachment };
  },
  async run({ tx, actor, target: { instruction, attachment } }) {
    if (attachment.entityType !== PENDING_INSTRUCTION_ANSWER)
      throw new ValidationError({ file: ["instructions.validation.answerFileFrozen"] });
    await tx.attachment.update({ where: { id: attachment.id }, data: { deletedAt: now(), deletedById: actor.userId } });
    return {
      result: { id: attachment.id },
      audit: {
        targetType: "Attachment",
        targetId: attachment.id,
        detail: `${attachment.fileName} removed from the answer to instruction ${instruction.id}`,
      },
    };
  },
});

export const instructionOwner: EvidenceOwner = {
  field: "instructionId",
  check: checkInstructionUpload,
  attach: (actor, input) => attachToInstruction(actor, input),
};
