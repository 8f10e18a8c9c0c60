// The API's language choice and error bodies, and a schema rule the API's fuzzing found: a task
// whose date is malformed gets a field message, not an exception from the cross-field check.
import { describe, expect, it } from "vitest";
import { ApiError, errorBody, errorBodySchema, localeOf } from "@/lib/api/errors";
import { createTaskSchema } from "@/lib/tasks/schemas";

describe("localeOf", () => {
  it.each([
    [null, "zh-CN"],
    ["", "zh-CN"],
    ["en", "en"],
    ["en-US,en;q=0.9", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["en;q=0.5,zh;q=0.9", "zh-CN"],
    ["fr-FR,en;q=0.7", "en"],
    ["fr-FR", "zh-CN"],
    ["*", "zh-CN"],
    ["en;q=0,zh-TW", "zh-CN"],
    [";;;,q=abc", "zh-CN"],
  ])("%s → %s", (header, locale) => {
    expect(localeOf(header)).toBe(locale);
  });
});

describe("errorBody", () => {
  it("translates the message and every field's messages, joined, in the caller's language", () => {
    const error = new ApiError(422, "VALIDATION_FAILED", "errors.invalid", {
      title: ["validation.required"],
      "milestones.0.plannedPercent": ["validation.tooBig", "validation.invalid"],
      other: ["a text that is not a key"],
    });
    const zh = errorBody(error, "zh-CN");
    expect(errorBodySchema.parse(zh)).toEqual(zh);
    expect(zh.error).toEqual({
      code: "VALIDATION_FAILED",
      message: "填写内容有误，请按提示修改",
      fields: { title: "此项为必填项", "milestones.0.plannedPercent": "数值或长度过大；格式不正确", other: "a text that is not a key" },
    });
    expect(errorBody(error, "en").error.fields?.title).toBe("This field is required");
  });

  it("leaves fields out when there are none", () => {
    expect(errorBody(new ApiError(404, "NOT_FOUND", "errors.notFound"), "zh-CN")).toEqual({
      error: { code: "NOT_FOUND", message: "记录不存在或无权访问" },
    });
  });
});

describe("createTaskSchema with malformed days", () => {
  const base = {
    planId: "p",
    groupId: "g",
    title: "任务",
    goal: "目标",
    leadUnitId: "u",
    source: "SELF",
    startDate: "2026-01-01",
    dueDate: "2026-12-31",
    milestones: [{ title: "节点", plannedDate: "2026-06-30", plannedPercent: 50 }],
  };

  it.each([
    [{ dueDate: "2026-02-30" }, "dueDate"],
    [{ startDate: 20260101 }, "startDate"],
    [{ milestones: [{ title: "节点", plannedDate: "june", plannedPercent: 50 }] }, "milestones.0.plannedDate"],
    [{ milestones: "none" }, "milestones"],
    [{ cooperatingUnitIds: "u2" }, "cooperatingUnitIds"],
  ])("%j is a field error on %s", (change, field) => {
    const parsed = createTaskSchema.safeParse({ ...base, ...change });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toContain(field);
  });
});
