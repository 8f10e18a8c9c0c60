// The API page (接口说明): the office finds it in the user menu; it shows one card per operation
// of the OpenAPI document the API serves, copies a working curl example, passes an accessibility
// scan and reads on a phone without sideways scrolling.
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signInToPortal, test } from "./fixtures";

interface Document {
  tags: { name: string }[];
  paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>>;
}

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function servedOperations(page: Page) {
  const response = await page.request.get("/api/v1/openapi.json");
  expect(response.ok()).toBe(true);
  const document = (await response.json()) as Document;
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method: method.toUpperCase(), ...operation })),
  );
  return { document, operations };
}

test.beforeAll(() => fs.mkdirSync("reports/screenshots", { recursive: true }));

test("the office opens the API page from the user menu and finds a card for every operation", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signInToPortal(page, "office");
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "接口说明" }).click();
  await page.waitForURL("**/help/api");
  await expect(page.getByRole("heading", { level: 1, name: "接口说明" })).toBeVisible();

  const { document, operations } = await servedOperations(page);
  expect(operations.length).toBeGreaterThan(0);
  const cards = page.getByTestId("api-operation");
  await expect(cards).toHaveCount(operations.length);
  const shown = await cards.evaluateAll((elements) => elements.map((element) => element.getAttribute("data-operation-id")));
  expect([...shown].sort()).toEqual(operations.map((operation) => operation.operationId).sort());
  for (const operation of operations) {
    const card = page.locator(`[data-operation-id="${operation.operationId}"]`);
    await expect(card.locator("header")).toContainText(operation.method);
    await expect(card.locator("header")).toContainText(operation.path);
    const open = Array.isArray(operation.security) && operation.security.length === 0;
    await expect(card.locator("header")).toContainText(open ? "无需令牌" : "需要令牌");
  }

  // the contents list every tag and link to every card
  const contents = page.getByTestId("api-contents");
  for (const tag of document.tags) await expect(contents.getByRole("link", { name: tag.name, exact: true })).toBeVisible();
  for (const operation of operations) await expect(contents.locator(`a[href="#${operation.operationId}"]`)).toHaveCount(1);

  // the base URL is the one the reader reached the portal on; the description is downloadable
  await expect(page.getByTestId("api-base-url")).toHaveText(`${new URL(page.url()).origin}/api/v1`);
  await expect(page.getByTestId("api-download")).toHaveAttribute("href", "/api/v1/openapi.json");

  await page.screenshot({ path: "reports/screenshots/api-docs.png" });
});

test("a card's curl example is built from the operation and copies to the clipboard", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInToPortal(page, "office");
  await page.goto("/help/api");

  const list = page.locator('[data-operation-id="listTasks"]');
  const example = list.locator("pre");
  await expect(example).toContainText('curl "$BASE/tasks?year=2026');
  await expect(example).toContainText('-H "Authorization: Bearer $TOKEN"');
  await list.getByRole("button", { name: "复制" }).click();
  await expect(list.getByRole("button", { name: "已复制" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await example.innerText());

  // a body is an example of its required properties; an open operation sends no token
  const session = page.locator('[data-operation-id="openSession"] pre');
  await expect(session).toContainText('curl -X POST "$BASE/session"');
  await expect(session).toContainText('"username"');
  await expect(session).toContainText('"password"');
  await expect(session).not.toContainText("Authorization");
  // the task's day is optional: the example shows it (GET /tasks/{id}?asOf=… lights the task as of that day)
  await expect(page.locator('[data-operation-id="getTask"] pre')).toContainText('curl "$BASE/tasks/$ID?asOf=');
});

test("the API page has no serious accessibility violations", async ({ page }) => {
  await signInToPortal(page, "office");
  await page.goto("/help/api");
  await expect(page.getByTestId("api-operation").first()).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(
    serious.map((violation) => `${violation.id} (${violation.nodes.length}) ${violation.nodes[0]?.target.join(" ")}`),
    "serious accessibility violations",
  ).toEqual([]);
});

test("the API page reads on a phone: paths, tables and code wrap instead of overflowing", async ({ page }) => {
  await signInToPortal(page, "office");
  await page.setViewportSize(PHONE);
  await page.goto("/help/api");
  await expect(page.getByTestId("api-operation").first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  // the whole page is ~20 screens tall: the top through the first card shows every kind of block
  const first = await page.getByTestId("api-operation").first().boundingBox();
  const height = Math.ceil((first?.y ?? 0) + (first?.height ?? PHONE.height) + 24);
  await page.screenshot({
    path: "reports/screenshots/api-docs-phone.png",
    fullPage: true,
    clip: { x: 0, y: 0, width: PHONE.width, height },
  });
});
