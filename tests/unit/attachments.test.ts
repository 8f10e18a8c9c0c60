import { describe, expect, it } from "vitest";
import { checkUpload, contentDisposition, MAX_ATTACHMENT_BYTES, safeFileName } from "@/lib/attachments/rules";

const bytes = (...values: number[]) => new Uint8Array([...values, 0, 0, 0, 0]);
const PDF = bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const HTML = new TextEncoder().encode("<html><script>alert(1)</script></html>");

describe("evidence uploads", () => {
  it("accepts allowed types whose content matches the extension", () => {
    expect(checkUpload("会议纪要.pdf", PDF)).toEqual({ ok: true, fileName: "会议纪要.pdf", extension: "pdf", mimeType: "application/pdf" });
    expect(checkUpload("现场照片.PNG", PNG)).toMatchObject({ ok: true, extension: "png" });
  });

  it("rejects an .html renamed .pdf, and types not on the list", () => {
    expect(checkUpload("report.pdf", HTML)).toEqual({ ok: false, reason: "content" });
    expect(checkUpload("page.html", HTML)).toEqual({ ok: false, reason: "type" });
    expect(checkUpload("run.exe", PDF)).toEqual({ ok: false, reason: "type" });
  });

  it("rejects empty and oversized files and names without an extension", () => {
    expect(checkUpload("a.pdf", new Uint8Array())).toEqual({ ok: false, reason: "empty" });
    expect(checkUpload("a.pdf", new Uint8Array(MAX_ATTACHMENT_BYTES + 1))).toEqual({ ok: false, reason: "tooLarge" });
    expect(checkUpload("README", PDF)).toEqual({ ok: false, reason: "name" });
  });

  it("ignores directories and ../ in the name", () => {
    expect(safeFileName("../../etc/passwd.pdf")).toBe("passwd.pdf");
    expect(safeFileName("C:\\Users\\张三\\材料.docx")).toBe("材料.docx");
    expect(safeFileName("..\\..\\x.pdf")).toBe("x.pdf");
    expect(safeFileName("a\u0000b\u001f.pdf")).toBe("ab.pdf");
    expect(safeFileName(`${"长".repeat(200)}.pdf`)).toHaveLength(120);
    expect(safeFileName(`${"长".repeat(200)}.pdf`).endsWith(".pdf")).toBe(true);
  });

  it("sends downloads as attachments with the original name encoded", () => {
    expect(contentDisposition("会议纪要 (定稿).pdf")).toBe(
      `attachment; filename="____ (__).pdf"; filename*=UTF-8''${encodeURIComponent("会议纪要 (定稿).pdf")}`,
    );
    expect(contentDisposition('a"b.pdf')).toContain('filename="a_b.pdf"');
  });
});
