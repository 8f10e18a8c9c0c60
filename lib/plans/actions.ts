"use server";

import { runAction } from "@/lib/server/run-action";
import { importPlan } from "./import";
import { copyUnfinishedTasks, createPlan, issuePlan, updatePlan } from "./service";
import { createWorkPoint, deleteWorkPoint, moveWorkPoint, updateWorkPoint } from "./work-points";

export async function createPlanAction(input: unknown) {
  return runAction(createPlan, input);
}

export async function copyUnfinishedTasksAction(input: unknown) {
  return runAction(copyUnfinishedTasks, input);
}

export async function importPlanAction(input: unknown) {
  return runAction(importPlan, input);
}

export async function updatePlanAction(input: unknown) {
  return runAction(updatePlan, input);
}

export async function createWorkPointAction(input: unknown) {
  return runAction(createWorkPoint, input);
}

export async function updateWorkPointAction(input: unknown) {
  return runAction(updateWorkPoint, input);
}

export async function moveWorkPointAction(input: unknown) {
  return runAction(moveWorkPoint, input);
}

export async function deleteWorkPointAction(input: unknown) {
  return runAction(deleteWorkPoint, input);
}

export async function issuePlanAction(input: unknown) {
  return runAction(issuePlan, input);
}
