import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import type { Actor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/actor";
import { createTranslator, lookup, messagesFor, type MessageKey } from "@/lib/i18n/translate";
import { getLocale } from "@/lib/i18n/server";
import { now } from "@/lib/server/clock";
import { consume } from "@/lib/server/rate-limit";
import { env } from "@/lib/server/env";
import { AppError, ConflictError, ValidationError } from "@/lib/server/errors";
import { isSameOrigin } from "@/lib/server/request";
import { checkHead, checkName, MAGIC_HEAD_BYTES, maxBytesOf } from "./rules";
import { idOf, type EvidenceOwner } from "./owners";
import { ownerFor } from "./registry";
import { discardStaged, newStorageKey, removeStoredFile, stageStream, UploadRejectedError, type StagedFile } from "./storage";
import type { EvidenceFile, UploadAnswer } from "./types";

// Streamed evidence uploads (docs/decisions/0013): multipart/form-data parsed by busboy as it
// arrives, the one file part written to a staging file chunk by chunk with the cap and the magic
// bytes checked on the way, then moved under its storage key in the transaction that writes the
// row. Whatever fails — the cap, the type, the client going away, the database — removes the
// staged and stored file, so an interrupted upload leaves neither a row nor an orphan file.

/** Room for the boundaries, part headers and the small fields around the one file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The configured cap (ATTACHMENT_MAX_MB): the server check, the form's text and the API document. */
export function attachmentMaxMb(): number {
  return env().ATTACHMENT_MAX_MB;
}

const fileError = (key: string) => new ValidationError({ file: [key] });

interface Received {
  fields: Record<string, string>;
  fileName: string;
  mimeType: string;
  staged: StagedFile;
}

/**
 * Reads one multipart body: small text fields first (they name the record), then the field `file`.
 * `authorize` runs once the record is named and before any byte of the file is stored.
 */
export async function receiveUpload(
  headers: Headers,
  body: Readable,
  known: Record<string, string>,
  authorize: (fields: Record<string, string>) => Promise<void>,
): Promise<Received> {
  const maxBytes = maxBytesOf(attachmentMaxMb());
  const contentType = headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(contentType)) throw fileError("attachments.validation.multipart");
  const declared = Number(headers.get("content-length") ?? Number.NaN);
  // a body the cap cannot hold is refused before it is read
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD_BYTES) throw fileError("attachments.validation.tooLarge");

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // browsers send names as raw UTF-8 (busboy would read them as latin1)
      defParamCharset: "utf8",
      defCharset: "utf8",
      limits: { files: 1, fields: 8, fieldSize: 256, parts: 10, fileSize: maxBytes + 1 },
    });
  } catch {
    throw fileError("attachments.validation.multipart");
  }

  const fields: Record<string, string> = { ...known };
  let staging: Promise<{ ok: true; value: Received } | { ok: false; error: unknown }> | null = null;
  parser.on("field", (name, value) => {
    if (!(name in fields)) fields[name] = value;
  });
  parser.on("file", (name, file, info) => {
    if (name !== "file" || staging) {
      file.resume();
      return;
    }
    staging = (async () => {
      try {
        const checked = checkName(info.filename ?? "");
        if (!checked.ok) throw fileError(`validation.upload.${checked.reason}`);
        await authorize({ ...fields });
        // the iterator must not destroy busboy's stream when we stop early: it is drained below
        const staged = await stageStream(file.iterator({ destroyOnReturn: false }), {
          maxBytes,
          headBytes: MAGIC_HEAD_BYTES,
          head: (head, ended) => checkHead(checked.extension, head, ended),
        });
        return { ok: true as const, value: { fields: { ...fields }, fileName: checked.fileName, mimeType: checked.mimeType, staged } };
      } catch (error) {
        file.resume();
        return { ok: false as const, error };
      }
    })();
  });

  const parseError = await pipeline(body, parser).then(
    () => null,
    (error: unknown) => error,
  );
  const outcome = staging ? await (staging as Promise<{ ok: true; value: Received } | { ok: false; error: unknown }>) : null;
  if (parseError || !outcome) {
    if (outcome?.ok) await discardStaged(outcome.value.staged.stagedId);
    if (outcome && !outcome.ok && outcome.error instanceof AppError) throw outcome.error;
    throw fileError(parseError ? "attachments.validation.incomplete" : "attachments.validation.noFile");
  }
  if (!outcome.ok) {
    if (outcome.error instanceof UploadRejectedError) throw fileError(`attachments.validation.${outcome.error.reason}`);
    throw outcome.error;
  }
  return outcome.value;
}

