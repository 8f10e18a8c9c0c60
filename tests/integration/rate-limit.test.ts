import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { consume } from "@/lib/server/rate-limit";

const t0 = new Date("2026-11-22T06:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe("consume (PostgreSQL fixed window)", () => {
  it("allows the limit, then refuses with the seconds left in the window", async () => {
    const results = [];
    for (let hit = 0; hit < 3; hit++) results.push(await consume("login:10.0.0.1", 3, 60, at(hit)));
    expect(results.map((result) => [result.allowed, result.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
    ]);

    expect(await consume("login:10.0.0.1", 3, 60, at(10))).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 50 });
    expect(await consume("login:10.0.0.1", 3, 60, at(59.5))).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    // refused hits count but never extend the window
    expect(await db.rateLimitBucket.findUnique({ where: { key: "login:10.0.0.1" } })).toEqual({
      key: "login:10.0.0.1",
      windowStart: t0,
      count: 5,
    });
  });

  it("opens a new window once the old one has passed", async () => {
    for (let hit = 0; hit < 4; hit++) await consume("export:u1", 2, 60, at(hit));
    expect((await consume("export:u1", 2, 60, at(59))).allowed).toBe(false);

    expect(await consume("export:u1", 2, 60, at(60))).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
    expect((await consume("export:u1", 2, 60, at(61))).allowed).toBe(true);
    expect(await consume("export:u1", 2, 60, at(62))).toMatchObject({ allowed: false, retryAfterSeconds: 58 });
  });

  it("keeps keys apart", async () => {
    expect((await consume("a", 1, 60, t0)).allowed).toBe(true);
    expect((await consume("a", 1, 60, t0)).allowed).toBe(false);
    expect((await consume("b", 1, 60, t0)).allowed).toBe(true);
  });

  it("counts concurrent hits exactly once each", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => consume("burst", 5, 60, t0)));
    expect(results.filter((result) => result.allowed)).toHaveLength(5);
    expect((await db.rateLimitBucket.findUniqueOrThrow({ where: { key: "burst" } })).count).toBe(20);
  });

  it("rejects a meaningless limit or window", async () => {
    await expect(consume("x", 0, 60, t0)).rejects.toThrow(RangeError);
    await expect(consume("x", 1, 0, t0)).rejects.toThrow(RangeError);
  });
});
