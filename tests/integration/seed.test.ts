// The demo county: complete, consistent with the catalogue, deterministic, and usable for sign-in.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/service";
import { db } from "@/lib/db/client";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/demo/accounts";
import { seedDemo } from "@/lib/demo/seed";

const TODAY = new Date("2026-11-22T02:00:00Z");
const LAST_MONTH = new Date("2026-10-01T00:00:00Z");

async function fingerprint() {
  const tasks = await db.reformTask.findMany({
    select: {
      code: true,
      title: true,
      startDate: true,
      dueDate: true,
      status: true,
      actualPercent: true,
      leadUnit: { select: { name: true } },
    },
    orderBy: { code: "asc" },
  });
  const reports = await db.progressReport.findMany({
    select: { taskId: true, unitId: true, period: true, percent: true, status: true, submittedAt: true },
    orderBy: [{ taskId: "asc" }, { unitId: "asc" }, { period: "asc" }],
  });
  return crypto.createHash("sha256").update(JSON.stringify({ tasks, reports })).digest("hex");
}

describe("demo seed", () => {
  it("builds the county of the catalogue with two years of plans and tasks", async () => {
    const summary = await seedDemo(db, { today: TODAY });

    expect(await db.committee.count()).toBe(1);
    expect(await db.specialGroup.count()).toBe(10);
    expect(await db.unit.count()).toBe(71);
    expect(await db.user.count({ where: { isLeader: true } })).toBe(13);
    expect(await db.workPlan.findMany({ select: { year: true }, orderBy: { year: "asc" } })).toEqual([{ year: 2025 }, { year: 2026 }]);
    expect(summary.workPoint).toBeGreaterThanOrEqual(90);
    expect(summary.reformTask).toBeGreaterThanOrEqual(200);
    expect(await db.reformTask.count({ where: { year: 2026 } })).toBe(162);
    expect(summary.milestone).toBeGreaterThan(600);
    expect(summary.honor).toBe(13);
    expect(summary.typicalCase).toBe(9);
    expect(summary.microReform).toBe(16);

    // every special group has its head, liaison unit and member units
    const groups = await db.specialGroup.findMany({ include: { members: true } });
    for (const group of groups) {
      expect(
        group.members.some((member) => member.role === "HEAD" && member.userId),
        group.name,
      ).toBe(true);
      expect(group.liaisonUnitId, group.name).not.toBeNull();
      expect(group.members.filter((member) => member.role === "MEMBER_UNIT").length, group.name).toBeGreaterThan(3);
    }
  });

  it("has last month's reports in every state the office deals with, and missing ones", async () => {
    await seedDemo(db, { today: TODAY });
    const byStatus = await db.progressReport.groupBy({ by: ["status"], where: { period: LAST_MONTH, kind: "LEAD" }, _count: true });
    const counts = Object.fromEntries(byStatus.map((row) => [row.status, row._count]));
    expect(counts.APPROVED).toBeGreaterThan(0);
    expect(counts.SUBMITTED).toBeGreaterThan(0);
    expect(counts.RETURNED).toBeGreaterThan(0);

    const active = await db.reformTask.count({ where: { year: 2026, status: { not: "DONE" }, startDate: { lte: LAST_MONTH } } });
    const reported = byStatus.reduce((sum, row) => sum + row._count, 0);
    expect(reported).toBeLessThan(active); // some were never filed

    const late = await db.progressReport.count({ where: { period: LAST_MONTH, submittedAt: { gt: new Date("2026-11-05T16:00:00Z") } } });
    expect(late).toBeGreaterThan(0);
    expect(await db.supervisionNotice.count()).toBeGreaterThanOrEqual(5);
    expect(await db.closeOutRequest.count({ where: { status: "PENDING" } })).toBeGreaterThan(0);
    expect(await db.reformTask.count({ where: { year: 2026, status: "DONE" } })).toBeGreaterThan(0);
  });

  it("keeps each task's cached actual percent equal to its latest approved lead report", async () => {
    await seedDemo(db, { today: TODAY });
    const tasks = await db.reformTask.findMany({
      where: { year: 2026, status: { not: "DONE" } },
      select: {
        code: true,
        actualPercent: true,
        progressReports: { where: { kind: "LEAD", status: "APPROVED" }, orderBy: { period: "desc" }, take: 1, select: { percent: true } },
      },
    });
    for (const task of tasks) expect(task.actualPercent, task.code).toBe(task.progressReports[0]?.percent ?? 0);
  });

  it("milestones increase towards 100 and fall between start and due dates", async () => {
    await seedDemo(db, { today: TODAY });
    const tasks = await db.reformTask.findMany({ include: { milestones: { orderBy: { plannedDate: "asc" } } } });
    for (const task of tasks) {
      const percents = task.milestones.map((milestone) => milestone.plannedPercent);
      expect(percents, task.code).toEqual([...percents].sort((a, b) => a - b));
      expect(percents.at(-1), task.code).toBe(100);
      for (const milestone of task.milestones) {
        expect(milestone.plannedDate >= task.startDate && milestone.plannedDate <= task.dueDate, task.code).toBe(true);
      }
    }
  });

  it("is deterministic for a given day", async () => {
    await seedDemo(db, { today: TODAY });
    const first = await fingerprint();
    const tables = await db.$queryRawUnsafe<{ tablename: string }[]>(
      // the seed writes no audit rows, and the audit table is append-only
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'AuditEvent')`,
    );
    await db.$executeRawUnsafe(`TRUNCATE ${tables.map((table) => `"${table.tablename}"`).join(", ")} CASCADE`);
    await seedDemo(db, { today: TODAY });
    expect(await fingerprint()).toBe(first);
  });

  it("lets every demo account sign in with the documented password, holding its role", async () => {
    await seedDemo(db, { today: TODAY });
    for (const account of DEMO_ACCOUNTS) {
      const result = await signInWithPassword({ username: account.username, password: DEMO_PASSWORD }, { ip: null, userAgent: null });
      if (!result.ok) throw new Error(`${account.username} could not sign in: ${result.reason}`);
      const grants = await db.roleAssignment.findMany({ where: { userId: result.user.id } });
      expect(
        grants.map((grant) => grant.role),
        account.username,
      ).toContain(account.role);
      if (account.role === "UNIT_REPORTER") expect(grants.find((grant) => grant.role === "UNIT_REPORTER")?.unitId).toBeTruthy();
      if (account.role === "GROUP_LIAISON") expect(grants.find((grant) => grant.role === "GROUP_LIAISON")?.groupId).toBeTruthy();
    }
  });
});
