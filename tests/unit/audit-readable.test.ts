// The pure formatters behind the task history, report threads and audit log (lib/audit/readable.ts).
import { describe, expect, it } from "vitest";
import {
  changeLine,
  ENUM_LABELS,
  enumLabel,
  fieldLabel,
  readableAuditRow,
  readableChangeRecord,
  readableChanges,
  readableDetail,
  readableThreadEvent,
  readerFor,
  type EnumName,
  type NameBook,
} from "@/lib/audit/readable";
import * as Enums from "@/lib/db/generated/enums";
import type { Locale } from "@/lib/i18n/config";
import { lookup, messagesFor } from "@/lib/i18n/translate";

const NAMES: NameBook = {
  cqhunit001: { type: "Unit", a: "县委办公室", b: null, c: null, d: null, n: null },
  cqhuserleader01: { type: "User", a: "钱思远", b: null, c: null, d: null, n: null },
  cqhtask2026001: { type: "ReformTask", a: "2026-经济-001", b: "深化国企改革", c: null, d: null, n: null },
  cqhgroup01: { type: "SpecialGroup", a: "农村综合改革专项小组", b: null, c: null, d: null, n: null },
  ckz8b3x0a0000l708abcd1234: { type: "ProgressReport", a: "2026-经济-001", b: "深化国企改革", c: "2026-10-01", d: "县发改局", n: null },
};
const zh = readerFor("zh-CN", messagesFor("zh-CN"), NAMES);
const en = readerFor("en", messagesFor("en"), NAMES);
const lines = (reader: typeof zh, changes: { field: string; from: unknown; to: unknown }[], entity = "ReformTask") =>
  readableChanges(reader, changes, entity).map((change) => changeLine(reader, change));

describe("enum labels", () => {
  it("names every value of every Prisma enum in both languages, from the enum's own catalogue entry", () => {
    const enums = Object.entries(Enums) as [EnumName, Record<string, string>][];
    expect(enums.map(([name]) => name).sort()).toEqual(Object.keys(ENUM_LABELS).sort());
    for (const locale of ["zh-CN", "en"] as Locale[]) {
      const messages = messagesFor(locale);
      for (const [name, values] of enums) {
        for (const value of Object.values(values)) {
          const label = lookup(messages, `${ENUM_LABELS[name]}.${value}`);
          expect(typeof label === "string" && label.trim() !== "" && label !== value, `${locale} ${name}.${value}`).toBe(true);
          expect(enumLabel(messages, value, [name])).toBe(label);
        }
      }
    }
  });

  it("prefers the record's own enum for an ambiguous code", () => {
    expect(lines(zh, [{ field: "status", from: "SUBMITTED", to: "APPROVED" }], "ProgressReport")).toEqual(["状态：已报送 → 已审核"]);
    expect(lines(zh, [{ field: "status", from: "ACTIVE", to: "DONE" }], "CloseOutRequest")).toEqual(["任务状态：推进中 → 已销号"]);
    expect(lines(zh, [{ field: "status", from: "ISSUED", to: "RETURNED" }], "SupervisionNotice")).toEqual(["状态：待反馈 → 反馈被退回"]);
  });
});

