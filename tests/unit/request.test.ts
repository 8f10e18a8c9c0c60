import { describe, expect, it } from "vitest";
import { parseEnv, parseProxyEntry } from "@/lib/server/env";
import { clientIp, isSameOrigin, trustedProxies } from "@/lib/server/request";

describe("request helpers", () => {
  it("accepts a mutation only from the portal's own origin", () => {
    expect(isSameOrigin({ origin: "https://gaige.qinghu.gov.cn", host: "gaige.qinghu.gov.cn" })).toBe(true);
    expect(isSameOrigin({ origin: "http://localhost:3000", host: "localhost:3000" })).toBe(true);
    expect(isSameOrigin({ origin: null, host: "localhost:3000" })).toBe(false);
    expect(isSameOrigin({ origin: "https://evil.example", host: "gaige.qinghu.gov.cn" })).toBe(false);
    expect(isSameOrigin({ origin: "http://localhost:3001", host: "localhost:3000" })).toBe(false);
    expect(isSameOrigin({ origin: "not a url", host: "localhost" })).toBe(false);
  });

  it("takes the right-most X-Forwarded-For hop that is not a trusted proxy: what a client writes itself is never the address", () => {
    const county = trustedProxies("127.0.0.0/8,::1/128,10.20.0.0/16");
    // nginx in front appends the address it saw: a forged entry stands left of it
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }), county)).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "1.1.1.1, 2.2.2.2, 203.0.113.9" }), county)).toBe("203.0.113.9");
    // two proxies of ours (an outer gateway 10.20.0.5, then nginx): both skipped
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 192.168.7.21, 10.20.0.5" }), county)).toBe("192.168.7.21");
    // the whole county behind one NAT address: every user the same client address
    expect(clientIp(new Headers({ "x-forwarded-for": "58.20.1.1" }), county)).toBe("58.20.1.1");
    // IPv4-mapped IPv6, bracketed IPv6, and junk in the header
    expect(clientIp(new Headers({ "x-forwarded-for": "::ffff:192.168.7.21" }), county)).toBe("192.168.7.21");
    expect(clientIp(new Headers({ "x-forwarded-for": "[2001:db8::7]" }), county)).toBe("2001:db8::7");
    expect(clientIp(new Headers({ "x-forwarded-for": "unknown, 203.0.113.9, not-an-ip" }), county)).toBe("203.0.113.9");
    // only our own proxies (a request from the proxy host): its address
    expect(clientIp(new Headers({ "x-forwarded-for": "127.0.0.1" }), county)).toBe("127.0.0.1");
    // no proxy header: X-Real-IP, or nothing
    expect(clientIp({ "x-real-ip": "10.9.9.9" }, county)).toBe("10.9.9.9");
    expect(clientIp(new Headers(), county)).toBeNull();
    expect(clientIp(new Headers({ "x-forwarded-for": "garbage" }), county)).toBeNull();
  });

  it("reads TRUSTED_PROXIES entries as addresses or CIDRs, and refuses anything else", () => {
    expect(parseProxyEntry("10.0.0.0/8")).toEqual({ address: "10.0.0.0", prefix: 8, family: "ipv4" });
    expect(parseProxyEntry(" 192.168.1.10 ")).toEqual({ address: "192.168.1.10", prefix: 32, family: "ipv4" });
    expect(parseProxyEntry("fd00::/8")).toEqual({ address: "fd00::", prefix: 8, family: "ipv6" });
    for (const bad of ["", "nginx", "10.0.0.0/33", "10.0.0.0/x", "10.0.0.0/8/1", "::1/129"]) expect(parseProxyEntry(bad), bad).toBeNull();
    expect(() => parseEnv({ DATABASE_URL: "x", NEXTAUTH_SECRET: "s".repeat(32), TRUSTED_PROXIES: "10.0.0.0/8,nginx" })).toThrow(
      /TRUSTED_PROXIES/,
    );
    expect(parseEnv({ DATABASE_URL: "x", NEXTAUTH_SECRET: "s".repeat(32) }).TRUSTED_PROXIES).toBe("127.0.0.0/8,::1/128");
  });
});
