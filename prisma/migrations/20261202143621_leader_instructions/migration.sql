-- CreateEnum
CREATE TYPE "InstructionSubject" AS ENUM ('TASK', 'REPORT', 'NOTICE');

-- CreateEnum
CREATE TYPE "InstructionStatus" AS ENUM ('OPEN', 'ANSWERED', 'CLOSED');

-- CreateTable
CREATE TABLE "Instruction" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "subjectType" "InstructionSubject" NOT NULL,
    "taskId" TEXT NOT NULL,
    "reportId" TEXT,
    "noticeId" TEXT,
    "unitId" TEXT NOT NULL,
    "leaderId" TEXT NOT NULL,
    "authorId" TEXT,
    "content" TEXT NOT NULL,
    "answerDueDate" DATE NOT NULL,
    "status" "InstructionStatus" NOT NULL DEFAULT 'OPEN',
    "round" INTEGER NOT NULL DEFAULT 1,
    "answeredAt" TIMESTAMPTZ(3),
    "overdueAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "closedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedById" TEXT,

    CONSTRAINT "Instruction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstructionAnswer" (
    "id" TEXT NOT NULL,
    "instructionId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedById" TEXT,

    CONSTRAINT "InstructionAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Instruction_committeeId_status_answerDueDate_idx" ON "Instruction"("committeeId", "status", "answerDueDate");

-- CreateIndex
CREATE INDEX "Instruction_taskId_createdAt_idx" ON "Instruction"("taskId", "createdAt");

-- CreateIndex
CREATE INDEX "Instruction_unitId_status_idx" ON "Instruction"("unitId", "status");

-- CreateIndex
CREATE INDEX "Instruction_leaderId_status_idx" ON "Instruction"("leaderId", "status");

-- CreateIndex
CREATE INDEX "Instruction_reportId_idx" ON "Instruction"("reportId");

-- CreateIndex
CREATE INDEX "Instruction_noticeId_idx" ON "Instruction"("noticeId");

-- CreateIndex
CREATE INDEX "InstructionAnswer_instructionId_submittedAt_idx" ON "InstructionAnswer"("instructionId", "submittedAt");

-- AddForeignKey
ALTER TABLE "Instruction" ADD CONSTRAINT "Instruction_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instruction" ADD CONSTRAINT "Instruction_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReformTask"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instruction" ADD CONSTRAINT "Instruction_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instruction" ADD CONSTRAINT "Instruction_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "SupervisionNotice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instruction" ADD CONSTRAINT "Instruction_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instruction" ADD CONSTRAINT "Instruction_leaderId_fkey" FOREIGN KEY ("leaderId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instruction" ADD CONSTRAINT "Instruction_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstructionAnswer" ADD CONSTRAINT "InstructionAnswer_instructionId_fkey" FOREIGN KEY ("instructionId") REFERENCES "Instruction"("id") ON DELETE CASCADE ON UPDATE CASCADE;
