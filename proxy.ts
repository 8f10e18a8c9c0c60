// Runs before every request. It is not a line of defence (every page, action and service checks
// the actor itself); it only sets the security headers, a request id, and keeps the session's
// idle clock: an active session's cookie gets a fresh `lastSeen`, an idle or expired one is
// never revived (lib/auth/actor.ts refuses it on the same rule).
import { encode, getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-constants";
import { REFRESH_AFTER_SECONDS, sessionState } from "@/lib/auth/session-policy";
import { now } from "@/lib/server/clock";
import { env } from "@/lib/server/env";
import { isSameOrigin } from "@/lib/server/request";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "@/lib/i18n/config";
import { createTranslator, messagesFor } from "@/lib/i18n/translate";

function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Radix positions popovers with inline style attributes, which cannot carry a nonce.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

async function refreshSession(request: NextRequest, response: NextResponse, secure: boolean) {
  const cookieName = secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
  if (!request.cookies.has(cookieName)) return;
  const secret = env().NEXTAUTH_SECRET;
  const token = await getToken({ req: request, secret, cookieName, secureCookie: secure });
  if (!token?.authTime || !token.lastSeen) return;
  const nowSeconds = Math.floor(now().getTime() / 1000);
  if (sessionState({ authTime: token.authTime, lastSeen: token.lastSeen }, nowSeconds) !== "active") {
    response.cookies.delete(cookieName);
    return;
  }
  if (nowSeconds - token.lastSeen < REFRESH_AFTER_SECONDS) return;
  const value = await encode({ token: { ...token, lastSeen: nowSeconds }, secret, maxAge: SESSION_MAX_AGE_SECONDS });
  response.cookies.set(cookieName, value, { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: SESSION_MAX_AGE_SECONDS });
}

/** Every %-escape of the raw path and query decodes to UTF-8 (a broken one would fail deep in routing as a 500). */
function wellEncoded(rawUrl: string): boolean {
  const start = rawUrl.indexOf("/", rawUrl.indexOf("//") + 2);
  const pathAndQuery = start < 0 ? "" : rawUrl.slice(start).split("#")[0]!;
  try {
    for (const part of pathAndQuery.split(/[/?&=]/)) decodeURIComponent(part.replaceAll("+", " "));
    return true;
  } catch {
    return false;
  }
}

/** A plain answer in the user's language (the API answers JSON in its own error shape). */
function refuse(request: NextRequest, status: 400 | 403, key: "errors.badRequest" | "errors.badOrigin"): NextResponse {
  const cookie = request.cookies.get(LOCALE_COOKIE)?.value;
  const t = createTranslator(messagesFor(isLocale(cookie) ? cookie : DEFAULT_LOCALE));
  const headers = { "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" };
  if (request.nextUrl.pathname.startsWith("/api/"))
    return NextResponse.json({ error: { code: status === 400 ? "BAD_REQUEST" : "FORBIDDEN", message: t(key) } }, { status, headers });
  return new NextResponse(t(key), { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}

export async function proxy(request: NextRequest) {
  // a path or query with broken percent-encoding: 400, before any route tries to decode it
  if (!wellEncoded(request.url)) return refuse(request, 400, "errors.badRequest");
  // a server action posted from another origin (or none): 403 here, where Next would answer 500
  if (request.method === "POST" && request.headers.has("next-action")) {
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
    if (!isSameOrigin({ origin: request.headers.get("origin"), host })) return refuse(request, 403, "errors.badOrigin");
  }
  const development = env().NODE_ENV === "development";
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, development);
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();

  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });

  const secure = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  await refreshSession(request, response, secure);

  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Request-Id", requestId);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (secure) response.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return response;
}

// Evidence uploads and file responses skip the proxy: Next buffers (and past 10 MB truncates) any
// request body a proxy sees, while uploads must stream (docs/decisions/0013). Those routes set their
// own headers and check the session themselves.
export const config = {
  matcher: [
    { source: "/((?!_next/static|_next/image|icon.svg|favicon.ico|attachments$|attachments/|api/v1/reports/[^/]+/attachments$).*)" },
  ],
};
