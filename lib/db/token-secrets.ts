import "server-only";
import { createHash, randomBytes } from "node:crypto";

/**
 * Session, API token, invitation and password-link tokens: 32 random bytes, base64url, with a readable
 * prefix. Only their sha256 is stored, so a leaked database holds no usable
 * token; sha256 (not a slow hash) is right for 256-bit random secrets.
 */
export function newSecret(prefix: "pts" | "ses" | "inv" | "pwl"): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
