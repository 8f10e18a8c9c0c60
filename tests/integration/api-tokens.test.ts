// Long-lived API tokens (DESIGN §5 api/v1): an administrator issues one for a system account of the
// committee, sees it once, and it authenticates as that user until revoked, expired or the user is
// disabled. Only its SHA-256 is kept; the audit trail never holds the token.
import { now } from "@/lib/server/clock";
import { describe, expect, it } from "vitest";
import { callerOfBearer, createApiToken, openApiSession, revokeApiToken } from "@/lib/api/token-service";
import { listApiTokens } from "@/lib/api/token-queries";
import { hashToken } from "@/lib/api/tokens";
import { db } from "@/lib/db/client";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { createCommittee, createUnit, createUser, TEST_PASSWORD } from "@/tests/factories";
import { actorFor, TEST_CONTEXT } from "@/tests/support/actor";

async function world() {
  const committee = await createCommittee();
  const unit = await createUnit(committee.id);
  const adminUser = await createUser(committee.id, { role: "ADMIN", name: "系统管理员" });
  const admin = await actorFor(adminUser.id);
  // the system account a big screen calls the API as
  const system = await createUser(committee.id, { role: "UNIT_REPORTER", unitId: unit.id, username: "screen" });
  return { committee, unit, admin, adminUser, system };
}

async function issue(input: { userId: string; name?: string; expiresInDays?: number }, actor: Awaited<ReturnType<typeof world>>["admin"]) {
  return createApiToken(actor, { name: "会议室大屏", expiresInDays: 30, ...input });
}

const DAY = 86_400_000;

describe("issuing a token", () => {
  it("returns an rtp_ token once and keeps only its SHA-256, audited without the token", async () => {
    const { admin, system, committee } = await world();
    const before = now().getTime();

    const issued = await issue({ userId: system.id }, admin);

    expect(issued.token).toMatch(/^rtp_[\w-]{43}$/);
    expect(issued.token.startsWith(issued.prefix)).toBe(true);
    expect(issued.prefix.length).toBeLessThan(issued.token.length);
    const expiresAt = new Date(issued.expiresAt).getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * DAY);
    expect(expiresAt).toBeLessThanOrEqual(now().getTime() + 30 * DAY);

    const rows = await db.apiToken.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: issued.id,
      committeeId: committee.id,
      userId: system.id,
      kind: "PERSONAL",
      name: "会议室大屏",
      tokenHash: hashToken(issued.token),
      prefix: issued.prefix,
      createdById: admin.userId,
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(JSON.stringify(rows[0]), "no column holds the token").not.toContain(issued.token);
    // nor does the raw table (every column, as PostgreSQL stores it)
    const raw = await db.$queryRaw<unknown[]>`SELECT * FROM "ApiToken"`;
    expect(JSON.stringify(raw)).not.toContain(issued.token.slice(issued.prefix.length));

    const audit = await db.auditEvent.findMany();
    expect(audit.map((row) => [row.event, row.result, row.targetType, row.targetId])).toEqual([
      ["apiToken.create", "SUCCESS", "ApiToken", issued.id],
    ]);
    expect(audit[0]).toMatchObject({ actorId: admin.userId, committeeId: committee.id, detail: "for screen" });
    expect(JSON.stringify(audit[0], (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value))).not.toContain(
      issued.token.slice(issued.prefix.length),
    );
  });

  it("lists the user's tokens without the tokens, newest first, with who issued them", async () => {
    const { admin, system } = await world();
    const first = await issue({ userId: system.id, name: "甲" }, admin);
    const second = await issue({ userId: system.id, name: "乙" }, admin);
    // createdAt is the database's own time (not the app's clock, which a run may pin): age the first from the second's
    const { createdAt } = await db.apiToken.findUniqueOrThrow({ where: { id: second.id }, select: { createdAt: true } });
    await db.apiToken.update({ where: { id: first.id }, data: { createdAt: new Date(createdAt.getTime() - DAY) } });

    const rows = await listApiTokens(admin, system.id);

    expect(rows.map((row) => [row.id, row.name, row.prefix, row.createdByName, row.revokedAt])).toEqual([
      [second.id, "乙", second.prefix, "系统管理员", null],
      [first.id, "甲", first.prefix, "系统管理员", null],
    ]);
    expect(JSON.stringify(rows)).not.toContain(first.token);
    expect(JSON.stringify(rows)).not.toContain(hashToken(first.token));
  });

  it("uses 365 days when no validity is given, and refuses 0 or more than 730 days", async () => {
    const { admin, system } = await world();
    const issued = await createApiToken(admin, { userId: system.id, name: "默认有效期" });
    expect(Math.round((new Date(issued.expiresAt).getTime() - now().getTime()) / DAY)).toBe(365);

    for (const expiresInDays of [0, 731, 1.5])
      await expect(issue({ userId: system.id, expiresInDays }, admin), String(expiresInDays)).rejects.toMatchObject({
        fieldErrors: { expiresInDays: [expect.stringMatching(/^validation\./)] },
      });
    await expect(issue({ userId: system.id, name: "" }, admin)).rejects.toBeInstanceOf(ValidationError);
    await expect(issue({ userId: system.id, name: "长".repeat(61) }, admin)).rejects.toBeInstanceOf(ValidationError);
    expect(await db.apiToken.count()).toBe(1);
  });
});

