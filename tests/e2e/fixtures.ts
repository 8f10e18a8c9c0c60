import { expect, test as base, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "@/lib/demo/accounts";

// Any console error or uncaught page error fails the test. The 401 of a rejected sign-in is the
// product working, not an error; a test that expects another failing response (a 404 it asks
// for) lists it in `expectedErrorUrls`.
const EXPECTED = [/\/api\/auth\/callback\/credentials/];

let clientNumber = 0;

export const test = base.extend<{ consoleErrors: string[]; expectedErrorUrls: RegExp[] }>({
  expectedErrorUrls: [[], { option: true }],
  // Every test signs in from its own client address (as a reverse proxy would report it), so the
  // per-address sign-in throttle only meets the test written for it.
  page: async ({ page }, provide) => {
    clientNumber++;
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${clientNumber % 250}` });
    await provide(page);
  },
  consoleErrors: [
    async ({ page, expectedErrorUrls }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const url = message.location().url;
        if ([...EXPECTED, ...expectedErrorUrls].some((pattern) => pattern.test(url))) return;
        errors.push(`${message.text()} (${url})`);
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "console errors during the test").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * The portal's "now": APP_NOW when the run pins the clock (scripts/run-tests.ts seeds the demo and
 * starts the server at that instant), else the real time. Tests that build dates use it, never Date.
 */
export function appNow(): Date {
  return process.env.APP_NOW ? new Date(process.env.APP_NOW) : new Date();
}

const DAY_MS = 86_400_000;

/** The portal's calendar day (Beijing) as UTC midnight, and a day `offset` days from it. */
export function appDay(offset = 0): Date {
  const beijing = new Date(appNow().getTime() + 8 * 3600_000);
  return new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate()) + offset * DAY_MS);
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
}

/** Signs in and waits for the portal's home page. */
export async function signInToPortal(page: Page, username: string, password = DEMO_PASSWORD) {
  await signIn(page, username, password);
  await expect(page.getByTestId("greeting")).toBeVisible();
}

/**
 * The plan year a journey about lights and scores looks at: this year's, or last year's while this
 * year's plan is in its first quarter — in January nothing of the new plan can lag or be due yet.
 */
export function planYearInView(): number {
  const today = appDay();
  return today.getUTCMonth() < 3 ? today.getUTCFullYear() - 1 : today.getUTCFullYear();
}
