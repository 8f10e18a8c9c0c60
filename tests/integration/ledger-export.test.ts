import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { messagesFor, createTranslator } from "@/lib/i18n/translate";
import { ledgerExportResponse, ledgerWorkbook } from "@/lib/ledger/export";
import { listLedger } from "@/lib/ledger/queries";
import { DEFAULT_LEDGER_PARAMS } from "@/lib/ledger/schemas";
import { now } from "@/lib/server/clock";
import { lightReasonsText } from "@/lib/tasks/reason-text";
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

    // 预警原因, the last column, says why each red or yellow light is lit
    const header = sheet.getRow(3);
    expect(header.getCell(header.cellCount).value).toBe("预警原因");
    view.rows.forEach((row, index) => {
      const cell = String(sheet.getRow(4 + index).getCell(header.cellCount).value ?? "");
      expect(cell.length, row.code).toBeGreaterThan(8);
      expect(cell).toBe(lightReasonsText(row.reasons, t, "zh-CN"));
    });

    const response = await ledgerExportResponse(office, params, t, new Date());
    expect(response.headers.get("content-disposition")).toContain("attachment;");
    expect(await db.auditEvent.count({ where: { event: "ledger.export", actorId: office.userId } })).toBe(1);
  });

  it("leaves 预警原因 empty for the other lights, and words the reasons of an overdue task at 100 % in the office's words", async () => {
    await seedDemo(db, { today: now() });
    const office = await actorFor((await db.user.findUniqueOrThrow({ where: { username: "office" } })).id);
    const { buffer } = await ledgerWorkbook(office, { ...DEFAULT_LEDGER_PARAMS }, t, now());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("改革任务台账")!;
    const last = sheet.getRow(3).cellCount;
    const byLight = new Map<string, string[]>();
    for (let number = 4; number <= sheet.rowCount; number++) {
      const row = sheet.getRow(number);
      const light = String(row.getCell(2).value);
      byLight.set(light, [...(byLight.get(light) ?? []), String(row.getCell(last).value ?? "")]);
    }
    for (const light of ["正常", "未开始", "待销号", "已销号"]) {
      expect(byLight.get(light)?.length, light).toBeGreaterThan(0);
      expect(
        byLight.get(light)!.every((text) => text === ""),
        light,
      ).toBe(true);
    }
    for (const light of ["严重滞后/逾期", "滞后"])
      expect(
        byLight.get(light)!.every((text) => text.length > 8),
        light,
      ).toBe(true);

    // the demo's 100 % / 100 % red task: red because it is past its due date and not closed out
    const task = await db.reformTask.findFirstOrThrow({ where: { title: "推进县科学技术局单设和实体化运行", year: 2026 } });
    const line = [...Array(sheet.rowCount - 3).keys()]
      .map((index) => sheet.getRow(4 + index))
      .find((row) => row.getCell(3).value === task.code)!;
    expect(line.getCell(2).value).toBe("严重滞后/逾期");
    expect(line.getCell(last).value).toBe("已过完成时限（2026年9月30日）53天，仍未销号");
  });

  it("words the reasons in English for an English export", async () => {
    await seedDemo(db, { today: now() });
    const office = await actorFor((await db.user.findUniqueOrThrow({ where: { username: "office" } })).id);
    const en = createTranslator(messagesFor("en"));
    const { buffer } = await ledgerWorkbook(office, { ...DEFAULT_LEDGER_PARAMS, lights: ["RED"] }, en, now(), "en");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Reform task ledger")!;
    const last = sheet.getRow(3).cellCount;
    expect(sheet.getRow(3).getCell(last).value).toBe("Why this light");
    const texts = [...Array(sheet.rowCount - 3).keys()].map((index) => String(sheet.getRow(4 + index).getCell(last).value));
    expect(texts.some((text) => /past its due date \(September 30, 2026\) and not closed out/.test(text))).toBe(true);
  });
});
