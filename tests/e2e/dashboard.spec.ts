// Dashboards (issue 6): a leader reads the cockpit, clicks the red segment of one group's bar and
// lands on the ledger filtered to exactly those tasks; the timeline renders; the cockpit and the
// workbenches pass an accessibility scan; screenshots at desktop and phone widths.
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, planYearInView, signInToPortal, test } from "./fixtures";

const PHONE = { width: 390, height: 844 };

async function expectNoSeriousViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(
    serious.map((violation) => `${name}: ${violation.id} (${violation.nodes.length}) ${violation.nodes[0]?.target.join(" ")}`),
    "serious accessibility violations",
  ).toEqual([]);
}

test.beforeAll(() => fs.mkdirSync("reports/screenshots", { recursive: true }));

test("a leader clicks a group's red segment on the cockpit and sees exactly those tasks in the ledger", async ({ page }) => {
  await signInToPortal(page, "leader");
  await page.goto(`/dashboard?year=${planYearInView()}`);
  const red = page.locator('[data-testid^="group-bar-"][data-testid$="-RED"]').first();
  await expect(red).toBeAttached();
  const label = (await red.getAttribute("aria-label")) ?? "";
  const count = Number(/(\d+)\s*项/.exec(label)?.[1]);
  expect(count).toBeGreaterThan(0);
  await page.screenshot({ path: "reports/screenshots/cockpit-desktop.png", fullPage: true });

  await red.click();
  await page.waitForURL(/\/tasks\?/);
  const url = new URL(page.url());
  expect(url.searchParams.getAll("light")).toEqual(["RED"]);
  expect(url.searchParams.get("group")).toBeTruthy();
  await expect(page.getByTestId("ledger-total")).toHaveAttribute("data-total", String(count));
  const rows = page.getByTestId("ledger-table").locator("tbody tr");
  await expect(rows).toHaveCount(Math.min(count, 20));
  for (const badge of await rows.locator("td:first-child").allTextContents()) expect(badge).toContain("严重滞后/逾期");
});

test("the cockpit reads on a phone and in the big-screen mode", async ({ page }) => {
  await signInToPortal(page, "leader");
  await page.setViewportSize(PHONE);
  await page.goto("/dashboard");
  await expect(page.locator('[data-testid^="group-bar-"]').first()).toBeAttached();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await page.screenshot({ path: "reports/screenshots/cockpit-phone.png", fullPage: true });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto("/dashboard/screen");
  await expect(page.locator('[data-testid^="group-bar-"]').first()).toBeAttached();
  await page.screenshot({ path: "reports/screenshots/cockpit-screen.png" });
});

test("the 挂图作战 timeline renders bars with milestones and a today line", async ({ page }) => {
  await signInToPortal(page, "office");
  await page.goto("/tasks/timeline");
  await expect(page.getByTestId("timeline-chart")).toBeVisible();
  await expect(page.getByTestId("timeline-bar").first()).toBeVisible();
  await expect(page.getByTestId("timeline-milestone").first()).toBeAttached();
  await expect(page.getByTestId("timeline-today")).toBeAttached();
  await page.screenshot({ path: "reports/screenshots/timeline.png", fullPage: true });
});

test("the cockpit has no serious accessibility violations", async ({ page }) => {
  await signInToPortal(page, "leader");
  await page.goto("/dashboard");
  await expect(page.locator('[data-testid^="group-bar-"]').first()).toBeAttached();
  await expectNoSeriousViolations(page, "cockpit");
});

test("the office workbench has no serious accessibility violations", async ({ page }) => {
  await signInToPortal(page, "office");
  await expect(page.getByTestId("workbench-office")).toBeVisible();
  await expectNoSeriousViolations(page, "office workbench");
  await page.screenshot({ path: "reports/screenshots/workbench-office.png", fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: "reports/screenshots/workbench-office-phone.png", fullPage: true });
});

test("the unit workbench has no serious accessibility violations", async ({ page }) => {
  await signInToPortal(page, "reporter");
  await expect(page.getByTestId("workbench-unit")).toBeVisible();
  await expectNoSeriousViolations(page, "unit workbench");
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: "reports/screenshots/workbench-unit-phone.png", fullPage: true });
});
