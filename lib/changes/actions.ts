"use server";

import { detachFromChangeRequest } from "@/lib/attachments/change";
import { runAction } from "@/lib/server/run-action";
import { decideChange, endorseChange, requestChange, withdrawChange } from "./service";

export async function requestChangeAction(input: unknown) {
  return runAction(requestChange, input);
}

export async function decideChangeAction(input: unknown) {
  return runAction(decideChange, input);
}

export async function endorseChangeAction(input: unknown) {
  return runAction(endorseChange, input);
}

export async function withdrawChangeAction(input: unknown) {
  return runAction(withdrawChange, input);
}

export async function detachFromChangeRequestAction(input: unknown) {
  return runAction(detachFromChangeRequest, input);
}
