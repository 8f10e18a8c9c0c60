import "server-only";
import ExcelJS from "exceljs";
import { contentDisposition } from "@/lib/attachments/rules";
import { readableChanges, readerFor } from "@/lib/audit/readable";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { messagesFor, type Translate } from "@/lib/i18n/translate";
import { auditBase } from "@/lib/server/action";
import { recordAudit } from "@/lib/server/audit";
import { RateLimitedError } from "@/lib/server/errors";
import { consume } from "@/lib/server/rate-limit";
import { guardWorkbook } from "@/lib/xlsx/guard";
import { allChanges, type ChangeItem } from "./queries";
import type { ChangeStatus } from "./schemas";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const STATUS_FILLS: Record<ChangeStatus, string> = {
  PENDING: "FFFFEB9C",
  LEADER_PENDING: "FFFFEB9C",
  APPROVED: "FFC6EFCE",
  REJECTED: "FFFFC7CE",
  WITHDRAWN: "FFEDEDED",
};

/** The year's 调整情况 as the office files it: one row per request, the changes old → new in words. */
export async function changesWorkbook(
  actor: Actor,
  year: number,
  status: ChangeStatus | null,
  t: Translate,
  locale: Locale,
  now: Date,
): Promise<{ buffer: Buffer; fileName: string; rows: number }> {
  const list = await allChanges(actor, year, status);
  const reader = readerFor(locale, messagesFor(locale), list.names);
  const when = (value: string | null) => (value ? formatDateTime(new Date(value), locale) : "");
  const columns: { header: string; width: number; value: (item: ChangeItem, index: number) => string | number }[] = [
    { header: t("ledger.export.index"), width: 6, value: (_item, index) => index + 1 },
    { header: t("changes.columns.code"), width: 16, value: (item) => item.taskCode },
    { header: t("changes.columns.task"), width: 36, value: (item) => item.taskTitle },
    { header: t("changes.columns.group"), width: 18, value: (item) => item.groupName },
    { header: t("changes.columns.leadUnit"), width: 20, value: (item) => item.leadUnitName },
    {
      header: t("changes.columns.changes"),
      width: 50,
      value: (item) =>
        readableChanges(reader, item.changes, "ChangeRequest")
          .map((change) =>
            change.notes.length
              ? `${change.label}：${change.notes.join("；")}`
              : `${change.label}：${change.from ?? "—"} → ${change.to ?? "—"}`,
          )
          .join("\n"),
    },
    { header: t("changes.columns.reason"), width: 40, value: (item) => item.reason },
    { header: t("changes.columns.requester"), width: 12, value: (item) => item.requestedByName },
    { header: t("changes.columns.requestedAt"), width: 18, value: (item) => when(item.createdAt) },
    { header: t("changes.columns.status"), width: 12, value: (item) => t(`changes.statuses.${item.status}`) },
    { header: t("changes.columns.decidedBy"), width: 12, value: (item) => item.decidedByName ?? "" },
    { header: t("changes.columns.decidedAt"), width: 18, value: (item) => when(item.decidedAt) },
    { header: t("changes.columns.comment"), width: 30, value: (item) => item.decisionComment ?? "" },
  ];

  const workbook = new ExcelJS.Workbook();
  workbook.creator = t("app.name");
  const sheet = workbook.addWorksheet(t("changes.sheet"), {
    views: [{ state: "frozen", ySplit: 3 }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "3:3" },
  });
  sheet.columns = columns.map((column) => ({ width: column.width }));
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.getCell(1, 1).value = t("changes.sheetTitle", { committee: actor.committee.name, year });
  sheet.getCell(1, 1).font = { bold: true, size: 16 };
  sheet.getCell(1, 1).alignment = { horizontal: "center" };
  sheet.mergeCells(2, 1, 2, columns.length);
  sheet.getCell(2, 1).value = t("changes.sheetSubtitle", { at: formatDateTime(now, locale), count: list.total });
  sheet.getCell(2, 1).alignment = { horizontal: "center" };
  sheet.getCell(2, 1).font = { color: { argb: "FF555555" } };
  const header = sheet.getRow(3);
  columns.forEach((column, index) => (header.getCell(index + 1).value = column.header));
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1A43AD" } };
  header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  header.height = 24;
  const statusColumn = columns.findIndex((column) => column.header === t("changes.columns.status")) + 1;
  list.items.forEach((item, index) => {
    const line = sheet.addRow(columns.map((column) => column.value(item, index)));
    line.alignment = { vertical: "top", wrapText: true };
    line.getCell(statusColumn).fill = { type: "pattern", pattern: "solid", fgColor: { argb: STATUS_FILLS[item.status] } };
    line.eachCell(
      (cell) => (cell.border = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } }),
    );
  });
  guardWorkbook(workbook);
  return {
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
    fileName: `${actor.committee.regionName}${year}年计划调整情况.xlsx`,
    rows: list.items.length,
  };
}

/** The download: rate-limited and audited like the ledger's. */
export async function changesExportResponse(
  actor: Actor,
  year: number,
  status: ChangeStatus | null,
  t: Translate,
  locale: Locale,
  now: Date,
): Promise<Response> {
  const limit = await consume(`export:${actor.userId}`, 30, 600, now);
  if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
  const { buffer, fileName, rows } = await changesWorkbook(actor, year, status, t, locale, now);
  await recordAudit(db, {
    ...auditBase(actor),
    event: "change.export",
    targetType: "ChangeRequest",
    detail: JSON.stringify({ year, status, rows }),
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
