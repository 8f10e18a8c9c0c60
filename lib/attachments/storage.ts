import "server-only";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
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
