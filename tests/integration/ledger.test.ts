// The task ledger on the demo county: scope by role, filters, sorting and paging in SQL, and the
// guarantee that the light computed in SQL is the light `taskLight` computes in JavaScript.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/prisma";
import { seedDemo } from "@/lib/demo/seed";
import { lightsSql } from "@/lib/ledger/light-sql";
import { getTask, listLedger } from "@/lib/ledger/queries";
import { DEFAULT_LEDGER_PARAMS, parseDay, type LedgerParams } from "@/lib/ledger/schemas";
import { NotFoundError } from "@/lib/server/errors";
import { LIGHT_REASONS, taskLight, type Light, type LightReason, type LightReasonDetail } from "@/lib/tasks/rules";
import { actorFor } from "@/tests/support/actor";
import { jsFacts, loadTasks } from "@/tests/support/lights";
import { createCommittee, createUser } from "@/tests/factories";

// Pin the app's clock to the seed's "today" (read lazily by lib/server/clock.ts).
process.env.APP_NOW = "2026-11-22T02:00:00.000Z";
const TODAY = new Date(process.env.APP_NOW);

async function actorOf(username: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
  return actorFor(user.id);
}

const view = (overrides: Partial<LedgerParams> = {}): LedgerParams => ({ ...DEFAULT_LEDGER_PARAMS, size: 100, ...overrides });

/** Every page of a view, for checks over the whole result. */
async function allRows(actor: Actor, overrides: Partial<LedgerParams> = {}) {
  const rows = [];
  for (let page = 1; ; page++) {
    const result = await listLedger(actor, view({ ...overrides, page }));
    rows.push(...result.rows);
    if (rows.length >= result.total || result.rows.length === 0) return { rows, result };
  }
}

