// Close-out that checks (issue 14 item 4): the lead unit applies for close-out of a task at 20 %
// with an overdue milestone, carrying a ~3 MB PDF and a ~12 MB JPEG (a phone photo, above the old 10 MB proxy limit); the form demands an
// explanation; the office's 核验 panel shows the warning, lists and opens both files, and approving
// needs the explicit confirmation; the unit hears the decision through the bell.
import fs from "node:fs";
import pg from "pg";
import type { Page } from "@playwright/test";
import { appDay, expect, signInToPortal, test } from "./fixtures";

const DAY = 86_400_000;
const today = appDay();
const day = (offset: number) => new Date(today.getTime() + offset * DAY);
const TASK_ID = "e2e-closeout-task";
const TITLE = "端到端测试：不动产登记“一窗受理”改革";
const MB = 1024 * 1024;

test.describe.configure({ mode: "serial" });

/** A valid PDF of about `bytes` (a padded comment before the objects; the xref offsets account for it). */
function pdfOf(bytes: number): Buffer {
  const header = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const padLine = `%${"0".repeat(1022)}\n`;
  const padding = padLine.repeat(Math.max(0, Math.floor((bytes - 1200) / padLine.length)));
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    "<< /Length 44 >>\nstream\nBT /F1 24 Tf 72 760 Td (Acceptance) Tj ET\nendstream",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = header + padding;
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** A real JPEG photo drawn by the browser, padded after its end marker to about `bytes` (decoders stop at EOI). */
async function jpegOf(page: Page, bytes: number): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 1600;
    canvas.height = 1200;
    const context = canvas.getContext("2d")!;
    const gradient = context.createLinearGradient(0, 0, 1600, 1200);
    gradient.addColorStop(0, "#1d4ed8");
    gradient.addColorStop(1, "#f59e0b");
    context.fillStyle = gradient;
    context.fillRect(0, 0, 1600, 1200);
    context.fillStyle = "#ffffff";
    context.font = "120px sans-serif";
    context.fillText("现场照片", 400, 650);
    return canvas.toDataURL("image/jpeg", 0.92);
  });
  const image = Buffer.from(dataUrl.split(",")[1]!, "base64");
  return Buffer.concat([image, Buffer.alloc(Math.max(0, bytes - image.length), 0)]);
}

test.beforeAll(async () => {
  // Led by the demo reporter's unit: milestone 1 (50 %) 45 days overdue, the last approved report at 20 %.
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const one = async (sql: string, values: unknown[] = []) => (await client.query(sql, values)).rows[0] as Record<string, string | number>;
    const committee = await one(`SELECT id FROM "Committee" LIMIT 1`);
    const group = await one(`SELECT id FROM "SpecialGroup" WHERE "shortName" = '经济'`);
    const unit = await one(`SELECT id FROM "Unit" WHERE name = '县自然资源和规划局'`);
    const plan = await one(`SELECT id, year FROM "WorkPlan" WHERE year = $1`, [today.getUTCFullYear()]);
    const lastMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
    await client.query(`DELETE FROM "ReformTask" WHERE id = $1`, [TASK_ID]);
    await client.query(
      `INSERT INTO "ReformTask" (id, "committeeId", year, "planId", "groupId", code, title, goal, "leadUnitId", source, "startDate", "dueDate", "actualPercent", "actualPeriod", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, '不动产登记、交易、缴税一窗受理、并联办理。', $8, 'SELF', $9, $10, 20, $11, now())`,
      [TASK_ID, committee.id, plan.year, plan.id, group.id, `${plan.year}-经济-902`, TITLE, unit.id, day(-150), day(100), lastMonth],
    );
    await client.query(
      `INSERT INTO "Milestone" (id, "taskId", title, "plannedDate", "plannedPercent", "sortOrder") VALUES
       ('e2e-co-ms-1', $1, '一窗受理系统上线', $2, 50, 1), ('e2e-co-ms-2', $1, '全县推广', $3, 100, 2)`,
      [TASK_ID, day(-45), day(90)],
    );
    await client.query(
      `INSERT INTO "ProgressReport" (id, "taskId", "unitId", kind, period, progress, percent, status, "submittedAt", "reviewedAt", "updatedAt")
       VALUES ('e2e-co-report', $1, $2, 'LEAD', $3, '系统开发中。', 20, 'APPROVED', $4, $5, now())`,
      [TASK_ID, unit.id, lastMonth, day(-20), day(-15)],
    );
  } finally {
    await client.end();
  }
});

