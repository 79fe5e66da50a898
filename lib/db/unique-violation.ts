import "server-only";

/**
 * Whether a write failed on a unique index. Prisma reports it as P2002 from
 * its own queries, and drivers as SQLSTATE 23505 (P2010 wraps it for raw SQL).
 */
export function isUniqueViolation(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as { code?: string }).code ?? ""}` : String(error);
  return /P2002|P2010|23505|unique constraint/i.test(text);
}
