"use server";

import { runAction } from "@/lib/server/run-action";
import { importPlan } from "./import";
import { copyUnfinishedTasks, createPlan } from "./service";

export async function createPlanAction(input: unknown) {
  return runAction(createPlan, input);
}

export async function copyUnfinishedTasksAction(input: unknown) {
  return runAction(copyUnfinishedTasks, input);
}

export async function importPlanAction(input: unknown) {
  return runAction(importPlan, input);
}
