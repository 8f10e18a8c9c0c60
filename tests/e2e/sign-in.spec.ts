import { DEMO_ACCOUNTS } from "@/lib/demo/accounts";
import { zhCN } from "@/lib/i18n/messages/zh-CN";
import { expect, signIn, test } from "./fixtures";

test.describe("sign-in", () => {
  test("the sign-in page is in Chinese by default", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
    await expect(page).toHaveTitle(/改革任务管理平台/);
    await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  });

  test("a wrong password shows a Chinese error and stays on the page", async ({ page }) => {
    await signIn(page, "office", "not-the-password");
    await expect(page.getByTestId("login-error")).toHaveText("用户名或密码错误");
    await expect(page).toHaveURL(/\/login/);
  });

  test("an unknown user gets the same message as a wrong password", async ({ page }) => {
    await signIn(page, "no-such-user", "whatever-password");
    await expect(page.getByTestId("login-error")).toHaveText("用户名或密码错误");
  });

  test("empty fields get field-level messages without a request", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("请输入用户名")).toBeVisible();
    await expect(page.getByText("请输入密码")).toBeVisible();
  });

  for (const account of DEMO_ACCOUNTS) {
    test(`demo account ${account.username} (${account.role}) signs in and sees its shell`, async ({ page }) => {
      await signIn(page, account.username);
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByTestId("greeting")).toContainText("您好");
      await expect(page.getByRole("navigation").getByRole("link", { name: "首页" })).toBeVisible();

      await page.getByTestId("user-menu").click();
      const details = page.getByTestId("user-menu-details");
      await expect(details).toContainText(zhCN.roles[account.role]);
      await page.getByRole("menuitem", { name: "退出登录" }).click();
      await expect(page).toHaveURL(/\/login/);
    });
  }
});

test.describe("sections follow the role", () => {
  test.describe(() => {
    test.use({ expectedErrorUrls: [/\/admin$/] });
    test("a unit reporter sees the content sections, not administration, and /admin answers 404", async ({ page }) => {
      await signIn(page, "reporter");
      const nav = page.getByRole("navigation");
      await expect(nav.getByRole("link", { name: "任务台账" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "系统管理" })).toHaveCount(0);
      const response = await page.goto("/admin");
      expect(response?.status()).toBe(404);
      await expect(page.getByText("页面不存在或无权访问")).toBeVisible();
    });
  });

  test("the auditor sees only the audit log", async ({ page }) => {
    await signIn(page, "auditor");
    await expect(page.getByTestId("greeting")).toBeVisible();
    const nav = page.getByRole("navigation");
    await expect(nav.getByRole("link", { name: "审计日志" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "任务台账" })).toHaveCount(0);
    await page.goto("/audit");
    await expect(page.getByRole("heading", { name: "审计日志" })).toBeVisible();
    await expect(page.getByTestId("audit-table")).toBeVisible();
  });

  test("signed-out visitors are sent to the sign-in page from any section", async ({ page }) => {
    await page.goto("/tasks");
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe("language", () => {
  test("switching to English translates the pages and persists across reloads and sign-in", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "EN" }).click();
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

    await signIn(page, "office", "wrong-password");
    await expect(page.getByTestId("login-error")).toHaveText("Wrong username or password");

    await signIn(page, "office");
    await expect(page.getByTestId("greeting")).toContainText("Hello");
    await expect(page.getByRole("navigation").getByRole("link", { name: "Task ledger" })).toBeVisible();

    await page.getByRole("button", { name: "中文" }).click();
    await expect(page.getByTestId("greeting")).toContainText("您好");
  });
});
