// The annual assessment (issue 7): the office runs and publishes the year's scores; a unit opens
// its own score card and follows one indicator (task-months on schedule) down to the tasks behind it.
import { expect, planYearInView, signInToPortal, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

test("the office runs the year's assessment and publishes it", async ({ page }) => {
  await signInToPortal(page, "office");
  await page.goto(`/assessment?year=${planYearInView()}`);
  await page.getByTestId("assessment-run").click();
  await page.getByRole("dialog").getByRole("button", { name: "确定" }).click();
  await expect(page.getByTestId("score-row").first()).toBeVisible();
  await page.getByTestId("assessment-publish").click();
  await page.getByRole("dialog").getByRole("button", { name: "确定" }).click();
  await expect(page.getByTestId("assessment-publish")).toHaveCount(0);
  await page.screenshot({ path: "reports/screenshots/assessment-office.png", fullPage: true });
});

test("a unit opens its score and follows the schedule indicator down to its tasks", async ({ page }) => {
  await signInToPortal(page, "reporter");
  await page.goto(`/assessment?year=${planYearInView()}`);
  const card = page.getByTestId("score-card");
  await expect(card).toBeVisible();
  await expect(page.getByTestId("score-row")).toHaveCount(0); // a unit sees its own card, not the ranking of others
  const trace = card.getByTestId("indicator-trace-schedule"); // its started tasks, month by month
  await trace.locator("summary").click();
  await page.screenshot({ path: "reports/screenshots/assessment-unit.png", fullPage: true });
  const task = trace.locator('a[href^="/tasks/"]:not([data-testid])').first();
  await expect(task).toBeVisible();
  await task.click();
  await page.waitForURL(/\/tasks\/[^/?]+$/);
  await expect(page.getByText("县自然资源和规划局").first()).toBeVisible();
});
