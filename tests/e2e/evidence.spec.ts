// Evidence on a monthly report (issue 14): a reporter attaches a 5 MB PDF and a 12 MB JPEG (made
// here with real magic bytes; the JPEG is a real image padded with comment segments so it renders
// as a thumbnail), saves the draft, reloads and still sees both; a 25 MB file and an HTML page
// named x.pdf are refused with a field message and change nothing; the reporter submits. The office
// opens the review dialog, sees both files, opens the PDF inline and the image large, returns the
// report; the reporter resubmits adding a file; the office sees which file came when and approves.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, signInToPortal, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

const MB = 1024 * 1024;
const COMMENT = "请补充活动现场的签到表。";
/** reporting.spec.ts files for the first reporter's unit; this journey uses the second's */
const REPORTER = "reporter2";
const REPORTER_NAME = "孙禾苗";
let code = "";
let taskId = "";

/** A small real JPEG (64×48, made with sharp). */
const SMALL_JPEG = Buffer.from(
  "/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAwAEADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAAb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCcAX6EAAAAAAAAAAAAAAAAAAAAAAf/2Q==",
  "base64",
);

/** The JPEG padded to `size` bytes with COM segments right after SOI: still a valid image. */
function jpegOf(size: number): Buffer {
  const segments: Buffer[] = [SMALL_JPEG.subarray(0, 2)];
  let remaining = size - SMALL_JPEG.length;
  while (remaining > 0) {
    const length = Math.min(65535, remaining - 2);
    const segment = Buffer.alloc(length + 2, 0x20);
    segment[0] = 0xff;
    segment[1] = 0xfe;
    segment.writeUInt16BE(length, 2);
    segments.push(segment);
    remaining -= segment.length;
  }
  segments.push(SMALL_JPEG.subarray(2));
  return Buffer.concat(segments);
}

/** A PDF of `size` bytes: header, a catalog and an empty page tree, padding in a comment, trailer. */
function pdfOf(size: number): Buffer {
  const head = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n%";
  const tail = "\ntrailer<</Root 1 0 R>>\n%%EOF\n";
  return Buffer.concat([Buffer.from(head), Buffer.alloc(size - head.length - tail.length, 0x20), Buffer.from(tail)]);
}

/** Fails the test on any 5xx answer. */
function watchServerErrors(page: Page): string[] {
  const failures: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 500) failures.push(`${response.status()} ${response.url()}`);
  });
  return failures;
}

const card = (page: Page) => page.getByTestId(`owed-card-${code}`);
const evidence = (page: Page) => card(page).getByTestId("report-evidence").getByTestId("evidence-file");

test.describe("a reporter's evidence", () => {
  // the refused HTML page answers 422 (a field message): the product working, not an error
  test.use({ expectedErrorUrls: [/\/attachments$/] });

  test("attaches a 5 MB PDF and a 12 MB JPEG, keeps them over a reload, is refused a 25 MB file and a disguised page, submits", async ({
    page,
  }) => {
    const serverErrors = watchServerErrors(page);
    fs.mkdirSync("reports/screenshots", { recursive: true });
    await signInToPortal(page, REPORTER);
    await page.goto("/reports");
    // a card with nothing saved yet, of the second reporter's unit (reporting.spec.ts uses the first's)
    const open = page.locator('[data-testid^="owed-card-"][data-state="NONE"]');
    await expect(open.first()).toBeVisible();
    const chosen = open.first();
    code = ((await chosen.getAttribute("data-testid")) ?? "").replace("owed-card-", "");
    taskId = ((await chosen.getByRole("heading").getByRole("link").getAttribute("href")) ?? "").replace("/tasks/", "");

    await card(page).getByTestId("report-progress").fill("组织开展专项督查一次，形成督查报告。");
    await card(page).getByTestId("report-percent").fill("100");
    await card(page)
      .getByTestId("evidence-input")
      .setInputFiles([
        { name: "督查报告.pdf", mimeType: "application/pdf", buffer: pdfOf(5 * MB) },
        { name: "现场照片.jpg", mimeType: "image/jpeg", buffer: jpegOf(12 * MB) },
      ]);
    // the card had no report: uploading saved the draft first
    await expect(card(page)).toHaveAttribute("data-state", "DRAFT");
    await expect(evidence(page)).toHaveCount(2, { timeout: 60_000 });
    await expect(card(page).getByTestId("evidence-progress").first()).toHaveAttribute("data-state", "done");
    // the upload's own save already shows 已保存: wait for this save's answer before reloading, or the
    // reload reads the draft before the save lands and the submission below meets a newer version (409)
    const saved = page.waitForResponse(
      (response) => response.request().method() === "POST" && "next-action" in response.request().headers(),
    );
    await card(page).getByTestId("report-save").click();
    expect((await saved).status()).toBe(200);
    await expect(card(page).getByRole("status")).toBeVisible();

    await page.reload();
    await expect(evidence(page)).toHaveCount(2);
    await expect(evidence(page).nth(0)).toContainText("督查报告.pdf");
    await expect(evidence(page).nth(0)).toContainText("5.0 MB");
    await expect(evidence(page).nth(1)).toContainText("现场照片.jpg");
    await expect(evidence(page).nth(1)).toContainText("12.0 MB");
    await expect(evidence(page).nth(1)).toContainText(REPORTER_NAME);

    // refused, with a message by the field, and nothing changes
    await card(page)
      .getByTestId("evidence-input")
      .setInputFiles({ name: "扫描件.pdf", mimeType: "application/pdf", buffer: pdfOf(25 * MB) });
    await expect(card(page).getByTestId("evidence-error")).toContainText("文件不能超过 20 MB");
    await card(page)
      .getByTestId("evidence-input")
      .setInputFiles({
        name: "x.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"),
      });
    await expect(card(page).getByTestId("evidence-error")).toContainText("文件内容与扩展名不符");
    await expect(evidence(page)).toHaveCount(2);
    await expect(card(page)).toHaveAttribute("data-state", "DRAFT");
    await page.setViewportSize({ width: 1440, height: 900 });
    await card(page).screenshot({ path: "reports/screenshots/evidence-card-1440.png" });
    await page.setViewportSize({ width: 390, height: 844 });
    await card(page).screenshot({ path: "reports/screenshots/evidence-card-390.png" });
    await page.setViewportSize({ width: 1280, height: 720 });

    await card(page).getByTestId("report-submit").click();
    await expect(card(page)).toHaveAttribute("data-state", "SUBMITTED");
    await expect(evidence(page)).toHaveCount(2);
    await expect(card(page).getByTestId("evidence-remove")).toHaveCount(0);
    expect(serverErrors).toEqual([]);
  });
});

