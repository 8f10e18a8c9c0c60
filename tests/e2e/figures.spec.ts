// Honest figures (issue 14): 报送情况 with returned reports as a figure of their own and each figure's
// definition one click away; the unit workbench's headline; the assessment's score card with 不参与
// and its drill-down to the records — read as a user would, at desktop and phone widths.
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, planYearInView, signInToPortal, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

test.beforeAll(() => fs.mkdirSync("reports/screenshots", { recursive: true }));

async function expectNoSeriousViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${name}: ${violation.id} ${violation.nodes[0]?.target.join(" ")}`)).toEqual([]);
}

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

test("报送情况 shows 退回待重报 beside on time, late, missing and not due, each with its definition one click away", async ({ page }) => {
  await signInToPortal(page, "office");
  await page.setViewportSize(DESKTOP);
  await page.goto("/reports/compliance");
  const value = async (key: string) =>
    Number((await page.getByTestId(`compliance-tile-${key}`).getByTestId("compliance-tile-value").textContent())!.replace(/,/g, ""));
  const expected = await value("expected");
  const parts = (await Promise.all(["onTime", "late", "returned", "missing", "notDue"].map(value))).reduce((a, b) => a + b, 0);
  expect(parts).toBe(expected); // the five figures are disjoint and make up 应报
  await expect(page.getByTestId("compliance-tile-returned")).toContainText("退回待重报");

  const button = page.getByTestId("compliance-def-button-rate");
  await expect(button).toHaveAccessibleName("“按时报送率”的统计口径");
  await button.click();
  const definition = page.getByTestId("compliance-def-rate");
  await expect(definition).toBeVisible();
  await expect(definition).toContainText("退回待重报的月报计入分母、不计入分子");
  await page.screenshot({ path: "reports/screenshots/figures-compliance-definition.png" });
  await page.keyboard.press("Escape");
  await expect(definition).toBeHidden();
  await expectNoSeriousViolations(page, "compliance");
  await page.screenshot({ path: "reports/screenshots/figures-compliance-desktop.png", fullPage: true });

  await page.setViewportSize(PHONE);
  await page.getByTestId("compliance-def-button-returned").click();
  await expect(page.getByTestId("compliance-def-returned")).toContainText("重新报送后");
  await page.screenshot({ path: "reports/screenshots/figures-compliance-phone-definition.png" });
  await page.keyboard.press("Escape");
  await noHorizontalScroll(page);
  await page.screenshot({ path: "reports/screenshots/figures-compliance-phone.png", fullPage: true });
});

test("the unit workbench's headline counts its red and yellow tasks, as its title says", async ({ page }) => {
  await signInToPortal(page, "reporter");
  await page.setViewportSize(DESKTOP);
  await page.goto("/");
  const card = page.getByTestId("workbench-card-tasks");
  await expect(card).toContainText("本单位黄红灯任务");
  const headline = Number(await card.getByTestId("workbench-count-tasks").textContent());
  const rows = await card.getByTestId("workbench-task-row").count();
  expect(rows).toBe(Math.min(headline, 8));
  const summary = (await card.textContent()) ?? "";
  const [, red, yellow] = /红灯 (\d+) 项、黄灯 (\d+) 项/.exec(summary) ?? [];
  expect(Number(red) + Number(yellow)).toBe(headline);
  await page.screenshot({ path: "reports/screenshots/figures-workbench-desktop.png", fullPage: true });
  await page.setViewportSize(PHONE);
  await noHorizontalScroll(page);
  await page.screenshot({ path: "reports/screenshots/figures-workbench-phone.png", fullPage: true });
});

test("the assessment score card shows 不参与 where nothing was due and drills down to the records, each linking to its page", async ({
  page,
}) => {
  await signInToPortal(page, "office");
  await page.setViewportSize(DESKTOP);
  await page.goto(`/assessment?year=${planYearInView()}`);
  await page.getByTestId("assessment-run").click();
  await page.getByRole("dialog").getByRole("button", { name: "确定" }).click();
  await expect(page.getByTestId("score-row").first()).toBeVisible();
  // a unit that does not take part in some indicator, if the demo has one, else the first
  const absent = page
    .getByTestId("score-row")
    .filter({ has: page.getByTestId("ranking-absent") })
    .first();
  const row = (await absent.count()) ? absent : page.getByTestId("score-row").first();
  await row.getByRole("link").first().click();
  await page.waitForURL(/unit=/);
  const card = page.getByTestId("score-card");
  await expect(card).toBeVisible();
  const completion = card.getByTestId("indicator-trace-completion");
  await completion.locator("summary").click();
  const records = completion.getByTestId("drill-record");
  const takesPart = (await card.getByTestId("indicator-completion").getAttribute("data-takes-part")) === "true";
  if (takesPart) await expect(records.first()).toBeVisible();
  else await expect(card.getByTestId("indicator-completion").getByTestId("indicator-absent")).toContainText("不参与");
  await card.getByTestId("indicator-trace-timeliness").locator("summary").click();
  await expectNoSeriousViolations(page, "assessment");
  await card.screenshot({ path: "reports/screenshots/figures-assessment-card-desktop.png" });
  await page.screenshot({ path: "reports/screenshots/figures-assessment-desktop.png", fullPage: true });

  await page.setViewportSize(PHONE);
  await card.screenshot({ path: "reports/screenshots/figures-assessment-card-phone.png" });
  const link = card.getByTestId("indicator-trace-timeliness").getByTestId("drill-record").first().getByRole("link");
  await expect(link).toBeVisible();
  await link.click();
  await page.waitForURL(/\/tasks\/[^/?]+$/);
});
