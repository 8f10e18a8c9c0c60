"use server";

import { runAction } from "@/lib/server/run-action";
import { remindReports } from "./remind-service";

export async function remindReportsAction(input: unknown) {
  return runAction(remindReports, input);
}
