import "server-only";
import crypto from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { once } from "node:events";
import { AwsClient } from "aws4fetch";
import { env, type Env } from "@/lib/server/env";

// Files are kept under server-generated names, never in the web root; the database keeps the
// original name, size and SHA-256. A local directory for a county; an S3-compatible bucket (AWS S3,
// MinIO, OSS or COS in S3 mode) for a province or a cluster of app servers (DESIGN §5 "Scale path").
// The driver is chosen by STORAGE_DRIVER in lib/server/env.ts.

export interface AttachmentStore {
  /** Writes a new object; keys are never reused. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The stored bytes, or StoredFileNotFoundError. */
  get(key: string): Promise<Buffer>;
  /** Deletes the object; deleting a missing one is not an error. */
  remove(key: string): Promise<void>;
  /** Takes a staged file (see stageStream) under a new key; the staged file is gone afterwards. */
  adopt(key: string, stagedPath: string, contentType: string): Promise<void>;
}

/**
 * The row names a file the store does not have. Not an AppError: that is data loss or a
 * misconfiguration, to be logged and shown generically, not a 404 for the user.
 */
export class StoredFileNotFoundError extends Error {
  constructor(readonly storageKey: string) {
    super(`stored file not found: ${storageKey}`);
    this.name = "StoredFileNotFoundError";
  }
}

const STORAGE_KEY = /^\d{4}\/\d{2}\/[0-9a-f-]{36}$/;

/** Only keys made by storeFile reach a store, so a stored name can never walk out of its directory or bucket. */
function checkKey(key: string): string {
  if (!STORAGE_KEY.test(key)) throw new Error("not a storage key");
  return key;
}

