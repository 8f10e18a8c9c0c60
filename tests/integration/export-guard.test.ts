// Every Excel export of the portal guards user text that a spreadsheet would take for a formula
// (SECURITY.md; issue 15 item 7): the demo county with a task title, a unit name and a user's name
// that begin with = + - @, exported as the ledger, a view, the audit log, the assessment and the
// plan workbook; each file is parsed back and every such cell must keep its text and carry the
// Text number format ("@"), so editing it in Excel or WPS never runs it.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { assessmentWorkbook } from "@/lib/assessment/export";
import { runAssessment } from "@/lib/assessment/service";
import { buildAuditWorkbook } from "@/lib/audit/export";
import { parseAuditFilters } from "@/lib/audit/schemas";
import { viewWorkbook } from "@/lib/dashboard/views-export";
import { db } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { createTranslator, messagesFor } from "@/lib/i18n/translate";
import { ledgerExportResponse, ledgerWorkbook } from "@/lib/ledger/export";
import { DEFAULT_LEDGER_PARAMS } from "@/lib/ledger/schemas";
import { planWorkbookResponse } from "@/lib/plans/export";
import { looksLikeFormula } from "@/lib/xlsx/guard";
import { actorFor } from "@/tests/support/actor";

process.env.APP_NOW = "2026-11-22T02:00:00.000Z";
const TODAY = new Date(process.env.APP_NOW);
const t = createTranslator(messagesFor("zh-CN"));

const TITLE = '=HYPERLINK("http://198.51.100.7/x","点此查看")';
const UNIT = "+86 县数据资源管理局";
const PERSON = "@王主任";

async function actorOf(username: string) {
  return actorFor((await db.user.findUniqueOrThrow({ where: { username } })).id);
}

/** Every cell of the workbook whose text looks like a formula, with its number format. */
async function formulaLike(buffer: Buffer | Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const cells: { sheet: string; address: string; value: string; numFmt: string | undefined; type: ExcelJS.ValueType }[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        // a merged range shows its first cell's value in every cell: the first cell is the one written
        if (cell.type !== ExcelJS.ValueType.Merge && looksLikeFormula(cell.value))
          cells.push({ sheet: sheet.name, address: cell.address, value: cell.value, numFmt: cell.numFmt, type: cell.type });
      }),
    ),
  );
  return cells;
}

function expectGuarded(cells: Awaited<ReturnType<typeof formulaLike>>, expected: string[], name: string) {
  for (const value of expected)
    expect(
      cells.map((cell) => cell.value),
      `${name}: ${value} is exported`,
    ).toContain(value);
  for (const cell of cells) {
    expect(cell.type, `${name} ${cell.sheet}!${cell.address} is a string, never a formula`).toBe(ExcelJS.ValueType.String);
    expect(cell.numFmt, `${name} ${cell.sheet}!${cell.address} (${cell.value}) is Text`).toBe("@");
  }
}

describe("Excel exports guard formula-like text", () => {
  it("the ledger, a view, the audit log, the assessment and the plan workbook keep = + - @ text as text", async () => {
    await seedDemo(db, { today: TODAY });
    // a red task's title, its lead unit and the office's own name, as users could have typed them
    const task = await db.reformTask.findFirstOrThrow({
      where: { year: 2026, status: "ACTIVE", deletedAt: null },
      orderBy: { code: "asc" },
    });
    await db.reformTask.update({ where: { id: task.id }, data: { title: TITLE } });
    await db.unit.update({ where: { id: task.leadUnitId }, data: { name: UNIT } });
    await db.user.updateMany({ where: { username: "office" }, data: { name: PERSON } });
    const office = await actorOf("office");
    // an audited act of the renamed office: the audit log shows its name
    await ledgerExportResponse(office, { ...DEFAULT_LEDGER_PARAMS, year: 2026 }, t, TODAY);

    const ledger = await ledgerWorkbook(office, { ...DEFAULT_LEDGER_PARAMS, year: 2026 }, t, TODAY);
    expectGuarded(await formulaLike(ledger.buffer), [TITLE, UNIT], "ledger");

    const view = await viewWorkbook(office, { view: "pending", by: "unit", year: 2026, asOf: null }, t, TODAY);
    expectGuarded(await formulaLike(view.buffer), [TITLE], "view");

    const auditor = await actorOf("auditor");
    const audit = await buildAuditWorkbook(auditor, parseAuditFilters({}), { locale: "zh-CN", exportedAt: TODAY });
    expectGuarded(await formulaLike(audit.buffer), [PERSON], "audit log");

    const run = await runAssessment(office, { year: 2026 });
    const assessment = await assessmentWorkbook(office, run.id, t);
    expectGuarded(await formulaLike(assessment.buffer), [UNIT], "assessment");

    const plan = await db.workPlan.findFirstOrThrow({ where: { year: 2026 } });
    const planFile = await planWorkbookResponse(office, plan.id, TODAY);
    expectGuarded(await formulaLike(Buffer.from(await planFile.arrayBuffer())), [TITLE, UNIT], "plan workbook");
  });
});
