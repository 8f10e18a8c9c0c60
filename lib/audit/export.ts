import "server-only";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { guardRow } from "@/lib/xlsx/guard";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/config";
import { createTranslator, messagesFor, type MessageKey } from "@/lib/i18n/translate";
import { auditBase, authorizeRead } from "@/lib/server/action";
import { recordAudit } from "@/lib/server/audit";
import { AppError } from "@/lib/server/errors";
import { consume } from "@/lib/server/rate-limit";
import { auditEventBatches, countAuditEvents, type AuditEventRow } from "./queries";
import { changeLine, readableAuditRow, readerFor, type ReadableAuditRow, type Reader } from "./readable";
import { AUDIT_EXPORT_MAX_ROWS, describeFilters, formatBeijingTime, parseAuditFilters, type AuditFilters } from "./schemas";

/** Exports per user per window (SECURITY.md 15): an export reads up to 50 000 rows. */
export const EXPORT_LIMIT = 10;
export const EXPORT_WINDOW_SECONDS = 10 * 60;

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Column = { header: MessageKey; width: number; value: (row: AuditEventRow, shown: ReadableAuditRow, reader: Reader) => string };

/** The columns of the export: the words the page shows, plus the codes an auditor filters by. */
const COLUMNS: Column[] = [
  { header: "audit.columns.time", width: 20, value: (row) => formatBeijingTime(row.at) },
  { header: "audit.columns.actor", width: 14, value: (row) => row.actorName ?? "" },
  { header: "audit.export.columns.username", width: 14, value: (row) => row.actorUsername ?? "" },
  { header: "audit.columns.unit", width: 24, value: (row) => row.unitName ?? "" },
  { header: "audit.columns.ip", width: 16, value: (row) => row.ip ?? "" },
  { header: "audit.export.columns.eventCode", width: 18, value: (row) => row.event },
  { header: "audit.export.columns.eventLabel", width: 16, value: (_, shown) => shown.event },
  { header: "audit.export.columns.targetType", width: 14, value: (_, shown) => shown.targetType ?? "" },
  { header: "audit.columns.target", width: 32, value: (_, shown) => shown.target ?? "" },
  { header: "audit.columns.result", width: 8, value: (_, shown) => shown.result },
  {
    header: "audit.export.columns.changes",
    width: 48,
    value: (_, shown, reader) => shown.changes.map((change) => changeLine(reader, change)).join("\n"),
  },
  { header: "audit.export.columns.detail", width: 30, value: (_, shown) => shown.detail ?? "" },
  { header: "audit.export.columns.requestId", width: 38, value: (row) => row.requestId ?? "" },
];

export interface AuditWorkbook {
  buffer: Buffer;
  rowCount: number;
  /** more rows matched than the file may hold */
  truncated: boolean;
  fileName: string;
  /** for clients that ignore filename* */
  asciiFileName: string;
}

/**
 * The audit log as .xlsx: a title block (title, committee, export time, filters), a frozen
 * header row, then the rows newest first. Rows are streamed into the file batch by batch, so
 * a 50 000-row export never holds the whole result set as objects.
 */
