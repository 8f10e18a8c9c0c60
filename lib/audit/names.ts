import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/prisma";
import { idsInText, looksLikeId, type NameBook, type RecordRef } from "./readable";

/** Every id-like string in a stored value: change values, keys of batch changes, ids inside details. */
export function idsIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === "string") {
    for (const id of idsInText(value)) into.add(id);
  } else if (Array.isArray(value)) {
    for (const item of value) idsIn(item, into);
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (looksLikeId(key)) into.add(key);
      idsIn(item, into);
    }
  }
  return into;
}

/**
 * The records behind a set of ids, whatever their table, in one query, and only within the given
 * committees: an id typed into a refused request never reveals another committee's record.
 */
export async function resolveNames(committeeIds: readonly string[], ids: Iterable<string>): Promise<NameBook> {
  const wanted = [...new Set(ids)].filter(looksLikeId);
  if (wanted.length === 0 || committeeIds.length === 0) return {};
  const list = Prisma.sql`${wanted}::text[]`;
  const mine = Prisma.sql`${[...committeeIds]}::text[]`;
  const rows = await db.$queryRaw<(RecordRef & { id: string })[]>(Prisma.sql`
    SELECT u.id, 'User' AS type, u.name AS a, NULL AS b, NULL AS c, NULL AS d, NULL::int AS n FROM "User" u
      WHERE u.id = ANY(${list}) AND (EXISTS (SELECT 1 FROM "RoleAssignment" r WHERE r."userId" = u.id AND r."committeeId" = ANY(${mine}))
        OR EXISTS (SELECT 1 FROM "Unit" x WHERE x.id = u."unitId" AND x."committeeId" = ANY(${mine})))
    UNION ALL SELECT id, 'Unit', name, NULL, NULL, NULL, NULL FROM "Unit" WHERE id = ANY(${list}) AND "committeeId" = ANY(${mine})
    UNION ALL SELECT id, 'SpecialGroup', name, NULL, NULL, NULL, NULL FROM "SpecialGroup" WHERE id = ANY(${list}) AND "committeeId" = ANY(${mine})
    UNION ALL SELECT id, 'Committee', name, NULL, NULL, NULL, NULL FROM "Committee" WHERE id = ANY(${list}) AND id = ANY(${mine})
    UNION ALL SELECT id, 'WorkPlan', title, NULL, NULL, NULL, NULL FROM "WorkPlan" WHERE id = ANY(${list}) AND "committeeId" = ANY(${mine})
    UNION ALL SELECT w.id, 'WorkPoint', w.number, w.title, NULL, NULL, NULL FROM "WorkPoint" w JOIN "WorkPlan" p ON p.id = w."planId"
      WHERE w.id = ANY(${list}) AND p."committeeId" = ANY(${mine})
    UNION ALL SELECT id, 'ReformTask', code, title, NULL, NULL, NULL FROM "ReformTask" WHERE id = ANY(${list}) AND "committeeId" = ANY(${mine})
    UNION ALL SELECT m.id, 'Milestone', m.title, t.code, NULL, NULL, NULL FROM "Milestone" m JOIN "ReformTask" t ON t.id = m."taskId"
      WHERE m.id = ANY(${list}) AND t."committeeId" = ANY(${mine})
    UNION ALL SELECT r.id, 'ProgressReport', t.code, t.title, to_char(r.period, 'YYYY-MM-DD'), x.name, NULL FROM "ProgressReport" r
      JOIN "ReformTask" t ON t.id = r."taskId" JOIN "Unit" x ON x.id = r."unitId" WHERE r.id = ANY(${list}) AND t."committeeId" = ANY(${mine})
    UNION ALL SELECT c.id, 'CloseOutRequest', t.code, t.title, NULL, NULL, NULL FROM "CloseOutRequest" c JOIN "ReformTask" t ON t.id = c."taskId"
      WHERE c.id = ANY(${list}) AND t."committeeId" = ANY(${mine})
    UNION ALL SELECT c.id, 'ChangeRequest', t.code, t.title, NULL, NULL, NULL FROM "ChangeRequest" c JOIN "ReformTask" t ON t.id = c."taskId"
      WHERE c.id = ANY(${list}) AND c."committeeId" = ANY(${mine})
    UNION ALL SELECT s.id, 'SupervisionNotice', s.number, t.code, NULL, NULL, NULL FROM "SupervisionNotice" s JOIN "ReformTask" t ON t.id = s."taskId"
      WHERE s.id = ANY(${list}) AND s."committeeId" = ANY(${mine})
    UNION ALL SELECT r.id, 'UnitMonthlyReport', NULL, NULL, to_char(r.period, 'YYYY-MM-DD'), x.name, NULL FROM "UnitMonthlyReport" r
      JOIN "Unit" x ON x.id = r."unitId" WHERE r.id = ANY(${list}) AND r."committeeId" = ANY(${mine})
    UNION ALL SELECT id, 'QuarterlyReport', title, NULL, NULL, NULL, NULL FROM "QuarterlyReport" WHERE id = ANY(${list}) AND "committeeId" = ANY(${mine})
    UNION ALL SELECT r.id, 'RoleAssignment', r.role::text, u.name, NULL, NULL, NULL FROM "RoleAssignment" r JOIN "User" u ON u.id = r."userId"
      WHERE r.id = ANY(${list}) AND r."committeeId" = ANY(${mine})
    UNION ALL SELECT id, 'ApiToken', name, prefix, NULL, NULL, NULL FROM "ApiToken" WHERE id = ANY(${list}) AND "committeeId" = ANY(${mine})
    UNION ALL SELECT id, 'Attachment', "fileName", NULL, NULL, NULL, NULL FROM "Attachment" WHERE id = ANY(${list}) AND "committeeId" = ANY(${mine})
    UNION ALL SELECT id, 'Assessment', NULL, "runNumber"::text, NULL, NULL, year FROM "Assessment" WHERE id = ANY(${list}) AND "committeeId" = ANY(${mine})
    UNION ALL SELECT id, 'AssessmentScheme', name, NULL, NULL, NULL, NULL FROM "AssessmentScheme" WHERE id = ANY(${list}) AND "committeeId" = ANY(${mine})
    UNION ALL SELECT o.id, 'AssessmentObjection', x.name, NULL, NULL, NULL, NULL FROM "AssessmentObjection" o JOIN "Unit" x ON x.id = o."unitId"
      WHERE o.id = ANY(${list}) AND x."committeeId" = ANY(${mine})
    UNION ALL SELECT s.id, 'UnitScore', x.name, NULL, NULL, NULL, NULL FROM "UnitScore" s JOIN "Unit" x ON x.id = s."unitId"
      WHERE s.id = ANY(${list}) AND x."committeeId" = ANY(${mine})
    UNION ALL SELECT id, 'MicroReform', title, NULL, NULL, NULL, NULL FROM "MicroReform" WHERE id = ANY(${list}) AND "committeeId" = ANY(${mine})
    UNION ALL SELECT id, 'TypicalCase', title, NULL, NULL, NULL, NULL FROM "TypicalCase" WHERE id = ANY(${list}) AND "committeeId" = ANY(${mine})
    UNION ALL SELECT id, 'Honor', title, NULL, NULL, NULL, NULL FROM "Honor" WHERE id = ANY(${list}) AND "committeeId" = ANY(${mine})
    UNION ALL SELECT i.id, 'Instruction', ld.name, t.code, NULL, t.title, NULL FROM "Instruction" i
      JOIN "User" ld ON ld.id = i."leaderId" JOIN "ReformTask" t ON t.id = i."taskId" WHERE i.id = ANY(${list}) AND i."committeeId" = ANY(${mine})
  `);
  return Object.fromEntries(rows.map(({ id, ...ref }) => [id, ref]));
}
