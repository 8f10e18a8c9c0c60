-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('DRAFT', 'ISSUED');

-- CreateEnum
CREATE TYPE "ChangeRequestStatus" AS ENUM ('PENDING', 'LEADER_PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- AlterTable
ALTER TABLE "CommitteeSettings" ADD COLUMN     "keyChangesNeedLeader" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "WorkPlan" ADD COLUMN     "issuedAt" TIMESTAMPTZ(3),
ADD COLUMN     "issuedById" TEXT,
ADD COLUMN     "status" "PlanStatus" NOT NULL DEFAULT 'DRAFT';

-- CreateTable
CREATE TABLE "ChangeRequest" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedByName" TEXT NOT NULL,
    "unitId" TEXT,
    "reason" TEXT NOT NULL,
    "proposed" JSONB NOT NULL,
    "current" JSONB NOT NULL,
    "changes" JSONB NOT NULL,
    "status" "ChangeRequestStatus" NOT NULL DEFAULT 'PENDING',
    "officeDecidedAt" TIMESTAMPTZ(3),
    "officeDecidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decisionComment" TEXT,
    "baselineBefore" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChangeRequest_taskId_status_decidedAt_idx" ON "ChangeRequest"("taskId", "status", "decidedAt");

-- CreateIndex
CREATE INDEX "ChangeRequest_committeeId_status_createdAt_idx" ON "ChangeRequest"("committeeId", "status", "createdAt");

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReformTask"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
