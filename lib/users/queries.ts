import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { ADMIN_ROLES, dutyConflicts } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Prisma, Role } from "@/lib/db/prisma";
import { authorizeRead, readAudited } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { NotFoundError } from "@/lib/server/errors";
import type { ListParams, Page } from "@/lib/org/schemas";
import { userInCommittee } from "./service";

export interface RoleGrantRow {
  id: string;
  role: Role;
  unitName: string | null;
  groupName: string | null;
}

export interface UserRow {
  id: string;
  username: string;
  name: string;
  unitName: string | null;
  roles: RoleGrantRow[];
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  lastLoginAt: Date | null;
}

export interface UserDetail extends UserRow {
  unitId: string | null;
  email: string | null;
  phone: string | null;
  isLeader: boolean;
  leaderTitle: string | null;
  createdAt: Date;
  version: number;
}

function rolesSelect(committeeId: string) {
  return {
    where: { committeeId },
    orderBy: { createdAt: "asc" },
    select: { id: true, role: true, unit: { select: { name: true } }, group: { select: { name: true } } },
  } satisfies Prisma.User$roleAssignmentsArgs;
}

const toGrant = (grant: { id: string; role: Role; unit: { name: string } | null; group: { name: string } | null }): RoleGrantRow => ({
  id: grant.id,
  role: grant.role,
  unitName: grant.unit?.name ?? null,
  groupName: grant.group?.name ?? null,
});

/** Users of the actor's committee, searched by username, name or unit name, a page at a time. */
export async function listUsers(actor: Actor, params: ListParams): Promise<Page<UserRow>> {
  authorizeRead(actor, "user:read");
  const committeeId = actor.committee.id;
  const where: Prisma.UserWhereInput = {
    AND: [
      userInCommittee(committeeId),
      params.q
        ? {
            OR: [
              { username: { contains: params.q, mode: "insensitive" } },
              { name: { contains: params.q, mode: "insensitive" } },
              { unit: { name: { contains: params.q, mode: "insensitive" } } },
            ],
          }
        : {},
    ],
  };
  const [total, users] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ disabledAt: { sort: "desc", nulls: "first" } }, { username: "asc" }],
      skip: (params.page - 1) * params.size,
      take: params.size,
      select: {
        id: true,
        username: true,
        name: true,
        disabledAt: true,
        lockedUntil: true,
        mustChangePassword: true,
        lastLoginAt: true,
        unit: { select: { name: true } },
        roleAssignments: rolesSelect(committeeId),
      },
    }),
  ]);
  const at = now();
  return {
    total,
    page: params.page,
    size: params.size,
    rows: users.map((user) => ({
      id: user.id,
      username: user.username,
      name: user.name,
      unitName: user.unit?.name ?? null,
      roles: user.roleAssignments.map(toGrant),
      disabled: Boolean(user.disabledAt),
      locked: Boolean(user.lockedUntil && user.lockedUntil > at),
      mustChangePassword: user.mustChangePassword,
      lastLoginAt: user.lastLoginAt,
    })),
  };
}

export function getUser(actor: Actor, id: string): Promise<UserDetail> {
  return readAudited(actor, { event: "user.read", targetType: "User", id: String(id) }, () => readUser(actor, id));
}

async function readUser(actor: Actor, id: string): Promise<UserDetail> {
  authorizeRead(actor, "user:read");
  const committeeId = actor.committee.id;
  const user = await db.user.findFirst({
    where: { id, ...userInCommittee(committeeId) },
    select: {
      id: true,
      username: true,
      name: true,
      unitId: true,
      email: true,
      phone: true,
      isLeader: true,
      leaderTitle: true,
      disabledAt: true,
      lockedUntil: true,
      mustChangePassword: true,
      lastLoginAt: true,
      createdAt: true,
      version: true,
      unit: { select: { name: true } },
      roleAssignments: rolesSelect(committeeId),
    },
  });
  if (!user) throw new NotFoundError();
  const { unit, roleAssignments, disabledAt, lockedUntil, ...rest } = user;
  return {
    ...rest,
    unitName: unit?.name ?? null,
    roles: roleAssignments.map(toGrant),
    disabled: Boolean(disabledAt),
    locked: Boolean(lockedUntil && lockedUntil > now()),
  };
}

export interface DutyViolation {
  userId: string;
  username: string;
  name: string;
  /** the person's grants in this committee, the ones breaking 三员分立 among them */
  grants: RoleGrantRow[];
}

/**
 * People of this committee whose roles break 三员分立 (granted before the rule was enforced, or
 * loaded from old data): for the security administrator to revoke one side.
 */
export async function dutyViolations(actor: Actor): Promise<DutyViolation[]> {
  authorizeRead(actor, "role:grant");
  const committeeId = actor.committee.id;
  // an administrator's role is in every conflicting pair: start from the (few) holders of one
  const users = await db.user.findMany({
    where: { roleAssignments: { some: { committeeId, role: { in: [...ADMIN_ROLES] } } }, deletedAt: null },
    orderBy: { username: "asc" },
    select: { id: true, username: true, name: true, roleAssignments: rolesSelect(committeeId) },
  });
  return users
    .filter((user) => dutyConflicts(user.roleAssignments).length > 0)
    .map((user) => ({ userId: user.id, username: user.username, name: user.name, grants: user.roleAssignments.map(toGrant) }));
}

export interface Option {
  id: string;
  label: string;
}

/** County leaders of the committee, for 组长/副组长 of a special group. */
export async function leaderOptions(actor: Actor): Promise<Option[]> {
  authorizeRead(actor, "user:read");
  const users = await db.user.findMany({
    where: { ...userInCommittee(actor.committee.id), isLeader: true, disabledAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true, leaderTitle: true },
  });
  return users.map((user) => ({ id: user.id, label: user.leaderTitle ? `${user.name}（${user.leaderTitle}）` : user.name }));
}

/** Active users of the committee, for a special group's 联络员. */
export async function userOptions(actor: Actor): Promise<Option[]> {
  authorizeRead(actor, "user:read");
  const users = await db.user.findMany({
    where: { ...userInCommittee(actor.committee.id), disabledAt: null },
    orderBy: { username: "asc" },
    select: { id: true, name: true, username: true },
    take: 2000,
  });
  return users.map((user) => ({ id: user.id, label: `${user.name}（${user.username}）` }));
}
