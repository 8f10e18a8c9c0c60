import "server-only";
import { env } from "@/lib/server/env";
import { createPrismaClient, type PrismaClient } from "./prisma";

// One client per process, created on first use (so `next build` needs no database); in
// development the module is re-evaluated on every change, so the instance lives on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function instance(): PrismaClient {
  globalForPrisma.prisma ??= createPrismaClient(env().DATABASE_URL);
  return globalForPrisma.prisma;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = instance();
    const value: unknown = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
