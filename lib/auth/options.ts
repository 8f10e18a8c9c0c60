import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/server/env";
import { clientIp, userAgent } from "@/lib/server/request";
import { recordSignOut, signInWithPassword } from "./service";

/** Absolute session lifetime (SECURITY.md 4); idle timeout and enforcement come with issue 3. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

declare module "next-auth" {
  interface User {
    sessionVersion: number;
  }
  interface Session {
    userId: string;
    sessionVersion: number;
    authTime: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sessionVersion?: number;
    authTime?: number;
  }
}

// Built on demand so that `next build` does not need the runtime secrets.
export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { username: { type: "text" }, password: { type: "password" } },
        async authorize(credentials, request) {
          const headers = request?.headers as Record<string, string | undefined> | undefined;
          return signInWithPassword(credentials, { ip: clientIp(headers), userAgent: userAgent(headers) });
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sessionVersion = user.sessionVersion;
          token.authTime = Math.floor(Date.now() / 1000);
        }
        return token;
      },
      session({ session, token }) {
        session.userId = token.sub ?? "";
        session.sessionVersion = token.sessionVersion ?? 0;
        session.authTime = token.authTime ?? 0;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        await recordSignOut(token?.sub);
      },
    },
  };
}
