// Lights with reasons (issue 16, item 3): a task at 100 % / 100 % that is past its due date is red,
// and the ledger (tooltip and unfolded row), the cockpit and the big screen say why; the task page
// honours the ledger's day (?asOf=) and says so, and refuses an unusable day in words. Screenshots
// at 1440 px and on a 390 px touch screen.
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import pg from "pg";
import { formatDate } from "@/lib/i18n/format";
import { appDay, appNow, expect, signInToPortal, test } from "./fixtures";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const TASK_ID = "e2e-reasons-task";
const TITLE = "端到端测试：企业开办“一网通办”全程网办改革";
const iso = (day: Date) => day.toISOString().slice(0, 10);
const zhDate = (day: Date) => formatDate(day, "zh-CN");

const today = appDay();
const start = appDay(-200);
const due = appDay(-30);
// a day before the due date: the milestone of 50 % reached, the reports on time → green
const past = appDay(-100);
const OVERDUE = `已过完成时限（${zhDate(due)}）30天，仍未销号`;
let code = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  fs.mkdirSync("reports/screenshots", { recursive: true });
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const one = async (sql: string, values: unknown[] = []) => (await client.query(sql, values)).rows[0] as Record<string, string | number>;
    const committee = await one(`SELECT id FROM "Committee" LIMIT 1`);
    const group = await one(`SELECT id FROM "SpecialGroup" WHERE "shortName" = '科技'`);
    const unit = await one(`SELECT id FROM "Unit" WHERE name = '县发展和改革委员会'`);
    const plan = await one(`SELECT id, year FROM "WorkPlan" WHERE year = $1`, [today.getUTCFullYear()]);
    code = `${plan.year}-科技-951`;
    await client.query(`DELETE FROM "ProgressReport" WHERE "taskId" = $1`, [TASK_ID]);
    await client.query(`DELETE FROM "Milestone" WHERE "taskId" = $1`, [TASK_ID]);
    await client.query(`DELETE FROM "ReformTask" WHERE id = $1`, [TASK_ID]);
    const lastMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
    await client.query(
      `INSERT INTO "ReformTask" (id, "committeeId", year, "planId", "groupId", code, title, goal, "leadUnitId", "isKey", source, "startDate", "dueDate", "actualPercent", "actualPeriod", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, '企业开办全流程一网通办，一日办结。', $8, true, 'SELF', $9, $10, 100, $11, now())`,
      [TASK_ID, committee.id, plan.year, plan.id, group.id, code, TITLE, unit.id, start, due, lastMonth],
    );
    await client.query(
      `INSERT INTO "Milestone" (id, "taskId", title, "plannedDate", "plannedPercent", "sortOrder") VALUES
       ('e2e-reasons-ms-1', $1, '出台改革实施方案', $2, 50, 1), ('e2e-reasons-ms-2', $1, '全面实现全程网办', $3, 100, 2)`,
      [TASK_ID, appDay(-150), due],
    );
    // a lead report for every month, submitted and approved on the 2nd of the next month: 50 % until
    // the month before the due month, 100 % since — at 100 % now, but never closed out
    const hundredFrom = Date.UTC(due.getUTCFullYear(), due.getUTCMonth() - 1, 1);
    const latest = appNow().getTime() - 3600_000;
    for (let period = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1)); period <= lastMonth;) {
      const next = new Date(Date.UTC(period.getUTCFullYear(), period.getUTCMonth() + 1, 1));
      const filed = new Date(Math.min(next.getTime() + 26 * 3600_000, latest));
      await client.query(
        `INSERT INTO "ProgressReport" (id, "taskId", "unitId", kind, period, progress, percent, status, "submittedAt", "firstSubmittedAt", "reviewedAt", "updatedAt")
         VALUES ($1, $2, $3, 'LEAD', $4, '按计划推进。', $5, 'APPROVED', $6, $6, $6, now())`,
        [`e2e-reasons-${iso(period)}`, TASK_ID, unit.id, period, period.getTime() < hundredFrom ? 50 : 100, filed],
      );
      period = next;
    }
  } finally {
    await client.end();
  }
});

async function expectNoSeriousViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(
    serious.map((violation) => `${name}: ${violation.id} (${violation.nodes.length}) ${violation.nodes[0]?.target.join(" ")}`),
    "serious accessibility violations",
  ).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

