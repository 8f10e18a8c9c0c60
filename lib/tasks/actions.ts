"use server";

import { detachFromCloseOut } from "@/lib/attachments/closeout";
import { runAction } from "@/lib/server/run-action";
import { applyCloseOut, approveCloseOut, completeMilestone, createTask, reopenTask, returnCloseOut, updateTask } from "./service";

export async function createTaskAction(input: unknown) {
  return runAction(createTask, input);
}

export async function updateTaskAction(input: unknown) {
  return runAction(updateTask, input);
}

export async function completeMilestoneAction(input: unknown) {
  return runAction(completeMilestone, input);
}

/** Removes a file chosen for a close-out application not yet made. */
export async function detachFromCloseOutAction(input: unknown) {
  return runAction(detachFromCloseOut, input);
}

export async function applyCloseOutAction(input: unknown) {
  return runAction(applyCloseOut, input);
}

export async function approveCloseOutAction(input: unknown) {
  return runAction(approveCloseOut, input);
}

export async function returnCloseOutAction(input: unknown) {
  return runAction(returnCloseOut, input);
}

export async function reopenTaskAction(input: unknown) {
  return runAction(reopenTask, input);
}
