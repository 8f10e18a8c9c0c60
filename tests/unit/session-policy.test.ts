import { describe, expect, it } from "vitest";
import { sessionState } from "@/lib/auth/session-policy";

const SIGN_IN = 1_800_000_000;

describe("session lifetimes (controlled clock)", () => {
  it("stays active while requests keep coming within 30 minutes", () => {
    expect(sessionState({ authTime: SIGN_IN, lastSeen: SIGN_IN }, SIGN_IN + 29 * 60 + 59)).toBe("active");
    expect(sessionState({ authTime: SIGN_IN, lastSeen: SIGN_IN + 11 * 3600 }, SIGN_IN + 11 * 3600 + 600)).toBe("active");
  });

  it("ends after 30 idle minutes", () => {
    expect(sessionState({ authTime: SIGN_IN, lastSeen: SIGN_IN }, SIGN_IN + 30 * 60)).toBe("idle");
  });

  it("ends 12 hours after sign-in however active the user is", () => {
    expect(sessionState({ authTime: SIGN_IN, lastSeen: SIGN_IN + 12 * 3600 - 1 }, SIGN_IN + 12 * 3600)).toBe("expired");
  });

  it("follows other limits when given", () => {
    expect(sessionState({ authTime: SIGN_IN, lastSeen: SIGN_IN }, SIGN_IN + 10 * 60, { idleMinutes: 10, maxHours: 8 })).toBe("idle");
  });
});
