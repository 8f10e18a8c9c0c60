import { describe, expect, it } from "vitest";
import { BOM, csvField, importErrorCsv } from "@/lib/plans/error-report";

const HEADERS = { sheet: "工作表", row: "行", column: "列", problem: "问题", value: "填写内容" };
const describeMessage = (message: string) =>
  ({ "import.errors.required": "必填", "import.errors.duplicate": "与前面的行重复" })[message] ?? message;

describe("import error report (CSV)", () => {
  it("starts with a UTF-8 BOM so Excel reads Chinese correctly, and ends lines with CRLF", () => {
    const csv = importErrorCsv([], HEADERS, describeMessage);
    expect(csv.startsWith(BOM)).toBe(true);
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toBe(`${BOM}工作表,行,列,问题,填写内容\r\n`);
  });

  it("writes one line per problem with the problem in the user's language", () => {
    const csv = importErrorCsv(
      [
        { sheet: "改革任务", row: 3, column: "牵头单位", message: "import.errors.required" },
        { sheet: "工作要点", row: 5, column: "编号", message: "import.errors.duplicate", value: "一、" },
        { sheet: "", row: 0, column: "", message: "不是有效的 Excel（.xlsx）文件" },
      ],
      HEADERS,
      describeMessage,
    );
    expect(csv.slice(BOM.length).split("\r\n")).toEqual([
      "工作表,行,列,问题,填写内容",
      "改革任务,3,牵头单位,必填,",
      "工作要点,5,编号,与前面的行重复,一、",
      ",,,不是有效的 Excel（.xlsx）文件,",
      "",
    ]);
  });

  it("quotes commas, quotes and line breaks, doubling the quotes", () => {
    expect(csvField("县财政局,县发改委")).toBe('"县财政局,县发改委"');
    expect(csvField('推进"放管服"改革')).toBe('"推进""放管服""改革"');
    expect(csvField("第一行\n第二行")).toBe('"第一行\n第二行"');
    expect(csvField("回车\r换行")).toBe('"回车\r换行"');
    expect(csvField("无需引号")).toBe("无需引号");
    expect(csvField(12)).toBe("12");
    expect(csvField(undefined)).toBe("");
    expect(csvField(null)).toBe("");
  });

  it("keeps a quoted field in one cell when read back", () => {
    const csv = importErrorCsv(
      [{ sheet: "改革任务", row: 7, column: "配合单位", message: "import.errors.required", value: '县"财政"局,\n县发改委' }],
      HEADERS,
      describeMessage,
    );
    expect(csv).toContain('改革任务,7,配合单位,必填,"县""财政""局,\n县发改委"\r\n');
  });

  it("never lets a value run as a formula in Excel", () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-2")).toBe("'-2");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("2026-03-31")).toBe("2026-03-31");
  });
});
