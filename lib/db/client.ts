import "server-only";
import { env } from "@/lib/server/env";
import { createPrismaClient, type PrismaClient } from "./prisma";

// One client per process; in development the module is re-evaluated on every change, so the
// instance lives on globalThis to avoid exhausting connections.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const db: PrismaClient = globalForPrisma.prisma ?? createPrismaClient(env().DATABASE_URL);

if (env().NODE_ENV !== "production") globalForPrisma.prisma = db;
