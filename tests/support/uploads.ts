// Real-looking evidence files and the multipart bodies a browser sends, for tests of the streamed
// upload (lib/attachments/upload.ts): generated at real sizes with real magic bytes.
import crypto from "node:crypto";
import { Readable } from "node:stream";
import type { Actor } from "@/lib/auth/actor";
import { uploadEvidence } from "@/lib/attachments/upload";

export const MB = 1024 * 1024;

/** A PDF of `size` bytes: header, minimal objects, padding in a comment, trailer. */
export function pdfOf(size: number): Buffer {
  const head = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n%";
  const tail = "\ntrailer<</Root 1 0 R>>\n%%EOF\n";
  return Buffer.concat([Buffer.from(head), Buffer.alloc(Math.max(0, size - head.length - tail.length), 0x20), Buffer.from(tail)]);
}

/** A JPEG of `size` bytes: SOI + JFIF APP0, padding, EOI. */
export function jpegOf(size: number): Buffer {
  const head = Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  ]);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - 2), 0x00), Buffer.from([0xff, 0xd9])]);
}

/** A multipart/form-data body: the fields, then the file part. */
export function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer; type?: string }) {
  const boundary = `----evidence${crypto.randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  const body = Buffer.concat(parts);
  return { body, headers: new Headers({ "content-type": `multipart/form-data; boundary=${boundary}` }) };
}

/** The body as a network would deliver it: in 64 KB chunks. */
export function chunked(body: Buffer): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += 64 * 1024) chunks.push(body.subarray(offset, offset + 64 * 1024));
  return Readable.from(chunks);
}

/** One file streamed to POST /attachments as the portal's uploader sends it: `for`, the record's field, the file. */
export function uploadFor(actor: Actor, fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const { body, headers } = multipart(fields, file);
  return uploadEvidence(actor, headers, chunked(body));
}

/** A close-out evidence file, chosen before the application is made. */
export const uploadCloseOutFile = (actor: Actor, taskId: string, name: string, bytes: Buffer) =>
  uploadFor(actor, { for: "closeout", taskId }, { name, bytes });