test("the lead unit sees the warnings, must explain, and applies with a 3 MB PDF and a 12 MB JPEG", async ({ page }) => {
  await signInToPortal(page, "reporter");
  await page.goto(`/tasks/${TASK_ID}`);
  const form = page.getByTestId("task-actions").filter({ hasText: "申请对账销号" });
  const warnings = form.getByTestId("closeout-warnings");
  await expect(warnings).toContainText("2 个序时进度节点未完成，其中 1 个已逾期");
  await expect(warnings).toContainText("「一窗受理系统上线」");
  await expect(warnings).toContainText("逾期 45 天");
  await expect(warnings).toContainText("最近审核通过的进度为 20%，未达 100%");

  // the files stream up as soon as they are chosen, each with its progress, and wait on the task
  await form
    .getByTestId("closeout-uploader")
    .getByTestId("evidence-input")
    .setInputFiles([
      { name: "验收报告.pdf", mimeType: "application/pdf", buffer: pdfOf(3 * MB) },
      { name: "窗口现场.jpg", mimeType: "image/jpeg", buffer: await jpegOf(page, 12 * MB) },
    ]);
  const chosen = form.getByTestId("closeout-evidence").getByTestId("evidence-file");
  await expect(chosen).toHaveCount(2, { timeout: 60_000 });
  await expect(chosen.filter({ hasText: "验收报告.pdf" })).toContainText("3.0 MB");
  await expect(chosen.filter({ hasText: "窗口现场.jpg" })).toContainText("12.0 MB");
  // a reload keeps them: they are stored, not held by the page
  await page.reload();
  await expect(chosen).toHaveCount(2);
  fs.mkdirSync("reports/screenshots", { recursive: true });
  await form.screenshot({ path: "reports/screenshots/closeout-apply-1440.png" });
  await form.getByLabel("完成情况说明").fill("一窗受理系统已上线运行，全县推广已提前启动。");
  await form.getByRole("button", { name: "提交销号申请" }).click();
  await expect(form.getByText("请说明在上述情况下仍申请销号的理由")).toBeVisible();
  await expect(page.getByTestId("task-light")).not.toHaveText("待销号");

  await form.getByRole("textbox", { name: /^情况说明/ }).fill("系统上线节点因省平台对接推迟 45 天，现已上线；月报进度将于本月更新。");
  await form.getByRole("button", { name: "提交销号申请" }).click();
  await expect(page.getByTestId("task-light")).toHaveText("待销号");
  const list = page.getByTestId("closeout-list");
  await expect(list.getByText("验收报告.pdf")).toBeVisible();
  await expect(list.getByText("窗口现场.jpg")).toBeVisible();
});

test("the office's 核验 panel shows the warning and both files, opens them, and approves only after confirming", async ({ page }) => {
  fs.mkdirSync("reports/screenshots", { recursive: true });
  await signInToPortal(page, "office");
  await page.goto(`/tasks/${TASK_ID}`);
  const panel = page.getByTestId("closeout-review");
  await expect(panel.getByTestId("closeout-warnings")).toContainText("请注意：该任务存在以下情况");
  await expect(panel.getByTestId("closeout-warnings")).toContainText("其中 1 个已逾期");
  await expect(panel).toContainText("系统上线节点因省平台对接推迟 45 天");
  await expect(panel.getByTestId("closeout-last-percent")).toHaveText("20%");
  await expect(panel.locator('[data-state="overdue"]')).toContainText("一窗受理系统上线");
  await expect(panel.locator('[data-state="open"]')).toContainText("全县推广");

  const evidence = panel.getByTestId("closeout-evidence").getByTestId("evidence-file");
  await expect(evidence).toHaveCount(2);
  const pdfRow = evidence.filter({ hasText: "验收报告.pdf" });
  const photoRow = evidence.filter({ hasText: "窗口现场.jpg" });
  await expect(pdfRow).toContainText("3.0 MB");
  await expect(pdfRow).toContainText("赵明轩");
  await expect(photoRow).toContainText("12.0 MB");

  // the photo's thumbnail really loads, and opens large
  const thumbnail = photoRow.getByTestId("evidence-thumbnail").locator("img");
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1600);
  await photoRow.getByTestId("evidence-thumbnail").click();
  const lightbox = page.getByTestId("evidence-lightbox");
  await expect(lightbox.getByRole("img", { name: "窗口现场.jpg" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(lightbox).toHaveCount(0);

  // the PDF opens in the browser: same origin, inline, nosniff, the whole file
  const pdfLink = pdfRow.getByTestId("evidence-open");
  const href = (await pdfLink.getAttribute("href"))!;
  expect(href).toMatch(/^\/attachments\/[^/?]+\?inline=1$/);
  await expect(pdfLink).toHaveAttribute("target", "_blank");
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["content-disposition"]).toMatch(/^inline;/);
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect((await response.body()).length).toBe(pdfOf(3 * MB).length);

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: "reports/screenshots/closeout-review-1440.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "reports/screenshots/closeout-review-390.png", fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });

  const approve = panel.getByRole("button", { name: "核验通过，予以销号" });
  await expect(approve).toBeDisabled();
  await panel.getByLabel("核验意见（退回时必填）").fill("经实地核实，系统已上线运行，同意销号。");
  await panel.getByLabel(/已核实上述情况/).check();
  await approve.click();
  await expect(page.getByTestId("task-light")).toHaveText("已销号");
  await expect(page.getByTestId("closeout-review")).toHaveCount(0);
});

test("the lead unit hears the decision, with the office's comment, through the bell", async ({ page }) => {
  await signInToPortal(page, "reporter");
  await page.getByTestId("notification-bell").click();
  const item = page
    .getByTestId("notification-menu")
    .getByTestId("notification-item")
    .filter({ hasText: TITLE })
    .filter({ hasText: "销号申请已核验通过" })
    .first();
  await expect(item).toBeVisible();
  await expect(item).toContainText("经实地核实，系统已上线运行，同意销号。");
});
