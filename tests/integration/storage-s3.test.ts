import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { s3Store, StoredFileNotFoundError, type S3Config } from "@/lib/attachments/storage";

// The S3 driver against s3rver, an in-process S3 server on a free port. s3rver 3.7.1 checks that a
// SigV4 request is well formed (Authorization components, x-amz-content-sha256 present, clock skew)
// and that the access key id exists, but does NOT recompute the signature: a wrong secret key is
// accepted. So the tests check the key id is refused and that what we sign carries the body's hash.

const BUCKET = "evidence";
let server: S3rver;
let directory: string;
let config: S3Config;
const seen: { method: string; path: string; authorization: string; contentSha256: string; contentType: string }[] = [];

const keyAt = (month: string) => `2026/${month}/${crypto.randomUUID()}`;
const sha256 = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

/** Every byte value, then random bytes: a text or encoding bug cannot survive the round trip. */
function binarySample(): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, index) => index)), crypto.randomBytes(200_000)]));
}

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), "s3rver-"));
  server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  // Records what reaches the server; Koa composes its middleware when it starts listening.
  server.middleware.unshift(async (context, next) => {
    seen.push({
      method: context.method,
      path: context.path,
      authorization: context.get("authorization"),
      contentSha256: context.get("x-amz-content-sha256"),
      contentType: context.get("content-type"),
    });
    await next();
  });
  const { port } = await server.run();
  config = {
    endpoint: `http://127.0.0.1:${port}`,
    region: "us-east-1",
    bucket: BUCKET,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    forcePathStyle: true,
  };
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

afterEach(() => {
  seen.length = 0;
});

describe("S3 attachment storage", () => {
  it("reads back byte for byte what it stored, signing the body's SHA-256 and sending its content type", async () => {
    const store = s3Store(config);
    const bytes = binarySample();
    const key = keyAt("11");

    await store.put(key, bytes, "application/pdf");
    const read = await store.get(key);

    expect(read.length).toBe(bytes.length);
    expect(Buffer.compare(read, Buffer.from(bytes))).toBe(0);
    expect(sha256(read)).toBe(sha256(bytes));
    const put = seen.find((request) => request.method === "PUT");
    expect(put).toMatchObject({ path: `/${BUCKET}/${key}`, contentSha256: sha256(bytes), contentType: "application/pdf" });
    // A server that verifies signatures thereby verifies the body: the hash is a signed header.
    expect(put?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=\S*x-amz-content-sha256[;,]/,
    );
  });

  it("fails with StoredFileNotFoundError for a key the bucket does not have, and removes idempotently", async () => {
    const store = s3Store(config);
    const key = keyAt("12");
    await expect(store.get(key)).rejects.toBeInstanceOf(StoredFileNotFoundError);

    await store.put(key, new Uint8Array([1, 2, 3]), "application/octet-stream");
    await store.remove(key);
    await expect(store.get(key)).rejects.toBeInstanceOf(StoredFileNotFoundError);
    await expect(store.remove(key)).resolves.toBeUndefined();
  });

  it("tells a missing bucket apart from a missing file", async () => {
    await expect(s3Store({ ...config, bucket: "no-such-bucket" }).get(keyAt("01"))).rejects.toThrow("404 NoSuchBucket");
  });

  it("is refused with credentials the server does not know, without echoing the secret", async () => {
    const store = s3Store({ ...config, accessKeyId: "UNKNOWNKEYID", secretAccessKey: "not-the-secret-0123456789" });
    const failure = store.put(keyAt("11"), new Uint8Array([1]), "application/octet-stream");
    await expect(failure).rejects.toThrow("403 InvalidAccessKeyId");
    await expect(failure).rejects.not.toThrow("not-the-secret");
    await expect(store.get(keyAt("11"))).rejects.toThrow("403 InvalidAccessKeyId");
  });

  it("refuses anything but a storage key before sending a request", async () => {
    const store = s3Store(config);
    await expect(store.get("../../.data/nextauth-secret")).rejects.toThrow("not a storage key");
    await expect(store.put("2026/11/../../x", new Uint8Array([1]), "text/plain")).rejects.toThrow("not a storage key");
    expect(seen).toHaveLength(0);
  });

  it("is what storeFile and readStoredFile use when STORAGE_DRIVER=s3", async () => {
    vi.stubEnv("STORAGE_DRIVER", "s3");
    vi.stubEnv("S3_ENDPOINT", config.endpoint);
    vi.stubEnv("S3_BUCKET", BUCKET);
    vi.stubEnv("S3_ACCESS_KEY_ID", config.accessKeyId);
    vi.stubEnv("S3_SECRET_ACCESS_KEY", config.secretAccessKey);
    vi.resetModules();
    try {
      const { readStoredFile, storeFile } = await import("@/lib/attachments/storage");
      const bytes = binarySample();
      const stored = await storeFile(bytes, new Date("2026-11-22T02:00:00Z"));

      expect(stored.storageKey).toMatch(/^2026\/11\/[0-9a-f-]{36}$/);
      expect(stored.sha256).toBe(sha256(bytes));
      expect(stored.size).toBe(bytes.length);
      expect(Buffer.compare(await readStoredFile(stored.storageKey), Buffer.from(bytes))).toBe(0);
      expect(Buffer.compare(await s3Store(config).get(stored.storageKey), Buffer.from(bytes))).toBe(0);
      expect(fs.existsSync(path.resolve(".data/test-uploads", stored.storageKey))).toBe(false);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
