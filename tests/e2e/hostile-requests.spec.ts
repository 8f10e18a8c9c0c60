// Hostile requests against the running portal, through its proxy (issue 15 item 4): paths and
// queries with broken percent-encoding answer 400 with a message, a server action posted from
// another origin (or none) answers 403 in the user's language, and junk in the headers never
// makes a page or an endpoint answer 500.
import { expect, test } from "./fixtures";

// paths whose escapes do not decode to UTF-8 (a client library would re-escape a bare "%")
const BROKEN = ["/tasks/%FF%FE", "/tasks/%E0%A4%A", "/%C0%AF", "/reports/%ED%A0%80", "/api/v1/tasks/%FF"];
// in a query, Next itself reads a broken escape as U+FFFD before any code of ours sees it: never a 500
const BROKEN_QUERIES = ["/tasks?q=%E4%B8", "/api/v1/tasks?q=%E4%B8", "/login?callbackUrl=%FF"];

test.describe("hostile requests", () => {
  // every request here is refused on purpose: the browser logs those answers
  test.use({ expectedErrorUrls: [/./] });

  test("broken percent-encoding in a path answers 400, pages in words and the API in its JSON shape; in a query never a 500", async ({
    request,
  }) => {
    for (const path of BROKEN) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(400);
      if (path.startsWith("/api/")) expect(await response.json(), path).toMatchObject({ error: { code: "BAD_REQUEST" } });
      else expect(await response.text(), path).toBe("请求地址格式不正确");
    }
    for (const path of BROKEN_QUERIES) expect((await request.get(path, { maxRedirects: 0 })).status(), path).toBeLessThan(500);
    // well-formed escapes still work: a search for 改革 and a 404 for an unknown task
    expect((await request.get("/login?q=%E6%94%B9%E9%9D%A9")).status()).toBe(200);
  });

  test("a server action from another origin, or with none, answers 403 in the user's language", async ({ request, baseURL }) => {
    const action = { "next-action": "0".repeat(40), "content-type": "text/plain;charset=UTF-8" };
    const foreign = await request.post("/tasks", { headers: { ...action, origin: "https://evil.example" }, data: "[]" });
    expect(foreign.status()).toBe(403);
    expect(await foreign.text()).toBe("请求来源无效，请刷新页面后重试");
    const english = await request.post("/tasks", {
      headers: { ...action, origin: "https://evil.example", cookie: "locale=en" },
      data: "[]",
    });
    expect(await english.text()).toBe("The request came from an unknown origin; reload the page and try again");
    const none = await request.post("/login", { headers: action, data: "[]" });
    expect(none.status()).toBe(403);
    // the same origin passes the check (an unknown action id is then Next's to answer, never a 500)
    const own = await request.post("/login", { headers: { ...action, origin: new URL(baseURL!).origin }, data: "[]" });
    expect(own.status()).toBeLessThan(500);
  });

  test("junk in the headers never gives a 500", async ({ request }) => {
    const junk: Record<string, string>[] = [
      { "x-forwarded-for": "not-an-ip, , ::ffff:999.1.1.1, 300.300.300.300" },
      { "x-forwarded-host": "evil.example:99999" },
      { "accept-language": "zz-ZZ;q=abc,,,*" },
      { cookie: "locale=%FF; next-auth.session-token=garbage.garbage.garbage" },
      { authorization: "Bearer rtp_" + "x".repeat(300) },
      { "x-request-id": "a".repeat(5000) },
      { "content-type": "multipart/form-data; boundary=" },
    ];
    for (const headers of junk)
      for (const path of ["/login", "/tasks", "/api/v1/tasks", "/api/v1/openapi.json", "/attachments/x"]) {
        const response = await request.get(path, { headers, maxRedirects: 0 });
        expect(response.status(), `${path} with ${JSON.stringify(headers).slice(0, 80)}`).toBeLessThan(500);
      }
  });
});
