// The annual plan pages scoped like the ledger (issue 15, item 2): the demo reporter sees only the
// work points holding tasks its unit leads or cooperates on, with those tasks counted and labelled
// as its unit's, and no workbook to download (the address answers 403); the office sees the whole
// plan and downloads the workbook with every task in it.
import ExcelJS from "exceljs";
import fs from "node:fs";
import pg from "pg";
import type { Page } from "@playwright/test";
import { appDay, expect, signInToPortal, test } from "./fixtures";

const YEAR = appDay().getUTCFullYear();
const UNIT = "县自然资源和规划局";

interface PlanFacts {
  id: string;
  /** every live work point of the plan, by number */
  points: string[];
  tasks: number;
  /** the points holding a task the unit leads or cooperates on, and those tasks */
  unitPoints: string[];
  unitTasks: number;
  unitDone: number;
  /** the unit's tasks under no work point */
  unitUnassigned: number;
}

let facts: PlanFacts;

test.beforeAll(async () => {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const plan = (await client.query(`SELECT id FROM "WorkPlan" WHERE year = $1 AND "deletedAt" IS NULL`, [YEAR])).rows[0] as {
      id: string;
    };
    const unitTasks = `SELECT t.id, t."workPointId", t.status FROM "ReformTask" t JOIN "Unit" u ON u.name = $2
       WHERE t."planId" = $1 AND t."deletedAt" IS NULL
         AND (t."leadUnitId" = u.id OR EXISTS (SELECT 1 FROM "TaskCooperatingUnit" c WHERE c."taskId" = t.id AND c."unitId" = u.id))`;
    const points = await client.query<{ number: string }>(`SELECT number FROM "WorkPoint" WHERE "planId" = $1 AND "deletedAt" IS NULL`, [
      plan.id,
    ]);
    const tasks = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "ReformTask" WHERE "planId" = $1 AND "deletedAt" IS NULL`,
      [plan.id],
    );
    const mine = await client.query<{ id: string; workPointId: string | null; status: string }>(unitTasks, [plan.id, UNIT]);
    const unitPoints = await client.query<{ number: string }>(
      `SELECT number FROM "WorkPoint" WHERE "deletedAt" IS NULL AND id = ANY($1::text[])`,
      [mine.rows.flatMap((row) => (row.workPointId ? [row.workPointId] : []))],
    );
    facts = {
      id: plan.id,
      points: points.rows.map((row) => row.number),
      tasks: tasks.rows[0]!.n,
      unitPoints: unitPoints.rows.map((row) => row.number),
      unitTasks: mine.rows.length,
      unitDone: mine.rows.filter((row) => row.status === "DONE").length,
      unitUnassigned: mine.rows.filter((row) => row.workPointId === null).length,
    };
  } finally {
    await client.end();
  }
  // the journey is about a unit with some of the plan's tasks, in a plan with many more
  expect(facts.unitTasks).toBeGreaterThan(0);
  expect(facts.tasks - facts.unitTasks).toBeGreaterThan(50);
  expect(facts.unitPoints.length).toBeLessThan(facts.points.length);
});

async function screenshots(page: Page, name: string) {
  fs.mkdirSync("reports/screenshots", { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `reports/screenshots/${name}-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `reports/screenshots/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

const number = (value: number) => value.toLocaleString("zh-CN");

test("a reporter sees only its unit's work points and counts on the plan pages, and no workbook", async ({ page }) => {
  await signInToPortal(page, "reporter");
  await page.goto("/tasks/plans");
  const card = page.getByTestId(`plan-${YEAR}`);
  await expect(card.getByTestId("plan-figure-tasks")).toHaveText(`本单位任务${number(facts.unitTasks)}`);
  await expect(card.getByTestId("plan-figure-points")).toHaveText(`涉及本单位的要点${number(facts.unitPoints.length)}`);
  await expect(card.getByTestId("plan-figure-done")).toHaveText(`本单位已销号${number(facts.unitDone)}`);
  await expect(page.getByTestId("plan-scope-note")).toContainText("只列出本单位牵头或配合的任务所在的工作要点");
  await expect(page.getByTestId("plan-workbook")).toHaveCount(0);
  await screenshots(page, "plans-reporter");

  await card.getByRole("heading").getByRole("link").click();
  await expect(page.getByTestId("plan-fact-tasks")).toHaveText(`本单位任务${number(facts.unitTasks)}`);
  await expect(page.getByTestId("plan-fact-points")).toHaveText(`涉及本单位的要点${number(facts.unitPoints.length)}`);
  const rows = page.locator('li[data-testid^="point-"]');
  await expect(rows).toHaveCount(facts.unitPoints.length);
  for (const point of facts.unitPoints) await expect(page.getByTestId(`point-${point}`)).toBeVisible();
  const outside = facts.points.find((point) => !facts.unitPoints.includes(point))!;
  await expect(page.getByTestId(`point-${outside}`)).toHaveCount(0);
  // each point's badge says whose tasks it counts, and the counts add up to the unit's tasks under points
  const badges = await page.getByTestId("point-tasks").allTextContents();
  expect(badges.every((text) => /^本单位任务 \d+ 项$/.test(text))).toBe(true);
  const underPoints = badges.reduce((sum, text) => sum + Number(/\d+/.exec(text)![0]), 0);
  expect(underPoints).toBe(facts.unitTasks - facts.unitUnassigned);
  // and under each, how many of them the unit leads and how many it cooperates on
  const splits = await page.getByTestId("point-lead").allTextContents();
  expect(splits).toHaveLength(facts.unitPoints.length);
  expect(splits.every((text) => /^(牵头 \d+ 项|配合 \d+ 项|牵头 \d+ 项 · 配合 \d+ 项)$/.test(text))).toBe(true);
  await expect(page.getByTestId("plan-workbook")).toHaveCount(0);
  await screenshots(page, "plan-reporter");

  // the workbook's address itself refuses, in the user's language
  const refused = await page.request.get(`/tasks/plans/${facts.id}/workbook`);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain("仅改革办和县领导可以下载");

  // and the note leads to the ledger of the plan's year, where the unit's tasks are
  await page.getByTestId("plan-scope-note").getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/tasks\\?year=${YEAR}`));
  await expect(page.getByTestId("ledger-table")).toBeVisible();
});

test("the office sees the whole plan and downloads the workbook with every task", async ({ page }) => {
  await signInToPortal(page, "office");
  await page.goto(`/tasks/plans/${facts.id}`);
  await expect(page.getByTestId("plan-fact-tasks")).toHaveText(`全部任务${number(facts.tasks)}`);
  await expect(page.getByTestId("plan-fact-points")).toHaveText(`工作要点${number(facts.points.length)}`);
  await expect(page.locator('li[data-testid^="point-"]')).toHaveCount(facts.points.length);
  await expect(page.getByTestId("plan-scope-note")).toHaveCount(0);
  await screenshots(page, "plan-office");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("plan-workbook").click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`${YEAR}年工作要点\\.xlsx$`));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  expect(workbook.getWorksheet("改革任务")!.actualRowCount - 1).toBe(facts.tasks);
  expect(workbook.getWorksheet("工作要点")!.actualRowCount - 1).toBe(facts.points.length);
});
