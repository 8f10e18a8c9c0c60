// Issue 14 item 6 in the browser: after an edit through the API, the task page's 修改记录 and the
// audit log read in words (labels, names), with no enum code, id or JSON brace on screen.
import { DEMO_PASSWORD } from "@/lib/demo/accounts";
import { expect, signInToPortal, test } from "./fixtures";

const RAW = /\b(ACTIVE|PENDING_CLOSE|SUPERIOR|SELF|PILOT|CITY|SUCCESS|DENIED)\b|\bc[a-z0-9]{20,}\b|\bcqh[a-z0-9]+|[{}]/;

test("the task history and the audit log show words, not codes", async ({ page }) => {
  const api = page.request;
  const session = await api.post("/api/v1/session", { data: { username: "office", password: DEMO_PASSWORD } });
  const token = ((await session.json()) as { token: string }).token;
  const headers = { Authorization: `Bearer ${token}` };
  const list = (await (await api.get("/api/v1/tasks?status=ACTIVE&pageSize=1&q=一张图", { headers })).json()) as {
    items: { id: string }[];
  };
  const id = list.items[0]!.id;
  const task = (await (await api.get(`/api/v1/tasks/${id}`, { headers })).json()) as { version: number; title: string; source: string };
  const source = task.source === "PILOT" ? "SELF" : "PILOT";
  const patched = await api.patch(`/api/v1/tasks/${id}`, {
    headers,
    // the demo plan is issued: the outcome and the other controlled fields change through 计划调整
    data: { version: task.version, title: `${task.title}（深化）`, source, pilotLevel: "CITY" },
  });
  expect(patched.status()).toBe(200);

  await page.setViewportSize({ width: 1440, height: 900 });
  await signInToPortal(page, "office");
  await page.goto(`/tasks/${id}`);
  const history = page.getByTestId("task-history");
  await expect(history).toContainText("任务名称：");
  await expect(history).toContainText("任务来源：");
  await expect(history).toContainText("试点层级：市级");
  expect(await history.innerText()).not.toMatch(RAW);
  await history.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "reports/screenshots/task-history-1440.png", fullPage: true });

  await page.context().clearCookies();
  await signInToPortal(page, "auditor");
  await page.goto("/audit");
  const table = page.getByTestId("audit-table");
  await expect(table).toContainText("修改任务");
  await expect(table).toContainText("试点层级：市级");
  expect(await table.innerText()).not.toMatch(RAW);
  await page.screenshot({ path: "reports/screenshots/audit-1440.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "reports/screenshots/audit-390.png", fullPage: true });
});
