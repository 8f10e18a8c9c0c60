// Long-lived API tokens: the system administrator issues one for the unit reporter's account on
// its user page, sees it exactly once, another system calls the API with it, and after the
// administrator revokes it the same call is refused. Administrators' own accounts get none.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, signInToPortal, test } from "./fixtures";

test.beforeAll(() => fs.mkdirSync("reports/screenshots", { recursive: true }));

async function openUser(page: Page, username: string) {
  await page.goto(`/admin/users?q=${username}`);
  await page.getByRole("link", { name: username, exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(` · ${username}$`) })).toBeVisible();
  return page.getByTestId("api-tokens");
}

test("the administrator issues a token for the reporter, it works once shown, and stops working once revoked", async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const name = `会议室大屏 ${Date.now() % 100000}`;
  await signInToPortal(page, "admin");
  const section = await openUser(page, "reporter");
  await expect(section.getByRole("heading", { name: "API 令牌" })).toBeVisible();

  await section.getByRole("button", { name: "签发令牌" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("令牌名称").fill(name);
  await dialog.getByLabel("有效期（天）").fill("0");
  await dialog.getByRole("button", { name: "签发令牌" }).click();
  await expect(dialog.getByText("数值或长度过小")).toBeVisible();
  await dialog.getByLabel("有效期（天）").fill("30");
  await dialog.getByRole("button", { name: "签发令牌" }).click();

  await expect(dialog.getByText("令牌只显示这一次，请立即复制并妥善保存")).toBeVisible();
  const token = await dialog.getByTestId("issued-api-token").inputValue();
  expect(token).toMatch(/^rtp_[\w-]{43}$/);
  const origin = new URL(page.url()).origin;
  await expect(dialog.getByTestId("api-token-example")).toHaveValue(`curl -H "Authorization: Bearer ${token}" ${origin}/api/v1/tasks`);
  await dialog.getByRole("button", { name: "复制" }).first().click();
  await expect(dialog.getByRole("button", { name: "已复制" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await page.screenshot({ path: "reports/screenshots/api-tokens.png" });

  const call = () => request.get("/api/v1/units", { headers: { Authorization: `Bearer ${token}` } });
  const allowed = await call();
  expect(allowed.status()).toBe(200);

  // once closed, the token is gone from the page: only its prefix is listed
  await dialog.getByRole("button", { name: "我已保存，关闭" }).click();
  await expect(dialog).toBeHidden();
  const row = section.getByTestId("api-token-row").filter({ hasText: name });
  await expect(row).toContainText(token.slice(0, 10));
  await expect(row).toContainText("有效");
  await expect(row).toContainText("唐思齐");
  expect(await page.content()).not.toContain(token);

  await row.getByRole("button", { name: "吊销" }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm).toContainText(name);
  await confirm.getByRole("button", { name: "确定" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("已吊销");
  await expect(row.getByRole("button", { name: "吊销" })).toHaveCount(0);
  await section.screenshot({ path: "reports/screenshots/api-tokens-list.png" });

  const refused = await call();
  expect(refused.status()).toBe(401);
});

test("the administrators' accounts get no token, and the administrator none for itself", async ({ page }) => {
  await signInToPortal(page, "admin");
  const auditor = await openUser(page, "auditor");
  await expect(auditor).toContainText("系统管理员、安全管理员和审计管理员的账号不能签发令牌");
  await expect(auditor.getByRole("button", { name: "签发令牌" })).toHaveCount(0);

  const own = await openUser(page, "admin");
  await expect(own).toContainText("不能为自己的账号签发令牌");
  await expect(own.getByRole("button", { name: "签发令牌" })).toHaveCount(0);
});

test("the security administrator, who may not write users, sees no token section", async ({ page }) => {
  await signInToPortal(page, "secadmin");
  await openUser(page, "reporter");
  await expect(page.getByTestId("user-roles")).toBeVisible();
  await expect(page.getByTestId("api-tokens")).toHaveCount(0);
});
