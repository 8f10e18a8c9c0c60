import { describe, expect, it } from "vitest";
import { scopeOf, type Grantee } from "@/lib/auth/permissions";
import type { Role } from "@/lib/db/generated/enums";
import { readsWholePlan } from "@/lib/plans/rules";

const HOME = "committee-home";
const CHILD = "committee-child";

function grantee(...roles: { role: Role; unitId?: string; groupId?: string }[]): Grantee {
  return {
    committeeId: HOME,
    childCommitteeIds: [CHILD],
    roles: roles.map((grant) => ({ role: grant.role, unitId: grant.unitId ?? null, groupId: grant.groupId ?? null })),
  };
}

describe("who reads a plan whole (and takes its workbook)", () => {
  it("office and leaders, in their committee and its children; nobody in another committee", () => {
    for (const role of ["OFFICE", "LEADER"] as const) {
      expect(readsWholePlan(grantee({ role }), HOME), role).toBe(true);
      expect(readsWholePlan(grantee({ role }), CHILD), role).toBe(true);
      expect(readsWholePlan(grantee({ role }), "committee-other"), role).toBe(false);
    }
  });

  it("not a liaison or a reporter, who read their part of a plan, nor one person who is both", () => {
    const liaison = { role: "GROUP_LIAISON" as const, groupId: "group-a" };
    const reporter = { role: "UNIT_REPORTER" as const, unitId: "unit-a" };
    for (const actor of [grantee(liaison), grantee(reporter), grantee(liaison, reporter)]) expect(readsWholePlan(actor, HOME)).toBe(false);
    expect(scopeOf(grantee(liaison), "plan:read")).toBe("group");
    expect(scopeOf(grantee(reporter), "plan:read")).toBe("unit");
    // a reporter who is also the office reads it whole
    expect(readsWholePlan(grantee(reporter, { role: "OFFICE" }), HOME)).toBe(true);
  });

  it("not the three administrators, who read no plan at all", () => {
    for (const role of ["ADMIN", "SECURITY_ADMIN", "AUDITOR"] as const) {
      expect(readsWholePlan(grantee({ role }), HOME), role).toBe(false);
      expect(scopeOf(grantee({ role }), "plan:read"), role).toBeNull();
    }
  });
});
