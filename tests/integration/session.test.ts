// The server's view of a session (loadActor): revocation, idle timeout, absolute lifetime and
// the forced password change, with a controlled clock.
import { afterEach, describe, expect, it, vi } from "vitest";
import { changePassword } from "@/lib/account/service";
import { loadActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { PasswordChangeRequiredError } from "@/lib/server/errors";
import { createCommittee, createUnit, createUser, TEST_PASSWORD } from "@/tests/factories";
import { actorFor, TEST_CONTEXT } from "@/tests/support/actor";

// This file moves the clock itself with fake timers; a run pinned with APP_NOW must not hold it still.
delete process.env.APP_NOW;

const T0 = new Date("2026-11-22T02:00:00Z");
const SECONDS = Math.floor(T0.getTime() / 1000);

function at(date: Date) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(date);
}

afterEach(() => {
  vi.useRealTimers();
});

async function setup() {
  const committee = await createCommittee();
  const unit = await createUnit(committee.id);
  const user = await createUser(committee.id, { role: "UNIT_REPORTER", unitId: unit.id });
  return { committee, unit, user, claims: { userId: user.id, sessionVersion: 1, authTime: SECONDS, lastSeen: SECONDS } };
}

describe("sessions", () => {
  it("a fresh session gives the actor with its scope", async () => {
    const { user, unit, claims, committee } = await setup();
    at(T0);
    const actor = await loadActor(claims, TEST_CONTEXT);
    expect(actor).toMatchObject({
      userId: user.id,
      committeeId: committee.id,
      roles: [{ role: "UNIT_REPORTER", unitId: unit.id, groupId: null }],
    });
  });

  it("ends after 30 idle minutes and 12 hours after sign-in", async () => {
    const { claims } = await setup();
    at(new Date(T0.getTime() + 29 * 60_000));
    expect(await loadActor(claims, TEST_CONTEXT)).not.toBeNull();
    at(new Date(T0.getTime() + 30 * 60_000));
    expect(await loadActor(claims, TEST_CONTEXT)).toBeNull();
    at(new Date(T0.getTime() + 12 * 3600_000));
    expect(await loadActor({ ...claims, lastSeen: SECONDS + 12 * 3600 - 60 }, TEST_CONTEXT)).toBeNull();
  });

  it("replaying an old session after the user is disabled, or their roles change, is refused", async () => {
    const { user, claims } = await setup();
    at(T0);
    await db.user.update({ where: { id: user.id }, data: { disabledAt: T0, sessionVersion: { increment: 1 } } });
    expect(await loadActor(claims, TEST_CONTEXT)).toBeNull();
    await db.user.update({ where: { id: user.id }, data: { disabledAt: null } });
    expect(await loadActor(claims, TEST_CONTEXT)).toBeNull(); // still the old version
    expect(await loadActor({ ...claims, sessionVersion: 2 }, TEST_CONTEXT)).not.toBeNull();
  });

  it("forces a password change first: other services refuse, the change itself works and ends the session", async () => {
    const { user, claims } = await setup();
    await db.user.update({ where: { id: user.id }, data: { mustChangePassword: true } });
    at(T0);
    const actor = await loadActor(claims, TEST_CONTEXT);
    expect(actor?.passwordChangeRequired).toBe(true);

    await expect(
      changePassword(actor!, { currentPassword: TEST_PASSWORD, newPassword: "abc", confirmPassword: "abc" }),
    ).rejects.toMatchObject({
      fieldErrors: { newPassword: ["validation.passwordTooShort", "validation.passwordClasses"] },
    });
    await expect(
      changePassword(actor!, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD }),
    ).rejects.toMatchObject({ fieldErrors: { newPassword: ["validation.passwordReused"] } });
    await changePassword(actor!, { currentPassword: TEST_PASSWORD, newPassword: "Reform#2026go", confirmPassword: "Reform#2026go" });

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.mustChangePassword).toBe(false);
    expect(after.sessionVersion).toBe(2);
    expect(await loadActor(claims, TEST_CONTEXT)).toBeNull();
    expect(await db.auditEvent.count({ where: { event: "account.changePassword", result: "SUCCESS" } })).toBe(1);
  });

  it("an expired admin password counts as a required change", async () => {
    const committee = await createCommittee();
    const admin = await createUser(committee.id, { role: "ADMIN" });
    await db.user.update({ where: { id: admin.id }, data: { passwordChangedAt: new Date("2026-01-01T00:00:00Z") } });
    at(T0);
    const actor = await actorFor(admin.id);
    expect(actor.passwordChangeRequired).toBe(true);
    expect(PasswordChangeRequiredError).toBeDefined();
  });
});

describe("second factor required for administrators", () => {
  it("an admin without TOTP must enrol before anything else, and cannot turn it off afterwards", async () => {
    const { enableTotp, disableTotp } = await import("@/lib/account/service");
    const { createUnit } = await import("@/lib/org/service");
    const { newTotpSecret, totpCode } = await import("@/lib/auth/totp");
    const { TotpSetupRequiredError, ForbiddenError } = await import("@/lib/server/errors");
    const committee = await createCommittee();
    await db.committeeSettings.update({ where: { committeeId: committee.id }, data: { requireTotpForAdmins: true } });
    const admin = await createUser(committee.id, { role: "ADMIN" });

    const before = await actorFor(admin.id);
    expect(before.totpSetupRequired).toBe(true);
    await expect(createUnit(before, { name: "新单位", kind: "GOV_DEPT" })).rejects.toBeInstanceOf(TotpSetupRequiredError);

    const secret = newTotpSecret();
    await expect(
      enableTotp(before, { secret, code: "000000" === totpCode(secret, new Date()) ? "111111" : "000000" }),
    ).rejects.toMatchObject({
      fieldErrors: { code: ["validation.invalid"] },
    });
    await enableTotp(before, { secret, code: totpCode(secret, new Date()) });

    const after = await actorFor(admin.id);
    expect(after.totpSetupRequired).toBe(false);
    await createUnit(after, { name: "新单位", kind: "GOV_DEPT" });
    await expect(disableTotp(after, { currentPassword: TEST_PASSWORD })).rejects.toBeInstanceOf(ForbiddenError);
    const stored = await db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(stored.totpSecret).not.toContain(secret); // sealed at rest
  });
});
