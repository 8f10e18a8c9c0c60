// How one save of the reform information report (改革信息月报) changes its items: an item sent with
// its id is kept (updated in place, its evidence files stay on it), one without an id is new, a
// stored item not sent again is removed. An item whose files went with a submission is part of
// what the office received: after a return it may be edited but not removed (docs/decisions/0017).
// Pure: the service loads the stored items and applies the plan in its transaction.

export interface StoredItem {
  id: string;
  kind: string;
  /** files of this item that went with a submission (round ≤ submissions so far) */
  submittedFiles: number;
}

export interface IncomingItem {
  id?: string;
  kind: string;
}

export interface ItemPlan {
  /** per sent item, in order: the stored id it keeps, or null for a new item */
  kept: (string | null)[];
  /** stored items not sent again: deleted, with their files of the round being prepared */
  removed: string[];
  /** field messages (catalogue keys) keyed like the schema's: `items.<index>.<field>`, or `items` */
  problems: Record<string, string[]>;
}

export function planItemChanges(stored: readonly StoredItem[], incoming: readonly IncomingItem[]): ItemPlan {
  const byId = new Map(stored.map((item) => [item.id, item]));
  const seen = new Set<string>();
  const problems: Record<string, string[]> = {};
  const add = (key: string, message: string) => (problems[key] ??= []).push(message);
  const kept = incoming.map((item, index) => {
    if (!item.id) return null;
    const known = byId.get(item.id);
    // an id of another report, or of an item removed meanwhile: never adopted
    if (!known) {
      add(`items.${index}.id`, "infoReports.validation.unknownItem");
      return null;
    }
    if (seen.has(item.id)) {
      add(`items.${index}.id`, "infoReports.validation.duplicateItem");
      return null;
    }
    seen.add(item.id);
    // its evidence proves a pilot, a measure or an article: the kind stays what it was filed as
    if (known.kind !== item.kind) add(`items.${index}.kind`, "infoReports.validation.kindFixed");
    return item.id;
  });
  const removed = stored.filter((item) => !seen.has(item.id));
  if (removed.some((item) => item.submittedFiles > 0)) add("items", "infoReports.validation.submittedItemRemoved");
  return { kept, removed: removed.map((item) => item.id), problems };
}

/** May the reporter remove this item now? Not when any of its files went with a submission. */
export function isItemRemovable(files: readonly { round: number | null }[], evidenceRound: number): boolean {
  return files.every((file) => (file.round ?? 1) >= evidenceRound);
}
