import "server-only";
import ExcelJS from "exceljs";
import { guardWorkbook } from "@/lib/xlsx/guard";
import type { Actor } from "@/lib/auth/actor";
import { contentDisposition } from "@/lib/attachments/rules";
import { db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import type { Translate } from "@/lib/i18n/translate";
import { auditBase } from "@/lib/server/action";
import { recordAudit } from "@/lib/server/audit";
import { RateLimitedError } from "@/lib/server/errors";
import { consume } from "@/lib/server/rate-limit";
import type { Light } from "@/lib/tasks/rules";
import { listLedger } from "./queries";
import type { LedgerParams } from "./schemas";
import { ledgerSheetColumns } from "./sheet";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Cell fills of the lights, as the office's Excel 台账 colours them (with the label as text too). */
export const LIGHT_FILLS: Record<Light, string> = {
  RED: "FFFFC7CE",
  YELLOW: "FFFFEB9C",
  GREEN: "FFC6EFCE",
  NOT_STARTED: "FFEDEDED",
  PENDING_CLOSE: "FFDDEBF7",
  DONE: "FFD9D9D9",
};

/**
 * The current ledger view as the office's 台账: a title row with the committee and the day, a
 * frozen header, the light as a coloured cell with its name, column widths, wrapping and a landscape
 * page set-up fitted to the page width for printing.
 */
export async function ledgerWorkbook(
  actor: Actor,
  params: LedgerParams,
  t: Translate,
  now: Date,
  locale: Locale = "zh-CN",
): Promise<{ buffer: Buffer; fileName: string; rows: number }> {
  const view = await listLedger(actor, params, { all: true });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t("app.name");
  const sheet = workbook.addWorksheet(t("ledger.export.sheet"), {
    views: [{ state: "frozen", ySplit: 3 }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "3:3" },
  });
  const columns = ledgerSheetColumns(t, locale);
  sheet.columns = columns.map((column) => ({ width: column.width }));

  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.getCell(1, 1).value = t("ledger.export.title", { committee: actor.committee.name, year: view.year });
  sheet.getCell(1, 1).font = { bold: true, size: 16 };
  sheet.getCell(1, 1).alignment = { horizontal: "center" };
  sheet.mergeCells(2, 1, 2, columns.length);
  sheet.getCell(2, 1).value = t("ledger.export.subtitle", { asOf: view.asOf, at: formatDateTime(now, "zh-CN"), count: view.total });
  sheet.getCell(2, 1).alignment = { horizontal: "center" };
  sheet.getCell(2, 1).font = { color: { argb: "FF555555" } };

  const header = sheet.getRow(3);
  columns.forEach((column, index) => (header.getCell(index + 1).value = column.header));
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1A43AD" } };
  header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  header.height = 24;

  view.rows.forEach((row, index) => {
    const line = sheet.addRow(columns.map((column) => column.value(row, index)));
    line.alignment = { vertical: "top", wrapText: true };
    const light = line.getCell(2);
    light.fill = { type: "pattern", pattern: "solid", fgColor: { argb: LIGHT_FILLS[row.light] } };
    light.alignment = { vertical: "top", horizontal: "center" };
    columns.forEach((column, at) => {
      if (column.kind === "percent") line.getCell(at + 1).numFmt = "0%";
    });
  });
  sheet.eachRow((line, number) => {
    if (number < 3) return;
    line.eachCell(
      (cell) => (cell.border = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } }),
    );
  });

  // user text that looks like a formula stays text when edited in Excel/WPS
  guardWorkbook(workbook);
  return {
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
    fileName: `${actor.committee.regionName}改革任务台账-${view.asOf}.xlsx`,
    rows: view.rows.length,
  };
}

/** The download: rate-limited (SECURITY.md 15) and audited with the filters (17). */
export async function ledgerExportResponse(
  actor: Actor,
  params: LedgerParams,
  t: Translate,
  now: Date,
  locale: Locale = "zh-CN",
): Promise<Response> {
  const limit = await consume(`export:${actor.userId}`, 30, 600, now);
  if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
  const { buffer, fileName, rows } = await ledgerWorkbook(actor, params, t, now, locale);
  await recordAudit(db, {
    ...auditBase(actor),
    event: "ledger.export",
    targetType: "ReformTask",
    detail: JSON.stringify({ ...params, rows }),
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

/** The print view's rows: every row of the view (as the export), audited as a print of the ledger. */
export async function ledgerPrintView(actor: Actor, params: LedgerParams) {
  const view = await listLedger(actor, params, { all: true });
  await recordAudit(db, {
    ...auditBase(actor),
    event: "ledger.print",
    targetType: "ReformTask",
    detail: JSON.stringify({ ...params, rows: view.rows.length }),
  });
  return view;
}