test.describe("at 1440 px", () => {
  test.use({ viewport: DESKTOP });

  test("a red task at 100 % / 100 % says in the ledger, the cockpit and the big screen that it is overdue", async ({ page }) => {
    await signInToPortal(page, "office");
    await page.goto(`/tasks?q=${encodeURIComponent(code)}`);
    const row = page.getByTestId("ledger-table").getByRole("row").filter({ hasText: code });
    await expect(row).toContainText("严重滞后/逾期");
    await expect(row).toContainText("100%");
    const light = row.getByTestId("ledger-light-reasons");
    await expect(light).toHaveAttribute("aria-expanded", "false");

    // hovering the light shows why
    await light.hover();
    const tooltip = page.getByTestId("ledger-reasons-tooltip");
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText(OVERDUE);
    await page.screenshot({ path: "reports/screenshots/reasons-ledger-tooltip-desktop.png" });

    // a click unfolds the reasons under the row (and does not open the task)
    await light.click();
    await expect(page).toHaveURL(/\/tasks\?/);
    await expect(light).toHaveAttribute("aria-expanded", "true");
    const unfolded = page.getByTestId("ledger-reasons-row");
    await expect(unfolded).toHaveCount(1);
    await expect(unfolded).toContainText("预警原因");
    await expect(unfolded).toContainText(OVERDUE);
    await expect(unfolded).not.toContainText("进度落后");
    await page.mouse.move(0, 0);
    await page.screenshot({ path: "reports/screenshots/reasons-ledger-desktop.png", fullPage: true });
    await expectNoSeriousViolations(page, "ledger with reasons");
    await light.click();
    await expect(unfolded).toHaveCount(0);

    // the cockpit's key tasks say the same
    await page.goto("/dashboard");
    const key = page.getByTestId("cockpit-key-task-row").filter({ hasText: code });
    await expect(key).toContainText("严重滞后/逾期");
    await expect(key.getByTestId("cockpit-key-task-reasons")).toHaveText(OVERDUE);
    // every red or yellow key task is explained
    for (const other of await page.getByTestId("cockpit-key-task-row").all()) {
      const light = (await other.locator("td").first().textContent()) ?? "";
      if (light === "严重滞后/逾期" || light === "滞后") await expect(other.getByTestId("cockpit-key-task-reasons")).toBeVisible();
      else await expect(other.getByTestId("cockpit-key-task-reasons")).toHaveCount(0);
    }
    await key.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "reports/screenshots/reasons-cockpit-desktop.png", fullPage: true });
    await page.getByTestId("cockpit-key-tasks").screenshot({ path: "reports/screenshots/reasons-cockpit-key-tasks-desktop.png" });

    // and the big screen
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto("/dashboard/screen");
    const screen = page.getByTestId("screen-key-task-row").filter({ hasText: code });
    await expect(screen.getByTestId("screen-key-task-reasons")).toHaveText(OVERDUE);
    await screen.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "reports/screenshots/reasons-screen.png" });
    await page.getByTestId("screen-key-task").screenshot({ path: "reports/screenshots/reasons-screen-key-tasks.png" });

    // the whole red and yellow ledger, three rows unfolded: the demo's own reasons, side by side
    await page.setViewportSize(DESKTOP);
    await page.goto("/tasks?light=RED,YELLOW&sort=light");
    const lights = page.getByTestId("ledger-light-reasons");
    for (const index of [0, 3, 8]) await lights.nth(index).click();
    await expect(page.getByTestId("ledger-reasons-row")).toHaveCount(3);
    await page.mouse.move(0, 0);
    await page.getByTestId("ledger-table").screenshot({ path: "reports/screenshots/reasons-ledger-many-desktop.png" });
  });

  test("the task page opened from the ledger's past day shows the light of that day, and today's on the way back", async ({ page }) => {
    await signInToPortal(page, "office");
    await page.goto(`/tasks?asOf=${iso(past)}&q=${encodeURIComponent(code)}`);
    const row = page.getByTestId("ledger-table").getByRole("row").filter({ hasText: code });
    await expect(row).toContainText("正常");
    await expect(row.getByTestId("ledger-light-reasons")).toHaveCount(0);
    await row.getByRole("link", { name: code }).click();

    await expect(page).toHaveURL(new RegExp(`/tasks/${TASK_ID}\\?asOf=${iso(past)}$`));
    await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
    await expect(page.getByTestId("task-light")).toHaveText("正常");
    await expect(page.getByTestId("task-light-as-of")).toHaveText(`截至 ${zhDate(past)}`);
    await expect(page.getByTestId("task-as-of-past")).toContainText(`正在查看 ${zhDate(past)} 的情况`);
    await expect(page.getByTestId("task-light-reasons")).toHaveCount(0);
    await page.screenshot({ path: "reports/screenshots/reasons-task-past-desktop.png", fullPage: true });
    await page.getByTestId("task-light-card").screenshot({ path: "reports/screenshots/reasons-task-past-light-desktop.png" });

    await page.getByTestId("task-as-of-past").getByRole("link", { name: "回到今天" }).click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${TASK_ID}$`));
    await expect(page.getByTestId("task-light")).toHaveText("严重滞后/逾期");
    await expect(page.getByTestId("task-light-reasons")).toHaveText(OVERDUE);
    await expect(page.getByTestId("task-as-of-past")).toHaveCount(0);
    await page.screenshot({ path: "reports/screenshots/reasons-task-desktop.png", fullPage: true });
    await page.getByTestId("task-light-card").screenshot({ path: "reports/screenshots/reasons-task-light-desktop.png" });

    // the day picker on the page itself
    await page.getByTestId("task-as-of-form").getByLabel("统计日期").fill(iso(past));
    await page.getByTestId("task-as-of-form").getByRole("button", { name: "查看" }).click();
    await expect(page).toHaveURL(new RegExp(`asOf=${iso(past)}`));
    await expect(page.getByTestId("task-light")).toHaveText("正常");
  });

  test("an unusable day is said in words and today is shown, never an error page", async ({ page }) => {
    await signInToPortal(page, "office");
    await page.goto(`/tasks/${TASK_ID}?asOf=2026-02-30`);
    await expect(page.getByTestId("task-as-of-problem")).toContainText("“2026-02-30”不是有效的日期");
    await expect(page.getByTestId("task-light")).toHaveText("严重滞后/逾期");
    await page.goto(`/tasks/${TASK_ID}?asOf=${encodeURIComponent("<b>昨天</b>")}`);
    await expect(page.getByTestId("task-as-of-problem")).toContainText("“<b>昨天</b>”不是有效的日期");
    await page.goto(`/tasks/${TASK_ID}?asOf=${iso(appDay(10))}`);
    await expect(page.getByTestId("task-as-of-problem")).toContainText("尚未到来");
    await expect(page.getByTestId("task-light-as-of")).toHaveText(`截至 ${zhDate(today)}`);
  });
});

test.describe("on a 390 px touch screen", () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test("a tap on the light unfolds the reasons within the screen; the cockpit and the task page read without sideways scrolling", async ({
    page,
  }) => {
    await signInToPortal(page, "office");
    await page.goto(`/tasks?q=${encodeURIComponent(code)}`);
    const row = page.getByTestId("ledger-table").getByRole("row").filter({ hasText: code });
    await row.getByTestId("ledger-light-reasons").tap();
    const unfolded = page.getByTestId("ledger-reasons-row");
    await expect(unfolded).toContainText(OVERDUE);
    const panel = (await unfolded.locator("div").first().boundingBox())!;
    expect(panel.x).toBeGreaterThanOrEqual(0);
    expect(panel.x + panel.width).toBeLessThanOrEqual(PHONE.width);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: "reports/screenshots/reasons-ledger-phone.png", fullPage: true });

    await page.goto("/dashboard");
    const key = page.getByTestId("cockpit-key-task-row").filter({ hasText: code });
    await expect(key.getByTestId("cockpit-key-task-reasons")).toHaveText(OVERDUE);
    await expectNoSidewaysScroll(page);
    await key.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "reports/screenshots/reasons-cockpit-phone.png" });
    await page.getByTestId("cockpit-key-tasks").screenshot({ path: "reports/screenshots/reasons-cockpit-key-tasks-phone.png" });

    await page.goto(`/tasks/${TASK_ID}?asOf=${iso(past)}`);
    await expect(page.getByTestId("task-light")).toHaveText("正常");
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: "reports/screenshots/reasons-task-past-phone.png", fullPage: true });
    await page.getByTestId("task-as-of-past").screenshot({ path: "reports/screenshots/reasons-task-past-notice-phone.png" });
    await page.goto(`/tasks/${TASK_ID}`);
    // the reasons under the title already, before the long page reaches the light's card
    await expect(page.getByTestId("task-header-reasons")).toHaveText(OVERDUE);
    await expect(page.getByTestId("task-light-reasons")).toHaveText(OVERDUE);
    await page.screenshot({ path: "reports/screenshots/reasons-task-top-phone.png" });
    await page.screenshot({ path: "reports/screenshots/reasons-task-phone.png", fullPage: true });
    await page.getByTestId("task-light-card").screenshot({ path: "reports/screenshots/reasons-task-light-phone.png" });
  });
});
