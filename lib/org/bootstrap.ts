// First start of a real deployment (not the demo): the committee, its settings, the ten default
// special groups (DESIGN §2), the office unit, and the three separated administrators with
// one-time passwords they must change at first sign-in (SECURITY.md 1, 10).
import crypto from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblems } from "@/lib/auth/password-policy";
import type { PrismaClient, RegionLevel, Role } from "@/lib/db/prisma";

export const DEFAULT_SPECIAL_GROUPS: readonly { name: string; shortName: string }[] = [
  { name: "经济体制和生态文明体制改革专项小组", shortName: "经济" },
  { name: "农村综合改革专项小组", shortName: "农村" },
  { name: "城市建设管理体制改革专项小组", shortName: "城建" },
  { name: "科技创新领域改革专项小组", shortName: "科技" },
  { name: "民主法制领域改革专项小组", shortName: "民主法制" },
  { name: "文化体制改革专项小组", shortName: "文化" },
  { name: "社会事业体制改革专项小组", shortName: "社会事业" },
  { name: "社会治理体制改革专项小组", shortName: "社会治理" },
  { name: "党的建设制度改革专项小组", shortName: "党建" },
  { name: "纪检监察体制改革专项小组", shortName: "纪检" },
];

const ADMINS: readonly { username: string; role: Role; name: string }[] = [
  { username: "admin", role: "ADMIN", name: "系统管理员" },
  { username: "secadmin", role: "SECURITY_ADMIN", name: "安全管理员" },
  { username: "auditor", role: "AUDITOR", name: "审计管理员" },
];

export interface BootstrapInput {
  name: string;
  regionName: string;
  officeName: string;
  docPrefix: string;
  level: RegionLevel;
}

/** A random password that meets the policy: 16 characters from four classes. */
export function oneTimePassword(): string {
  const classes = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "#%+=@!?"];
  for (;;) {
    const chars = Array.from({ length: 16 }, (_, index) => {
      const set = classes[index % classes.length]!;
      return set[crypto.randomInt(set.length)]!;
    });
    for (let index = chars.length - 1; index > 0; index--) {
      const other = crypto.randomInt(index + 1);
      [chars[index], chars[other]] = [chars[other]!, chars[index]!];
    }
    const password = chars.join("");
    if (passwordProblems(password).length === 0) return password;
  }
}

export async function bootstrapCommittee(db: PrismaClient, input: BootstrapInput, now: Date = new Date()) {
  if ((await db.committee.count()) > 0) throw new Error("This database already has a committee; bootstrap runs only on an empty database.");
  const accounts = await Promise.all(ADMINS.map(async (admin) => ({ ...admin, password: oneTimePassword() })));
  const hashes = await Promise.all(accounts.map((account) => hashPassword(account.password)));

  await db.$transaction(async (tx) => {
    const committee = await tx.committee.create({ data: { ...input, settings: { create: {} } } });
    const office = await tx.unit.create({ data: { committeeId: committee.id, name: input.officeName, kind: "PARTY_DEPT" } });
    await tx.specialGroup.createMany({
      data: DEFAULT_SPECIAL_GROUPS.map((group, index) => ({ committeeId: committee.id, ...group, sortOrder: index + 1 })),
    });
    for (const [index, account] of accounts.entries()) {
      const user = await tx.user.create({
        data: {
          username: account.username,
          name: account.name,
          unitId: office.id,
          passwordHash: hashes[index]!,
          passwordChangedAt: now,
          mustChangePassword: true,
          passwordHistory: { create: { hash: hashes[index]! } },
          roleAssignments: { create: { committeeId: committee.id, role: account.role } },
        },
      });
      await tx.auditEvent.create({
        data: {
          committeeId: committee.id,
          event: "system.bootstrap",
          actorName: "system",
          targetType: "User",
          targetId: user.id,
          detail: account.role,
        },
      });
    }
  });
  return accounts.map(({ username, role, password }) => ({ username, role, password }));
}
