import { z } from "zod";

/** Request bodies of the account API, shared with the pages that send them. */

export const credentialsSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254)
    .email("must be an email address")
    .transform((email) => email.toLowerCase()),
  password: z.string().min(1, "is required").max(256, "must be at most 256 characters"),
});

export const roleSchema = z.enum(["user", "annotator", "researcher", "admin"]);

export const userChangeSchema = z
  .object({ roles: z.array(roleSchema).max(4).optional(), disabled: z.boolean().optional() })
  .refine((change) => change.roles !== undefined || change.disabled !== undefined, "give roles, disabled, or both");

/** POST /api/tokens: a name, and optionally the days until the token stops working by itself (none: until revoked). */
export const newTokenSchema = z.object({
  name: z.string().trim().min(1, "is required").max(80, "must be at most 80 characters"),
  expiresInDays: z.number().int("must be a whole number of days").min(1, "must be at least 1 day").max(3650, "must be at most 3650 days").optional(),
});
