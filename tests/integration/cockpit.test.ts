// The leader cockpit on the demo county: every figure equals what the ledger lists under the link
// the figure carries, for the office, a leader and a reporter, today and as of a past month end.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getCockpit } from "@/lib/dashboard/cockpit";
import type { Cockpit, Linked } from "@/lib/dashboard/types";
import { db } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { listLedger, type LedgerRow } from "@/lib/ledger/queries";
import { DEFAULT_LEDGER_PARAMS, parseDay, parseLedgerParams, type LedgerParams } from "@/lib/ledger/schemas";
import { complianceFor } from "@/lib/reports/compliance";
import { LIGHTS, type Light } from "@/lib/tasks/rules";
import { actorFor } from "@/tests/support/actor";

// Pin the app's clock to the seed's "today" (read lazily by lib/server/clock.ts).
process.env.APP_NOW = "2026-11-22T02:00:00.000Z";
const TODAY = new Date(process.env.APP_NOW);

async function actorOf(username: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
  return actorFor(user.id);
}

/** Every row the ledger shows for a view (the cockpit's independent check). */
async function ledgerRows(actor: Actor, year: number, asOf: string | null, overrides: Partial<LedgerParams> = {}): Promise<LedgerRow[]> {
  const page = await listLedger(actor, { ...DEFAULT_LEDGER_PARAMS, year, asOf: asOf ? parseDay(asOf) : null, ...overrides }, { all: true });
  expect(page.rows.length).toBe(page.total);
  return page.rows;
}

function countBy(rows: readonly LedgerRow[]): Record<Light, number> {
  const counts = Object.fromEntries(LIGHTS.map((light) => [light, 0])) as Record<Light, number>;
  for (const row of rows) counts[row.light] += 1;
  return counts;
}

/** The ledger view a cockpit link opens. */
function paramsOf(href: string): LedgerParams {
  const [path, query = ""] = href.split("?");
  expect(path).toBe("/tasks");
  return parseLedgerParams(Object.fromEntries(new URLSearchParams(query)));
}

const countsOf = (lights: Record<Light, Linked>) => Object.fromEntries(LIGHTS.map((light) => [light, lights[light].count]));

/** Headline and group counts = the ledger's rows counted here; every link names exactly that view. */
async function expectMatchesLedger(actor: Actor, cockpit: Cockpit, pastDay: string | null) {
  const rows = await ledgerRows(actor, cockpit.year, pastDay);
  expect(cockpit.headline.total.count).toBe(rows.length);
  expect(countsOf(cockpit.headline.lights)).toEqual(countBy(rows));
  const asOf = pastDay ? parseDay(pastDay) : null;
  expect(paramsOf(cockpit.headline.total.href)).toMatchObject({ year: cockpit.year, asOf, lights: [], groupId: null });
  for (const light of LIGHTS)
    expect(paramsOf(cockpit.headline.lights[light].href)).toMatchObject({ year: cockpit.year, asOf, lights: [light], groupId: null });

  // every group of the rows, and no other, with its counts by light
  const groups = new Map<string, LedgerRow[]>();
  for (const row of rows) groups.set(row.groupName, [...(groups.get(row.groupName) ?? []), row]);
  expect(cockpit.groups.map((group) => group.name).sort()).toEqual([...groups.keys()].sort());
  for (const group of cockpit.groups) {
    const groupRows = groups.get(group.name)!;
    expect(group.total.count).toBe(groupRows.length);
    expect(countsOf(group.lights)).toEqual(countBy(groupRows));
    expect(paramsOf(group.total.href)).toMatchObject({ year: cockpit.year, asOf, groupId: group.id, lights: [] });
    for (const light of LIGHTS)
      expect(paramsOf(group.lights[light].href)).toMatchObject({ year: cockpit.year, asOf, groupId: group.id, lights: [light] });
  }
  return rows;
}

/** The ledger opened by a link lists as many tasks as the figure says. */
async function expectLinkCount(actor: Actor, figure: Linked) {
  const page = await listLedger(actor, paramsOf(figure.href));
  expect({ href: figure.href, total: page.total }).toEqual({ href: figure.href, total: figure.count });
}

const average = (values: number[]) => Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 10) / 10;

