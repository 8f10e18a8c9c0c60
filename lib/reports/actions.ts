"use server";

import { runAction } from "@/lib/server/run-action";
import {
  approveReport,
  returnReport,
  saveContribution,
  saveReportDraft,
  submitContribution,
  submitManyReports,
  submitReport,
} from "./progress-service";

export async function saveReportDraftAction(input: unknown) {
  return runAction(saveReportDraft, input);
}

export async function submitReportAction(input: unknown) {
  return runAction(submitReport, input);
}

export async function submitManyReportsAction(input: unknown) {
  return runAction(submitManyReports, input);
}

export async function approveReportAction(input: unknown) {
  return runAction(approveReport, input);
}

export async function returnReportAction(input: unknown) {
  return runAction(returnReport, input);
}

export async function saveContributionAction(input: unknown) {
  return runAction(saveContribution, input);
}

export async function submitContributionAction(input: unknown) {
  return runAction(submitContribution, input);
}
