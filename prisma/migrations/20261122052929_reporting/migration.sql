-- AlterTable
ALTER TABLE "ProgressReport" ADD COLUMN     "firstSubmittedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "UnitMonthlyReport" ADD COLUMN     "firstSubmittedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "QuarterlyReport" ADD COLUMN     "firstSubmittedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "params" JSONB;
