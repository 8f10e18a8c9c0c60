import NextAuth from "next-auth";
import { SIGN_IN_ERRORS } from "@/lib/auth/schemas";
import { authOptions } from "@/lib/auth/options";
import { IP_WINDOW_SECONDS } from "@/lib/auth/limits";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: Context) {
  const response: Response = await NextAuth(request as never, context as never, authOptions());
  return throttledAs429(request, response);
}

/**
 * next-auth answers every refused sign-in with 401; a throttled one should say 429 with
 * Retry-After (SECURITY.md 15). The body keeps next-auth's shape so its client still reads the error.
 */
async function throttledAs429(request: Request, response: Response): Promise<Response> {
  if (request.method !== "POST" || !new URL(request.url).pathname.endsWith("/callback/credentials") || response.status !== 401)
    return response;
  const body = await response.clone().text();
  if (!body.includes(`error=${SIGN_IN_ERRORS.rate_limited}`)) return response;
  const headers = new Headers(response.headers);
  headers.set("Retry-After", String(IP_WINDOW_SECONDS));
  return new Response(body, { status: 429, headers });
}

export { handler as GET, handler as POST };
