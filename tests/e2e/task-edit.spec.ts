// Editing a task in the browser, and what happens when two people edit it at once: the second
// save is refused with the first person's change named, and nothing is overwritten.
import { expect, signInToPortal, test } from "./fixtures";

test("the office edits a task; a stale second edit is refused and says who changed what", async ({ page, context }) => {
  await signInToPortal(page, "office");
  await page.goto("/tasks?q=2026");
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

  await other.getByTestId("edit-task").click();
  await other.getByRole("dialog").getByLabel("改革目标").fill("由另一位工作人员先行修改的改革目标。");
  await other.getByRole("dialog").getByRole("button", { name: "保存" }).click();
  await expect(other.getByRole("dialog")).toBeHidden();

  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog.getByRole("alert")).toContainText("该记录已被他人修改");
  await expect(dialog.getByTestId("task-conflict")).toContainText("goal");

  await page.reload();
  await expect(page.getByText("由另一位工作人员先行修改的改革目标。").first()).toBeVisible();
  await page.getByTestId("edit-task").click();
  await page.getByRole("dialog").getByLabel("任务名称").fill(`${original}（修订）`);
  await page.getByRole("dialog").getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("heading", { name: `${original}（修订）` })).toBeVisible();
});
