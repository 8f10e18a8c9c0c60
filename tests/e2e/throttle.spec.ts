// The per-address sign-in throttle (SECURITY.md 15): after 30 attempts in 10 minutes from one
// client address the sign-in endpoint answers 429 with Retry-After, and the form says so in Chinese.
import { IP_ATTEMPTS } from "@/lib/auth/limits";
import { expect, signIn, test } from "./fixtures";

const ADDRESS = "203.0.113.77";

test("too many sign-in attempts from one address get 429 and a Chinese message", async ({ page, request }) => {
  const headers = { "x-forwarded-for": ADDRESS };
  for (let attempt = 0; attempt < IP_ATTEMPTS; attempt++) {
    const { csrfToken } = await (await request.get("/api/auth/csrf", { headers })).json();
    const response = await request.post("/api/auth/callback/credentials", {
      headers,
      form: { csrfToken, username: `nobody${attempt}`, password: "wrong-password", json: "true" },
    });
    expect(response.status(), `attempt ${attempt + 1}`).toBe(401);
  }
  const { csrfToken } = await (await request.get("/api/auth/csrf", { headers })).json();
  const refused = await request.post("/api/auth/callback/credentials", {
    headers,
    form: { csrfToken, username: "office", password: "Qinghu@2026", json: "true" },
  });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);

  await page.setExtraHTTPHeaders(headers);
  await signIn(page, "office");
  await expect(page.getByTestId("login-error")).toHaveText("登录尝试过于频繁，请稍后再试");
});