describe("leader cockpit", () => {
  it("counts what the ledger lists, for the office today and as of a past month end, and its links open those tasks", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");

    const today = await getCockpit(office, {});
    expect(today).toMatchObject({ year: 2026, asOf: "2026-11-22", today: "2026-11-22", asOfEditable: true });
    expect(today.monthEnds[0]).toBe("2026-10-31");
    expect(today.monthEnds.at(-1)).toBe("2026-01-31");
    const rows = await expectMatchesLedger(office, today, null);
    expect(rows.length).toBeGreaterThan(100);
    // the demo has tasks of every light, so every kind of figure was compared above
    for (const light of LIGHTS) expect(today.headline.lights[light].count).toBeGreaterThan(0);

    // following the links: the headline tiles and each group's red segment (what the e2e test clicks)
    await expectLinkCount(office, today.headline.total);
    for (const light of LIGHTS) await expectLinkCount(office, today.headline.lights[light]);
    for (const group of today.groups) {
      await expectLinkCount(office, group.lights.RED);
      await expectLinkCount(office, group.lights.YELLOW);
    }

    const june = await getCockpit(office, { year: 2026, asOf: "2026-06-30" });
    expect(june.asOf).toBe("2026-06-30");
    const juneRows = await expectMatchesLedger(office, june, "2026-06-30");
    for (const group of june.groups) await expectLinkCount(office, group.lights.RED);
    expect(countsOf(june.headline.lights)).not.toEqual(countsOf(today.headline.lights));

    // the trend: month ends up to the day (and the partial month), each equal to the ledger on that day
    expect(today.trend.map((point) => point.asOf)).toEqual([
      "2026-01-31",
      "2026-02-28",
      "2026-03-31",
      "2026-04-30",
      "2026-05-31",
      "2026-06-30",
      "2026-07-31",
      "2026-08-31",
      "2026-09-30",
      "2026-10-31",
      "2026-11-22",
    ]);
    const last = today.trend.at(-1)!;
    expect(last).toMatchObject({
      month: 11,
      tasks: rows.length,
      done: today.headline.lights.DONE.count,
      planned: average(rows.map((row) => row.planned)),
      actual: average(rows.map((row) => row.actual)),
    });
    const junePoint = today.trend.find((point) => point.asOf === "2026-06-30")!;
    expect(junePoint).toMatchObject({
      month: 6,
      tasks: juneRows.length,
      done: june.headline.lights.DONE.count,
      planned: average(juneRows.map((row) => row.planned)),
      actual: average(juneRows.map((row) => row.actual)),
    });
    expect(june.trend.map((point) => point.asOf).at(-1)).toBe("2026-06-30");
    expect(last.planned).toBeGreaterThan(today.trend[0]!.planned);

    // key tasks: all of the ledger's key tasks, red and yellow first
    const keyRows = rows.filter((row) => row.isKey);
    expect(today.keyTasks.total).toBe(keyRows.length);
    expect(today.keyTasks.rows.map((row) => row.id).sort()).toEqual(keyRows.map((row) => row.id).sort());
    expect(paramsOf(today.keyTasks.href)).toMatchObject({ year: 2026, isKey: true, lights: [] });
    const severity = today.keyTasks.rows.map((row) => LIGHTS.indexOf(row.light));
    expect(severity).toEqual([...severity].sort((a, b) => a - b));
    // each with the ledger's reasons: red and yellow ones explained, the others without
    const ledgerReasons = new Map(keyRows.map((row) => [row.id, row.reasons]));
    for (const row of today.keyTasks.rows) {
      expect(row.reasons).toEqual(ledgerReasons.get(row.id));
      expect(row.reasons.length > 0).toBe(row.light === "RED" || row.light === "YELLOW");
    }
    expect(today.keyTasks.rows.some((row) => row.light === "RED")).toBe(true);
    expect(today.myTasks).toBeNull();
  });

  it("ranks lead units by on-schedule rate and report timeliness, the latter by the compliance rules", async () => {
    await seedDemo(db, { today: TODAY });
    const office = await actorOf("office");
    const cockpit = await getCockpit(office, {});
    const rows = await ledgerRows(office, 2026, null);

    expect(cockpit.onSchedule.top.length).toBe(5);
    expect(cockpit.onSchedule.bottom.length).toBe(5);
    for (const unit of [...cockpit.onSchedule.top, ...cockpit.onSchedule.bottom]) {
      const led = rows.filter((row) => row.leadUnitName === unit.name && row.status !== "CANCELLED");
      const started = led.filter((row) => row.light !== "NOT_STARTED");
      const good = started.filter((row) => ["GREEN", "PENDING_CLOSE", "DONE"].includes(row.light));
      expect({ unit: unit.name, good: unit.good, base: unit.base }).toEqual({ unit: unit.name, good: good.length, base: started.length });
      expect(unit.rate).toBe(Math.round((good.length / started.length) * 1000) / 10);
      expect(paramsOf(unit.href)).toMatchObject({ year: 2026, leadUnitId: unit.id, lights: [] });
    }
    const topRates = cockpit.onSchedule.top.map((unit) => unit.rate!);
    expect(topRates).toEqual([...topRates].sort((a, b) => b - a));
    expect(cockpit.onSchedule.top[0]!.rate!).toBeGreaterThanOrEqual(cockpit.onSchedule.bottom[0]!.rate!);

    // timeliness = the 报送情况 of every month of the year so far, summed by unit
    const endOfToday = new Date("2026-11-22T16:00:00.000Z").getTime() - 1;
    const byUnit = new Map<string, { good: number; base: number }>();
    for (let month = 1; month <= 11; month++) {
      const view = await complianceFor(office, { period: `2026-${String(month).padStart(2, "0")}` }, { asOf: new Date(endOfToday) });
      for (const unit of view.byUnit) {
        const sum = byUnit.get(unit.id) ?? { good: 0, base: 0 };
        byUnit.set(unit.id, { good: sum.good + unit.onTime, base: sum.base + unit.expected - unit.notDue });
      }
    }
    const ranked = [...byUnit.values()].filter((unit) => unit.base > 0).length;
    expect(cockpit.timeliness.ranked).toBe(ranked);
    for (const unit of [...cockpit.timeliness.top, ...cockpit.timeliness.bottom])
      expect({ id: unit.id, good: unit.good, base: unit.base }).toEqual({ id: unit.id, ...byUnit.get(unit.id) });
    expect(cockpit.timeliness.bottom[0]!.rate!).toBeLessThan(100);
  });

  it("gives a leader the committee and, first, exactly the tasks they are linked to", async () => {
    await seedDemo(db, { today: TODAY });
    const leader = await actorOf("leader");
    expect(leader.isLeader).toBe(true);
    const cockpit = await getCockpit(leader, { asOf: "2026-10-31" });
    expect(cockpit.asOf).toBe("2026-10-31");
    await expectMatchesLedger(leader, cockpit, "2026-10-31");

    const mine = await db.reformTask.findMany({ where: { leaderId: leader.userId, year: 2026, deletedAt: null }, select: { id: true } });
    expect(mine.length).toBeGreaterThan(0);
    expect(cockpit.myTasks!.total).toBe(mine.length);
    expect(cockpit.myTasks!.rows.map((row) => row.id).sort()).toEqual(mine.map((row) => row.id).sort());
    expect(paramsOf(cockpit.myTasks!.href)).toMatchObject({ year: 2026, leaderId: leader.userId, asOf: parseDay("2026-10-31") });
    await expectLinkCount(leader, { count: cockpit.myTasks!.total, href: cockpit.myTasks!.href });
    const ledger = await ledgerRows(leader, 2026, "2026-10-31", { leaderId: leader.userId });
    const lights = new Map(ledger.map((row) => [row.id, [row.light, row.reasons]]));
    for (const row of cockpit.myTasks!.rows) expect([row.light, row.reasons]).toEqual(lights.get(row.id));
  });

  it("scopes a reporter's cockpit to the tasks of its unit, and always as of today", async () => {
    await seedDemo(db, { today: TODAY });
    const reporter = await actorOf("reporter");
    const office = await getCockpit(await actorOf("office"), {});
    const cockpit = await getCockpit(reporter, { asOf: "2026-06-30" });
    expect(cockpit).toMatchObject({ asOf: "2026-11-22", asOfEditable: false, monthEnds: [], myTasks: null });
    const rows = await expectMatchesLedger(reporter, cockpit, null);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(office.headline.total.count);

    const unitId = reporter.roles.find((grant) => grant.role === "UNIT_REPORTER")!.unitId!;
    const visible = await db.reformTask.count({
      where: {
        year: 2026,
        deletedAt: null,
        OR: [{ leadUnitId: unitId }, { cooperatingUnits: { some: { unitId } } }],
      },
    });
    expect(cockpit.headline.total.count).toBe(visible);
    const keys = await db.reformTask.count({
      where: { year: 2026, deletedAt: null, isKey: true, OR: [{ leadUnitId: unitId }, { cooperatingUnits: { some: { unitId } } }] },
    });
    expect(cockpit.keyTasks.total).toBe(keys);
    expect(cockpit.trend.at(-1)!.tasks).toBe(visible);
  });
});
