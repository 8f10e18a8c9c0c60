import "server-only";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function read(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Client address as seen by the reverse proxy in front of the app (first X-Forwarded-For hop). */
export function clientIp(headers: HeaderSource): string | null {
  const forwarded = read(headers, "x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || read(headers, "x-real-ip") || null;
}

export function userAgent(headers: HeaderSource): string | null {
  return read(headers, "user-agent") ?? null;
}

/** Mutations must come from our own pages (SECURITY.md 12): a missing or foreign Origin is refused. */
export function isSameOrigin(context: { origin: string | null; host: string | null }): boolean {
  if (!context.origin || !context.host) return false;
  try {
    return new URL(context.origin).host === context.host;
  } catch {
    return false;
  }
}