describe("the token authenticates", () => {
  it("as its user, and records when it was last used", async () => {
    const { admin, system, committee } = await world();
    const issued = await issue({ userId: system.id }, admin);

    const caller = await callerOfBearer(`Bearer ${issued.token}`, TEST_CONTEXT);

    expect(caller).toMatchObject({ tokenId: issued.id, tokenKind: "PERSONAL" });
    expect(caller?.actor).toMatchObject({ userId: system.id, username: "screen", committeeId: committee.id });
    expect(caller?.actor.roles.map((grant) => grant.role)).toEqual(["UNIT_REPORTER"]);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: issued.id } })).lastUsedAt).not.toBeNull();
  });

  it("not with a wrong, truncated or differently written token", async () => {
    const { admin, system } = await world();
    const issued = await issue({ userId: system.id }, admin);

    for (const header of [
      null,
      issued.token,
      `Basic ${issued.token}`,
      `Bearer ${issued.token.slice(0, -1)}`,
      `Bearer ${issued.prefix}`,
      `Bearer ${issued.token}x`,
      `Bearer ${hashToken(issued.token)}`,
    ])
      expect(await callerOfBearer(header, TEST_CONTEXT), String(header)).toBeNull();
  });

  it("no longer once revoked; the revocation is audited", async () => {
    const { admin, system } = await world();
    const issued = await issue({ userId: system.id }, admin);
    expect(await callerOfBearer(`Bearer ${issued.token}`, TEST_CONTEXT)).not.toBeNull();

    await revokeApiToken(admin, { id: issued.id });

    expect(await callerOfBearer(`Bearer ${issued.token}`, TEST_CONTEXT)).toBeNull();
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.revokedAt).not.toBeNull();
    expect(row.revokedById).toBe(admin.userId);
    const revokes = await db.auditEvent.findMany({ where: { event: "apiToken.revoke" } });
    expect(revokes).toHaveLength(1);
    expect(revokes[0]).toMatchObject({ result: "SUCCESS", actorId: admin.userId, targetType: "ApiToken", targetId: issued.id });
    expect((await listApiTokens(admin, system.id))[0]?.revokedAt).toBe(row.revokedAt?.toISOString());

    // revoking again changes nothing (the first revocation's time stays)
    await revokeApiToken(admin, { id: issued.id });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: issued.id } })).revokedAt).toEqual(row.revokedAt);
  });

  it("no longer once expired", async () => {
    const { admin, system } = await world();
    const issued = await issue({ userId: system.id }, admin);
    await db.apiToken.update({ where: { id: issued.id }, data: { expiresAt: new Date(now().getTime() - 1000) } });

    expect(await callerOfBearer(`Bearer ${issued.token}`, TEST_CONTEXT)).toBeNull();
  });

  it("a session token (POST /session) ends after 30 minutes without use, like a cookie session; a personal token does not", async () => {
    const w = await world();
    const start = new Date("2026-06-30T01:00:00Z");
    const at = (minutes: number) => (process.env.APP_NOW = new Date(start.getTime() + minutes * 60_000).toISOString());
    try {
      at(0);
      const session = await openApiSession({ username: "screen", password: TEST_PASSWORD }, TEST_CONTEXT);
      if (!session.ok) throw new Error(`sign-in failed: ${session.reason}`);
      const personal = await issue({ userId: w.system.id }, w.admin);
      const bearer = `Bearer ${session.token}`;
      at(20);
      expect(await callerOfBearer(bearer, TEST_CONTEXT), "used 20 minutes after issue").not.toBeNull();
      at(49);
      expect(await callerOfBearer(bearer, TEST_CONTEXT), "29 minutes after its last use").not.toBeNull();
      at(80);
      expect(await callerOfBearer(bearer, TEST_CONTEXT), "31 minutes idle").toBeNull();
      at(3 * 24 * 60);
      expect(await callerOfBearer(`Bearer ${personal.token}`, TEST_CONTEXT), "a personal token, days later").not.toBeNull();
    } finally {
      delete process.env.APP_NOW;
    }
  });

  it("no longer once its user is disabled", async () => {
    const { admin, system } = await world();
    const issued = await issue({ userId: system.id }, admin);
    await db.user.update({ where: { id: system.id }, data: { disabledAt: now() } });

    expect(await callerOfBearer(`Bearer ${issued.token}`, TEST_CONTEXT)).toBeNull();
  });

  it("only in the committee it was issued in, and not for someone who administers another committee", async () => {
    const { admin, system, committee } = await world();
    // a user whose first (acting) grant is in another committee, with a role here too
    const elsewhere = await createCommittee();
    const twoPlaces = await createUser(elsewhere.id, { role: "OFFICE", username: "two-places" });
    await db.roleAssignment.create({
      data: { userId: twoPlaces.id, committeeId: committee.id, role: "LEADER", createdAt: new Date(now().getTime() + 1000) },
    });
    const issued = await issue({ userId: twoPlaces.id }, admin);
    expect(await callerOfBearer(`Bearer ${issued.token}`, TEST_CONTEXT)).toBeNull();

    await db.roleAssignment.create({ data: { userId: system.id, committeeId: elsewhere.id, role: "AUDITOR" } });
    await expect(issue({ userId: system.id }, admin)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("no longer once its user has lost every role", async () => {
    const { admin, system } = await world();
    const issued = await issue({ userId: system.id }, admin);
    await db.roleAssignment.deleteMany({ where: { userId: system.id } });

    expect(await callerOfBearer(`Bearer ${issued.token}`, TEST_CONTEXT)).toBeNull();
  });
});

describe("who may have a token, and who may issue one", () => {
  it("refuses the actor's own account and accounts of the three administrators (403), audited as denied", async () => {
    const { admin, adminUser, committee } = await world();
    const auditor = await createUser(committee.id, { role: "AUDITOR" });
    const securityAdmin = await createUser(committee.id, { role: "SECURITY_ADMIN" });
    const otherAdmin = await createUser(committee.id, { role: "ADMIN" });

    for (const user of [adminUser, auditor, securityAdmin, otherAdmin])
      await expect(issue({ userId: user.id }, admin), user.username).rejects.toBeInstanceOf(ForbiddenError);

    expect(await db.apiToken.count()).toBe(0);
    const audit = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.event, row.result])).toEqual(Array(4).fill(["apiToken.create", "DENIED"]));
  });

  it("refuses a user who is also an auditor besides another role", async () => {
    const { admin, committee, unit } = await world();
    const user = await createUser(committee.id, { role: "UNIT_REPORTER", unitId: unit.id });
    await db.roleAssignment.create({ data: { userId: user.id, committeeId: committee.id, role: "AUDITOR" } });

    await expect(issue({ userId: user.id }, admin)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuses (422 on userId) a disabled user and a user without a role", async () => {
    const { admin, committee, unit } = await world();
    const disabled = await createUser(committee.id, { role: "OFFICE", unitId: unit.id, disabled: true });
    const roleless = await createUser(committee.id, { role: "OFFICE", unitId: unit.id });
    await db.roleAssignment.deleteMany({ where: { userId: roleless.id } });

    await expect(issue({ userId: disabled.id }, admin)).rejects.toMatchObject({ fieldErrors: { userId: ["api.validation.userDisabled"] } });
    await expect(issue({ userId: roleless.id }, admin)).rejects.toMatchObject({
      fieldErrors: { userId: ["api.validation.userHasNoRole"] },
    });
    expect(await db.apiToken.count()).toBe(0);
  });

  it("does not find a user of another committee (404), nor lets another committee revoke this one's token", async () => {
    const { admin, system } = await world();
    const other = await createCommittee();
    const outsider = await createUser(other.id, { role: "OFFICE", unitId: (await createUnit(other.id)).id });
    const otherAdmin = await actorFor((await createUser(other.id, { role: "ADMIN" })).id);

    await expect(issue({ userId: outsider.id }, admin)).rejects.toBeInstanceOf(NotFoundError);
    await expect(issue({ userId: system.id }, otherAdmin)).rejects.toBeInstanceOf(NotFoundError);

    const issued = await issue({ userId: system.id }, admin);
    await expect(revokeApiToken(otherAdmin, { id: issued.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await listApiTokens(otherAdmin, system.id)).toEqual([]);
    expect(await callerOfBearer(`Bearer ${issued.token}`, TEST_CONTEXT)).not.toBeNull();
  });

  it("refuses actors without user:write: the office, the security administrator", async () => {
    const { admin, system, committee, unit } = await world();
    const office = await actorFor((await createUser(committee.id, { role: "OFFICE", unitId: unit.id })).id);
    const securityAdmin = await actorFor((await createUser(committee.id, { role: "SECURITY_ADMIN" })).id);
    const issued = await issue({ userId: system.id }, admin);

    // neither may write users anywhere (403, whatever the id); the office cannot even list them (404, as pages do)
    await expect(issue({ userId: system.id }, office)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(revokeApiToken(office, { id: issued.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listApiTokens(office, system.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(issue({ userId: system.id }, securityAdmin)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(revokeApiToken(securityAdmin, { id: issued.id })).rejects.toBeInstanceOf(ForbiddenError);

    expect(await db.apiToken.count()).toBe(1);
    expect(await callerOfBearer(`Bearer ${issued.token}`, TEST_CONTEXT)).not.toBeNull();
  });

  it("revokes only long-lived tokens: a session token is not found", async () => {
    const { admin, system, committee } = await world();
    const session = await db.apiToken.create({
      data: {
        committeeId: committee.id,
        userId: system.id,
        kind: "SESSION",
        tokenHash: hashToken("rtp_session"),
        prefix: "rtp_sessio",
        sessionVersion: 1,
        expiresAt: new Date(now().getTime() + DAY),
      },
    });

    await expect(revokeApiToken(admin, { id: session.id })).rejects.toBeInstanceOf(NotFoundError);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).toBeNull();
    expect(await listApiTokens(admin, system.id)).toEqual([]);
  });
});
