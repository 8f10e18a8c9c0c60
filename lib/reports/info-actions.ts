"use server";

import { runAction } from "@/lib/server/run-action";
import { approveInfoReport, returnInfoReport, saveInfoReport, submitInfoReport } from "./info-service";

export async function saveInfoReportAction(input: unknown) {
  return runAction(saveInfoReport, input);
}

export async function submitInfoReportAction(input: unknown) {
  return runAction(submitInfoReport, input);
}

export async function approveInfoReportAction(input: unknown) {
  return runAction(approveInfoReport, input);
}

export async function returnInfoReportAction(input: unknown) {
  return runAction(returnInfoReport, input);
}
