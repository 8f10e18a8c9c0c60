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

export async function proxy(request: NextRequest) {
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
