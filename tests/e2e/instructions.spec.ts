// 领导批示 and 办理反馈 (issue 16 item 4): from the cockpit a leader writes an instruction on a red
// task they are linked to; the lead unit's reporter finds it on the workbench (待办理批示) and
// answers with what was done; the leader then sees it answered on the cockpit (待落实批示) and in
// the task page's 批示 section, and confirms it carried out. Screenshots at desktop and phone widths.
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import pg from "pg";
import { appDay, expect, signInToPortal, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

const DAY = 86_400_000;
const today = appDay(); // the portal's day, which a run may pin with APP_NOW
const day = (offset: number) => new Date(today.getTime() + offset * DAY);
const TASK = "e2e-instruction-task";
const TITLE = "端到端测试：不动产登记“一窗受理”改革";
const CONTENT = "不动产登记“一窗受理”进度严重滞后，请县自然资源和规划局倒排工期，本月内拿出整改方案并反馈。";
const ANSWER = "已召开专题推进会，整改方案已印发，窗口人员培训于下周完成，月底前全面实行一窗受理。";
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function shoot(page: Page, name: string) {
  for (const [size, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    // nothing sticks out sideways at either width
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${size}`).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `reports/screenshots/instructions-${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

async function expectNoSeriousViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(
    serious.map((violation) => `${name}: ${violation.id} (${violation.nodes.length}) ${violation.nodes[0]?.target.join(" ")}`),
    "serious accessibility violations",
  ).toEqual([]);
}

test.beforeAll(async () => {
  fs.mkdirSync("reports/screenshots", { recursive: true });
  // a task of the demo reporter's unit, linked to the demo leader, red because a milestone is 60 days late
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const one = async (sql: string, values: unknown[] = []) => (await client.query(sql, values)).rows[0] as Record<string, string | number>;
    const committee = await one(`SELECT id FROM "Committee" LIMIT 1`);
    const group = await one(`SELECT id FROM "SpecialGroup" WHERE "shortName" = '经济'`);
    const unit = await one(`SELECT id FROM "Unit" WHERE name = '县自然资源和规划局'`);
    const leader = await one(`SELECT id FROM "User" WHERE username = 'leader'`);
    const plan = await one(`SELECT id, year FROM "WorkPlan" WHERE year = $1`, [today.getUTCFullYear()]);
    await client.query(
      `DELETE FROM "Notification" WHERE link LIKE '/instructions/%' AND link IN (SELECT '/instructions/' || id FROM "Instruction" WHERE "taskId" = $1)`,
      [TASK],
    );
    await client.query(`DELETE FROM "Instruction" WHERE "taskId" = $1`, [TASK]);
    await client.query(`DELETE FROM "Milestone" WHERE "taskId" = $1`, [TASK]);
    await client.query(`DELETE FROM "ReformTask" WHERE id = $1`, [TASK]);
    await client.query(
      `INSERT INTO "ReformTask" (id, "committeeId", year, "planId", "groupId", code, title, goal, "leadUnitId", "leaderId", "isKey", source, "startDate", "dueDate", "actualPercent", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, '全面实行不动产登记一窗受理、集成服务。', $8, $9, true, 'SELF', $10, $11, 10, now())`,
      [TASK, committee.id, plan.year, plan.id, group.id, `${plan.year}-经济-903`, TITLE, unit.id, leader.id, day(-150), day(150)],
    );
    await client.query(
      `INSERT INTO "Milestone" (id, "taskId", title, "plannedDate", "plannedPercent", "sortOrder") VALUES
       ('e2e-instruction-ms-1', $1, '完成窗口整合', $2, 40, 1), ('e2e-instruction-ms-2', $1, '全面实行', $3, 100, 2)`,
      [TASK, day(-60), day(150)],
    );
  } finally {
    await client.end();
  }
});

test("from the cockpit a leader writes an instruction on a red task they are linked to", async ({ page }) => {
  await signInToPortal(page, "leader");
  // the home page lists the leader's own linked tasks with their lights, this red one among them
  const mine = page.getByTestId("workbench-my-tasks");
  await expect(mine.getByTestId("workbench-my-task-row").filter({ hasText: TITLE })).toContainText("严重滞后/逾期");
  await shoot(page, "leader-home");

  await page.goto(`/dashboard?year=${today.getUTCFullYear()}`);
  const row = page.getByTestId("cockpit-my-task-row").filter({ hasText: TITLE });
  await expect(row).toContainText("严重滞后/逾期");
  await row.getByTestId("cockpit-instruct").click();
  const dialog = page.getByTestId("cockpit-instruct-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("以 钱思远 的名义批示");
  await page.screenshot({ path: "reports/screenshots/instructions-write-dialog-desktop.png" });
  // an empty instruction is refused with a field message, nothing is sent
  await dialog.getByRole("button", { name: "发出批示" }).click();
  await expect(dialog).toContainText("此项为必填项");
  await dialog.getByTestId("cockpit-instruct-content").fill(CONTENT);
  await expect(dialog.getByTestId("cockpit-instruct-due")).toHaveValue(day(7).toISOString().slice(0, 10));
  await dialog.getByRole("button", { name: "发出批示" }).click();
  await expect(dialog).toBeHidden();

  const pending = page.getByTestId("cockpit-instructions-row").filter({ hasText: CONTENT });
  await expect(pending).toBeVisible();
  await expect(pending.getByTestId("cockpit-instructions-status")).toHaveText("待办理");
  await expect(pending).toContainText("县自然资源和规划局");
  await expectNoSeriousViolations(page, "cockpit");
  await shoot(page, "cockpit");
});

test("the lead unit's reporter sees it on the workbench, with its answer-by date, and answers", async ({ page }) => {
  await signInToPortal(page, "reporter");
  // the notification says so in words
  await page.goto("/notifications");
  await expect(page.getByTestId("notification-list")).toContainText(`钱思远对“${TITLE}”作出批示，请于`);
  await page.goto("/");
  const card = page.getByTestId("workbench-card-instructions");
  const row = card.getByTestId("instruction-card-row").filter({ hasText: CONTENT });
  await expect(row).toBeVisible();
  await expect(row).toContainText("钱思远批示");
  await expect(row).toContainText("还剩 7 天");
  await shoot(page, "unit-workbench");
  await row.getByRole("link", { name: CONTENT }).click();
  await page.waitForURL(/\/instructions\/[^/?]+$/);
  await expect(page.getByTestId("instruction-content")).toHaveText(CONTENT);
  await expect(page.getByTestId("instruction-status")).toHaveText("待办理");

  await page.getByTestId("instruction-answer-content").fill(ANSWER);
  await page.getByTestId("instruction-answer-submit").click();
  await expect(page.getByTestId("instruction-answers")).toContainText(ANSWER);
  await expect(page.getByTestId("instruction-status")).toHaveText("已反馈");
  await expect(page.getByTestId("instruction-answer-form")).toHaveCount(0);
  await expectNoSeriousViolations(page, "instruction page");
  await shoot(page, "answered");
});

test("the leader sees it answered on the cockpit and on the task page, and confirms it carried out", async ({ page }) => {
  await signInToPortal(page, "leader");
  await page.goto("/dashboard");
  const pending = page.getByTestId("cockpit-instructions-row").filter({ hasText: CONTENT });
  await expect(pending.getByTestId("cockpit-instructions-status")).toHaveText("已反馈");
  await expect(pending.getByTestId("cockpit-instructions-answer")).toContainText(ANSWER);

  await page.goto(`/tasks/${TASK}`);
  const section = page.getByTestId("task-instructions");
  const item = section.getByTestId("instruction-item").filter({ hasText: CONTENT });
  await expect(item.getByTestId("instruction-status")).toHaveText("已反馈");
  await expect(item.getByTestId("instruction-latest-answer")).toContainText(ANSWER);
  await shoot(page, "task-page");

  await item.getByTestId("instruction-open").click();
  await page.waitForURL(/\/instructions\/[^/?]+$/);
  await page.getByTestId("instruction-close").click();
  await expect(page.getByTestId("instruction-status")).toHaveText("已落实");
  await expect(page.getByTestId("instruction-thread")).toContainText("确认已落实");
  // carried out: no longer among the cockpit's instructions to carry out
  await page.goto("/dashboard");
  await expect(page.getByTestId("cockpit-instructions-row").filter({ hasText: CONTENT })).toHaveCount(0);
});

test.describe("out of scope", () => {
  test.use({ expectedErrorUrls: [/\/instructions\/[^/]+$/] });

  test("another unit's reporter cannot open the instruction", async ({ page }) => {
    const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
    await client.connect();
    const id = (await client.query(`SELECT id FROM "Instruction" WHERE "taskId" = $1`, [TASK])).rows[0]?.id as string;
    await client.end();
    await signInToPortal(page, "reporter2");
    const response = await page.goto(`/instructions/${id}`);
    expect(response?.status()).toBe(404);
    await page.goto("/instructions");
    await expect(page.getByText(CONTENT)).toHaveCount(0);
  });
});
