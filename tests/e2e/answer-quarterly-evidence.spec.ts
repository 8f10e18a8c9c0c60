// Evidence you can check (issue 14) on the two other reports a unit files: the lead unit answers a
// 督办单 with a ~3 MB scanned PDF and a ~4 MB phone photo, chosen before the answer and kept across
// a reload; the office sees both in the answer on the notice page, the photo as a thumbnail that
// opens large, the PDF opening inline. A special group's liaison adds files to the quarterly report
// (季报), removes one, submits; the office reviewing it sees the file of the first submission.
import fs from "node:fs";
import pg from "pg";
import type { Page } from "@playwright/test";
import { MB, jpegOf, pdfOf } from "./evidence-files";
import { appDay, expect, signInToPortal, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

const DAY = 86_400_000;
const today = appDay();
const day = (offset: number) => new Date(today.getTime() + offset * DAY);
const TASK_ID = "e2e-answer-evidence-task";
const TITLE = "端到端测试：农村集体经营性建设用地入市改革";
const QUARTERLY_ID = "e2e-quarterly-evidence";
const QUARTER = { year: today.getUTCFullYear(), quarter: Math.floor(today.getUTCMonth() / 3) + 1 };
const PDF_SIZE = 3 * MB;
let noticeUrl = "";

test.beforeAll(async () => {
  // a red task of the demo reporter's unit (a milestone 50 days late), and a draft quarterly report
  // of the liaison's group for the quarter running now
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const one = async (sql: string, values: unknown[] = []) => (await client.query(sql, values)).rows[0] as Record<string, string | number>;
    const committee = await one(`SELECT id FROM "Committee" LIMIT 1`);
    const rural = await one(`SELECT id FROM "SpecialGroup" WHERE "shortName" = '农村'`);
    const economy = await one(`SELECT id, name, "liaisonUnitId" FROM "SpecialGroup" WHERE "shortName" = '经济'`);
    const unit = await one(`SELECT id FROM "Unit" WHERE name = '县自然资源和规划局'`);
    const plan = await one(`SELECT id, year FROM "WorkPlan" WHERE year = $1`, [today.getUTCFullYear()]);
    await client.query(`DELETE FROM "Milestone" WHERE "taskId" = $1`, [TASK_ID]);
    await client.query(`DELETE FROM "ReformTask" WHERE id = $1`, [TASK_ID]);
    await client.query(
      `INSERT INTO "ReformTask" (id, "committeeId", year, "planId", "groupId", code, title, goal, "leadUnitId", source, "startDate", "dueDate", "actualPercent", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, '完成集体经营性建设用地入市试点。', $8, 'PILOT', $9, $10, 10, now())`,
      [TASK_ID, committee.id, plan.year, plan.id, rural.id, `${plan.year}-农村-903`, TITLE, unit.id, day(-150), day(150)],
    );
    await client.query(
      `INSERT INTO "Milestone" (id, "taskId", title, "plannedDate", "plannedPercent", "sortOrder") VALUES
       ('e2e-answer-ms-1', $1, '完成入市地块摸底', $2, 40, 1), ('e2e-answer-ms-2', $1, '全面完成', $3, 100, 2)`,
      [TASK_ID, day(-50), day(150)],
    );
    const subjectKey = `G:${economy.id}`;
    await client.query(`DELETE FROM "Attachment" WHERE "entityId" = $1`, [QUARTERLY_ID]);
    await client.query(`DELETE FROM "WorkflowEvent" WHERE "entityId" = $1`, [QUARTERLY_ID]);
    await client.query(`DELETE FROM "QuarterlyReport" WHERE "committeeId" = $1 AND year = $2 AND quarter = $3 AND "subjectKey" = $4`, [
      committee.id,
      QUARTER.year,
      QUARTER.quarter,
      subjectKey,
    ]);
    await client.query(
      `INSERT INTO "QuarterlyReport" (id, "committeeId", year, quarter, kind, "subjectKey", "groupId", "unitId", title, body, problems, "nextSteps", "updatedAt")
       VALUES ($1, $2, $3, $4, 'GROUP', $5, $6, $7, $8, $9, '部分任务要素保障不足。', '加强月调度，推动滞后任务赶进度。', now())`,
      [
        QUARTERLY_ID,
        committee.id,
        QUARTER.year,
        QUARTER.quarter,
        subjectKey,
        economy.id,
        economy.liaisonUnitId,
        `${economy.name}${QUARTER.year}年第${"一二三四"[QUARTER.quarter - 1]}季度工作报告`,
        `本季度，${economy.name}统筹推进年度改革任务，召开季度推进会一次，形成会议纪要。`,
      ],
    );
  } finally {
    await client.end();
  }
});

