"use server";

import { runAction } from "@/lib/server/run-action";
import {
  acceptMicroReform,
  createCase,
  createHonor,
  deleteCase,
  deleteHonor,
  promoteMicroReform,
  proposeMicroReform,
  returnMicroReform,
  updateCase,
  updateHonor,
  updateMicroReform,
} from "./service";

export async function proposeMicroReformAction(input: unknown) {
  return runAction(proposeMicroReform, input);
}

export async function updateMicroReformAction(input: unknown) {
  return runAction(updateMicroReform, input);
}

export async function acceptMicroReformAction(input: unknown) {
  return runAction(acceptMicroReform, input);
}

export async function returnMicroReformAction(input: unknown) {
  return runAction(returnMicroReform, input);
}

export async function promoteMicroReformAction(input: unknown) {
  return runAction(promoteMicroReform, input);
}

export async function createCaseAction(input: unknown) {
  return runAction(createCase, input);
}

export async function updateCaseAction(input: unknown) {
  return runAction(updateCase, input);
}

export async function deleteCaseAction(input: unknown) {
  return runAction(deleteCase, input);
}

export async function createHonorAction(input: unknown) {
  return runAction(createHonor, input);
}

export async function updateHonorAction(input: unknown) {
  return runAction(updateHonor, input);
}

export async function deleteHonorAction(input: unknown) {
  return runAction(deleteHonor, input);
}
