// A 督办单 as a Word document in official-document layout (GB/T 9704 in spirit): the red issuing
// office line (版头) over a red rule, the number, the title, the addressee, the body, the issuing
// office and date; then the lead unit's latest answer. A4, 宋体/仿宋 by name only (no embedded
// fonts). Pure: plain data in, a .docx buffer out, so it is tested directly.
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, TextRun } from "docx";
import type { Translate } from "@/lib/i18n/translate";

export interface NoticeDocxData {
  committeeName: string;
  officeName: string;
  number: string;
  levelLabel: string;
  taskCode: string;
  taskTitle: string;
  unitName: string;
  reason: string;
  lagDescription: string | null;
  issuedOn: Date;
  responseDueDate: Date;
  answer: {
    causeAnalysis: string;
    countermeasures: string;
    rectifyDeadline: Date;
    submittedAt: Date;
    decisionLabel: string | null;
    decisionComment: string | null;
  } | null;
}

const SONG = { ascii: "SimSun", hAnsi: "SimSun", eastAsia: "宋体", cs: "SimSun" };
const FANGSONG = { ascii: "FangSong", hAnsi: "FangSong", eastAsia: "仿宋_GB2312", cs: "FangSong" };
const RED = "C00000";
// half-points: 小标宋 二号 22pt for the header and title, 三号 16pt for the text
const HEADER = 52;
const TITLE = 44;
const TEXT = 32;
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: 2098, bottom: 1984, left: 1588, right: 1474 };

/** 2026年11月22日, the way dates are written on Chinese documents. */
export function chineseDate(day: Date): string {
  return `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日`;
}

function lines(text: string | null | undefined): Paragraph[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map(
      (line) =>
        new Paragraph({ indent: { firstLine: 2 * TEXT * 10 }, children: [new TextRun({ text: line, font: FANGSONG, size: TEXT })] }),
    );
}

const plain = (
  text: string,
  options: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number } = {},
) =>
  new Paragraph({
    alignment: options.align,
    spacing: options.before ? { before: options.before } : undefined,
    children: [new TextRun({ text, font: options.bold ? SONG : FANGSONG, size: TEXT, bold: options.bold })],
  });

/** The .docx of one notice; `t` is the office's (Chinese) catalogue. */
export async function buildNoticeDocx(data: NoticeDocxData, t: Translate): Promise<Buffer> {
  const office = t("supervision.docx.header", { committee: data.committeeName });
  const answer = data.answer;
  const document = new Document({
    creator: data.officeName,
    title: data.number,
    styles: { default: { document: { run: { font: FANGSONG, size: TEXT }, paragraph: { spacing: { line: 560, lineRule: "exact" } } } } },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        children: [
          // 版头: the issuing office in red, then the number above a red rule
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 240, after: 240, line: 800, lineRule: "exact" },
            children: [new TextRun({ text: office, font: SONG, size: HEADER, bold: true, color: RED })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 8 } },
            children: [new TextRun({ text: data.number, font: FANGSONG, size: TEXT })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 480, after: 240, line: 700, lineRule: "exact" },
            children: [new TextRun({ text: t("supervision.docx.title", { task: data.taskTitle }), font: SONG, size: TITLE, bold: true })],
          }),
          plain(t("supervision.docx.to", { unit: data.unitName })),
          ...lines(data.reason),
          ...lines(t("supervision.docx.task", { code: data.taskCode, title: data.taskTitle })),
          ...lines(t("supervision.docx.level", { level: data.levelLabel })),
          ...(data.lagDescription ? lines(t("supervision.docx.lag", { lag: data.lagDescription })) : []),
          ...lines(t("supervision.docx.due", { due: chineseDate(data.responseDueDate) })),
          plain(t("supervision.docx.signature", { committee: data.committeeName }), { align: AlignmentType.RIGHT, before: 720 }),
          plain(chineseDate(data.issuedOn), { align: AlignmentType.RIGHT }),
          // the answer
          new Paragraph({
            alignment: AlignmentType.CENTER,
            pageBreakBefore: true,
            spacing: { after: 240, line: 700, lineRule: "exact" },
            children: [new TextRun({ text: t("supervision.docx.answerTitle"), font: SONG, size: TITLE, bold: true })],
          }),
          ...(answer
            ? [
                plain(t("supervision.docx.causeAnalysis"), { bold: true }),
                ...lines(answer.causeAnalysis),
                plain(t("supervision.docx.countermeasures"), { bold: true }),
                ...lines(answer.countermeasures),
                plain(t("supervision.docx.rectifyDeadline", { date: chineseDate(answer.rectifyDeadline) }), { bold: true }),
                plain(t("supervision.docx.answeredBy", { unit: data.unitName, date: chineseDate(answer.submittedAt) }), { before: 240 }),
                ...(answer.decisionLabel
                  ? [
                      plain(
                        t("supervision.docx.decision", {
                          decision: answer.decisionLabel,
                          comment: answer.decisionComment ? `：${answer.decisionComment}` : "",
                        }),
                      ),
                    ]
                  : []),
              ]
            : [plain(t("supervision.docx.noAnswer"), { align: AlignmentType.CENTER })]),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
