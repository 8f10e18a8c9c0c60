-- AlterEnum
ALTER TYPE "AuditResult" ADD VALUE 'CONFLICT';
