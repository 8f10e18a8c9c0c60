-- AlterTable
ALTER TABLE "CloseOutRequest" ADD COLUMN     "explanation" TEXT;

-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "round" INTEGER;
