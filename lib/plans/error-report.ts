// The import's error list as a CSV file the office can open in Excel, fix the workbook against,
// and pass on. Pure and client-safe: the browser builds it from the rejection it already holds.
import type { ImportError } from "./excel";

/** Excel reads a UTF-8 CSV as the local code page (GBK on Chinese Windows) unless it starts with a BOM. */
export const BOM = "\uFEFF";

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * Text that Excel would take for a formula (= + - @, tab, CR first) is prefixed with an apostrophe:
 * the values come from an uploaded workbook and must not run as formulas (CSV injection).
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(fields: (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(",");
}

export interface ErrorReportHeaders {
  sheet: string;
  row: string;
  column: string;
  problem: string;
  value: string;
}

/**
 * The rejected import as CSV text, BOM first, CRLF line ends: sheet, row, column, problem (in the
 * user's language, via `describe`) and the value found. Row 0 is a problem of the whole file.
 */
export function importErrorCsv(errors: readonly ImportError[], headers: ErrorReportHeaders, describe: (message: string) => string): string {
  const lines = [
    csvLine([headers.sheet, headers.row, headers.column, headers.problem, headers.value]),
    ...errors.map((error) => csvLine([error.sheet, error.row || null, error.column, describe(error.message), error.value])),
  ];
  return `${BOM}${lines.join("\r\n")}\r\n`;
}
