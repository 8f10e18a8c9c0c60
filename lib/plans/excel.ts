// Reading and writing the plan workbook (lib/tasks/excel-format.ts). No database here: the import
// service passes the lookups in, so parsing and row validation are tested on their own.
import ExcelJS from "exceljs";
import { guardWorkbook } from "@/lib/xlsx/guard";
import { milestoneProblems, nextTaskCode } from "@/lib/tasks/rules";
import { DUPLICATE_TITLE, duplicateTitleIds } from "@/lib/tasks/schemas";
import {
  LEVEL_LABELS,
  MILESTONE_COLUMNS,
  NO,
  POINT_COLUMNS,
  SHEETS,
  SOURCE_LABELS,
  TASK_COLUMNS,
  UNIT_SEPARATORS,
  YES,
} from "./excel-format";

type Level = keyof typeof LEVEL_LABELS;
type Source = keyof typeof SOURCE_LABELS;

/** One problem of one cell: the sheet, the Excel row number, the column header, a catalogue key. */
export interface ImportError {
  sheet: string;
  row: number;
  column: string;
  message: string;
  value?: string;
}

export interface PlanLookups {
  year: number;
  /** by full name and by short name */
  groups: Map<string, { id: string; shortName: string }>;
  /** active units of the committee, by name and short name */
  units: Map<string, string>;
  /** leaders by name */
  leaders: Map<string, string>;
  /** work points already in the plan, by number */
  points: Map<string, { id: string; groupId: string }>;
  /** every task code of the committee (for new codes and uniqueness) */
  codes: Set<string>;
  /** tasks already in the plan: code → id and title → {id, code} */
  tasksByCode: Map<string, string>;
  tasksByTitle: Map<string, { id: string; code: string }>;
}

export interface PointRow {
  row: number;
  number: string;
  groupId: string;
  title: string;
}

export interface TaskRow {
  row: number;
  /** the existing task this row updates, if any */
  existingId: string | null;
  code: string;
  pointNumber: string | null;
  groupId: string;
  title: string;
  goal: string;
  outcome: string | null;
  leadUnitId: string;
  cooperatingUnitIds: string[];
  leaderId: string | null;
  isKey: boolean;
  source: Source;
  pilotLevel: Level | null;
  startDate: Date;
  dueDate: Date;
  milestones: { title: string; plannedDate: Date; plannedPercent: number }[];
}

export interface ParsedPlan {
  points: PointRow[];
  tasks: TaskRow[];
  errors: ImportError[];
}

type Cell = ExcelJS.CellValue;

function text(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value)
      return value.richText
        .map((part) => part.text)
        .join("")
        .trim();
    if ("result" in value) return text(value.result as Cell);
    if ("text" in value) return String(value.text).trim();
    return "";
  }
  return String(value).trim();
}

/** A calendar day from a date cell or from text such as 2026-03-31, 2026/3/31 or 2026年3月31日. */
export function parseDay(value: Cell): Date | null {
  if (value instanceof Date) return new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()));
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text(value));
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

function reverse<T extends string>(labels: Record<T, string>, label: string): T | undefined {
  return (Object.keys(labels) as T[]).find((key) => labels[key] === label);
}

function rowsOf(sheet: ExcelJS.Worksheet | undefined, width: number): { row: number; cells: Cell[] }[] {
  if (!sheet) return [];
  const rows: { row: number; cells: Cell[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return; // header
    const cells = Array.from({ length: width }, (_, index) => row.getCell(index + 1).value);
    if (cells.some((cell) => text(cell) !== "")) rows.push({ row: number, cells });
  });
  return rows;
}

