// The supervision notice cycle (issue 7): from a red task the office issues a 督办单; the lead
// unit answers with its cause analysis and countermeasures; the office accepts and closes it; the
// notice downloads as a Word document that carries its number and the answer.
import fs from "node:fs";
import JSZip from "jszip";
import pg from "pg";
import { appDay, expect, signInToPortal, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

const DAY = 86_400_000;
const today = appDay(); // the portal's day, which a run may pin with APP_NOW
const day = (offset: number) => new Date(today.getTime() + offset * DAY);
const TITLE = "端到端测试：农村宅基地制度改革试点";
const CAUSE = "试点村群众意愿摸底不充分，政策宣传不到位。";
let noticeUrl = "";

test.beforeAll(async () => {
  // a task of the demo reporter's unit, red because a milestone is 60 days late
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const one = async (sql: string, values: unknown[] = []) => (await client.query(sql, values)).rows[0] as Record<string, string | number>;
    const committee = await one(`SELECT id FROM "Committee" LIMIT 1`);
    const group = await one(`SELECT id FROM "SpecialGroup" WHERE "shortName" = '农村'`);
    const unit = await one(`SELECT id FROM "Unit" WHERE name = '县自然资源和规划局'`);
    const plan = await one(`SELECT id, year FROM "WorkPlan" WHERE year = $1`, [today.getUTCFullYear()]);
    await client.query(`DELETE FROM "Milestone" WHERE "taskId" = 'e2e-notice-task'`);
    await client.query(`DELETE FROM "ReformTask" WHERE id = 'e2e-notice-task'`);
    await client.query(
      `INSERT INTO "ReformTask" (id, "committeeId", year, "planId", "groupId", code, title, goal, "leadUnitId", source, "startDate", "dueDate", "actualPercent", "updatedAt")
       VALUES ('e2e-notice-task', $1, $2, $3, $4, $5, $6, '完成宅基地制度改革试点任务。', $7, 'SELF', $8, $9, 10, now())`,
      [committee.id, plan.year, plan.id, group.id, `${plan.year}-农村-902`, TITLE, unit.id, day(-150), day(150)],
    );
    await client.query(
      `INSERT INTO "Milestone" (id, "taskId", title, "plannedDate", "plannedPercent", "sortOrder") VALUES
       ('e2e-notice-ms-1', 'e2e-notice-task', '完成试点村摸底', $1, 40, 1), ('e2e-notice-ms-2', 'e2e-notice-task', '全面完成', $2, 100, 2)`,
      [day(-60), day(150)],
    );
  } finally {
    await client.end();
  }
});

test("from a red task the office issues a supervision notice", async ({ page }) => {
  await signInToPortal(page, "office");
  await page.goto("/tasks/e2e-notice-task");
  await expect(page.getByTestId("task-light")).toHaveText("严重滞后/逾期");
  await page.getByTestId("issue-notice").click();
  const dialog = page.getByTestId("issue-notice-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "下发" }).click();
  await page.waitForURL(/\/supervision\/[^/?]+$/);
  noticeUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId("notice-number")).toContainText("督〔");
  await page.screenshot({ path: "reports/screenshots/notice-issued.png", fullPage: true });
});

test("the lead unit answers with its cause analysis and countermeasures", async ({ page }) => {
  await signInToPortal(page, "reporter");
  await page.goto(noticeUrl);
  await page.getByTestId("notice-answer-cause").fill(CAUSE);
  await page.getByTestId("notice-answer-measures").fill("逐村开展入户宣讲，两周内完成摸底。");
  await page.getByTestId("notice-answer-deadline").fill(day(30).toISOString().slice(0, 10));
  await page.getByTestId("notice-answer-submit").click();
  await expect(page.getByTestId("notice-responses")).toContainText(CAUSE);
});

test("the office accepts, closes the notice and downloads it as a Word document", async ({ page }) => {
  await signInToPortal(page, "office");
  await page.goto(noticeUrl);
  await page.getByTestId("notice-accept").click();
  await expect(page.getByTestId("notice-close")).toBeVisible();
  await page.getByTestId("notice-close").click();
  await expect(page.getByTestId("notice-status")).toContainText("办结");
  const number = ((await page.getByTestId("notice-number").textContent()) ?? "").trim();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("notice-docx").click()]);
  const zip = await JSZip.loadAsync(fs.readFileSync(await download.path()));
  const text = ((await zip.file("word/document.xml")?.async("string")) ?? "").replace(/<[^>]+>/g, "");
  expect(text).toContain(number);
  expect(text).toContain(CAUSE);
});
