import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/prisma";
import { addGroupMember, createGroup, createUnit, mergeUnit, renameUnit, updateSecurityPolicy, updateSettings } from "@/lib/org/service";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { dutyViolations } from "@/lib/users/queries";
import { createUser, disableUser, grantRole, resetUserPassword, revokeRole } from "@/lib/users/service";
import { createCommittee, createGroup as makeGroup, createUnit as makeUnit, createUser as makeUser } from "@/tests/factories";

const GOOD_PASSWORD = "Lake#Shore42";

async function actorFor(role: Role, committeeId?: string): Promise<Actor> {
  const committee = committeeId ? await db.committee.findUniqueOrThrow({ where: { id: committeeId } }) : await createCommittee();
  const user = await makeUser(committee.id, { role });
  return {
    userId: user.id,
    username: user.username,
    name: user.name,
    committeeId: committee.id,
    childCommitteeIds: [],
    committee: { id: committee.id, name: committee.name, regionName: committee.regionName, officeName: committee.officeName },
    unit: null,
    roles: [{ role, unitId: null, groupId: null }],
    isLeader: false,
    leaderTitle: null,
    passwordChangeRequired: false,
    totpEnabled: false,
    context: { ip: "10.0.0.9", userAgent: "vitest", requestId: "req-admin", origin: "http://localhost", host: "localhost" },
  };
}

async function audits(result?: "SUCCESS" | "DENIED") {
  return db.auditEvent.findMany({ where: result ? { result } : {}, orderBy: { id: "asc" } });
}

