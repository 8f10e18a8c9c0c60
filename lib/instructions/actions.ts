"use server";

import { detachFromInstruction } from "@/lib/attachments/instruction";
import { runAction } from "@/lib/server/run-action";
import { answerInstruction, closeInstruction, createInstruction, reaskInstruction } from "./service";

export async function createInstructionAction(input: unknown) {
  return runAction(createInstruction, input);
}

export async function answerInstructionAction(input: unknown) {
  return runAction(answerInstruction, input);
}

/** Removes a file chosen for an answer not yet given (the service refuses an answer's files). */
export async function detachFromInstructionAction(input: unknown) {
  return runAction(detachFromInstruction, input);
}

export async function closeInstructionAction(input: unknown) {
  return runAction(closeInstruction, input);
}

export async function reaskInstructionAction(input: unknown) {
  return runAction(reaskInstruction, input);
}
