// Test data builders: each returns the created row; every field has a sensible default.
import { now } from "@/lib/server/clock";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import type { Role, UnitKind } from "@/lib/db/prisma";

let counter = 0;
const next = () => ++counter;

export async function createCommittee(overrides: { name?: string; regionName?: string; parentId?: string } = {}) {
  const n = next();
  return db.committee.create({
    data: {
      name: overrides.name ?? `测试县${n}全面深化改革委员会`,
      regionName: overrides.regionName ?? `测试县${n}`,
      officeName: "县委改革办",
      docPrefix: "测改",
      level: "COUNTY",
      parentId: overrides.parentId,
      settings: { create: {} },
    },
  });
}

export async function createUnit(committeeId: string, overrides: { name?: string; kind?: UnitKind } = {}) {
  return db.unit.create({ data: { committeeId, name: overrides.name ?? `测试单位${next()}`, kind: overrides.kind ?? "GOV_DEPT" } });
}

export async function createGroup(committeeId: string, overrides: { name?: string; shortName?: string } = {}) {
  const n = next();
  return db.specialGroup.create({
    data: { committeeId, name: overrides.name ?? `测试专项小组${n}`, shortName: overrides.shortName ?? `测${n}` },
  });
}

export const TEST_PASSWORD = "Test@Passw0rd";
let passwordHash: Promise<string> | undefined;

export async function createUser(
  committeeId: string,
  overrides: { username?: string; name?: string; role?: Role; unitId?: string; groupId?: string; disabled?: boolean } = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const n = next();
  return db.user.create({
    data: {
      username: overrides.username ?? `user${n}`,
      name: overrides.name ?? `测试用户${n}`,
      passwordHash: await passwordHash,
      passwordChangedAt: now(),
      unitId: overrides.unitId,
      disabledAt: overrides.disabled ? now() : null,
      roleAssignments: {
        create: { committeeId, role: overrides.role ?? "OFFICE", unitId: overrides.unitId, groupId: overrides.groupId },
      },
    },
  });
}