/**
 * One evidence file from a multipart body: the field `for` names the kind of record (default a
 * monthly report), the owner's field its id (`reportId`, `taskId`, `noticeId`, …; fields in `known`
 * win, so a path can name the record), then `file`. Throws the typed errors of the services.
 */
export async function uploadEvidence(
  actor: Actor,
  headers: Headers,
  body: Readable,
  known: Record<string, string> = {},
): Promise<EvidenceFile> {
  let owner: EvidenceOwner | null = null;
  const received = await receiveUpload(headers, body, known, async (fields) => {
    owner = ownerFor(fields.for ?? "report");
    if (!owner) throw new ValidationError({ for: ["validation.invalid"] });
    if (!fields[owner.field]) throw new ValidationError({ [owner.field]: ["validation.required"] });
    await owner.check(actor, idOf(fields, owner));
  });
  const chosen = owner as EvidenceOwner | null;
  if (!chosen) throw fileError("attachments.validation.noFile");
  const storageKey = newStorageKey(now());
  try {
    const { file } = await chosen.attach(actor, {
      id: idOf(received.fields, chosen),
      fileName: received.fileName,
      mimeType: received.mimeType,
      stagedId: received.staged.stagedId,
      storageKey,
      size: received.staged.size,
      sha256: received.staged.sha256,
    });
    return file;
  } catch (error) {
    await discardStaged(received.staged.stagedId);
    await removeStoredFile(storageKey).catch(() => undefined);
    throw error;
  }
}

/** One evidence file for a monthly progress report (lead report or contribution). */
export function uploadReportEvidence(actor: Actor, headers: Headers, body: Readable, reportId?: string): Promise<EvidenceFile> {
  return uploadEvidence(actor, headers, body, reportId ? { for: "report", reportId } : { for: "report" });
}

/** A Web request body as a Node stream (an empty one when there is none). */
export function nodeBody(request: Request): Readable {
  return request.body ? Readable.fromWeb(request.body as import("node:stream/web").ReadableStream) : Readable.from([]);
}

/** Files per user per window through the portal (the API has its own per-caller limit). */
export const UPLOAD_RATE_LIMIT = { requests: 120, windowSeconds: 600 } as const;

function answer(body: UploadAnswer, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", ...headers } });
}

/**
 * POST /attachments from the portal's own pages: same-origin only (SECURITY.md 12, as server
 * actions), the session's actor, answers in the user's language with field messages; never a 500
 * for bad input.
 */
export async function handleUpload(request: Request): Promise<Response> {
  return handleUploadRequest(request, (actor, headers, body) => uploadEvidence(actor, headers, body));
}

/**
 * The frame of a portal upload route: Origin check, session actor, translated answers. `work`
 * receives the stream (for another kind of record: receiveUpload, then that record's service).
 */
export async function handleUploadRequest(
  request: Request,
  work: (actor: Actor, headers: Headers, body: Readable) => Promise<EvidenceFile>,
): Promise<Response> {
  const messages = messagesFor(await getLocale());
  const t = createTranslator(messages);
  const maxMb = attachmentMaxMb();
  const translate = (key: string) => (typeof lookup(messages, key) === "string" ? t(key as MessageKey, { max: maxMb }) : key);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!isSameOrigin({ origin: request.headers.get("origin"), host })) {
    return answer({ ok: false, status: 403, message: t("errors.badOrigin") }, 403);
  }
  const actor = await getActor();
  if (!actor) return answer({ ok: false, status: 401, message: t("errors.unauthorized") }, 401);
  // bursts of uploads get 429 (SECURITY.md 15), counted across app instances
  const limit = await consume(`upload:user:${actor.userId}`, UPLOAD_RATE_LIMIT.requests, UPLOAD_RATE_LIMIT.windowSeconds, now());
  if (!limit.allowed) {
    await request.body?.cancel().catch(() => undefined);
    return answer({ ok: false, status: 429, message: t("errors.rateLimited") }, 429, { "Retry-After": String(limit.retryAfterSeconds) });
  }
  const requestId = actor.context.requestId;
  try {
    const file = await work(actor, request.headers, nodeBody(request));
    return answer({ ok: true, file }, 201);
  } catch (error) {
    if (error instanceof ValidationError) {
      const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, keys]) => [field, keys.map(translate)]));
      return answer({ ok: false, status: 422, message: t("errors.invalid"), fieldErrors }, 422);
    }
    if (error instanceof ConflictError || error instanceof AppError) {
      return answer({ ok: false, status: error.status, message: t(error.messageKey) }, error.status);
    }
    console.error(`[${requestId}] unexpected error in attachment upload:`, error);
    return answer({ ok: false, status: 500, message: t("errors.unexpected", { requestId }) }, 500);
  }
}
