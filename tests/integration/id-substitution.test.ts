// Reads by id and lists never cross a committee (SECURITY.md 8): a record of another committee
// answers 404 exactly like one that does not exist, and lists hold only the actor's committee.
import { describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/queries";
import { parseAuditFilters } from "@/lib/audit/schemas";
import { getGroup, listUnits } from "@/lib/org/queries";
import { createUnit as createUnitService } from "@/lib/org/service";
import { getUser, listUsers } from "@/lib/users/queries";
import { NotFoundError } from "@/lib/server/errors";
import { createCommittee, createGroup, createUnit, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

async function twoCommittees() {
  const home = await createCommittee();
  const other = await createCommittee();
  const homeUnit = await createUnit(home.id, { name: "本县单位" });
  const otherUnit = await createUnit(other.id, { name: "外县单位" });
  const homeGroup = await createGroup(home.id);
  const otherGroup = await createGroup(other.id);
  const homeUser = await createUser(home.id, { role: "OFFICE", unitId: homeUnit.id, username: "home.office" });
  const otherUser = await createUser(other.id, { role: "OFFICE", unitId: otherUnit.id, username: "other.office" });
  return { home, other, homeUnit, otherUnit, homeGroup, otherGroup, homeUser, otherUser };
}

describe("id substitution on reads", () => {
  it("users: another committee's user is not found; the list holds only this committee", async () => {
    const world = await twoCommittees();
    const admin = await actorFor((await createUser(world.home.id, { role: "ADMIN", unitId: world.homeUnit.id })).id);
    await expect(getUser(admin, world.otherUser.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getUser(admin, "no-such-id")).rejects.toBeInstanceOf(NotFoundError);
    expect((await getUser(admin, world.homeUser.id)).username).toBe("home.office");
    const page = await listUsers(admin, { q: "office", page: 1, size: 100 });
    expect(page.rows.map((row) => row.username)).toEqual(["home.office"]);
  });

  it("units and special groups: another committee's are invisible", async () => {
    const world = await twoCommittees();
    const admin = await actorFor((await createUser(world.home.id, { role: "ADMIN", unitId: world.homeUnit.id })).id);
    await expect(getGroup(admin, world.otherGroup.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getGroup(admin, world.homeGroup.id)).id).toBe(world.homeGroup.id);
    const units = await listUnits(admin, { q: "", kind: null, active: null, page: 1, size: 100 });
    expect(units.rows.map((row) => row.name)).toContain("本县单位");
    expect(units.rows.map((row) => row.name)).not.toContain("外县单位");
  });

  it("audit: an auditor sees only the events of their own committee", async () => {
    const world = await twoCommittees();
    const otherAdmin = await actorFor((await createUser(world.other.id, { role: "ADMIN", unitId: world.otherUnit.id })).id);
    await createUnitService(otherAdmin, { name: "外县新单位", kind: "GOV_DEPT" });
    const homeAuditor = await actorFor((await createUser(world.home.id, { role: "AUDITOR" })).id);
    const otherAuditor = await actorFor((await createUser(world.other.id, { role: "AUDITOR" })).id);
    const filters = parseAuditFilters({});
    expect((await listAuditEvents(homeAuditor, filters)).rows.filter((row) => row.event === "unit.create")).toEqual([]);
    expect((await listAuditEvents(otherAuditor, filters)).rows.filter((row) => row.event === "unit.create")).toHaveLength(1);
  });

  it("content roles cannot read administration at all", async () => {
    const world = await twoCommittees();
    const office = await actorFor(world.homeUser.id);
    await expect(getUser(office, world.homeUser.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listAuditEvents(office, parseAuditFilters({}))).rejects.toBeInstanceOf(NotFoundError);
  });
});
