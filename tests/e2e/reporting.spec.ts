// The "1+2" reporting loop (issue 5): a unit reporter opens 本月待报 and fills two tasks — one
// kept as a draft, one submitted; the office returns the submitted one with a comment; the
// reporter is notified, fixes it and resubmits; the office approves. Then the office downloads
// the quarter's Word compilation, which is opened and checked here.
import fs from "node:fs";
import JSZip from "jszip";
import type { Page } from "@playwright/test";
import { expect, signInToPortal, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

const COMMENT = "请补充本月完成的具体事项和量化数据后重新报送。";
let draftCode = "";
let submittedCode = "";
let period = "";

/** The owed cards still open for input: not yet submitted, and nothing approved this month. */
async function openCards(page: Page) {
  const cards = page.locator('[data-testid^="owed-card-"][data-state="NONE"]');
  await expect(cards.first()).toBeVisible();
  return cards;
}

async function fill(card: ReturnType<Page["locator"]>, text: string) {
  await card.getByTestId("report-progress").fill(text);
  // 100% can never be a drop below the last approved percent
  await card.getByTestId("report-percent").fill("100");
}

test("a unit reporter keeps one task as a draft and submits another from 本月待报", async ({ page }) => {
  fs.mkdirSync("reports/screenshots", { recursive: true });
  await signInToPortal(page, "reporter");
  await page.goto("/reports");
  period = new URL(page.url()).searchParams.get("period") ?? "";
  const cards = await openCards(page);
  const first = cards.nth(0);
  const second = cards.nth(1);
  draftCode = ((await first.getAttribute("data-testid")) ?? "").replace("owed-card-", "");
  submittedCode = ((await second.getAttribute("data-testid")) ?? "").replace("owed-card-", "");

  const draft = page.getByTestId(`owed-card-${draftCode}`);
  await fill(draft, "完成方案初稿，正在征求相关部门意见。");
  await draft.getByTestId("report-save").click();
  await expect(draft).toHaveAttribute("data-state", "DRAFT");

  const submitted = page.getByTestId(`owed-card-${submittedCode}`);
  await fill(submitted, "召开专题推进会一次。");
  await submitted.getByTestId("report-submit").click();
  await expect(submitted).toHaveAttribute("data-state", "SUBMITTED");
  await expect(draft).toHaveAttribute("data-state", "DRAFT");
  await page.screenshot({ path: "reports/screenshots/reports-owed.png", fullPage: true });
});

async function reviewRow(page: Page) {
  await page.goto(`/reports/review?status=SUBMITTED&size=100${period ? `&period=${period}` : ""}`);
  const row = page.locator(`[data-testid="review-row"][data-task-code="${submittedCode}"]`);
  await expect(row).toBeVisible();
  return row;
}

test("the office returns the submitted report with a comment", async ({ page }) => {
  await signInToPortal(page, "office");
  const row = await reviewRow(page);
  await row.getByTestId("review-open").click();
  const dialog = page.getByTestId("review-dialog");
  await dialog.getByTestId("review-comment").fill(COMMENT);
  await dialog.getByTestId("review-return").click();
  await expect(dialog).toBeHidden();
  await expect(page.locator(`[data-testid="review-row"][data-task-code="${submittedCode}"]`)).toHaveCount(0);
});

test("the reporter is notified, fixes the report and resubmits it", async ({ page }) => {
  await signInToPortal(page, "reporter");
  await page.goto("/dashboard");
  await expect(page.getByTestId("notification-count")).toBeVisible();
  await page.getByTestId("notification-bell").click();
  const item = page.getByTestId("notification-menu").getByTestId("notification-item").filter({ hasText: "退回" }).first();
  await expect(item).toContainText(COMMENT);
  await item.click();
  await page.waitForURL(/\/reports/);

  const card = page.getByTestId(`owed-card-${submittedCode}`);
  await expect(card).toHaveAttribute("data-state", "RETURNED");
  await expect(card.getByTestId("report-return-comment")).toContainText(COMMENT);
  await card.getByTestId("report-progress").fill("召开专题推进会一次，出台配套文件2件，完成试点村3个。");
  await card.getByTestId("report-submit").click();
  await expect(card).toHaveAttribute("data-state", "SUBMITTED");
  await expect(page.getByTestId(`owed-card-${draftCode}`)).toHaveAttribute("data-state", "DRAFT");
});

test("the office approves the resubmitted report and the task shows the whole thread", async ({ page }) => {
  await signInToPortal(page, "office");
  const row = await reviewRow(page);
  await row.getByTestId("review-open").click();
  const dialog = page.getByTestId("review-dialog");
  await expect(dialog).toContainText("出台配套文件2件");
  await dialog.getByTestId("review-approve").click();
  await expect(dialog).toBeHidden();

  // the task's own plan year (its code's prefix): on 1–5 January that is last year's plan
  await page.goto(`/tasks?year=${submittedCode.slice(0, 4)}&q=${encodeURIComponent(submittedCode)}`);
  await page.getByTestId("ledger-table").getByText(submittedCode).click();
  await page.waitForURL(/\/tasks\/[^/?]+$/);
  await expect(page.getByText(COMMENT).first()).toBeVisible();
  await page.screenshot({ path: "reports/screenshots/task-report-thread.png", fullPage: true });
});

test("the quarter's reports download as one Word document with the office's sections", async ({ page }) => {
  await signInToPortal(page, "office");
  await page.goto("/reports/quarterly");
  await page.screenshot({ path: "reports/screenshots/reports-quarterly.png", fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("quarterly-export").click()]);
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  const file = await download.path();
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  const text = xml.replace(/<[^>]+>/g, "");
  expect(text).toContain("季度工作情况汇编");
  expect(text).toContain("一、专项小组工作情况");
  expect(text).toContain("二、重点改革任务季度进展");
  expect(text).toContain("经济体制和生态文明体制改革专项小组");
});

test("the office sees report compliance for the month and chases a unit (催报)", async ({ page }) => {
  await signInToPortal(page, "office");
  await page.goto("/reports/compliance");
  await expect(page.getByTestId("compliance-tile-expected")).toBeVisible();
  await page.screenshot({ path: "reports/screenshots/reports-compliance.png", fullPage: true });
  const row = page
    .locator('[data-testid="compliance-unit-row"]')
    .filter({ has: page.getByTestId("remind-unit") })
    .first();
  await row.getByTestId("remind-unit").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByTestId("remind-message").fill("请于本周内补报本月改革任务进展。");
  await dialog.getByRole("button", { name: "发送催报" }).click();
  await expect(row.getByTestId("remind-result")).toContainText(/已向 1 家单位发送催报|没有填报员账号/);
});
