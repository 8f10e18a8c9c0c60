// The permission matrix of DESIGN §4 as data: role × action → the widest scope in which the role
// may perform the action. The server enforces it (lib/server/action.ts); the UI reads it to hide
// what a user cannot do. Pure: no I/O.
import type { Role } from "@/lib/db/generated/enums";

/**
 * - `unit`: records of the actor's own unit (as a reporter)
 * - `group`: records of the actor's special groups (as a liaison)
 * - `committee`: everything in the actor's committee
 * - `tree`: the actor's committee and its child committees (city over counties)
 */
export type Scope = "unit" | "group" | "committee" | "tree";

export const ACTIONS = [
  // organisation and people (系统管理员 / 安全管理员)
  "user:read",
  "user:write",
  "role:grant",
  "unit:read",
  "unit:write",
  "group:read",
  "group:write",
  "settings:read",
  "settings:write",
  "security:write",
  // one's own account (password, second factor): every role
  "account:write",
  // audit (审计管理员)
  "audit:read",
  // reform content
  "plan:read",
  "plan:write",
  "task:read",
  "task:write",
  "task:close",
  "report:read",
  "report:write",
  "report:review",
  "report:remind",
  "contribution:write",
  "quarterly:write",
  "notice:read",
  "notice:issue",
  "notice:answer",
  "closeout:apply",
  "assessment:read",
  "assessment:run",
  "objection:file",
  "library:read",
  "library:propose",
  "library:curate",
  "comment:write",
  // 领导批示: leaders (and the office on their behalf) write, the unit named answers, readers of the task read
  "instruction:read",
  "instruction:write",
  "instruction:answer",
  "dashboard:read",
  // the light thresholds (预警规则) of DESIGN §3: the office's to tune
  "lights:write",
  // 计划调整: file a change request on an issued plan's task; decide it; a key task's leader consents
  "change:request",
  "change:decide",
  "change:endorse",
] as const;

export type Action = (typeof ACTIONS)[number];

/** The three administrators (三员分立): they run the system and never touch reform content. */
export const ADMIN_ROLES: readonly Role[] = ["ADMIN", "SECURITY_ADMIN", "AUDITOR"];

type Grants = Partial<Record<Action, Scope>>;

const OFFICE_WRITES: Action[] = [
  "plan:write",
  "task:write",
  "task:close",
  "report:review",
  "report:remind",
  // the office edits any quarterly report (it compiles the committee's 季报 汇编)
  "quarterly:write",
  "lights:write",
  "change:request",
  "change:decide",
  "notice:issue",
  "assessment:run",
  "library:curate",
  "comment:write",
  // the office writes a leader's instruction on the leader's behalf (代录), confirms or re-asks it
  "instruction:write",
];
const CONTENT_READS: Action[] = [
  "plan:read",
  "task:read",
  "report:read",
  "notice:read",
  "assessment:read",
  "library:read",
  "dashboard:read",
  "unit:read",
  "group:read",
  "instruction:read",
];

const all = (actions: Action[], scope: Scope): Grants => Object.fromEntries(actions.map((action) => [action, scope]));

const ROLE_GRANTS: Record<Role, Grants> = {
  // 三员分立: the three administrators never touch reform content, nor each other's duties.
  ADMIN: all(
    ["user:read", "user:write", "unit:read", "unit:write", "group:read", "group:write", "settings:read", "settings:write"],
    "committee",
  ),
  SECURITY_ADMIN: all(["user:read", "role:grant", "unit:read", "group:read", "settings:read", "security:write"], "committee"),
  AUDITOR: all(["audit:read"], "committee"),
  // The office runs the committee's content; it reads its child committees too.
  OFFICE: { ...all(CONTENT_READS, "tree"), ...all(OFFICE_WRITES, "committee") },
  // Leaders read everything in their committee tree and write nothing but comments, their
  // instructions (批示), which the committee's leaders and office confirm or ask again together,
  // and their consent to a key task's plan change (计划调整) when the committee asks it.
  LEADER: {
    ...all(CONTENT_READS, "tree"),
    "comment:write": "committee",
    "instruction:write": "committee",
    "change:endorse": "committee",
  },
  GROUP_LIAISON: {
    ...all(["plan:read", "task:read", "report:read", "notice:read", "dashboard:read", "quarterly:write", "instruction:read"], "group"),
    ...all(["library:read", "assessment:read", "unit:read", "group:read"], "committee"),
  },
  UNIT_REPORTER: {
    ...all(
      [
        // of a plan, the work points holding tasks its unit leads or cooperates on (lib/plans/queries.ts)
        "plan:read",
        "task:read",
        "report:read",
        "report:write",
        "contribution:write",
        "quarterly:write",
        "notice:read",
        "notice:answer",
        "closeout:apply",
        // the lead unit asks for a change of its task's plan (the service checks the lead)
        "change:request",
        "assessment:read",
        "objection:file",
        "library:propose",
        "dashboard:read",
        // the instructions on the tasks it sees; it answers those addressed to it
        "instruction:read",
        "instruction:answer",
      ],
      "unit",
    ),
    ...all(["library:read", "unit:read", "group:read"], "committee"),
  },
};

