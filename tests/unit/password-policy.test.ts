import { describe, expect, it } from "vitest";
import { characterClasses, passwordExpired, passwordProblems } from "@/lib/auth/password-policy";

describe("password policy", () => {
  it("accepts a long password with three character classes", () => {
    expect(passwordProblems("Reform#2026go")).toEqual([]);
    expect(passwordProblems("qinghu-reform-9")).toEqual([]);
  });

  it("names every rule a password breaks", () => {
    expect(passwordProblems("Ab1!")).toEqual(["validation.passwordTooShort"]);
    expect(passwordProblems("abcdefghij")).toEqual(["validation.passwordClasses"]);
    expect(passwordProblems("P@ssw0rd")).toEqual(["validation.passwordCommon"]);
    expect(passwordProblems("Zhang.san2026", { username: "zhang.san" })).toEqual(["validation.passwordHasUsername"]);
    expect(passwordProblems("Short1!", { rules: { minLength: 12 } })).toContain("validation.passwordTooShort");
  });

  it("counts character classes", () => {
    expect(characterClasses("abc")).toBe(1);
    expect(characterClasses("aB3")).toBe(3);
    expect(characterClasses("aB3~")).toBe(4);
    expect(characterClasses("改革2026ab")).toBe(3);
  });

  it("expires admin passwords after the configured days", () => {
    const changed = new Date("2026-08-01T00:00:00Z");
    expect(passwordExpired(changed, 90, new Date("2026-10-29T23:59:59Z"))).toBe(false);
    expect(passwordExpired(changed, 90, new Date("2026-10-30T00:00:00Z"))).toBe(true);
    expect(passwordExpired(changed, null, new Date("2030-01-01T00:00:00Z"))).toBe(false);
    expect(passwordExpired(null, 90, changed)).toBe(true);
  });
});