async function openReview(page: Page) {
  await page.goto("/reports/review?status=SUBMITTED&size=100");
  const row = page.locator(`[data-testid="review-row"][data-task-code="${code}"][data-kind="LEAD"]`);
  await row.getByTestId("review-open").click();
  const dialog = page.getByTestId("review-dialog");
  await expect(dialog.getByTestId("review-context")).toBeVisible();
  return dialog;
}

test("the office sees both files in the review dialog, opens the PDF inline and the image large, and returns the report", async ({
  page,
}) => {
  const serverErrors = watchServerErrors(page);
  await signInToPortal(page, "office");
  const dialog = await openReview(page);
  const files = dialog.getByTestId("review-evidence").getByTestId("evidence-file");
  await expect(files).toHaveCount(2);
  await expect(dialog.getByTestId("review-last-month")).toBeVisible();
  await expect(dialog.getByTestId("review-light")).toBeVisible();
  await expect(dialog.getByTestId("review-milestones")).toBeVisible();

  const pdfLink = files.filter({ hasText: "督查报告.pdf" }).getByTestId("evidence-open");
  await expect(pdfLink).toHaveAttribute("target", "_blank");
  const href = (await pdfLink.getAttribute("href")) ?? "";
  expect(href).toMatch(/^\/attachments\/[^/?]+\?inline=1$/);
  const pdf = await page.request.get(href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/^inline; /);
  expect(pdf.headers()["x-content-type-options"]).toBe("nosniff");
  expect(pdf.headers()["content-security-policy"]).toMatch(/^default-src 'none'/);
  expect((await pdf.body()).subarray(0, 8).toString()).toBe("%PDF-1.4");

  await files.filter({ hasText: "现场照片.jpg" }).getByTestId("evidence-thumbnail").click();
  const lightbox = page.getByTestId("evidence-lightbox");
  const image = lightbox.getByRole("img", { name: "现场照片.jpg" });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(64);
  await page.screenshot({ path: "reports/screenshots/evidence-lightbox.png" });
  await lightbox.getByRole("button", { name: "关闭" }).click();
  await expect(lightbox).toBeHidden();
  await page.setViewportSize({ width: 1440, height: 1000 });
  await dialog.screenshot({ path: "reports/screenshots/evidence-review-1440.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  await dialog.screenshot({ path: "reports/screenshots/evidence-review-390.png" });
  await page.setViewportSize({ width: 1280, height: 720 });

  await dialog.getByTestId("review-comment").fill(COMMENT);
  await dialog.getByTestId("review-return").click();
  await expect(dialog).toBeHidden();
  expect(serverErrors).toEqual([]);
});

test("the reporter resubmits adding a file; the office sees it as the second submission's and approves", async ({ page }) => {
  const serverErrors = watchServerErrors(page);
  const reporterPage = page;
  await signInToPortal(reporterPage, REPORTER);
  await reporterPage.goto("/reports");
  await expect(card(reporterPage)).toHaveAttribute("data-state", "RETURNED");
  await card(reporterPage)
    .getByTestId("evidence-input")
    .setInputFiles({ name: "签到表.pdf", mimeType: "application/pdf", buffer: pdfOf(2 * MB) });
  await expect(evidence(reporterPage)).toHaveCount(3, { timeout: 30_000 });
  // the first submission's files stay, and cannot be removed; the new one can
  await expect(card(reporterPage).getByTestId("evidence-remove")).toHaveCount(1);
  await card(reporterPage).getByTestId("report-submit").click();
  await expect(card(reporterPage)).toHaveAttribute("data-state", "SUBMITTED");

  await page.context().clearCookies();
  await signInToPortal(page, "office");
  const dialog = await openReview(page);
  const rounds = dialog.getByTestId("review-evidence").getByTestId("evidence-round");
  await expect(rounds).toHaveCount(2);
  await expect(rounds.nth(0)).toContainText("第 1 次报送");
  await expect(rounds.nth(0).getByTestId("evidence-file")).toHaveCount(2);
  await expect(rounds.nth(1)).toContainText("第 2 次报送");
  await expect(rounds.nth(1)).toContainText("签到表.pdf");
  await dialog.getByTestId("review-approve").click();
  await expect(dialog).toBeHidden();

  // the task page's thread shows which files came with which submission
  await page.goto(`/tasks/${taskId}`);
  const thread = page.getByTestId("report-thread").filter({ hasText: "签到表.pdf" });
  await expect(thread.locator('[data-action="SUBMIT"]').getByTestId("evidence-file")).toHaveCount(2);
  await expect(thread.locator('[data-action="RESUBMIT"]').getByTestId("evidence-file")).toHaveText([/签到表\.pdf/]);
  expect(serverErrors).toEqual([]);
});
