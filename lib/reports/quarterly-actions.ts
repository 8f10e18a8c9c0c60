"use server";

import { detachFromQuarterly } from "@/lib/attachments/quarterly";
import { runAction } from "@/lib/server/run-action";
import {
  approveQuarterly,
  draftQuarterly,
  regenerateQuarterly,
  returnQuarterly,
  saveQuarterly,
  submitQuarterly,
} from "./quarterly-service";

export async function draftQuarterlyAction(input: unknown) {
  return runAction(draftQuarterly, input);
}

export async function regenerateQuarterlyAction(input: unknown) {
  return runAction(regenerateQuarterly, input);
}

export async function saveQuarterlyAction(input: unknown) {
  return runAction(saveQuarterly, input);
}

export async function submitQuarterlyAction(input: unknown) {
  return runAction(submitQuarterly, input);
}

export async function approveQuarterlyAction(input: unknown) {
  return runAction(approveQuarterly, input);
}

export async function returnQuarterlyAction(input: unknown) {
  return runAction(returnQuarterly, input);
}

/** Removes a file not yet submitted with the report (the service refuses a submitted round's files). */
export async function detachFromQuarterlyAction(input: unknown) {
  return runAction(detachFromQuarterly, input);
}
