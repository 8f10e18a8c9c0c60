// Property-based fuzzing of every service action (SECURITY.md 13): whatever arrives — wrong
// types, huge values, odd encodings, extra fields — the answer is an expected error with a
// status (4xx) or a normal result, never an unexpected exception (500).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import "@/tests/support/all-services";
import { MATRIX } from "@/lib/auth/permissions";
import { Role } from "@/lib/db/generated/enums";
import { SERVICE_ACTIONS } from "@/lib/server/action";
import { AppError } from "@/lib/server/errors";
import { createCommittee, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

function fieldNames(schema: unknown): string[] {
  const node = schema as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> } } };
  return Object.keys(node.shape ?? node.def?.in?.shape ?? {});
}

const value = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ minLength: 2000, maxLength: 6000 }),
  fc.constantFrom("", " ", "\u0000", "../../etc/passwd", "<script>alert(1)</script>", '\'; DROP TABLE "User"; --', "NaN", "null"),
  fc.integer(),
  fc.double(),
  fc.bigInt().map((n) => n.toString()),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

describe("fuzzing the service actions", () => {
  for (const service of SERVICE_ACTIONS) {
    const { name, permission, input } = service.definition;
    it(`${name} answers any input with an expected error or a result`, async () => {
      const committee = await createCommittee();
      const unit = await createUnit(committee.id);
      const role = Object.values(Role).find((candidate) => MATRIX[candidate][permission])!;
      const actor = await actorFor((await createUser(committee.id, { role, unitId: unit.id })).id);
      const fields = fieldNames(input);
      const shaped = fields.length
        ? fc.dictionary(fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 8 })), value, { maxKeys: fields.length + 2 })
        : fc.object();

      await fc.assert(
        fc.asyncProperty(fc.oneof(shaped, fc.anything()), async (raw) => {
          try {
            await service(actor, raw);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            expect(error.status).toBeGreaterThanOrEqual(400);
            expect(error.status).toBeLessThan(500);
          }
        }),
        { numRuns: 80, seed: 20261122 },
      );
    });
  }
});

describe("fuzzing the text fields of otherwise valid inputs", () => {
  it("names with any characters are stored as given or refused field by field, never a 500", async () => {
    const { createUnit: createUnitAction, createGroup } = await import("@/lib/org/service");
    const { createUser: createUserAction } = await import("@/lib/users/service");
    const committee = await createCommittee();
    const unit = await createUnit(committee.id);
    const admin = await actorFor((await createUser(committee.id, { role: "ADMIN", unitId: unit.id })).id);
    const text = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.string({ unit: "binary", maxLength: 60 }),
      fc.constantFrom("\u0000", "a\u0000b", "\ud800", "改革\u202e办"),
    );
    let serial = 0;

    await fc.assert(
      fc.asyncProperty(text, async (name) => {
        serial++;
        for (const attempt of [
          () => createUnitAction(admin, { name, kind: "GOV_DEPT" }),
          () => createGroup(admin, { name, shortName: `g${serial}` }),
          () => createUserAction(admin, { username: `fuzz${serial}`, name, unitId: unit.id, password: "Strong#Pass2026" }),
        ]) {
          try {
            await attempt();
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            expect(error.status).toBe(422);
          }
        }
      }),
      { numRuns: 60, seed: 20261122 },
    );
  });
});
