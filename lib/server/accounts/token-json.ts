import "server-only";
import type { ApiTokenSummary } from "@/lib/db/api-tokens";

export function toTokenJson(token: ApiTokenSummary) {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revoked: token.revokedAt !== null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
  };
}
