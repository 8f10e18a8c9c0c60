// Editing a task in the browser, and what happens when two people edit it at once: the second
// save is refused, the form shows the saved values beside the user's, nothing is overwritten, and
// the user can keep the fields they changed on top of the other person's save.
import { appDay, expect, signInToPortal, test } from "./fixtures";

test("the office edits a task; a stale second edit is refused, shown side by side and merged", async ({ page, context }) => {
  await signInToPortal(page, "office");
  // a task of this year's plan: its code carries the year
  await page.goto(`/tasks?q=${appDay().getUTCFullYear()}`);
  await page.getByTestId("ledger-table").locator("tbody tr").first().click();
  await page.waitForURL(/\/tasks\/[^/?]+$/);
  await expect(page.getByTestId("edit-task")).toBeVisible();
  const url = page.url();

  const other = await context.newPage();
  await other.setExtraHTTPHeaders({ "x-forwarded-for": "198.51.100.251" });
  await other.goto(url);

  await page.getByTestId("edit-task").click();
  const dialog = page.getByRole("dialog");
  const title = dialog.getByLabel("任务名称");
  const original = await title.inputValue();
  await title.fill(`${original}（修订）`);

  // the demo plan is issued: the goal, units and dates change through 计划调整; the source does not
  await other.getByTestId("edit-task").click();
  const source = other.getByRole("dialog").getByLabel("任务来源");
  const otherSource = (await source.inputValue()) === "PILOT" ? "SELF" : "PILOT";
  const otherSourceLabel = otherSource === "PILOT" ? "改革试点" : "自主谋划";
  await source.selectOption(otherSource);
  await other.getByRole("dialog").getByRole("button", { name: "保存" }).click();
  await expect(other.getByRole("dialog")).toBeHidden();

  await dialog.getByRole("button", { name: "保存" }).click();
  const conflict = dialog.getByTestId("task-conflict");
  await expect(conflict).toContainText("在您编辑期间修改了这项任务");
  await expect(conflict.getByTestId("conflict-source")).toContainText(otherSourceLabel);
  await expect(conflict.getByTestId("conflict-source")).toContainText("您未修改");
  await expect(conflict.getByTestId("conflict-title")).toContainText(`${original}（修订）`);
  await expect(conflict).toBeInViewport();
  await page.screenshot({ path: "reports/screenshots/task-conflict.png" });

  await conflict.getByTestId("conflict-keep-mine").click();
  await expect(dialog.getByLabel("任务来源")).toHaveValue(otherSource);
  await expect(title).toHaveValue(`${original}（修订）`);
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("heading", { name: `${original}（修订）` })).toBeVisible();
  await expect(page.getByText(otherSourceLabel).first()).toBeVisible();
});
