import { isIP } from "node:net";
import { z } from "zod";

// The one place the web app reads process.env (STYLE.md habit 8). Not marked server-only because
// proxy.ts needs it too; the ESLint rule keeps lib/server out of client components.

/** One TRUSTED_PROXIES entry: an IPv4/IPv6 address or CIDR; null when it is neither. */
export function parseProxyEntry(raw: string): { address: string; prefix: number; family: "ipv4" | "ipv6" } | null {
  const parts = raw.trim().split("/");
  if (parts.length > 2) return null;
  const [address = "", bits] = parts;
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (bits !== undefined && !/^\d+$/.test(bits))) return null;
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

/** An empty value (`S3_BUCKET=` in an env file) counts as not set. */
const blankAsUnset = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined);

/** where evidence files are kept unless UPLOAD_DIR says otherwise (also read by the backup scripts) */
export const DEFAULT_UPLOAD_DIR = ".data/uploads";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  NEXTAUTH_URL: z.string().url().optional(),
  /** A controlled clock for tests and demos: ISO date-time the app treats as "now". */
  APP_NOW: z.string().datetime({ offset: true }).optional(),
  /** "1" when the database holds the demo county: the sign-in page then lists the demo accounts. */
  DEMO_MODE: z.enum(["0", "1"]).default("0"),
  /** where evidence files are kept: outside the web root, git-ignored */
  UPLOAD_DIR: z.string().min(1).default(DEFAULT_UPLOAD_DIR),
  /** the largest evidence file accepted, in MB (1 MB = 1,048,576 bytes): the server check, the form's text and the API document */
  ATTACHMENT_MAX_MB: blankAsUnset
    .transform((value) => (value === undefined ? 20 : Number(value)))
    .pipe(z.number({ error: "ATTACHMENT_MAX_MB must be a whole number of MB" }).int().min(1).max(1024)),
  /** local: files under UPLOAD_DIR; s3: an S3-compatible bucket (AWS S3, MinIO, OSS/COS in S3 mode) */
  STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
  S3_ENDPOINT: blankAsUnset.pipe(z.url({ protocol: /^https?$/, error: "S3_ENDPOINT must be an http(s) URL" }).optional()),
  S3_REGION: blankAsUnset.transform((value) => value ?? "us-east-1"),
  S3_BUCKET: blankAsUnset,
  S3_ACCESS_KEY_ID: blankAsUnset,
  S3_SECRET_ACCESS_KEY: blankAsUnset,
  /** endpoint/bucket/key rather than bucket.endpoint/key; MinIO and most private deployments want true */
  S3_FORCE_PATH_STYLE: blankAsUnset.pipe(z.stringbool().optional()).transform((value) => value ?? true),
  /** e-mail for notifications (optional): smtp://user:pass@host:587 or smtps://…; sent by the job runner */
  SMTP_URL: blankAsUnset.pipe(z.url({ protocol: /^smtps?$/, error: "SMTP_URL must be an smtp:// or smtps:// URL" }).optional()),
  /** the sender of those e-mails: "县委改革办 <gaige@example.gov.cn>" */
  MAIL_FROM: blankAsUnset.pipe(z.string().max(200, "MAIL_FROM is too long").optional()),
  /**
   * The reverse proxies in front of the app (addresses or CIDRs, comma-separated): X-Forwarded-For
   * hops they added are trusted, and the client is the right-most hop that is not one of them.
   */
  TRUSTED_PROXIES: blankAsUnset
    .transform((value) => value ?? "127.0.0.0/8,::1/128")
    .pipe(
      z
        .string()
        .refine(
          (value) => value.split(",").every((entry) => parseProxyEntry(entry) !== null),
          "TRUSTED_PROXIES must list addresses or CIDRs",
        ),
    ),
  /** "1": this instance runs no background jobs (another instance or `npm run jobs:run` from cron does) */
  JOBS_DISABLED: z.enum(["0", "1"]).default("0"),
});

/** The S3 driver is refused at startup without its bucket and credentials, not at the first upload. */
const checked = schema.superRefine((value, context) => {
  if (value.SMTP_URL && !value.MAIL_FROM)
    context.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "MAIL_FROM is required when SMTP_URL is set" });
  if (value.STORAGE_DRIVER !== "s3") return;
  for (const name of ["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const) {
    if (!value[name]) context.addIssue({ code: "custom", path: [name], message: `${name} is required when STORAGE_DRIVER=s3` });
  }
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Validates an environment; messages name the variable, never its value. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = checked.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  }
  return parsed.data;
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * APP_NOW, read afresh on every call (unlike the rest of the environment), so that a test may move
 * the clock between cases. Undefined when unset; a value that is not an ISO date-time is refused.
 */
export function pinnedNow(): Date | undefined {
  const raw = process.env.APP_NOW;
  if (!raw) return undefined;
  const parsed = schema.shape.APP_NOW.safeParse(raw);
  if (!parsed.success) throw new Error("Invalid environment: APP_NOW: must be an ISO date-time with an offset");
  return new Date(raw);
}
