// The optional second factor in the browser: enrol with the key shown, then sign-in asks for the
// code, refuses the one already used, and accepts a fresh one.
import { totpCode } from "@/lib/auth/totp";
import { appNow, expect, signIn, signInToPortal, test } from "./fixtures";

test("a user turns on authenticator codes and signs in with them; a used code is refused", async ({ page }) => {
  await signInToPortal(page, "reporter2");
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "账号安全" }).click();
  await expect(page.getByTestId("totp-status")).toContainText("未启用");

  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  const enrolmentCode = totpCode(secret, appNow());
  await page.getByLabel("动态验证码").fill(enrolmentCode);
  await page.getByRole("button", { name: "启用动态验证码" }).click();
  await expect(page.getByTestId("totp-status")).toContainText("已启用");

  await page.goto("/");
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, "reporter2");
  await expect(page.getByTestId("login-error")).toHaveText("请输入身份验证器中的 6 位动态验证码");
  await page.getByLabel("动态验证码").fill(enrolmentCode);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("动态验证码错误或已使用");

  // the authenticator's next code (one step ahead is within the accepted drift)
  await page.getByLabel("动态验证码").fill(totpCode(secret, new Date(appNow().getTime() + 30_000)));
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("greeting")).toBeVisible();

  // turning it off again needs the password (and leaves the demo account as it was)
  await page.goto("/account/security");
  await page.getByLabel("当前密码").fill("Qinghu@2026");
  await page.getByRole("button", { name: "停用动态验证码" }).click();
  await expect(page.getByTestId("totp-status")).toContainText("未启用");
});
