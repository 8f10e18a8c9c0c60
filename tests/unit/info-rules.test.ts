// How a save of the reform information report changes its items (lib/reports/info-rules.ts), and the
// schema of an item with its id.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isItemRemovable, planItemChanges, type StoredItem } from "@/lib/reports/info-rules";
import { infoItemSchema } from "@/lib/reports/info-schemas";

const stored: StoredItem[] = [
  { id: "pilot", kind: "PILOT", submittedFiles: 0 },
  { id: "measure", kind: "INNOVATION", submittedFiles: 0 },
  { id: "article", kind: "PUBLICATION", submittedFiles: 2 },
];

describe("planItemChanges", () => {
  it("keeps the items sent with their ids, creates those without, removes the rest", () => {
    const plan = planItemChanges(stored, [{ id: "article", kind: "PUBLICATION" }, { kind: "INNOVATION" }, { id: "pilot", kind: "PILOT" }]);
    expect(plan).toEqual({ kept: ["article", null, "pilot"], removed: ["measure"], problems: {} });
  });

  it("a first save, or one without ids, creates everything and removes what was there", () => {
    expect(planItemChanges([], [{ kind: "PILOT" }, { kind: "PILOT" }])).toEqual({ kept: [null, null], removed: [], problems: {} });
    const plan = planItemChanges(stored.slice(0, 2), [{ kind: "PILOT" }]);
    expect(plan).toEqual({ kept: [null], removed: ["pilot", "measure"], problems: {} });
  });

  it("refuses an item that carries files of a submission from being removed", () => {
    const plan = planItemChanges(stored, [
      { id: "pilot", kind: "PILOT" },
      { id: "measure", kind: "INNOVATION" },
    ]);
    expect(plan.problems).toEqual({ items: ["infoReports.validation.submittedItemRemoved"] });
    // edited, it stays: no problem
    expect(planItemChanges(stored, [{ id: "article", kind: "PUBLICATION" }]).problems).toEqual({});
  });

  it("refuses an unknown id, the same id twice and a changed kind, by the field of the item", () => {
    const plan = planItemChanges(stored, [
      { id: "someone-elses", kind: "PILOT" },
      { id: "pilot", kind: "PILOT" },
      { id: "pilot", kind: "PILOT" },
      { id: "measure", kind: "PUBLICATION" },
      { id: "article", kind: "PUBLICATION" },
    ]);
    expect(plan.problems).toEqual({
      "items.0.id": ["infoReports.validation.unknownItem"],
      "items.2.id": ["infoReports.validation.duplicateItem"],
      "items.3.kind": ["infoReports.validation.kindFixed"],
    });
    expect(plan.kept).toEqual([null, "pilot", null, "measure", "article"]);
    expect(plan.removed).toEqual([]);
  });

  it("for any input: every stored item is either kept once or removed, and no id is adopted that was not stored", () => {
    const ids = ["a", "b", "c", "d", "x"];
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...ids.slice(0, 4)), { maxLength: 4 }),
        fc.array(fc.record({ id: fc.option(fc.constantFrom(...ids), { nil: undefined }), kind: fc.constantFrom("PILOT", "INNOVATION") })),
        (storedIds, incoming) => {
          const items = storedIds.map((id) => ({ id, kind: "PILOT", submittedFiles: 0 }));
          const plan = planItemChanges(items, incoming);
          const kept = plan.kept.filter((id): id is string => id !== null);
          expect(new Set(kept).size).toBe(kept.length);
          expect(kept.every((id) => storedIds.includes(id))).toBe(true);
          expect([...kept, ...plan.removed].sort()).toEqual([...storedIds].sort());
          expect(plan.kept).toHaveLength(incoming.length);
        },
      ),
    );
  });
});

describe("isItemRemovable", () => {
  it("is removable while all its files are of the round being prepared", () => {
    expect(isItemRemovable([], 1)).toBe(true);
    expect(isItemRemovable([{ round: 1 }], 1)).toBe(true);
    expect(isItemRemovable([{ round: 2 }, { round: 2 }], 2)).toBe(true);
    expect(isItemRemovable([{ round: 1 }, { round: 2 }], 2)).toBe(false);
    expect(isItemRemovable([{ round: null }], 2)).toBe(false);
  });
});

describe("infoItemSchema", () => {
  it("takes an optional id of sane length, and nothing else new", () => {
    expect(infoItemSchema.parse({ id: " cm0abc ", kind: "INNOVATION", title: "举措" }).id).toBe("cm0abc");
    expect(infoItemSchema.parse({ kind: "INNOVATION", title: "举措" }).id).toBeUndefined();
    expect(infoItemSchema.safeParse({ id: "x".repeat(65), kind: "INNOVATION", title: "举措" }).success).toBe(false);
    expect(infoItemSchema.safeParse({ id: "", kind: "INNOVATION", title: "举措" }).success).toBe(false);
    expect(infoItemSchema.safeParse({ kind: "INNOVATION", title: "举措", files: [] }).success).toBe(false);
  });
});
