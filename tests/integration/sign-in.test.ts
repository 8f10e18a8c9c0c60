import { describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/service";
import { db } from "@/lib/db/client";
import { createCommittee, createUnit, createUser, TEST_PASSWORD } from "@/tests/factories";

const context = { ip: "10.0.0.8", userAgent: "vitest" };

describe("signInWithPassword", () => {
  it("accepts the right password, resets the failure count and audits the sign-in", async () => {
    const committee = await createCommittee();
    const unit = await createUnit(committee.id);
    const user = await createUser(committee.id, { username: "zhang", role: "UNIT_REPORTER", unitId: unit.id });
    await db.user.update({ where: { id: user.id }, data: { failedLoginCount: 2 } });

    const result = await signInWithPassword({ username: " Zhang ", password: TEST_PASSWORD }, context);

    expect(result).toEqual({ id: user.id, name: user.name, sessionVersion: 1 });
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

  it("rejects a wrong password, counts the failure and audits it", async () => {
    const committee = await createCommittee();
    const user = await createUser(committee.id, { username: "li" });

    expect(await signInWithPassword({ username: "li", password: "wrong-password" }, context)).toBeNull();

    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).failedLoginCount).toBe(1);
    const [event] = await db.auditEvent.findMany();
    expect(event).toMatchObject({ event: "auth.signin", result: "FAILURE", actorId: user.id, detail: "wrong password" });
  });

  it("treats an unknown user and a disabled user like a wrong password", async () => {
    const committee = await createCommittee();
    await createUser(committee.id, { username: "wang", disabled: true });

    expect(await signInWithPassword({ username: "nobody", password: TEST_PASSWORD }, context)).toBeNull();
    expect(await signInWithPassword({ username: "wang", password: TEST_PASSWORD }, context)).toBeNull();
    expect(await signInWithPassword({ username: "", password: "" }, context)).toBeNull();

    const events = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(events.map((event) => [event.actorName, event.result])).toEqual([
      ["nobody", "FAILURE"],
      ["wang", "FAILURE"],
    ]);
  });
});
