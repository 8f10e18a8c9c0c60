import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InfoReviewPanel } from "@/components/reports/info-review";
import { InfoReportContent, InfoReportDates, InfoReportHeading, InfoReturnNote, InfoThread } from "@/components/reports/info-view";
import { Card } from "@/components/ui/card";
import { requireSection } from "@/lib/auth/guards";
import { getTranslator } from "@/lib/i18n/server";
import { infoReportDetail } from "@/lib/reports/info-queries";
import { NotFoundError } from "@/lib/server/errors";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("infoReports.title") };
}

/** One unit's report of a month, as the office and leaders open it from the list; the office reviews it here. */
export default async function InfoReportPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireSection("reports");
  const { t } = await getTranslator();
  const { id } = await params;
  const report = await infoReportDetail(actor, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });

  return (
    <div className="space-y-4">
      <Link
        href={`/reports/info?period=${report.period}`}
        data-testid="info-back"
        className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-brand-700"
      >
        <ArrowLeft className="size-4" aria-hidden />
        {t("infoReports.detail.back")}
      </Link>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card className="space-y-4 p-5 lg:col-span-2">
          <InfoReportHeading report={report} heading="detail" />
          <InfoReportDates report={report} />
          <InfoReturnNote report={report} />
          <InfoReportContent report={report} />
        </Card>
        <div className="space-y-4">
          {report.canReview && report.id && report.version && <InfoReviewPanel key={report.version} id={report.id} version={report.version} />}
          <InfoThread report={report} />
        </div>
      </div>
    </div>
  );
}
