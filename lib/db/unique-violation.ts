import "server-only";
import { z } from "zod";

/**
 * What the errors of a unique index look like. Prisma reports one from its
 * own queries as P2002. A raw query's failure is P2010 whatever the cause
 * (a division by zero, a lost connection), so for those only the driver's
 * cause says: SQLSTATE 23505. A plain `pg` error carries the SQLSTATE itself.
 */
const uniqueViolation = z.union([
  z.object({ code: z.literal("P2002") }),
  z.object({
    meta: z.object({
      driverAdapterError: z.object({
        cause: z.union([
          z.object({ kind: z.literal("UniqueConstraintViolation") }),
          z.object({ originalCode: z.literal("23505") }),
        ]),
      }),
    }),
  }),
  z.object({ code: z.literal("23505") }),
]);

/** Whether a write failed on a unique index, and on nothing else. */
export function isUniqueViolation(error: unknown): boolean {
  return uniqueViolation.safeParse(error).success;
}
