// Which portal sections a role may open, read off the permission matrix: a section opens for
// the roles that hold its reading action. The menu and the section guard both use this.
import type { Role } from "@/lib/db/generated/enums";
import { MATRIX, type Action } from "./permissions";

export const SECTIONS = [
  "dashboard",
  "tasks",
  "reports",
  "supervision",
  "instructions",
  "assessment",
  "library",
  "admin",
  "audit",
] as const;
export type Section = (typeof SECTIONS)[number];

export const SECTION_ACTION: Record<Section, Action> = {
  dashboard: "dashboard:read",
  tasks: "task:read",
  reports: "report:read",
  supervision: "notice:read",
  instructions: "instruction:read",
  assessment: "assessment:read",
  library: "library:read",
  // the administration area is for the system and security administrators
  admin: "user:read",
  audit: "audit:read",
};

export function canOpenSection(roles: readonly Role[], section: Section): boolean {
  return roles.some((role) => MATRIX[role][SECTION_ACTION[section]] !== undefined);
}

export function sectionsFor(roles: readonly Role[]): Section[] {
  return SECTIONS.filter((section) => canOpenSection(roles, section));
}
