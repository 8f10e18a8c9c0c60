import { describe, expect, it } from "vitest";
import { verdict } from "@/lib/server/rate-limit";

const start = new Date("2026-11-22T06:00:00Z");
const after = (seconds: number) => new Date(start.getTime() + seconds * 1000);

describe("rate-limit verdict", () => {
  it("allows up to the limit with what is left", () => {
    expect(verdict({ windowStart: start, count: 1 }, 3, 60, start)).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
    expect(verdict({ windowStart: start, count: 3 }, 3, 60, after(30))).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
  });

  it("refuses past the limit until the window closes, rounding up to at least a second", () => {
    expect(verdict({ windowStart: start, count: 4 }, 3, 60, after(0))).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 60 });
    expect(verdict({ windowStart: start, count: 4 }, 3, 60, after(20.2))).toMatchObject({ retryAfterSeconds: 40 });
    expect(verdict({ windowStart: start, count: 9 }, 3, 60, after(60))).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
  });
});
