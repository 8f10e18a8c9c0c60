"use server";

import { runAction } from "@/lib/server/run-action";
import { changePassword, disableTotp, enableTotp } from "./service";

export async function changePasswordAction(input: unknown) {
  return runAction(changePassword, input);
}

export async function enableTotpAction(input: unknown) {
  return runAction(enableTotp, input);
}

export async function disableTotpAction(input: unknown) {
  return runAction(disableTotp, input);
}
