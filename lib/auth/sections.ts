// Which portal sections each role may open. Content roles never see administration, and the
// three administrators (三员分立) see only their own section. The full action matrix of
// DESIGN §4 grows from this with issue 3.
import type { Role } from "@/lib/db/generated/enums";

export const SECTIONS = ["dashboard", "tasks", "reports", "supervision", "assessment", "library", "admin", "audit"] as const;
export type Section = (typeof SECTIONS)[number];

const CONTENT: Section[] = ["dashboard", "tasks", "reports", "supervision", "assessment", "library"];

export const SECTIONS_BY_ROLE: Record<Role, readonly Section[]> = {
  ADMIN: ["admin"],
  SECURITY_ADMIN: ["admin"],
  AUDITOR: ["audit"],
  OFFICE: CONTENT,
  LEADER: CONTENT,
  GROUP_LIAISON: CONTENT,
  UNIT_REPORTER: CONTENT,
};

export function sectionsFor(roles: readonly Role[]): Section[] {
  const allowed = new Set(roles.flatMap((role) => SECTIONS_BY_ROLE[role]));
  return SECTIONS.filter((section) => allowed.has(section));
}

export function canOpenSection(roles: readonly Role[], section: Section): boolean {
  return roles.some((role) => SECTIONS_BY_ROLE[role].includes(section));
}
