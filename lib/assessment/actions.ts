"use server";

import { runAction } from "@/lib/server/run-action";
import { adjustScore, answerObjection, fileObjection, publishAssessment, runAssessment, updateScheme } from "./service";

export async function runAssessmentAction(input: unknown) {
  return runAction(runAssessment, input);
}

export async function adjustScoreAction(input: unknown) {
  return runAction(adjustScore, input);
}

export async function publishAssessmentAction(input: unknown) {
  return runAction(publishAssessment, input);
}

export async function fileObjectionAction(input: unknown) {
  return runAction(fileObjection, input);
}

export async function answerObjectionAction(input: unknown) {
  return runAction(answerObjection, input);
}

export async function updateSchemeAction(input: unknown) {
  return runAction(updateScheme, input);
}
