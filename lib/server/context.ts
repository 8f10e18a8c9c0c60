import "server-only";
import crypto from "node:crypto";
import { headers } from "next/headers";
import { cache } from "react";
import { clientIp, userAgent } from "./request";

export { isSameOrigin } from "./request";

export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  requestId: string;
  origin: string | null;
  host: string | null;
}

/** Who is calling from where, once per request; the request id is set by proxy.ts. */
export const getRequestContext = cache(async (): Promise<RequestContext> => {
  const list = await headers();
  return {
    ip: clientIp(list),
    userAgent: userAgent(list),
    requestId: list.get("x-request-id") ?? crypto.randomUUID(),
    origin: list.get("origin"),
    host: list.get("x-forwarded-host") ?? list.get("host"),
  };
});
