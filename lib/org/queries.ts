import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { GroupMemberRole, Prisma, UnitKind } from "@/lib/db/prisma";
import { authorizeRead, readAudited } from "@/lib/server/action";
import { NotFoundError } from "@/lib/server/errors";
import type { Page, UnitListParams } from "./schemas";

export interface UnitRow {
  id: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  active: boolean;
  mergedIntoName: string | null;
  userCount: number;
  version: number;
}

/** Units of the actor's committee, searched by name, filtered by kind and state, a page at a time. */
export async function listUnits(actor: Actor, params: UnitListParams): Promise<Page<UnitRow>> {
  authorizeRead(actor, "unit:read");
  const where: Prisma.UnitWhereInput = {
    committeeId: actor.committee.id,
    deletedAt: null,
    ...(params.kind ? { kind: params.kind } : {}),
    ...(params.active === null ? {} : { active: params.active }),
    ...(params.q
      ? { OR: [{ name: { contains: params.q, mode: "insensitive" } }, { shortName: { contains: params.q, mode: "insensitive" } }] }
      : {}),
  };
  const [total, units] = await Promise.all([
    db.unit.count({ where }),
    db.unit.findMany({
      where,
      orderBy: [{ active: "desc" }, { sortOrder: "asc" }, { name: "asc" }],
      skip: (params.page - 1) * params.size,
      take: params.size,
      select: {
        id: true,
        name: true,
        shortName: true,
        kind: true,
        active: true,
        version: true,
        mergedInto: { select: { name: true } },
        _count: { select: { users: { where: { deletedAt: null } } } },
      },
    }),
  ]);
  return {
    total,
    page: params.page,
    size: params.size,
    rows: units.map(({ mergedInto, _count, ...unit }) => ({ ...unit, mergedIntoName: mergedInto?.name ?? null, userCount: _count.users })),
  };
}

export interface UnitOption {
  id: string;
  label: string;
}

/** Active units of the committee, for the selects of the admin forms. */
export async function unitOptions(actor: Actor): Promise<UnitOption[]> {
  authorizeRead(actor, "unit:read");
  const units = await db.unit.findMany({
    where: { committeeId: actor.committee.id, deletedAt: null, active: true },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, name: true },
  });
  return units.map((unit) => ({ id: unit.id, label: unit.name }));
}

export interface GroupRow {
  id: string;
  name: string;
  shortName: string;
  liaisonUnitName: string | null;
  heads: string[];
  memberUnitCount: number;
}

export async function listGroups(actor: Actor): Promise<GroupRow[]> {
  authorizeRead(actor, "group:read");
  const groups = await db.specialGroup.findMany({
    where: { committeeId: actor.committee.id, deletedAt: null },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      shortName: true,
      liaisonUnit: { select: { name: true } },
      members: { where: { role: "HEAD" }, orderBy: { sortOrder: "asc" }, select: { user: { select: { name: true } } } },
      _count: { select: { members: { where: { role: "MEMBER_UNIT" } } } },
    },
  });
  return groups.map((group) => ({
    id: group.id,
    name: group.name,
    shortName: group.shortName,
    liaisonUnitName: group.liaisonUnit?.name ?? null,
    heads: group.members.flatMap((member) => (member.user ? [member.user.name] : [])),
    memberUnitCount: group._count.members,
  }));
}

export interface GroupMemberRow {
  id: string;
  role: GroupMemberRole;
  userName: string | null;
  userTitle: string | null;
  unitName: string | null;
}

export interface GroupDetail {
  id: string;
  name: string;
  shortName: string;
  liaisonUnitId: string | null;
  liaisonUnitName: string | null;
  version: number;
  members: GroupMemberRow[];
}

export function getGroup(actor: Actor, id: string): Promise<GroupDetail> {
  return readAudited(actor, { event: "group.read", targetType: "SpecialGroup", id: String(id) }, () => readGroup(actor, id));
}

async function readGroup(actor: Actor, id: string): Promise<GroupDetail> {
  authorizeRead(actor, "group:read");
  const group = await db.specialGroup.findFirst({
    where: { id, committeeId: actor.committee.id, deletedAt: null },
    select: {
      id: true,
      name: true,
      shortName: true,
      liaisonUnitId: true,
      version: true,
      liaisonUnit: { select: { name: true } },
      members: {
        orderBy: [{ role: "asc" }, { sortOrder: "asc" }],
        select: { id: true, role: true, user: { select: { name: true, leaderTitle: true } }, unit: { select: { name: true } } },
      },
    },
  });
  if (!group) throw new NotFoundError();
  const { liaisonUnit, members, ...rest } = group;
  return {
    ...rest,
    liaisonUnitName: liaisonUnit?.name ?? null,
    members: members.map((member) => ({
      id: member.id,
      role: member.role,
      userName: member.user?.name ?? null,
      userTitle: member.user?.leaderTitle ?? null,
      unitName: member.unit?.name ?? null,
    })),
  };
}

export interface SettingsView {
  yellowLagPoints: number;
  redLagPoints: number;
  milestoneRedDays: number;
  monthlyReportDueDay: number;
  quarterlyReportDueDay: number;
  passwordMinLength: number;
  passwordMaxAgeDaysAdmin: number | null;
  lockoutThreshold: number;
  lockoutMinutes: number;
  requireTotpForAdmins: boolean;
  version: number;
  updatedAt: Date | null;
}

// The schema's defaults (prisma/schema.prisma CommitteeSettings).
const SETTINGS_DEFAULTS: SettingsView = {
  yellowLagPoints: 10,
  redLagPoints: 30,
  milestoneRedDays: 30,
  monthlyReportDueDay: 5,
  quarterlyReportDueDay: 10,
  passwordMinLength: 8,
  passwordMaxAgeDaysAdmin: 90,
  lockoutThreshold: 5,
  lockoutMinutes: 30,
  requireTotpForAdmins: false,
  version: 1,
  updatedAt: null,
};

/** The committee's settings, or the defaults when the row does not exist yet (loadSettings creates it on first edit). */
export async function getSettings(actor: Actor): Promise<SettingsView> {
  authorizeRead(actor, "settings:read");
  const row = await db.committeeSettings.findUnique({ where: { committeeId: actor.committee.id } });
  if (!row) return SETTINGS_DEFAULTS;
  return {
    yellowLagPoints: row.yellowLagPoints,
    redLagPoints: row.redLagPoints,
    milestoneRedDays: row.milestoneRedDays,
    monthlyReportDueDay: row.monthlyReportDueDay,
    quarterlyReportDueDay: row.quarterlyReportDueDay,
    passwordMinLength: row.passwordMinLength,
    passwordMaxAgeDaysAdmin: row.passwordMaxAgeDaysAdmin,
    lockoutThreshold: row.lockoutThreshold,
    lockoutMinutes: row.lockoutMinutes,
    requireTotpForAdmins: row.requireTotpForAdmins,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}
