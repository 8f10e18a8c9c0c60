import { describe, expect, it } from "vitest";
import {
  checkHead,
  checkName,
  contentDisposition,
  FILE_RESPONSE_CSP,
  formatFileSize,
  isInlineType,
  MAGIC_HEAD_BYTES,
  maxBytesOf,
} from "@/lib/attachments/rules";
import { parseEnv } from "@/lib/server/env";

const ascii = (text: string) => new TextEncoder().encode(text);
const BASE_ENV = { DATABASE_URL: "postgresql://x", NEXTAUTH_SECRET: "s".repeat(32) };

describe("the magic-byte check on the first bytes of a stream", () => {
  it("accepts a PDF head as soon as the magic has arrived", () => {
    expect(checkHead("pdf", ascii("%PDF-1.4\n"))).toBe("ok");
    expect(checkHead("PDF", ascii("%PDF-"))).toBe("ok");
  });

  it("asks for more while the head is shorter than the magic, and refuses a short stream that ended", () => {
    expect(checkHead("png", new Uint8Array([0x89, 0x50, 0x4e]))).toBe("more");
    expect(checkHead("png", new Uint8Array([0x89, 0x50, 0x4e]), true)).toBe("content");
  });

  it("refuses at the first wrong byte, even before the magic is complete", () => {
    expect(checkHead("pdf", ascii("<h"))).toBe("content");
    expect(checkHead("pdf", ascii("<!DOCTYPE html><script>alert(1)</script>"))).toBe("content");
    expect(checkHead("jpg", ascii("%PDF-1.4"))).toBe("content");
  });

  it("knows JPEG by FF D8 FF and an extension it does not know as content it cannot accept", () => {
    expect(checkHead("jpeg", new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]))).toBe("ok");
    expect(checkHead("exe", ascii("MZ"))).toBe("content");
  });

  it("needs no more head bytes than the longest magic (PNG and OLE: 8)", () => {
    expect(MAGIC_HEAD_BYTES).toBe(8);
  });

  it("checks the name before any byte: allowed extension, path parts dropped", () => {
    expect(checkName("../../etc/现场照片.JPG")).toEqual({ ok: true, fileName: "现场照片.JPG", extension: "jpg", mimeType: "image/jpeg" });
    expect(checkName("x.html")).toEqual({ ok: false, reason: "type" });
    expect(checkName("README")).toEqual({ ok: false, reason: "name" });
  });
});

describe("the size cap as one setting", () => {
  it("ATTACHMENT_MAX_MB defaults to 20 and is read as whole MB", () => {
    expect(parseEnv(BASE_ENV).ATTACHMENT_MAX_MB).toBe(20);
    expect(parseEnv({ ...BASE_ENV, ATTACHMENT_MAX_MB: "50" }).ATTACHMENT_MAX_MB).toBe(50);
    expect(() => parseEnv({ ...BASE_ENV, ATTACHMENT_MAX_MB: "lots" })).toThrow(/ATTACHMENT_MAX_MB/);
    expect(() => parseEnv({ ...BASE_ENV, ATTACHMENT_MAX_MB: "0" })).toThrow(/ATTACHMENT_MAX_MB/);
  });

  it("a cap in MB is that many mebibytes", () => {
    expect(maxBytesOf(20)).toBe(20 * 1024 * 1024);
    expect(maxBytesOf(1)).toBe(1_048_576);
  });

  it("sizes read as B, KB or MB", () => {
    expect(formatFileSize(12)).toBe("12 B");
    expect(formatFileSize(340 * 1024)).toBe("340 KB");
    expect(formatFileSize(5 * 1024 * 1024)).toBe("5.0 MB");
  });
});

describe("how a file is answered", () => {
  it("inline only when asked and only for PDF and images", () => {
    expect(contentDisposition("方案.pdf", { inline: true, mimeType: "application/pdf" })).toMatch(/^inline; /);
    expect(contentDisposition("照片.jpg", { inline: true, mimeType: "image/jpeg" })).toMatch(/^inline; /);
    expect(
      contentDisposition("台账.xlsx", { inline: true, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
    ).toMatch(/^attachment; /);
    expect(contentDisposition("方案.pdf", { mimeType: "application/pdf" })).toMatch(/^attachment; /);
    expect(contentDisposition("方案.pdf")).toMatch(/^attachment; /);
  });

  it("keeps the original name encoded in either form", () => {
    expect(contentDisposition("会议 纪要.pdf", { inline: true, mimeType: "application/pdf" })).toBe(
      `inline; filename="__ __.pdf"; filename*=UTF-8''${encodeURIComponent("会议 纪要.pdf")}`,
    );
  });

  it("the inline types are exactly PDF, JPEG and PNG", () => {
    expect(["application/pdf", "image/jpeg", "image/png"].every(isInlineType)).toBe(true);
    expect(isInlineType("text/html")).toBe(false);
    expect(isInlineType("application/zip")).toBe(false);
  });

  it("the file response's policy lets nothing run or load from elsewhere", () => {
    expect(FILE_RESPONSE_CSP).toMatch(/^default-src 'none'/);
    expect(FILE_RESPONSE_CSP).not.toMatch(/script-src/);
    expect(FILE_RESPONSE_CSP).toContain("form-action 'none'");
  });
});
