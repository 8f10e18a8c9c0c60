"use server";

import { runAction } from "@/lib/server/run-action";
import {
  addGroupMember,
  createGroup,
  createUnit,
  deactivateUnit,
  mergeUnit,
  reactivateUnit,
  removeGroupMember,
  renameGroup,
  renameUnit,
  setGroupLiaisonUnit,
  updateSecurityPolicy,
  updateSettings,
} from "./service";

export async function createUnitAction(input: unknown) {
  return runAction(createUnit, input);
}

export async function renameUnitAction(input: unknown) {
  return runAction(renameUnit, input);
}

export async function deactivateUnitAction(input: unknown) {
  return runAction(deactivateUnit, input);
}

export async function reactivateUnitAction(input: unknown) {
  return runAction(reactivateUnit, input);
}

export async function mergeUnitAction(input: unknown) {
  return runAction(mergeUnit, input);
}

export async function createGroupAction(input: unknown) {
  return runAction(createGroup, input);
}

export async function renameGroupAction(input: unknown) {
  return runAction(renameGroup, input);
}

export async function setGroupLiaisonUnitAction(input: unknown) {
  return runAction(setGroupLiaisonUnit, input);
}

export async function addGroupMemberAction(input: unknown) {
  return runAction(addGroupMember, input);
}

export async function removeGroupMemberAction(input: unknown) {
  return runAction(removeGroupMember, input);
}

export async function updateSettingsAction(input: unknown) {
  return runAction(updateSettings, input);
}

export async function updateSecurityPolicyAction(input: unknown) {
  return runAction(updateSecurityPolicy, input);
}
