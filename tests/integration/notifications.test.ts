// The notification centre: a user's own notifications, newest first and paged in the database,
// titles rendered in the reader's language; marking read touches only the actor's own rows.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listNotifications, renderTitle, unreadCount } from "@/lib/notifications/queries";
import { markAllNotificationsRead, markNotificationsRead } from "@/lib/notifications/read-service";
import { NotFoundError } from "@/lib/server/errors";
import { createCommittee, createUser } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";

async function setup() {
  const committee = await createCommittee();
  const me = await createUser(committee.id, { role: "UNIT_REPORTER" });
  const colleague = await createUser(committee.id, { role: "OFFICE" });
  const base = new Date("2026-11-02T02:00:00Z").getTime();
  // 25 of mine (one a minute, the newest last), 3 of a colleague's
  for (let i = 0; i < 25; i++)
    await db.notification.create({
      data: {
        userId: me.id,
        committeeId: committee.id,
        kind: "DEADLINE_SOON",
        title: "notifications.titles.deadlineSoon",
        params: { month: "2026-10", due: "2026-11-05", count: i + 1 },
        link: "/reports?period=2026-10",
        createdAt: new Date(base + i * 60_000),
      },
    });
  const foreign = [];
  for (let i = 0; i < 3; i++)
    foreign.push(
      await db.notification.create({
        data: {
          userId: colleague.id,
          committeeId: committee.id,
          kind: "REMINDER",
          title: "有3份进度报告待审核",
          createdAt: new Date(base),
        },
      }),
    );
  return { committee, me: await actorFor(me.id), colleague: await actorFor(colleague.id), foreign };
}

async function auditSince(mark: bigint) {
  return (await db.auditEvent.findMany({ where: { id: { gt: mark } }, orderBy: { id: "asc" } })).map((row) => [row.event, row.result]);
}
const auditMark = async () => (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);

describe("notification centre reads", () => {
  it("lists only the actor's notifications, newest first, 20 a page, with the unread count", async () => {
    const w = await setup();
    expect(await unreadCount(w.me)).toBe(25);
    const first = await listNotifications(w.me, 1, "zh-CN");
    expect(first).toMatchObject({ total: 25, unread: 25, page: 1, pageCount: 2 });
    expect(first.items).toHaveLength(20);
    expect(first.items[0]!.title).toBe("2026年10月进展报送将于 2026年11月5日 截止，尚有 25 项未报送");
    expect(first.items.map((item) => item.createdAt)).toEqual([...first.items.map((item) => item.createdAt)].sort().reverse());
    const second = await listNotifications(w.me, 2, "zh-CN");
    expect(second.items.map((item) => item.title.match(/尚有 (\d+) 项/)![1])).toEqual(["5", "4", "3", "2", "1"]);
    // a page past the end shows the last one
    expect((await listNotifications(w.me, 9, "zh-CN")).page).toBe(2);

    const english = await listNotifications(w.me, 1, "en", 1);
    expect(english.items[0]).toMatchObject({
      title: "Reporting for October 2026 closes on November 5, 2026; 25 still to file",
      link: "/reports?period=2026-10",
      read: false,
    });
    expect(Object.keys(english.items[0]!).sort()).toEqual(["body", "createdAt", "id", "kind", "link", "read", "title"]);

    // stored text (the demo seed writes Chinese titles) is shown as it is
    const colleague = await listNotifications(w.colleague, 1, "en");
    expect(colleague.items.map((item) => item.title)).toEqual(["有3份进度报告待审核", "有3份进度报告待审核", "有3份进度报告待审核"]);
  });

  it("renders title parameters in the reader's language: months, quarters, days, catalogue keys", () => {
    const params = { month: "2026-10", report: "compliance.reminderSubjects.UNIT_MONTHLY", due: "2026-11-05" };
    expect(renderTitle("notifications.titles.reminder", params, "zh-CN")).toBe(
      "改革办催报：2026年10月改革信息月报尚未报送（截止 2026年11月5日）",
    );
    expect(renderTitle("notifications.titles.reminder", params, "en")).toBe(
      "Reminder from the reform office: reform information report for October 2026 not yet filed (due November 5, 2026)",
    );
    const quarter = { quarter: "2026-Q3", due: "2026-10-10" };
    expect(renderTitle("notifications.titles.quarterlyDeadlineSoon", quarter, "zh-CN")).toBe("2026年第三季度报告将于 2026年10月10日 截止");
    expect(renderTitle("notifications.titles.quarterlyDeadlineSoon", quarter, "en")).toBe(
      "The Q3 2026 quarterly report is due on October 10, 2026",
    );
    // task titles and other free text pass through; an unknown key is not translated
    expect(renderTitle("notifications.titles.reportApproved", { task: "深化营商环境改革", month: "10月" }, "zh-CN")).toBe(
      "深化营商环境改革 的10月进展已审核通过",
    );
    expect(renderTitle("notifications.titles.nope", {}, "zh-CN")).toBe("notifications.titles.nope");
  });
});

describe("notification.markRead / markAllRead", () => {
  it("marks the actor's own notifications read, with one audit row", async () => {
    const w = await setup();
    const page = await listNotifications(w.me, 1, "zh-CN");
    const mark = await auditMark();
    const result = await markNotificationsRead(w.me, { ids: [page.items[0]!.id, page.items[1]!.id, page.items[1]!.id] });
    expect(result).toEqual({ count: 2 });
    expect(await auditSince(mark)).toEqual([["notification.markRead", "SUCCESS"]]);
    expect(await unreadCount(w.me)).toBe(23);
    const again = await listNotifications(w.me, 1, "zh-CN");
    expect(again.items.slice(0, 3).map((item) => item.read)).toEqual([true, true, false]);
    // marking a read one again changes nothing
    expect(await markNotificationsRead(w.me, { ids: [page.items[0]!.id] })).toEqual({ count: 0 });
  });

  it("answers 404 for a notification of somebody else, and changes nothing", async () => {
    const w = await setup();
    const mine = (await listNotifications(w.me, 1, "zh-CN")).items[0]!.id;
    const mark = await auditMark();
    await expect(markNotificationsRead(w.me, { ids: [mine, w.foreign[0]!.id] })).rejects.toBeInstanceOf(NotFoundError);
    await expect(markNotificationsRead(w.me, { ids: ["no-such-id"] })).rejects.toBeInstanceOf(NotFoundError);
    expect(await auditSince(mark)).toEqual([
      ["notification.markRead", "DENIED"],
      ["notification.markRead", "DENIED"],
    ]);
    expect(await unreadCount(w.me)).toBe(25);
    expect(await db.notification.count({ where: { readAt: { not: null } } })).toBe(0);
  });

  it("marks all of the actor's notifications read, nobody else's", async () => {
    const w = await setup();
    const mark = await auditMark();
    expect(await markAllNotificationsRead(w.me, {})).toEqual({ count: 25 });
    expect(await auditSince(mark)).toEqual([["notification.markAllRead", "SUCCESS"]]);
    expect(await unreadCount(w.me)).toBe(0);
    expect(await unreadCount(w.colleague)).toBe(3);
    await expect(markAllNotificationsRead(w.me, { userId: w.colleague.userId })).rejects.toMatchObject({
      fieldErrors: { _form: ["validation.unknownField"] },
    });
  });
});
