"use server";

import { detachFromNotice } from "@/lib/attachments/notice";
import { getActor } from "@/lib/auth/actor";
import { runAction } from "@/lib/server/run-action";
import { noticeDraft } from "./queries";
import { acceptNotice, answerNotice, closeNotice, issueNotice, sendBackNotice } from "./service";
import type { NoticeDraft } from "./types";

export async function issueNoticeAction(input: unknown) {
  return runAction(issueNotice, input);
}

export async function answerNoticeAction(input: unknown) {
  return runAction(answerNotice, input);
}

/** Removes a file chosen for an answer not yet given (the service refuses an answer's files). */
export async function detachFromNoticeAction(input: unknown) {
  return runAction(detachFromNotice, input);
}

export async function acceptNoticeAction(input: unknown) {
  return runAction(acceptNotice, input);
}

export async function sendBackNoticeAction(input: unknown) {
  return runAction(sendBackNotice, input);
}

export async function closeNoticeAction(input: unknown) {
  return runAction(closeNotice, input);
}

/** The pre-filled issue form of a task (null: the actor may not issue, or the task is not in progress). */
export async function noticeDraftAction(taskId: unknown): Promise<NoticeDraft | null> {
  const actor = await getActor();
  if (!actor || typeof taskId !== "string") return null;
  return noticeDraft(actor, taskId).catch(() => null);
}
