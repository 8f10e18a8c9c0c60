"use server";

import { runAction } from "@/lib/server/run-action";
import { createApiToken, revokeApiToken } from "./token-service";

export async function createApiTokenAction(input: unknown) {
  return runAction(createApiToken, input);
}

export async function revokeApiTokenAction(input: unknown) {
  return runAction(revokeApiToken, input);
}