describe("ledger lights", () => {
  it("computes in SQL the very light and reasons taskLight computes in JavaScript, for every demo task and several days", async () => {
    await seedDemo(db, { today: TODAY });
    const tasks = await loadTasks();
    expect(tasks.length).toBeGreaterThan(200);
    // December (last month's report owed from the 6th, tasks due at the year's end overdue in January),
    // June, the days around a report deadline, the previous year
    const days = [
      "2026-11-22",
      "2026-11-03",
      "2026-11-06",
      "2026-10-15",
      "2026-06-30",
      "2026-03-01",
      "2025-12-31",
      "2025-08-10",
      "2026-12-10",
      "2027-01-08",
    ];
    const seen = new Set<Light>();
    const seenReasons = new Set<LightReason>();
    for (const day of days) {
      const asOf = parseDay(day)!;
      const sqlRows = (
        await Promise.all(
          [2025, 2026].map((year) =>
            db.$queryRaw<{ id: string; planned: number; actual: number; light: Light; reasons: LightReasonDetail[] }[]>(
              lightsSql({ scope: Prisma.sql`TRUE`, year, asOf: day }),
            ),
          ),
        )
      ).flat();
      const byId = new Map(sqlRows.map((row) => [row.id, row]));
      expect(byId.size).toBe(tasks.length);
      for (const task of tasks) {
        const settings = task.committee.settings!;
        const js = taskLight(jsFacts(task, asOf), asOf, settings);
        const sql = byId.get(task.id)!;
        expect({ day, code: task.code, light: sql.light, planned: sql.planned, actual: sql.actual, reasons: sql.reasons }).toEqual({
          day,
          code: task.code,
          light: js.light,
          planned: js.planned,
          actual: js.actual,
          reasons: js.details,
        });
        // a red light gives only red reasons, a yellow one only yellow ones, the others none
        expect(js.reasons.length > 0).toBe(js.light === "RED" || js.light === "YELLOW");
        seen.add(js.light);
        for (const reason of js.reasons) seenReasons.add(reason);
      }
    }
    // the comparison covered every kind of light and every reason
    expect([...seen].sort()).toEqual(["DONE", "GREEN", "NOT_STARTED", "PENDING_CLOSE", "RED", "YELLOW"]);
    expect([...seenReasons].sort()).toEqual([...LIGHT_REASONS].sort());

    // today, the recomputed actual agrees with the percent the report service keeps on the task
    const today = await db.$queryRaw<{ id: string; actual: number }[]>(
      lightsSql({ scope: Prisma.sql`TRUE`, year: 2026, asOf: "2026-11-22" }),
    );
    const kept = new Map(tasks.map((task) => [task.id, task.actualPercent]));
    for (const row of today) expect(row.actual).toBe(kept.get(row.id));
  });

  it("shows the ledger as of a past day: planned percents move back, the task page agrees with the ledger", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");
    const now = await allRows(office, {});
    const june = await allRows(office, { asOf: parseDay("2026-06-30") });
    expect(june.result.asOf).toBe("2026-06-30");
    expect(now.result.asOf).toBe("2026-11-22");
    const plannedNow = new Map(now.rows.map((row) => [row.id, row.planned]));
    let lower = 0;
    for (const row of june.rows) {
      expect(row.planned).toBeLessThanOrEqual(plannedNow.get(row.id)!);
      if (row.planned < plannedNow.get(row.id)!) lower++;
    }
    expect(lower).toBeGreaterThan(50);
    expect(june.result.counts).not.toEqual(now.result.counts);

    // a future day is today; a reporter cannot pick a day at all
    expect((await listLedger(office, view({ asOf: parseDay("2027-01-01") }))).asOf).toBe("2026-11-22");
    const reporter = await actorOf("reporter");
    const reporterView = await listLedger(reporter, view({ asOf: parseDay("2026-06-30") }));
    expect(reporterView.asOf).toBe("2026-11-22");
    expect(reporterView.asOfEditable).toBe(false);

    // the task page's light (JavaScript) is the ledger's (SQL), today and as of the ledger's past day
    for (const row of now.rows.slice(0, 40)) {
      const detail = await getTask(office, row.id);
      expect([detail.code, detail.light.light, detail.light.planned, detail.light.actual, detail.light.details]).toEqual([
        row.code,
        row.light,
        row.planned,
        row.actual,
        row.reasons,
      ]);
      expect([detail.asOf, detail.asOfProblem]).toEqual(["2026-11-22", null]);
    }
    const juneById = new Map(june.rows.map((row) => [row.id, row]));
    const changed = now.rows.filter((row) => juneById.get(row.id)!.light !== row.light).slice(0, 30);
    expect(changed.length).toBeGreaterThan(10);
    for (const row of changed) {
      const then = juneById.get(row.id)!;
      const detail = await getTask(office, row.id, { asOf: "2026-06-30" });
      expect([detail.asOf, detail.light.light, detail.light.planned, detail.light.actual, detail.light.details]).toEqual([
        "2026-06-30",
        then.light,
        then.planned,
        then.actual,
        then.reasons,
      ]);
      // milestones as they stood: none completed after the day, late only by that day
      for (const milestone of detail.milestones) {
        if (milestone.completedOn) expect(milestone.completedOn <= "2026-06-30").toBe(true);
        if (milestone.late && !milestone.completedOn) expect(milestone.plannedDate < "2026-06-30").toBe(true);
      }
    }
  });

  it("tells the task page why an asked day is not used, and shows today instead", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");
    const reporter = await actorOf("reporter");
    const unitId = reporter.roles.find((grant) => grant.role === "UNIT_REPORTER")!.unitId!;
    const task = await db.reformTask.findFirstOrThrow({ where: { year: 2026, leadUnitId: unitId, deletedAt: null } });
    const today = await getTask(office, task.id);
    const cases: [Actor, string, string | null][] = [
      [office, "2026-13-45", "invalid"],
      [office, "yesterday", "invalid"],
      [office, '2026-06-30\'; DROP TABLE "ReformTask"; --', "invalid"],
      [office, "2027-01-01", "future"],
      [office, "2026-11-22", null],
      [office, "", null],
      [reporter, "2026-06-30", "notAllowed"],
    ];
    for (const [actor, asked, problem] of cases) {
      const detail = await getTask(actor, task.id, { asOf: asked });
      expect([asked, detail.asOf, detail.asOfProblem?.problem ?? null]).toEqual([asked, "2026-11-22", problem]);
      expect(detail.light).toEqual(today.light);
      if (problem) expect(detail.asOfProblem!.asked).toBe(asked.slice(0, 40));
    }
    expect((await getTask(reporter, task.id)).asOfEditable).toBe(false);
    expect((await getTask(office, task.id, { asOf: "2026-06-30" })).asOfEditable).toBe(true);
  });
});

