import type { TokenJson } from "@/lib/accounts/account-contract";

/** A token just created, and its secret, which the server never tells again. */
export type CreatedToken = { tokenId: string; secret: string };

/**
 * The secret to show under the form: the new token's, while it still works.
 * Once that token is revoked (here or in another tab) its secret is useless,
 * and leaving it on screen invites someone to copy a dead credential.
 */
export function shownTokenSecret(
  created: CreatedToken | null,
  tokens: readonly Pick<TokenJson, "id" | "revoked">[] | undefined,
): string | null {
  if (!created) return null;
  const listed = tokens?.find((token) => token.id === created.tokenId);
  return listed?.revoked ? null : created.secret;
}
