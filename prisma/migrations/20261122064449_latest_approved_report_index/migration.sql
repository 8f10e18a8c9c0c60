-- CreateIndex
CREATE INDEX "ProgressReport_taskId_kind_status_period_reviewedAt_idx" ON "ProgressReport"("taskId", "kind", "status", "period" DESC, "reviewedAt" DESC);
