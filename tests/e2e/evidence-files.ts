// Evidence files as units really send them, for browser journeys: a valid scanned-size PDF (a page
// Chromium can render, padded to size) and a phone-size JPEG photo drawn by the browser itself.
import type { Page } from "@playwright/test";

export const MB = 1024 * 1024;

/** A valid one-page PDF of about `bytes` (a padded comment before the objects; the xref offsets account for it). */
export function pdfOf(bytes: number, text = "Evidence"): Buffer {
  const header = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const padLine = `%${"0".repeat(1022)}\n`;
  const padding = padLine.repeat(Math.max(0, Math.floor((bytes - 1200) / padLine.length)));
  const content = `BT /F1 24 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = header + padding;
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** A real 1600×1200 JPEG photo drawn by the browser, padded after its end marker to about `bytes` (decoders stop at EOI). */
export async function jpegOf(page: Page, bytes: number, caption = "现场照片"): Promise<Buffer> {
  const dataUrl = await page.evaluate((text) => {
    const canvas = document.createElement("canvas");
    canvas.width = 1600;
    canvas.height = 1200;
    const context = canvas.getContext("2d")!;
    const gradient = context.createLinearGradient(0, 0, 1600, 1200);
    gradient.addColorStop(0, "#047857");
    gradient.addColorStop(1, "#fbbf24");
    context.fillStyle = gradient;
    context.fillRect(0, 0, 1600, 1200);
    context.fillStyle = "#ffffff";
    context.font = "120px sans-serif";
    context.fillText(text, 360, 650);
    return canvas.toDataURL("image/jpeg", 0.92);
  }, caption);
  const image = Buffer.from(dataUrl.split(",")[1]!, "base64");
  return Buffer.concat([image, Buffer.alloc(Math.max(0, bytes - image.length), 0)]);
}