async function screenshots(page: Page, name: string) {
  fs.mkdirSync("reports/screenshots", { recursive: true });
  // from the top: a full-page shot of a scrolled page draws the sticky header mid-page
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `reports/screenshots/${name}-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `reports/screenshots/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** The PDF behind a list row opens in the browser: same origin, inline, nosniff, the whole file. */
async function opensInline(page: Page, row: ReturnType<Page["getByTestId"]>, size: number) {
  const link = row.getByTestId("evidence-open");
  const href = (await link.getAttribute("href"))!;
  expect(href).toMatch(/^\/attachments\/[^/?]+\?inline=1$/);
  await expect(link).toHaveAttribute("target", "_blank");
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["content-disposition"]).toMatch(/^inline;/);
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect((await response.body()).length).toBe(size);
}

test("the office issues a supervision notice on the red task", async ({ page }) => {
  await signInToPortal(page, "office");
  await page.goto(`/tasks/${TASK_ID}`);
  await expect(page.getByTestId("task-light")).toHaveText("严重滞后/逾期");
  await page.getByTestId("issue-notice").click();
  const dialog = page.getByTestId("issue-notice-dialog");
  await dialog.getByRole("button", { name: "下发" }).click();
  await page.waitForURL(/\/supervision\/[^/?]+$/);
  noticeUrl = new URL(page.url()).pathname;
});

test("the lead unit answers the notice with a scanned PDF and a site photo", async ({ page }) => {
  await signInToPortal(page, "reporter");
  await page.goto(noticeUrl);
  const form = page.getByTestId("notice-answer-form");
  await form
    .getByTestId("notice-answer-uploader")
    .getByTestId("evidence-input")
    .setInputFiles([
      { name: "整改工作方案.pdf", mimeType: "application/pdf", buffer: pdfOf(PDF_SIZE, "Rectification plan") },
      { name: "入市地块现场.jpg", mimeType: "image/jpeg", buffer: await jpegOf(page, 4 * MB, "入市地块现场") },
    ]);
  const chosen = form.getByTestId("notice-answer-evidence").getByTestId("evidence-file");
  await expect(chosen).toHaveCount(2, { timeout: 60_000 });
  await expect(chosen.filter({ hasText: "整改工作方案.pdf" })).toContainText("3.0 MB");
  await expect(chosen.filter({ hasText: "入市地块现场.jpg" })).toContainText("4.0 MB");
  // stored, not held by the page: a reload keeps them
  await page.reload();
  await expect(chosen).toHaveCount(2);

  await form.getByTestId("notice-answer-cause").fill("入市地块权属调查涉及多个村组，摸底工作量估计不足。");
  await form.getByTestId("notice-answer-measures").fill("抽调自然资源所骨干力量，分片包干，两周内完成全部地块摸底。");
  await form.getByTestId("notice-answer-deadline").fill(day(30).toISOString().slice(0, 10));
  await screenshots(page, "notice-answer-evidence");
  await form.getByTestId("notice-answer-submit").click();

  const answer = page.getByTestId("notice-response");
  await expect(answer).toContainText("入市地块权属调查涉及多个村组");
  const files = answer.getByTestId("notice-response-evidence").getByTestId("evidence-file");
  await expect(files).toHaveCount(2);
  await expect(page.getByTestId("notice-answer-form")).toHaveCount(0);
});

