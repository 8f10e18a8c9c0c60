import { describe, expect, it } from "vitest";
import { clientIp, isSameOrigin } from "@/lib/server/request";

describe("request helpers", () => {
  it("accepts a mutation only from the portal's own origin", () => {
    expect(isSameOrigin({ origin: "https://gaige.qinghu.gov.cn", host: "gaige.qinghu.gov.cn" })).toBe(true);
    expect(isSameOrigin({ origin: "http://localhost:3000", host: "localhost:3000" })).toBe(true);
    expect(isSameOrigin({ origin: null, host: "localhost:3000" })).toBe(false);
    expect(isSameOrigin({ origin: "https://evil.example", host: "gaige.qinghu.gov.cn" })).toBe(false);
    expect(isSameOrigin({ origin: "http://localhost:3001", host: "localhost:3000" })).toBe(false);
    expect(isSameOrigin({ origin: "not a url", host: "localhost" })).toBe(false);
  });

  it("reads the client address the reverse proxy reports", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "10.1.2.3, 192.168.0.1" }))).toBe("10.1.2.3");
    expect(clientIp({ "x-real-ip": "10.9.9.9" })).toBe("10.9.9.9");
    expect(clientIp(new Headers())).toBeNull();
  });
});
