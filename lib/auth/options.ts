import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { now } from "@/lib/server/clock";
import { env } from "@/lib/server/env";
import { clientIp, userAgent } from "@/lib/server/request";
import { SIGN_IN_ERRORS } from "./schemas";
import { recordSignOut, signInWithPassword } from "./service";

import { SESSION_MAX_AGE_SECONDS } from "./session-constants";

export { SESSION_MAX_AGE_SECONDS };

declare module "next-auth" {
  interface User {
    sessionVersion: number;
  }
  interface Session {
    userId: string;
    sessionVersion: number;
    authTime: number;
    lastSeen: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sessionVersion?: number;
    authTime?: number;
    lastSeen?: number;
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
        credentials: { username: { type: "text" }, password: { type: "password" }, totp: { type: "text" } },
        async authorize(credentials, request) {
          const headers = request?.headers as Record<string, string | undefined> | undefined;
          const result = await signInWithPassword(credentials, { ip: clientIp(headers), userAgent: userAgent(headers) });
          if (result.ok) return result.user;
          // next-auth passes a thrown message to the form as `error`; a plain null means "invalid".
          if (result.reason === "invalid") return null;
          throw new Error(SIGN_IN_ERRORS[result.reason]);
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sessionVersion = user.sessionVersion;
          token.authTime = Math.floor(now().getTime() / 1000);
          token.lastSeen = token.authTime;
        }
        return token;
      },
      session({ session, token }) {
        session.userId = token.sub ?? "";
        session.sessionVersion = token.sessionVersion ?? 0;
        session.authTime = token.authTime ?? 0;
        session.lastSeen = token.lastSeen ?? 0;
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
