// Calls the API's route handlers in-process, as Next.js would: a real Request in, a Response out,
// against the real test database.
import type { AnyEndpoint } from "@/lib/api/endpoint";

export interface ApiCall {
  token?: string | null;
  params?: Record<string, string>;
  query?: Record<string, string> | string;
  /** sent as JSON */
  body?: unknown;
  /** sent as is (malformed JSON and the like) */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export function urlOf(endpoint: AnyEndpoint, call: ApiCall = {}): string {
  // the handler gets `params` as given; the URL only needs to be well-formed (a lone surrogate cannot be encoded)
  const segment = (value: string) => (value.isWellFormed() ? encodeURIComponent(value) : "%ED%A0%80");
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_match, name: string) => segment(call.params?.[name] ?? ""));
  const query = typeof call.query === "string" ? call.query : new URLSearchParams(call.query ?? {}).toString();
  return `http://localhost/api/v1${path}${query ? `?${query}` : ""}`;
}

export async function callApi<T = unknown>(endpoint: AnyEndpoint, call: ApiCall = {}): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  if (body !== undefined) headers["content-type"] ??= "application/json";
  const request = new Request(urlOf(endpoint, call), { method: endpoint.method, headers, body });
  const response = await endpoint.route(request, { params: Promise.resolve(call.params ?? {}) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}
