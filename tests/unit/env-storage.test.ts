import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/server/env";

const base = { DATABASE_URL: "postgres://localhost/app", NEXTAUTH_SECRET: "x".repeat(32) };
const s3 = {
  STORAGE_DRIVER: "s3",
  S3_ENDPOINT: "http://minio:9000",
  S3_BUCKET: "evidence",
  S3_ACCESS_KEY_ID: "AKIAEXAMPLE",
  S3_SECRET_ACCESS_KEY: "secret-value-0123456789",
};

describe("attachment storage environment", () => {
  it("keeps files in the local directory unless told otherwise", () => {
    const env = parseEnv(base);
    expect(env.STORAGE_DRIVER).toBe("local");
    expect(env.UPLOAD_DIR).toBe(".data/uploads");
  });

  it("accepts an S3 driver with defaults for region and path style", () => {
    const env = parseEnv({ ...base, ...s3 });
    expect(env).toMatchObject({ STORAGE_DRIVER: "s3", S3_REGION: "us-east-1", S3_FORCE_PATH_STYLE: true, S3_BUCKET: "evidence" });
    expect(parseEnv({ ...base, ...s3, S3_REGION: "cn-hangzhou", S3_FORCE_PATH_STYLE: "false" })).toMatchObject({
      S3_REGION: "cn-hangzhou",
      S3_FORCE_PATH_STYLE: false,
    });
  });

  it("refuses an S3 driver without endpoint, bucket or credentials, naming each, blank values included", () => {
    expect(() => parseEnv({ ...base, STORAGE_DRIVER: "s3", S3_BUCKET: "" })).toThrow(
      /S3_ENDPOINT: S3_ENDPOINT is required when STORAGE_DRIVER=s3; S3_BUCKET: .*; S3_ACCESS_KEY_ID: .*; S3_SECRET_ACCESS_KEY: /,
    );
    // blank S3 values are harmless while the driver is local
    expect(parseEnv({ ...base, S3_BUCKET: "", S3_ENDPOINT: " ", S3_FORCE_PATH_STYLE: "" }).STORAGE_DRIVER).toBe("local");
  });

  it("refuses a malformed endpoint or flag without echoing any value", () => {
    const attempt = () => parseEnv({ ...base, ...s3, S3_ENDPOINT: "ftp://secret-value-0123456789", S3_FORCE_PATH_STYLE: "maybe" });
    expect(attempt).toThrow(/S3_ENDPOINT: S3_ENDPOINT must be an http\(s\) URL; S3_FORCE_PATH_STYLE: /);
    expect(attempt).not.toThrow(/secret-value|maybe/);
  });
});
