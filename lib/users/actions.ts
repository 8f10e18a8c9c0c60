"use server";

import { runAction } from "@/lib/server/run-action";
import { createUser, disableUser, enableUser, grantRole, resetUserPassword, revokeRole, updateUser } from "./service";

export async function createUserAction(input: unknown) {
  return runAction(createUser, input);
}

export async function updateUserAction(input: unknown) {
  return runAction(updateUser, input);
}

export async function disableUserAction(input: unknown) {
  return runAction(disableUser, input);
}

export async function enableUserAction(input: unknown) {
  return runAction(enableUser, input);
}

export async function resetUserPasswordAction(input: unknown) {
  return runAction(resetUserPassword, input);
}

export async function grantRoleAction(input: unknown) {
  return runAction(grantRole, input);
}

export async function revokeRoleAction(input: unknown) {
  return runAction(revokeRole, input);
}
