// 形式主义预警 in the browser (issue 16 item 2): the office finds the demo's copied report in its
// signal list, opens it in 进展审核, reads the two reports side by side with the differences marked,
// and dismisses the signal with a reason — refused without one — after which the list shows it
// dismissed, with the reason. The office's workbench and the cockpit count the open signals, and the
// ledger filters by them; a unit's reporter finds none of it.
import { expect, signInToPortal, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

const REASON = "经电话核实，该单位本月确实延续上月工作，已要求下月起如实写明新增进展。";

test("the office compares the copied report with the previous one and dismisses the signal with a reason", async ({ page }) => {
  await signInToPortal(page, "office");

  // the workbench and the cockpit count the open signals and lead to the list
  await page.goto("/");
  const card = page.getByTestId("workbench-card-signals");
  await expect(card).toBeVisible();
  const before = Number(await card.getByTestId("workbench-count-signals").innerText());
  expect(before).toBeGreaterThanOrEqual(1);
  await page.goto("/dashboard");
  await expect(page.getByTestId("cockpit-signals")).toBeVisible();
  await expect(page.getByTestId("cockpit-signals-COPIED_REPORT")).toContainText("月报雷同");

  // the list, filtered to copied reports: one readable row
  await page.goto("/reports/signals");
  await expect(page.getByRole("link", { name: "形式主义预警", exact: true })).toBeVisible();
  await page.getByTestId("signals-kind-COPIED_REPORT").click();
  const row = page.locator('[data-testid="signal-row"][data-kind="COPIED_REPORT"]');
  await expect(row).toHaveCount(1);
  const code = (await row.getAttribute("data-task-code"))!;
  await expect(row.getByTestId("signal-finding")).toContainText(/相似度为 \d+(\.\d)?%/);
  await expect(row).toContainText("待核实");

  // 进展审核 of that report: the two texts side by side, the differences marked
  await row.getByTestId("signal-open").click();
  await expect(page).toHaveURL(/\/reports\/review\?/);
  const reviewRow = page.locator(`[data-testid="review-row"][data-task-code="${code}"]`);
  await expect(reviewRow).toBeVisible();
  await reviewRow.getByTestId("review-open").click();
  const dialog = page.getByTestId("review-dialog");
  const panel = dialog.getByTestId("review-signals");
  await expect(panel).toBeVisible();
  const signal = panel.locator('[data-testid="review-signal"][data-kind="COPIED_REPORT"]');
  await expect(signal).toContainText("月报雷同");
  const diff = signal.getByTestId("signal-diff");
  await expect(diff.getByTestId("signal-diff-before")).toContainText("（上期）");
  await expect(diff.getByTestId("signal-diff-after")).toContainText("（本期）");
  // what the copy changed: a figure left out of the previous text, another written in its place
  await expect(diff.getByTestId("signal-diff-removed").first()).toBeVisible();
  await expect(diff.getByTestId("signal-diff-added").first()).toBeVisible();
  const removed = await diff.getByTestId("signal-diff-removed").allInnerTexts();
  const added = await diff.getByTestId("signal-diff-added").allInnerTexts();
  expect(removed.join("")).not.toBe(added.join(""));
  // most of the text is shared: far more than what differs
  const after = await diff.getByTestId("signal-diff-after").innerText();
  expect(after.length).toBeGreaterThan(10 * added.join("").length);
  await page.screenshot({ path: "reports/screenshots/signals-compare.png", fullPage: true });

  // dismissing needs a reason
  await signal.getByTestId("signal-dismiss-open").click();
  const dismiss = page.getByTestId("signal-dismiss-dialog");
  await expect(dismiss).toBeVisible();
  await dismiss.getByTestId("signal-dismiss-submit").click();
  await expect(dismiss.getByText("请填写排除理由（至少 2 个字）")).toBeVisible();
  await dismiss.getByTestId("signal-dismiss-reason").fill(REASON);
  await dismiss.getByTestId("signal-dismiss-submit").click();
  await expect(dismiss).toBeHidden();
  await expect(signal.getByTestId("review-signal-dismissed")).toContainText(REASON);
  await expect(signal.getByTestId("signal-dismiss-open")).toHaveCount(0);

  // the list: no longer open; among the dismissed, with who and why
  await page.goto("/reports/signals?kind=COPIED_REPORT");
  await expect(page.locator('[data-testid="signal-row"][data-kind="COPIED_REPORT"]')).toHaveCount(0);
  await page.goto("/reports/signals?kind=COPIED_REPORT&state=dismissed");
  const dismissed = page.locator(`[data-testid="signal-row"][data-task-code="${code}"]`);
  await expect(dismissed.getByTestId("signal-dismissal")).toContainText(REASON);
  await expect(dismissed).toContainText("已排除");
  await page.goto("/");
  await expect(page.getByTestId("workbench-count-signals")).toHaveText(String(before - 1));
});

test.describe("the ledger's filter and the other roles", () => {
  test.use({ expectedErrorUrls: [/\/reports\/signals$/] });

  test("the ledger filters by signal for the office; a unit's reporter has no signals to see", async ({ page }) => {
    await signInToPortal(page, "office");
    await page.goto("/reports/signals?size=100");
    const codes = new Set(
      (await page.getByTestId("signal-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-task-code")))).filter(
        (code): code is string => Boolean(code),
      ),
    );
    expect(codes.size).toBeGreaterThanOrEqual(1);

    await page.goto("/tasks");
    await page.getByLabel("形式主义预警").selectOption("ANY");
    await page.getByRole("search").getByRole("button", { name: "查询" }).click();
    await expect(page).toHaveURL(/signal=ANY/);
    // the ledger lists the plan year's tasks that have an open signal, and only those
    const rows = page.getByTestId("ledger-table").locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    const listed = await rows.allInnerTexts();
    expect(listed.length).toBeGreaterThanOrEqual(1);
    for (const text of listed)
      expect(
        [...codes].some((code) => text.includes(code)),
        text,
      ).toBe(true);

    await page.context().clearCookies();
    await signInToPortal(page, "reporter");
    await page.goto("/reports/compliance");
    await expect(page.getByRole("link", { name: "形式主义预警", exact: true })).toHaveCount(0);
    expect((await page.goto("/reports/signals"))?.status()).toBe(404);
    await page.goto("/tasks");
    await expect(page.getByLabel("形式主义预警")).toHaveCount(0);
  });
});
