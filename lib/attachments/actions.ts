"use server";

import { runAction } from "@/lib/server/run-action";
import { detachFromReport } from "./service";

/** Removes a file from a report still being prepared (the service refuses submitted files). */
export async function detachFromReportAction(input: unknown) {
  return runAction(detachFromReport, input);
}
