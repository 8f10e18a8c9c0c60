// Text a spreadsheet program would take for a formula (= + - @, or a tab or CR first) in an
// exported workbook. An xlsx string cell is never evaluated when opened, but editing it (F2, Enter)
// in Excel or WPS re-reads it as typed and runs it. ExcelJS cannot write the quotePrefix style
// (Excel's hidden apostrophe), so such cells get the Text number format ("@"): what is typed into a
// Text cell stays text, and the value shows exactly as the user wrote it (docs/decisions/0015).
import type ExcelJS from "exceljs";

const FORMULA_LIKE = /^[=+\-@\t\r]/;

export const looksLikeFormula = (value: unknown): value is string => typeof value === "string" && FORMULA_LIKE.test(value);

/** Guards one row's cells (call before a streamed row is committed). */
export function guardRow(row: ExcelJS.Row): void {
  row.eachCell((cell) => {
    if (looksLikeFormula(cell.value)) cell.numFmt = "@";
  });
}

/** Guards every written cell of a sheet (call once the sheet is filled, before the workbook is written). */
export function guardSheet(sheet: ExcelJS.Worksheet): void {
  sheet.eachRow((row) => guardRow(row));
}

/** Guards every sheet of a workbook. */
export function guardWorkbook(workbook: ExcelJS.Workbook): void {
  workbook.eachSheet((sheet) => guardSheet(sheet));
}
