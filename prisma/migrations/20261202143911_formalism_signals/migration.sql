-- CreateEnum
CREATE TYPE "SignalKind" AS ENUM ('COPIED_REPORT', 'FROZEN_PERCENT', 'LOW_CLOSEOUT', 'REUSED_FILE');

-- AlterTable
ALTER TABLE "CommitteeSettings" ADD COLUMN     "signalCloseOutFloor" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "signalCopySimilarity" INTEGER NOT NULL DEFAULT 90,
ADD COLUMN     "signalFrozenMonths" INTEGER NOT NULL DEFAULT 2;

-- CreateTable
CREATE TABLE "Signal" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "kind" "SignalKind" NOT NULL,
    "key" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "unitId" TEXT,
    "period" DATE,
    "reportId" TEXT,
    "previousReportId" TEXT,
    "closeOutId" TEXT,
    "attachmentId" TEXT,
    "previousAttachmentId" TEXT,
    "value" DOUBLE PRECISION NOT NULL,
    "percent" INTEGER,
    "planned" INTEGER,
    "detectedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dismissedAt" TIMESTAMPTZ(3),
    "dismissedById" TEXT,
    "dismissReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Signal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignalRefresh" (
    "committeeId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "inserted" INTEGER NOT NULL,
    "updated" INTEGER NOT NULL,
    "removed" INTEGER NOT NULL,

    CONSTRAINT "SignalRefresh_pkey" PRIMARY KEY ("committeeId","day")
);

-- CreateIndex
CREATE INDEX "Signal_committeeId_dismissedAt_kind_idx" ON "Signal"("committeeId", "dismissedAt", "kind");

-- CreateIndex
CREATE INDEX "Signal_taskId_kind_idx" ON "Signal"("taskId", "kind");

-- CreateIndex
CREATE INDEX "Signal_reportId_idx" ON "Signal"("reportId");

-- CreateIndex
CREATE UNIQUE INDEX "Signal_committeeId_key_key" ON "Signal"("committeeId", "key");

-- CreateIndex
CREATE INDEX "Attachment_committeeId_sha256_idx" ON "Attachment"("committeeId", "sha256");

-- AddForeignKey
ALTER TABLE "Signal" ADD CONSTRAINT "Signal_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signal" ADD CONSTRAINT "Signal_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReformTask"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- 形式主义预警 (docs/decisions/0020): the similarity of two texts as the Jaccard index of their
-- character trigrams, the same rule as trigramSimilarity in lib/signals/rules.ts. Written by hand
-- rather than with pg_trgm, whose trigrams keep only the characters the cluster's LC_CTYPE calls
-- alphanumeric: under the C locale every Chinese character is dropped and any two Chinese texts
-- score 0. Here nothing depends on the locale: whitespace (an explicit list of code points) is
-- removed, A–Z are lowercased, and the text is cut into runs of three code points.
CREATE FUNCTION signal_comparable(txt text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT translate(
      txt,
      'ABCDEFGHIJKLMNOPQRSTUVWXYZ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32)
        || chr(160) || chr(8203) || chr(12288) || chr(65279),
      'abcdefghijklmnopqrstuvwxyz')
  $$;

-- shared ÷ all distinct trigrams, 0–1; a text of one or two characters is its own single gram; two
-- empty texts are the same (1). PL/pgSQL rather than SQL: its plans are kept between calls, which
-- makes a committee's refresh several times faster.
CREATE FUNCTION char_trigram_similarity(a text, b text) RETURNS double precision
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    DECLARE
      ka text := signal_comparable(a);
      kb text := signal_comparable(b);
      ta text[];
      tb text[];
      shared integer;
    BEGIN
      ta := CASE
        WHEN char_length(ka) = 0 THEN ARRAY[]::text[]
        WHEN char_length(ka) < 3 THEN ARRAY[ka]
        ELSE ARRAY(SELECT DISTINCT substr(ka, i, 3) COLLATE "C" FROM generate_series(1, char_length(ka) - 2) AS i)
      END;
      tb := CASE
        WHEN char_length(kb) = 0 THEN ARRAY[]::text[]
        WHEN char_length(kb) < 3 THEN ARRAY[kb]
        ELSE ARRAY(SELECT DISTINCT substr(kb, i, 3) COLLATE "C" FROM generate_series(1, char_length(kb) - 2) AS i)
      END;
      IF cardinality(ta) + cardinality(tb) = 0 THEN
        RETURN 1;
      END IF;
      SELECT count(*) INTO shared FROM (SELECT unnest(ta) INTERSECT SELECT unnest(tb)) AS i;
      RETURN shared::double precision / (cardinality(ta) + cardinality(tb) - shared);
    END
  $$;
