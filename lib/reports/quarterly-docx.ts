// The quarter's compilation (季度工作情况汇编) as a Word document in the office's format: a title and
// the day it was made; 一、the special groups, each with its report (or 未报送) and a table of its tasks
// with their lights; 二、the key tasks' reports. A4 portrait, 宋体 (SimSun) throughout, no embedded
// fonts, real heading styles so Word's navigation pane and table of contents work. Pure: plain data in,
// a .docx buffer out (no database, no request), so it is tested directly.
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBaseParagraphStyleOptions,
} from "docx";
import { formatDate } from "@/lib/i18n/format";
import type { Translate } from "@/lib/i18n/translate";
import type { Light } from "@/lib/tasks/rules";
import type { CompiledReport, QuarterlyCompilation } from "./quarterly-schemas";

/** 宋体 for every script; Word falls back to the system's own when SimSun is missing. */
const SONG = { ascii: "SimSun", hAnsi: "SimSun", eastAsia: "宋体", cs: "SimSun" };

/** Cell fills of the lights, the colours of the office's Excel 台账 (lib/ledger/export.ts). */
const LIGHT_FILLS: Record<Light, string> = {
  RED: "FFC7CE",
  YELLOW: "FFEB9C",
  GREEN: "C6EFCE",
  NOT_STARTED: "EDEDED",
  PENDING_CLOSE: "DDEBF7",
  DONE: "D9D9D9",
};

// Sizes in half-points: 二号 22pt for the title, 三号 16pt for section headings, 四号 14pt for text, 五号 10.5pt in tables.
const TITLE = 44;
const HEADING = 32;
const SUBHEADING = 30;
const TEXT = 28;
const SMALL = 21;

// A4 in twips, with the margins of GB/T 9704 (3.7 / 3.5 / 2.8 / 2.6 cm).
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: 2098, bottom: 1984, left: 1588, right: 1474 };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** 序号 任务编号 任务名称 牵头单位 进度 预警 */
const COLUMN_WIDTHS = [700, 1600, 3244, 1700, 800, 800];

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text, heading: level });

/** Body text: one paragraph per line, indented two characters as Chinese documents are. */
function textParagraphs(text: string | null | undefined): Paragraph[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => new Paragraph({ children: [new TextRun(line)], indent: { firstLine: 2 * TEXT * 10 } }));
}

function reportBlock(report: CompiledReport | null, t: Translate): Paragraph[] {
  if (!report) return [new Paragraph({ children: [new TextRun({ text: t("quarterly.docx.notSubmitted"), bold: true })], indent: { firstLine: 560 } })];
  return [
    ...textParagraphs(report.body),
    ...(report.problems?.trim() ? [heading(t("quarterly.docx.problems"), HeadingLevel.HEADING_3), ...textParagraphs(report.problems)] : []),
    ...(report.nextSteps?.trim() ? [heading(t("quarterly.docx.nextSteps"), HeadingLevel.HEADING_3), ...textParagraphs(report.nextSteps)] : []),
  ];
}

function cell(text: string, width: number, options: { bold?: boolean; fill?: string; center?: boolean } = {}) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    shading: options.fill ? { type: ShadingType.CLEAR, color: "auto", fill: options.fill } : undefined,
    children: [
      new Paragraph({
        alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: options.bold, size: SMALL })],
      }),
    ],
  });
}

function taskTable(tasks: QuarterlyCompilation["groups"][number]["tasks"], t: Translate): Table {
  const headers = [
    t("quarterly.docx.columns.index"),
    t("quarterly.docx.columns.code"),
    t("quarterly.docx.columns.title"),
    t("quarterly.docx.columns.leadUnit"),
    t("quarterly.docx.columns.progress"),
    t("quarterly.docx.columns.light"),
  ];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMN_WIDTHS,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: headers.map((header, index) => cell(header, COLUMN_WIDTHS[index]!, { bold: true, fill: "E7E6E6", center: true })),
      }),
      ...tasks.map(
        (task, index) =>
          new TableRow({
            cantSplit: true,
            children: [
              cell(String(index + 1), COLUMN_WIDTHS[0]!, { center: true }),
              cell(task.code, COLUMN_WIDTHS[1]!),
              cell(task.title, COLUMN_WIDTHS[2]!),
              cell(task.leadUnit, COLUMN_WIDTHS[3]!),
              cell(`${task.percent}%`, COLUMN_WIDTHS[4]!, { center: true }),
              cell(t(`ledger.lights.${task.light}`), COLUMN_WIDTHS[5]!, { fill: LIGHT_FILLS[task.light], center: true }),
            ],
          }),
      ),
    ],
  });
}

/** A heading style in 宋体, with its outline level so Word's navigation pane and table of contents see it. */
const headingStyle = (size: number, outlineLevel: number): IBaseParagraphStyleOptions => ({
  run: { font: SONG, size, bold: true, color: "000000" },
  paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, outlineLevel },
});

/** The .docx of a quarter's compilation. `t` is the office's (Chinese) catalogue. */
export async function buildQuarterlyDocx(data: QuarterlyCompilation, t: Translate): Promise<Buffer> {
  const quarter = t(`quarterly.quarterNames.q${data.quarter as 1 | 2 | 3 | 4}`);
  const title = t("quarterly.docx.title", { region: data.regionName, year: data.year, quarter });
  const asOf = formatDate(data.asOf, "zh-CN");

  const groups = data.groups.flatMap((group) => [
    heading(group.name, HeadingLevel.HEADING_2),
    ...reportBlock(group.report, t),
    new Paragraph({
      spacing: { before: 120, after: 60 },
      children: [new TextRun({ text: t("quarterly.docx.taskTable", { asOf }), bold: true, size: SMALL })],
    }),
    ...(group.tasks.length
      ? [taskTable(group.tasks, t)]
      : [new Paragraph({ children: [new TextRun({ text: t("quarterly.docx.noTasks"), size: SMALL })] })]),
  ]);
  const keyTasks = data.keyTasks.length
    ? data.keyTasks.flatMap((task) => [
        heading(task.title, HeadingLevel.HEADING_2),
        new Paragraph({
          children: [
            new TextRun({
              text: t("quarterly.docx.taskFacts", {
                code: task.code,
                unit: task.leadUnit,
                leader: task.leader ?? t("quarterly.docx.noLeader"),
              }),
              size: SMALL,
            }),
          ],
        }),
        ...reportBlock(task.report, t),
      ])
    : textParagraphs(t("quarterly.docx.noKeyTasks"));

  const document = new Document({
    creator: data.officeName,
    title,
    styles: {
      default: {
        document: { run: { font: SONG, size: TEXT }, paragraph: { spacing: { line: 360 } } },
        title: { run: { font: SONG, size: TITLE, bold: true, color: "000000" }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 120 } } },
        heading1: headingStyle(HEADING, 0),
        heading2: headingStyle(SUBHEADING, 1),
        heading3: headingStyle(TEXT, 2),
      },
    },
    sections: [
      {
        properties: { page: { size: { ...PAGE, orientation: PageOrientation.PORTRAIT }, margin: MARGIN } },
        children: [
          new Paragraph({ text: title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 360 },
            children: [new TextRun(t("quarterly.docx.subtitle", { office: data.officeName, date: formatDate(data.madeAt, "zh-CN") }))],
          }),
          heading(t("quarterly.docx.groups"), HeadingLevel.HEADING_1),
          ...groups,
          heading(t("quarterly.docx.keyTasks"), HeadingLevel.HEADING_1),
          ...keyTasks,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
