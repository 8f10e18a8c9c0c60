import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  can,
  DUTY_OF_ROLE,
  dutyConflicts,
  MATRIX,
  readActionOf,
  rolesCompatible,
  scopeOf,
  visibleCommitteeIds,
  type Grantee,
} from "@/lib/auth/permissions";
import { Role } from "@/lib/db/generated/enums";

const HOME = "committee-home";
const CHILD = "committee-child";
const OTHER = "committee-other";

function grantee(role: Role, scope: { unitId?: string; groupId?: string } = {}): Grantee {
  return { committeeId: HOME, childCommitteeIds: [CHILD], roles: [{ role, unitId: scope.unitId ?? null, groupId: scope.groupId ?? null }] };
}

const reporter = grantee("UNIT_REPORTER", { unitId: "unit-a" });
const liaison = grantee("GROUP_LIAISON", { groupId: "group-a" });

describe("permission matrix", () => {
  it("has a row for every role, and every action is granted to someone", () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.values(Role).sort());
    for (const action of ACTIONS)
      expect(
        Object.values(MATRIX).some((grants) => grants[action]),
        action,
      ).toBe(true);
  });

  it("keeps the three administrators apart (三员分立): none holds another's duty, none touches content", () => {
    const adminOnly = (action: (typeof ACTIONS)[number]) => Object.values(Role).filter((role) => MATRIX[role][action]);
    expect(adminOnly("role:grant")).toEqual(["SECURITY_ADMIN"]);
    expect(adminOnly("audit:read")).toEqual(["AUDITOR"]);
    expect(adminOnly("user:write")).toEqual(["ADMIN"]);
    for (const role of ["ADMIN", "SECURITY_ADMIN", "AUDITOR"] as const) {
      for (const action of ["task:read", "task:write", "report:read", "report:review", "notice:issue"] as const)
        expect(MATRIX[role][action], `${role} ${action}`).toBeUndefined();
    }
  });

  it("三员分立 for one person: every pair of roles, written out by hand", () => {
    // ✓ may be held together; the three administrators stand alone; business roles combine
    const table: Record<Role, string> = {
      //              ADMIN SEC AUD OFF LEA LIA REP
      ADMIN: "         ✓     ✗   ✗   ✗   ✗   ✗   ✗",
      SECURITY_ADMIN: "✗     ✓   ✗   ✗   ✗   ✗   ✗",
      AUDITOR: "       ✗     ✗   ✓   ✗   ✗   ✗   ✗",
      OFFICE: "        ✗     ✗   ✗   ✓   ✓   ✓   ✓",
      LEADER: "        ✗     ✗   ✗   ✓   ✓   ✓   ✓",
      GROUP_LIAISON: "✗     ✗   ✗   ✓   ✓   ✓   ✓",
      UNIT_REPORTER: "✗     ✗   ✗   ✓   ✓   ✓   ✓",
    };
    const order: Role[] = ["ADMIN", "SECURITY_ADMIN", "AUDITOR", "OFFICE", "LEADER", "GROUP_LIAISON", "UNIT_REPORTER"];
    expect(Object.keys(DUTY_OF_ROLE).sort()).toEqual([...order].sort());
    for (const a of order) {
      const marks = table[a].trim().split(/\s+/);
      order.forEach((b, i) => expect(rolesCompatible(a, b), `${a} + ${b}`).toBe(marks[i] === "✓"));
    }
    expect(dutyConflicts([{ role: "UNIT_REPORTER" }, { role: "OFFICE" }])).toEqual([]);
    expect(dutyConflicts([{ role: "UNIT_REPORTER" }, { role: "AUDITOR" }, { role: "OFFICE" }])).toEqual([
      [{ role: "UNIT_REPORTER" }, { role: "AUDITOR" }],
      [{ role: "AUDITOR" }, { role: "OFFICE" }],
    ]);
  });

  it("lets leaders read everything in their committee tree and write nothing but comments, instructions (批示) and their consent to a key task's plan change", () => {
    const writes = ACTIONS.filter((action) => !action.endsWith(":read") && MATRIX.LEADER[action]);
    expect(writes.sort()).toEqual(["account:write", "change:endorse", "comment:write", "instruction:write"]);
    const leader = grantee("LEADER");
    expect(can(leader, "task:read", { committeeId: CHILD })).toBe(true);
    expect(can(leader, "task:read", { committeeId: OTHER })).toBe(false);
  });

  it("scopes a reporter to its own unit for every unit-scoped action", () => {
    for (const action of ACTIONS.filter((action) => MATRIX.UNIT_REPORTER[action] === "unit")) {
      expect(can(reporter, action, { committeeId: HOME, unitIds: ["unit-a"] }), action).toBe(true);
      expect(can(reporter, action, { committeeId: HOME, unitIds: ["unit-b"] }), action).toBe(false);
      expect(can(reporter, action, { committeeId: HOME }), action).toBe(false);
      expect(can(reporter, action, { committeeId: OTHER, unitIds: ["unit-a"] }), action).toBe(false);
    }
  });

  it("scopes a liaison to its groups", () => {
    expect(can(liaison, "task:read", { committeeId: HOME, groupId: "group-a" })).toBe(true);
    expect(can(liaison, "task:read", { committeeId: HOME, groupId: "group-b" })).toBe(false);
    expect(can(liaison, "quarterly:write", { committeeId: HOME, groupId: "group-a" })).toBe(true);
    expect(can(liaison, "report:review", { committeeId: HOME, groupId: "group-a" })).toBe(false);
  });

  it("lets the office read child committees but write only its own", () => {
    const office = grantee("OFFICE");
    expect(can(office, "task:read", { committeeId: CHILD })).toBe(true);
    expect(can(office, "task:write", { committeeId: CHILD })).toBe(false);
    expect(can(office, "task:write", { committeeId: HOME })).toBe(true);
    expect(can(office, "task:read", { committeeId: OTHER })).toBe(false);
    expect(visibleCommitteeIds(office, "task:read")).toEqual([HOME, CHILD]);
    expect(visibleCommitteeIds(office, "task:write")).toEqual([HOME]);
  });

  it("walks every role × action × relation and agrees with the scope rule", () => {
    const relations = [
      {
        name: "own unit",
        target: { committeeId: HOME, unitIds: ["unit-a"], groupId: "group-a" },
        covered: ["unit", "group", "committee", "tree"],
      },
      {
        name: "other unit, other group",
        target: { committeeId: HOME, unitIds: ["unit-b"], groupId: "group-b" },
        covered: ["committee", "tree"],
      },
      { name: "child committee", target: { committeeId: CHILD, unitIds: ["unit-a"], groupId: "group-a" }, covered: ["tree"] },
      { name: "other committee", target: { committeeId: OTHER, unitIds: ["unit-a"], groupId: "group-a" }, covered: [] },
    ];
    for (const role of Object.values(Role)) {
      const actor = grantee(role, { unitId: "unit-a", groupId: "group-a" });
      for (const action of ACTIONS) {
        const scope = MATRIX[role][action];
        for (const relation of relations) {
          const expected = scope !== undefined && relation.covered.includes(scope);
          expect(can(actor, action, relation.target), `${role} ${action} ${relation.name}`).toBe(expected);
        }
      }
    }
  });

  it("combines several roles by their widest scope", () => {
    const both: Grantee = { committeeId: HOME, childCommitteeIds: [], roles: [...reporter.roles, ...grantee("LEADER").roles] };
    expect(scopeOf(both, "task:read")).toBe("tree");
    expect(scopeOf(both, "report:write")).toBe("unit");
    expect(scopeOf(grantee("AUDITOR"), "task:read")).toBeNull();
  });

  it("lets leaders and the office write instructions in their own committee, and only the unit addressed answer", () => {
    const target = { committeeId: HOME, unitIds: ["unit-a"], groupId: "group-a" };
    for (const role of ["LEADER", "OFFICE"] as const) {
      expect(can(grantee(role), "instruction:write", target), role).toBe(true);
      expect(can(grantee(role), "instruction:write", { ...target, committeeId: CHILD }), role).toBe(false);
      expect(can(grantee(role), "instruction:read", { ...target, committeeId: CHILD }), role).toBe(true);
      expect(can(grantee(role), "instruction:answer", target), role).toBe(false);
    }
    expect(can(reporter, "instruction:answer", target)).toBe(true);
    expect(can(reporter, "instruction:answer", { ...target, unitIds: ["unit-b"] })).toBe(false);
    expect(can(reporter, "instruction:write", target)).toBe(false);
    expect(can(liaison, "instruction:read", target)).toBe(true);
    expect(can(liaison, "instruction:read", { ...target, groupId: "group-b" })).toBe(false);
    expect(can(liaison, "instruction:write", target)).toBe(false);
    for (const role of ["ADMIN", "SECURITY_ADMIN", "AUDITOR"] as const)
      expect(
        Object.keys(MATRIX[role]).filter((action) => action.startsWith("instruction:")),
        role,
      ).toEqual([]);
    expect(readActionOf("instruction:answer")).toBe("instruction:read");
  });

  it("maps every write to a read used to tell 404 from 403", () => {
    for (const action of ACTIONS) expect((ACTIONS as readonly string[]).includes(readActionOf(action)), action).toBe(true);
  });
});
