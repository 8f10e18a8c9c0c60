import { describe, expect, it } from "vitest";
import { createUnit } from "@/lib/org/service";
import { bootstrapCommittee, DEFAULT_SPECIAL_GROUPS, oneTimePassword } from "@/lib/org/bootstrap";
import { passwordProblems } from "@/lib/auth/password-policy";
import { signInWithPassword } from "@/lib/auth/service";
import { db } from "@/lib/db/client";
import { PasswordChangeRequiredError } from "@/lib/server/errors";
import { actorFor } from "@/tests/support/actor";

const INPUT = {
  name: "中共测试县委全面深化改革委员会",
  regionName: "测试县",
  officeName: "县委改革办",
  docPrefix: "测改",
  level: "COUNTY" as const,
};

describe("bootstrap of a real deployment", () => {
  it("creates the committee, the ten special groups and three administrators who must change their one-time passwords", async () => {
    const accounts = await bootstrapCommittee(db, INPUT);

    expect(accounts.map((account) => account.role)).toEqual(["ADMIN", "SECURITY_ADMIN", "AUDITOR"]);
    expect((await db.specialGroup.findMany({ orderBy: { sortOrder: "asc" } })).map((group) => group.name)).toEqual(
      DEFAULT_SPECIAL_GROUPS.map((group) => group.name),
    );
    for (const account of accounts) {
      expect(passwordProblems(account.password)).toEqual([]);
      const result = await signInWithPassword({ username: account.username, password: account.password }, { ip: null, userAgent: null });
      if (!result.ok) throw new Error(`${account.username} cannot sign in`);
      const actor = await actorFor(result.user.id);
      expect(actor.passwordChangeRequired, account.username).toBe(true);
    }
    // nothing but the password change works until then
    const admin = await actorFor((await db.user.findUniqueOrThrow({ where: { username: "admin" } })).id);
    await expect(createUnit(admin, { name: "县发改委", kind: "GOV_DEPT" })).rejects.toBeInstanceOf(PasswordChangeRequiredError);
    expect(await db.auditEvent.count({ where: { event: "system.bootstrap" } })).toBe(3);
  });

  it("refuses to run on a database that already has a committee", async () => {
    await bootstrapCommittee(db, INPUT);
    await expect(bootstrapCommittee(db, INPUT)).rejects.toThrow(/already has a committee/);
  });

  it("makes different strong passwords every time", () => {
    const passwords = new Set(Array.from({ length: 20 }, oneTimePassword));
    expect(passwords.size).toBe(20);
    for (const password of passwords) expect(password).toHaveLength(16);
  });
});
