// 形式主义预警 in the demo county: three stories, each raising exactly its signal (lib/signals) —
// a monthly report copied from last month with one figure changed, a percent left unchanged for
// three monthly reports while the task lags, and one set of meeting minutes filed as evidence for two
// tasks — and nothing else: the generated texts that happen to repeat last month's are varied, and a
// percent that happens to stand still is nudged. Works on the rows buildDemo has made, without
// randomness, so the demo stays deterministic; a day on which a story has no room (January: no
// consecutive reports yet) simply goes without it.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Prisma } from "@/lib/db/prisma";
import { runSignalRefresh } from "@/lib/signals/refresh-sql";
import { DEFAULT_SIGNAL_SETTINGS, latestRun, trigramSimilarity } from "@/lib/signals/rules";
import type { SeedOptions, World } from "./seed";

type Rows = World["rows"];
type ReportRow = Rows["progressReport"][number];
type TaskRow = Rows["reformTask"][number];

/** What the stories used, for the tests and the log. */
export interface PlantedSignals {
  copiedReportId: string | null;
  frozenTaskId: string | null;
  reusedAttachmentId: string | null;
  /** files to write under the evidence directory (storage key → bytes) */
  files: { storageKey: string; bytes: Buffer }[];
}

/** Generated texts at least this similar to the unit's previous one are varied: well clear of the default 90 %. */
const VARY_AT = 0.8;

const time = (value: Date | string | null | undefined) => (value ? new Date(value).getTime() : 0);
const monthKey = (period: Date | string) => new Date(period).toISOString().slice(0, 7);
const monthIndex = (period: Date | string) => new Date(period).getUTCFullYear() * 12 + new Date(period).getUTCMonth();
const hash = (text: string) => [...text].reduce((sum, char) => (sum * 31 + char.codePointAt(0)!) % 9973, 7);

