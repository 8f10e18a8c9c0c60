// What evidence files (佐证材料) the portal accepts (SECURITY.md 14): an allow-list of extensions,
// each checked against the file's first bytes, a size cap, and names that cannot walk paths.
// Pure: the storage and the feature services call it before anything is written.

/** the default cap; the configured one is ATTACHMENT_MAX_MB (lib/server/env.ts) */
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
export const ALLOWED_MIME_TYPES = [...new Set(Object.values(TYPES).map((type) => type.mime))];

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

/** How many leading bytes decide the type: the longest magic number. */
export const MAGIC_HEAD_BYTES = Math.max(...Object.values(TYPES).map((type) => type.magic.length));

export type NameCheck = { ok: true; fileName: string; extension: string; mimeType: string } | { ok: false; reason: "name" | "type" };

/** The name alone: a safe name with an allowed extension (before any byte is read). */
export function checkName(rawName: string): NameCheck {
  const fileName = safeFileName(rawName);
  if (!fileName || !fileName.includes(".")) return { ok: false, reason: "name" };
  const extension = fileName.slice(fileName.lastIndexOf(".") + 1).toLowerCase();
  const type = TYPES[extension];
  if (!type) return { ok: false, reason: "type" };
  return { ok: true, fileName, extension, mimeType: type.mime };
}

/**
 * Whether the first bytes of a stream fit the extension. `head` is what has arrived so far; with
 * fewer than the magic's length, the answer is "more" until the stream ends (then `ended` decides).
 */
export function checkHead(extension: string, head: Uint8Array, ended = false): "ok" | "content" | "more" {
  const type = TYPES[extension.toLowerCase()];
  if (!type) return "content";
  const known = Math.min(head.length, type.magic.length);
  for (let index = 0; index < known; index += 1) if (head[index] !== type.magic[index]) return "content";
  if (known < type.magic.length) return ended ? "content" : "more";
  return "ok";
}

/** The cap in bytes for a cap in MB (the ATTACHMENT_MAX_MB setting). */
export const maxBytesOf = (maxMb: number) => Math.floor(maxMb * 1024 * 1024);

/** A file size as the lists show it: 5.0 MB, 340 KB, 12 B. */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

export function checkUpload(rawName: string, bytes: Uint8Array, maxBytes = MAX_ATTACHMENT_BYTES): UploadCheck {
  const name = checkName(rawName);
  if (!name.ok && name.reason === "name") return name;
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (bytes.length > maxBytes) return { ok: false, reason: "tooLarge" };
  if (!name.ok) return name;
  if (checkHead(name.extension, bytes, true) !== "ok") return { ok: false, reason: "content" };
  return name;
}

/** The types a browser may show in place (PDF and images); every other type is always downloaded. */
export const INLINE_TYPES: readonly string[] = ["application/pdf", "image/jpeg", "image/png"];
export const isInlineType = (mimeType: string) => INLINE_TYPES.includes(mimeType);
export const isImageType = (mimeType: string) => mimeType.startsWith("image/") && isInlineType(mimeType);

/**
 * The policy of a file response: nothing in it may run or load anything (a crafted PDF or image
 * cannot script), and no other site may frame it.
 */
export const FILE_RESPONSE_CSP =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

/** The `accept` of a file input: the allowed extensions. */
export const ACCEPT_ATTRIBUTE = Object.keys(TYPES)
  .map((extension) => `.${extension}`)
  .join(",");

/**
 * Content-Disposition for a file response, the original name encoded (RFC 6266/5987): inline only
 * when asked and the type is one a browser shows safely (PDF, images); otherwise an attachment.
 */
export function contentDisposition(fileName: string, options: { inline?: boolean; mimeType?: string } = {}): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const kind = options.inline && options.mimeType && isInlineType(options.mimeType) ? "inline" : "attachment";
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
