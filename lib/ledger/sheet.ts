// The columns of the office's 台账, in its order: one definition for the Excel export, the print
// view and the views' exports, so they never disagree. Pure: no I/O, no server imports.
import type { Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/translate";
import { lightReasonsText } from "@/lib/tasks/reason-text";
import type { LedgerRow } from "./schemas";

export interface SheetColumn {
  key: string;
  header: string;
  /** Excel column width in characters; the print view uses it as a relative width */
  width: number;
  kind?: "light" | "percent";
  /** keep on one line in the print view (codes, days) */
  nowrap?: boolean;
  value: (row: LedgerRow, index: number) => string | number;
}

const day = (iso: string) => iso.slice(0, 10);

/** `locale` words the reasons' dates and percents (the headers come from `t`). */
export function ledgerSheetColumns(t: Translate, locale: Locale = "zh-CN"): SheetColumn[] {
  return [
    { key: "index", header: t("ledger.export.index"), width: 6, value: (_row, index) => index + 1 },
    { key: "light", header: t("ledger.columns.light"), width: 12, kind: "light", value: (row) => t(`ledger.lights.${row.light}`) },
    { key: "code", header: t("ledger.columns.code"), width: 16, nowrap: true, value: (row) => row.code },
    { key: "title", header: t("ledger.columns.title"), width: 40, value: (row) => row.title },
    { key: "group", header: t("ledger.columns.group"), width: 14, value: (row) => row.groupShortName },
    { key: "leadUnit", header: t("ledger.columns.leadUnit"), width: 22, value: (row) => row.leadUnitName },
    { key: "cooperatingUnits", header: t("ledger.export.cooperatingUnits"), width: 30, value: (row) => row.cooperatingUnits.join("、") },
    { key: "leader", header: t("ledger.columns.leader"), width: 10, value: (row) => row.leaderName ?? "" },
    { key: "key", header: t("ledger.export.key"), width: 6, value: (row) => (row.isKey ? "★" : "") },
    { key: "dueDate", header: t("ledger.columns.dueDate"), width: 12, nowrap: true, value: (row) => day(row.dueDate) },
    { key: "adjustments", header: t("ledger.export.adjustments"), width: 8, value: (row) => (row.adjustments ? row.adjustments : "") },
    { key: "planned", header: t("ledger.columns.planned"), width: 10, kind: "percent", value: (row) => row.planned / 100 },
    { key: "actual", header: t("ledger.columns.actual"), width: 10, kind: "percent", value: (row) => row.actual / 100 },
    { key: "lag", header: t("ledger.columns.lag"), width: 10, value: (row) => row.lag },
    // 预警原因: why a light is red or yellow, as the office writes it in its 台账
    { key: "reasons", header: t("ledger.export.reasons"), width: 44, value: (row) => lightReasonsText(row.reasons, t, locale) },
  ];
}
