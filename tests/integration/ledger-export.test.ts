import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { messagesFor, createTranslator } from "@/lib/i18n/translate";
import { ledgerExportResponse, ledgerWorkbook } from "@/lib/ledger/export";
import { listLedger } from "@/lib/ledger/queries";
import { DEFAULT_LEDGER_PARAMS } from "@/lib/ledger/schemas";
import { now } from "@/lib/server/clock";
import { actorFor } from "@/tests/support/actor";

// A day in the plan's second half, with red and yellow lights to export (the app reads the clock lazily).
process.env.APP_NOW = "2026-11-22T02:00:00.000Z";
const t = createTranslator(messagesFor("zh-CN"));

describe("ledger export", () => {
  it("writes the filtered view as the office's 台账 with coloured lights, and audits the download", async () => {
    await seedDemo(db, { today: now() });
    const office = await actorFor((await db.user.findUniqueOrThrow({ where: { username: "office" } })).id);
    const params = { ...DEFAULT_LEDGER_PARAMS, lights: ["RED" as const, "YELLOW" as const] };
    const view = await listLedger(office, params, { all: true });
    expect(view.total).toBeGreaterThan(0);

    const { buffer, rows } = await ledgerWorkbook(office, params, t, now());
    expect(rows).toBe(view.total);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("改革任务台账")!;
    expect(String(sheet.getCell("A1").value)).toContain("中共青湖县委全面深化改革委员会改革任务台账");
    expect(sheet.getRow(3).getCell(3).value).toBe("任务编号");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(sheet.rowCount).toBe(3 + view.total);
    const first = sheet.getRow(4);
    expect(first.getCell(3).value).toBe(view.rows[0]!.code);
    expect(["严重滞后/逾期", "滞后"]).toContain(first.getCell(2).value);
    expect((first.getCell(2).fill as ExcelJS.FillPattern).fgColor?.argb).toMatch(/^FF(FFC7CE|FFEB9C)$/);

    const response = await ledgerExportResponse(office, params, t, new Date());
    expect(response.headers.get("content-disposition")).toContain("attachment;");
    expect(await db.auditEvent.count({ where: { event: "ledger.export", actorId: office.userId } })).toBe(1);
  });
});