test("the office sees both files in the answer, opens the photo large and the PDF inline", async ({ page }) => {
  await signInToPortal(page, "office");
  await page.goto(noticeUrl);
  const evidence = page.getByTestId("notice-response").getByTestId("notice-response-evidence");
  const pdfRow = evidence.getByTestId("evidence-file").filter({ hasText: "整改工作方案.pdf" });
  const photoRow = evidence.getByTestId("evidence-file").filter({ hasText: "入市地块现场.jpg" });
  await expect(pdfRow).toContainText("3.0 MB");
  await expect(pdfRow).toContainText("赵明轩");
  await expect(photoRow).toContainText("4.0 MB");

  const thumbnail = photoRow.getByTestId("evidence-thumbnail").locator("img");
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1600);
  await photoRow.getByTestId("evidence-thumbnail").click();
  const lightbox = page.getByTestId("evidence-lightbox");
  await expect(lightbox.getByRole("img", { name: "入市地块现场.jpg" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(lightbox).toHaveCount(0);

  await opensInline(page, pdfRow, pdfOf(PDF_SIZE, "Rectification plan").length);
  await expect(page.getByTestId("notice-decide")).toBeVisible();
  await screenshots(page, "notice-answer-office");

  // in English too: the answer's evidence under its own label, sizes and uploader as before
  await page.getByRole("button", { name: "EN" }).click();
  await expect(evidence).toContainText("Evidence");
  await expect(pdfRow).toContainText("3.0 MB");
  await screenshots(page, "notice-answer-office-en");
});

test("the group's liaison adds evidence to the quarterly report, removes a wrong file and submits", async ({ page }) => {
  await signInToPortal(page, "liaison");
  await page.goto(`/reports/quarterly/${QUARTERLY_ID}`);
  const editor = page.getByTestId("quarterly-editor");
  await expect(editor).toBeVisible();
  await editor
    .getByTestId("quarterly-uploader")
    .getByTestId("evidence-input")
    .setInputFiles([
      { name: "季度推进会会议纪要.pdf", mimeType: "application/pdf", buffer: pdfOf(2 * MB, "Meeting minutes") },
      { name: "误传照片.jpg", mimeType: "image/jpeg", buffer: await jpegOf(page, 3 * MB, "误传") },
    ]);
  const files = editor.getByTestId("quarterly-evidence").getByTestId("evidence-file");
  await expect(files).toHaveCount(2, { timeout: 60_000 });
  await files.filter({ hasText: "误传照片.jpg" }).getByTestId("evidence-remove").click();
  await expect(files).toHaveCount(1);
  await expect(files.first()).toContainText("季度推进会会议纪要.pdf");
  await expect(files.first()).toContainText("2.0 MB");
  await expect(files.first()).toContainText("彭一鸣");
  await screenshots(page, "quarterly-evidence-editor");

  await editor.getByTestId("quarterly-submit").click();
  await expect(page.getByTestId("quarterly-text")).toBeVisible();
  const sent = page.getByTestId("quarterly-evidence");
  await expect(sent.getByTestId("evidence-round")).toHaveCount(1);
  await expect(sent.getByTestId("evidence-round")).toContainText("第 1 次报送");
  await expect(sent.getByTestId("evidence-remove")).toHaveCount(0);
});

test("the office reviewing the quarterly report sees the submitted file and opens it", async ({ page }) => {
  await signInToPortal(page, "office");
  await page.goto(`/reports/quarterly/${QUARTERLY_ID}`);
  await expect(page.getByTestId("quarterly-review")).toBeVisible();
  const round = page.getByTestId("quarterly-evidence").getByTestId("evidence-round");
  await expect(round).toHaveAttribute("data-round", "1");
  const row = round.getByTestId("evidence-file");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("季度推进会会议纪要.pdf");
  await expect(row).toContainText("彭一鸣");
  await expect(page.getByText("误传照片.jpg")).toHaveCount(0);
  await opensInline(page, row, pdfOf(2 * MB, "Meeting minutes").length);
  await screenshots(page, "quarterly-evidence-review");

  await page.getByRole("button", { name: "EN" }).click();
  await expect(page.getByTestId("quarterly-evidence")).toContainText("Evidence");
  await expect(round).toContainText("Submission 1");
  await screenshots(page, "quarterly-evidence-review-en");
});
