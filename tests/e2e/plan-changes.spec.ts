// 计划调整 in the browser: the demo county's plan is issued, so the office cannot move a lagging
// task's due date in the task form; it files a change request with the approving document, approves
// it, and the ledger then marks the task (调整 1 次) and computes its light from the new plan from
// the approval day only — the day before still shows the old due date and the old light.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { appDay, expect, planYearInView, signInToPortal, test } from "./fixtures";
import { MB, pdfOf } from "./evidence-files";

const iso = (day: Date) => day.toISOString().slice(0, 10);

/** The ledger row of one task (searched by its code) as of a day: its light label, due date and badges. */
async function ledgerRow(page: Page, code: string, asOf?: string) {
  await page.goto(`/tasks?year=${planYearInView()}&q=${encodeURIComponent(code)}${asOf ? `&asOf=${asOf}` : ""}`);
  const row = page.getByTestId("ledger-table").locator("tbody tr").filter({ hasText: code });
  await expect(row).toHaveCount(1);
  const cells = row.locator("td");
  return { row, light: (await cells.first().innerText()).trim(), text: await row.innerText() };
}

test("the office files a due-date change for a lagging task; approved, the ledger shows 调整 1 次 and the new plan counts from the approval day only", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInToPortal(page, "office");
  const yesterday = iso(appDay(-1));

  // a red task of the plan in view that has no change request waiting
  await page.goto(`/tasks?year=${planYearInView()}&light=RED&status=ACTIVE&adjusted=0&size=100`);
  const rows = page.getByTestId("ledger-table").locator("tbody tr");
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  let code = "";
  let taskUrl = "";
  for (let index = 0; index < Math.min(count, 8) && !taskUrl; index++) {
    await page.goto(`/tasks?year=${planYearInView()}&light=RED&status=ACTIVE&adjusted=0&size=100`);
    await rows.nth(index).click();
    await page.waitForURL(/\/tasks\/[^/?]+$/);
    if (await page.getByTestId("request-change").isVisible()) {
      taskUrl = page.url();
      code = (await page.locator("span.font-mono").first().innerText()).trim();
    }
  }
  expect(taskUrl, "a red task the office may file a change for").not.toBe("");

  // the task form does not take the due date of an issued plan: it says where to go instead
  await page.getByTestId("edit-task").click();
  await expect(page.getByTestId("controlled-hint")).toContainText("申请调整");
  await expect(page.getByRole("dialog").getByLabel("完成时限")).toBeDisabled();
  await page.keyboard.press("Escape");

  const before = await ledgerRow(page, code, yesterday);
  const oldDue = before.text.match(/\d{4}-\d{2}-\d{2}/)![0];
  expect(before.light).not.toBe("");
  await page.goto(taskUrl);

  // the request: a new due date, the reason, the approving document (a scanned PDF)
  const newDue = `${Number(oldDue.slice(0, 4)) + 1}-03-31`;
  await page.getByTestId("request-change").click();
  const dialog = page.getByTestId("change-dialog");
  await dialog.getByLabel("完成时限").fill(newDue);
  // the last milestone moves with the due date it sat on
  const milestoneDates = dialog.getByLabel("计划完成日期");
  for (let index = 0; index < (await milestoneDates.count()); index++) {
    if ((await milestoneDates.nth(index).inputValue()) === oldDue) await milestoneDates.nth(index).fill(newDue);
  }
  await dialog.getByRole("button", { name: "提交申请" }).click();
  await expect(dialog.getByText("请填写调整理由")).toBeVisible();
  await dialog.getByLabel(/调整理由/).fill("省级配套政策延后出台，经专项小组研究，申请将完成时限顺延。");
  await dialog
    .getByTestId("change-uploader")
    .getByTestId("evidence-input")
    .setInputFiles([{ name: "专项小组会议纪要.pdf", mimeType: "application/pdf", buffer: pdfOf(3 * MB, "Minutes") }]);
  await expect(dialog.getByTestId("change-evidence").getByTestId("evidence-file")).toHaveCount(1, { timeout: 60_000 });
  await dialog.getByRole("button", { name: "提交申请" }).click();
  await expect(dialog).toBeHidden();

  const section = page.getByTestId("task-changes");
  const item = section.getByTestId("change-item").first();
  await expect(item).toContainText("待审核");
  await expect(item.getByTestId("change-lines")).toContainText("完成时限");
  await expect(item).toContainText("专项小组会议纪要.pdf");
  fs.mkdirSync("reports/screenshots", { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await section.screenshot({ path: "reports/screenshots/plan-change-pending-1440.png" });

  // the office approves
  await item.getByTestId("approve-change").click();
  await expect(item).toContainText("已批准");
  await expect(item.getByTestId("change-effective")).toBeVisible();
  await expect(section.getByTestId("adjusted-count")).toHaveText("已调整 1 次");
  await page.setViewportSize({ width: 390, height: 844 });
  await section.screenshot({ path: "reports/screenshots/plan-change-approved-390.png" });
  await page.setViewportSize({ width: 1440, height: 900 });

  // today: the new due date, marked 调整 1 次, found by the filter
  const today = await ledgerRow(page, code);
  expect(today.text).toContain(newDue);
  await expect(today.row.getByTestId("adjusted-badge")).toHaveText("调整 1 次");
  await page.goto(`/tasks?year=${planYearInView()}&adjusted=1&q=${encodeURIComponent(code)}`);
  await expect(page.getByTestId("ledger-table").locator("tbody tr").filter({ hasText: code })).toHaveCount(1);

  // the day before the approval: the old due date and the old light, not yet adjusted
  const dayBefore = await ledgerRow(page, code, yesterday);
  expect(dayBefore.text).toContain(oldDue);
  expect(dayBefore.text).not.toContain(newDue);
  expect(dayBefore.light).toBe(before.light);
  await expect(dayBefore.row.getByTestId("adjusted-badge")).toHaveCount(0);

  // the year's 调整情况 lists it, and its Excel downloads
  await page.goto(`/tasks/changes?year=${planYearInView()}`);
  await expect(page.getByTestId("change-row").filter({ hasText: code })).toContainText("已批准");
  await page.screenshot({ path: "reports/screenshots/plan-changes-list-1440.png", fullPage: true });
  const download = await page.request.get(`/tasks/changes/export?year=${planYearInView()}`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toContain("spreadsheetml");
  expect((await download.body()).subarray(0, 2).toString()).toBe("PK");
});
