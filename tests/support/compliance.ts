// 报送情况 by hand: every task's raw row through the pure rules of lib/reports/rules.ts, for tests that
// compare them with the figures lib/reports/compliance.ts computes in SQL.
import { expect } from "vitest";
import { db } from "@/lib/db/client";
import type { ComplianceView } from "@/lib/reports/compliance";
import {
  complianceStatus,
  EMPTY_COUNTS,
  isReportExpected,
  monthlyDueOn,
  onTimeRate,
  parseMonthKey,
  tally,
  type ComplianceCounts,
} from "@/lib/reports/rules";

export const figures = (counts: ComplianceCounts) => ({ ...counts, onTimeRate: onTimeRate(counts) });

/** The figures of a period, by hand: every task's raw row through isReportExpected and complianceStatus. */
export async function byHand(
  committeeId: string,
  periodKey: string,
  asOf: Date,
  keep: (task: { groupId: string; leadUnitId: string }) => boolean,
) {
  const period = parseMonthKey(periodKey)!;
  const settings = await db.committeeSettings.findUniqueOrThrow({ where: { committeeId } });
  const dueOn = monthlyDueOn(period, settings.monthlyReportDueDay);
  const tasks = await db.reformTask.findMany({
    where: { committeeId },
    include: { progressReports: { where: { period, kind: "LEAD", deletedAt: null } } },
    orderBy: { code: "asc" },
  });
  let totals = EMPTY_COUNTS;
  const units = new Map<string, ComplianceCounts>();
  const groups = new Map<string, ComplianceCounts>();
  const unsubmitted: string[] = [];
  for (const task of tasks.filter(keep)) {
    const expected = isReportExpected({ ...task, deleted: task.deletedAt !== null }, period);
    if (!expected) continue;
    const report = task.progressReports.find((row) => row.unitId === task.leadUnitId) ?? null;
    const timeliness = complianceStatus(report, dueOn, asOf);
    totals = tally(totals, timeliness);
    units.set(task.leadUnitId, tally(units.get(task.leadUnitId) ?? EMPTY_COUNTS, timeliness));
    groups.set(task.groupId, tally(groups.get(task.groupId) ?? EMPTY_COUNTS, timeliness));
    if (timeliness === "MISSING" || timeliness === "NOT_DUE") unsubmitted.push(`${task.code}:${timeliness}`);
  }
  return { totals, units, groups, unsubmitted: unsubmitted.sort() };
}

export function expectSame(view: ComplianceView, hand: Awaited<ReturnType<typeof byHand>>) {
  const plain = ({ expected, onTime, late, missing, notDue, returned, onTimeRate: rate }: ComplianceView["totals"]) => ({
    expected,
    onTime,
    late,
    missing,
    notDue,
    returned,
    onTimeRate: rate,
  });
  expect(plain(view.totals)).toEqual(figures(hand.totals));
  expect(Object.fromEntries(view.byUnit.map((row) => [row.id, plain(row)]))).toEqual(
    Object.fromEntries([...hand.units].map(([id, counts]) => [id, figures(counts)])),
  );
  expect(Object.fromEntries(view.byGroup.map((row) => [row.id, plain(row)]))).toEqual(
    Object.fromEntries([...hand.groups].map(([id, counts]) => [id, figures(counts)])),
  );
  expect(view.unsubmitted.map((row) => `${row.code}:${row.timeliness}`).sort()).toEqual(hand.unsubmitted);
  expect(view.unsubmittedTotal).toBe(hand.unsubmitted.length);
  for (const row of view.byUnit) expect(row.unsubmitted).toBe(row.missing + row.notDue);
  // the five figures are disjoint and make up the expected reports
  for (const row of [view.totals, ...view.byUnit, ...view.byGroup])
    expect(row.onTime + row.late + row.returned + row.missing + row.notDue).toBe(row.expected);
}
