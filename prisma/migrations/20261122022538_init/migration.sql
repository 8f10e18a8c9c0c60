-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "RegionLevel" AS ENUM ('PROVINCE', 'CITY', 'COUNTY');

-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('PARTY_DEPT', 'GOV_DEPT', 'TOWN', 'STREET', 'PARK', 'VERTICAL', 'MASS_ORG', 'OTHER');

-- CreateEnum
CREATE TYPE "GroupMemberRole" AS ENUM ('HEAD', 'DEPUTY', 'LIAISON', 'MEMBER_UNIT');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'SECURITY_ADMIN', 'AUDITOR', 'OFFICE', 'LEADER', 'GROUP_LIAISON', 'UNIT_REPORTER');

-- CreateEnum
CREATE TYPE "TaskSource" AS ENUM ('SUPERIOR', 'SELF', 'PILOT');

-- CreateEnum
CREATE TYPE "Level" AS ENUM ('NATIONAL', 'PROVINCIAL', 'CITY', 'COUNTY');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('ACTIVE', 'PENDING_CLOSE', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED');

-- CreateEnum
CREATE TYPE "ProgressReportKind" AS ENUM ('LEAD', 'CONTRIBUTION');

-- CreateEnum
CREATE TYPE "MonthlyItemKind" AS ENUM ('PILOT', 'INNOVATION', 'PUBLICATION');

-- CreateEnum
CREATE TYPE "PilotStage" AS ENUM ('APPROVED', 'ACCEPTED');

-- CreateEnum
CREATE TYPE "QuarterlyReportKind" AS ENUM ('GROUP', 'KEY_TASK');

-- CreateEnum
CREATE TYPE "WorkflowAction" AS ENUM ('CREATE', 'SUBMIT', 'APPROVE', 'RETURN', 'RESUBMIT', 'WITHDRAW', 'ANSWER', 'ACCEPT', 'CLOSE', 'REOPEN', 'REMIND', 'ESCALATE');

-- CreateEnum
CREATE TYPE "NoticeLevel" AS ENUM ('GENERAL', 'KEY', 'LISTED');

-- CreateEnum
CREATE TYPE "NoticeStatus" AS ENUM ('ISSUED', 'ANSWERED', 'RETURNED', 'RECTIFYING', 'CLOSED');

-- CreateEnum
CREATE TYPE "ResponseDecision" AS ENUM ('ACCEPTED', 'RETURNED');

-- CreateEnum
CREATE TYPE "CloseOutStatus" AS ENUM ('PENDING', 'APPROVED', 'RETURNED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "IndicatorCode" AS ENUM ('COMPLETION', 'SCHEDULE', 'TIMELINESS', 'SUPERVISION', 'INNOVATION');

-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "ObjectionStatus" AS ENUM ('OPEN', 'ANSWERED');

-- CreateEnum
CREATE TYPE "MicroReformStatus" AS ENUM ('PROPOSED', 'ACCEPTED', 'PROMOTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "HonorKind" AS ENUM ('COMMENDATION', 'PILOT_APPROVED', 'PILOT_ACCEPTED', 'PUBLICITY');

-- CreateEnum
CREATE TYPE "AuditResult" AS ENUM ('SUCCESS', 'DENIED', 'FAILURE');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('PENDING', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "Committee" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "regionName" TEXT NOT NULL,
    "officeName" TEXT NOT NULL,
    "docPrefix" TEXT NOT NULL,
    "level" "RegionLevel" NOT NULL,
    "parentId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Committee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitteeSettings" (
    "committeeId" TEXT NOT NULL,
    "yellowLagPoints" INTEGER NOT NULL DEFAULT 10,
    "redLagPoints" INTEGER NOT NULL DEFAULT 30,
    "milestoneRedDays" INTEGER NOT NULL DEFAULT 30,
    "monthlyReportDueDay" INTEGER NOT NULL DEFAULT 5,
    "quarterlyReportDueDay" INTEGER NOT NULL DEFAULT 10,
    "passwordMinLength" INTEGER NOT NULL DEFAULT 8,
    "passwordMaxAgeDaysAdmin" INTEGER DEFAULT 90,
    "lockoutThreshold" INTEGER NOT NULL DEFAULT 5,
    "lockoutMinutes" INTEGER NOT NULL DEFAULT 30,
    "idleTimeoutMinutes" INTEGER NOT NULL DEFAULT 30,
    "sessionMaxHours" INTEGER NOT NULL DEFAULT 12,
    "requireTotpForAdmins" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "CommitteeSettings_pkey" PRIMARY KEY ("committeeId")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT,
    "kind" "UnitKind" NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "mergedIntoId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedById" TEXT,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpecialGroup" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "liaisonUnitId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedById" TEXT,

    CONSTRAINT "SpecialGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpecialGroupMember" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "role" "GroupMemberRole" NOT NULL,
    "userId" TEXT,
    "unitId" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SpecialGroupMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "passwordChangedAt" TIMESTAMPTZ(3),
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "unitId" TEXT,
    "isLeader" BOOLEAN NOT NULL DEFAULT false,
    "leaderTitle" TEXT,
    "leaderPortfolio" TEXT,
    "committeeTitle" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "disabledAt" TIMESTAMPTZ(3),
    "failedLoginCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastLoginAt" TIMESTAMPTZ(3),
    "lastLoginIp" TEXT,
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "totpSecret" TEXT,
    "totpEnabledAt" TIMESTAMPTZ(3),
    "totpLastStep" BIGINT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedById" TEXT,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "unitId" TEXT,
    "groupId" TEXT,
    "grantedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordHistory" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "WorkPlan" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "docNumber" TEXT,
    "issuedOn" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" TEXT,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedById" TEXT,

    CONSTRAINT "WorkPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkPoint" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedById" TEXT,

    CONSTRAINT "WorkPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReformTask" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "planId" TEXT NOT NULL,
    "workPointId" TEXT,
    "groupId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "outcome" TEXT,
    "leadUnitId" TEXT NOT NULL,
    "leaderId" TEXT,
    "isKey" BOOLEAN NOT NULL DEFAULT false,
    "source" "TaskSource" NOT NULL,
    "pilotLevel" "Level",
    "startDate" DATE NOT NULL,
    "dueDate" DATE NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'ACTIVE',
    "closedAt" TIMESTAMPTZ(3),
    "actualPercent" INTEGER NOT NULL DEFAULT 0,
    "actualPeriod" DATE,
    "originTaskId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" TEXT,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedById" TEXT,

    CONSTRAINT "ReformTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskCooperatingUnit" (
    "taskId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TaskCooperatingUnit_pkey" PRIMARY KEY ("taskId","unitId")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "plannedDate" DATE NOT NULL,
    "plannedPercent" INTEGER NOT NULL,
    "completedOn" DATE,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressReport" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "kind" "ProgressReportKind" NOT NULL DEFAULT 'LEAD',
    "period" DATE NOT NULL,
    "progress" TEXT NOT NULL,
    "percent" INTEGER,
    "percentDropReason" TEXT,
    "problems" TEXT,
    "nextSteps" TEXT,
    "status" "ReportStatus" NOT NULL DEFAULT 'DRAFT',
    "submittedAt" TIMESTAMPTZ(3),
    "submittedById" TEXT,
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewedById" TEXT,
    "reviewComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedById" TEXT,

    CONSTRAINT "ProgressReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitMonthlyReport" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "summary" TEXT,
    "status" "ReportStatus" NOT NULL DEFAULT 'DRAFT',
    "submittedAt" TIMESTAMPTZ(3),
    "submittedById" TEXT,
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewedById" TEXT,
    "reviewComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedById" TEXT,

    CONSTRAINT "UnitMonthlyReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitMonthlyReportItem" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "kind" "MonthlyItemKind" NOT NULL,
    "title" TEXT NOT NULL,
    "level" "Level",
    "pilotStage" "PilotStage",
    "outlet" TEXT,
    "eventDate" DATE,
    "description" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UnitMonthlyReportItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuarterlyReport" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "quarter" INTEGER NOT NULL,
    "kind" "QuarterlyReportKind" NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "groupId" TEXT,
    "taskId" TEXT,
    "unitId" TEXT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "problems" TEXT,
    "nextSteps" TEXT,
    "status" "ReportStatus" NOT NULL DEFAULT 'DRAFT',
    "submittedAt" TIMESTAMPTZ(3),
    "submittedById" TEXT,
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewedById" TEXT,
    "reviewComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedById" TEXT,

    CONSTRAINT "QuarterlyReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowEvent" (
    "id" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "action" "WorkflowAction" NOT NULL,
    "comment" TEXT,
    "actorId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkflowEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportReminder" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "reportType" TEXT NOT NULL,
    "message" TEXT,
    "sentById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportReminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionNotice" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "serial" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "level" "NoticeLevel" NOT NULL DEFAULT 'GENERAL',
    "reason" TEXT NOT NULL,
    "lagDescription" TEXT,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL,
    "issuedById" TEXT,
    "responseDueDate" DATE NOT NULL,
    "status" "NoticeStatus" NOT NULL DEFAULT 'ISSUED',
    "escalatedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "closedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedById" TEXT,

    CONSTRAINT "SupervisionNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionResponse" (
    "id" TEXT NOT NULL,
    "noticeId" TEXT NOT NULL,
    "causeAnalysis" TEXT NOT NULL,
    "countermeasures" TEXT NOT NULL,
    "rectifyDeadline" DATE NOT NULL,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedById" TEXT,
    "decision" "ResponseDecision",
    "decisionComment" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" TEXT,

    CONSTRAINT "SupervisionResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CloseOutRequest" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "status" "CloseOutStatus" NOT NULL DEFAULT 'PENDING',
    "appliedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" TEXT,
    "decisionComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "CloseOutRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentScheme" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AssessmentScheme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentIndicator" (
    "id" TEXT NOT NULL,
    "schemeId" TEXT NOT NULL,
    "code" "IndicatorCode" NOT NULL,
    "name" TEXT NOT NULL,
    "weight" DECIMAL(6,2) NOT NULL,
    "cap" DECIMAL(6,2),
    "params" JSONB,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AssessmentIndicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "schemeId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "runNumber" INTEGER NOT NULL,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "computedAt" TIMESTAMPTZ(3) NOT NULL,
    "computedById" TEXT,
    "publishedAt" TIMESTAMPTZ(3),
    "publishedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitScore" (
    "id" TEXT NOT NULL,
    "assessmentId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "total" DECIMAL(7,2) NOT NULL,
    "rank" INTEGER NOT NULL,

    CONSTRAINT "UnitScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitScoreItem" (
    "id" TEXT NOT NULL,
    "unitScoreId" TEXT NOT NULL,
    "indicatorId" TEXT NOT NULL,
    "rawValue" DECIMAL(9,4) NOT NULL,
    "score" DECIMAL(7,2) NOT NULL,
    "evidence" JSONB,

    CONSTRAINT "UnitScoreItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScoreAdjustment" (
    "id" TEXT NOT NULL,
    "assessmentId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "points" DECIMAL(6,2) NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScoreAdjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentObjection" (
    "id" TEXT NOT NULL,
    "assessmentId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "status" "ObjectionStatus" NOT NULL DEFAULT 'OPEN',
    "answer" TEXT,
    "answeredAt" TIMESTAMPTZ(3),
    "answeredById" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentObjection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MicroReform" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "taskId" TEXT,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "problem" TEXT NOT NULL,
    "measures" TEXT NOT NULL,
    "effect" TEXT,
    "citizensServed" INTEGER,
    "status" "MicroReformStatus" NOT NULL DEFAULT 'PROPOSED',
    "acceptedAt" TIMESTAMPTZ(3),
    "promotedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" TEXT,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedById" TEXT,

    CONSTRAINT "MicroReform_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TypicalCase" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "taskId" TEXT,
    "microReformId" TEXT,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "level" "Level" NOT NULL,
    "publishedIn" TEXT,
    "publishedOn" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedById" TEXT,

    CONSTRAINT "TypicalCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Honor" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "taskId" TEXT,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "HonorKind" NOT NULL,
    "level" "Level" NOT NULL,
    "source" TEXT,
    "awardedOn" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedById" TEXT,

    CONSTRAINT "Honor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedById" TEXT,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "committeeId" TEXT,
    "actorId" TEXT,
    "actorName" TEXT,
    "unitId" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "requestId" TEXT,
    "event" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "result" "AuditResult" NOT NULL DEFAULT 'SUCCESS',
    "changes" JSONB,
    "detail" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeRecord" (
    "id" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT,
    "changes" JSONB NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChangeRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "link" TEXT,
    "dedupeKey" TEXT,
    "readAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB,
    "runAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedAt" TIMESTAMPTZ(3),
    "lockedBy" TEXT,
    "lastError" TEXT,
    "dedupeKey" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Committee_parentId_idx" ON "Committee"("parentId");

-- CreateIndex
CREATE INDEX "Unit_committeeId_active_sortOrder_idx" ON "Unit"("committeeId", "active", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_committeeId_name_key" ON "Unit"("committeeId", "name");

-- CreateIndex
CREATE INDEX "SpecialGroup_committeeId_sortOrder_idx" ON "SpecialGroup"("committeeId", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "SpecialGroup_committeeId_name_key" ON "SpecialGroup"("committeeId", "name");

-- CreateIndex
CREATE INDEX "SpecialGroupMember_groupId_role_sortOrder_idx" ON "SpecialGroupMember"("groupId", "role", "sortOrder");

-- CreateIndex
CREATE INDEX "SpecialGroupMember_userId_idx" ON "SpecialGroupMember"("userId");

-- CreateIndex
CREATE INDEX "SpecialGroupMember_unitId_idx" ON "SpecialGroupMember"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_unitId_idx" ON "User"("unitId");

-- CreateIndex
CREATE INDEX "User_isLeader_idx" ON "User"("isLeader");

-- CreateIndex
CREATE INDEX "RoleAssignment_userId_idx" ON "RoleAssignment"("userId");

-- CreateIndex
CREATE INDEX "RoleAssignment_committeeId_role_idx" ON "RoleAssignment"("committeeId", "role");

-- CreateIndex
CREATE INDEX "RoleAssignment_unitId_idx" ON "RoleAssignment"("unitId");

-- CreateIndex
CREATE INDEX "RoleAssignment_groupId_idx" ON "RoleAssignment"("groupId");

-- CreateIndex
CREATE INDEX "PasswordHistory_userId_createdAt_idx" ON "PasswordHistory"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "WorkPlan_committeeId_year_idx" ON "WorkPlan"("committeeId", "year");

-- CreateIndex
CREATE INDEX "WorkPoint_planId_sortOrder_idx" ON "WorkPoint"("planId", "sortOrder");

-- CreateIndex
CREATE INDEX "WorkPoint_groupId_idx" ON "WorkPoint"("groupId");

-- CreateIndex
CREATE INDEX "ReformTask_committeeId_year_groupId_idx" ON "ReformTask"("committeeId", "year", "groupId");

-- CreateIndex
CREATE INDEX "ReformTask_committeeId_year_leadUnitId_idx" ON "ReformTask"("committeeId", "year", "leadUnitId");

-- CreateIndex
CREATE INDEX "ReformTask_committeeId_year_dueDate_idx" ON "ReformTask"("committeeId", "year", "dueDate");

-- CreateIndex
CREATE INDEX "ReformTask_committeeId_year_status_idx" ON "ReformTask"("committeeId", "year", "status");

-- CreateIndex
CREATE INDEX "ReformTask_leaderId_year_idx" ON "ReformTask"("leaderId", "year");

-- CreateIndex
CREATE INDEX "ReformTask_workPointId_idx" ON "ReformTask"("workPointId");

-- CreateIndex
CREATE INDEX "ReformTask_originTaskId_idx" ON "ReformTask"("originTaskId");

-- CreateIndex
CREATE UNIQUE INDEX "ReformTask_committeeId_code_key" ON "ReformTask"("committeeId", "code");

-- CreateIndex
CREATE INDEX "TaskCooperatingUnit_unitId_idx" ON "TaskCooperatingUnit"("unitId");

-- CreateIndex
CREATE INDEX "Milestone_taskId_plannedDate_idx" ON "Milestone"("taskId", "plannedDate");

-- CreateIndex
CREATE INDEX "Milestone_plannedDate_idx" ON "Milestone"("plannedDate");

-- CreateIndex
CREATE INDEX "ProgressReport_taskId_period_idx" ON "ProgressReport"("taskId", "period");

-- CreateIndex
CREATE INDEX "ProgressReport_unitId_period_idx" ON "ProgressReport"("unitId", "period");

-- CreateIndex
CREATE INDEX "ProgressReport_period_status_idx" ON "ProgressReport"("period", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressReport_taskId_unitId_period_key" ON "ProgressReport"("taskId", "unitId", "period");

-- CreateIndex
CREATE INDEX "UnitMonthlyReport_committeeId_period_status_idx" ON "UnitMonthlyReport"("committeeId", "period", "status");

-- CreateIndex
CREATE UNIQUE INDEX "UnitMonthlyReport_unitId_period_key" ON "UnitMonthlyReport"("unitId", "period");

-- CreateIndex
CREATE INDEX "UnitMonthlyReportItem_reportId_kind_idx" ON "UnitMonthlyReportItem"("reportId", "kind");

-- CreateIndex
CREATE INDEX "QuarterlyReport_groupId_idx" ON "QuarterlyReport"("groupId");

-- CreateIndex
CREATE INDEX "QuarterlyReport_taskId_idx" ON "QuarterlyReport"("taskId");

-- CreateIndex
CREATE UNIQUE INDEX "QuarterlyReport_committeeId_year_quarter_subjectKey_key" ON "QuarterlyReport"("committeeId", "year", "quarter", "subjectKey");

-- CreateIndex
CREATE INDEX "WorkflowEvent_entityType_entityId_createdAt_idx" ON "WorkflowEvent"("entityType", "entityId", "createdAt");

-- CreateIndex
CREATE INDEX "ReportReminder_committeeId_period_idx" ON "ReportReminder"("committeeId", "period");

-- CreateIndex
CREATE INDEX "ReportReminder_unitId_period_idx" ON "ReportReminder"("unitId", "period");

-- CreateIndex
CREATE INDEX "SupervisionNotice_committeeId_status_idx" ON "SupervisionNotice"("committeeId", "status");

-- CreateIndex
CREATE INDEX "SupervisionNotice_taskId_idx" ON "SupervisionNotice"("taskId");

-- CreateIndex
CREATE INDEX "SupervisionNotice_unitId_status_idx" ON "SupervisionNotice"("unitId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionNotice_committeeId_year_serial_key" ON "SupervisionNotice"("committeeId", "year", "serial");

-- CreateIndex
CREATE INDEX "SupervisionResponse_noticeId_submittedAt_idx" ON "SupervisionResponse"("noticeId", "submittedAt");

-- CreateIndex
CREATE INDEX "CloseOutRequest_taskId_appliedAt_idx" ON "CloseOutRequest"("taskId", "appliedAt");

-- CreateIndex
CREATE INDEX "CloseOutRequest_status_idx" ON "CloseOutRequest"("status");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentScheme_committeeId_year_key" ON "AssessmentScheme"("committeeId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentIndicator_schemeId_code_key" ON "AssessmentIndicator"("schemeId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Assessment_committeeId_year_runNumber_key" ON "Assessment"("committeeId", "year", "runNumber");

-- CreateIndex
CREATE INDEX "UnitScore_assessmentId_rank_idx" ON "UnitScore"("assessmentId", "rank");

-- CreateIndex
CREATE UNIQUE INDEX "UnitScore_assessmentId_unitId_key" ON "UnitScore"("assessmentId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitScoreItem_unitScoreId_indicatorId_key" ON "UnitScoreItem"("unitScoreId", "indicatorId");

-- CreateIndex
CREATE INDEX "ScoreAdjustment_assessmentId_unitId_idx" ON "ScoreAdjustment"("assessmentId", "unitId");

-- CreateIndex
CREATE INDEX "AssessmentObjection_assessmentId_status_idx" ON "AssessmentObjection"("assessmentId", "status");

-- CreateIndex
CREATE INDEX "MicroReform_committeeId_year_status_idx" ON "MicroReform"("committeeId", "year", "status");

-- CreateIndex
CREATE INDEX "MicroReform_unitId_idx" ON "MicroReform"("unitId");

-- CreateIndex
CREATE INDEX "TypicalCase_committeeId_year_idx" ON "TypicalCase"("committeeId", "year");

-- CreateIndex
CREATE INDEX "TypicalCase_unitId_idx" ON "TypicalCase"("unitId");

-- CreateIndex
CREATE INDEX "Honor_committeeId_year_idx" ON "Honor"("committeeId", "year");

-- CreateIndex
CREATE INDEX "Honor_unitId_idx" ON "Honor"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_storageKey_key" ON "Attachment"("storageKey");

-- CreateIndex
CREATE INDEX "Attachment_entityType_entityId_idx" ON "Attachment"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_committeeId_at_idx" ON "AuditEvent"("committeeId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditEvent_event_at_idx" ON "AuditEvent"("event", "at");

-- CreateIndex
CREATE INDEX "ChangeRecord_entityType_entityId_createdAt_idx" ON "ChangeRecord"("entityType", "entityId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Job_dedupeKey_key" ON "Job"("dedupeKey");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- AddForeignKey
ALTER TABLE "Committee" ADD CONSTRAINT "Committee_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Committee"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitteeSettings" ADD CONSTRAINT "CommitteeSettings_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecialGroup" ADD CONSTRAINT "SpecialGroup_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecialGroup" ADD CONSTRAINT "SpecialGroup_liaisonUnitId_fkey" FOREIGN KEY ("liaisonUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecialGroupMember" ADD CONSTRAINT "SpecialGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "SpecialGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecialGroupMember" ADD CONSTRAINT "SpecialGroupMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecialGroupMember" ADD CONSTRAINT "SpecialGroupMember_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "SpecialGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordHistory" ADD CONSTRAINT "PasswordHistory_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkPlan" ADD CONSTRAINT "WorkPlan_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkPoint" ADD CONSTRAINT "WorkPoint_planId_fkey" FOREIGN KEY ("planId") REFERENCES "WorkPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkPoint" ADD CONSTRAINT "WorkPoint_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "SpecialGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReformTask" ADD CONSTRAINT "ReformTask_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReformTask" ADD CONSTRAINT "ReformTask_planId_fkey" FOREIGN KEY ("planId") REFERENCES "WorkPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReformTask" ADD CONSTRAINT "ReformTask_workPointId_fkey" FOREIGN KEY ("workPointId") REFERENCES "WorkPoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReformTask" ADD CONSTRAINT "ReformTask_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "SpecialGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReformTask" ADD CONSTRAINT "ReformTask_leadUnitId_fkey" FOREIGN KEY ("leadUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReformTask" ADD CONSTRAINT "ReformTask_leaderId_fkey" FOREIGN KEY ("leaderId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReformTask" ADD CONSTRAINT "ReformTask_originTaskId_fkey" FOREIGN KEY ("originTaskId") REFERENCES "ReformTask"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskCooperatingUnit" ADD CONSTRAINT "TaskCooperatingUnit_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReformTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskCooperatingUnit" ADD CONSTRAINT "TaskCooperatingUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReformTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReformTask"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitMonthlyReport" ADD CONSTRAINT "UnitMonthlyReport_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitMonthlyReport" ADD CONSTRAINT "UnitMonthlyReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitMonthlyReportItem" ADD CONSTRAINT "UnitMonthlyReportItem_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "UnitMonthlyReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarterlyReport" ADD CONSTRAINT "QuarterlyReport_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarterlyReport" ADD CONSTRAINT "QuarterlyReport_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "SpecialGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarterlyReport" ADD CONSTRAINT "QuarterlyReport_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReformTask"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarterlyReport" ADD CONSTRAINT "QuarterlyReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionNotice" ADD CONSTRAINT "SupervisionNotice_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionNotice" ADD CONSTRAINT "SupervisionNotice_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReformTask"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionNotice" ADD CONSTRAINT "SupervisionNotice_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionResponse" ADD CONSTRAINT "SupervisionResponse_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "SupervisionNotice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CloseOutRequest" ADD CONSTRAINT "CloseOutRequest_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReformTask"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CloseOutRequest" ADD CONSTRAINT "CloseOutRequest_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentScheme" ADD CONSTRAINT "AssessmentScheme_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentIndicator" ADD CONSTRAINT "AssessmentIndicator_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "AssessmentScheme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "AssessmentScheme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitScore" ADD CONSTRAINT "UnitScore_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitScore" ADD CONSTRAINT "UnitScore_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitScoreItem" ADD CONSTRAINT "UnitScoreItem_unitScoreId_fkey" FOREIGN KEY ("unitScoreId") REFERENCES "UnitScore"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitScoreItem" ADD CONSTRAINT "UnitScoreItem_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "AssessmentIndicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreAdjustment" ADD CONSTRAINT "ScoreAdjustment_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreAdjustment" ADD CONSTRAINT "ScoreAdjustment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentObjection" ADD CONSTRAINT "AssessmentObjection_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentObjection" ADD CONSTRAINT "AssessmentObjection_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MicroReform" ADD CONSTRAINT "MicroReform_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MicroReform" ADD CONSTRAINT "MicroReform_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MicroReform" ADD CONSTRAINT "MicroReform_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReformTask"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TypicalCase" ADD CONSTRAINT "TypicalCase_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TypicalCase" ADD CONSTRAINT "TypicalCase_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TypicalCase" ADD CONSTRAINT "TypicalCase_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReformTask"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TypicalCase" ADD CONSTRAINT "TypicalCase_microReformId_fkey" FOREIGN KEY ("microReformId") REFERENCES "MicroReform"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Honor" ADD CONSTRAINT "Honor_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Honor" ADD CONSTRAINT "Honor_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Honor" ADD CONSTRAINT "Honor_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReformTask"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
