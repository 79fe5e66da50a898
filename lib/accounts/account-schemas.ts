import { z } from "zod";

/** Request bodies of the account API, shared with the pages that send them. */

/** Sentences, not fragments: the sign-in and sign-up forms show them as they are (lib/http/describe-issue.ts). */
const enterEmail = "Enter an email address.";

export const credentialsSchema = z.object({
  email: z
    .string({ error: enterEmail })
    .trim()
    .max(254, "Enter an email address of at most 254 characters.")
    .email(enterEmail)
    .transform((email) => email.toLowerCase()),
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(256, "Choose a password of at most 256 characters."),
});

export const roleSchema = z.enum(["user", "annotator", "researcher", "admin"]);

export const userChangeSchema = z
  .object({ roles: z.array(roleSchema).max(4).optional(), disabled: z.boolean().optional() })
  .refine((change) => change.roles !== undefined || change.disabled !== undefined, "give roles, disabled, or both");

/** POST /api/tokens: a name, and optionally the days until the token stops working by itself (none: until revoked). */
export const newTokenSchema = z.object({
  name: z.string({ error: "Give the token a name." }).trim().min(1, "Give the token a name.").max(80, "Give the token a name of at most 80 characters."),
  expiresInDays: z.number().int("must be a whole number of days").min(1, "must be at least 1 day").max(3650, "must be at most 3650 days").optional(),
});
