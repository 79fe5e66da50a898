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
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(256, "Choose a password of at most 256 characters."),
});

export const roleSchema = z.enum(["user", "annotator", "researcher", "admin"]);

export const userChangeSchema = z
  .object({ roles: z.array(roleSchema).max(4).optional(), disabled: z.boolean().optional() })
  .refine((change) => change.roles !== undefined || change.disabled !== undefined, "give roles, disabled, or both");

/** POST /api/tokens: a name, and optionally the days until the token stops working by itself (none: until revoked). */
export const newTokenSchema = z.object({
  name: z
    .string({ error: "Give the token a name." })
    .trim()
    .min(1, "Give the token a name.")
    .max(80, "Give the token a name of at most 80 characters."),
  expiresInDays: z
    .number()
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(3650, "must be at most 3650 days")
    .optional(),
});

/** POST /api/auth/sign-up: the credentials, and the invitation link's token when the person came with one. */
export const signUpSchema = credentialsSchema.extend({
  invitation: z.string().trim().min(1).max(100, "That invitation link is not one of ours.").optional(),
});

const linkDays = z
  .number()
  .int("must be a whole number of days")
  .min(1, "must be at least 1 day")
  .max(90, "must be at most 90 days");

/** POST /api/admin/invitations: roles the new account gets besides user, whom it is for, and how long the link works. */
export const newInvitationSchema = z.object({
  roles: z.array(roleSchema).max(4).default([]),
  note: z.string().trim().max(200, "Keep the note under 200 characters.").default(""),
  expiresInDays: linkDays.default(7),
});

/** POST /api/admin/users: an account an admin makes; the person sets their password through the link the answer carries. */
export const newAccountSchema = z.object({
  email: credentialsSchema.shape.email,
  roles: z.array(roleSchema).max(4).default([]),
  expiresInDays: linkDays.default(7),
});

/** POST /api/admin/users/:id/password-link: how long the new link works. */
export const newPasswordLinkSchema = z.object({ expiresInDays: linkDays.default(7) });

/** POST /api/auth/password: the password link's token and the password chosen. */
export const setPasswordSchema = z.object({
  token: z
    .string({ error: "This link is incomplete: open the whole link you were given." })
    .trim()
    .min(1, "This link is incomplete: open the whole link you were given.")
    .max(100),
  password: credentialsSchema.shape.password,
});

/** The account API's answers, as the pages parse them. */

export const userJsonSchema = z.object({
  id: z.string(),
  email: z.string(),
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  createdAt: z.string(),
  /** In the admin list: false for an account an admin made whose person has not used the password link yet. */
  passwordSet: z.boolean().optional(),
});
export type UserJson = z.infer<typeof userJsonSchema>;

export const tokenJsonSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revoked: z.boolean(),
  /** When it stops working by itself; null: until revoked. */
  expiresAt: z.string().nullable(),
});
export type TokenJson = z.infer<typeof tokenJsonSchema>;

export const usersResponseSchema = z.object({ users: z.array(userJsonSchema) });
/** An account changed by an admin, or the one that just signed in, signed up or set its password. */
export const userResponseSchema = z.object({ user: userJsonSchema });

/** GET /api/auth/session: who is signed in; null when nobody is. */
export const sessionResponseSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), roles: z.array(roleSchema) }).nullable(),
});
export const tokensResponseSchema = z.object({ tokens: z.array(tokenJsonSchema) });
export const newTokenResponseSchema = z.object({ token: tokenJsonSchema, secret: z.string() });

export const invitationJsonSchema = z.object({
  id: z.string(),
  roles: z.array(roleSchema),
  note: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  createdBy: z.string(),
});
export type InvitationJson = z.infer<typeof invitationJsonSchema>;

export const signUpPolicySchema = z.object({
  policy: z.enum(["open", "invite", "closed"]),
  perAddressPerHour: z.number(),
});
export const invitationsResponseSchema = z.object({
  signUp: signUpPolicySchema,
  invitations: z.array(invitationJsonSchema),
});
/** The link carries the invitation's token, which the server never tells again. */
export const newInvitationResponseSchema = z.object({ invitation: invitationJsonSchema, url: z.string() });
export const passwordLinkResponseSchema = z.object({ url: z.string(), expiresAt: z.string() });
export const newAccountResponseSchema = z.object({ user: userJsonSchema, passwordLink: passwordLinkResponseSchema });