describe("task changes", () => {
  it("labels fields as the task form does and puts values in words", () => {
    expect(
      lines(zh, [
        { field: "source", from: "SELF", to: "PILOT" },
        { field: "pilotLevel", from: null, to: "CITY" },
        { field: "isKey", from: false, to: true },
        { field: "dueDate", from: "2026-11-30", to: "2026-12-31" },
        { field: "status", from: "ACTIVE", to: "PENDING_CLOSE" },
        { field: "actualPercent", from: 68, to: 100 },
        { field: "leaderId", from: null, to: "cqhuserleader01" },
        { field: "leadUnitId", from: "cqhunit001", to: "ckz8b3x0a0000l708zzzz9999" },
      ]),
    ).toEqual([
      "任务来源：自主谋划 → 改革试点",
      "试点层级：市级",
      "重点任务：否 → 是",
      "完成时限：2026年11月30日 → 2026年12月31日",
      "任务状态：推进中 → 待销号",
      "实际进度：68% → 100%",
      "挂钩县领导：钱思远",
      "牵头单位：县委办公室 → （无法显示名称）",
    ]);
    expect(lines(en, [{ field: "status", from: "ACTIVE", to: "PENDING_CLOSE" }])).toEqual(["Status: In progress → Close-out pending"]);
  });

  it("describes milestone edits in words: added, removed, re-planned, completed", () => {
    const before = "调研 2026-03-31 20% ✓2026-03-30；方案 2026-06-30 60%；验收 2026-11-30 100%";
    const after = "调研 2026-03-31 20% ✓2026-03-30；方案 2026-07-15 50%；总结 2026-12-20 100%";
    expect(readableChanges(zh, [{ field: "milestones", from: before, to: after }], "ReformTask")).toEqual([
      {
        field: "milestones",
        label: "序时进度",
        from: null,
        to: null,
        notes: [
          "节点「方案」：计划完成日期 2026年6月30日 → 2026年7月15日，计划累计进度 60% → 50%",
          "新增节点「总结」：2026年12月20日，计划累计 100%",
          "删除节点「验收」",
        ],
      },
    ]);
    expect(lines(zh, [{ field: "milestone「调研」completedOn", from: null, to: "2026-03-30" }])).toEqual([
      "序时进度：节点「调研」标记为已完成（2026年3月30日）",
    ]);
    expect(lines(en, [{ field: "milestone「调研」completedOn", from: "2026-03-30", to: null }])).toEqual([
      "Milestones: Milestone “调研” marked not complete",
    ]);
  });

  it("shows a creation record as 新建 and drops fields that were empty before and after", () => {
    const record = readableChangeRecord(
      zh,
      {
        actorName: "陈晓雯",
        reason: "created",
        changes: [
          { field: "title", from: null, to: "深化国企改革" },
          { field: "outcome", from: null, to: null },
        ],
      },
      "ReformTask",
    );
    expect(record.reason).toBe("新建");
    expect(record.changes.map((change) => changeLine(zh, change))).toEqual(["任务名称：深化国企改革"]);
  });
});

describe("audit rows", () => {
  it("names the event, the target by its record and the result; never the id", () => {
    const row = readableAuditRow(zh, {
      event: "report.approve",
      targetType: "ProgressReport",
      targetId: "ckz8b3x0a0000l708abcd1234",
      result: "SUCCESS",
      changes: [{ field: "status", from: "SUBMITTED", to: "APPROVED" }],
      detail: "task 2026-经济-001, 2026-10: 同意",
    });
    expect(row).toMatchObject({
      event: "审核通过",
      eventCode: "report.approve",
      targetType: "进度报送",
      target: "2026-经济-001 深化国企改革 · 2026年10月 · 县发改局",
      result: "成功",
      detail: "任务 2026-经济-001，2026年10月：同意",
    });
    expect(row.changes.map((change) => changeLine(zh, change))).toEqual(["状态：已报送 → 已审核"]);
  });

  it("keys a batch by its records' names", () => {
    expect(lines(zh, [{ field: "ckz8b3x0a0000l708abcd1234", from: "DRAFT", to: "SUBMITTED" }], "ProgressReport")).toEqual([
      "2026-经济-001 深化国企改革 · 2026年10月 · 县发改局：草稿 → 已报送",
    ]);
  });
});

