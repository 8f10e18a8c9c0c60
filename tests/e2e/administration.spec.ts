// The 等保 journey of issue 3: the system administrator creates a unit and a user, the security
// administrator grants the reporter role (separation of duties), the new reporter must change
// the initial password, sees only its own unit's portal, and is locked out after five wrong
// passwords; the audit administrator sees all of it in the audit log.
import type { Page } from "@playwright/test";
import { expect, signIn, signInToPortal, test } from "./fixtures";

const UNIT = "县营商环境服务中心";
const USERNAME = "zhao.xm";
const NAME = "赵晓明";
const INITIAL = "Temp#Pass2026";
const CHOSEN = "Reform#Zhao2026";

async function signOut(page: Page) {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
}

test.describe.configure({ mode: "serial" });

test.describe("administration and audit", () => {
  test.use({ expectedErrorUrls: [/\/admin$/] });

  test("the system administrator creates a unit and a user who holds no role yet", async ({ page }) => {
    await signInToPortal(page, "admin");
    await page.goto("/admin/units");
    await page.getByTestId("admin-create-unit").click();
    const unitDialog = page.getByRole("dialog");
    await unitDialog.getByLabel("单位名称").fill(UNIT);
    await unitDialog.getByLabel("单位类型").selectOption({ label: "政府部门" });
    await unitDialog.getByRole("button", { name: "保存" }).click();
    await expect(unitDialog).toBeHidden();
    await expect(page.getByRole("cell", { name: UNIT, exact: true })).toBeVisible();

    await page.goto("/admin/users");
    await page.getByTestId("admin-create-user").click();
    const userDialog = page.getByRole("dialog");
    await userDialog.getByLabel("用户名").fill(USERNAME);
    await userDialog.getByLabel("姓名").fill(NAME);
    await userDialog.getByLabel("工作单位").selectOption({ label: UNIT });
    await userDialog.getByLabel("初始密码").fill("weak");
    await userDialog.getByRole("button", { name: "保存" }).click();
    await expect(userDialog.getByText("密码长度至少 8 位")).toBeVisible();
    await userDialog.getByLabel("初始密码").fill(INITIAL);
    await userDialog.getByRole("button", { name: "保存" }).click();
    await expect(userDialog).toBeHidden();
    await page.getByPlaceholder("用户名、姓名或单位").fill(USERNAME);
    await page.getByRole("button", { name: "搜索" }).click();
    const row = page.getByRole("row").filter({ hasText: USERNAME });
    await expect(row).toContainText(UNIT);
    await expect(row).not.toContainText("单位填报员");
    await signOut(page);
  });

  test("the security administrator grants the reporter role scoped to the new unit", async ({ page }) => {
    await signInToPortal(page, "secadmin");
    await page.goto(`/admin/users?q=${USERNAME}`);
    await page.getByRole("link", { name: USERNAME }).click();
    await page.getByTestId("grant-role").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("角色").selectOption({ label: "单位填报员" });
    await dialog.getByLabel("填报单位").selectOption({ label: UNIT });
    await dialog.getByRole("button", { name: "保存" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("单位填报员").first()).toBeVisible();

    // 三员分立: the reporter may not also become the auditor who reads the log of its own work
    await page.getByTestId("grant-role").click();
    await dialog.getByLabel("角色").selectOption({ label: "审计管理员" });
    await dialog.getByRole("button", { name: "保存" }).click();
    await expect(dialog).toContainText("三员分立：系统管理员、安全管理员、审计管理员之间不得兼任");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await signOut(page);
  });

  test("the reporter must change the initial password, then sees only its unit's portal", async ({ page }) => {
    await signIn(page, USERNAME, INITIAL);
    await expect(page).toHaveURL(/\/account\/password/);
    await expect(page.getByTestId("password-change-required")).toBeVisible();
    await page.goto("/tasks");
    await expect(page).toHaveURL(/\/account\/password/);

    await page.getByLabel("当前密码").fill(INITIAL);
    await page.getByLabel("新密码", { exact: true }).fill(CHOSEN);
    await page.getByLabel("确认新密码").fill(CHOSEN);
    await page.getByRole("button", { name: "保存新密码" }).click();
    await expect(page).toHaveURL(/\/login/);

    await signInToPortal(page, USERNAME, CHOSEN);
    await expect(page.getByTestId("greeting")).toContainText(NAME);
    await page.getByTestId("user-menu").click();
    await expect(page.getByTestId("user-menu-details")).toContainText(UNIT);
    await expect(page.getByTestId("user-menu-details")).toContainText("单位填报员");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("navigation").getByRole("link", { name: "系统管理" })).toHaveCount(0);
    expect((await page.goto("/admin"))?.status()).toBe(404);
  });

  test("five wrong passwords lock the reporter out, even with the right password afterwards", async ({ page }) => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(page, USERNAME, `Wrong#Pass${attempt}`);
      await expect(page.getByTestId("login-error")).toHaveText("用户名或密码错误");
    }
    await signIn(page, USERNAME, CHOSEN);
    await expect(page.getByTestId("login-error")).toHaveText("用户名或密码错误");
    await expect(page).toHaveURL(/\/login/);
  });

  test("the auditor sees all of it in the audit log", async ({ page }) => {
    await signInToPortal(page, "auditor");
    await page.goto("/audit");
    const table = page.getByTestId("audit-table");
    // each event's row, read in words (its code is only the row's data and the label's tooltip)
    for (const [event, words] of [
      ["unit.create", "新建单位"],
      ["user.create", "新建用户"],
      ["role.grant", "授予角色"],
      ["account.changePassword", "修改本人密码"],
      ["auth.lockout", "账号锁定"],
    ] as const) {
      const row = table.locator(`tr[data-event="${event}"]`).first();
      await expect(row, event).toBeVisible();
      await expect(row.getByTitle(event), event).toHaveText(words);
      await expect(row, event).not.toContainText(event);
    }
    await page.goto(`/audit?actor=${USERNAME}`);
    await expect(page.getByTestId("audit-table").locator('tr[data-event="auth.lockout"]')).toBeVisible();
  });
});

test("every response carries the security headers", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("object-src 'none'");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-request-id"]).toBeTruthy();
});
