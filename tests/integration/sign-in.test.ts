import { afterEach, describe, expect, it, vi } from "vitest";
import { IP_ATTEMPTS, signInWithPassword } from "@/lib/auth/service";
import { newTotpSecret, totpCode } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { encryptSecret } from "@/lib/server/crypto";
import { createCommittee, createUnit, createUser, TEST_PASSWORD } from "@/tests/factories";

// This file moves the clock itself with fake timers; a run pinned with APP_NOW must not hold it still.
delete process.env.APP_NOW;

const context = { ip: "10.0.0.8", userAgent: "vitest" };
const T0 = new Date("2026-11-22T02:00:00Z");

function at(date: Date) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(date);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("signInWithPassword", () => {
  it("accepts the right password, resets the failure count and audits the sign-in", async () => {
    const committee = await createCommittee();
    const unit = await createUnit(committee.id);
    const user = await createUser(committee.id, { username: "zhang", role: "UNIT_REPORTER", unitId: unit.id });
    await db.user.update({ where: { id: user.id }, data: { failedLoginCount: 2 } });

    const result = await signInWithPassword({ username: " Zhang ", password: TEST_PASSWORD }, context);

    expect(result).toEqual({ ok: true, user: { id: user.id, name: user.name, sessionVersion: 1 } });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.failedLoginCount).toBe(0);
    expect(after.lastLoginIp).toBe("10.0.0.8");
    const events = await db.auditEvent.findMany();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event: "auth.signin",
      result: "SUCCESS",
      actorId: user.id,
      unitId: unit.id,
      committeeId: committee.id,
      ip: "10.0.0.8",
    });
  });

  it("treats an unknown user, a disabled user and a wrong password alike, auditing each", async () => {
    const committee = await createCommittee();
    await createUser(committee.id, { username: "wang", disabled: true });
    await createUser(committee.id, { username: "li" });

    expect(await signInWithPassword({ username: "nobody", password: TEST_PASSWORD }, context)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword({ username: "wang", password: TEST_PASSWORD }, context)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword({ username: "li", password: "wrong-password" }, context)).toEqual({ ok: false, reason: "invalid" });

    const events = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(events.map((event) => [event.actorName, event.result, event.detail])).toEqual([
      ["nobody", "FAILURE", "unknown user"],
      ["wang", "FAILURE", "disabled or no password"],
      ["li", "FAILURE", "wrong password"],
    ]);
  });

  it("locks the account after 5 failures: the 6th attempt fails even with the right password, until 30 minutes pass", async () => {
    const committee = await createCommittee();
    const user = await createUser(committee.id, { username: "zhao" });
    at(T0);
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await signInWithPassword({ username: "zhao", password: `wrong-${attempt}` }, context)).ok).toBe(false);
    }
    const locked = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(locked.lockedUntil).toEqual(new Date(T0.getTime() + 30 * 60_000));
    expect(await db.auditEvent.count({ where: { event: "auth.lockout", actorId: user.id } })).toBe(1);

    at(new Date(T0.getTime() + 29 * 60_000));
    expect(await signInWithPassword({ username: "zhao", password: TEST_PASSWORD }, context)).toEqual({ ok: false, reason: "invalid" });
    expect(await db.auditEvent.count({ where: { event: "auth.signin", actorId: user.id, result: "FAILURE" } })).toBe(6);

    at(new Date(T0.getTime() + 31 * 60_000));
    expect((await signInWithPassword({ username: "zhao", password: TEST_PASSWORD }, context)).ok).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lockedUntil).toBeNull();
  });

  it("throttles one address trying many accounts, whatever the accounts", async () => {
    const committee = await createCommittee();
    await createUser(committee.id, { username: "sun" });
    at(T0);
    for (let attempt = 0; attempt < IP_ATTEMPTS; attempt++)
      await signInWithPassword({ username: `guess${attempt}`, password: "x" }, { ...context, ip: "10.9.9.9" });
    expect(await signInWithPassword({ username: "sun", password: TEST_PASSWORD }, { ...context, ip: "10.9.9.9" })).toEqual({
      ok: false,
      reason: "rate_limited",
    });
    expect((await signInWithPassword({ username: "sun", password: TEST_PASSWORD }, { ...context, ip: "10.9.9.10" })).ok).toBe(true);
    expect(await db.auditEvent.count({ where: { result: "DENIED", ip: "10.9.9.9" } })).toBe(1);
  });

  it("a county behind one NAT address: 300 staff sign in within 10 minutes, and only failed attempts count toward the limit", async () => {
    const committee = await createCommittee();
    const unit = await createUnit(committee.id);
    const nat = { ...context, ip: "58.20.1.1" };
    const staff = [];
    for (let n = 0; n < 300; n++)
      staff.push(await createUser(committee.id, { username: `nat${n}`, role: "UNIT_REPORTER", unitId: unit.id }));
    at(T0);
    // 9:00 on reporting day: everyone signs in within the same minutes, a few mistype first
    for (const [index, user] of staff.entries()) {
      at(new Date(T0.getTime() + index * 1_500));
      if (index % 20 === 0) expect((await signInWithPassword({ username: user.username, password: "typo" }, nat)).ok).toBe(false);
      expect((await signInWithPassword({ username: user.username, password: TEST_PASSWORD }, nat)).ok, user.username).toBe(true);
    }
    // 15 mistakes so far; 15 more are allowed, the 31st failure within the window is refused
    for (let attempt = 0; attempt < IP_ATTEMPTS - 15; attempt++)
      expect(await signInWithPassword({ username: `guess${attempt}`, password: "x" }, nat)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword({ username: "nat1", password: TEST_PASSWORD }, nat)).toEqual({ ok: false, reason: "rate_limited" });
  });

  it("requires the TOTP code once enrolled, and refuses a replayed code", async () => {
    const committee = await createCommittee();
    const secret = newTotpSecret();
    const user = await createUser(committee.id, { username: "qian", role: "ADMIN" });
    await db.user.update({ where: { id: user.id }, data: { totpSecret: encryptSecret(secret), totpEnabledAt: T0 } });
    at(T0);
    const code = totpCode(secret, T0);

    expect(await signInWithPassword({ username: "qian", password: TEST_PASSWORD }, context)).toEqual({
      ok: false,
      reason: "totp_required",
    });
    expect(
      await signInWithPassword({ username: "qian", password: TEST_PASSWORD, totp: "000000" === code ? "111111" : "000000" }, context),
    ).toEqual({
      ok: false,
      reason: "totp_invalid",
    });
    expect((await signInWithPassword({ username: "qian", password: TEST_PASSWORD, totp: code }, context)).ok).toBe(true);

    at(new Date(T0.getTime() + 10_000));
    expect(await signInWithPassword({ username: "qian", password: TEST_PASSWORD, totp: code }, context)).toEqual({
      ok: false,
      reason: "totp_invalid",
    });
    expect(await db.auditEvent.count({ where: { actorId: user.id, detail: "second factor replayed" } })).toBe(1);
  });

  it("tells an account with the right password but no role yet that it awaits a grant", async () => {
    const committee = await createCommittee();
    const user = await createUser(committee.id, { username: "zhou" });
    await db.roleAssignment.deleteMany({ where: { userId: user.id } });
    expect(await signInWithPassword({ username: "zhou", password: TEST_PASSWORD }, context)).toEqual({ ok: false, reason: "no_role" });
    expect(await signInWithPassword({ username: "zhou", password: "wrong-password" }, context)).toEqual({ ok: false, reason: "invalid" });
    expect(await db.auditEvent.count({ where: { actorId: user.id, result: "DENIED", detail: "no role granted" } })).toBe(1);
  });
});
