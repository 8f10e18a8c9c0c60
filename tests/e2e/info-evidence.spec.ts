// Evidence on the reform information report (改革信息月报, issue 14): a unit's reporter adds a pilot
// and a publication to this month's report, attaches the approval (a 5 MB scanned PDF) and a photo
// of the printed page (a 4 MB JPEG, a real image padded with comment segments), saves, reloads and
// still sees both on their items, and submits. The office opens the report from the month's list,
// sees each item's files, opens the PDF inline and the photo large, and returns it; the reporter can
// no longer remove the pilot (its file went with the submission), adds a second-round file and
// resubmits; the office sees which file came with which submission.
import fs from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { appDay, expect, signInToPortal, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

const MB = 1024 * 1024;
const REPORTER = "reporter";
const REPORTER_NAME = "赵明轩";
const UNIT = "县自然资源和规划局";
/** This month: begun, so open for reporting, and never seeded by the demo (it seeds up to last month). */
const PERIOD = appDay().toISOString().slice(0, 7);
const PILOT = "全域土地综合整治省级试点";
const ARTICLE = "青湖县探索自然资源资产组合供应";
const COMMENT = "文章发表请补充报纸版面原件扫描件。";

/** A small real JPEG (64×48). */
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

const row = (page: Page, kind: "PILOT" | "PUBLICATION") => page.getByTestId(`info-row-${kind}-0`);
const filesOf = (scope: Locator) => scope.getByTestId("evidence-file");
/** An item of the read-only report (the unit's own page after submission, the office's detail page). */
const item = (page: Page, kind: "PILOT" | "PUBLICATION") => page.getByTestId(`info-item-${kind}`).first();

/** The whole page at 1440 and 390 px (an element shot of a tall form would show the sticky header across it). */
async function shoot(page: Page, target: Locator, name: string) {
  fs.mkdirSync("reports/screenshots", { recursive: true });
  for (const [width, height] of [
    [1440, 1000],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await expect(target).toBeVisible();
    // from the top, so the sticky header sits where it belongs in the stitched page
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `reports/screenshots/${name}-${width}.png`, fullPage: true });
    // nothing wider than the phone: no sideways scrolling
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${width} px`).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a reporter adds a pilot and a publication, attaches a scanned PDF and a photo, keeps them over a reload, and submits", async ({
  page,
}) => {
  const serverErrors = watchServerErrors(page);
  await signInToPortal(page, REPORTER);
  await page.goto(`/reports/info?period=${PERIOD}`);
  const form = page.getByTestId("info-form");
  await expect(form).toBeVisible();

  await page.getByTestId("info-summary").fill("本月新增省级试点1项，省级媒体报道1篇。");
  await page.getByTestId("info-add-PILOT").click();
  await page.getByTestId("info-PILOT-0-title").fill(PILOT);
  await page.getByTestId("info-PILOT-0-level").selectOption({ label: "省级" });
  await page.getByTestId("info-PILOT-0-pilotStage").selectOption({ label: "获批" });
  // the row is new: the upload saves the draft first, so the item has its id
  await row(page, "PILOT")
    .getByTestId("evidence-input")
    .setInputFiles({ name: "省自然资源厅批复.pdf", mimeType: "application/pdf", buffer: pdfOf(5 * MB) });
  await expect(filesOf(row(page, "PILOT"))).toHaveCount(1, { timeout: 60_000 });
  await expect(row(page, "PILOT")).not.toHaveAttribute("data-item-id", "");

  await page.getByTestId("info-add-PUBLICATION").click();
  await page.getByTestId("info-PUBLICATION-0-title").fill(ARTICLE);
  await page.getByTestId("info-PUBLICATION-0-outlet").fill("浙江日报");
  await page.getByTestId("info-PUBLICATION-0-level").selectOption({ label: "省级" });
  await row(page, "PUBLICATION")
    .getByTestId("evidence-input")
    .setInputFiles({ name: "浙江日报版面.jpg", mimeType: "image/jpeg", buffer: jpegOf(4 * MB) });
  await expect(filesOf(row(page, "PUBLICATION"))).toHaveCount(1, { timeout: 60_000 });
  await page.getByTestId("info-save").click();
  await expect(form.getByRole("status")).toHaveText("草稿已保存");

  await page.reload();
  await expect(filesOf(row(page, "PILOT"))).toHaveCount(1);
  await expect(filesOf(row(page, "PILOT")).first()).toContainText("省自然资源厅批复.pdf");
  await expect(filesOf(row(page, "PILOT")).first()).toContainText("5.0 MB");
  await expect(filesOf(row(page, "PILOT")).first()).toContainText(REPORTER_NAME);
  await expect(filesOf(row(page, "PUBLICATION"))).toHaveCount(1);
  await expect(filesOf(row(page, "PUBLICATION")).first()).toContainText("浙江日报版面.jpg");
  await expect(filesOf(row(page, "PUBLICATION")).first()).toContainText("4.0 MB");
  // a photo shows as a thumbnail that has really loaded
  const thumbnail = row(page, "PUBLICATION").getByTestId("evidence-thumbnail").locator("img");
  await expect.poll(() => thumbnail.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(64);
  await expect(page.getByTestId("info-PILOT-0-title")).toHaveValue(PILOT);
  await shoot(page, form, "info-evidence-form");

  await page.getByTestId("info-submit").click();
  await expect(page.getByTestId("info-read-only")).toBeVisible();
  await expect(filesOf(item(page, "PILOT"))).toHaveCount(1);
  await expect(filesOf(item(page, "PUBLICATION"))).toHaveCount(1);
  await expect(page.getByTestId("evidence-remove")).toHaveCount(0);
  await expect(page.getByTestId("evidence-input")).toHaveCount(0);
  expect(serverErrors).toEqual([]);
});

async function openReport(page: Page) {
  await page.goto(`/reports/info?period=${PERIOD}`);
  await page.locator(`[data-testid="info-list-row"][data-unit="${UNIT}"]`).getByTestId("info-open").click();
  await expect(page.getByTestId("info-heading")).toContainText(UNIT);
  return page.getByTestId("info-content");
}

test("the office sees each item's files in the review, opens the PDF inline and the photo large, and returns the report", async ({
  page,
}) => {
  const serverErrors = watchServerErrors(page);
  await signInToPortal(page, "office");
  const content = await openReport(page);
  await expect(page.getByTestId("info-review")).toBeVisible();
  await expect(filesOf(item(page, "PILOT"))).toHaveText([/省自然资源厅批复\.pdf/]);
  await expect(filesOf(item(page, "PUBLICATION"))).toHaveText([/浙江日报版面\.jpg/]);

  const pdfLink = item(page, "PILOT").getByTestId("evidence-open");
  await expect(pdfLink).toHaveAttribute("target", "_blank");
  const href = (await pdfLink.getAttribute("href")) ?? "";
  expect(href).toMatch(/^\/attachments\/[^/?]+\?inline=1$/);
  // opened in a tab of its own, the PDF is served inline, as a PDF, nothing able to run in it
  const [tab] = await Promise.all([page.waitForEvent("popup"), pdfLink.click()]);
  await expect.poll(() => tab.url()).toContain(href);
  await tab.close();
  const pdf = await page.request.get(href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/^inline; /);
  expect(pdf.headers()["x-content-type-options"]).toBe("nosniff");
  expect(pdf.headers()["content-security-policy"]).toMatch(/^default-src 'none'/);
  const bytes = await pdf.body();
  expect(bytes.length).toBe(5 * MB);
  expect(bytes.subarray(0, 8).toString()).toBe("%PDF-1.4");

  await item(page, "PUBLICATION").getByTestId("evidence-thumbnail").click();
  const lightbox = page.getByTestId("evidence-lightbox");
  const image = lightbox.getByRole("img", { name: "浙江日报版面.jpg" });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(64);
  await lightbox.getByRole("button", { name: "关闭" }).click();
  await expect(lightbox).toBeHidden();
  await shoot(page, page.locator("main"), "info-evidence-review");

  await page.getByTestId("info-review-comment").fill(COMMENT);
  await page.getByTestId("info-return").click();
  await expect(page.getByTestId("info-return-comment")).toContainText(COMMENT);
  await expect(content).toBeVisible();
  expect(serverErrors).toEqual([]);
});

test("after the return the pilot cannot be removed; a second-round file is added and the office sees which came when", async ({ page }) => {
  const serverErrors = watchServerErrors(page);
  await signInToPortal(page, REPORTER);
  await page.goto(`/reports/info?period=${PERIOD}`);
  await expect(page.getByTestId("info-return-comment")).toContainText(COMMENT);
  // the first submission's files are kept: not removable, nor are the items carrying them
  await expect(page.getByTestId("info-locked-PILOT-0")).toBeVisible();
  await expect(page.getByTestId("info-remove-PILOT-0")).toHaveCount(0);
  await expect(row(page, "PILOT").getByTestId("evidence-remove")).toHaveCount(0);
  await row(page, "PUBLICATION")
    .getByTestId("evidence-input")
    .setInputFiles({ name: "浙江日报原件扫描.pdf", mimeType: "application/pdf", buffer: pdfOf(3 * MB) });
  const rounds = row(page, "PUBLICATION").getByTestId("evidence-round");
  await expect(rounds).toHaveCount(2, { timeout: 60_000 });
  await expect(rounds.nth(1)).toContainText("本次新增");
  await expect(rounds.nth(1).getByTestId("evidence-remove")).toHaveCount(1);
  await expect(rounds.nth(0).getByTestId("evidence-remove")).toHaveCount(0);
  await shoot(page, row(page, "PUBLICATION"), "info-evidence-round2");
  await page.getByTestId("info-submit").click();
  await expect(page.getByTestId("info-read-only")).toBeVisible();

  await page.context().clearCookies();
  await signInToPortal(page, "office");
  await openReport(page);
  const publication = item(page, "PUBLICATION").getByTestId("evidence-round");
  await expect(publication).toHaveCount(2);
  await expect(publication.nth(0)).toContainText("第 1 次报送");
  await expect(publication.nth(0)).toContainText("浙江日报版面.jpg");
  await expect(publication.nth(1)).toContainText("第 2 次报送");
  await expect(publication.nth(1)).toContainText("浙江日报原件扫描.pdf");
  await expect(filesOf(item(page, "PILOT"))).toHaveCount(1);

  // the same page in English: no raw codes, ids or JSON
  await page.getByRole("button", { name: "EN" }).click();
  await expect(item(page, "PUBLICATION").getByTestId("evidence-round").nth(1)).toContainText("Submission 2");
  await expect(page.getByTestId("info-content")).toContainText("Evidence");
  await shoot(page, page.locator("main"), "info-evidence-review-en");
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByTestId("info-approve")).toBeVisible();
  await page.getByTestId("info-approve").click();
  await expect(page.getByTestId("info-review")).toHaveCount(0);
  expect(serverErrors).toEqual([]);
});
