import { describe, expect, it } from "vitest";
import { canOpenSection, SECTIONS, sectionsFor } from "@/lib/auth/sections";
import { Role } from "@/lib/db/generated/enums";

describe("portal sections by role", () => {
  it("every role opens at least one section", () => {
    for (const role of Object.values(Role)) expect(sectionsFor([role]).length, role).toBeGreaterThan(0);
  });

  it("keeps the three administrators apart (三员分立) and out of task content", () => {
    expect(sectionsFor(["ADMIN"])).toEqual(["admin"]);
    expect(sectionsFor(["SECURITY_ADMIN"])).toEqual(["admin"]);
    expect(sectionsFor(["AUDITOR"])).toEqual(["audit"]);
    for (const role of ["ADMIN", "SECURITY_ADMIN", "AUDITOR"] as const) expect(canOpenSection([role], "tasks")).toBe(false);
  });

  it("gives content roles the content sections but not administration or audit", () => {
    for (const role of ["OFFICE", "LEADER", "GROUP_LIAISON", "UNIT_REPORTER"] as const) {
      expect(canOpenSection([role], "tasks")).toBe(true);
      expect(canOpenSection([role], "admin")).toBe(false);
      expect(canOpenSection([role], "audit")).toBe(false);
    }
  });

  it("unions the sections of several roles in menu order", () => {
    expect(sectionsFor(["AUDITOR", "ADMIN"])).toEqual(["admin", "audit"]);
    expect(sectionsFor(["LEADER", "OFFICE"])).toEqual(SECTIONS.filter((section) => section !== "admin" && section !== "audit"));
    expect(sectionsFor([])).toEqual([]);
  });
});