export function localStore(directory: string): AttachmentStore {
  const root = path.resolve(directory);
  const fileOf = (key: string) => path.join(root, checkKey(key));
  return {
    async put(key, bytes) {
      const file = fileOf(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, bytes, { flag: "wx", mode: 0o600 });
    },
    async get(key) {
      try {
        return await fs.readFile(fileOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new StoredFileNotFoundError(key);
        throw error;
      }
    },
    async remove(key) {
      await fs.rm(fileOf(key), { force: true });
    },
    async adopt(key, stagedPath) {
      const file = fileOf(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      try {
        await fs.rename(stagedPath, file);
      } catch (error) {
        // a staging directory on another file system: copy, then drop the staged file
        if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
        await fs.copyFile(stagedPath, file, fs.constants.COPYFILE_EXCL);
        await fs.rm(stagedPath, { force: true });
      }
    },
  };
}

export interface S3Config {
  /** e.g. https://s3.eu-west-1.amazonaws.com, http://minio:9000, https://oss-cn-hangzhou.aliyuncs.com */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** endpoint/bucket/key (MinIO, most private deployments) rather than bucket.endpoint/key */
  forcePathStyle: boolean;
}

const EMPTY_BODY_SHA256 = crypto.createHash("sha256").digest("hex");
const S3_TIMEOUT_MS = 60_000;

/** Signs with SigV4 over fetch (aws4fetch); the payload hash is signed, not UNSIGNED-PAYLOAD. */
export function s3Store(config: S3Config): AttachmentStore {
  const client = new AwsClient({
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    service: "s3",
    region: config.region,
    retries: 3,
  });
  const endpoint = new URL(config.endpoint);
  const basePath = endpoint.pathname.replace(/\/+$/, "");

  function urlOf(key: string): string {
    const url = new URL(endpoint);
    const objectPath = checkKey(key).split("/").map(encodeURIComponent).join("/");
    if (config.forcePathStyle) {
      url.pathname = `${basePath}/${encodeURIComponent(config.bucket)}/${objectPath}`;
    } else {
      url.hostname = `${config.bucket}.${endpoint.hostname}`;
      url.pathname = `${basePath}/${objectPath}`;
    }
    return url.toString();
  }

  async function request(method: "PUT" | "GET" | "DELETE", key: string, body?: Uint8Array, contentType?: string) {
    const headers: Record<string, string> = {
      "x-amz-content-sha256": body ? crypto.createHash("sha256").update(body).digest("hex") : EMPTY_BODY_SHA256,
    };
    if (contentType) headers["content-type"] = contentType;
    return client.fetch(urlOf(key), {
      method,
      headers,
      body: body ? new Uint8Array(body) : undefined,
      signal: AbortSignal.timeout(S3_TIMEOUT_MS),
    });
  }

  /** The S3 error code only: error bodies may echo the string to sign or the access key id. */
  async function errorCode(response: Response): Promise<string> {
    return /<Code>([A-Za-z]+)<\/Code>/.exec(await response.text().catch(() => ""))?.[1] ?? "unknown";
  }

  const failure = (method: string, key: string, status: number, code: string) => new Error(`S3 ${method} ${key} failed: ${status} ${code}`);

  return {
    async put(key, bytes, contentType) {
      const response = await request("PUT", key, bytes, contentType);
      if (!response.ok) throw failure("PUT", key, response.status, await errorCode(response));
      await response.body?.cancel();
    },
    async get(key) {
      const response = await request("GET", key);
      if (response.ok) return Buffer.from(await response.arrayBuffer());
      const code = await errorCode(response);
      // A missing bucket is a misconfiguration, not a missing file.
      if (response.status === 404 && code !== "NoSuchBucket") throw new StoredFileNotFoundError(key);
      throw failure("GET", key, response.status, code);
    },
    async remove(key) {
      const response = await request("DELETE", key);
      if (!response.ok && response.status !== 404) throw failure("DELETE", key, response.status, await errorCode(response));
      await response.body?.cancel();
    },
    async adopt(key, stagedPath, contentType) {
      // the signed payload hash needs the bytes: the staged file is read once, sent, then removed
      const bytes = await fs.readFile(stagedPath);
      await this.put(key, bytes, contentType);
      await fs.rm(stagedPath, { force: true });
    },
  };
}

function required(name: string, value: string | undefined): string {
  // env() refuses STORAGE_DRIVER=s3 without these; this only guards a hand-built Env.
  if (!value) throw new Error(`${name} is required when STORAGE_DRIVER=s3`);
  return value;
}

export function storeFromEnv(e: Env): AttachmentStore {
  if (e.STORAGE_DRIVER === "local") return localStore(e.UPLOAD_DIR);
  return s3Store({
    endpoint: required("S3_ENDPOINT", e.S3_ENDPOINT),
    region: e.S3_REGION,
    bucket: required("S3_BUCKET", e.S3_BUCKET),
    accessKeyId: required("S3_ACCESS_KEY_ID", e.S3_ACCESS_KEY_ID),
    secretAccessKey: required("S3_SECRET_ACCESS_KEY", e.S3_SECRET_ACCESS_KEY),
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
  });
}

let configured: AttachmentStore | undefined;

function store(): AttachmentStore {
  configured ??= storeFromEnv(env());
  return configured;
}

export async function storeFile(
  bytes: Uint8Array,
  at: Date = new Date(),
  contentType = "application/octet-stream",
): Promise<{ storageKey: string; sha256: string; size: number }> {
  const storageKey = `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, "0")}/${crypto.randomUUID()}`;
  await store().put(storageKey, bytes, contentType);
  return { storageKey, sha256: crypto.createHash("sha256").update(bytes).digest("hex"), size: bytes.length };
}

export async function readStoredFile(storageKey: string): Promise<Buffer> {
  return store().get(storageKey);
}

// ───────────── Streamed uploads: staged first, adopted once the row may be written ─────────────

/** Why a streamed upload was refused while it was read. */
export class UploadRejectedError extends Error {
  constructor(readonly reason: "tooLarge" | "content" | "empty") {
    super(`upload rejected: ${reason}`);
    this.name = "UploadRejectedError";
  }
}

export interface StagedFile {
  stagedId: string;
  size: number;
  sha256: string;
}

const STAGED_ID = /^[0-9a-f-]{36}$/;

/** Staged files live in UPLOAD_DIR/.staging: never a storage key, so never served. */
function stagingDirectory(): string {
  return path.resolve(env().UPLOAD_DIR, ".staging");
}

export function stagedPathOf(stagedId: string): string {
  if (!STAGED_ID.test(stagedId)) throw new Error("not a staged id");
  return path.join(stagingDirectory(), stagedId);
}

/**
 * Writes a stream to a staging file chunk by chunk (never the whole body in memory), hashing and
 * counting as it goes. `head` decides on the first bytes ("more": not enough yet). Past `maxBytes`,
 * on a refused head, or when the stream fails (the client went away), the staging file is removed
 * and the error thrown; the rest of the stream is then the caller's to drain or drop.
 */
export async function stageStream(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  limits: { maxBytes: number; head: (first: Uint8Array, ended: boolean) => "ok" | "content" | "more"; headBytes: number },
): Promise<StagedFile> {
  const stagedId = crypto.randomUUID();
  const file = stagedPathOf(stagedId);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file, { flags: "wx", mode: 0o600 });
  const hash = crypto.createHash("sha256");
  let size = 0;
  let head = new Uint8Array(0);
  let headDone = false;
  try {
    // the file exists once the stream has opened it: a refusal on the first chunk must not race the
    // open, or the removal below runs first and leaves an empty staged file behind
    await once(out, "open");
    for await (const chunk of source) {
      size += chunk.length;
      if (size > limits.maxBytes) throw new UploadRejectedError("tooLarge");
      if (!headDone) {
        const joined = new Uint8Array(head.length + chunk.length);
        joined.set(head);
        joined.set(chunk, head.length);
        head = joined.subarray(0, limits.headBytes);
        const verdict = limits.head(head, false);
        if (verdict === "content") throw new UploadRejectedError("content");
        headDone = verdict === "ok";
      }
      hash.update(chunk);
      // once() rejects if the file stream fails while we wait
      if (!out.write(chunk)) await once(out, "drain");
    }
    if (size === 0) throw new UploadRejectedError("empty");
    if (!headDone && limits.head(head, true) !== "ok") throw new UploadRejectedError("content");
    out.end();
    await once(out, "finish");
    return { stagedId, size, sha256: hash.digest("hex") };
  } catch (error) {
    if (!out.closed) {
      const closed = once(out, "close").catch(() => undefined);
      out.destroy();
      await closed;
    }
    await fs.rm(file, { force: true });
    throw error;
  }
}

export async function discardStaged(stagedId: string): Promise<void> {
  await fs.rm(stagedPathOf(stagedId), { force: true });
}

/** A new storage key: year/month/uuid, never reused. */
export function newStorageKey(at: Date = new Date()): string {
  return `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, "0")}/${crypto.randomUUID()}`;
}

/** Moves a staged file into the store under `storageKey`. */
export async function adoptStaged(stagedId: string, storageKey: string, contentType: string): Promise<void> {
  await store().adopt(checkKey(storageKey), stagedPathOf(stagedId), contentType);
}

/** Removes a stored file (cleaning up after a write that did not commit); a missing one is fine. */
export async function removeStoredFile(storageKey: string): Promise<void> {
  await store().remove(storageKey);
}
