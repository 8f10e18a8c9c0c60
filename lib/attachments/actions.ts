"use server";

import { runAction } from "@/lib/server/run-action";
import { detachFromInfoItem } from "./info";
import { detachFromReport } from "./service";

/** Removes a file from a report still being prepared (the service refuses submitted files). */
export async function detachFromReportAction(input: unknown) {
  return runAction(detachFromReport, input);
}

/** Removes a file of the round being prepared from an item of a reform information report. */
export async function detachFromInfoItemAction(input: unknown) {
  return runAction(detachFromInfoItem, input);
}
