import "server-only";
// A view (待办 / 逾期 / 已完成) as the office's Excel 台账: the ledger's columns (ledgerSheetColumns)
// plus the view's own, a title row, a frozen header, a subtotal row per group, the lights coloured
// as the ledger export colours them. Rate-limited and audited like the ledger export.
import ExcelJS from "exceljs";
import { guardWorkbook } from "@/lib/xlsx/guard";
import type { Actor } from "@/lib/auth/actor";
import { contentDisposition } from "@/lib/attachments/rules";
import { db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import type { Translate } from "@/lib/i18n/translate";
import { LIGHT_FILLS } from "@/lib/ledger/export";
import { ledgerSheetColumns, type SheetColumn } from "@/lib/ledger/sheet";
import { auditBase } from "@/lib/server/action";
import { recordAudit } from "@/lib/server/audit";
import { RateLimitedError } from "@/lib/server/errors";
import { consume } from "@/lib/server/rate-limit";
import { listView, type ViewGroup, type ViewParams, type ViewResult, type ViewRow } from "./views";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const BORDER = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } } as const;

interface ViewColumn extends Omit<SheetColumn, "value"> {
  value: (row: ViewRow, index: number) => string | number;
}

export function groupLabel(group: Pick<ViewGroup, "name">, t: Translate): string {
  return group.name ?? t("views.noLeader");
}

/** The view's columns: the ledger's, then days overdue and reasons, or the closing day. */
export function viewColumns(view: ViewResult["view"], t: Translate, locale: Locale = "zh-CN"): ViewColumn[] {
  const columns: ViewColumn[] = ledgerSheetColumns(t, locale).map((column) => ({ ...column, value: column.value }));
  if (view === "overdue") {
    columns.push(
      { key: "daysOverdue", header: t("views.columns.daysOverdue"), width: 10, value: (row) => row.daysOverdue ?? "" },
      { key: "reasons", header: t("views.columns.reasons"), width: 36, value: (row) => overdueText(row, t) },
    );
  }
  if (view === "completed")
    columns.push({ key: "closedOn", header: t("views.columns.closedOn"), width: 12, nowrap: true, value: (row) => row.closedOn ?? "" });
  return columns;
}

/** Why an overdue task is overdue, in words. */
export function overdueText(row: ViewRow, t: Translate): string {
  return row.overdueReasons
    .map((reason) =>
      reason === "DUE"
        ? t("views.reasons.DUE", { days: row.daysOverdue ?? 0 })
        : t("views.reasons.MILESTONE", { title: row.lateMilestone?.title ?? "", days: row.lateMilestone?.days ?? 0 }),
    )
    .join("；");
}

export async function viewWorkbook(
  actor: Actor,
  params: ViewParams,
  t: Translate,
  at: Date,
  locale: Locale = "zh-CN",
): Promise<{ buffer: Buffer; fileName: string; rows: number; result: ViewResult }> {
  const result = await listView(actor, params);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t("app.name");
  const title = t(`views.kinds.${result.view}`);
  const sheet = workbook.addWorksheet(title, {
    views: [{ state: "frozen", ySplit: 3 }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "3:3" },
  });
  const columns = viewColumns(result.view, t, locale);
  const lightAt = columns.findIndex((column) => column.kind === "light") + 1;
  sheet.columns = columns.map((column) => ({ width: column.width }));

  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.getCell(1, 1).value = t("views.export.title", { committee: actor.committee.name, year: result.year, view: title });
  sheet.getCell(1, 1).font = { bold: true, size: 16 };
  sheet.getCell(1, 1).alignment = { horizontal: "center" };
  sheet.mergeCells(2, 1, 2, columns.length);
  sheet.getCell(2, 1).value = t("views.export.subtitle", {
    asOf: result.asOf,
    at: formatDateTime(at, "zh-CN"),
    count: result.total,
    by: t(`views.by.${result.by}`),
  });
  sheet.getCell(2, 1).alignment = { horizontal: "center" };
  sheet.getCell(2, 1).font = { color: { argb: "FF555555" } };

  const header = sheet.getRow(3);
  columns.forEach((column, index) => (header.getCell(index + 1).value = column.header));
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1A43AD" } };
  header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  header.height = 24;
  header.eachCell((cell) => (cell.border = BORDER));

  let index = 0;
  for (const group of result.groups) {
    for (const row of group.rows) {
      const line = sheet.addRow(columns.map((column) => column.value(row, index)));
      index += 1;
      line.alignment = { vertical: "top", wrapText: true };
      if (lightAt > 0) {
        const cell = line.getCell(lightAt);
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: LIGHT_FILLS[row.light] } };
        cell.alignment = { vertical: "top", horizontal: "center" };
      }
      columns.forEach((column, at) => {
        if (column.kind === "percent") line.getCell(at + 1).numFmt = "0%";
        line.getCell(at + 1).border = BORDER;
      });
    }
    // the subtotal row of the group, as the office totals its 台账 by group
    const subtotal = sheet.addRow([]);
    sheet.mergeCells(subtotal.number, 1, subtotal.number, columns.length);
    subtotal.getCell(1).value = t("views.subtotal", { name: groupLabel(group, t), count: group.count });
    subtotal.font = { bold: true };
    subtotal.getCell(1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF1F5F9" } };
    subtotal.getCell(1).border = BORDER;
  }
  const total = sheet.addRow([]);
  sheet.mergeCells(total.number, 1, total.number, columns.length);
  total.getCell(1).value = t("views.total", { count: result.total });
  total.font = { bold: true };
  total.getCell(1).border = BORDER;

  // user text that looks like a formula stays text when edited in Excel/WPS
  guardWorkbook(workbook);
  return {
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
    fileName: `${actor.committee.regionName}${title}-${result.asOf}.xlsx`,
    rows: index,
    result,
  };
}

/** The download: rate-limited (SECURITY.md 15) and audited with the view (17), as the ledger export. */
export async function viewExportResponse(
  actor: Actor,
  params: ViewParams,
  t: Translate,
  at: Date,
  locale: Locale = "zh-CN",
): Promise<Response> {
  const limit = await consume(`export:${actor.userId}`, 30, 600, at);
  if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
  const { buffer, fileName, rows, result } = await viewWorkbook(actor, params, t, at, locale);
  await recordAudit(db, {
    ...auditBase(actor),
    event: "views.export",
    targetType: "ReformTask",
    detail: JSON.stringify({ view: result.view, by: result.by, year: result.year, asOf: result.asOf, rows }),
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