describe("units", () => {
  it("creates, renames and merges a unit, one audit row each", async () => {
    const admin = await actorFor("ADMIN");
    const a = await createUnit(admin, { name: "县水利局", kind: "GOV_DEPT" });
    const b = await createUnit(admin, { name: "县农业农村局", shortName: "农业农村局", kind: "GOV_DEPT" });
    await renameUnit(admin, { id: a.id, name: "县水务局", shortName: null, version: 1 });
    await mergeUnit(admin, { id: a.id, intoId: b.id, version: 2 });

    const merged = await db.unit.findUniqueOrThrow({ where: { id: a.id } });
    expect(merged).toMatchObject({ name: "县水务局", active: false, mergedIntoId: b.id, version: 3 });
    const events = await audits();
    expect(events.map((event) => [event.event, event.result])).toEqual([
      ["unit.create", "SUCCESS"],
      ["unit.create", "SUCCESS"],
      ["unit.rename", "SUCCESS"],
      ["unit.merge", "SUCCESS"],
    ]);
    expect(events[2]?.changes).toEqual({ name: ["县水利局", "县水务局"] });
  });

  it("refuses a duplicate name with a field message", async () => {
    const admin = await actorFor("ADMIN");
    await createUnit(admin, { name: "县财政局", kind: "GOV_DEPT" });
    await expect(createUnit(admin, { name: "县财政局", kind: "GOV_DEPT" })).rejects.toMatchObject({
      fieldErrors: { name: ["validation.duplicateName"] },
    });
  });

  it("answers a stale version with a conflict and changes nothing", async () => {
    const admin = await actorFor("ADMIN");
    const unit = await makeUnit(admin.committee.id, { name: "县教育局" });
    await renameUnit(admin, { id: unit.id, name: "县教育和体育局", shortName: null, version: 1 });
    await expect(renameUnit(admin, { id: unit.id, name: "县教体局", shortName: null, version: 1 })).rejects.toBeInstanceOf(ConflictError);
    expect((await db.unit.findUniqueOrThrow({ where: { id: unit.id } })).name).toBe("县教育和体育局");
    expect(await audits("SUCCESS")).toHaveLength(1);
  });

  it("treats another committee's unit as not found and leaves it alone", async () => {
    const admin = await actorFor("ADMIN");
    const other = await createCommittee();
    const foreign = await makeUnit(other.id, { name: "外县公安局" });
    await expect(renameUnit(admin, { id: foreign.id, name: "改名", shortName: null, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(mergeUnit(admin, { id: foreign.id, intoId: foreign.id, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.unit.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({ name: "外县公安局", active: true, version: 1 });
    expect((await audits()).map((event) => event.result)).toEqual(["DENIED", "DENIED"]);
  });

  it("rejects extra fields", async () => {
    const admin = await actorFor("ADMIN");
    await expect(createUnit(admin, { name: "县审计局", kind: "GOV_DEPT", committeeId: "x" })).rejects.toMatchObject({
      status: 422,
      fieldErrors: { _form: ["validation.unknownField"] },
    });
  });
});

describe("users", () => {
  it("creates a user who must change the password and holds no role", async () => {
    const admin = await actorFor("ADMIN");
    const unit = await makeUnit(admin.committee.id);
    const { id } = await createUser(admin, {
      username: "Wang.Fang",
      name: "王芳",
      unitId: unit.id,
      email: "",
      phone: null,
      password: GOOD_PASSWORD,
    });

    const user = await db.user.findUniqueOrThrow({ where: { id }, include: { roleAssignments: true, passwordHistory: true } });
    expect(user).toMatchObject({ username: "wang.fang", mustChangePassword: true, email: null });
    expect(user.roleAssignments).toHaveLength(0);
    expect(user.passwordHistory).toHaveLength(1);
    expect(user.passwordHash).not.toContain(GOOD_PASSWORD);
    const events = await audits();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ event: "user.create", targetId: id, result: "SUCCESS" });
    expect(JSON.stringify(events[0]?.changes)).not.toContain(GOOD_PASSWORD);
  });

  it("refuses a weak password with messages on the password field", async () => {
    const admin = await actorFor("ADMIN");
    const unit = await makeUnit(admin.committee.id);
    const attempt = createUser(admin, { username: "weak", name: "弱密码", unitId: unit.id, password: "abc123" });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { password: expect.arrayContaining(["validation.passwordTooShort"]) } });
    expect(await db.user.count({ where: { username: "weak" } })).toBe(0);
    expect(await audits()).toHaveLength(0);
  });

  it("does not create a user in another committee's unit", async () => {
    const admin = await actorFor("ADMIN");
    const foreign = await makeUnit((await createCommittee()).id);
    await expect(createUser(admin, { username: "spy", name: "外县", unitId: foreign.id, password: GOOD_PASSWORD })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await db.user.count({ where: { username: "spy" } })).toBe(0);
  });

  it("disabling and resetting a password end the user's sessions", async () => {
    const admin = await actorFor("ADMIN");
    const unit = await makeUnit(admin.committee.id);
    const user = await makeUser(admin.committee.id, { role: "UNIT_REPORTER", unitId: unit.id });
    await resetUserPassword(admin, { id: user.id, password: GOOD_PASSWORD, version: 1 });
    await disableUser(admin, { id: user.id, version: 2 });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ mustChangePassword: true, sessionVersion: 3, version: 3 });
    expect(after.disabledAt).not.toBeNull();
    expect((await audits()).map((event) => event.event)).toEqual(["user.resetPassword", "user.disable"]);
  });

  it("does not let the system administrator take over the security administrator's account", async () => {
    const admin = await actorFor("ADMIN");
    const security = await makeUser(admin.committee.id, { role: "SECURITY_ADMIN" });
    await expect(resetUserPassword(admin, { id: security.id, password: GOOD_PASSWORD, version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.user.findUniqueOrThrow({ where: { id: security.id } })).mustChangePassword).toBe(false);
  });
});

describe("roles", () => {
  it("the security administrator grants a scoped role and the user's sessions end", async () => {
    const security = await actorFor("SECURITY_ADMIN");
    const unit = await makeUnit(security.committee.id);
    const user = await makeUser(security.committee.id, { role: "OFFICE" });

    await grantRole(security, { userId: user.id, role: "UNIT_REPORTER", unitId: unit.id });

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id }, include: { roleAssignments: true } });
    expect(after.sessionVersion).toBe(2);
    expect(after.roleAssignments.map((grant) => [grant.role, grant.unitId])).toEqual(
      expect.arrayContaining([
        ["OFFICE", null],
        ["UNIT_REPORTER", unit.id],
      ]),
    );
    const [event] = await audits();
    expect(event).toMatchObject({ event: "role.grant", targetId: user.id, result: "SUCCESS" });
    expect(event?.changes).toEqual({ role: [null, "UNIT_REPORTER"], unitId: [null, unit.id], groupId: [null, null] });
  });

  it("requires the scope a role needs", async () => {
    const security = await actorFor("SECURITY_ADMIN");
    const user = await makeUser(security.committee.id);
    await expect(grantRole(security, { userId: user.id, role: "GROUP_LIAISON" })).rejects.toMatchObject({
      fieldErrors: { groupId: ["validation.required"] },
    });
  });

  it("revokes a grant and ends the user's sessions", async () => {
    const security = await actorFor("SECURITY_ADMIN");
    const group = await makeGroup(security.committee.id);
    const user = await makeUser(security.committee.id);
    const { id } = await grantRole(security, { userId: user.id, role: "GROUP_LIAISON", groupId: group.id });
    await revokeRole(security, { id });
    expect(await db.roleAssignment.count({ where: { id } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(3);
    expect((await audits("SUCCESS")).map((event) => event.event)).toEqual(["role.grant", "role.revoke"]);
  });

  it("the system administrator cannot grant roles, and the refusal is audited", async () => {
    const admin = await actorFor("ADMIN");
    const user = await makeUser(admin.committee.id);
    const attempt = grantRole(admin, { userId: user.id, role: "OFFICE" });
    await expect(attempt).rejects.toSatisfy((error) => error instanceof ForbiddenError || error instanceof NotFoundError);
    expect(await db.roleAssignment.count({ where: { userId: user.id } })).toBe(1);
    const events = await audits();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ event: "role.grant", result: "DENIED", actorId: admin.userId });
  });

  it("nobody grants a role to themselves", async () => {
    const security = await actorFor("SECURITY_ADMIN");
    await expect(grantRole(security, { userId: security.userId, role: "ADMIN" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.roleAssignment.count({ where: { userId: security.userId } })).toBe(1);
    expect((await audits()).map((event) => event.result)).toEqual(["DENIED"]);
  });

  it("三员分立: an administrator's role is never granted beside another duty, and old violations are listed for revoking", async () => {
    const security = await actorFor("SECURITY_ADMIN");
    const unit = await makeUnit(security.committee.id);
    const reporter = await makeUser(security.committee.id, { role: "UNIT_REPORTER", unitId: unit.id });
    const auditor = await makeUser(security.committee.id, { role: "AUDITOR" });
    // a unit reporter made auditor (who would then read the audit log of its own work), and the reverse
    for (const [userId, role] of [
      [reporter.id, "AUDITOR"],
      [reporter.id, "ADMIN"],
      [reporter.id, "SECURITY_ADMIN"],
      [auditor.id, "OFFICE"],
      [auditor.id, "ADMIN"],
    ] as const) {
      await expect(grantRole(security, { userId, role }), `${role} to ${userId}`).rejects.toMatchObject({
        fieldErrors: { role: ["admin.validation.separationOfDuties"] },
      });
    }
    expect(
      (await db.roleAssignment.findMany({ where: { userId: { in: [reporter.id, auditor.id] } } })).map((grant) => grant.role).sort(),
    ).toEqual(["AUDITOR", "UNIT_REPORTER"]);
    // business roles still combine: the reporter may also be a liaison
    const group = await makeGroup(security.committee.id);
    await grantRole(security, { userId: reporter.id, role: "GROUP_LIAISON", groupId: group.id });

    // a violation from earlier data is listed with both grants, and goes once one side is revoked
    await db.roleAssignment.create({ data: { userId: reporter.id, committeeId: security.committee.id, role: "AUDITOR" } });
    const listed = await dutyViolations(security);
    expect(listed.map((person) => person.userId)).toEqual([reporter.id]);
    expect(listed[0]!.grants.map((grant) => grant.role).sort()).toEqual(["AUDITOR", "GROUP_LIAISON", "UNIT_REPORTER"]);
    await revokeRole(security, { id: listed[0]!.grants.find((grant) => grant.role === "AUDITOR")!.id });
    expect(await dutyViolations(security)).toEqual([]);
    // only the security administrator reads the list
    await expect(dutyViolations(await actorFor("ADMIN", security.committee.id))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("cannot grant a role on another committee's user or unit", async () => {
    const security = await actorFor("SECURITY_ADMIN");
    const other = await createCommittee();
    const stranger = await makeUser(other.id);
    const foreignUnit = await makeUnit(other.id);
    const local = await makeUser(security.committee.id);
    await expect(grantRole(security, { userId: stranger.id, role: "OFFICE" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(grantRole(security, { userId: local.id, role: "UNIT_REPORTER", unitId: foreignUnit.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await db.roleAssignment.count({ where: { userId: { in: [stranger.id, local.id] } } })).toBe(2);
  });
});

describe("special groups and settings", () => {
  it("creates a group and accepts only a leader as its head", async () => {
    const admin = await actorFor("ADMIN");
    const unit = await makeUnit(admin.committee.id);
    const leader = await makeUser(admin.committee.id, { role: "LEADER" });
    await db.user.update({ where: { id: leader.id }, data: { isLeader: true } });
    const staff = await makeUser(admin.committee.id);
    const group = await createGroup(admin, { name: "党的建设制度改革专项小组", shortName: "党建", liaisonUnitId: unit.id });

    await addGroupMember(admin, { groupId: group.id, role: "HEAD", userId: leader.id });
    await addGroupMember(admin, { groupId: group.id, role: "MEMBER_UNIT", unitId: unit.id });
    await expect(addGroupMember(admin, { groupId: group.id, role: "DEPUTY", userId: staff.id })).rejects.toMatchObject({
      fieldErrors: { userId: ["admin.validation.notLeader"] },
    });
    expect(await db.specialGroupMember.count({ where: { groupId: group.id } })).toBe(2);
    expect((await audits("SUCCESS")).map((event) => event.event)).toEqual(["group.create", "group.addMember", "group.addMember"]);
  });

  it("updates thresholds with yellow below red and a current version", async () => {
    const admin = await actorFor("ADMIN");
    const values = { yellowLagPoints: 15, redLagPoints: 35, milestoneRedDays: 20, monthlyReportDueDay: 8, quarterlyReportDueDay: 15 };
    await expect(updateSettings(admin, { ...values, yellowLagPoints: 40, version: 1 })).rejects.toMatchObject({
      fieldErrors: { redLagPoints: ["admin.validation.redAboveYellow"] },
    });
    await expect(updateSettings(admin, { ...values, monthlyReportDueDay: 29, version: 1 })).rejects.toBeInstanceOf(ValidationError);
    await updateSettings(admin, { ...values, version: 1 });
    await expect(updateSettings(admin, { ...values, version: 1 })).rejects.toBeInstanceOf(ConflictError);
    expect(await db.committeeSettings.findUniqueOrThrow({ where: { committeeId: admin.committee.id } })).toMatchObject({
      ...values,
      version: 2,
    });
    const [event] = await audits("SUCCESS");
    expect(event?.changes).toMatchObject({ yellowLagPoints: [10, 15], redLagPoints: [30, 35] });
  });

  it("leaves the security policy to the security administrator", async () => {
    const admin = await actorFor("ADMIN");
    const security = await actorFor("SECURITY_ADMIN", admin.committee.id);
    const policy = {
      passwordMinLength: 10,
      passwordMaxAgeDaysAdmin: null,
      lockoutThreshold: 5,
      lockoutMinutes: 30,
      requireTotpForAdmins: true,
    };
    await expect(updateSecurityPolicy(admin, { ...policy, version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    await updateSecurityPolicy(security, { ...policy, version: 1 });
    expect(await db.committeeSettings.findUniqueOrThrow({ where: { committeeId: admin.committee.id } })).toMatchObject(policy);
  });
});