/** Reads and checks a plan workbook against the committee's data. All errors, not just the first. */
export async function parsePlanWorkbook(buffer: Uint8Array, lookups: PlanLookups): Promise<ParsedPlan> {
  const workbook = new ExcelJS.Workbook();
  const errors: ImportError[] = [];
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { points: [], tasks: [], errors: [{ sheet: "", row: 0, column: "", message: "import.errors.notWorkbook" }] };
  }
  for (const name of [SHEETS.points, SHEETS.tasks]) {
    if (!workbook.getWorksheet(name)) errors.push({ sheet: name, row: 0, column: "", message: "import.errors.missingSheet" });
  }
  if (errors.length) return { points: [], tasks: [], errors };

  const fail = (sheet: string, row: number, column: string, message: string, value?: string) =>
    errors.push({ sheet, row, column, message, value });

  // 工作要点
  const points: PointRow[] = [];
  const pointNumbers = new Map<string, string>(); // number → groupId
  for (const { row, cells } of rowsOf(workbook.getWorksheet(SHEETS.points), POINT_COLUMNS.length)) {
    const [number, group, title] = cells.map(text) as [string, string, string];
    const groupRef = lookups.groups.get(group);
    if (!number) fail(SHEETS.points, row, POINT_COLUMNS[0].header, "import.errors.required");
    else if (pointNumbers.has(number)) fail(SHEETS.points, row, POINT_COLUMNS[0].header, "import.errors.duplicate", number);
    if (!groupRef)
      fail(SHEETS.points, row, POINT_COLUMNS[1].header, group ? "import.errors.unknownGroup" : "import.errors.required", group);
    if (!title) fail(SHEETS.points, row, POINT_COLUMNS[2].header, "import.errors.required");
    if (number && groupRef && title && !pointNumbers.has(number)) {
      pointNumbers.set(number, groupRef.id);
      points.push({ row, number, groupId: groupRef.id, title: title.slice(0, 500) });
    }
  }

  // 改革任务
  const tasks: TaskRow[] = [];
  const codes = new Set(lookups.codes);
  const fileCodes = new Set<string>();
  /** titles of task rows already reported: their milestones are not reported again */
  const rejectedTitles = new Set<string>();
  const pending: { row: number; cells: string[]; raw: Cell[] }[] = [];
  for (const { row, cells } of rowsOf(workbook.getWorksheet(SHEETS.tasks), TASK_COLUMNS.length)) {
    pending.push({ row, cells: cells.map(text), raw: cells });
  }
  const header = (key: (typeof TASK_COLUMNS)[number]["key"]) => TASK_COLUMNS.find((column) => column.key === key)!.header;
  for (const { row, cells, raw } of pending) {
    const [code, point, group, title, goal, outcome, lead, cooperating, leader, isKey, source, pilotLevel] = cells as string[];
    const before = errors.length;
    const check = (ok: boolean, key: Parameters<typeof header>[0], message: string, value?: string) => {
      if (!ok) fail(SHEETS.tasks, row, header(key), message, value);
    };
    const groupRef = lookups.groups.get(group ?? "");
    check(Boolean(groupRef), "group", group ? "import.errors.unknownGroup" : "import.errors.required", group);
    check(Boolean(title), "title", "import.errors.required");
    check((title ?? "").length <= 200, "title", "import.errors.tooLong");
    check(Boolean(goal), "goal", "import.errors.required");
    const leadUnitId = lookups.units.get(lead ?? "");
    check(Boolean(leadUnitId), "leadUnit", lead ? "import.errors.unknownUnit" : "import.errors.required", lead);
    const cooperatingNames = (cooperating ?? "")
      .split(UNIT_SEPARATORS)
      .map((name) => name.trim())
      .filter(Boolean);
    const unknownUnits = cooperatingNames.filter((name) => !lookups.units.has(name));
    check(unknownUnits.length === 0, "cooperatingUnits", "import.errors.unknownUnit", unknownUnits.join("、"));
    const leaderId = leader ? lookups.leaders.get(leader) : null;
    check(!leader || Boolean(leaderId), "leader", "import.errors.unknownLeader", leader);
    check(!isKey || isKey === YES || isKey === NO, "isKey", "import.errors.yesNo", isKey);
    const sourceKey = reverse(SOURCE_LABELS, source ?? "");
    check(Boolean(sourceKey), "source", source ? "import.errors.unknownOption" : "import.errors.required", source);
    const levelKey = pilotLevel ? reverse(LEVEL_LABELS, pilotLevel) : null;
    check(!pilotLevel || Boolean(levelKey), "pilotLevel", "import.errors.unknownOption", pilotLevel);
    const startDate = parseDay(raw[12] ?? null);
    const dueDate = parseDay(raw[13] ?? null);
    check(Boolean(startDate), "startDate", cells[12] ? "import.errors.badDate" : "import.errors.required", cells[12]);
    check(Boolean(dueDate), "dueDate", cells[13] ? "import.errors.badDate" : "import.errors.required", cells[13]);
    check(!startDate || !dueDate || startDate <= dueDate, "dueDate", "import.errors.dueBeforeStart");
    check(!point || pointNumbers.has(point) || lookups.points.has(point), "point", "import.errors.unknownPoint", point);
    const existingByCode = code ? lookups.tasksByCode.get(code) : undefined;
    const existing = existingByCode ?? lookups.tasksByTitle.get(title ?? "")?.id ?? null;
    check(!code || existingByCode !== undefined || !codes.has(code), "code", "import.errors.codeTaken", code);
    check(!code || !fileCodes.has(code), "code", "import.errors.duplicate", code);
    if (errors.length > before || !groupRef || !leadUnitId || !sourceKey || !startDate || !dueDate) {
      if (title) rejectedTitles.add(title);
      continue;
    }

    const finalCode = code || lookups.tasksByTitle.get(title!)?.code || nextTaskCode(lookups.year, groupRef.shortName, [...codes]);
    codes.add(finalCode);
    fileCodes.add(finalCode);
    tasks.push({
      row,
      existingId: existing,
      code: finalCode,
      pointNumber: point || null,
      groupId: groupRef.id,
      title: title!,
      goal: goal!,
      outcome: outcome || null,
      leadUnitId,
      cooperatingUnitIds: [...new Set(cooperatingNames.map((name) => lookups.units.get(name)!))].filter((id) => id !== leadUnitId),
      leaderId: leaderId ?? null,
      isKey: isKey === YES,
      source: sourceKey,
      pilotLevel: levelKey ?? null,
      startDate,
      dueDate,
      milestones: [],
    });
  }

  // One title, one task in the plan — the rule the task form and the API keep too: the plan's tasks
  // the file leaves alone first, then the file's rows in order; a later holder of a title is refused.
  const updated = new Set(tasks.map((task) => task.existingId));
  const rowId = (task: TaskRow) => `row:${task.row}`;
  const taken = duplicateTitleIds([
    ...[...lookups.tasksByTitle].filter(([, task]) => !updated.has(task.id)).map(([title, task]) => ({ id: task.id, title })),
    ...tasks.map((task) => ({ id: rowId(task), title: task.title })),
  ]);
  for (const task of tasks.filter((candidate) => taken.has(rowId(candidate)))) {
    fail(SHEETS.tasks, task.row, header("title"), DUPLICATE_TITLE, task.title);
    rejectedTitles.add(task.title);
    tasks.splice(tasks.indexOf(task), 1);
  }

  // 序时进度
  const byTitle = new Map(tasks.map((task) => [task.title, task]));
  const milestoneRows = new Map<TaskRow, number[]>();
  for (const { row, cells } of rowsOf(workbook.getWorksheet(SHEETS.milestones), MILESTONE_COLUMNS.length)) {
    const [taskTitle, title] = cells.map(text) as [string, string];
    if (rejectedTitles.has(taskTitle)) continue;
    const task = byTitle.get(taskTitle);
    const plannedDate = parseDay(cells[2] ?? null);
    const percentText = text(cells[3] ?? null).replace(/%$/, "");
    const plannedPercent = Number(percentText);
    const before = errors.length;
    if (!task)
      fail(
        SHEETS.milestones,
        row,
        MILESTONE_COLUMNS[0].header,
        taskTitle ? "import.errors.unknownTask" : "import.errors.required",
        taskTitle,
      );
    if (!title) fail(SHEETS.milestones, row, MILESTONE_COLUMNS[1].header, "import.errors.required");
    if (!plannedDate)
      fail(
        SHEETS.milestones,
        row,
        MILESTONE_COLUMNS[2].header,
        text(cells[2] ?? null) ? "import.errors.badDate" : "import.errors.required",
        text(cells[2] ?? null),
      );
    if (!percentText || !Number.isFinite(plannedPercent))
      fail(SHEETS.milestones, row, MILESTONE_COLUMNS[3].header, "import.errors.badNumber", percentText);
    if (errors.length > before || !task || !plannedDate) continue;
    task.milestones.push({ title: title.slice(0, 200), plannedDate, plannedPercent });
    milestoneRows.set(task, [...(milestoneRows.get(task) ?? []), row]);
  }
  for (const task of tasks) {
    const rows = milestoneRows.get(task) ?? [];
    for (const problem of milestoneProblems(task.milestones, task)) {
      const column = problem.field === "plannedDate" ? MILESTONE_COLUMNS[2].header : MILESTONE_COLUMNS[3].header;
      fail(SHEETS.milestones, rows[problem.index] ?? 0, column, problem.message);
    }
  }

  errors.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
  return { points, tasks, errors };
}