describe("audit details", () => {
  const detail = (text: string, reader = zh) => readableDetail(reader, text);

  it("translates the phrases services write", () => {
    expect(detail("403 ForbiddenError")).toBe("无权执行此操作");
    expect(detail("404 NotFoundError")).toBe("对象不存在或不在本人权限范围内");
    expect(detail("404 NotFoundError", en)).toBe("Not found or outside the user's scope");
    expect(detail("429 rate limited")).toBe("操作过于频繁，已限制");
    expect(detail("wrong password")).toBe("密码错误");
    expect(detail("5 failures; locked 15 min")).toBe("连续 5 次登录失败，锁定 15 分钟");
    expect(detail("locked until 2026-11-22T02:15:00.000Z")).toBe("账号锁定中，至 2026/11/22 10:15 解锁");
    expect(detail("task 2026-经济-001, 2 attachment(s)")).toBe("任务 2026-经济-001，佐证材料 2 个");
    expect(detail("task 2026-经济-001: 材料不全")).toBe("任务 2026-经济-001：材料不全");
    expect(detail("contribution to task 2026-经济-001, 2026-10")).toBe("配合单位进展：任务 2026-经济-001，2026年10月");
    expect(detail("submitted 2: 2026-经济-001 2026-10, 2026-经济-002 2026-10")).toBe(
      "报送 2 项：2026-经济-001 2026年10月、2026-经济-002 2026年10月",
    );
    expect(detail("grant cqhgrant0001")).toBeNull();
    expect(detail("验收报告.pdf (26015 bytes, sha256 c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00)")).toBe(
      "验收报告.pdf（26,015 字节）",
    );
    expect(detail("2026 #2 asOf 2026-06-30 units 49")).toBe("2026年度第2次计分，截至 2026年6月30日，49 个单位");
  });

  it("says which answer or quarterly report an evidence file went to, in either language", () => {
    const hash = "c0ffee00".repeat(8);
    expect(detail(`整改方案.pdf (5242880 bytes, sha256 ${hash}) for the answer to notice 青湖督〔2026〕7号`)).toBe(
      "整改方案.pdf（5,242,880 字节），用于督办单 青湖督〔2026〕7号 的反馈",
    );
    expect(detail(`整改方案.pdf (5242880 bytes, sha256 ${hash}) for the answer to notice 青湖督〔2026〕7号`, en)).toBe(
      "整改方案.pdf (5,242,880 bytes), for the answer to notice 青湖督〔2026〕7号",
    );
    expect(detail("作废.pdf removed from the answer to notice 青湖督〔2026〕7号")).toBe("从督办单 青湖督〔2026〕7号 的反馈中移除 作废.pdf");
    expect(detail("notice 青湖督〔2026〕7号, 2 attachment(s)")).toBe("督办单 青湖督〔2026〕7号，佐证材料 2 个");
    expect(detail(`纪要.pdf (1024 bytes, sha256 ${hash}) on quarterly report 2026-Q3 G:cqhgroup01, round 2`)).toBe(
      "纪要.pdf（1,024 字节），2026年第3季度 农村综合改革专项小组季报，第 2 次报送",
    );
    expect(detail(`纪要.pdf (1024 bytes, sha256 ${hash}) on quarterly report 2026-Q3 T:cqhtask2026001, round 1`, en)).toBe(
      "纪要.pdf (1,024 bytes), quarterly report Q3 2026 2026-经济-001 深化国企改革, submission 1",
    );
    expect(detail("初稿.pdf removed from quarterly report 2026-Q3 G:cqhgroup01")).toBe(
      "从 2026年第3季度 农村综合改革专项小组季报中移除 初稿.pdf",
    );
  });

  it("turns JSON into labelled pairs and leaves no brace", () => {
    expect(detail('{"filters":{"result":"DENIED","from":"2026-11-01"},"rows":0,"truncated":false}')).toBe(
      "筛选条件：结果：拒绝；开始日期：2026年11月1日；行数：0；已截断：否",
    );
    expect(detail('{"view":"overdue","year":2026,"rows":12}', en)).toBe("View: overdue; Year: 2026; Rows: 12");
  });

  it("names ids and codes inside free text, and leaves the user's own words as typed", () => {
    expect(detail("cqhtask2026001 moved to PENDING_CLOSE")).toBe("2026-经济-001 深化国企改革 moved to 待销号");
    expect(detail("请补充量化指标")).toBe("请补充量化指标");
  });
});

describe("report threads", () => {
  it("names the step in the reports' words and the actor by name, the system when nobody", () => {
    expect(readableThreadEvent(zh, { action: "RESUBMIT", actorName: "赵明轩", comment: null })).toEqual({
      action: "修改后重新报送",
      actor: "赵明轩",
      comment: null,
    });
    expect(readableThreadEvent(en, { action: "ESCALATE", actorName: null, comment: "逾期" }).actor).not.toMatch(/ESCALATE/);
    expect(readableThreadEvent(zh, { action: "ESCALATE", actorName: null, comment: null })).toEqual({
      action: "升级督办",
      actor: "系统",
      comment: null,
    });
  });

  it("labels fields of other records from the shared list", () => {
    expect(fieldLabel(messagesFor("zh-CN"), "unitId", "User")).toBe("单位");
    expect(fieldLabel(messagesFor("zh-CN"), "yellowLagPoints", "CommitteeSettings")).toBe("黄灯阈值（落后序时进度百分点）");
    expect(fieldLabel(messagesFor("zh-CN"), "COMPLETION.weight", "AssessmentScheme")).toBe("牵头任务完成情况 · 满分");
  });
});