describe("ledger scope", () => {
  it("shows reporters the tasks their unit leads or cooperates on, liaisons their group, another committee nothing", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");
    const all = await allRows(office);
    expect(all.result.total).toBe(await db.reformTask.count({ where: { year: 2026, deletedAt: null } }));

    const reporter = await actorOf("reporter");
    const unitId = reporter.roles.find((grant) => grant.role === "UNIT_REPORTER")!.unitId!;
    const expected = await db.reformTask.findMany({
      where: { year: 2026, deletedAt: null, OR: [{ leadUnitId: unitId }, { cooperatingUnits: { some: { unitId } } }] },
      select: { id: true },
    });
    const mine = await allRows(reporter);
    expect(mine.rows.map((row) => row.id).sort()).toEqual(expected.map((row) => row.id).sort());
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.result.total);

    const liaison = await actorOf("liaison");
    const groupId = liaison.roles.find((grant) => grant.role === "GROUP_LIAISON")!.groupId!;
    const group = await allRows(liaison);
    expect(group.result.total).toBe(await db.reformTask.count({ where: { year: 2026, deletedAt: null, groupId } }));
    const groupName = (await db.specialGroup.findUniqueOrThrow({ where: { id: groupId } })).name;
    expect(new Set(group.rows.map((row) => row.groupName))).toEqual(new Set([groupName]));

    // the task page follows the same scope: outside it is "not found", not "forbidden"
    const outside = all.rows.find((row) => !expected.some((task) => task.id === row.id))!;
    await expect(getTask(reporter, outside.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTask(reporter, expected[0]!.id)).resolves.toMatchObject({ id: expected[0]!.id, canWrite: false });

    const other = await createCommittee();
    const stranger = await actorFor((await createUser(other.id, { role: "OFFICE" })).id);
    const theirs = await listLedger(stranger, view());
    expect(theirs.total).toBe(0);
    expect(theirs.rows).toEqual([]);
    await expect(getTask(stranger, all.rows[0]!.id)).rejects.toBeInstanceOf(NotFoundError);

    // deleted tasks are gone from the ledger and the task page
    await db.reformTask.update({ where: { id: all.rows[0]!.id }, data: { deletedAt: new Date() } });
    expect((await listLedger(office, view())).total).toBe(all.result.total - 1);
    await expect(getTask(office, all.rows[0]!.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("ledger filters, sorting and paging", () => {
  it("filters, searches, sorts on every column and pages in the database", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");
    const everything = await allRows(office);
    const total = everything.result.total;
    const counts = everything.result.counts;
    expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(total);

    // light filter: one or several; counts stay those of the other filters (for the chips)
    const red = await allRows(office, { lights: ["RED"] });
    expect(red.result.total).toBe(counts.RED);
    expect(red.rows.every((row) => row.light === "RED")).toBe(true);
    expect(red.result.counts).toEqual(counts);
    const behind = await listLedger(office, view({ lights: ["RED", "YELLOW"] }));
    expect(behind.total).toBe(counts.RED + counts.YELLOW);

    // the other filters
    const sample = everything.rows.find((row) => row.leaderName && row.cooperatingUnits.length > 0)!;
    const task = await db.reformTask.findUniqueOrThrow({ where: { id: sample.id }, include: { cooperatingUnits: true } });
    const cases: [Partial<LedgerParams>, Prisma.ReformTaskWhereInput][] = [
      [{ groupId: task.groupId }, { groupId: task.groupId }],
      [{ leadUnitId: task.leadUnitId }, { leadUnitId: task.leadUnitId }],
      [
        { cooperatingUnitId: task.cooperatingUnits[0]!.unitId },
        { cooperatingUnits: { some: { unitId: task.cooperatingUnits[0]!.unitId } } },
      ],
      [{ leaderId: task.leaderId }, { leaderId: task.leaderId }],
      [{ isKey: true }, { isKey: true }],
      [{ isKey: false }, { isKey: false }],
      [{ source: "PILOT" }, { source: "PILOT" }],
      [{ status: "DONE" }, { status: "DONE" }],
      [{ year: 2025 }, { year: 2025 }],
    ];
    for (const [filter, where] of cases) {
      const expected = await db.reformTask.count({ where: { year: 2026, deletedAt: null, ...where } });
      expect((await listLedger(office, view(filter))).total, JSON.stringify(filter)).toBe(expected);
    }

    // search on code, title and goal; wildcards typed by the user are literal
    const byCode = await listLedger(office, view({ q: sample.code }));
    expect(byCode.rows.map((row) => row.id)).toEqual([sample.id]);
    const word = sample.title.slice(2, 5);
    const byTitle = await allRows(office, { q: word });
    expect(byTitle.rows.some((row) => row.id === sample.id)).toBe(true);
    expect(byTitle.rows.length).toBe(
      await db.reformTask.count({
        where: {
          year: 2026,
          deletedAt: null,
          OR: [
            { code: { contains: word, mode: "insensitive" } },
            { title: { contains: word, mode: "insensitive" } },
            { goal: { contains: word, mode: "insensitive" } },
          ],
        },
      }),
    );
    for (const wildcard of ["%", "_", "1_0"]) {
      // strpos: a plain substring test, no pattern language at all
      const [literal] = await db.$queryRaw<{ n: number }[]>(Prisma.sql`
        SELECT count(*)::int AS n FROM "ReformTask"
        WHERE year = 2026 AND "deletedAt" IS NULL
          AND (strpos(lower(code), lower(${wildcard})) > 0 OR strpos(lower(title), lower(${wildcard})) > 0 OR strpos(lower(goal), lower(${wildcard})) > 0)`);
      expect((await listLedger(office, view({ q: wildcard }))).total, wildcard).toBe(literal!.n);
    }

    // sorting: every column, both ways, in the database (ties by code)
    const keys: Record<LedgerParams["sort"], (row: (typeof everything.rows)[number]) => string | number> = {
      code: (row) => row.code,
      title: (row) => row.title,
      group: (row) => row.groupName,
      leadUnit: (row) => row.leadUnitName,
      leader: (row) => row.leaderName ?? "",
      dueDate: (row) => row.dueDate,
      planned: (row) => row.planned,
      actual: (row) => row.actual,
      lag: (row) => row.lag,
      light: (row) => ["RED", "YELLOW", "GREEN", "NOT_STARTED", "PENDING_CLOSE", "DONE"].indexOf(row.light),
    };
    for (const sort of ["dueDate", "planned", "actual", "lag", "light"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const sorted = await allRows(office, { sort, dir });
        const values = sorted.rows.map(keys[sort]);
        const expected = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(values, `${sort} ${dir}`).toEqual(dir === "asc" ? expected : expected.reverse());
        expect(sorted.rows.length).toBe(total);
      }
    }
    for (const sort of ["code", "title", "group", "leadUnit", "leader"] as const) {
      const asc = await allRows(office, { sort, dir: "asc" });
      const desc = await allRows(office, { sort, dir: "desc" });
      expect(asc.rows.length).toBe(total);
      expect(new Set(asc.rows.map((row) => row.id))).toEqual(new Set(desc.rows.map((row) => row.id)));
      expect(asc.rows[0]!.id).not.toBe(desc.rows[0]!.id);
    }
    const byCodeAsc = await allRows(office, { sort: "code" });
    expect(byCodeAsc.rows.map((row) => row.code)).toEqual(everything.rows.map((row) => row.code));

    // paging: pages of 20 tile the ledger without overlaps
    const pages = [];
    for (let page = 1; page <= Math.ceil(total / 20); page++) pages.push(...(await listLedger(office, view({ size: 20, page }))).rows);
    expect(pages.map((row) => row.id)).toEqual(everything.rows.map((row) => row.id));
    expect((await listLedger(office, view({ size: 20, page: 999 }))).rows).toEqual([]);
  });
});
