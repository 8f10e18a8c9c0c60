"use server";

import { runAction } from "@/lib/server/run-action";
import { updateThresholds } from "./thresholds-service";

export async function updateThresholdsAction(input: unknown) {
  return runAction(updateThresholds, input);
}
