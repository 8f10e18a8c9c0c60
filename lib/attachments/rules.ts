// What evidence files (佐证材料) the portal accepts (SECURITY.md 14): an allow-list of extensions,
// each checked against the file's first bytes, a size cap, and names that cannot walk paths.
// Pure: the storage and the feature services call it before anything is written.

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** extension → MIME type and the magic bytes its content must start with */
const TYPES: Record<string, { mime: string; magic: number[] }> = {
  pdf: { mime: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  ofd: { mime: "application/ofd", magic: ZIP },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", magic: ZIP },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", magic: ZIP },
  pptx: { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", magic: ZIP },
  doc: { mime: "application/msword", magic: OLE },
  xls: { mime: "application/vnd.ms-excel", magic: OLE },
  wps: { mime: "application/vnd.ms-works", magic: OLE },
  jpg: { mime: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
  jpeg: { mime: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
  png: { mime: "image/png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  zip: { mime: "application/zip", magic: ZIP },
};

export const ALLOWED_EXTENSIONS = Object.keys(TYPES);

export type UploadCheck =
  | { ok: true; fileName: string; extension: string; mimeType: string }
  | { ok: false; reason: "empty" | "tooLarge" | "type" | "content" | "name" };

/**
 * The name as shown and sent back: the last path segment only (no `../`, no directories, no
 * drive letters), without control characters, at most 120 characters keeping the extension.
 */
export function safeFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  const clean = base
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "")
    .replace(/^\.+/, "")
    .trim();
  if (clean.length <= 120) return clean;
  const dot = clean.lastIndexOf(".");
  const extension = dot > 0 ? clean.slice(dot) : "";
  return clean.slice(0, 120 - extension.length) + extension;
}

export function checkUpload(rawName: string, bytes: Uint8Array): UploadCheck {
  const fileName = safeFileName(rawName);
  if (!fileName || !fileName.includes(".")) return { ok: false, reason: "name" };
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (bytes.length > MAX_ATTACHMENT_BYTES) return { ok: false, reason: "tooLarge" };
  const extension = fileName.slice(fileName.lastIndexOf(".") + 1).toLowerCase();
  const type = TYPES[extension];
  if (!type) return { ok: false, reason: "type" };
  if (!type.magic.every((byte, index) => bytes[index] === byte)) return { ok: false, reason: "content" };
  return { ok: true, fileName, extension, mimeType: type.mime };
}

/** Content-Disposition for a download: always an attachment, the original name encoded (RFC 6266/5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
