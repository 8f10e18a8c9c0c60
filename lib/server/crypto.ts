import "server-only";
import crypto from "node:crypto";
import { env } from "./env";

// Symmetric encryption of secrets at rest (TOTP seeds) behind one module, so the algorithm can
// move to SM4 for 密评 (SECURITY.md 25) without touching callers. AES-256-GCM, key derived from
// the deployment secret.
const VERSION = "v1";

function key(): Buffer {
  return crypto.createHash("sha256").update(`totp-at-rest:${env().NEXTAUTH_SECRET}`).digest();
}

export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function decryptSecret(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || !data) throw new Error("unreadable sealed secret");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