export const MATRIX: Record<Role, Grants> = Object.fromEntries(
  Object.entries(ROLE_GRANTS).map(([role, grants]) => [role, { ...grants, "account:write": "committee" }]),
) as Record<Role, Grants>;

/** What the actor's grants cover, as the server knows them. */
/**
 * 三员分立 (separation of duties), as one table: each role's duty. One person may hold several roles
 * only when they share a duty — the system administrator, the security administrator and the
 * auditor each stand alone, and none of them also does reform business (office, leader, liaison,
 * reporter); business roles combine freely (an office clerk who also reports for a unit).
 */
export const DUTY_OF_ROLE: Record<Role, "system" | "security" | "audit" | "business"> = {
  ADMIN: "system",
  SECURITY_ADMIN: "security",
  AUDITOR: "audit",
  OFFICE: "business",
  LEADER: "business",
  GROUP_LIAISON: "business",
  UNIT_REPORTER: "business",
};

/** May one person hold both roles? */
export const rolesCompatible = (a: Role, b: Role): boolean => DUTY_OF_ROLE[a] === DUTY_OF_ROLE[b];

/** The pairs of one person's roles that break 三员分立 (each pair once). */
export function dutyConflicts<T extends { role: Role }>(grants: readonly T[]): [T, T][] {
  const pairs: [T, T][] = [];
  grants.forEach((first, i) => {
    for (const second of grants.slice(i + 1)) if (!rolesCompatible(first.role, second.role)) pairs.push([first, second]);
  });
  return pairs;
}

export interface Grantee {
  committeeId: string;
  childCommitteeIds: readonly string[];
  roles: readonly { role: Role; unitId: string | null; groupId: string | null }[];
}

/** What a record is, for authorization: its committee and, where it matters, its units and group. */
export interface Target {
  committeeId: string;
  /** units the record belongs to for this action (e.g. the lead unit for writes, lead + cooperating for reads) */
  unitIds?: readonly string[];
  groupId?: string | null;
}

function covers(scope: Scope, grant: { unitId: string | null; groupId: string | null }, actor: Grantee, target: Target): boolean {
  if (target.committeeId !== actor.committeeId) return scope === "tree" && actor.childCommitteeIds.includes(target.committeeId);
  switch (scope) {
    case "tree":
    case "committee":
      return true;
    case "group":
      return grant.groupId !== null && target.groupId === grant.groupId;
    case "unit":
      return grant.unitId !== null && (target.unitIds ?? []).includes(grant.unitId);
  }
}

/** May the actor perform `action` on `target`? Without a target: may they perform it anywhere? */
export function can(actor: Grantee, action: Action, target?: Target): boolean {
  return actor.roles.some((grant) => {
    const scope = MATRIX[grant.role][action];
    if (!scope) return false;
    return target ? covers(scope, grant, actor, target) : true;
  });
}

/** The widest scope any of the actor's roles has for `action`, or null. */
export function scopeOf(actor: Grantee, action: Action): Scope | null {
  const order: Scope[] = ["tree", "committee", "group", "unit"];
  const scopes = new Set(actor.roles.map((grant) => MATRIX[grant.role][action]).filter(Boolean));
  return order.find((scope) => scopes.has(scope)) ?? null;
}

/** Committees whose records the actor may see for `action`. */
export function visibleCommitteeIds(actor: Grantee, action: Action): string[] {
  const scope = scopeOf(actor, action);
  if (!scope) return [];
  return scope === "tree" ? [actor.committeeId, ...actor.childCommitteeIds] : [actor.committeeId];
}

/** The reading counterpart of a write action, used to tell 404 (cannot see) from 403 (cannot change). */
export function readActionOf(action: Action): Action {
  const resource = action.split(":")[0] ?? action;
  const read = `${resource}:read` as Action;
  if ((ACTIONS as readonly string[]).includes(read)) return read;
  const fallbacks: Partial<Record<string, Action>> = {
    role: "user:read",
    security: "settings:read",
    contribution: "report:read",
    quarterly: "report:read",
    closeout: "task:read",
    objection: "assessment:read",
    comment: "task:read",
    lights: "dashboard:read",
    account: "account:write",
  };
  return fallbacks[resource] ?? action;
}