export async function buildAuditWorkbook(
  actor: Actor,
  filters: AuditFilters,
  options: { locale: Locale; exportedAt: Date; maxRows?: number; batchSize?: number },
): Promise<AuditWorkbook> {
  const messages = messagesFor(options.locale);
  const t = createTranslator(messages);
  const maxRows = options.maxRows ?? AUDIT_EXPORT_MAX_ROWS;
  const total = await countAuditEvents(actor, filters);
  const truncated = total > maxRows;

  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    output.on("end", resolve);
    output.on("error", reject);
  });

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = actor.committee.officeName;
  workbook.created = options.exportedAt;
  const headerRow = 4;
  const sheet = workbook.addWorksheet(t("audit.export.title"), { views: [{ state: "frozen", ySplit: headerRow }] });
  sheet.columns = COLUMNS.map((column) => ({ width: column.width }));
  const lastColumn = String.fromCharCode("A".charCodeAt(0) + COLUMNS.length - 1);

  const applied = Object.entries(describeFilters(filters))
    .map(([key, value]) => {
      // the codes of the select boxes in the words the form shows them
      const shown =
        key === "prefix"
          ? t(`audit.prefixes.${value}` as MessageKey)
          : key === "result"
            ? t(`audit.results.${value}` as MessageKey)
            : value;
      return `${t(`audit.filters.${key}` as MessageKey)}：${shown}`;
    })
    .join("；");
  // The title block spans the table; a streamed row must be merged before it is committed.
  const titleBlock: { text: string; font: Partial<ExcelJS.Font>; height?: number }[] = [
    { text: t("audit.export.title"), font: { bold: true, size: 16 }, height: 26 },
    {
      text: [
        actor.committee.name,
        t("audit.export.exportedAt", { time: formatBeijingTime(options.exportedAt) }),
        t("audit.export.exportedBy", { name: actor.name }),
      ].join("　"),
      font: { color: { argb: "FF334155" } },
    },
    {
      text: [
        t("audit.export.filters", { filters: applied || t("audit.export.noFilters") }),
        truncated ? t("audit.export.truncated", { max: maxRows }) : "",
      ]
        .filter(Boolean)
        .join("　"),
      font: { color: { argb: truncated ? "FFB91C1C" : "FF475569" } },
    },
  ];
  for (const line of titleBlock) {
    const row = sheet.addRow([line.text]);
    row.font = line.font;
    if (line.height) row.height = line.height;
    sheet.mergeCells(`A${row.number}:${lastColumn}${row.number}`);
    row.commit();
  }

  const header = sheet.addRow(COLUMNS.map((column) => t(column.header)));
  header.font = { bold: true };
  header.alignment = { vertical: "middle" };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
    cell.border = { bottom: { style: "thin", color: { argb: "FF94A3B8" } } };
  });
  header.commit();

  let rowCount = 0;
  for await (const batch of auditEventBatches(actor, filters, { maxRows, batchSize: options.batchSize })) {
    for (const row of batch) {
      const reader = readerFor(options.locale, messages, row.names);
      const shown = readableAuditRow(reader, row);
      const line = sheet.addRow(COLUMNS.map((column) => column.value(row, shown, reader)));
      line.alignment = { vertical: "top", wrapText: true };
      // user text that looks like a formula stays text when edited in Excel/WPS
      guardRow(line);
      line.commit();
    }
    rowCount += batch.length;
  }
  sheet.commit();
  await workbook.commit();
  await finished;

  const stamp = formatBeijingTime(options.exportedAt).replace(/[-: ]/g, "").slice(0, 12);
  return {
    buffer: Buffer.concat(chunks),
    rowCount,
    truncated,
    fileName: `${t("audit.export.fileName")}-${actor.committee.regionName}-${stamp}.xlsx`,
    asciiFileName: `audit-log-${stamp}.xlsx`,
  };
}

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name, percent-encoded. */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const clean = (name: string) => name.replace(/[\u0000-\u001f\u007f/\\"]/g, "_");
  const encoded = encodeURIComponent(clean(fileName)).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${clean(asciiFallback).replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encoded}`;
}

function plain(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers } });
}

/**
 * GET /audit/export: 401 without a session, the matrix's answer (404) for anyone but the audit
 * administrator, 429 past the export limit; otherwise the workbook. Every attempt by a
 * signed-in user leaves one audit row.
 */
export async function auditExportResponse(
  actor: Actor | null,
  params: URLSearchParams,
  options: { locale: Locale; now: Date },
): Promise<Response> {
  const t = createTranslator(messagesFor(options.locale));
  if (!actor) return plain(401, t("errors.unauthorized"));
  const filters = parseAuditFilters(params);
  const audit = { ...auditBase(actor), event: "audit.export", targetType: "AuditEvent" };

  try {
    authorizeRead(actor, "audit:read");
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await recordAudit(db, { ...audit, result: "DENIED", detail: `${error.status} ${error.name}` });
    return plain(error.status, t(error.messageKey));
  }

  const limit = await consume(`audit-export:${actor.userId}`, EXPORT_LIMIT, EXPORT_WINDOW_SECONDS, options.now);
  if (!limit.allowed) {
    await recordAudit(db, { ...audit, result: "DENIED", detail: "429 rate limited" });
    const seconds = String(limit.retryAfterSeconds);
    return plain(429, t("audit.export.rateLimited", { seconds }), { "Retry-After": seconds });
  }

  const workbook = await buildAuditWorkbook(actor, filters, { locale: options.locale, exportedAt: options.now });
  await recordAudit(db, {
    ...audit,
    detail: JSON.stringify({ filters: describeFilters(filters), rows: workbook.rowCount, truncated: workbook.truncated }),
  });
  return new Response(new Uint8Array(workbook.buffer), {
    status: 200,
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": attachmentDisposition(workbook.fileName, workbook.asciiFileName),
      "Content-Length": String(workbook.buffer.length),
      "Cache-Control": "no-store",
    },
  });
}
