import "server-only";
// One definition per API operation: its path, its zod schemas (which the OpenAPI document is
// generated from) and its handler, which calls the same services as the web UI. `route()` turns
// a definition into a Next.js route handler that authenticates the bearer token, rate-limits,
// parses JSON, validates, and answers every failure in the one error shape.
import crypto from "node:crypto";
import type { z } from "zod";
import type { Locale } from "@/lib/i18n/config";
import { db } from "@/lib/db/client";
import { auditBase } from "@/lib/server/action";
import { recordAudit } from "@/lib/server/audit";
import { now } from "@/lib/server/clock";
import type { RequestContext } from "@/lib/server/context";
import { RateLimitedError, UnauthorizedError, ValidationError } from "@/lib/server/errors";
import { consume } from "@/lib/server/rate-limit";
import { clientIp, userAgent } from "@/lib/server/request";
import { fieldErrorsOf, unstorableTextErrors } from "@/lib/server/validation";
import { ApiError, errorBody, localeOf, malformedJson, toApiError } from "./errors";
import { callerOfBearer, type ApiCaller } from "./token-service";

export type Method = "GET" | "POST" | "PATCH" | "DELETE";
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429;

/** Requests per caller per minute, across every app instance (SECURITY.md 15). */
export const API_RATE_LIMIT = { requests: 600, windowSeconds: 60 } as const;
/** Bodies larger than this are refused before parsing. */
const MAX_BODY_BYTES = 1_000_000;

type Auth = "bearer" | "none";

export interface HandlerInput<A extends Auth, P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  caller: A extends "bearer" ? ApiCaller : null;
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  /** the body as sent (a partial edit needs to know which fields were there) */
  rawBody: unknown;
  context: RequestContext;
  locale: Locale;
  request: Request;
}

export interface EndpointSpec<A extends Auth, P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: Method;
  /** the OpenAPI path under /api/v1, e.g. "/tasks/{id}" */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: 200 | 201;
  /** a body that is not JSON (the handler reads `request` itself), as documented in OpenAPI */
  rawRequestBody?: { contentType: string; schema: Record<string, unknown>; description?: string };
  /** a response that is not JSON (a file), as documented in OpenAPI */
  rawResponse?: { contentType: string; description: string };
  /** the error statuses this operation may answer with (documented) */
  errors: readonly ErrorStatus[];
  /** a read of the record named by the path's `{id}`: a 403/404 answer is audited as DENIED under this event */
  readOf?: { event: string; targetType: string };
  handle: (input: HandlerInput<A, P, Q, B>) => Promise<z.input<R> | Response>;
}

export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A defined endpoint: its spec and the route handler made from it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds every kind of endpoint
export type AnyEndpoint = EndpointSpec<Auth, any, any, any, any> & { route: RouteHandler };

/** Every defined endpoint, for the OpenAPI document and the tests. */
export const ENDPOINTS: AnyEndpoint[] = [];

function contextOf(request: Request): RequestContext {
  return {
    ip: clientIp(request.headers),
    userAgent: userAgent(request.headers),
    requestId: request.headers.get("x-request-id") ?? crypto.randomUUID(),
    origin: request.headers.get("origin"),
    host: request.headers.get("x-forwarded-host") ?? request.headers.get("host"),
  };
}

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  return parsed.data;
}

async function readJson(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new ValidationError({ _form: ["validation.tooBig"] });
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new ValidationError({ _form: ["validation.tooBig"] });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw malformedJson();
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export function defineEndpoint<A extends Auth, P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  spec: EndpointSpec<A, P, Q, B, R>,
): EndpointSpec<A, P, Q, B, R> & { route: RouteHandler } {
  const route: RouteHandler = async (request, { params }) => {
    const context = contextOf(request);
    const locale = localeOf(request.headers.get("accept-language"));
    let caller: ApiCaller | null = null;
    let rawParams: Record<string, string> = {};
    try {
      if (spec.auth === "bearer") {
        caller = await callerOfBearer(request.headers.get("authorization"), context);
        if (!caller) throw new UnauthorizedError();
        const limit = await consume(`api:user:${caller.actor.userId}`, API_RATE_LIMIT.requests, API_RATE_LIMIT.windowSeconds, now());
        if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
      }
      // a malformed id names no record: 404, as a record outside the caller's scope
      rawParams = await params;
      const parsedParams = spec.params ? spec.params.safeParse(rawParams) : { success: true as const, data: {} };
      if (!parsedParams.success) throw new ApiError(404, "NOT_FOUND", "errors.notFound");
      const rawQuery = Object.fromEntries(new URL(request.url).searchParams);
      const unstorableQuery = unstorableTextErrors(rawQuery);
      if (spec.query && Object.keys(unstorableQuery).length) throw new ValidationError(unstorableQuery);
      const query = spec.query ? parse(spec.query, rawQuery) : {};
      let body: unknown = undefined;
      let rawBody: unknown = undefined;
      if (spec.body) {
        rawBody = await readJson(request);
        const unstorable = unstorableTextErrors(rawBody);
        if (Object.keys(unstorable).length) throw new ValidationError(unstorable);
        body = parse(spec.body, rawBody);
      }
      const result = await spec.handle({
        caller: caller as HandlerInput<A, P, Q, B>["caller"],
        params: parsedParams.data as z.output<P>,
        query: query as z.output<Q>,
        body: body as z.output<B>,
        rawBody,
        context,
        locale,
        request,
      });
      if (result instanceof Response) return result;
      return json(result, spec.status ?? 200, { "X-Request-Id": context.requestId });
    } catch (error) {
      const expected = toApiError(error);
      if (expected && spec.readOf && caller && (expected.status === 403 || expected.status === 404) && rawParams.id !== undefined) {
        await recordAudit(db, {
          ...auditBase(caller.actor),
          event: spec.readOf.event,
          result: "DENIED",
          targetType: spec.readOf.targetType,
          targetId: String(rawParams.id).slice(0, 100),
          detail: `${expected.status} ${expected.status === 403 ? "ForbiddenError" : "NotFoundError"}`,
        });
      }
      if (expected) return json(errorBody(expected, locale), expected.status, { ...expected.headers, "X-Request-Id": context.requestId });
      console.error(`[${context.requestId}] unexpected error in API ${spec.method} ${spec.path}:`, error);
      return json(errorBody(new ApiError(500, "INTERNAL", "errors.unexpected"), locale, { requestId: context.requestId }), 500, {
        "X-Request-Id": context.requestId,
      });
    }
  };
  const endpoint = { ...spec, route };
  ENDPOINTS.push(endpoint);
  return endpoint;
}
