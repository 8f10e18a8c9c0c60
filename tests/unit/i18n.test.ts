import { describe, expect, it } from "vitest";
import { formatDate, formatMonth, formatNumber, formatPercent } from "@/lib/i18n/format";
import { en } from "@/lib/i18n/messages/en";
import { zhCN } from "@/lib/i18n/messages/zh-CN";
import { createTranslator } from "@/lib/i18n/translate";

function leaves(node: unknown, prefix = ""): string[] {
  if (typeof node === "string") return [prefix];
  if (Array.isArray(node)) return [`${prefix}[${node.length}]`];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

describe("message catalogues", () => {
  it("English has exactly the keys (and list lengths) of Chinese", () => {
    expect(leaves(en)).toEqual(leaves(zhCN));
  });

  it("no message is empty", () => {
    for (const catalogue of [zhCN, en]) {
      const t = createTranslator(catalogue);
      for (const key of leaves(catalogue).filter((leaf) => !leaf.includes("["))) expect(t(key as never).trim(), key).not.toBe("");
    }
  });
});

describe("translator", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    const t = createTranslator(zhCN);
    expect(t("login.required", { field: "用户名" })).toBe("请输入用户名");
    expect(t("home.greeting", {})).toBe("{name}，您好");
    expect(createTranslator(en)("login.invalid")).toBe("Wrong username or password");
  });

  it("returns the key itself for a missing message rather than throwing", () => {
    expect(createTranslator(zhCN)("nope.missing" as never)).toBe("nope.missing");
  });
});

describe("formatters", () => {
  const day = new Date("2026-11-22T03:00:00Z");

  it("formats dates and months the Chinese way", () => {
    expect(formatDate(day, "zh-CN")).toBe("2026年11月22日");
    expect(formatMonth(day, "zh-CN")).toBe("2026年11月");
    expect(formatMonth(day, "en")).toBe("November 2026");
  });

  it("uses Beijing time for the calendar day", () => {
    expect(formatDate(new Date("2026-11-21T17:30:00Z"), "zh-CN")).toBe("2026年11月22日");
  });

  it("formats numbers and percents on the 0–100 scale", () => {
    expect(formatNumber(30000, "zh-CN")).toBe("30,000");
    expect(formatPercent(62.5, "zh-CN", 1)).toBe("62.5%");
    expect(formatPercent(100, "en")).toBe("100%");
  });
});
