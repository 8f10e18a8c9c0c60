// The ledger's URL state: parsed leniently (bad values fall back to defaults) and written back.
import { describe, expect, it } from "vitest";
import { DEFAULT_LEDGER_COLUMNS, DEFAULT_LEDGER_PARAMS, ledgerHref, parseLedgerParams, resolveAsOf, taskHref } from "@/lib/ledger/schemas";

describe("ledger search params", () => {
  it("gives the defaults for an empty URL", () => {
    expect(parseLedgerParams({})).toEqual(DEFAULT_LEDGER_PARAMS);
  });

  it("reads every filter, the sort, the page, the columns and the day", () => {
    const params = parseLedgerParams({
      year: "2025",
      group: "grp1",
      lead: "unit1",
      coop: "unit2",
      leader: "user1",
      key: "1",
      adjusted: "1",
      source: "PILOT",
      status: "ACTIVE",
      light: ["RED", "YELLOW,GREEN"],
      signal: "FROZEN_PERCENT",
      q: "  营商环境 ",
      sort: "lag",
      dir: "desc",
      page: "3",
      size: "50",
      cols: "title,light,planned",
      asOf: "2026-06-30",
    });
    expect(params).toEqual({
      year: 2025,
      groupId: "grp1",
      leadUnitId: "unit1",
      cooperatingUnitId: "unit2",
      leaderId: "user1",
      isKey: true,
      adjusted: true,
      source: "PILOT",
      status: "ACTIVE",
      lights: ["RED", "YELLOW", "GREEN"],
      signal: "FROZEN_PERCENT",
      q: "营商环境",
      sort: "lag",
      dir: "desc",
      page: 3,
      size: 50,
      columns: ["code", "title", "light", "planned"],
      asOf: new Date("2026-06-30T00:00:00Z"),
    });
  });

  it("falls back value by value on nonsense, never throws", () => {
    const params = parseLedgerParams({
      year: "20x6",
      group: "'; DROP TABLE",
      key: "maybe",
      source: "ALIENS",
      status: ["", "DONE"],
      light: "PURPLE,RED,RED",
      sort: "password",
      dir: "sideways",
      page: "-4",
      size: "1000",
      cols: "secret",
      asOf: "2026-02-30",
      signal: "EVERYTHING",
      q: "x".repeat(500),
    });
    expect(params).toMatchObject({
      year: null,
      groupId: null,
      isKey: null,
      source: null,
      status: null,
      lights: ["RED"],
      sort: "code",
      dir: "asc",
      page: 1,
      size: 20,
      columns: [...DEFAULT_LEDGER_COLUMNS],
      asOf: null,
      signal: null,
    });
    expect(params.q).toHaveLength(100);
    expect(parseLedgerParams({ key: "0", page: "99999999" })).toMatchObject({ isKey: false, page: 10_000 });
  });

  it("writes a view back to a short URL that parses to the same view", () => {
    expect(ledgerHref(DEFAULT_LEDGER_PARAMS)).toBe("/tasks");
    const params = parseLedgerParams({
      light: "RED,YELLOW",
      sort: "dueDate",
      dir: "desc",
      size: "100",
      cols: "title",
      asOf: "2026-01-31",
      key: "0",
      signal: "ANY",
    });
    const href = ledgerHref(params, { page: 2 });
    const query = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(parseLedgerParams(query)).toEqual({ ...params, page: 2 });
  });
});

describe("the task page's day", () => {
  const today = new Date("2026-11-22T00:00:00Z");
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

  it("takes a past day from those who may pick one, and says why it does not otherwise", () => {
    expect(resolveAsOf("2026-06-30", today, true)).toEqual({ asOf: day("2026-06-30"), problem: null });
    expect(resolveAsOf(" 2026-06-30 ", today, true)).toEqual({ asOf: day("2026-06-30"), problem: null });
    expect(resolveAsOf(undefined, today, true)).toEqual({ asOf: today, problem: null });
    expect(resolveAsOf("", today, false)).toEqual({ asOf: today, problem: null });
    expect(resolveAsOf("2026-11-22", today, false)).toEqual({ asOf: today, problem: null });
    expect(resolveAsOf("2026-06-30", today, false)).toEqual({ asOf: today, problem: "notAllowed" });
    expect(resolveAsOf("2026-11-23", today, true)).toEqual({ asOf: today, problem: "future" });
    for (const bad of ["2026-02-30", "2026-6-30", "30/06/2026", "<script>", "2026-06-30T00:00:00Z"])
      expect(resolveAsOf(bad, today, true)).toEqual({ asOf: today, problem: "invalid" });
  });

  it("links a task as of the ledger's past day", () => {
    expect(taskHref("abc")).toBe("/tasks/abc");
    expect(taskHref("abc", null)).toBe("/tasks/abc");
    expect(taskHref("abc", "2026-06-30")).toBe("/tasks/abc?asOf=2026-06-30");
  });
});