export interface PlanWorkbookData {
  /** choices for the drop-down lists */
  lists: { groups: string[]; units: string[]; leaders: string[] };
  points?: { number: string; group: string; title: string }[];
  tasks?: {
    code: string;
    point: string | null;
    group: string;
    title: string;
    goal: string;
    outcome: string | null;
    leadUnit: string;
    cooperatingUnits: string[];
    leader: string | null;
    isKey: boolean;
    source: Source;
    pilotLevel: Level | null;
    startDate: Date;
    dueDate: Date;
    milestones: { title: string; plannedDate: Date; plannedPercent: number }[];
  }[];
}

interface ValidationSheet {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

const MAX_ROWS = 5000;
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1A43AD" } };

function sheetWith(workbook: ExcelJS.Workbook, name: string, columns: readonly { key: string; header: string; width: number }[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ key: column.key, header: column.header, width: column.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = HEADER_FILL;
  header.alignment = { vertical: "middle", wrapText: true };
  header.height = 30;
  return sheet;
}

function listValidation(sheet: ExcelJS.Worksheet, column: string, range: string) {
  (sheet as unknown as ValidationSheet).dataValidations.add(`${column}2:${column}${MAX_ROWS}`, {
    type: "list",
    allowBlank: true,
    formulae: [range],
    showErrorMessage: true,
    errorTitle: "无效的选项",
    error: "请从下拉列表中选择",
  });
}

/**
 * The plan workbook: the empty template the office downloads (only `lists`), or a plan's
 * contents in the same layout, which imports back to the same tasks.
 */
export async function buildPlanWorkbook(data: PlanWorkbookData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "改革任务管理平台";

  const points = sheetWith(workbook, SHEETS.points, POINT_COLUMNS);
  const tasks = sheetWith(workbook, SHEETS.tasks, TASK_COLUMNS);
  const milestones = sheetWith(workbook, SHEETS.milestones, MILESTONE_COLUMNS);
  const lists = workbook.addWorksheet(SHEETS.lists);
  const columns: [string, string[]][] = [
    ["专项小组", data.lists.groups],
    ["单位", data.lists.units],
    ["县领导", data.lists.leaders],
    ["任务来源", Object.values(SOURCE_LABELS)],
    ["试点层级", Object.values(LEVEL_LABELS)],
    ["是否", [YES, NO]],
  ];
  columns.forEach(([title, values], index) => {
    lists.getCell(1, index + 1).value = title;
    values.forEach((value, row) => (lists.getCell(row + 2, index + 1).value = value));
    lists.getColumn(index + 1).width = 28;
  });
  const range = (index: number) => {
    const letter = String.fromCharCode(65 + index);
    return `'${SHEETS.lists}'!$${letter}$2:$${letter}$${Math.max(2, columns[index]![1].length + 1)}`;
  };
  listValidation(points, "B", range(0));
  listValidation(tasks, "C", range(0));
  listValidation(tasks, "G", range(1));
  listValidation(tasks, "I", range(2));
  listValidation(tasks, "J", range(5));
  listValidation(tasks, "K", range(3));
  listValidation(tasks, "L", range(4));
  for (const column of ["M", "N"]) tasks.getColumn(column).numFmt = "yyyy-mm-dd";
  milestones.getColumn("C").numFmt = "yyyy-mm-dd";

  for (const point of data.points ?? []) points.addRow(point);
  for (const task of data.tasks ?? []) {
    tasks.addRow({
      ...task,
      point: task.point ?? "",
      outcome: task.outcome ?? "",
      cooperatingUnits: task.cooperatingUnits.join("、"),
      leader: task.leader ?? "",
      isKey: task.isKey ? YES : NO,
      source: SOURCE_LABELS[task.source],
      pilotLevel: task.pilotLevel ? LEVEL_LABELS[task.pilotLevel] : "",
    });
    for (const milestone of task.milestones) milestones.addRow({ task: task.title, ...milestone });
  }
  for (const sheet of [points, tasks, milestones]) {
    sheet.eachRow((row, number) => {
      if (number > 1) row.alignment = { vertical: "top", wrapText: true };
    });
  }
  // user text that looks like a formula stays text when edited in Excel/WPS
  guardWorkbook(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
