import "server-only";
// The ranking of one run as the office's Excel sheet: title, frozen header, one row per unit with
// every indicator's points, the adjustments and the total. Rate-limited and audited like the ledger export.
import ExcelJS from "exceljs";
import { guardWorkbook } from "@/lib/xlsx/guard";
import type { Actor } from "@/lib/auth/actor";
import { contentDisposition } from "@/lib/attachments/rules";
import { db } from "@/lib/db/client";
import type { Translate } from "@/lib/i18n/translate";
import { auditBase } from "@/lib/server/action";
import { recordAudit } from "@/lib/server/audit";
import { RateLimitedError } from "@/lib/server/errors";
import { consume } from "@/lib/server/rate-limit";
import { assessmentForExport } from "./queries";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function assessmentWorkbook(actor: Actor, assessmentId: string, t: Translate) {
  const { run, indicators, ranking } = await assessmentForExport(actor, assessmentId);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t("app.name");
  const sheet = workbook.addWorksheet(t("assessment.sheet.name"), {
    views: [{ state: "frozen", ySplit: 2 }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "2:2" },
  });
  const headers = [
    t("assessment.ranking.rank"),
    t("assessment.ranking.unit"),
    ...indicators.map((i) => `${t(`assessment.indicators.${i.code}`)}（${i.weight}）`),
    t("assessment.ranking.adjustments"),
    t("assessment.ranking.total"),
  ];
  sheet.columns = headers.map((_, index) => ({ width: index === 1 ? 32 : index === 0 ? 8 : 14 }));
  sheet.mergeCells(1, 1, 1, headers.length);
  const title = sheet.getCell(1, 1);
  title.value = t("assessment.sheet.title", {
    committee: actor.committee.name,
    year: run.year,
    run: run.runNumber,
    status: t(`assessment.status.${run.status}`),
  });
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: "center" };
  const header = sheet.getRow(2);
  headers.forEach((text, index) => (header.getCell(index + 1).value = text));
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1A43AD" } };
  header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  for (const row of ranking) {
    const line = sheet.addRow([
      row.rank,
      row.unitName,
      ...indicators.map((i) => (row.absent.includes(i.code) ? "—" : (row.items[i.code] ?? 0))),
      row.adjustments,
      row.total,
    ]);
    for (let column = 3; column <= headers.length; column++) line.getCell(column).numFmt = "0.00";
  }
  sheet.eachRow((line) =>
    line.eachCell(
      (cell) => (cell.border = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } }),
    ),
  );
  // user text that looks like a formula stays text when edited in Excel/WPS
  guardWorkbook(workbook);
  return {
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
    fileName: `${actor.committee.regionName}${run.year}年度考核结果-第${run.runNumber}版.xlsx`,
    rows: ranking.length,
  };
}

export async function assessmentExportResponse(actor: Actor, assessmentId: string, t: Translate, now: Date): Promise<Response> {
  const limit = await consume(`export:${actor.userId}`, 30, 600, now);
  if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
  const { buffer, fileName, rows } = await assessmentWorkbook(actor, assessmentId, t);
  await recordAudit(db, {
    ...auditBase(actor),
    event: "assessment.export",
    targetType: "Assessment",
    targetId: assessmentId,
    detail: `rows ${rows}`,
  });
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": XLSX,
      "Content-Disposition": contentDisposition(fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
