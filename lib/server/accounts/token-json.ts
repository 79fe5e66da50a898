import "server-only";
import type { TokenJson } from "@/lib/accounts/account-contract";
import type { ApiTokenSummary } from "@/lib/db/api-tokens";

/** A personal API token as the API shows it (never its secret, which only the answer that made it carries). */
export function toTokenJson(token: ApiTokenSummary): TokenJson {
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