/** Non-draft reports of each task and unit, oldest first. */
function threads(rows: Rows): ReportRow[][] {
  const byKey = new Map<string, ReportRow[]>();
  for (const row of rows.progressReport) {
    if (row.status === "DRAFT") continue;
    const key = `${row.taskId}|${row.unitId}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  return [...byKey.values()].map((list) => list.sort((a, b) => time(a.period) - time(b.period)));
}

/** A month's own sentence: what was done, with figures that differ from month to month. */
function monthSentence(row: ReportRow, round: number): string {
  const m = monthIndex(row.period);
  const h = hash(`${row.taskId}${row.unitId}`) + round * 5;
  const a = 1 + ((m * 7 + h) % 4);
  const b = 3 + ((m * 13 + h) % 20);
  const sentences = [
    `本月召开专题调度会${a}次，协调解决具体问题${b}个。`,
    `本月开展实地督导${a}次，推动整改落实问题${b}项。`,
    `本月组织业务培训${a}场，覆盖经办人员${b * 10}人次。`,
    `本月收集群众和企业意见建议${b}条，已逐条研究办理。`,
    `本月赴基层走访调研${a}次，形成调研专报${a}篇。`,
  ];
  return sentences[(m + h) % sentences.length]!;
}

/** The generated texts that repeat the unit's previous report get the month's own sentence. */
function varyRepeatedTexts(rows: Rows) {
  for (const thread of threads(rows)) {
    for (let i = 1; i < thread.length; i++) {
      const previous = thread[i - 1]!;
      const row = thread[i]!;
      for (let round = 0; round < 3 && trigramSimilarity(previous.progress, row.progress) >= VARY_AT; round++)
        row.progress = `${row.progress}${monthSentence(row, round)}`;
    }
  }
}

/** A task's approved lead reports, newest first. */
function approvedLead(rows: Rows, task: TaskRow): ReportRow[] {
  return rows.progressReport
    .filter((row) => row.taskId === task.id && row.unitId === task.leadUnitId && row.kind === "LEAD" && row.status === "APPROVED")
    .sort((a, b) => time(b.period) - time(a.period));
}

/** The task's cached actual percent: that of its latest approved lead report (DESIGN §3). */
function recache(rows: Rows, task: TaskRow) {
  if (task.status === "DONE") return;
  const latest = approvedLead(rows, task)[0];
  task.actualPercent = latest?.percent ?? 0;
}

/**
 * A percent that happens to stand still for the default months gets one point more in its latest
 * month (one point less in the first month of the run when that would make 100).
 */
function nudgeFrozenPercents(rows: Rows) {
  for (const task of rows.reformTask) {
    for (let round = 0; round < 12; round++) {
      const approved = approvedLead(rows, task);
      const run = latestRun(approved.map((row) => ({ period: new Date(row.period), percent: row.percent ?? 0 })));
      if (!run || run.percent >= 100 || run.months < DEFAULT_SIGNAL_SETTINGS.signalFrozenMonths) break;
      if (run.percent < 99) {
        const latest = approved[0]!;
        latest.percent = run.percent + 1;
        // later reports of the task (submitted, returned) never fall below it
        for (const row of rows.progressReport)
          if (
            row.taskId === task.id &&
            row.kind === "LEAD" &&
            time(row.period) > time(latest.period) &&
            (row.percent ?? 0) < latest.percent
          )
            row.percent = latest.percent;
      } else {
        const first = approved.find((row) => time(row.period) === run.first.getTime())!;
        first.percent = run.percent - 1;
      }
      recache(rows, task);
    }
  }
}

/**
 * Tasks a story may use: in progress, neither key (quarterly reports quote their percents) nor under
 * a notice or a close-out; this year's first (in January, last year's unfinished ones).
 */
function plainTasks(world: World, taken: Set<string>): TaskRow[] {
  const noticed = new Set(world.rows.supervisionNotice.map((notice) => notice.taskId));
  const closing = new Set(world.rows.closeOutRequest.map((request) => request.taskId));
  return world.rows.reformTask
    .filter((task) => task.status === "ACTIVE" && !task.isKey && !noticed.has(task.id!) && !closing.has(task.id!) && !taken.has(task.id!))
    .sort((a, b) => b.year - a.year || a.code.localeCompare(b.code));
}

const quote = (text: string) => `“${text.replace(/“/g, "‘").replace(/”/g, "’")}”`;

/**
 * 月报雷同: a task's latest report repeats the one before word for word but for one figure. A
 * report of last month waiting for review when there is one (the office meets it in 进展审核),
 * else the latest approved one.
 */
function plantCopiedReport(world: World, taken: Set<string>): string | null {
  const candidates = plainTasks(world, taken).flatMap((task) => {
    const lead = threads(world.rows).find((thread) => thread[0]?.taskId === task.id && thread[0]?.unitId === task.leadUnitId) ?? [];
    const latest = lead.at(-1);
    const before = lead.at(-2);
    if (!latest || !before || (latest.status !== "SUBMITTED" && latest.status !== "APPROVED")) return [];
    return [{ task, latest, before, consecutive: monthIndex(latest.period) - monthIndex(before.period) === 1 }];
  });
  const chosen =
    candidates.find((c) => c.consecutive && c.latest.status === "SUBMITTED") ?? candidates.find((c) => c.consecutive) ?? candidates[0];
  if (!chosen) return null;
  const { task, latest, before } = chosen;
  const unit = world.unitsById.get(task.leadUnitId)?.name ?? "";
  const text = (meetings: number) =>
    `本月，${unit}围绕${quote(task.title)}持续推进各项工作：召开专题推进会${meetings}次，进一步明确成员单位职责分工和时间节点；` +
    "完成实施方案修改完善，征求相关部门和镇（街道）意见建议12条；建立任务推进台账，实行挂图作战、对账销号，改革推进总体有序。";
  before.progress = text(2);
  latest.progress = text(3);
  taken.add(task.id!);
  return latest.id!;
}

/**
 * 进度停滞: a lagging task's last three approved lead reports (three months in a row) give the same
 * percent, the first of them: the unit kept reporting, the work did not move.
 */
function plantFrozenPercent(world: World, taken: Set<string>): string | null {
  const serious = new Set(world.tasks.filter((task) => task.profile === "SERIOUS").map((task) => task.id));
  for (const task of plainTasks(world, taken).filter((row) => serious.has(row.id!))) {
    const [a, b, c] = approvedLead(world.rows, task);
    if (!a || !b || !c || monthIndex(a.period) - monthIndex(c.period) !== 2) continue;
    if ((c.percent ?? 0) <= 0 || (c.percent ?? 0) >= 90) continue;
    a.percent = c.percent;
    b.percent = c.percent;
    recache(world.rows, task);
    taken.add(task.id!);
    return task.id!;
  }
  return null;
}

/** A small real PDF (one page, a line of text), so the demo's evidence opens in the browser. */
export function demoPdf(line: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${line}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/**
 * 佐证重复: one unit files the same meeting minutes as evidence for two of its tasks in the same
 * month. The later filing raises the signal.
 */
function plantReusedFile(world: World, taken: Set<string>, files: PlantedSignals["files"]): string | null {
  // the latest month in which one unit has approved reports on two of its tasks
  const tasks = plainTasks(world, taken);
  let pair: { task: TaskRow; report: ReportRow }[] | undefined;
  for (let month = world.clock.lastMonth - 1; month > world.clock.lastMonth - 13 && !pair; month--) {
    const byUnit = new Map<string, { task: TaskRow; report: ReportRow }[]>();
    for (const task of tasks) {
      const report = approvedLead(world.rows, task).find((row) => monthIndex(row.period) === month);
      if (report) byUnit.set(task.leadUnitId, [...(byUnit.get(task.leadUnitId) ?? []), { task, report }]);
    }
    pair = [...byUnit.values()].find((list) => list.length >= 2);
  }
  if (!pair) return null;
  const bytes = demoPdf(`Meeting minutes ${monthKey(pair[0]!.report.period)} (demo)`);
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const ids: string[] = [];
  // the file goes in with each report a little before its submission: the later submission is the reuse
  const filings = pair.slice(0, 2).sort((a, b) => time(a.report.submittedAt) - time(b.report.submittedAt));
  filings.forEach(({ task, report }, i) => {
    const id = world.nextId("att");
    const storageKey = `${monthKey(report.period).replace("-", "/")}/00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`;
    const submittedAt = new Date(report.submittedAt ?? report.period);
    world.rows.attachment.push({
      id,
      committeeId: world.committeeId,
      entityType: "ProgressReport",
      entityId: report.id!,
      fileName: "专题推进会会议纪要.pdf",
      storageKey,
      mimeType: "application/pdf",
      size: bytes.length,
      sha256,
      uploadedById: report.submittedById ?? null,
      round: 1,
      createdAt: new Date(submittedAt.getTime() - 30 * 60_000),
    });
    files.push({ storageKey, bytes });
    ids.push(id);
    taken.add(task.id!);
  });
  return ids[1] ?? null;
}

/** What plantSignals did to each built demo, for finishDemoSignals once the rows are written. */
const planted = new WeakMap<Rows, PlantedSignals>();

/** The stories, and the demo's other texts and percents kept clear of them. Call once all rows are built. */
export function plantSignals(world: World): PlantedSignals {
  varyRepeatedTexts(world.rows);
  nudgeFrozenPercents(world.rows);
  const taken = new Set<string>();
  const files: PlantedSignals["files"] = [];
  const result = {
    copiedReportId: plantCopiedReport(world, taken),
    frozenTaskId: plantFrozenPercent(world, taken),
    reusedAttachmentId: plantReusedFile(world, taken, files),
    files,
  };
  planted.set(world.rows, result);
  return result;
}

/** The stories of a built demo (null when it was not built by buildDemo). */
export const plantedSignalsOf = (rows: Rows): PlantedSignals | null => planted.get(rows) ?? null;

/**
 * In the seed's transaction, once the rows are in: the evidence files go under the upload directory
 * (when the seed is given one), and the signals are computed as of the demo's day, as the daily job would.
 */
export async function finishDemoSignals(tx: Prisma.TransactionClient, rows: Rows, options: SeedOptions): Promise<void> {
  const stories = planted.get(rows);
  if (options.evidenceDir && stories) {
    for (const file of stories.files) {
      const target = path.join(options.evidenceDir, file.storageKey);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, file.bytes, { mode: 0o600 });
    }
  }
  for (const committee of rows.committee) await runSignalRefresh(tx, { committeeId: committee.id! }, options.today);
}
